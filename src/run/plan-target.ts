/**
 * Planning one target of a post: whether it is valid, what the ledger says
 * an earlier run did with it, whether this run is a candidate to send it,
 * and the row (and request) that says so. Pure; planPings (plan.ts) calls
 * it for every target of every changed post.
 */
import { entryFor, ledgerKey } from '../ledger/ledger.js'
import { laterRunRetries } from '../net/retry.js'
import { arxivIdOfPing } from '../post/arxiv.js'
import { isPingUrl } from '../send/ping-url.js'
import type {
  LedgerEntry,
  Ledger,
  PingRequest,
  Post,
  Result,
  Target
} from '../types.js'
import type { PingPair, PlannedPing, PlanOptions, PostChange } from './plan.js'

/** The reported row of a (post, target) pair. */
export function row(
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

/** One target with a ping URL and post URL, and what the ledger knows. */
interface TargetFacts {
  change: PostChange
  post: Post
  target: Target
  pair: PingPair
  entry: LedgerEntry | undefined
  attempts: number
  /** The `resend` input names the pair. */
  resend: boolean
  /** Ping URLs a published previous version already had. */
  previous: Set<string>
}

/** Plan one target of a post: a row, and a request when it is to be sent. */
export function planTarget(
  change: PostChange,
  post: Post,
  target: Target,
  previous: Set<string>,
  ledger: Ledger,
  options: PlanOptions
): PlannedPing | undefined {
  const checked = checkTarget(change, post, target, options)
  if ('invalid' in checked) return checked.invalid
  const pair: PingPair = {
    post: checked.url,
    ping: checked.ping,
    source: change.file,
    target: target.written
  }
  const entry = entryFor(ledger, pair.post, pair.ping)
  const resend = options.resend?.(pair) ?? false
  // A post read only for `resend` shows just the targets it names.
  if (change.reason === 'resend' && !resend) return undefined
  const facts: TargetFacts = {
    change,
    post,
    target,
    pair,
    entry,
    attempts: entry?.attempts ?? 0,
    resend,
    previous
  }
  const settled = resend ? undefined : settledStatus(entry)
  if (settled) return plannedRow(facts, settled.status, settled.message)
  if (!isCandidate(facts)) {
    if (change.reason !== 'diff') return undefined
    return plannedRow(
      facts,
      'skipped',
      'Unchanged since the previous version, which was already published: not sent again.'
    )
  }
  const ignored = options.ignore?.(pair.ping)
  if (ignored !== undefined) {
    return plannedRow(
      facts,
      'skipped',
      `Ignored: the ping URL matches the ignore pattern '${ignored}'; never sent.`
    )
  }
  if (post.state !== 'published') {
    const { status, message } = describeState(post)
    return {
      ...plannedRow(facts, status, message),
      pendingUntil: post.state === 'future' ? post.dueAt : undefined
    }
  }
  return plannedRequest(facts, options)
}

/**
 * The target's ping URL and the post's URL, or the invalid row when either
 * is missing or the address policy refuses the ping URL.
 */
function checkTarget(
  change: PostChange,
  post: Post,
  target: Target,
  options: PlanOptions
): { ping: string; url: string } | { invalid: PlannedPing } {
  const invalid = (
    message: string,
    line?: number
  ): { invalid: PlannedPing } => ({
    invalid: {
      result: row(change, post, target, 'invalid', message, line),
      attempts: 0
    }
  })
  if (target.ping === undefined) {
    return invalid(target.error ?? `Invalid target '${target.written}'.`)
  }
  const refused = options.addressPolicy?.(target.ping)
  if (refused !== undefined) {
    return invalid(`Refused target '${target.written}': ${refused}.`)
  }
  if (post.url === undefined) {
    return invalid(
      `Cannot work out the post's URL: ${post.urlError ?? 'unknown error'}`,
      post.targetsLine
    )
  }
  return { ping: target.ping, url: post.url }
}

/**
 * Whether the pair is a candidate for sending in this run: asked for again,
 * left by an earlier run (failed and pending pairs are tried again,
 * net/retry.ts), found by a scan, or new in this push's diff. A source read
 * only because one of its pings is due again offers no other target: the
 * others were settled (or dropped) by earlier runs, even when the ledger no
 * longer says so.
 */
function isCandidate(facts: TargetFacts): boolean {
  const { change } = facts
  return (
    facts.resend ||
    laterRunRetries(facts.entry?.status) ||
    change.reason === 'scan' ||
    (change.reason === 'diff' && !facts.previous.has(facts.pair.ping))
  )
}

/** A planned row without a request. */
function plannedRow(
  facts: TargetFacts,
  status: Result['status'],
  message: string
): PlannedPing {
  const { change, post, target } = facts
  return {
    result: row(change, post, target, status, message),
    pair: facts.pair,
    attempts: facts.attempts
  }
}

/** The pair planned for sending (or, in a dry run, for showing). */
function plannedRequest(facts: TargetFacts, options: PlanOptions): PlannedPing {
  const { change, post, target, pair, resend } = facts
  const request: PingRequest = {
    id: ledgerKey(pair.post, pair.ping),
    ping: pair.ping,
    fields: {
      url: pair.post,
      title: post.title,
      excerpt: post.excerpt,
      blog_name: options.blogName
    },
    // An article page is discovered before sending (send/page-target.ts);
    // arXiv is never read as a page (its RDF is broken).
    ...(target.arxivId === undefined && arxivIdOfPing(pair.ping) === undefined
      ? { kind: isPingUrl(pair.ping) ? 'ping-url' : 'page' }
      : {})
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
      : row(change, post, target, 'pending', 'To send in this run.'),
    request,
    ...(change.reason === 'diff' &&
    !facts.entry &&
    !facts.previous.has(pair.ping)
      ? { newInDiff: true }
      : {}),
    pair,
    attempts: facts.attempts,
    ...(resend ? { resend: true as const } : {})
  }
}
