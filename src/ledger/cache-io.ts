/**
 * The Actions cache as the cache store calls it (cache-store.ts,
 * cache-claims.ts): the three @actions/cache calls, loaded on first use;
 * each call with a timeout and the failures the toolkit only logs; the
 * cache mode; and one store call at a time per directory. Nothing here
 * knows what a ledger is.
 */
import { errorMessage } from '../util.js'

/** The three @actions/cache calls the store makes. */
export interface CacheClient {
  /** Whether a cache service is configured (and a token to reach it). */
  isFeatureAvailable(): boolean | Promise<boolean>
  restoreCache(
    paths: string[],
    primaryKey: string,
    restoreKeys?: string[],
    options?: { lookupOnly?: boolean }
  ): Promise<string | undefined>
  /** The entry's id, or -1 when it was not saved. */
  saveCache(paths: string[], key: string): Promise<number>
}

type ToolkitCache = typeof import('@actions/cache')
let toolkitCache: Promise<ToolkitCache> | undefined

/**
 * @actions/cache (with the Azure storage client) is most of the bundle, so
 * it is loaded on first use: a run without a cache service never loads it,
 * and start-up stays short.
 */
function loadToolkitCache(): Promise<ToolkitCache> {
  toolkitCache ??= import('@actions/cache')
  return toolkitCache
}

/** @actions/cache, available when its service URL and the runtime token are set. */
export const actionsCache: CacheClient = {
  isFeatureAvailable: async () =>
    // The token first: without it the module need not be loaded.
    Boolean(process.env['ACTIONS_RUNTIME_TOKEN']) &&
    (await loadToolkitCache()).isFeatureAvailable(),
  restoreCache: async (paths, primaryKey, restoreKeys, options) =>
    (await loadToolkitCache()).restoreCache(
      paths,
      primaryKey,
      restoreKeys,
      options
    ),
  saveCache: async (paths, key) =>
    (await loadToolkitCache()).saveCache(paths, key)
}

/** What one cache call gave. */
export interface CallResult<T> {
  value?: T
  /** Failures the toolkit logged during the call. */
  reports: string[]
  /** A thrown error or a timeout. */
  problem?: string
}

/** The part of a store's state that its calls share. */
export interface CallState {
  /** Longest wait for one call, in ms. */
  timeoutMs: number
  /** Set when a call timed out: the cache is not used again in this run. */
  stalled?: string
}

/** Runs a cache call with the timeout, never throwing. */
export async function callCache<T>(
  state: CallState,
  what: string,
  operation: () => Promise<T>
): Promise<CallResult<T>> {
  if (state.stalled) return { reports: [], problem: state.stalled }
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), state.timeoutMs)
  })
  try {
    const outcome = await Promise.race([
      watchToolkitReports(operation),
      timeout
    ])
    if (outcome === 'timeout') {
      // Its work may still land on disk later: stop using the cache.
      state.stalled = `the cache service did not answer within ${state.timeoutMs / 1000} s (${what}); the cache is not used for the rest of this run`
      return { reports: [], problem: state.stalled }
    }
    return outcome
  } catch (error) {
    return { reports: [], problem: errorMessage(error) }
  } finally {
    clearTimeout(timer)
  }
}

const NO_LEDGER = 'pings are deduplicated by the push’s diff only'

/** Why the cache cannot keep the ledger at all, if it cannot. */
export async function unavailableReason(
  cache: CacheClient
): Promise<string | undefined> {
  if (!(await cache.isFeatureAvailable())) {
    return `no cache service: the ledger cannot be kept; ${NO_LEDGER}`
  }
  const mode = cacheMode()
  if (mode === 'none') {
    return `the cache mode is 'none': the ledger cannot be kept; ${NO_LEDGER}`
  }
  if (mode === 'write-only') {
    // Saving without reading could hide the saved history, so a mode that
    // forbids reads makes the ledger useless.
    return `the cache mode is 'write-only': the ledger cannot be read, so it is not kept; ${NO_LEDGER}`
  }
  return undefined
}

/** How @actions/cache reports a key that is already taken. */
export const RESERVED = /Unable to reserve cache|already exists/i

/**
 * `ACTIONS_CACHE_MODE` as @actions/cache 6 reads it: none | read | write |
 * write-only, anything else meaning "no restriction". The toolkit enforces it
 * too (restore returns a miss, save -1); reading it here lets the store say
 * why instead of mistaking it for an empty cache.
 */
export function cacheMode(): string {
  const mode = (process.env['ACTIONS_CACHE_MODE'] ?? '').trim().toLowerCase()
  return ['none', 'read', 'write', 'write-only'].includes(mode) ? mode : ''
}

export function isReadable(mode: string): boolean {
  return mode === '' || mode === 'read' || mode === 'write'
}

export function isWritable(mode: string): boolean {
  return mode === '' || mode === 'write' || mode === 'write-only'
}

/** One store call at a time per directory: they share the files in it. */
const dirLocks = new Map<string, Promise<unknown>>()

export async function withDirLock<T>(
  dir: string,
  work: () => Promise<T>
): Promise<T> {
  const previous = dirLocks.get(dir) ?? Promise.resolve()
  const current = previous.then(work, work)
  const settled = current.catch(() => undefined)
  dirLocks.set(dir, settled)
  try {
    return await current
  } finally {
    if (dirLocks.get(dir) === settled) dirLocks.delete(dir)
  }
}

type Write = typeof process.stdout.write
const listeners = new Set<(line: string) => void>()
let originalWrite: Write | undefined

/**
 * Runs a toolkit call and collects the failures it logs. restoreCache and
 * saveCache swallow errors and only log them (`::warning::Failed to
 * restore: …`, `::error::…` for 5xx, `Failed to save: …` for a refused
 * reservation), yet "no entry" and "could not ask" call for different
 * decisions. The lines still reach stdout unchanged. Concurrent calls in one
 * process may see each other's lines, which errs on the side of "unknown".
 */
async function watchToolkitReports<T>(
  operation: () => Promise<T>
): Promise<CallResult<T>> {
  const reports: string[] = []
  const listener = (line: string): void => {
    const report = toolkitFailure(line)
    if (report !== undefined) reports.push(report)
  }
  if (!originalWrite) {
    const original = process.stdout.write
    originalWrite = original
    const patched = function (
      this: NodeJS.WriteStream,
      ...args: unknown[]
    ): boolean {
      const [chunk] = args
      if (typeof chunk === 'string' || chunk instanceof Uint8Array) {
        for (const line of String(chunk).split(/\r?\n/)) {
          for (const notify of listeners) notify(line)
        }
      }
      return Reflect.apply(original, this, args) as boolean
    }
    process.stdout.write = patched as Write
  }
  listeners.add(listener)
  try {
    const value = await operation()
    return { value, reports }
  } finally {
    listeners.delete(listener)
    if (listeners.size === 0 && originalWrite) {
      process.stdout.write = originalWrite
      originalWrite = undefined
    }
  }
}

/** The message of a toolkit log line that reports a failure, if it is one. */
function toolkitFailure(line: string): string | undefined {
  const command = /^::(warning|error)(?: [^:]*)?::(.*)$/.exec(line)
  if (command) return unescapeCommandData(command[2] ?? '')
  if (line.startsWith('Failed to ')) return line
  return undefined
}

function unescapeCommandData(text: string): string {
  return text
    .replaceAll('%0D', '\r')
    .replaceAll('%0A', '\n')
    .replaceAll('%25', '%')
}
