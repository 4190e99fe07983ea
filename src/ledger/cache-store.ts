/**
 * Keeps the ledger in the GitHub Actions cache (@actions/cache), the
 * default store: the LedgerStore calls over one small state, loading the
 * newest ledger, and reading the seed a new ledger ref starts from. Saving
 * and restoring entries are cache-entries.ts's; claims, cache-claims.ts's;
 * the toolkit calls, cache-io.ts's.
 *
 * The cache is a side channel: nothing here throws, and every problem comes
 * back as a warning string for the caller to show (the store itself logs
 * only info lines). `@actions/cache` reports a miss and a failure the same
 * way (`undefined`, or -1 for saves) and only tells them apart in its log
 * lines, so every call watches those lines (cache-io.ts's callCache): a
 * ledger that could not be read is never mistaken for no ledger.
 */
import * as path from 'node:path'
import { emptyLedger } from './ledger.js'
import { actionsCache, unavailableReason, withDirLock } from './cache-io.js'
import type { CacheClient, CallState } from './cache-io.js'
import { claimInCache } from './cache-claims.js'
import { restoreNewest, saveLedger } from './cache-entries.js'
import type {
  LedgerLoad,
  LedgerSeed,
  LedgerStore,
  SeedSource,
  StoreLog
} from './store.js'
import type { Ledger } from '../types.js'
import {
  CLAIM_FILE,
  LEDGER_FILE,
  ledgerCacheKey,
  ledgerRestorePrefix
} from '../constants.js'

/** Where and under which keys the ledger is kept. */
export interface LedgerStoreOptions {
  /** Cache key prefix, e.g. `trackback-ledger`. No commas. */
  prefix: string
  /** `GITHUB_RUN_ID`. */
  runId: string
  /** `GITHUB_RUN_ATTEMPT`. */
  runAttempt: string
  /**
   * Directory for the ledger file; must be the same path on every run (it is
   * part of the cache version).
   */
  dir: string
  /** Where the store's info lines go. */
  log: StoreLog
  /**
   * Longest wait for one cache call, in ms (default 60 000). The toolkit sets
   * no timeout on its service calls, so a hung service would hang the step;
   * after a timeout the store stops using the cache for the rest of the run.
   */
  timeoutMs?: number
  /**
   * The cache service's client; @actions/cache when omitted. The simulation
   * test hands in an in-memory cache with the service's semantics.
   */
  cache?: CacheClient
}

/** The cache store: a LedgerStore that can also seed a new ledger ref. */
export type CacheLedgerStore = LedgerStore & SeedSource

/** What one cache store knows, shared by its calls (and cache-claims.ts). */
export interface CacheState extends CallState {
  options: LedgerStoreOptions
  cache: CacheClient
  log: StoreLog
  /** The resolved directory, and the files in it. */
  dir: string
  ledgerFile: string
  claimFile: string
  /** The paths as the cache version hashes them (from options.dir as written). */
  ledgerPath: string
  claimPath: string
  /** This run's first save key, and the prefix that restores the newest. */
  saveKey: string
  restorePrefix: string
  /** Saves attempted so far: each takes the next key. */
  saves: number
  unavailableSaid: boolean
  /** The newest ledger read so far in this run (load or save). */
  base?: Ledger
  /** True once a restore in this run read the newest ledger or saw none. */
  historyKnown: boolean
}

const DEFAULT_TIMEOUT_MS = 60_000

/** Creates the store; nothing touches the cache until a method is called. */
export function createLedgerStore(
  options: LedgerStoreOptions
): CacheLedgerStore {
  const state = cacheState(options)
  return {
    load: () => loadLedger(state),
    save: (ledger) => saveLedger(state, ledger),
    claim: (name) => claimInCache(state, name),
    seed: () => seedLedger(state)
  }
}

function cacheState(options: LedgerStoreOptions): CacheState {
  const dir = path.resolve(options.dir)
  return {
    options,
    cache: options.cache ?? actionsCache,
    log: options.log,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    dir,
    ledgerFile: path.join(dir, LEDGER_FILE),
    claimFile: path.join(dir, CLAIM_FILE),
    // The cache version hashes the paths exactly as given, so they are
    // built from options.dir as written, not from the resolved directory.
    ledgerPath: path.join(options.dir, LEDGER_FILE),
    claimPath: path.join(options.dir, CLAIM_FILE),
    saveKey: ledgerCacheKey(options.prefix, options.runId, options.runAttempt),
    restorePrefix: ledgerRestorePrefix(options.prefix),
    saves: 0,
    unavailableSaid: false,
    historyKnown: false
  }
}

async function loadLedger(state: CacheState): Promise<LedgerLoad> {
  const reason = await unavailableReason(state.cache)
  if (reason) {
    state.unavailableSaid = true
    return { ledger: emptyLedger(), warnings: [reason], available: false }
  }
  return withDirLock(state.dir, async () => {
    const restored = await restoreNewest(state)
    const warnings = [...(restored.warnings ?? [])]
    if (restored.known && !restored.key) {
      state.log.info(
        'No saved ledger found (a first run, or the cache entry was evicted after 7 days unused).'
      )
    }
    if (restored.failure) {
      warnings.push(
        restored.problem === 'corrupt'
          ? `${restored.failure}; starting from an empty ledger, which will be saved as the newest (the unusable entry stays in the cache)`
          : restored.problem === 'unsupported-version'
            ? `${restored.failure}; starting from an empty ledger, and this run will not save over it`
            : `${restored.failure}; starting from an empty ledger`
      )
    }
    if (restored.ledger) {
      state.log.info(
        `Restored the ledger from ${restored.key} (${Object.keys(restored.ledger.entries).length} entries).`
      )
    }
    return {
      ledger: restored.ledger ?? emptyLedger(),
      ...(restored.ledger && restored.key ? { restoredKey: restored.key } : {}),
      warnings,
      available: true
    }
  })
}

/**
 * The newest ledger, for a ledger ref's first commit. After that commit the
 * cache is never read again, so a seed that may hide the saved history (the
 * newest could not be read, or a newer release wrote it) is refused: the
 * ref is not created until a run reads the cache. A corrupt newest ledger
 * is lost anyway and seeds nothing.
 */
async function seedLedger(state: CacheState): Promise<LedgerSeed> {
  const reason = await unavailableReason(state.cache)
  if (reason) {
    state.log.info(`The ledger ref starts empty: ${reason.split(':')[0]}.`)
    return { ledger: emptyLedger(), answer: { available: false }, warnings: [] }
  }
  const restored = await withDirLock(state.dir, () => restoreNewest(state))
  const answer = {
    available: true,
    ...(restored.ledger ? { restoredKey: restored.key } : {})
  }
  const warnings = [...(restored.warnings ?? [])]
  if (restored.problem === 'corrupt') {
    warnings.push(`${restored.failure}; the ledger ref starts without it`)
  } else if (restored.failure) {
    return {
      ledger: emptyLedger(),
      answer,
      warnings,
      refusal: `the ledger ref does not exist yet and takes in the Actions cache’s ledger when it is created, but ${restored.failure}; it is not created in this run`
    }
  }
  if (restored.ledger) {
    state.log.info(
      `The ledger ref starts from the cache’s ledger ${restored.key} (${Object.keys(restored.ledger.entries).length} entries).`
    )
  }
  return { ledger: restored.ledger ?? emptyLedger(), answer, warnings }
}
