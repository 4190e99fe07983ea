/**
 * The plain data that flows through the pipeline:
 * settings → site → changed posts → posts → planned pings → results → ledger.
 * Pure modules take and return these; only adapters touch the world.
 */

/** The site, whichever generator builds it (its home is site/site.ts). */
export type { Site } from './site/site.js'

/** A problem in the user's files, shown as an annotation at file and line. */
export interface Problem {
  /** Path relative to the repository root (as annotations need it). */
  file: string
  /** 1-based line, when known. */
  line?: number
  message: string
}

/** One TrackBack target of a post, as written in its front matter. */
export interface Target {
  /** The entry exactly as the user wrote it (stringified if not a string). */
  written: string
  /** 1-based line of the entry in the post file, when known. */
  line?: number
  /** The ping URL, or undefined when the target is invalid. */
  ping?: string
  /** The versionless arXiv id when the target names an arXiv paper. */
  arxivId?: string
  /** Why the target is invalid. */
  error?: string
}

/** Whether a post is live on the site. */
export type PostState =
  'published' | 'draft' | 'unpublished' | 'future' | 'expired'

/** A post source read and understood. */
export interface Post {
  /** Source path relative to the site root, `/`-separated. */
  path: string
  state: PostState
  /** When a `future` post goes live (ISO 8601). */
  dueAt?: string
  /** The publication date (ISO 8601), when the post has one. */
  date?: string
  /** Plain-text title. */
  title: string
  /** Plain-text excerpt, ≤ 252 characters plus `…`. */
  excerpt: string
  /** The absolute public URL, or undefined with `urlError` set. */
  url?: string
  urlError?: string
  /** Distinct targets in the order written (invalid ones included). */
  targets: Target[]
  /** 1-based line of the front-matter key holding the targets. */
  targetsLine?: number
  /** What the writer should know but that does not stop the post (unset when none). */
  warnings?: PostWarning[]
}

/** Something in a post worth a warning, such as a misspelled targets key. */
export interface PostWarning {
  /** 1-based line in the post file, when known. */
  line?: number
  message: string
}

/** A post source that could not be read as a post. */
export interface PostFailure {
  path: string
  line?: number
  message: string
}

/** Statuses reported per (post, target) in the `results` output. */
export type ResultStatus =
  | 'sent'
  | 'already-sent'
  | 'rejected'
  | 'failed'
  | 'pending'
  | 'dry-run'
  | 'invalid'
  | 'skipped'

/** One row of the `results` output. */
export interface Result {
  /** Source path relative to the repository root. */
  post: string
  /** The post's public URL ('' when it could not be computed). */
  url: string
  /** The target as written. */
  target: string
  /** The ping URL used ('' when the target is invalid). */
  ping: string
  status: ResultStatus
  message: string
  /** How the target was notified: the protocol and the URL sent to. */
  protocol?: Protocol
  endpoint?: string
  /**
   * 1-based line of the target in the post file (else of the front-matter
   * key, or of the problem that made the post unreadable), when known: where
   * annotations point.
   */
  line?: number
  /**
   * For a ping sent in this or an earlier run whose appearance is followed
   * (landed/): whether the receiver shows it yet. Unset when not followed.
   */
  visible?: boolean
  /** When `visible`: the ISO time a run first saw it on the receiver. */
  visibleSince?: string
}

/** The TrackBack fields sent with a ping. */
export interface PingFields {
  url: string
  title: string
  excerpt: string
  blog_name: string
}

/** How a target is notified (send/protocol.ts; discovery in send/discover.ts). */
export type Protocol = 'trackback' | 'webmention' | 'pingback'

/** One ping to send. */
export interface PingRequest {
  /** Caller's identifier, echoed in the outcome. */
  id: string
  /** The ping URL: for Webmention and Pingback, the discovered endpoint. */
  ping: string
  fields: PingFields
  /** The protocol, when already chosen. */
  protocol?: Protocol
  /**
   * How the plan sorted the target (send/ping-url.ts): a TrackBack ping URL
   * or a page to discover. Undefined: a TrackBack ping, nothing else.
   */
  kind?: 'ping-url' | 'page'
  /** For Webmention and Pingback: the page notified (the `target`). */
  target?: string
  /** What the run checked of the post before sending (said if refused without a reason). */
  checked?: string
}

/** What became of one ping request after all in-run attempts. */
export interface PingOutcome {
  id: string
  /**
   * `sent`: explicit `<error>0</error>`. `already-sent`: the receiver says it
   * already has a ping from this URL. `rejected`: `<error>1</error>` that is
   * permanent. `failed`: transient trouble or anything unparseable.
   */
  status: 'sent' | 'already-sent' | 'rejected' | 'failed'
  message: string
  /** HTTP requests made for this ping in this run. */
  requests: number
  /** HTTP status of the last response, when there was one. */
  httpStatus?: number
  /** How the target was notified, and where (when it was a page). */
  protocol?: Protocol
  endpoint?: string
  /** The target is a page that offers no (allowed) protocol: an invalid target. */
  nothingFound?: boolean
  /** A Webmention receiver's status page (`Location` of a 201 or 202). */
  statusUrl?: string
}

/** Status of a (post URL, ping URL) pair in the ledger. */
export type LedgerStatus =
  'sent' | 'rejected' | 'failed' | 'pending' | 'given-up'

/** What the ledger remembers about one (post URL, ping URL) pair. */
export interface LedgerEntry {
  /** The post's public URL (the TrackBack `url` field). */
  post: string
  /** The ping URL. */
  ping: string
  /** The post's source path relative to the repository root. */
  source: string
  /** The target as written (for reports). */
  target: string
  status: LedgerStatus
  /** Runs that made requests for this pair. */
  attempts: number
  /** ISO time of the last change. */
  updated: string
  /** For `pending`: ISO time the post goes live. */
  due?: string
  message?: string
  /** For `sent`: how the target was notified (unset: TrackBack, or unknown). */
  protocol?: Protocol
  /** For `sent` by Webmention: the receiver's status page, when it gave one. */
  statusUrl?: string
  /**
   * For `sent`: the ISO time a run last looked whether the receiver shows
   * the ping (landed/schedule.ts). Unset: never looked.
   */
  checked?: string
  /** For `sent`: the ISO time a run first saw the ping on the receiver. */
  visible?: string
  /** For `sent`: looking stopped, the ping not visible after this many days. */
  notVisibleDays?: number
}

/** The record of what was sent, kept in the Actions cache. */
export interface Ledger {
  version: 1
  /** The last commit a non-dry run processed. */
  lastCommit?: string
  /** ISO time of that run. */
  lastRun?: string
  /**
   * Run attempts whose outcomes this ledger holds (`<run id>.<attempt>` →
   * ISO time), the newest MAX_REMEMBERED_RUNS: a re-run sends only when all
   * its earlier attempts are here.
   */
  runs?: Record<string, string>
  /** Keyed by `ledgerKey(post, ping)`. */
  entries: Record<string, LedgerEntry>
}

/** Whether a read source is a post (and not a failure to read one). */
export function isPost(value: Post | PostFailure): value is Post {
  return 'state' in value
}

/**
 * Raised for bad configuration (of the site, not of the inputs): the run
 * stops with this message. Here rather than in pipeline.ts, which raises it,
 * so that the action's entry can tell it apart without loading planning.
 */
export class ConfigError extends Error {}
