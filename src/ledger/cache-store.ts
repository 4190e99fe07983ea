/**
 * Keeps the ledger in the GitHub Actions cache (@actions/cache), and offers a
 * write-once "claim" built on the cache's immutable keys.
 *
 * The cache is a side channel: nothing here throws, and every problem comes
 * back as a warning string for the caller to show (the store itself logs only
 * info and debug lines). How it keeps "what was sent is never forgotten":
 *
 * - Entries are immutable, so each save goes under a new key
 *   (`<prefix>-<runId>-<runAttempt>`, then `-2`, `-3`… within a run) and a
 *   restore with the key prefix `<prefix>-` finds the newest.
 * - Just before saving, the newest ledger is restored again and merged in, so
 *   a run that saved meanwhile is not hidden; after saving, the store checks
 *   that its entry is still the newest and, when another run saved in between
 *   and lacks some of our entries, saves the union once more.
 * - A save that could hide history is refused: when the newest ledger could
 *   not be read at all (service error, not a plain miss) and nothing was read
 *   at load either, or when it was written in a newer format. A corrupt newest
 *   ledger, on the other hand, is saved over: its contents are lost to us
 *   anyway, the old entry stays in the cache (entries are immutable), and not
 *   saving would leave every later run stuck on it.
 * - `@actions/cache` reports a miss and a failure the same way (`undefined`,
 *   or -1 for saves) and only tells them apart in its log lines, so the store
 *   watches those lines while a call runs (see watchToolkitReports).
 */
import * as core from '@actions/core'
import { createHash } from 'node:crypto'
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import * as path from 'node:path'
import {
  emptyLedger,
  LedgerFormatError,
  mergeLedgers,
  parseLedgerReport,
  serializeLedger
} from './ledger.js'
import type { Ledger } from '../types.js'
import { errorMessage } from '../util.js'
import {
  CLAIM_FILE,
  claimCacheKey,
  LEDGER_FILE,
  ledgerCacheKey,
  ledgerRestorePrefix
} from '../constants.js'

/** What load() found. */
export interface LedgerLoad {
  /** The newest saved ledger, or an empty one. */
  ledger: Ledger
  /** The cache key it was restored from. */
  restoredKey?: string
  /** Problems worth a `core.warning`, in the user's words. */
  warnings: string[]
  /**
   * False when no cache service is configured or the cache mode rules the
   * ledger out; true when one is, even if it then failed (see warnings).
   * With a ledger ref (durable-ledger.ts): true when either can keep it.
   */
  available: boolean
  /** Set when the run keeps the ledger in a git ref (durable-ledger.ts). */
  durable?: DurableLoad
}

/** What loading found of the ledger ref and of the cache beside it. */
export interface DurableLoad {
  /** The ref exists and was read; it does not exist; it could not be read. */
  ref: 'found' | 'missing' | 'unreadable'
  /** When the ref was created (ISO), when it exists. */
  created?: string
  /** Whether a cache service is configured (LedgerLoad.available, alone). */
  cacheAvailable: boolean
  /** Whether a ledger was restored from the cache. */
  cacheRestored: boolean
  /**
   * The cache held entries the ref lacks: the run saves even when it
   * changes nothing, so that the ref takes them in.
   */
  behind: boolean
}

/** What save() did. */
export interface LedgerSave {
  saved: boolean
  /** The key saved under ('' when nothing was attempted). */
  key: string
  /** The ledger saved: the caller's merged with the newest saved one. */
  ledger: Ledger
  warnings: string[]
}

/** Result of claim(): see LedgerStore.claim. */
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

/**
 * Where the ledger is kept: the Actions cache (createLedgerStore), or a git
 * ref with the cache beside it (durable-ledger.ts).
 */
