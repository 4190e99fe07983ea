/**
 * What the report shows of sent pings' landing: the rows of the job
 * summary's "Landed" section, and `visible` on the `results` rows. Pure:
 * the ledger and the time in, plain rows out.
 */
import { entryFor } from '../ledger/ledger.js'
import type { Ledger, LedgerEntry, Result } from '../types.js'
import { landedState } from './schedule.js'
import { lookable } from './where.js'

/** One sent ping in the Landed section. */
export interface LandedRow {
  /** The post's source path. */
  source: string
  post: string
  target: string
  ping: string
  /** A Webmention receiver's status page, when it gave one. */
  statusUrl?: string
  /** visible: since when; waiting: days since sending; given-up: days. */
  since?: string
  days?: number
}

/** The Landed section: pings seen, still looked for, and given up. */
export interface LandedReport {
  /** Seen on their receivers within the last `days` days. */
  visible: LandedRow[]
  /** Sent and not seen yet: looked for again later. */
  waiting: LandedRow[]
  /** Not seen within `days` days after sending (within the last `days` days). */
  givenUp: LandedRow[]
  /** The `landed-days` rule the run applied. */
  days: number
}

const DAY_MS = 24 * 60 * 60 * 1000

/**
 * The ledger's followed pings by state. Old news stays out: a ping seen or
 * given up more than `days` days ago is no longer listed.
 */
export function landedReport(
  ledger: Ledger,
  now: Date,
  days: number
): LandedReport {
  const report: LandedReport = { visible: [], waiting: [], givenUp: [], days }
  if (days <= 0) return report
  const recent = (iso: string | undefined): boolean =>
    iso !== undefined && now.getTime() - Date.parse(iso) <= days * DAY_MS
  for (const key of Object.keys(ledger.entries).sort()) {
    const entry = ledger.entries[key] as LedgerEntry
    if (entry.status !== 'sent' || !lookable(entry)) continue
    const state = landedState(entry, now, days)
    if (state.state === 'visible' && recent(state.since)) {
      report.visible.push({ ...row(entry), since: state.since })
    } else if (state.state === 'waiting') {
      report.waiting.push({ ...row(entry), days: state.ageDays })
    } else if (state.state === 'given-up' && recent(entry.checked)) {
      report.givenUp.push({ ...row(entry), days: state.days })
    }
  }
  return report
}

function row(entry: LedgerEntry): LandedRow {
  return {
    source: entry.source,
    post: entry.post,
    target: entry.target,
    ping: entry.ping,
    ...(entry.statusUrl ? { statusUrl: entry.statusUrl } : {})
  }
}

/**
 * The results with `visible` (and `visibleSince`) on each row whose ping
 * the ledger follows: true once seen, false while waiting or given up.
 */
export function withVisible(
  results: Result[],
  ledger: Ledger,
  now: Date,
  days: number
): Result[] {
  return results.map((r) => {
    if (!r.url || !r.ping) return r
    const entry = entryFor(ledger, r.url, r.ping)
    if (!entry || !lookable(entry)) return r
    const state = landedState(entry, now, days)
    if (state.state === 'visible') {
      return { ...r, visible: true, visibleSince: state.since }
    }
    if (state.state === 'waiting' || state.state === 'given-up') {
      return { ...r, visible: false }
    }
    return r
  })
}
