/**
 * The ledger's entries in the Actions cache (cache-store.ts's store): reading
 * the newest back, and saving a new one without hiding history.
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
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { mergeLedgers, serializeLedger } from './ledger.js'
import { LedgerFormatError, parseLedgerReport } from './read-ledger.js'
import {
  callCache,
  cacheMode,
  isWritable,
  RESERVED,
  unavailableReason,
  withDirLock
} from './cache-io.js'
import type { CacheState } from './cache-store.js'
import type { LedgerSave } from './store.js'
import type { Ledger } from '../types.js'
import { errorMessage } from '../util.js'

/** What restoring the newest ledger found. */
export interface Restored {
  /** False when a failure makes "no ledger" uncertain. */
  known: boolean
  key?: string
  ledger?: Ledger
  problem?: LedgerFormatError['problem']
  failure?: string
  warnings?: string[]
}

/** One save under one key. */
interface SaveAttempt {
  saved: boolean
  key: string
  warnings: string[]
  /** The service refused the key as taken (409 already exists). */
  keyTaken?: boolean
}

/** Extra saves when other runs keep saving right after us. */
const MAX_RESAVES = 2

/**
 * Restores the newest ledger into place and reads it. `known` is false
 * when the toolkit reported a failure, i.e. "no ledger" is not certain.
 */
export async function restoreNewest(state: CacheState): Promise<Restored> {
  await rm(state.ledgerFile, { force: true })
  const { restorePrefix } = state
  const result = await callCache(state, 'restoring the ledger', () =>
    state.cache.restoreCache([state.ledgerPath], restorePrefix, [restorePrefix])
  )
  const failure = result.problem ?? result.reports[0]
  if (result.value === undefined) {
    if (failure !== undefined) {
      return {
        known: false,
        failure: `could not read the saved ledger: ${failure}`
      }
    }
    state.historyKnown = true
    return { known: true }
  }
  const key = result.value
  let text: string
  try {
    text = await readFile(state.ledgerFile, 'utf8')
  } catch (error) {
    return {
      known: false,
      key,
      failure: `the cache entry ${key} held no readable ledger file: ${errorMessage(error)}`
    }
  }
  return readRestored(state, key, text)
}

/** Parses a restored ledger file (restoreNewest's second half). */
function readRestored(state: CacheState, key: string, text: string): Restored {
  try {
    const { ledger, dropped } = parseLedgerReport(text)
    state.base = state.base ? mergeLedgers(state.base, ledger) : ledger
    state.historyKnown = true
    const warnings =
      dropped > 0
        ? [
            `the saved ledger ${key} had ${dropped} unreadable ${dropped === 1 ? 'entry' : 'entries'}; ${dropped === 1 ? 'it was' : 'they were'} dropped`
          ]
        : []
    return { known: true, key, ledger, warnings }
  } catch (error) {
    const problem =
      error instanceof LedgerFormatError ? error.problem : 'corrupt'
    // The newest is known to be unusable: saving over it hides nothing.
    if (problem === 'corrupt') state.historyKnown = true
    return {
      known: true,
      key,
      problem,
      failure: `the saved ledger ${key} is unusable (${errorMessage(error)})`
    }
  }
}

export async function saveLedger(
  state: CacheState,
  ledger: Ledger
): Promise<LedgerSave> {
  const reason = await unavailableReason(state.cache)
  if (reason) {
    const warnings = state.unavailableSaid ? [] : [reason]
    state.unavailableSaid = true
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
  return withDirLock(state.dir, () => saveLocked(state, ledger))
}

async function saveLocked(
  state: CacheState,
  ledger: Ledger
): Promise<LedgerSave> {
  const warnings: string[] = []
  const restored = await restoreNewest(state)
  warnings.push(...(restored.warnings ?? []))
  if (restored.problem === 'unsupported-version') {
    warnings.push(
      `${restored.failure}; not saving over a ledger of a newer format`
    )
    return { saved: false, key: '', ledger, warnings }
  }
  if (restored.failure && restored.problem !== 'corrupt') {
    if (!state.historyKnown) {
      warnings.push(
        `${restored.failure}; this run’s ledger is not saved, so as not to hide the saved history behind it`
      )
      return { saved: false, key: '', ledger, warnings }
    }
    warnings.push(
      `${restored.failure}; saving this run’s ledger merged with the one read earlier in the run`
    )
  }
  const merged = state.base ? mergeLedgers(ledger, state.base) : ledger
  let result = await saveAs(state, merged)
  if (!result.saved && result.keyTaken) {
    // The key exists (or is reserved by an upload that died): keys are
    // write-once, so take the run's next one.
    state.log.info(`${result.warnings.join(' ')}; trying the next key.`)
    result = await saveAs(state, merged)
  }
  warnings.push(...result.warnings)
  if (!result.saved) return { ...result, ledger: merged, warnings }
  return saveAgainIfHidden(state, merged, result.key, warnings)
}

/**
 * Another run may have saved after our re-restore; if its ledger lacks
 * some of ours, the newest would hide them, so save the union again.
 */
async function saveAgainIfHidden(
  state: CacheState,
  saved: Ledger,
  savedKey: string,
  warnings: string[]
): Promise<LedgerSave> {
  let merged = saved
  let key = savedKey
  const { restorePrefix } = state
  for (let round = 0; round < MAX_RESAVES; round += 1) {
    const newest = await callCache(state, 'checking the newest ledger', () =>
      state.cache.restoreCache(
        [state.ledgerPath],
        restorePrefix,
        [restorePrefix],
        { lookupOnly: true }
      )
    )
    if (newest.value === undefined || newest.value === key) break
    const theirs = await restoreNewest(state)
    if (!theirs.ledger) break
    const union = mergeLedgers(merged, theirs.ledger)
    if (serializeLedger(union) === serializeLedger(theirs.ledger)) break
    state.log.info(
      `${theirs.key} was saved meanwhile without some of this run’s entries; saving the union.`
    )
    merged = union
    const again = await saveAs(state, merged)
    warnings.push(...again.warnings)
    if (!again.saved) break
    key = again.key
  }
  return { saved: true, key, ledger: merged, warnings }
}

/** Writes the ledger file and saves it under the run's next key. */
async function saveAs(state: CacheState, ledger: Ledger): Promise<SaveAttempt> {
  state.saves += 1
  // Every attempt takes a fresh key: a failed upload may leave its key
  // reserved on the service.
  const key =
    state.saves === 1 ? state.saveKey : `${state.saveKey}-${state.saves}`
  try {
    await mkdir(state.dir, { recursive: true })
    await writeFile(state.ledgerFile, serializeLedger(ledger))
  } catch (error) {
    return {
      saved: false,
      key,
      warnings: [`could not write the ledger file: ${errorMessage(error)}`]
    }
  }
  const result = await callCache(state, 'saving the ledger', () =>
    state.cache.saveCache([state.ledgerPath], key)
  )
  if (result.value !== undefined && result.value !== -1) {
    state.log.info(`Saved the ledger as ${key}.`)
    return { saved: true, key, warnings: [] }
  }
  const why =
    result.problem ?? result.reports[0] ?? 'the cache service did not accept it'
  return {
    saved: false,
    key,
    warnings: [`could not save the ledger as ${key}: ${why}`],
    keyTaken: result.problem === undefined && RESERVED.test(why)
  }
}
