/**
 * The action's names, limits and defaults in one place: who it says it is,
 * the cache keys and ledger file names it writes, how long the cache keeps
 * them, and the caps every request and every input is held to. Rules live
 * in their folders; the numbers they share live here.
 */

// --- Identity -------------------------------------------------------------

/** The action's version; a test keeps it equal to package.json's. */
export const VERSION = '1.0.0'

/** Where people find out what sent them a ping. */
export const PROJECT_URL =
  'https://github.com/marketplace/actions/trackback-for-static-blogs'

/** Sent with every request so receivers know who is calling. */
export const USER_AGENT = `trackback-action/${VERSION} (+${PROJECT_URL})`

// --- The ledger in the Actions cache ----------------------------------------

/** Days the Actions cache keeps an entry nobody restores. */
export const CACHE_EVICTION_DAYS = 7

/** The ledger's file name, in a cache entry and in the ledger ref's tree. */
export const LEDGER_FILE = 'ledger.json'

/**
 * A claim's file name in the cache. A separate file gives a separate cache
 * version: a restore of `<prefix>-` for the ledger can never match a claim
 * entry, whose key has the same prefix.
 */
export const CLAIM_FILE = 'claim.json'

/** The claims' file name in the ledger ref's tree. */
export const CLAIMS_FILE = 'claims.json'

/** The cache key a run saves its ledger under: `<prefix>-<run id>-<attempt>`. */
export function ledgerCacheKey(
  prefix: string,
  runId: string,
  runAttempt: string
): string {
  return `${prefix}-${runId}-${runAttempt}`
}

/** The prefix that restores the newest ledger of any run. */
export function ledgerRestorePrefix(prefix: string): string {
  return `${prefix}-`
}

/** The cache key of a claim, from the hash of the claimed name. */
export function claimCacheKey(prefix: string, nameHash: string): string {
  return `${prefix}-claim-${nameHash}`
}

// --- Caps on what receivers and pages send back ------------------------------

/** The most of a receiver's answer that is read (a TrackBack answer is a few hundred bytes). */
export const MAX_RESPONSE_BYTES = 64 * 1024

/** Bytes of an article page read to discover its endpoints: the head and then some. */
export const DISCOVERY_PAGE_BYTES = 512 * 1024

/** How long WordPress refuses a second accepted ping from the same address. */
export const FLOOD_WAIT_MS = 15_000

// --- Caps on what users write -------------------------------------------------

/** The longest target (URL or arXiv id) read from front matter. */
export const MAX_TARGET_LENGTH = 2048

/** Targets per post unless the `max-targets` input says otherwise. */
export const DEFAULT_TARGET_LIMIT = 100

/** Front matter longer than this is refused before parsing. */
export const MAX_FRONT_MATTER_LENGTH = 256 * 1024

/** Deeper nesting in front matter is refused. */
export const MAX_FRONT_MATTER_DEPTH = 100

/** A post source larger than this is not read. */
export const MAX_SOURCE_BYTES = 5 * 1024 * 1024

/** Bytes of a receiver's page or arXiv's Turtle export a landed check reads. */
export const LANDED_MAX_BYTES = 2 * 1024 * 1024
