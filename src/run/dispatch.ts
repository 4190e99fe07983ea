/**
 * From found sources to a saved ledger, the decisions between the adapters:
 * which sources a run reads (`readChanges`), which planned pings it may send
 * (`claimAndSend`: the claim rule against concurrent runs and re-runs), and
 * what the ledger remembers afterwards (`finishLedger`). The world comes in
 * through parameters (a file reader, the store's claim, a sender, a sleep),
 * so that the simulation test drives exactly this code with fakes.
 */
import * as core from '@actions/core'
import type { SourceChange } from '../sources/changes.js'
import {
  dueEntries,
  mergeLedgers,
  recordOutcome,
  recordOutcomes
} from '../ledger/ledger.js'
import type {
  ClaimBatch,
  ClaimResult,
  DurableLoad
} from '../ledger/cache-store.js'
import type { Plan, PlannedPing, PostChange } from './plan.js'
import { loadMarkdown } from '../post/excerpt.js'
import { isPost, readPost, readPostDate } from '../post/post.js'
import type { OptionNames } from '../settings/option-names.js'
import { relativeTo } from '../site/post-paths.js'
import type { Range } from '../sources/range.js'
import type {
  Ledger,
  PingOutcome,
  PingRequest,
  Result,
  Site
} from '../types.js'
import { CACHE_EVICTION_DAYS } from '../constants.js'

/** How long to wait before asking again about a claim the cache could not decide. */
export const CLAIM_RECHECK_MS = 2000

/**
 * How many days back a scan (no base commit) looks for posts. With a
 * restored ledger, `max-age`. Without one, the cache may have evicted a
 * ledger that recorded sent pings; eviction takes 7 days without a run, so
 * such pings went out at least 7 days ago, for posts dated earlier still:
 * posts dated within 7 days cannot have been pinged by a forgotten run.
 * Without a cache service nothing remembers what an earlier scan sent, so a
 * scan considers no post at all (pushes still send their new targets). A
 * dry run sends nothing and always looks back max-age.
 *
 * With a ledger ref (`ledger.durable`), posts dated after the ref was
 * created count too: every ping sent since then was claimed in the ref, so
 * the claims stop a second one, whatever the cache forgot.
 */
export function scanWindowDays(
  maxAgeDays: number,
  ledger: { available: boolean; restoredKey?: string; durable?: DurableLoad },
  dryRun = false,
  now: Date = new Date()
): number {
  // A dry run sends nothing: it may look as far back as asked.
  if (dryRun) return maxAgeDays
  const { durable } = ledger
  const cacheAvailable = durable ? durable.cacheAvailable : ledger.available
  const cacheRestored = durable
    ? durable.cacheRestored
    : ledger.restoredKey !== undefined
  if (cacheAvailable && cacheRestored) return maxAgeDays
  const days = cacheAvailable ? Math.min(maxAgeDays, CACHE_EVICTION_DAYS) : 0
  const created =
    durable?.ref === 'found' && durable.created
      ? Date.parse(durable.created)
      : Number.NaN
  if (Number.isNaN(created)) return days
  const since = Math.max(0, (now.getTime() - created) / 86_400_000)
  return Math.max(days, Math.min(maxAgeDays, since))
}

/** Clock difference allowed between a runner and GitHub. */
const CLOCK_SKEW_MS = 10 * 60_000

/**
 * Whether the ledger ref existed before this run's event, hence before its
 * first attempt: then each earlier attempt either claimed in the ref what it
 * sent or, unable to write it, sent nothing (durable-ledger.ts), and a
 * re-run may trust the ref's claims even without those attempts' ledger.
 * The event's time is bounded below by `repository.pushed_at` in the payload
 * (a push: its own time; other events: the last push before them); without
 * it (schedule events) the answer is no.
 */
