/**
 * The sending step of a run, loaded only by runs that send: whether a
 * re-run may send (rerun.ts), the claims (claim-send.ts) and the sender
 * (send/sender.ts) wired together with the run's settings and clock.
 */
import { ledgerWasRead, refPredatesRun } from '../ledger/coverage.js'
import type { LedgerLoad, LedgerStore } from '../ledger/store.js'
import { sendPings } from '../send/sender.js'
import type { Settings } from '../settings/settings.js'
import type { Range } from '../sources/range.js'
import type { Ledger, Result } from '../types.js'
import { USER_AGENT } from '../constants.js'
import { claimAndSend } from './claim-send.js'
import type { Log } from './plan-run.js'
import { earlierAttempts } from './rerun.js'
import type { EarlierAttemptsInput } from './rerun.js'

export { holdUnready } from '../live/hold.js'

/**
 * What sending needs to know about the run: what asking about earlier
 * attempts needs (rerun.ts), and the run's ledger, rows and clock.
 */
export interface SendPlanInput extends Omit<
  EarlierAttemptsInput,
  'ledger' | 'ledgerRead'
> {
  settings: Settings
  /** The ledger load (before this run changed the ledger). */
  loaded: LedgerLoad
  store: LedgerStore
  /** The run's ledger, changed as pings are claimed and sent. */
  ledger: { current: Ledger }
  /** The rows reported, changed in place. */
  results: Result[]
  range: Range
  now: Date
  /** Epoch ms after which no request starts. */
  deadline: number
  /** The event payload (refPredatesRun reads `repository.pushed_at`). */
  payload: Record<string, unknown>
}

/** Claim and send the plan's pings. Returns whether any request went out. */
export async function sendPlan(
  input: SendPlanInput,
  log: Log
): Promise<boolean> {
  const { settings, loaded, store } = input
  const ledgerRead = ledgerWasRead(loaded)
  return log.group('Sending', async () => {
    const earlier = await earlierAttempts(
      { ...input, ledger: loaded.ledger, ledgerRead },
      log
    )
    return claimAndSend(input.plan, {
      claim: (name) => store.claim(name),
      claimMany: store.claimMany?.bind(store),
      claimsPredateRun: refPredatesRun(loaded.durable, input.payload),
      send: (requests, onOutcome) =>
        sendPings(
          requests,
          {
            timeoutMs: settings.timeoutMs,
            retries: settings.retries,
            concurrency: settings.concurrency,
            hostDelayMs: settings.hostDelayMs,
            allowPrivateNetworks: settings.allowPrivateNetworks,
            userAgent: USER_AGENT,
            deadline: input.deadline,
            protocols: settings.protocols
          },
          { onOutcome }
        ),
      sleep: input.sleep,
      log,
      storeAvailable: loaded.available,
      ledgerRead,
      earlierAttemptSaved: earlier.accounted,
      rerunHint: earlier.hint,
      range: input.range,
      now: input.now,
      runAttempt: input.runAttempt,
      runId: input.runId,
      maxAttempts: settings.maxAttempts,
      update: (fn) => (input.ledger.current = fn(input.ledger.current)),
      results: input.results
    })
  })
}
