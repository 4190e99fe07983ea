/**
 * The ledger ref with the cache beside it: what loading merges, where
 * claims go (the ref; the cache too while the ref is young; the cache alone
 * when the token cannot write a ref that does not exist; nowhere when it
 * exists), and where saves go. The ref is the loopback Git Data API; the
 * cache is a plain in-memory store.
 */
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals'
import type { Ledger } from '../../src/types.js'
import type { ClaimResult, LedgerStore } from '../../src/ledger/cache-store.js'
import {
  startGitHubApi,
  type GitHubApi
} from '../../scripts/peers/github-api.mjs'
import { makeRepo, type TempRepo } from '../support/repo.js'

const warnings: string[] = []
const actual = await import('@actions/core')
jest.unstable_mockModule('@actions/core', () => ({
  ...actual,
  info: () => undefined,
  warning: (message: string | Error) => warnings.push(String(message))
}))
const { createDurableLedgerStore } = await import('../../src/ledger/durable.js')
const { createLedgerRefApi } = await import('../../src/github/api.js')
const { createLedgerRefStore } = await import('../../src/ledger/ref-store.js')
const { emptyLedger, mergeLedgers, recordOutcome } =
  await import('../../src/ledger/ledger.js')

const NOW = new Date('2026-11-25T12:00:00Z')
const DAY = 86_400_000

/** The Actions cache as a plain object: a ledger and write-once claims. */
interface MemoryCache extends LedgerStore {
  ledger?: Ledger
  claims: Set<string>
  saves: number
}

function memoryCache(ledger?: Ledger): MemoryCache {
  const cache: MemoryCache = {
    ledger,
    claims: new Set(),
    saves: 0,
    load: async () => ({
      ledger: cache.ledger ?? emptyLedger(),
      ...(cache.ledger ? { restoredKey: 'trackback-ledger-1-1' } : {}),
      warnings: [],
      available: true
    }),
    save: async (next) => {
      cache.saves += 1
      cache.ledger = cache.ledger ? mergeLedgers(next, cache.ledger) : next
      return {
        saved: true,
        key: `trackback-ledger-9-${cache.saves}`,
        ledger: cache.ledger,
        warnings: []
      }
    },
    claim: async (name): Promise<ClaimResult> => {
      if (cache.claims.has(name)) return 'taken'
      cache.claims.add(name)
      return 'won'
    }
  }
  return cache
}

function ledgerWith(ping: string): Ledger {
  return recordOutcome(
    emptyLedger(),
    { post: 'https://b.example/p', ping, source: 'p.md', target: ping },
    'failed',
    { now: new Date('2026-11-20T00:00:00Z'), maxAttempts: 5 }
  )
}

