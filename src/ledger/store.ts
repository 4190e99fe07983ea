/**
 * Where the ledger is kept, as the run sees it: the LedgerStore interface
 * and what its calls answer. Two stores implement it, and a run uses one:
 *
 * - the Actions cache (cache-store.ts, cache-claims.ts), the default: no
 *   repository writes, no extra permission, forgotten after 7 days unused;
 * - the ledger ref (ref-store.ts), when `ledger-ref` names one: a git ref of
 *   the repository, kept until someone deletes it. Its first commit takes in
 *   the cache's newest ledger (the seed, SeedSource); after that the cache is
 *   neither read nor written.
 *
 * Stores never throw: problems come back as strings for the caller to show,
 * and a store logs through the StoreLog it is given.
 */
import type { Log } from '../run/plan-run.js'
import type { Ledger } from '../types.js'

/** The log lines a store writes (main.ts hands in the core-backed Log). */
export type StoreLog = Pick<Log, 'info' | 'warning'>

/** What load() found. */
export interface LedgerLoad {
  /** The newest saved ledger, or an empty one. */
  ledger: Ledger
  /** Where it was read from (a cache key, or `<ref>@<commit>`). */
  restoredKey?: string
  /** Problems worth a warning, in the user's words. */
  warnings: string[]
  /**
   * Whether the store can keep a ledger at all. The cache: false when no
   * cache service is configured or the cache mode rules the ledger out. The
   * ledger ref: always true (it is asked even when it then fails, see
   * warnings).
   */
  available: boolean
  /** Set when the ledger lives in a git ref (ref-store.ts). */
  durable?: RefLoad
}

/** What a cache restore answered: the cache's part in the scan rule. */
export interface CacheAnswer {
  /** Whether a cache service is configured (and may be read). */
  available: boolean
  /** The key of the ledger restored, if one was. */
  restoredKey?: string
}

/** What loading found of the ledger ref. */
export interface RefLoad {
  /** The ref exists and was read; it does not exist yet; it could not be read. */
  ref: 'found' | 'missing' | 'unreadable'
  /** When the ref was created (ISO), when it exists. */
  created?: string
  /**
   * For a ref that does not exist yet: what the cache answered for its
   * seed, the ledger its first commit takes in.
   */
  seed?: CacheAnswer
  /**
   * The ref does not hold what this run loaded (it does not exist yet): the
   * run saves even when it changes nothing, which creates the ref with its
   * seed while the cache still has it.
   */
  behind: boolean
}

/** What save() did. */
export interface LedgerSave {
  saved: boolean
  /** Where it was saved ('' when nothing was saved). */
  key: string
  /** The ledger saved: the caller's merged with the newest saved one. */
  ledger: Ledger
  warnings: string[]
}

/** Result of one claim: see LedgerStore.claim. */
export type ClaimResult = 'won' | 'taken' | 'unknown'

/** Result of claimMany(): see LedgerStore.claimMany. */
export interface ClaimBatch {
  /** One result per name, in the order asked. */
  results: ClaimResult[]
  /**
   * True when the ledger ref decided: a won claim lasts forever, and a ping
   * without one must not go out unclaimed (later runs trust the ref's
   * claims, and would not know of it).
   */
  permanent: boolean
  /** Why claims came back 'unknown', in the user's words. */
  problem?: string
}

/** Where the ledger is kept: see the module header. */
export interface LedgerStore {
  /** Reads the newest ledger. Never throws. */
  load(): Promise<LedgerLoad>
  /**
   * Merges the ledger with the newest saved one (read again just before
   * saving, to take in a concurrent run's save) and saves the union. Never
   * throws. Returns the merged ledger.
   */
  save(ledger: Ledger): Promise<LedgerSave>
  /**
   * Claims a name once across all runs of the repository: 'won' if this
   * call made the claim, 'taken' if another did, 'unknown' if the store
   * could not tell. Never throws.
   */
  claim(name: string): Promise<ClaimResult>
  /**
   * Claims many names at once (the ledger ref: one commit for all).
   * Optional; an undefined answer means "claim one by one with claim()".
   * Never throws.
   */
  claimMany?(names: string[]): Promise<ClaimBatch | undefined>
}

/** The ledger a new ledger ref starts from (SeedSource.seed). */
export interface LedgerSeed {
  ledger: Ledger
  /** What the cache answered (the scan rule of a run that creates the ref). */
  answer: CacheAnswer
  /**
   * Set when the ref must not be created from this seed: the cache's newest
   * ledger could not be read (creating the ref would hide it for good), or
   * a newer release wrote it.
   */
  refusal?: string
  /** Problems worth a warning (entries dropped, an unusable ledger). */
  warnings: string[]
}

/** Where a new ledger ref takes its first ledger from (the cache store). */
export interface SeedSource {
  /** Reads the seed. Never throws. */
  seed(): Promise<LedgerSeed>
}
