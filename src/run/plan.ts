/**
 * Deciding the pings: which (post, target) pairs this run sends, and what
 * every other pair's status is. Pure: changed posts and the ledger in, a
 * plan out. This is where "at most once" starts: a target is a candidate
 * only when it is new in this push (or the post just became published), and
 * the ledger removes whatever an earlier run already settled. One target's
 * plan is plan-target.ts's.
 */
import { ledgerKey } from '../ledger/ledger.js'
import { laterRunRetries } from '../net/retry.js'
import { inputNames } from '../settings/option-names.js'
import type { OptionNames } from '../settings/option-names.js'
import { isPost } from '../types.js'
import type {
  Ledger,
  PingRequest,
  Post,
  PostFailure,
  Problem,
  Result
} from '../types.js'
import { planTarget, row } from './plan-target.js'

/** One post source that this run looks at. */
export interface PostChange {
  /** Path of the source relative to the repository root. */
  file: string
  /** The previous version; undefined when there was none (or not a post). */
  before?: Post | PostFailure
  /** The current version; undefined when the post was deleted. */
  after?: Post | PostFailure
  /**
   * Why the post is looked at: `diff` (changed by the commits in range),
   * `scan` (recent post, no base commit known), `ledger` (an earlier run
   * left a ping to retry or a scheduled post that is now due), `resend`
   * (the `resend` input names the post or one of its ping URLs).
   */
  reason: 'diff' | 'scan' | 'ledger' | 'resend'
}

/** The identity of a ping in the ledger. */
export interface PingPair {
  post: string
  ping: string
  source: string
  target: string
}

/** One (post, target) pair and what to do with it. */
export interface PlannedPing {
  /** The row reported for it (final unless `request` is set). */
  result: Result
  /** Set when the ping is to be sent in this run. */
  request?: PingRequest
  /** Set for pairs the ledger tracks. */
  pair?: PingPair
  /** Runs that already tried this pair (from the ledger). */
  attempts: number
  /** Set when the pair must be remembered as pending until `due`. */
  pendingUntil?: string
  /** Sent again on request (`resend`) although the ledger may say sent. */
  resend?: true
  /**
   * True when the target is new in this change's diff and the ledger knows
   * nothing of the pair: no other push can have it (see claimAndSend).
   */
  newInDiff?: boolean
}

/** The run's plan. */
export interface Plan {
  pings: PlannedPing[]
  /** Unreadable posts (annotations). */
  problems: Problem[]
  /** Ledger keys of pending/failed entries whose post or target is gone. */
  forget: string[]
  /** Set when the run would send more than `maxPings`: nothing is sent. */
  overLimit?: string
}

/** What planning needs besides the changed posts and the ledger. */
export interface PlanOptions {
  now: Date
  dryRun: boolean
  /** `blog_name` for every ping. */
  blogName: string
  maxPings: number
  /**
   * Why a ping URL must not be requested (address-guard.ts's urlPolicyError
   * with the run's allow-private-networks), or undefined. Such a target is
   * reported invalid at its line instead of failing at every send.
   */
  addressPolicy?: (ping: string) => string | undefined
  /** The post source paths (repo-relative) the user asked to send again. */
  resend?: (pair: PingPair) => boolean
  /** The `ignore` pattern a ping URL matches, if any: never pinged. */
  ignore?: (ping: string) => string | undefined
  /** How messages name options (the action's inputs when omitted). */
  names?: OptionNames
}

/** Ping URLs a published previous version already had. */
function previousPings(before: Post | PostFailure | undefined): Set<string> {
  if (!before || !isPost(before) || before.state !== 'published') {
    return new Set()
  }
  return new Set(
    before.targets.flatMap((t) => (t.ping === undefined ? [] : [t.ping]))
  )
}

/**
 * Plan the run. `changes` lists each post once per reason; `ledgerDue` are
 * the keys of ledger entries due for another try (failed, or pending and
 * now due), which `ledger` changes carry.
 */
export function planPings(
  changes: PostChange[],
  ledger: Ledger,
  options: PlanOptions
): Plan {
  const plan: Plan = { pings: [], problems: [], forget: [] }
  const seen = new Set<string>()
  for (const change of changes) {
    planChange(plan, change, { ledger, seen, options })
  }
  const overLimit = holdOverMaxPings(
    plan.pings,
    options.maxPings,
    options.names ?? inputNames
  )
  return { ...plan, overLimit }
}

/** Add one change's pings (and entries to forget) to the plan. */
function planChange(
  plan: Plan,
  change: PostChange,
  run: {
    ledger: Ledger
    /** Ledger keys planned already: a pair is planned once. */
    seen: Set<string>
    options: PlanOptions
  }
): void {
  const { ledger, seen, options } = run
  const after = change.after
  if (after === undefined) {
    if (change.reason === 'ledger') {
      plan.forget.push(...dueKeys(ledger, change.file, () => true))
    }
    return
  }
  if (!isPost(after)) {
    const { line, message } = after
    plan.problems.push({ file: change.file, line, message })
    plan.pings.push({
      result: row(change, undefined, undefined, 'invalid', message, line),
      attempts: 0
    })
    return
  }
  const before = previousPings(change.before)
  for (const target of after.targets) {
    const planned = planTarget(change, after, target, before, ledger, options)
    if (!planned) continue
    const key = planned.pair
      ? ledgerKey(planned.pair.post, planned.pair.ping)
      : undefined
    if (key !== undefined) {
      if (seen.has(key)) continue
      seen.add(key)
      // An ignored target's unfinished tries are dropped, not retried.
      const unsettled = laterRunRetries(ledger.entries[key]?.status)
      if (unsettled && options.ignore?.(target.ping ?? '') !== undefined) {
        plan.forget.push(key)
      }
    }
    plan.pings.push(planned)
  }
  if (change.reason === 'ledger' && after.url) {
    // Due entries of this source whose target is no longer in the post.
    const kept = new Set(after.targets.map((t) => t.ping))
    plan.forget.push(...dueKeys(ledger, change.file, (ping) => !kept.has(ping)))
  }
}

/** Keys of unsettled entries of one source whose ping matches. */
function dueKeys(
  ledger: Ledger,
  source: string,
  match: (ping: string) => boolean
): string[] {
  return Object.entries(ledger.entries)
    .filter(
      ([, e]) =>
        laterRunRetries(e.status) && e.source === source && match(e.ping)
    )
    .map(([key]) => key)
}

/**
 * When the run would send more than `maxPings`, send none: each ping to
 * send is skipped with the returned message. Undefined when within.
 */
function holdOverMaxPings(
  pings: PlannedPing[],
  maxPings: number,
  names: OptionNames
): string | undefined {
  const sending = pings.filter((p) => p.request)
  if (sending.length <= maxPings) return undefined
  const overLimit =
    `This run would send ${sending.length} pings, more than ` +
    `${names.name('max-pings')} (${maxPings}); nothing was sent. ` +
    `If that is intended (a backfill), set ${names.phrase('max-pings')} ` +
    `to ${sending.length} or more for one run.`
  for (const p of sending) {
    delete p.request
    p.result = { ...p.result, status: 'skipped', message: overLimit }
    p.pendingUntil = undefined
  }
  return overLimit
}
