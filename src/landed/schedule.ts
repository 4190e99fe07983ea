/**
 * When to look whether a sent ping shows on its receiver, and what the
 * ledger then says of it. Pure: a ledger entry and the time in, a verdict
 * or a new entry out.
 *
 * The rule: a ping sent at time S is looked at once S + 1, 2, 4, 8, 16 …
 * days have passed, and a last time at S + `days` (the `landed-days`
 * input, 30 by default). A run looks when the newest of those points it has
 * reached is later than the last look, so a run after a long gap looks once,
 * not once per point missed. A ping seen is never looked at again; one not
 * seen at the last look is given up: "not visible after N days". Nothing is
 * ever sent again because of a look.
 *
 * A sent entry never looked at and older than twice `days` predates this
 * rule (or a shorter `landed-days`): it is not followed at all. A receiver
 * that cannot be read at the last look is tried again by each run until
 * twice `days`.
 */
import type { LedgerEntry } from '../types.js'

const DAY_MS = 24 * 60 * 60 * 1000

/** What a run knows of whether a sent ping shows. */
export type LandedState =
  | { state: 'visible'; since: string }
  | { state: 'given-up'; days: number }
  | {
      state: 'waiting'
      /** Whole days since the ping was sent. */
      ageDays: number
      /** Whether a look is due now. */
      due: boolean
    }
  /** Not a sent ping, or one this rule does not follow. */
  | { state: 'untracked' }

/** The ages, in days after sending, at which a ping is looked at. */
export function checkAges(days: number): number[] {
  const ages: number[] = []
  for (let age = 1; age < days; age *= 2) ages.push(age)
  if (days > 0) ages.push(days)
  return ages
}

/** The time a sent entry was sent: its last change (a sent entry never changes). */
function sentAt(entry: LedgerEntry): number {
  return Date.parse(entry.updated)
}

/** The latest look age (days) the ping has reached at `now`, if any. */
function reachedAge(age: number, days: number): number | undefined {
  let reached: number | undefined
  for (const point of checkAges(days)) if (point <= age) reached = point
  return reached
}

/** Where a sent ping stands at `now` under a `days`-day rule. */
export function landedState(
  entry: LedgerEntry,
  now: Date,
  days: number
): LandedState {
  if (entry.status !== 'sent') return { state: 'untracked' }
  if (entry.visible !== undefined) {
    return { state: 'visible', since: entry.visible }
  }
  if (entry.notVisibleDays !== undefined) {
    return { state: 'given-up', days: entry.notVisibleDays }
  }
  const sent = sentAt(entry)
  if (Number.isNaN(sent) || days <= 0) return { state: 'untracked' }
  const ageMs = now.getTime() - sent
  const age = ageMs / DAY_MS
  if (entry.checked === undefined && age >= 2 * days) {
    return { state: 'untracked' }
  }
  const reached = reachedAge(age, days)
  const lookedAt =
    entry.checked === undefined
      ? undefined
      : (Date.parse(entry.checked) - sent) / DAY_MS
  const due =
    reached !== undefined && (lookedAt === undefined || lookedAt < reached)
  return { state: 'waiting', ageDays: Math.floor(Math.max(0, age)), due }
}

/**
 * The entry after a look at `now`: `seen` true marks it visible from now
 * on; false at the last look gives it up. Undefined (the receiver could not
 * be read) only notes the look, except at the last one: that is not noted,
 * so each run tries it again, until twice `days`, when the ping is given up.
 */
export function recordLook(
  entry: LedgerEntry,
  seen: boolean | undefined,
  now: Date,
  days: number
): LedgerEntry {
  const at = now.toISOString()
  if (seen === true) return { ...entry, checked: at, visible: at }
  const age = (now.getTime() - sentAt(entry)) / DAY_MS
  const last = age >= days
  if (seen === undefined && last && age < 2 * days) return entry
  const next: LedgerEntry = { ...entry, checked: at }
  if (last) next.notVisibleDays = Math.floor(age)
  return next
}

/**
 * The entries due a look at `now`, at most `budget` of them: those never
 * looked at first, then the longest unlooked, then in key order.
 */
export function dueLooks(
  entries: Record<string, LedgerEntry>,
  now: Date,
  options: {
    days: number
    budget: number
    /** Whether the ping's receiver shows pings somewhere a run can read. */
    lookable: (entry: LedgerEntry) => boolean
  }
): Array<{ key: string; entry: LedgerEntry }> {
  const due: Array<{ key: string; entry: LedgerEntry }> = []
  for (const key of Object.keys(entries).sort()) {
    const entry = Object.hasOwn(entries, key) ? entries[key] : undefined
    if (!entry || !options.lookable(entry)) continue
    const state = landedState(entry, now, options.days)
    if (state.state === 'waiting' && state.due) due.push({ key, entry })
  }
  // Never looked at sorts first ('' < any ISO time).
  const last = (e: LedgerEntry): string => e.checked ?? ''
  due.sort((a, b) =>
    last(a.entry) < last(b.entry) ? -1 : last(a.entry) > last(b.entry) ? 1 : 0
  )
  return due.slice(0, Math.max(0, options.budget))
}
