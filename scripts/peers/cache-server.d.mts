/**
 * Types for cache-server.mjs: a loopback GitHub Actions cache service (v2
 * twirp protocol plus Azure block-blob style uploads) for tests and demos.
 */

/** The twirp methods the @actions/cache 6 client calls. */
export type CacheMethod =
  'CreateCacheEntry' | 'FinalizeCacheEntryUpload' | 'GetCacheEntryDownloadURL'

/** Where a fault applies: a twirp method, the blob PUT/GET, or everything. */
export type FaultTarget = CacheMethod | 'upload' | 'download' | 'any'

/**
 * A misbehaviour to inject. `times` limits how many matching requests it
 * affects (then it clears itself); without it the fault stays until
 * `setFault(undefined)`. `key` limits it to requests about matching cache
 * keys (a string is a prefix; the key of a twirp call, or of the entry a
 * blob URL points to), e.g. `/^trackback-ledger-(?!claim-)/` for ledger
 * saves and restores but not claims.
 *
 * - `error`: answer `status` (default 500). The client retries 500, 502, 503
 *   and 504 on twirp calls (5 attempts from 3 s on), so persistent 5xx makes
 *   a call take about half a minute; other statuses fail at once.
 * - `hang`: accept the request and never answer (until `close()`).
 * - `missing`: 404 `bad_route` for every request, as when no service is there.
 * - `conflict`: 409 `already_exists` on CreateCacheEntry, whatever the key.
 * - `read-only`: CreateCacheEntry answers `ok: false` with the service's
 *   `cache write denied:` message (a token downgraded to read-only).
 * - `read-denied`: GetCacheEntryDownloadURL answers 403 `cache read denied:`.
 */
export type CacheFault = { times?: number; key?: string | RegExp } & (
  | { type: 'error'; method?: FaultTarget; status?: number }
  | { type: 'hang'; method?: FaultTarget }
  | { type: 'missing'; method?: FaultTarget }
  | { type: 'conflict' }
  | { type: 'read-only' }
  | { type: 'read-denied' }
)

/** A finalized cache entry as listed by `entries()`. */
export interface CacheServerEntry {
  key: string
  version: string
  /** Archive size in bytes. */
  size: number
  /** ISO time the entry was finalized. */
  createdAt: string
}

/** One request the server received. */
export interface CacheServerRequest {
  method: string
  path: string
  /** HTTP status answered (0 while unanswered). */
  status: number
}

export interface CacheServerOptions {
  /** Port on 127.0.0.1; default: a free one. */
  port?: number
  /** The runtime token to require as Bearer; default a fixed test value. */
  token?: string
  /**
   * Called when an entry becomes final, before the client gets the answer;
   * the answer waits for a returned promise.
   */
  afterFinalize?: (key: string) => void | Promise<void>
}

export interface CacheServer {
  /** The ACTIONS_RESULTS_URL value, with a trailing slash. */
  url: string
  /** The runtime token the server requires. */
  token: string
  /** ACTIONS_CACHE_SERVICE_V2, ACTIONS_RESULTS_URL, ACTIONS_RUNTIME_TOKEN. */
  env(): Record<string, string>
  /** Finalized entries, oldest first. */
  entries(): CacheServerEntry[]
  /** The archive bytes of the newest finalized entry with this key. */
  read(key: string, version?: string): Buffer | undefined
  /** Every request so far, in arrival order. */
  requests(): CacheServerRequest[]
  /** Deletes entries (all without a predicate), like the 7-day eviction. */
  evict(keyPredicate?: (key: string) => boolean): number
  /** Sets or clears the fault. */
  setFault(fault: CacheFault | undefined): void
  /** Stops listening and destroys open sockets (hanging requests too). */
  close(): Promise<void>
}

/** Starts a cache service on 127.0.0.1. */
export function startCacheServer(
  options?: CacheServerOptions
): Promise<CacheServer>
