/**
 * Which commits this run covers. Pure: takes the event's name and payload
 * and the ledger's last processed commit.
 */

/** The part of a GitHub event this action reads. */
export interface EventFacts {
  eventName: string
  /** The event payload (`GITHUB_EVENT_PATH`'s JSON), or {} when absent. */
  payload: Record<string, unknown>
  /** `GITHUB_SHA`: the commit checked out for this run. */
  sha: string
}

/** The commits a run compares, or why it scans instead. */
export type Range =
  | {
      kind: 'diff'
      base: string
      head: string
      /** Three-dot (merge base) for pull requests, two-tree for pushes. */
      mergeBase: boolean
      /** Where the base came from, for the log (`local`: the CLI's upstream). */
      source: 'push' | 'pull_request' | 'ledger' | 'local'
    }
  | { kind: 'scan'; head: string; reason: string }
  | { kind: 'none'; reason: string }

const ZERO_SHA = /^0+$/
const SHA = /^[0-9a-f]{40}([0-9a-f]{24})?$/i

function sha(value: unknown): string | undefined {
  return typeof value === 'string' && SHA.test(value) && !ZERO_SHA.test(value)
    ? value
    : undefined
}

function field(value: unknown, key: string): unknown {
  return value !== null && typeof value === 'object'
    ? (value as Record<string, unknown>)[key]
    : undefined
}

/**
 * Decide the range: the push's before→after, the pull request's base→head,
 * else the last commit the ledger recorded → this commit, else a scan of
 * recent posts.
 */
export function pickRange(event: EventFacts, ledgerCommit?: string): Range {
  const { eventName, payload } = event
  if (eventName === 'push') {
    if (payload.deleted === true) {
      return { kind: 'none', reason: 'the push deleted the branch' }
    }
    const head = sha(payload.after) ?? sha(event.sha)
    const base = sha(payload.before)
    if (head && base) {
      return { kind: 'diff', base, head, mergeBase: false, source: 'push' }
    }
  }
  if (eventName === 'pull_request' || eventName === 'pull_request_target') {
    const pr = field(payload, 'pull_request')
    const base = sha(field(field(pr, 'base'), 'sha'))
    const head = sha(field(field(pr, 'head'), 'sha'))
    if (base && head) {
      return {
        kind: 'diff',
        base,
        head,
        mergeBase: true,
        source: 'pull_request'
      }
    }
  }
  const head =
    sha(event.sha) ?? (eventName === 'push' ? sha(payload.after) : undefined)
  if (!head)
    return {
      kind: 'none',
      reason: 'no commit to look at (GITHUB_SHA is not set)'
    }
  const remembered = sha(ledgerCommit)
  if (remembered === head) {
    return {
      kind: 'diff',
      base: head,
      head,
      mergeBase: false,
      source: 'ledger'
    }
  }
  if (remembered) {
    return {
      kind: 'diff',
      base: remembered,
      head,
      mergeBase: false,
      source: 'ledger'
    }
  }
  const why =
    eventName === 'push'
      ? 'the push has no earlier commit (a new branch)'
      : `a ${eventName || 'local'} event names no base commit`
  return {
    kind: 'scan',
    head,
    reason: `${why} and the ledger records no earlier run`
  }
}

/**
 * One sentence for the report saying which posts a run looked at, or
 * undefined when the run already explained it (scans and empty ranges).
 */
export function describeRange(range: Range): string | undefined {
  if (range.kind !== 'diff') return undefined
  const span = `${range.base.slice(0, 7)}${range.mergeBase ? '...' : '..'}${range.head.slice(0, 7)}`
  switch (range.source) {
    case 'push':
      return `Looked at the posts this push changed (${span}).`
    case 'pull_request':
      return `Looked at the posts this pull request changes (${span}).`
    case 'local':
      return `Looked at the posts changed by the commits not pushed yet (${span}).`
    case 'ledger':
      return range.base === range.head
        ? 'No new commit since the last run: looked at pings left to retry and scheduled posts now due.'
        : `Looked at the posts changed since the last run (${span}), and at pings left to retry.`
  }
}