export function refPredatesRun(
  durable: DurableLoad | undefined,
  payload: Record<string, unknown>
): boolean {
  if (durable?.ref !== 'found' || !durable.created) return false
  const repository = payload.repository
  const pushedAt =
    repository !== null && typeof repository === 'object'
      ? (repository as Record<string, unknown>).pushed_at
      : undefined
  // Push payloads give seconds since the epoch; the others an ISO string.
  const eventAfter =
    typeof pushedAt === 'number'
      ? pushedAt * 1000
      : typeof pushedAt === 'string'
        ? Date.parse(pushedAt)
        : Number.NaN
  const created = Date.parse(durable.created)
  return (
    !Number.isNaN(eventAfter) &&
    !Number.isNaN(created) &&
    created + CLOCK_SKEW_MS < eventAfter
  )
}

/**
 * Whether the cache answered the ledger load: a ledger was restored, or the
 * service said there is none (no warning). False after a failure, when "no
 * ledger" is uncertain.
 */
export function ledgerWasRead(loaded: {
  available: boolean
  restoredKey?: string
  warnings: string[]
}): boolean {
  return (
    loaded.available &&
    (loaded.restoredKey !== undefined || loaded.warnings.length === 0)
  )
}

/** What reading the changed sources needs. */
export interface ReadChangesOptions {
  site: Site
  /** The site root relative to the repository root ('' for the root). */
  siteDir: string
  frontMatterKey: string
  /** How messages name settings: workflow inputs or CLI flags. */
  names?: OptionNames
  /** How far back a scan looks (`scanWindowDays`). */
  maxAgeDays: number
  now: Date
  /** Reads a repository-relative file of the work tree (undefined: missing). */
  readFile: (file: string) => Promise<string | undefined>
  /** Told after each found source is read (the CLI's progress line). */
  progress?: (done: number, total: number) => void
}

/**
 * Whether a scan looks further at a post source: dated within the window
 * (maxAgeDays), or later (scheduled posts are queued). Only the date is
 * read, so most posts of a big blog cost little. The scan tests each file
 * as it reads it (and keeps only those that pass), and readChanges again.
 */
export function inScanWindow(
  file: string,
  text: string,
  options: Pick<ReadChangesOptions, 'site' | 'siteDir' | 'maxAgeDays' | 'now'>
): boolean {
  const { site, siteDir, now } = options
  const rel = relativeTo(siteDir, file) ?? file
  const date = readPostDate(rel, text, site, now)
  const oldest = now.getTime() - options.maxAgeDays * 86_400_000
  return Boolean(date) && !(Date.parse(date as string) < oldest)
}

/**
 * The post changes a run plans with: the found sources read as posts (scan
 * mode keeps recent posts with targets only), plus the sources of ledger
 * entries that are due again (failed pings, scheduled posts now live).
 */
export async function readChanges(
  found: SourceChange[],
  ledger: Ledger,
  options: ReadChangesOptions
): Promise<PostChange[]> {
  const { site, siteDir, now } = options
  const readOptions = {
    key: options.frontMatterKey,
    now,
    names: options.names
  }
  const read = (
    file: string,
    text: string | undefined
  ): PostChange['after'] => {
    if (text === undefined) return undefined
    const rel = relativeTo(siteDir, file) ?? file
    const post = readPost(rel, text, site, readOptions)
    if (!isPost(post)) return { ...post, path: file }
    return post
  }
  const changes: PostChange[] = []
  if (found.length > 0) await loadMarkdown()
  for (const [index, change] of found.entries()) {
    options.progress?.(index + 1, found.length)
    if (change.reason === 'scan') {
      // Scan mode: recent posts only (and scheduled ones, to queue them).
      if (change.after === undefined) continue
      if (!inScanWindow(change.file, change.after, options)) continue
    }
    const after = read(change.file, change.after)
    if (change.reason === 'scan') {
      if (!after || !isPost(after) || after.targets.length === 0) continue
    }
    changes.push({
      file: change.file,
      before: read(change.previousFile ?? change.file, change.before),
      after,
      reason: change.reason
    })
  }
  // Pings an earlier run left to retry, and scheduled posts now due.
  const looked = new Set(changes.map((c) => c.file))
  const due = [...new Set(dueEntries(ledger, now).map((e) => e.source))].filter(
    (file) => !looked.has(file)
  )
  if (due.length > 0) await loadMarkdown()
  for (const file of due) {
    const text = await options.readFile(file)
    changes.push({ file, after: read(file, text), reason: 'ledger' })
  }
  return changes
}

