/**
 * For the ledger ref's tests: a loopback Git Data API over a temporary
 * repository (its refs move by compare-and-swap), ref stores on it through
 * the real Octokit adapter, seed sources, and small ledgers.
 */
import { afterAll, beforeAll } from '@jest/globals'
import { createLedgerRefApi } from '../../src/github/git-data.js'
import { emptyLedger, recordOutcome } from '../../src/ledger/ledger.js'
import {
  createLedgerRefStore,
  type LedgerRefStore
} from '../../src/ledger/ref-store.js'
import type { LedgerSeed, SeedSource } from '../../src/ledger/store.js'
import type { Ledger } from '../../src/types.js'
import {
  startGitHubApi,
  type GitHubApi
} from '../../scripts/peers/github-api.mjs'
import { makeRepo, type TempRepo } from './repo.js'

/** What a store is made with (all optional). */
export interface RefStoreOptions {
  now?: Date
  seed?: SeedSource
  /** Another loopback server over the same repository. */
  server?: GitHubApi
  /** github-token ('' for none). */
  token?: string
}

/** The repository, its API, and stores on them. */
export interface RefBench {
  repo: TempRepo
  api: GitHubApi
  /** The warnings the stores gave (their info lines are dropped). */
  warnings: string[]
  /** A ref name no other test uses. */
  freshRef(): string
  store(ref: string, runId: string, options?: RefStoreOptions): LedgerRefStore
  /** A file of the ref's head commit. */
  show(ref: string, file: string): string
}

/**
 * Starts a repository and its API before the calling describe's tests and
 * stops them after; the bench is ready inside the tests.
 */
export function refBench(name: string): RefBench {
  let refs = 0
  const warnings: string[] = []
  const log = {
    info: () => undefined,
    warning: (line: string) => void warnings.push(line)
  }
  const bench = {
    warnings,
    freshRef: () => `refs/trackback-action/${name}-${++refs}`,
    show: (ref: string, file: string) =>
      bench.repo.git('show', `${ref}:${file}`),
    store(ref: string, runId: string, options: RefStoreOptions = {}) {
      const { now, seed, server = bench.api, token = 't0ken' } = options
      return createLedgerRefStore({
        api: createLedgerRefApi(token, 'octo', 'blog', ref, server.url, 5000),
        ref,
        runId,
        runAttempt: '1',
        sleep: async () => undefined,
        log,
        ...(seed ? { seed } : {}),
        ...(now ? { now: () => now } : {})
      })
    }
  } as RefBench
  beforeAll(async () => {
    bench.repo = makeRepo()
    bench.repo.write('index.md', '# Home\n')
    bench.repo.commit('start')
    bench.api = await startGitHubApi({ repoDir: bench.repo.dir })
  })
  afterAll(async () => {
    await bench.api?.close()
    bench.repo?.cleanup()
  })
  return bench
}

/** A seed source answering `seed` (an empty cache by default), counting calls. */
export function seedOf(
  seed: Partial<LedgerSeed> = {}
): SeedSource & { asked: number } {
  const source = {
    asked: 0,
    seed: async (): Promise<LedgerSeed> => {
      source.asked += 1
      return {
        ledger: emptyLedger(),
        answer: { available: true },
        warnings: [],
        ...seed
      }
    }
  }
  return source
}

/** A ledger with one pair, its ping `ping`, sent or failed. */
export function ledgerWith(ping: string, status: 'sent' | 'failed'): Ledger {
  return recordOutcome(
    emptyLedger(),
    { post: 'https://b.example/p', ping, source: 'p.md', target: ping },
    status,
    { now: new Date('2026-11-20T00:00:00Z'), maxAttempts: 5 }
  )
}
