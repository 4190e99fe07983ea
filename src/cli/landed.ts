/**
 * `check --live`'s "Landed" section: did the blog's past pings show on
 * their receivers? The past pings are those a computer can read: the ledger
 * file `send` keeps, and the action's ledger ref when a workflow sets one
 * (the Actions cache is readable only from a workflow). A ping the ledger
 * already saw is shown as such; every other one followed by the landed rule
 * (landed/) gets one look now, with the same reader as the action's. It
 * reads only: nothing is sent, and no ledger is written.
 */
import * as path from 'node:path'
import {
  cacheOnlyRefusal,
  fetchActionLedger,
  findActionSteps,
  type GitRun
} from './action-ledger.js'
import type { Paint } from './terminal.js'
import { FileLedgerStore, LEDGER_FILE } from '../ledger/file-store.js'
import { emptyLedger, mergeLedgers } from '../ledger/ledger.js'
import { landedState } from '../landed/schedule.js'
import { landedOptions, type LandedSettings } from '../landed/step.js'
import { lookable } from '../landed/where.js'
import type { Ledger, LedgerEntry } from '../types.js'
import { errorMessage } from '../util.js'

/** One past ping in the section. */
export interface LandedLine {
  source: string
  post: string
  target: string
  /** Seen (now or before), not seen, given up, or the receiver unreadable. */
  state: 'visible' | 'not-visible' | 'given-up' | 'unknown'
  message: string
}

/** The section: its lines, and where the pings came from or why not. */
export interface LandedSection {
  lines: LandedLine[]
  notes: string[]
}

/** The past pings this computer can read, with notes on what it cannot. */
export async function pastLedger(
  top: string,
  git: GitRun
): Promise<{ ledger: Ledger; notes: string[] }> {
  const notes: string[] = []
  let ledger = emptyLedger()
  try {
    const file = await new FileLedgerStore(path.join(top, LEDGER_FILE), {
      now: () => new Date()
    }).read()
    ledger = file.ledger
  } catch (error) {
    notes.push(errorMessage(error))
  }
  const steps = await findActionSteps(top)
  if (cacheOnlyRefusal(steps)) {
    notes.push(
      "A workflow keeps the action's ledger in the Actions cache, which only a workflow can read: the pings it sent are not shown here (set ledger-ref to keep them in the repository)."
    )
  }
  for (const ref of new Set(steps.map((s) => s.ledgerRef))) {
    if (ref === '') continue
    try {
      const read = await fetchActionLedger(git, ref)
      ledger = mergeLedgers(ledger, read.ledger)
    } catch (error) {
      notes.push(errorMessage(error).replace(/ Nothing was sent\.$/, ''))
    }
  }
  return { ledger, notes }
}

/**
 * Look at each followed past ping not seen yet (one look each, spaced per
 * host) and say where each stands.
 */
export async function landedSection(
  ledger: Ledger,
  settings: LandedSettings,
  now: Date
): Promise<LandedLine[]> {
  const lines: LandedLine[] = []
  const toLook: LedgerEntry[] = []
  for (const key of Object.keys(ledger.entries).sort()) {
    const entry = ledger.entries[key] as LedgerEntry
    if (entry.status !== 'sent' || !lookable(entry)) continue
    const state = landedState(entry, now, settings.landedDays)
    if (state.state === 'visible') {
      lines.push(line(entry, 'visible', `visible since ${day(state.since)}`))
    } else if (state.state === 'given-up') {
      lines.push(
        line(entry, 'given-up', `not visible after ${state.days} days`)
      )
    } else if (state.state === 'waiting') {
      toLook.push(entry)
    }
  }
  if (toLook.length === 0) return lines
  const { checkLanded } = await import('../landed/check.js')
  const sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => setTimeout(resolve, ms))
  const looks = await checkLanded(toLook, landedOptions(settings, now, sleep))
  for (const look of looks) {
    const age = Math.floor(
      (now.getTime() - Date.parse(look.entry.updated)) / 86_400_000
    )
    const state =
      look.seen === true
        ? 'visible'
        : look.seen === false
          ? 'not-visible'
          : 'unknown'
    lines.push(
      line(look.entry, state, `${look.message} (sent ${age} day(s) ago)`)
    )
  }
  return lines
}

function line(
  entry: LedgerEntry,
  state: LandedLine['state'],
  message: string
): LandedLine {
  return {
    source: entry.source,
    post: entry.post,
    target: entry.target,
    state,
    message
  }
}

function day(iso: string): string {
  return iso.slice(0, 10)
}

const LABELS: Record<LandedLine['state'], [string, keyof Paint]> = {
  visible: ['visible', 'green'],
  'not-visible': ['not yet', 'yellow'],
  'given-up': ['given up', 'red'],
  unknown: ['unknown', 'dim']
}

/** The section as terminal lines. */
export function renderLanded(section: LandedSection, paint: Paint): string[] {
  const out = ['', paint.bold('Landed: past pings on their receivers')]
  for (const note of section.notes) out.push(`  ${paint.dim(note)}`)
  if (section.lines.length === 0) {
    out.push('  No sent ping to follow.')
  }
  for (const l of section.lines) {
    const [label, colour] = LABELS[l.state]
    out.push(`  ${paint[colour](label.padEnd(12))} ${l.source} → ${l.target}`)
    out.push(`  ${' '.repeat(12)} ${l.message}`)
  }
  return out
}