export interface LedgerStore {
  /** Restore the newest ledger (restore key prefix `<prefix>-`). Never throws. */
  load(): Promise<LedgerLoad>
  /**
   * Merge with the newest saved ledger (restored again just before saving, to
   * pick up a concurrent run's save), then save under a key unique to this
   * run and call: `<prefix>-<runId>-<runAttempt>`, with `-<n>` for later
   * saves in the same run. Never throws. Returns the merged ledger.
   */
  save(ledger: Ledger): Promise<LedgerSave>
  /**
   * Claim a name once across all runs of the repository, using the cache's
   * write-once keys as a lock (`<prefix>-claim-<sha256(name), 32 hex>`):
   * 'won' if this call created the entry, 'taken' if it already existed,
   * 'unknown' if the service could not tell (errors, timeouts, no service,
   * a cache mode without writes, or a claim still being written by another
   * run). A claim lasts as long as the cache keeps the entry (7 days unused).
   * Never throws.
   */
  claim(name: string): Promise<ClaimResult>
  /**
   * Claim many names at once (the ledger ref: one commit for all). Optional;
   * an undefined answer means "claim one by one with claim()". Never throws.
   */
  claimMany?(names: string[]): Promise<ClaimBatch | undefined>
}

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
const actionsCache: CacheClient = {
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

const NO_SERVICE =
  'no cache service: the ledger cannot be kept; pings are deduplicated by the push’s diff only'
const DEFAULT_TIMEOUT_MS = 60_000
/** Extra saves when other runs keep saving right after us. */
const MAX_RESAVES = 2

/** Creates the store; nothing touches the cache until a method is called. */
export function createLedgerStore(options: LedgerStoreOptions): LedgerStore {
  const cache = options.cache ?? actionsCache
  const dir = path.resolve(options.dir)
  // The cache version hashes the paths exactly as given, so they are built
  // from options.dir as written, not from the resolved directory.
  const ledgerPath = path.join(options.dir, LEDGER_FILE)
  const claimPath = path.join(options.dir, CLAIM_FILE)
  const ledgerFile = path.join(dir, LEDGER_FILE)
  const claimFile = path.join(dir, CLAIM_FILE)
  const runKey = ledgerCacheKey(
    options.prefix,
    options.runId,
    options.runAttempt
  )
  const restorePrefix = ledgerRestorePrefix(options.prefix)
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS

  let saves = 0
  let unavailableSaid = false
  /** Set when a call timed out: its work may still land on disk later. */
  let stalled: string | undefined
  /** The newest ledger read so far in this run (load or save). */
  let base: Ledger | undefined
  /** True once a restore in this run read the newest ledger or saw none. */
  let historyKnown = false

  /** Why the cache cannot be used at all, if it cannot. */
  async function unavailableReason(): Promise<string | undefined> {
    if (!(await cache.isFeatureAvailable())) {
      return NO_SERVICE
    }
    const mode = cacheMode()
    if (mode === 'none') {
      return `the cache mode is 'none': the ledger cannot be kept; pings are deduplicated by the push’s diff only`
    }
    if (mode === 'write-only') {
      // Saving without reading could hide the saved history, so a mode that
      // forbids reads makes the ledger useless.
      return `the cache mode is 'write-only': the ledger cannot be read, so it is not kept; pings are deduplicated by the push’s diff only`
    }
    return undefined
  }

  /** Runs a cache call with the timeout, never throwing. */
  async function call<T>(
    what: string,
    operation: () => Promise<T>
  ): Promise<CallResult<T>> {
    if (stalled) return { reports: [], problem: stalled }
    let timer: NodeJS.Timeout | undefined
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs)
    })
    try {
      const outcome = await Promise.race([
        watchToolkitReports(operation),
        timeout
      ])
      if (outcome === 'timeout') {
        stalled = `the cache service did not answer within ${timeoutMs / 1000} s (${what}); the cache is not used for the rest of this run`
        return { reports: [], problem: stalled }
      }
      return outcome
    } catch (error) {
      return { reports: [], problem: errorMessage(error) }
    } finally {
      clearTimeout(timer)
    }
  }

  /**
   * Restores the newest ledger into place and reads it. `known` is false
   * when the toolkit reported a failure, i.e. "no ledger" is not certain.
   */
  async function restoreNewest(): Promise<Restored> {
    await rm(ledgerFile, { force: true })
    const result = await call('restoring the ledger', () =>
      cache.restoreCache([ledgerPath], restorePrefix, [restorePrefix])
    )
    const failure = result.problem ?? result.reports[0]
    if (result.value === undefined) {
      if (failure !== undefined) {
        return {
          known: false,
          failure: `could not read the saved ledger: ${failure}`
        }
      }
      historyKnown = true
      return { known: true }
    }
    const key = result.value
    let text: string
    try {
      text = await readFile(ledgerFile, 'utf8')
    } catch (error) {
      return {
        known: false,
        key,
        failure: `the cache entry ${key} held no readable ledger file: ${errorMessage(error)}`
      }
    }
    try {
      const { ledger, dropped } = parseLedgerReport(text)
      base = base ? mergeLedgers(base, ledger) : ledger
      historyKnown = true
      return {
        known: true,
        key,
        ledger,
        warnings:
          dropped > 0
            ? [
                `the saved ledger ${key} had ${dropped} unreadable ${dropped === 1 ? 'entry' : 'entries'}; ${dropped === 1 ? 'it was' : 'they were'} dropped`
              ]
            : []
      }
    } catch (error) {
      const problem =
        error instanceof LedgerFormatError ? error.problem : 'corrupt'
      // The newest is known to be unusable: saving over it hides nothing.
      if (problem === 'corrupt') historyKnown = true
      return {
        known: true,
        key,
        problem,
        failure: `the saved ledger ${key} is unusable (${errorMessage(error)})`
      }
    }
  }

  async function load(): Promise<LedgerLoad> {
    const reason = await unavailableReason()
    if (reason) {
      unavailableSaid = true
      return { ledger: emptyLedger(), warnings: [reason], available: false }
    }
    return withDirLock(dir, async () => {
      const restored = await restoreNewest()
      const warnings = [...(restored.warnings ?? [])]
      if (restored.known && !restored.key) {
        core.info(
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
        core.info(
          `Restored the ledger from ${restored.key} (${Object.keys(restored.ledger.entries).length} entries).`
        )
      }
      return {
        ledger: restored.ledger ?? emptyLedger(),
        ...(restored.ledger && restored.key
          ? { restoredKey: restored.key }
          : {}),
        warnings,
        available: true
      }
    })
  }

  async function save(ledger: Ledger): Promise<LedgerSave> {
    const reason = await unavailableReason()
    if (reason) {
      const warnings = unavailableSaid ? [] : [reason]
      unavailableSaid = true
      return { saved: false, key: '', ledger, warnings }
    }
    const mode = cacheMode()
    if (!isWritable(mode)) {
      return {
        saved: false,
        key: '',
        ledger,
        warnings: [
          `the cache mode '${mode}' does not permit writes: this run’s ledger is not saved`
        ]
      }
    }
    return withDirLock(dir, () => saveLocked(ledger))
  }

  async function saveLocked(ledger: Ledger): Promise<LedgerSave> {
    const warnings: string[] = []
    const restored = await restoreNewest()
    warnings.push(...(restored.warnings ?? []))
    if (restored.problem === 'unsupported-version') {
      warnings.push(
        `${restored.failure}; not saving over a ledger of a newer format`
      )
      return { saved: false, key: '', ledger, warnings }
    }
    if (restored.failure && restored.problem !== 'corrupt') {
      if (!historyKnown) {
        warnings.push(
          `${restored.failure}; this run’s ledger is not saved, so as not to hide the saved history behind it`
        )
        return { saved: false, key: '', ledger, warnings }
      }
      warnings.push(
        `${restored.failure}; saving this run’s ledger merged with the one read earlier in the run`
      )
    }
    let merged = base ? mergeLedgers(ledger, base) : ledger
    let result = await saveAs(merged)
    if (!result.saved && result.keyTaken) {
      // The key exists (or is reserved by an upload that died): keys are
      // write-once, so take the run's next one.
      core.info(`${result.warnings.join(' ')}; trying the next key.`)
      result = await saveAs(merged)
    }
    warnings.push(...result.warnings)
    if (!result.saved) return { ...result, ledger: merged, warnings }

    // Another run may have saved after our re-restore; if its ledger lacks
    // some of ours, the newest would hide them, so save the union again.
    for (let round = 0; round < MAX_RESAVES; round += 1) {
      const newest = await call('checking the newest ledger', () =>
        cache.restoreCache([ledgerPath], restorePrefix, [restorePrefix], {
          lookupOnly: true
        })
      )
      if (newest.value === undefined || newest.value === result.key) break
      const theirs = await restoreNewest()
      if (!theirs.ledger) break
      const union = mergeLedgers(merged, theirs.ledger)
      if (serializeLedger(union) === serializeLedger(theirs.ledger)) break
      core.info(
        `${theirs.key} was saved meanwhile without some of this run’s entries; saving the union.`
      )
      merged = union
      const again = await saveAs(merged)
      warnings.push(...again.warnings)
      if (!again.saved) break
      result = again
    }
    return { saved: true, key: result.key, ledger: merged, warnings }
  }

  /** Writes the ledger file and saves it under the run's next key. */
  async function saveAs(ledger: Ledger): Promise<SaveAttempt> {
    saves += 1
    // Every attempt takes a fresh key: a failed upload may leave its key
    // reserved on the service.
    const key = saves === 1 ? runKey : `${runKey}-${saves}`
    try {
      await mkdir(dir, { recursive: true })
      await writeFile(ledgerFile, serializeLedger(ledger))
    } catch (error) {
      return {
        saved: false,
        key,
        warnings: [`could not write the ledger file: ${errorMessage(error)}`]
      }
    }
    const result = await call('saving the ledger', () =>
      cache.saveCache([ledgerPath], key)
    )
    if (result.value !== undefined && result.value !== -1) {
      core.info(`Saved the ledger as ${key}.`)
      return { saved: true, key, warnings: [] }
    }
    const why =
      result.problem ??
      result.reports[0] ??
      'the cache service did not accept it'
    return {
      saved: false,
      key,
      warnings: [`could not save the ledger as ${key}: ${why}`],
      keyTaken: result.problem === undefined && RESERVED.test(why)
    }
  }

  async function claim(name: string): Promise<ClaimResult> {
    const hash = createHash('sha256').update(name).digest('hex').slice(0, 32)
    const key = claimCacheKey(options.prefix, hash)
    const mode = cacheMode()
    const reason =
      (await unavailableReason()) ??
      (isWritable(mode) ? undefined : `the cache mode '${mode}' forbids writes`)
    if (reason) {
      core.info(`Cannot claim ${name}: ${reason}.`)
      return 'unknown'
    }
    return withDirLock(dir, async () => {
      try {
        await mkdir(dir, { recursive: true })
        await writeFile(
          claimFile,
          `${JSON.stringify({ name, runId: options.runId, runAttempt: options.runAttempt })}\n`
        )
      } catch (error) {
        core.info(`Cannot claim ${name}: ${errorMessage(error)}.`)
        return 'unknown'
      }
      const saved = await call('claiming', () =>
        cache.saveCache([claimPath], key)
      )
      if (saved.value !== undefined && saved.value !== -1) return 'won'
      // -1 means "key exists" as well as "service error": only an entry we
      // can see settles it. A claim another run is still uploading is not
      // visible yet and stays 'unknown'.
      if (!isReadable(mode)) return 'unknown'
      const found = await call('checking a claim', () =>
        cache.restoreCache([claimPath], key, [], { lookupOnly: true })
      )
      if (found.value === key) return 'taken'
      const why =
        saved.problem ?? saved.reports[0] ?? 'the cache did not take the claim'
      core.info(
        `Cannot tell whether ${name} is claimed: ${why.replace(/\.$/, '')}.`
      )
      return 'unknown'
    })
  }

  return { load, save, claim }
}