/** Sends requests, reporting each outcome as it comes (sender.ts's sendPings). */
export type SendFunction = (
  requests: PingRequest[],
  onOutcome: (outcome: PingOutcome) => void
) => Promise<unknown>

/** The world as claimAndSend sees it. */
export interface ClaimAndSendDeps {
  /** The store's claim (ledger-store.ts). */
  claim: (name: string) => Promise<ClaimResult>
  /**
   * The store's claimMany, when it has one (durable-ledger.ts): every ping
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
  /** Whether a cache service is configured at all (the ledger load said so). */
  cacheAvailable: boolean
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
  const { results, range, now } = deps
  const toSend: Array<{ index: number; planned: PlannedPing }> = []
  plan.pings.forEach((planned, index) => {
    if (planned.request) toSend.push({ index, planned })
  })
  if (toSend.length === 0) {
    core.info('Nothing to send.')
    return false
  }
  // A ping found by this push's own diff is safe to send without a claim
  // when the cache cannot answer: no other push covers the same commits.
  // Not on a re-run, though: attempt 1 of this run may have sent it.
  const fromPush = range.kind === 'diff' && range.source !== 'ledger'
  const runAttempt = deps.runAttempt ?? '1'
  const firstAttempt = !(Number(runAttempt) > 1)
  // Only a target new in the diff qualifies: a ping the ledger brought back
  // (a retry, a scheduled post now due) is in every overlapping run's plan.
  const mayGoUnclaimed = (planned: PlannedPing): boolean =>
    planned.newInDiff === true && firstAttempt && fromPush
  const unclaimable = (
    index: number,
    planned: PlannedPing,
    problem?: string
  ): void => {
    const message = problem
      ? `Not sent, held for a later run: ${problem}.`
      : firstAttempt
        ? 'Could not claim the ping through the cache service; a later run retries it.'
        : `Not sent: this is re-run attempt ${runAttempt} and the cache service cannot tell whether an earlier attempt sent it; a later run retries it once the cache answers.`
    results[index] = { ...planned.result, status: 'pending', message }
    // Remembered (when the ledger can be saved) so that a later run, not
    // only a re-run of this one, picks it up.
    const pair = planned.pair
    if (pair) {
      deps.update((l) =>
        recordOutcome(l, pair, 'pending', {
          now,
          message,
          maxAttempts: deps.maxAttempts
        })
      )
    }
  }
  const names = (): string[] =>
    toSend.map(({ planned }) => claimName(planned, deps.runId))
  // Claims in the ledger ref are permanent: when it is older than this run,
  // each earlier attempt sent only what it claimed there, so a re-run needs
  // no record of them and may claim straight away.
  const early = deps.claimsPredateRun === true
  let batch = early ? await deps.claimMany?.(names()) : undefined
  if (!batch && !firstAttempt && deps.cacheAvailable && !deps.ledgerRead) {
    // A claim alone cannot vouch for an earlier attempt: claims are evicted
    // after 7 days, and a re-run may come later than that.
    for (const { planned, index } of toSend) unclaimable(index, planned)
    return false
  }
  if (
    !batch &&
    !firstAttempt &&
    deps.cacheAvailable &&
    !deps.earlierAttemptSaved
  ) {
    // The first attempt sent this run's pings, or tried to; with its ledger
    // gone (never saved, or evicted with the claims, or the ledger restarted
    // after an eviction) nothing tells which. (When the Actions API proves
    // that no earlier attempt reached this step, earlierAttemptSaved is
    // true: main.ts asks it.)
    core.warning(
      `A re-run without a saved ledger cannot tell what the earlier attempt sent, and GitHub's jobs list did not show that it never reached this step: nothing is sent (at most once). Push again or run the workflow to retry.${deps.rerunHint ? ` ${deps.rerunHint}` : ''}`
    )
    for (const { planned, index } of toSend) {
      results[index] = {
        ...planned.result,
        status: 'skipped',
        message:
          'Not sent: this is a re-run and no saved ledger says whether the earlier attempt sent it.'
      }
    }
    return false
  }
  if (!early) batch = await deps.claimMany?.(names())
  const won: typeof toSend = []
  const taken = (planned: PlannedPing): Result => ({
    ...planned.result,
    status: 'skipped',
    message:
      'Another run has already claimed this ping (a concurrent or earlier run); not sent again.'
  })
  // The ledger ref's answer: only a won claim sends (never an unclaimed
  // ping, which later runs trusting the ref could not know of).
  toSend.forEach((item, i) => {
    const claim = batch ? (batch.results[i] ?? 'unknown') : undefined
    if (claim === 'won') won.push(item)
    else if (claim === 'taken') results[item.index] = taken(item.planned)
    else if (claim) unclaimable(item.index, item.planned, batch?.problem)
  })
  let cacheAnswers = deps.cacheAvailable
  await pool(batch ? [] : toSend, 4, async (item) => {
    const { planned, index } = item
    const name = claimName(planned, deps.runId)
    let claim: ClaimResult = cacheAnswers ? await deps.claim(name) : 'unknown'
    if (claim === 'unknown' && cacheAnswers) {
      // Another run's claim may be still uploading (not visible yet): ask
      // once more after it has had time to finish.
      await deps.sleep(CLAIM_RECHECK_MS)
      claim = await deps.claim(name)
    }
    // Two unanswered claims mean trouble with the cache service: do not
    // spend the run's time asking again for every ping.
    if (claim === 'unknown') cacheAnswers = false
    if (claim === 'won' || (claim === 'unknown' && mayGoUnclaimed(planned))) {
      won.push(item)
    } else if (claim === 'taken') {
      results[index] = taken(planned)
    } else {
      unclaimable(index, planned)
    }
  })
  won.sort((a, b) => a.index - b.index)
  core.info(`Sending ${won.length} ping(s).`)
  const byId = new Map(won.map((w) => [w.planned.request?.id ?? '', w]))
  // Outcomes go into the ledger together when sending ends (the ledger is
  // saved only then): one copy of it instead of one per ping.
  const outcomes: Parameters<typeof recordOutcomes>[1] = []
  const log = lineBatch((text) => core.info(text))
  try {
    await deps.send(
      won.flatMap((w) => (w.planned.request ? [w.planned.request] : [])),
      (outcome) => {
        const item = byId.get(outcome.id)
        if (!item?.planned.pair) return
        const pair = item.planned.pair
        outcomes.push({
          pair,
          outcome: outcome.status,
          details: {
            now,
            message: outcome.message,
            maxAttempts: deps.maxAttempts
          }
        })
        results[item.index] = {
          ...item.planned.result,
          status: outcome.status,
          message: outcome.message
        }
        log.add(
          `${pair.source} → ${pair.ping}: ${outcome.status} ${outcome.message}`
        )
      }
    )
  } finally {
    log.flush()
    deps.update((l) => recordOutcomes(l, outcomes))
  }
  return won.length > 0
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

/** Record pending pings, forget dropped ones, and remember the commit. */
export function finishLedger(
  ledger: Ledger,
  plan: Plan,
  options: {
    maxAttempts: number
    now: Date
    range: Range
    /** `runKey(run id, attempt)`, remembered in Ledger.runs. */
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

/** Run `fn` over items with at most `limit` at a time. */
async function pool<T>(
  items: T[],
  limit: number,
  fn: (item: T) => Promise<void>
): Promise<void> {
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++] as T
      await fn(item)
    }
  }
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, worker)
  )
}
