/**
 * Claiming and sending: which planned pings this run may send (the claim
 * rule against concurrent runs and re-runs), sending the ones it won, and
 * recording their outcomes in the run's ledger. The world comes in through
 * parameters (the store's claims, a sender, a sleep, a log), so that the
 * simulation test drives exactly this code with fakes.
 */
import { recordOutcome, recordOutcomes } from '../ledger/ledger.js'
import type { ClaimBatch, ClaimResult } from '../ledger/store.js'
import { CLAIM_RECHECK_MS } from '../net/retry.js'
import type { Log } from './plan-run.js'
import type { Plan, PlannedPing } from './plan.js'
import { rerunRefusal, unaccountedWarning } from './rerun.js'
import type { RerunRefusal } from './rerun.js'
import type { Range } from '../sources/range.js'
import type { Ledger, PingOutcome, PingRequest, Result } from '../types.js'
import { pool } from '../util.js'

/** Sends requests, reporting each outcome as it comes (sender.ts's sendPings). */
export type SendFunction = (
  requests: PingRequest[],
  onOutcome: (outcome: PingOutcome) => void
) => Promise<unknown>

/** The world as claimAndSend sees it. */
export interface ClaimAndSendDeps {
  /** The store's claim (the cache's: ledger/cache-claims.ts). */
  claim: (name: string) => Promise<ClaimResult>
  /**
   * The store's claimMany, when it has one (ledger/ref-store.ts): every ping
   * claimed at once in the ledger ref. An undefined answer means claims go
   * one by one through `claim`.
   */
  claimMany?: (names: string[]) => Promise<ClaimBatch | undefined>
  /**
   * Whether the ledger ref existed before this run's first attempt
   * (refPredatesRun): a re-run then claims in it and sends what it wins,
   * even without its earlier attempts' ledger.
   */
  claimsPredateRun?: boolean
  send: SendFunction
  sleep: (ms: number) => Promise<void>
  /** Where the run's messages go. */
  log: Log
  /**
   * Whether the ledger store answers at all (LedgerLoad.available: a cache
   * service is configured, or the ledger ref or file is the store).
   */
  storeAvailable: boolean
  /** Whether the ledger load got an answer from the cache (ledgerWasRead). */
  ledgerRead: boolean
  /**
   * Whether the ledger holds every earlier attempt of this run
   * (`remembersEarlierAttempts`): a re-run sends only then.
   */
  earlierAttemptSaved: boolean
  /**
   * Appended to the warning of a re-run that sends nothing: what would let
   * the next one check (run-attempts.ts: a permission to grant).
   */
  rerunHint?: string
  range: Range
  now: Date
  maxAttempts: number
  /**
   * `GITHUB_RUN_ATTEMPT` (default '1'). A re-run sends nothing it cannot
   * claim: attempt 1 may have sent it, and without the cache nothing says.
   */
  runAttempt?: string
  /** The workflow run's id (`GITHUB_RUN_ID`), shared by its re-runs. */
  runId?: string
  /** Applies a change to the run's ledger. */
  update: (fn: (l: Ledger) => Ledger) => void
  /** The run's result rows, changed in place as pings are claimed and sent. */
  results: Result[]
}

/** A planned ping with a request, and its row in the results. */
interface ToSend {
  index: number
  planned: PlannedPing
}

/** One claimAndSend call: what it may send and what it has won. */
interface Claiming {
  deps: ClaimAndSendDeps
  toSend: ToSend[]
  won: ToSend[]
  runAttempt: string
  firstAttempt: boolean
  /**
   * This push's own diff: its new targets may go unclaimed when the cache
   * cannot answer, since no other push covers the same commits.
   */
  fromPush: boolean
  /** False once the cache service has left a claim unanswered twice. */
  cacheAnswers: boolean
}

/**
 * Claim each ping, then send the ones this run won. A ping goes out only
 * when this run created its claim (`<ledger key>#<attempts>`, one per try),
 * or, when the cache cannot answer, for a first try found by this push's own
 * diff (no other push covers those commits). With a ledger ref
 * (`claimMany`), all are claimed there at once and only a won claim sends.
 * Returns whether any request went out.
 */