interface CallResult<T> {
  value?: T
  /** Failures the toolkit logged during the call. */
  reports: string[]
  /** A thrown error or a timeout. */
  problem?: string
}

interface Restored {
  /** False when a failure makes "no ledger" uncertain. */
  known: boolean
  key?: string
  ledger?: Ledger
  problem?: LedgerFormatError['problem']
  failure?: string
  warnings?: string[]
}

interface SaveAttempt {
  saved: boolean
  key: string
  warnings: string[]
  /** The service refused the key as taken (409 already exists). */
  keyTaken?: boolean
}

/** How @actions/cache reports a key that is already taken. */
const RESERVED = /Unable to reserve cache|already exists/i

/**
 * `ACTIONS_CACHE_MODE` as @actions/cache 6 reads it: none | read | write |
 * write-only, anything else meaning "no restriction". The toolkit enforces it
 * too (restore returns a miss, save -1); reading it here lets the store say
 * why instead of mistaking it for an empty cache.
 */
function cacheMode(): string {
  const mode = (process.env['ACTIONS_CACHE_MODE'] ?? '').trim().toLowerCase()
  return ['none', 'read', 'write', 'write-only'].includes(mode) ? mode : ''
}

function isReadable(mode: string): boolean {
  return mode === '' || mode === 'read' || mode === 'write'
}

function isWritable(mode: string): boolean {
  return mode === '' || mode === 'write' || mode === 'write-only'
}

/** One store call at a time per directory: they share the files in it. */
const dirLocks = new Map<string, Promise<unknown>>()

async function withDirLock<T>(dir: string, work: () => Promise<T>): Promise<T> {
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
