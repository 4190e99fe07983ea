/**
 * What the ledger remembers after a run's sending: pings held pending (with
 * when to look again), pairs the plan dropped forgotten, the commit the run
 * reached, and the run itself. Pure: ledger and plan in, ledger out.
 */
import { mergeLedgers, recordOutcomes } from '../ledger/ledger.js'
import type { Plan } from './plan.js'
import type { Range } from '../sources/range.js'
import type { Ledger } from '../types.js'

/** Record pending pings, forget dropped ones, and remember the commit. */
export function finishLedger(
  ledger: Ledger,
  plan: Plan,
  options: {
    maxAttempts: number
    now: Date
    range: Range
    /** `attemptId(run id, attempt)`, remembered in Ledger.runs. */
    run: string
  }
): Ledger {
  const { now, range } = options
  let next = recordOutcomes(
    ledger,
    plan.pings.flatMap((p) =>
      p.pendingUntil && p.pair
        ? [
            {
              pair: p.pair,
              outcome: 'pending' as const,
              details: {
                now,
                due: p.pendingUntil,
                message: p.result.message,
                maxAttempts: options.maxAttempts
              }
            }
          ]
        : []
    )
  )
  if (plan.forget.length > 0) {
    const entries = { ...next.entries }
    for (const key of plan.forget) {
      if (entries[key]?.status !== 'sent') delete entries[key]
    }
    next = { ...next, entries }
  }
  const head = range.kind === 'none' ? undefined : range.head
  if (head) next = { ...next, lastCommit: head, lastRun: now.toISOString() }
  return mergeLedgers(next, {
    version: 1,
    entries: {},
    runs: { [options.run]: now.toISOString() }
  })
}
