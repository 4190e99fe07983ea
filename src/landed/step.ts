/**
 * The run's landed step, after sending: look at the sent pings that are
 * due (check.ts, loaded only when some are), record what was found in the
 * ledger, and log it. Skipped in dry runs and pull requests, and when
 * `landed-days` or `landed-checks` is 0.
 */
import { USER_AGENT } from '../constants.js'
import type { Log } from '../run/plan-run.js'
import type { Settings } from '../settings/settings.js'
import type { Ledger } from '../types.js'
import type { LandedOptions } from './check.js'
import { dueLooks } from './schedule.js'
import { lookable } from './where.js'

/** What the step needs besides the ledger and the settings. */
export interface LandedStepContext {
  now: Date
  sleep: (ms: number) => Promise<void>
  /** Epoch ms on `clock` after which no look starts. */
  deadline: number
  clock: () => number
  /** A pull request, or a run whose ledger cannot be kept: no looks. */
  skip: boolean
}

/** The settings a landed look reads. */
export type LandedSettings = Pick<
  Settings,
  | 'dryRun'
  | 'landedDays'
  | 'landedChecks'
  | 'timeoutMs'
  | 'allowPrivateNetworks'
  | 'hostDelayMs'
>

/**
 * check.ts's options from the settings (the run's, or the CLI's for
 * `checkLanded`): the action's User-Agent, the time limit, the address
 * policy and the spacing per host.
 */
export function landedOptions(
  settings: LandedSettings,
  now: Date,
  sleep: (ms: number) => Promise<void>
): LandedOptions {
  return {
    now,
    days: settings.landedDays,
    timeoutMs: settings.timeoutMs,
    userAgent: USER_AGENT,
    allowPrivateNetworks: settings.allowPrivateNetworks,
    hostDelayMs: settings.hostDelayMs,
    sleep
  }
}

/** Look at the due pings and record the looks in `ledger.current`. */
export async function lookForLanded(
  ledger: { current: Ledger },
  settings: LandedSettings,
  context: LandedStepContext,
  log: Log
): Promise<void> {
  if (context.skip || settings.dryRun) return
  if (settings.landedDays <= 0 || settings.landedChecks <= 0) return
  const due = dueLooks(ledger.current.entries, context.now, {
    days: settings.landedDays,
    budget: settings.landedChecks,
    lookable
  })
  if (due.length === 0) return
  await log.group('Did it land?', async () => {
    const { lookAtDue } = await import('./check.js')
    const { ledger: next, looks } = await lookAtDue(ledger.current, {
      ...landedOptions(settings, context.now, context.sleep),
      budget: settings.landedChecks,
      deadline: context.deadline,
      clock: context.clock
    })
    ledger.current = next
    for (const look of looks) {
      const verdict =
        look.seen === true
          ? 'visible'
          : look.entry.notVisibleDays !== undefined
            ? `not visible after ${look.entry.notVisibleDays} days`
            : look.seen === false
              ? 'not visible yet'
              : 'could not look'
      log.info(
        `${look.entry.source} → ${look.entry.ping}: ${verdict}; ${look.message}`
      )
    }
  })
}