describe('the durable ledger: the ref, with the cache beside it', () => {
  let repo: TempRepo
  let api: GitHubApi
  let refs = 0

  function homes(
    ref: string,
    cache: MemoryCache,
    now = NOW
  ): ReturnType<typeof createDurableLedgerStore> {
    return createDurableLedgerStore({
      refName: ref,
      cache,
      now: () => now,
      ref: createLedgerRefStore({
        api: createLedgerRefApi('t', 'octo', 'blog', ref, api.url, 5000),
        ref,
        runId: '7',
        runAttempt: '1',
        now: () => now,
        sleep: async () => undefined
      })
    })
  }
  const freshRef = (): string => `refs/trackback-action/durable-${++refs}`

  beforeAll(async () => {
    repo = makeRepo()
    repo.write('index.md', '# Home\n')
    repo.commit('start')
    api = await startGitHubApi({ repoDir: repo.dir })
  })
  afterAll(async () => {
    await api?.close()
    repo?.cleanup()
  })

  it('loads both and merges them; a ref lacking the cache’s entries is behind', async () => {
    const ref = freshRef()
    await homes(ref, memoryCache()).save(ledgerWith('https://x.example/1'))
    const store = homes(ref, memoryCache(ledgerWith('https://x.example/2')))
    const loaded = await store.load()
    expect(Object.keys(loaded.ledger.entries)).toHaveLength(2)
    expect(loaded.durable).toMatchObject({
      ref: 'found',
      created: NOW.toISOString(),
      cacheAvailable: true,
      cacheRestored: true,
      behind: true
    })
    expect(loaded.restoredKey).toMatch(new RegExp(`^${ref}@`))
  })

  it('a ref that does not exist yet is not behind (it is created by the first write)', async () => {
    const loaded = await homes(
      freshRef(),
      memoryCache(ledgerWith('https://x.example/2'))
    ).load()
    expect(loaded.durable).toMatchObject({ ref: 'missing', behind: false })
    expect(loaded.restoredKey).toBe('trackback-ledger-1-1')
  })

  it('claims in the ref, and while it is young in the cache too, whose "taken" wins', async () => {
    const ref = freshRef()
    const cache = memoryCache()
    cache.claims.add('b#0') // a run that started before the ref existed
    const store = homes(ref, cache)
    await store.load()
    const batch = await store.claimMany?.(['a#0', 'b#0'])
    expect(batch).toEqual({ results: ['won', 'taken'], permanent: true })
    expect([...cache.claims].sort()).toEqual(['a#0', 'b#0'])
  })

  it('a ref older than 7 days: the cache is not asked', async () => {
    const ref = freshRef()
    await homes(ref, memoryCache(), new Date(NOW.getTime() - 8 * DAY)).save(
      emptyLedger()
    )
    const cache = memoryCache()
    cache.claims.add('b#0')
    const store = homes(ref, cache)
    await store.load()
    expect((await store.claimMany?.(['a#0', 'b#0']))?.results).toEqual([
      'won',
      'won'
    ])
    expect([...cache.claims]).toEqual(['b#0'])
  })

  it('saves to the ref, then mirrors to the cache', async () => {
    const ref = freshRef()
    const cache = memoryCache()
    const store = homes(ref, cache)
    await store.load()
    const saved = await store.save(ledgerWith('https://x.example/1'))
    expect(saved.saved).toBe(true)
    expect(saved.key).toMatch(
      new RegExp(`^${ref}@[0-9a-f]{7} and trackback-ledger-9-1$`)
    )
    expect(repo.git('show', `${ref}:ledger.json`)).toContain('x.example/1')
    expect(Object.keys(cache.ledger?.entries ?? {})).toHaveLength(1)
  })

  describe('a token that cannot write the ref', () => {
    beforeAll(() =>
      api.setFault('git-write', {
        status: 403,
        message: 'Resource not accessible by integration'
      })
    )
    afterAll(() => api.setFault('git-write', undefined))

    it('no ref yet: claims go to the cache one by one, with one warning', async () => {
      warnings.length = 0
      const cache = memoryCache()
      const store = homes(freshRef(), cache)
      await store.load()
      expect(await store.claimMany?.(['a#0'])).toBeUndefined()
      expect(await store.claim('a#0')).toBe('won')
      const saved = await store.save(ledgerWith('https://x.example/1'))
      expect(saved).toMatchObject({ saved: true, key: 'trackback-ledger-9-1' })
      expect(warnings).toHaveLength(1)
      expect(warnings[0]).toMatch(
        /cannot write .*Actions cache only.*contents: write.*ledger-ref: ''/
      )
    })

    it('the ref exists: nothing may be sent, and the warning says why', async () => {
      const ref = freshRef()
      api.setFault('git-write', undefined)
      await homes(ref, memoryCache()).save(emptyLedger())
      api.setFault('git-write', {
        status: 403,
        message: 'Resource not accessible by integration'
      })
      warnings.length = 0
      const cache = memoryCache()
      const store = homes(ref, cache)
      await store.load()
      const batch = await store.claimMany?.(['a#0'])
      expect(batch).toMatchObject({ results: ['unknown'], permanent: true })
      expect(batch?.problem).toMatch(
        /cannot write it \(grant contents: write\)/
      )
      expect(cache.claims.size).toBe(0)
      expect(warnings[0]).toMatch(/sends nothing and holds its pings pending/)
      // Its ledger (the pings it holds) still reaches the cache.
      expect((await store.save(ledgerWith('https://x.example/3'))).key).toBe(
        'trackback-ledger-9-1'
      )
      expect(warnings).toHaveLength(1)
    })
  })
})
