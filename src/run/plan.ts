/**
 * Deciding the pings: which (post, target) pairs this run sends, and what
 * every other pair's status is. Pure: changed posts and the ledger in, a
 * plan out. This is where "at most once" starts: a target is a candidate
 * only when it is new in this push (or the post just became published), and
 * the ledger removes whatever an earlier run already settled.
 */
import { entryFor, ledgerKey } from '../ledger/ledger.js'
import { inputNames } from '../settings/option-names.js'
import type { OptionNames } from '../settings/option-names.js'
import { isPost } from '../types.js'
import type {
  Ledger,
  LedgerEntry,
  PingRequest,
  Post,
  PostFailure,
  Problem,
  Result,
  Target
} from '../types.js'

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

function row(
  change: PostChange,
  post: Post | undefined,
  target: Target | undefined,
  status: Result['status'],
  message: string,
  line: number | undefined = target?.line ?? post?.targetsLine
): Result {
  const result: Result = {
    post: change.file,
    url: post?.url ?? '',
    target: target?.written ?? '',
    ping: target?.ping ?? '',
    status,
    message
  }
  if (line !== undefined) result.line = line
  return result
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

/** `2026-12-25T08:30:00Z` → `2026-12-25 08:30 UTC` (for people). */
export function readableTime(iso: string): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`
}

function describeState(post: Post): {
  status: Result['status']
  message: string
} {
  switch (post.state) {
    case 'future':
      return {
        status: 'pending',
        message: `Scheduled for ${post.dueAt ? readableTime(post.dueAt) : 'later'}: a run after that sends it.`
      }
    case 'draft':
      return { status: 'pending', message: 'Draft: sent once it is published.' }
    case 'unpublished':
      return {
        status: 'pending',
        message: 'Not published (published: false): sent once it is published.'
      }
    case 'expired':
      return {
        status: 'skipped',
        message: 'The post has expired (expiryDate).'
      }
    default:
      return { status: 'pending', message: '' }
  }
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
  const pings: PlannedPing[] = []
  const problems: Problem[] = []
  const forget: string[] = []
  const seen = new Set<string>()
  /** Keys of unsettled entries of one source whose ping matches. */
  const dueOf = (source: string, match: (ping: string) => boolean): string[] =>
    Object.entries(ledger.entries)
      .filter(
        ([, e]) =>
          (e.status === 'failed' || e.status === 'pending') &&
          e.source === source &&
          match(e.ping)
      )
      .map(([key]) => key)

  for (const change of changes) {
    const after = change.after
    if (after === undefined) {
      if (change.reason === 'ledger') {
        forget.push(...dueOf(change.file, () => true))
      }
      continue
    }
    if (!isPost(after)) {
      const problem = {
        file: change.file,
        line: after.line,
        message: after.message
      }
      problems.push(problem)
      pings.push({
        result: row(
          change,
          undefined,
          undefined,
          'invalid',
          after.message,
          after.line
        ),
        attempts: 0
      })
      continue
    }
    const post = after
    const before = previousPings(change.before)
    for (const target of post.targets) {
      const planned = planTarget(change, post, target, before, ledger, options)
      if (!planned) continue
      const key = planned.pair
        ? ledgerKey(planned.pair.post, planned.pair.ping)
        : undefined
      if (key !== undefined) {
        if (seen.has(key)) continue
        seen.add(key)
        // An ignored target's unfinished tries are dropped, not retried.
        const status = ledger.entries[key]?.status
        const unsettled = status === 'failed' || status === 'pending'
        if (unsettled && options.ignore?.(target.ping ?? '') !== undefined) {
          forget.push(key)
        }
      }
      pings.push(planned)
    }
    if (change.reason === 'ledger' && post.url) {
      // Due entries of this source whose target is no longer in the post.
      const kept = new Set(post.targets.map((t) => t.ping))
      forget.push(...dueOf(change.file, (ping) => !kept.has(ping)))
    }
  }

  const sending = pings.filter((p) => p.request)
  let overLimit: string | undefined
  if (sending.length > options.maxPings) {
    const names = options.names ?? inputNames
    overLimit =
      `This run would send ${sending.length} pings, more than ` +
      `${names.name('max-pings')} (${options.maxPings}); nothing was sent. ` +
      `If that is intended (a backfill), set ${names.phrase('max-pings')} ` +
      `to ${sending.length} or more for one run.`
    for (const p of sending) {
      delete p.request
      p.result = { ...p.result, status: 'skipped', message: overLimit }
      p.pendingUntil = undefined
    }
  }
  return { pings, problems, forget, overLimit }
}

/** The report for a pair an earlier run settled, or undefined. */
function settledStatus(
  entry: LedgerEntry | undefined
): { status: Result['status']; message: string } | undefined {
  const on = entry?.updated.slice(0, 10)
  const why = entry?.message ? `: ${entry.message}` : '.'
  switch (entry?.status) {
    case 'sent':
      return { status: 'already-sent', message: `Sent on ${on}.` }
    case 'rejected':
      return {
        status: 'skipped',
        message: `Rejected by the receiver on ${on}${why}`
      }
    case 'given-up':
      return {
        status: 'skipped',
        message: `Given up after ${entry.attempts} attempts${why}`
      }
    default:
      return undefined
  }
}

function planTarget(
  change: PostChange,
  post: Post,
  target: Target,
  previous: Set<string>,
  ledger: Ledger,
  options: PlanOptions
): PlannedPing | undefined {
  const file = change.file
  if (target.ping === undefined) {
    const message = target.error ?? `Invalid target '${target.written}'.`
    return {
      result: row(change, post, target, 'invalid', message),
      attempts: 0
    }
  }
  const refused = options.addressPolicy?.(target.ping)
  if (refused !== undefined) {
    return {
      result: row(
        change,
        post,
        target,
        'invalid',
        `Refused target '${target.written}': ${refused}.`
      ),
      attempts: 0
    }
  }
  if (post.url === undefined) {
    const message = `Cannot work out the post's URL: ${post.urlError ?? 'unknown error'}`
    return {
      result: row(change, post, target, 'invalid', message, post.targetsLine),
      attempts: 0
    }
  }
  const pair: PingPair = {
    post: post.url,
    ping: target.ping,
    source: file,
    target: target.written
  }
  const entry = entryFor(ledger, pair.post, pair.ping)
  const resend = options.resend?.(pair) ?? false
  // A post read only for `resend` shows just the targets it names.
  if (change.reason === 'resend' && !resend) return undefined
  const attempts = entry?.attempts ?? 0

  const settled = resend ? undefined : settledStatus(entry)
  if (settled) {
    return {
      result: row(change, post, target, settled.status, settled.message),
      pair,
      attempts
    }
  }

  const retry = entry?.status === 'failed' || entry?.status === 'pending'
  // A source read only because one of its pings is due again offers no
  // other target: the others were settled (or dropped) by earlier runs, even
  // when the ledger no longer says so.
  const candidate =
    resend ||
    retry ||
    change.reason === 'scan' ||
    (change.reason === 'diff' && !previous.has(target.ping))
  const skip = (message: string): PlannedPing => ({
    result: row(change, post, target, 'skipped', message),
    pair,
    attempts
  })
  if (!candidate) {
    if (change.reason !== 'diff') return undefined
    return skip(
      'Unchanged since the previous version, which was already published: not sent again.'
    )
  }

  const ignored = options.ignore?.(target.ping)
  if (ignored !== undefined) {
    return skip(
      `Ignored: the ping URL matches the ignore pattern '${ignored}'; never sent.`
    )
  }

  if (post.state !== 'published') {
    const { status, message } = describeState(post)
    return {
      result: row(change, post, target, status, message),
      pair,
      attempts,
      pendingUntil: post.state === 'future' ? post.dueAt : undefined
    }
  }

  const request: PingRequest = {
    id: ledgerKey(pair.post, pair.ping),
    ping: target.ping,
    fields: {
      url: post.url,
      title: post.title,
      excerpt: post.excerpt,
      blog_name: options.blogName
    }
  }
  // In a dry run the request is kept too: it is what the run would send,
  // and it counts against max-pings the same way.
  return {
    result: options.dryRun
      ? row(
          change,
          post,
          target,
          'dry-run',
          resend ? 'Would be sent again (resend).' : 'Would be sent.'
        )
      : row(change, post, target, 'pending', 'Not sent yet.'),
    request,
    ...(change.reason === 'diff' && !entry && !previous.has(target.ping)
      ? { newInDiff: true }
      : {}),
    pair,
    attempts,
    ...(resend ? { resend: true as const } : {})
  }
}
