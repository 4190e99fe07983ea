/**
 * Reading stored ledger text back: a ledger from the cache or the ledger
 * ref is checked field by field, and text that is not a ledger, or that a
 * newer release wrote, is refused with a LedgerFormatError whose `problem`
 * tells the store what it may do (cache-store.ts, ref-files.ts). Writing
 * the text is serializeLedger's (ledger.ts).
 */
import type { Ledger, LedgerEntry, LedgerStatus, Protocol } from '../types.js'
import { isRecord } from '../util.js'
import {
  emptyLedger,
  isDate,
  ledgerKey,
  mergeEntries,
  newestRuns,
  ownEntry
} from './ledger.js'

/** Why stored ledger text could not be used. */
export type LedgerFormatProblem = 'corrupt' | 'unsupported-version'

/**
 * Stored ledger text that cannot be used: not JSON, not a ledger, or a
 * format version this code does not know (written by a newer release).
 */
export class LedgerFormatError extends Error {
  /** `unsupported-version` when the text is a ledger of another version. */
  readonly problem: LedgerFormatProblem
  /** The `version` the text declares, when it declares one. */
  readonly version?: unknown

  constructor(
    message: string,
    problem: LedgerFormatProblem,
    version?: unknown
  ) {
    super(message)
    this.name = 'LedgerFormatError'
    this.problem = problem
    this.version = version
  }
}

/** A parsed ledger and how many stored entries were unusable and dropped. */
export interface LedgerReading {
  ledger: Ledger
  /** Entries dropped because a field was missing or malformed. */
  dropped: number
}

const STATUSES: readonly LedgerStatus[] = [
  'sent',
  'rejected',
  'given-up',
  'failed',
  'pending'
]

/**
 * Parses stored ledger text. Throws LedgerFormatError when the text is not a
 * ledger at all or declares another version (the caller must know: see
 * cache-store.ts and ref-files.ts for what they do then). Individual entries with missing or
 * malformed fields are dropped; parseLedgerReport says how many.
 */
export function parseLedger(text: string): Ledger {
  return parseLedgerReport(text).ledger
}

/** parseLedger, also counting the entries it had to drop. */
export function parseLedgerReport(text: string): LedgerReading {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (error) {
    throw new LedgerFormatError(
      `The ledger is not valid JSON: ${(error as Error).message}`,
      'corrupt'
    )
  }
  if (!isRecord(data)) {
    throw new LedgerFormatError('The ledger is not a JSON object.', 'corrupt')
  }
  if (data.version !== 1) {
    if (typeof data.version === 'number') {
      throw new LedgerFormatError(
        `The ledger has format version ${data.version}; this release reads version 1.`,
        'unsupported-version',
        data.version
      )
    }
    throw new LedgerFormatError(
      'The ledger has no format version.',
      'corrupt',
      data.version
    )
  }
  if (!isRecord(data.entries)) {
    throw new LedgerFormatError(
      'The ledger has no `entries` object.',
      'corrupt'
    )
  }

  const ledger = emptyLedger()
  // A malformed lastCommit/lastRun only costs the next run its base commit,
  // so drop it rather than refuse the whole ledger.
  if (typeof data.lastCommit === 'string' && data.lastCommit !== '') {
    ledger.lastCommit = data.lastCommit
  }
  if (typeof data.lastRun === 'string' && isDate(data.lastRun)) {
    ledger.lastRun = data.lastRun
  }
  if (isRecord(data.runs)) {
    const runs: Record<string, string> = {}
    for (const [id, at] of Object.entries(data.runs)) {
      if (typeof at === 'string' && isDate(at)) runs[id] = at
    }
    const kept = newestRuns(runs)
    if (kept) ledger.runs = kept
  }

  let dropped = 0
  for (const stored of Object.values(data.entries)) {
    const entry = readEntry(stored)
    if (!entry) {
      dropped += 1
      continue
    }
    // The key is derived, not trusted: re-key, and fold duplicates.
    const key = ledgerKey(entry.post, entry.ping)
    const existing = ownEntry(ledger.entries, key)
    ledger.entries[key] = existing ? mergeEntries(existing, entry) : entry
  }
  return { ledger, dropped }
}

/** One stored entry, or undefined when any field is unusable. */
function readEntry(value: unknown): LedgerEntry | undefined {
  if (!isRecord(value)) return undefined
  const { post, ping, source, target, status, attempts, updated } = value
  if (typeof post !== 'string' || post === '') return undefined
  if (typeof ping !== 'string' || ping === '') return undefined
  if (typeof source !== 'string' || typeof target !== 'string') return undefined
  if (!STATUSES.includes(status as LedgerStatus)) return undefined
  if (
    typeof attempts !== 'number' ||
    !Number.isInteger(attempts) ||
    attempts < 0
  ) {
    return undefined
  }
  if (typeof updated !== 'string' || !isDate(updated)) return undefined
  const entry: LedgerEntry = {
    post,
    ping,
    source,
    target,
    status: status as LedgerStatus,
    attempts,
    updated
  }
  if (value.due !== undefined) {
    if (typeof value.due !== 'string' || !isDate(value.due)) return undefined
    entry.due = value.due
  }
  if (value.message !== undefined) {
    if (typeof value.message !== 'string') return undefined
    entry.message = value.message
  }
  if (entry.status === 'sent') readSentFields(value, entry)
  return entry
}

const PROTOCOLS: readonly Protocol[] = ['trackback', 'webmention', 'pingback']

/**
 * What a sent entry may carry besides (how it was sent, what later runs saw
 * of it: landed/). Ledgers older than these fields load without them; a
 * malformed one is dropped alone, costing at most a check more.
 */
function readSentFields(
  value: Record<string, unknown>,
  entry: LedgerEntry
): void {
  const { protocol, statusUrl, checked, visible, notVisibleDays } = value
  if (PROTOCOLS.includes(protocol as Protocol)) {
    entry.protocol = protocol as Protocol
  }
  if (typeof statusUrl === 'string' && /^https?:\/\//i.test(statusUrl)) {
    entry.statusUrl = statusUrl
  }
  if (typeof checked === 'string' && isDate(checked)) entry.checked = checked
  if (typeof visible === 'string' && isDate(visible)) entry.visible = visible
  if (
    typeof notVisibleDays === 'number' &&
    Number.isInteger(notVisibleDays) &&
    notVisibleDays >= 0
  ) {
    entry.notVisibleDays = notVisibleDays
  }
}