export async function claimAndSend(
  plan: Plan,
  deps: ClaimAndSendDeps
): Promise<boolean> {
  const toSend = plan.pings.flatMap((planned, index) =>
    planned.request ? [{ index, planned }] : []
  )
  if (toSend.length === 0) {
    deps.log.info('Nothing to send.')
    return false
  }
  const runAttempt = deps.runAttempt ?? '1'
  const claiming: Claiming = {
    deps,
    toSend,
    won: [],
    runAttempt,
    firstAttempt: !(Number(runAttempt) > 1),
    fromPush: deps.range.kind === 'diff' && deps.range.source !== 'ledger',
    cacheAnswers: deps.storeAvailable
  }
  if (!(await claimAll(claiming))) return false
  const won = claiming.won.sort((a, b) => a.index - b.index)
  deps.log.info(`Sending ${won.length} ping(s).`)
  await sendWon(won, deps)
  return won.length > 0
}

/**
 * Claim every ping, in the ledger ref at once or through the cache one by
 * one. False when this attempt is a re-run that may send none of them.
 */
async function claimAll(claiming: Claiming): Promise<boolean> {
  const { deps } = claiming
  const names = claiming.toSend.map(({ planned }) =>
    claimName(planned, deps.runId)
  )
  // Claims in the ledger ref are permanent: when it is older than this run,
  // each earlier attempt sent only what it claimed there, so a re-run needs
  // no record of them and may claim straight away.
  const early = deps.claimsPredateRun === true
  let batch = early ? await deps.claimMany?.(names) : undefined
  const refusal = rerunRefusal({
    firstAttempt: claiming.firstAttempt,
    claimedInRef: batch !== undefined,
    storeAvailable: deps.storeAvailable,
    ledgerRead: deps.ledgerRead,
    earlierAttemptSaved: deps.earlierAttemptSaved
  })
  if (refusal) {
    refuseRerun(claiming, refusal)
    return false
  }
  if (!early) batch = await deps.claimMany?.(names)
  if (batch) {
    // The ledger ref's answer: only a won claim sends (never an unclaimed
    // ping, which later runs trusting the ref could not know of).
    const { results, problem } = batch
    claiming.toSend.forEach((item, i) =>
      settle(claiming, item, results[i] ?? 'unknown', problem)
    )
  } else {
    await pool(claiming.toSend, 4, (item) => claimInCache(claiming, item))
  }
  return true
}

/** Claim one ping through the cache, asking twice when it cannot answer. */
async function claimInCache(claiming: Claiming, item: ToSend): Promise<void> {
  const { deps } = claiming
  const name = claimName(item.planned, deps.runId)
  let claim: ClaimResult = claiming.cacheAnswers
    ? await deps.claim(name)
    : 'unknown'
  if (claim === 'unknown' && claiming.cacheAnswers) {
    // Another run's claim may be still uploading (not visible yet): ask
    // once more after it has had time to finish.
    await deps.sleep(CLAIM_RECHECK_MS)
    claim = await deps.claim(name)
  }
  // Two unanswered claims mean trouble with the cache service: do not
  // spend the run's time asking again for every ping.
  if (claim === 'unknown') claiming.cacheAnswers = false
  // Only a target new in the diff may go unclaimed: a ping the ledger
  // brought back (a retry, a scheduled post now due) is in every
  // overlapping run's plan. Not on a re-run either: attempt 1 of this run
  // may have sent it.
  const unclaimed =
    item.planned.newInDiff === true &&
    claiming.firstAttempt &&
    claiming.fromPush
  settle(claiming, item, claim === 'unknown' && unclaimed ? 'won' : claim)
}

/** Act on a claim's answer: send, report taken, or hold for a later run. */
function settle(
  claiming: Claiming,
  item: ToSend,
  claim: ClaimResult,
  problem?: string
): void {
  if (claim === 'won') {
    claiming.won.push(item)
  } else if (claim === 'taken') {
    const message =
      'Another run has already claimed this ping (a concurrent or earlier run); not sent again.'
    claiming.deps.results[item.index] = {
      ...item.planned.result,
      status: 'skipped',
      message
    }
    // The log says why, as the summary does.
    const { post, target } = item.planned.result
    claiming.deps.log.info(`${post} → ${target}: skipped, ${message}`)
  } else {
    holdUnclaimed(claiming, item, problem)
  }
}

