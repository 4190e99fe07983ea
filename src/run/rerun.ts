/**
 * Re-runs (`GITHUB_RUN_ATTEMPT` > 1): may this attempt send? An earlier
 * attempt of the same run may have sent the same pings, so a re-run sends
 * only when something vouches for those attempts: the ledger holds their
 * outcomes, or the Actions API shows that those it lacks never reached this
 * step (`earlierAttempts`), or the ledger ref's claims predate the run.
 * `rerunRefusal` is the rule claimAndSend applies.
 */
import { attemptsNotRemembered } from '../ledger/coverage.js'
import type { RunJobsApi } from '../ledger/run-attempts.js'
import type { Log } from './plan-run.js'
import type { Plan } from './plan.js'
import type { Ledger } from '../types.js'

/** Why a re-run sends none of its pings (see rerunRefusal). */
export type RerunRefusal =
  /** The cache did not answer the ledger load: nothing says what was sent. */
  | 'unread'
  /** The ledger lacks an earlier attempt that may have sent them. */
  | 'unaccounted'

/** What rerunRefusal looks at. */
export interface RerunFacts {
  firstAttempt: boolean
  /** The pings were claimed in the ledger ref (claims predating the run). */
  claimedInRef: boolean
  /** Whether the ledger store answers at all (LedgerLoad.available). */
  storeAvailable: boolean
  /** Whether the ledger load got an answer from the cache (ledgerWasRead). */
  ledgerRead: boolean
  /** Whether earlier attempts are accounted for (`earlierAttempts`). */
  earlierAttemptSaved: boolean
}

/**
 * Why this attempt may not claim its pings, or undefined when it may. Only
 * a re-run with a cache service is refused (without one, claims decide),
 * and never one whose pings the ledger ref's claims already settled.
 */
export function rerunRefusal(facts: RerunFacts): RerunRefusal | undefined {
  if (facts.firstAttempt || facts.claimedInRef || !facts.storeAvailable) {
    return undefined
  }
  // A claim alone cannot vouch for an earlier attempt: claims are evicted
  // after 7 days, and a re-run may come later than that.
  if (!facts.ledgerRead) return 'unread'
  // The first attempt sent this run's pings, or tried to; with its ledger
  // gone (never saved, or evicted with the claims, or the ledger restarted
  // after an eviction) nothing tells which. (When the Actions API proves
  // that no earlier attempt reached this step, earlierAttemptSaved is true.)
  if (!facts.earlierAttemptSaved) return 'unaccounted'
  return undefined
}

/** The warning of a re-run refused as 'unaccounted'. */
export function unaccountedWarning(hint?: string): string {
  return `A re-run without a saved ledger cannot tell what the earlier attempt sent, and GitHub's jobs list did not show that it never reached this step: nothing is sent (at most once). Push again or run the workflow to retry.${hint ? ` ${hint}` : ''}`
}

/** What earlierAttempts needs. */
export interface EarlierAttemptsInput {
  runId: string
  runAttempt: string
  /** The ledger as loaded (before this run changed it). */
  ledger: Ledger
  /** Whether the ledger load got an answer (ledgerWasRead). */
  ledgerRead: boolean
  plan: Plan
  /**
   * This run's jobs in the Actions API, when a token and the repository
   * allow asking (`run` is the numeric run id).
   */
  runJobsApi?: (run: number) => RunJobsApi
  /** The runner's environment: names this step (run-attempts.ts). */
  env: NodeJS.ProcessEnv
  sleep: (ms: number) => Promise<void>
}

/**
 * Whether the earlier attempts of this run are accounted for: the ledger
 * holds their outcomes, or the Actions API shows that those it lacks never
 * reached this step (run-attempts.ts). The API is asked only when that
 * decides something: a re-run with pings to send and a ledger that was
 * read (an unread one holds every ping pending anyway).
 */
export async function earlierAttempts(
  input: EarlierAttemptsInput,
  log: Log
): Promise<{ accounted: boolean; hint?: string }> {
  const { runId, runAttempt } = input
  const missing = attemptsNotRemembered(input.ledger, runId, runAttempt)
  if (missing.length === 0) return { accounted: true }
  if (!input.ledgerRead || !input.plan.pings.some((p) => p.request)) {
    return { accounted: false }
  }
  const run = Number(runId)
  if (!input.runJobsApi || !Number.isSafeInteger(run)) {
    log.info(
      `Re-run attempt ${runAttempt}: the ledger holds no record of attempt(s) ${missing.join(', ')}, and without github-token and a GitHub run id the Actions API cannot say whether they reached this step.`
    )
    return { accounted: false }
  }
  // Loaded here: only re-runs without a full ledger get this far.
  const { checkEarlierAttempts, stepIdentity } =
    await import('../ledger/run-attempts.js')
  const check = await checkEarlierAttempts(input.runJobsApi(run), {
    attempt: Number(runAttempt),
    missing,
    identity: stepIdentity(input.env),
    sleep: input.sleep
  })
  log.info(
    `Re-run attempt ${runAttempt}, no ledger record of attempt(s) ${missing.join(', ')}: ${check.reason}${check.notReached ? '; sending as a first attempt would, through claims.' : '.'}`
  )
  return { accounted: check.notReached, hint: check.hint }
}