/** A ping no claim could be made for: pending, for a later run. */
function holdUnclaimed(
  claiming: Claiming,
  item: ToSend,
  problem?: string
): void {
  const { deps, runAttempt } = claiming
  const { planned, index } = item
  const message = problem
    ? `Not sent, held for a later run: ${problem}.`
    : claiming.firstAttempt
      ? 'Could not claim the ping through the cache service; a later run retries it.'
      : `Not sent: this is re-run attempt ${runAttempt} and the cache service cannot tell whether an earlier attempt sent it; a later run retries it once the cache answers.`
  deps.results[index] = { ...planned.result, status: 'pending', message }
  deps.log.info(
    `${planned.result.post} → ${planned.result.target}: pending, ${message}`
  )
  // Remembered (when the ledger can be saved) so that a later run, not
  // only a re-run of this one, picks it up.
  const pair = planned.pair
  if (pair) {
    deps.update((l) =>
      recordOutcome(l, pair, 'pending', {
        now: deps.now,
        message,
        maxAttempts: deps.maxAttempts
      })
    )
  }
}

/** A re-run that may send nothing: say why in every row. */
function refuseRerun(claiming: Claiming, refusal: RerunRefusal): void {
  const { deps, toSend } = claiming
  if (refusal === 'unread') {
    for (const item of toSend) holdUnclaimed(claiming, item)
    return
  }
  deps.log.warning(unaccountedWarning(deps.rerunHint))
  deps.log.info(
    toSend
      .map(
        ({ planned: { result } }) =>
          `${result.post} → ${result.target}: skipped (re-run)`
      )
      .join('\n')
  )
  for (const { planned, index } of toSend) {
    deps.results[index] = {
      ...planned.result,
      status: 'skipped',
      message:
        'Not sent: this is a re-run and no saved ledger says whether the earlier attempt sent it.'
    }
  }
}

/** Send the won pings and record each outcome in the rows and the ledger. */
async function sendWon(won: ToSend[], deps: ClaimAndSendDeps): Promise<void> {
  const byId = new Map(won.map((w) => [w.planned.request?.id ?? '', w]))
  // Outcomes go into the ledger together when sending ends (the ledger is
  // saved only then): one copy of it instead of one per ping.
  const outcomes: Parameters<typeof recordOutcomes>[1] = []
  const lines = lineBatch((text) => deps.log.info(text))
  try {
    await deps.send(
      won.flatMap((w) => (w.planned.request ? [w.planned.request] : [])),
      (outcome) => {
        const item = byId.get(outcome.id)
        const pair = item?.planned.pair
        if (!item || !pair) return
        outcomes.push({
          pair,
          outcome: outcome.status,
          details: {
            now: deps.now,
            message: outcome.message,
            maxAttempts: deps.maxAttempts,
            ...(outcome.protocol ? { protocol: outcome.protocol } : {}),
            ...(outcome.statusUrl ? { statusUrl: outcome.statusUrl } : {})
          }
        })
        deps.results[item.index] = {
          ...item.planned.result,
          // A page that offers no protocol is an invalid target (the
          // ledger keeps it rejected: not tried again until it changes).
          status: outcome.nothingFound ? 'invalid' : outcome.status,
          message: outcome.message,
          ...(outcome.protocol ? { protocol: outcome.protocol } : {}),
          ...(outcome.endpoint ? { endpoint: outcome.endpoint } : {})
        }
        lines.add(
          `${pair.source} → ${pair.ping}: ${outcome.nothingFound ? 'invalid' : outcome.status} ${outcome.message}`
        )
      }
    )
  } finally {
    lines.flush()
    deps.update((l) => recordOutcomes(l, outcomes))
  }
}

/**
 * The name a ping is claimed under: `<ledger key>#<attempts>`, one per try.
 * A resend is claimed once per workflow run (its re-runs share the claim):
 * the ledger's attempts do not move for a pair already sent.
 */
function claimName(planned: PlannedPing, runId = ''): string {
  return planned.resend
    ? `${planned.request?.id}#resend-${runId}`
    : `${planned.request?.id}#${planned.attempts}`
}

/**
 * Log lines gathered within one turn of the event loop and written
 * together. Many receivers' answers arrive in the same turn, and a write per
 * line cost a tenth of the sender's CPU; no line waits longer than the turn.
 */
function lineBatch(write: (text: string) => void): {
  add(line: string): void
  flush(): void
} {
  let lines: string[] = []
  let pending: NodeJS.Immediate | undefined
  const flush = (): void => {
    clearImmediate(pending)
    pending = undefined
    if (lines.length === 0) return
    const text = lines.join('\n')
    lines = []
    write(text)
  }
  return {
    add(line) {
      lines.push(line)
      pending ??= setImmediate(flush)
    },
    flush
  }
}
