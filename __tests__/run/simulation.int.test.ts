/**
 * Simulation: hundreds of random deploys of a Jekyll blog driven through the
 * action's real decision code — range choice, post reading, planning, the
 * ledger store (with an in-memory cache that has the service's semantics),
 * claims, the sender's retry rules and the ledger merge — with a fake clock
 * and a model of the receivers instead of HTTP. It checks the two promises:
 * no (post, target) pair ever reaches a receiver twice, and every ping ends
 * sent, rejected or given up with a reason.
 *
 * Each seed prints its figures. The bugs it found are pinned by plain
 * regression tests in dispatch.test.ts and ledger-runs.test.ts (a seed
 * stops reproducing a scenario as soon as the model changes).
 */
import { afterAll, describe, expect, it, jest } from '@jest/globals'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { mkdirSync } from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import type { SourceChange } from '../../src/sources/changes.js'
import type { CacheClient } from '../../src/ledger/cache-io.js'
import type { LedgerRefApi } from '../../src/ledger/ref-git.js'
import type { LedgerStore } from '../../src/ledger/store.js'
import type { Attempt } from '../../src/send/trackback.js'
import type { Ledger, PingRequest } from '../../src/types.js'
import type { RunJob, RunJobsApi } from '../../src/ledger/run-attempts.js'
import { quietLog } from '../support/log.js'

// The run and the ledger stores log through the log they are given
// (quietLog), what remains through @actions/core: the simulation keeps
// both quiet.
const actual = await import('@actions/core')
const noop = (): void => undefined
jest.unstable_mockModule('@actions/core', () => ({
  ...actual,
  info: noop,
  debug: noop,
  warning: noop,
  error: noop,
  notice: noop,
  startGroup: noop,
  endGroup: noop
}))

const { claimAndSend } = await import('../../src/run/claim-send.js')
const { finishLedger } = await import('../../src/run/finish.js')
const { readChanges } = await import('../../src/run/read-posts.js')
const {
  attemptId,
  attemptsNotRemembered,
  ledgerWasRead,
  refPredatesRun,
  scanWindowDays
} = await import('../../src/ledger/coverage.js')
const { createLedgerStore } = await import('../../src/ledger/cache-store.js')
const { createLedgerRefStore } = await import('../../src/ledger/ref-store.js')
const { serializeLedger, ledgerKey, entryFor } =
  await import('../../src/ledger/ledger.js')
const { checkEarlierAttempts } =
  await import('../../src/ledger/run-attempts.js')
const { planPings } = await import('../../src/run/plan.js')
const { pickRange } = await import('../../src/sources/range.js')
const { sendPings } = await import('../../src/send/sender.js')
const { jekyllSite } = await import('../../src/site/jekyll/config.js')
const { isPost, readPost } = await import('../../src/post/post.js')
const { interpretResponse, loadResponseParser } =
  await import('../../src/send/trackback-answer.js')
const { describeFailure } = await import('../../src/send/failure.js')
await loadResponseParser()

const DAY = 86_400_000
const HOUR = 3_600_000
const MAX_ATTEMPTS = 3
const MAX_AGE_DAYS = 30
const EVICT_UNUSED_MS = 7 * DAY
const PREFIX = 'trackback-ledger'
const WIPE_RATE = Number(process.env.SIM_WIPE_RATE ?? '0')
/** With the ledger ref, the whole cache is also wiped this often. */
const DURABLE_WIPE_RATE = Number(process.env.SIM_DURABLE_WIPE_RATE ?? '0.05')
/** With the ledger ref: the deploy at which the workflow sets ledger-ref. */
const REF_FROM_DEPLOY = Number(process.env.SIM_REF_FROM_DEPLOY ?? '40')
const REF = 'refs/trackback-action/ledger'
/**
 * With answering receivers (see Receivers): how often a request that
 * reached one fails to be answered, before the drain. Half of those
 * failures come after the receiver stored the ping.
 */
const UNANSWERED_RATE = Number(process.env.SIM_UNANSWERED_RATE ?? '0.1')
const SITE = jekyllSite({ url: 'https://blog.example', timezone: 'UTC' }, {})

/** How the action's step is named and where it runs, in every attempt. */
const SIM_STEP = {
  runnerName: 'sim-runner',
  defaultStepName: 'Run octo/trackback-action@v1'
}

/**
 * The one job of the simulated workflow as the jobs API lists it: running
 * the action now, or finished having run it, or with its deploy failed and
 * the action's step skipped.
 */
function simJob(state: 'running' | 'ran' | 'failed-before'): RunJob {
  const done = { status: 'completed', conclusion: 'success' }
  const deploy =
    state === 'failed-before' ? { ...done, conclusion: 'failure' } : done
  const ours =
    state === 'running'
      ? { status: 'in_progress', conclusion: null }
      : state === 'ran'
        ? done
        : { ...done, conclusion: 'skipped' }
  return {
    name: 'deploy',
    status: state === 'running' ? 'in_progress' : 'completed',
    conclusion:
      state === 'running' ? null : state === 'ran' ? 'success' : 'failure',
    runner_name: SIM_STEP.runnerName,
    steps: [
      { name: 'Set up job', number: 1, ...done },
      { name: 'Deploy', number: 2, ...deploy },
      { name: SIM_STEP.defaultStepName, number: 3, ...ours }
    ]
  }
}

/** mulberry32: small, fast, good enough to pick random events. */
function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

interface CacheEntry {
  version: string
  key: string
  content: string
  created: number
  accessed: number
  seq: number
}

/**
 * The Actions cache as the service behaves: a key is written once, a restore
 * matches the exact key then each restore key as a prefix (newest first),
 * the paths are part of the entry's version, and entries unused for 7 days
 * are evicted. Faults are switched on by the simulation.
 */
class FakeCache implements CacheClient {
  entries: CacheEntry[] = []
  seq = 0
  failRestore = false
  failSave = false
  failClaims = false
  constructor(private readonly clock: () => number) {}

  isFeatureAvailable(): boolean {
    return true
  }

  async restoreCache(
    paths: string[],
    primaryKey: string,
    restoreKeys: string[] = [],
    options: { lookupOnly?: boolean } = {}
  ): Promise<string | undefined> {
    await Promise.resolve()
    const version = paths.join('\n')
    if (this.failRestore && !version.endsWith('claim.json')) {
      throw new Error('Cache service responded with 503')
    }
    const same = this.entries.filter((e) => e.version === version)
    const newest = (list: CacheEntry[]): CacheEntry | undefined =>
      list.sort((a, b) => b.seq - a.seq)[0]
    let hit = same.find((e) => e.key === primaryKey)
    for (const prefix of restoreKeys) {
      hit ??= newest(same.filter((e) => e.key.startsWith(prefix)))
    }
    if (!hit) return undefined
    hit.accessed = this.clock()
    if (!options.lookupOnly) {
      mkdirSync(path.dirname(paths[0] as string), { recursive: true })
      writeFileSync(paths[0] as string, hit.content)
    }
    return hit.key
  }

  async saveCache(paths: string[], key: string): Promise<number> {
    await Promise.resolve()
    const version = paths.join('\n')
    const claim = version.endsWith('claim.json')
    if ((claim && this.failClaims) || (!claim && this.failSave)) {
      throw new Error('Cache service responded with 500')
    }
    if (this.entries.some((e) => e.version === version && e.key === key)) {
      return -1
    }
    this.seq += 1
    this.entries.push({
      version,
      key,
      content: readFileSync(paths[0] as string, 'utf8'),
      created: this.clock(),
      accessed: this.clock(),
      seq: this.seq
    })
    return this.seq
  }

  /** What the service does by itself as time passes. */
  evictUnused(): void {
    const now = this.clock()
    this.entries = this.entries.filter(
      (e) => now - e.accessed < EVICT_UNUSED_MS
    )
  }
}

/**
 * The Git Data API as the ledger ref uses it, in memory: commits with
 * parents, and a ref that moves only by fast-forward from what the writer
 * read (GitHub's 422 otherwise). Claim commits fail (502) while
 * `failClaims` is set.
 */
class MemoryRefApi implements LedgerRefApi {
  commits = new Map<
    string,
    { files: Record<string, string>; parent?: string; message: string }
  >()
  head: string | undefined
  failClaims = false
  /** Moves refused because another run wrote first. */
  conflicts = 0
  claimCommits = 0
  ledgerCommits = 0

  /** How many entries the ledger of the ref's first commit holds. */
  firstLedgerEntries(): number {
    let first = this.head
    while (first && this.commits.get(first)?.parent) {
      first = this.commits.get(first)?.parent
    }
    const text = first && this.commits.get(first)?.files['ledger.json']
    return text ? Object.keys((JSON.parse(text) as Ledger).entries).length : 0
  }

  async readRef(): Promise<string | undefined> {
    await Promise.resolve()
    return this.head
  }

  async readFile(commit: string, file: string): Promise<string | undefined> {
    await Promise.resolve()
    return this.commits.get(commit)?.files[file]
  }

  async writeCommit(
    files: Record<string, string>,
    parent: string | undefined,
    message: string
  ): Promise<string> {
    await Promise.resolve()
    const claims = / claims /.test(message)
    if (claims && this.failClaims) {
      throw Object.assign(new Error('Server Error'), { status: 502 })
    }
    const sha = hex(0x1000000 + this.commits.size)
    this.commits.set(sha, { files: { ...files }, parent, message })
    return sha
  }

  async moveRef(commit: string, from: string | undefined): Promise<boolean> {
    await Promise.resolve()
    let moved = false
    if (from === undefined) {
      moved = this.head === undefined
    } else if (this.head !== undefined) {
      // A fast-forward: the ref's commit is an ancestor of the new one.
      for (let c: string | undefined = commit; c;) {
        if (c === this.head) moved = true
        c = this.commits.get(c)?.parent
      }
    }
    if (!moved) {
      this.conflicts += 1
      return false
    }
    this.head = commit
    if (/ claims /.test(this.commits.get(commit)?.message ?? '')) {
      this.claimCommits += 1
    } else {
      this.ledgerCommits += 1
    }
    return true
  }
}

type Behaviour = 'ok' | 'flaky' | 'closed' | 'wordpress'

/**
 * What the receivers do with a ping they already hold. Without a kind they
 * are the first model: they never fail after storing, so any second
 * request is a duplicate. With one they answer over (modelled) HTTP, read
 * by the action's own answer and failure readers, and now and then fail to
 * answer, after storing the ping or before:
 *
 * - `dedup`: a second ping from the same URL is not stored again. The
 *   `wp` hosts answer like WordPress (`<error>1</error>` "There is already
 *   a ping from that URL for this post."), the others like arXiv and
 *   Movable Type (`<error>0</error>`).
 * - `no-dedup`: every ping is stored, a second one as a second copy.
 */
type ReceiverKind = 'dedup' | 'no-dedup'

/** One stored copy of a pair: the run that sent it and what it was told. */
interface Copy {
  run: string
  /** The request that stored it failed without a clear answer. */
  unanswered: boolean
}

/** How an answering receiver fails to answer a request. */
type Unanswered = 'timeout' | 'reset' | 500 | 502 | 504

const UNANSWERED: Unanswered[] = ['timeout', 'reset', 500, 502, 504]

const XML = '<?xml version="1.0" encoding="utf-8"?>'

function trackbackAnswer(error: 0 | 1, message?: string): string {
  const said = message === undefined ? '' : `\n<message>${message}</message>`
  return `${XML}\n<response>\n<error>${error}</error>${said}\n</response>\n`
}

/**
 * The receivers: which pairs each one holds, and every request that reached
 * one for a pair it already held from us (a duplicate).
 */
class Receivers {
  /** ping → post URLs stored from this action. */
  stored = new Map<string, Set<string>>()
  /** Pairs a person pinged by hand before the action ran. */
  manual = new Set<string>()
  rejected = new Set<string>()
  duplicates: string[] = []
  requests = 0
  healthy = false
  /** Who is sending now (for the trace). */
  sender = ''
  trace = new Map<string, string[]>()
  /** Answering receivers: each pair's stored copies, in order. */
  copies = new Map<string, Copy[]>()
  /** Answering receivers: requests they failed to answer, and of those… */
  unanswered = 0
  /** …the ones that came after storing the ping. */
  unansweredStored = 0
  constructor(
    private readonly random: () => number,
    private readonly answering?: {
      kind: ReceiverKind
      /** Draws the failures to answer (apart from `random`). */
      faults: () => number
      /**
       * The test of the test: the failures lose their `ambiguous` mark, so
       * the sender repeats them within the run as it would a 503.
       */
      unmarked?: boolean
    }
  ) {}

  note(pair: string, what: string): void {
    this.trace.set(pair, [...(this.trace.get(pair) ?? []), what])
  }

  behaviour(ping: string): Behaviour {
    const host = new URL(ping).hostname
    if (host.startsWith('closed')) return 'closed'
    if (host.startsWith('flaky')) return 'flaky'
    if (host.startsWith('wp')) return 'wordpress'
    return 'ok'
  }

  has(post: string, ping: string): boolean {
    return this.stored.get(ping)?.has(post) ?? false
  }

  /** A request from the run `run` (`runId.attempt`). */
  async post(request: PingRequest, run = this.sender): Promise<Attempt> {
    if (this.answering) return this.answer(request, run, this.answering.kind)
    await Promise.resolve()
    const { ping } = request
    const post = request.fields.url
    const pair = `${post} ${ping}`
    const behaviour = this.behaviour(ping)
    if (!this.healthy && behaviour === 'flaky' && this.random() < 0.5) {
      // Refused before the receiver saw anything: safe to repeat.
      return {
        kind: 'retry',
        message: 'connection refused',
        requestSent: false,
        requests: 0
      }
    }
    if (!this.healthy && this.random() < 0.05) {
      return {
        kind: 'retry',
        message: 'HTTP 503',
        httpStatus: 503,
        requestSent: true,
        requests: 1
      }
    }
    this.requests += 1
    this.note(pair, `request by ${this.sender}`)
    if (this.has(post, ping)) {
      this.duplicates.push(
        `${pair}:\n    ${(this.trace.get(pair) ?? []).join('\n    ')}`
      )
      return behaviour === 'wordpress'
        ? {
            kind: 'already-sent',
            message: 'There is already a ping from that URL for this post.',
            requestSent: true,
            requests: 1
          }
        : { kind: 'sent', message: 'accepted', requestSent: true, requests: 1 }
    }
    if (behaviour === 'closed') {
      this.rejected.add(pair)
      return {
        kind: 'rejected',
        message: 'Sorry, trackbacks are closed for this item.',
        requestSent: true,
        requests: 1
      }
    }
    if (this.manual.has(pair)) {
      this.manual.delete(pair)
      this.store(post, ping)
      return {
        kind: 'already-sent',
        message: 'There is already a ping from that URL for this post.',
        requestSent: true,
        requests: 1
      }
    }
    this.store(post, ping)
    return { kind: 'sent', message: 'accepted', requestSent: true, requests: 1 }
  }

  private store(post: string, ping: string): void {
    const posts = this.stored.get(ping) ?? new Set()
    posts.add(post)
    this.stored.set(ping, posts)
  }

  /**
   * An answering receiver (see ReceiverKind): it refuses and says "not
   * now" as the first model does, stores the ping or finds it already
   * held, and answers, or, now and then before the drain, fails to answer
   * after storing (or before). Its answer goes through the action's
   * readers: interpretResponse for an HTTP answer, describeFailure for a
   * request that timed out or was reset after it went out.
   */
  private async answer(
    request: PingRequest,
    run: string,
    kind: ReceiverKind
  ): Promise<Attempt> {
    await Promise.resolve()
    const { ping } = request
    const post = request.fields.url
    const pair = `${post} ${ping}`
    const behaviour = this.behaviour(ping)
    if (!this.healthy && behaviour === 'flaky' && this.random() < 0.5) {
      return this.failed('refused', false)
    }
    if (!this.healthy && this.random() < 0.05) {
      return this.answered(503, '<html><title>Busy</title></html>')
    }
    this.requests += 1
    this.note(pair, `request by ${run}`)
    const held = this.has(post, ping)
    if (held) {
      this.duplicates.push(
        `${pair}:\n    ${(this.trace.get(pair) ?? []).join('\n    ')}`
      )
    }
    const failure =
      !this.healthy && this.faults() < UNANSWERED_RATE
        ? {
            how: UNANSWERED[
              Math.floor(this.faults() * UNANSWERED.length)
            ] as Unanswered,
            stored: this.faults() < 0.5
          }
        : undefined
    if (failure) this.unanswered += 1
    let status = 200
    let body: string
    if (behaviour === 'closed') {
      this.rejected.add(pair)
      body = trackbackAnswer(1, 'Sorry, trackbacks are closed for this item.')
    } else if (failure && !failure.stored) {
      // It fails before storing anything: the answer never comes.
      body = ''
    } else if (held && kind === 'dedup') {
      body =
        behaviour === 'wordpress'
          ? trackbackAnswer(
              1,
              'There is already a ping from that URL for this post.'
            )
          : trackbackAnswer(0)
    } else if (this.manual.has(pair) && kind === 'dedup') {
      this.manual.delete(pair)
      this.keep(pair, { run: 'by hand', unanswered: false })
      this.store(post, ping)
      body = trackbackAnswer(
        1,
        'There is already a ping from that URL for this post.'
      )
    } else {
      this.keep(pair, { run, unanswered: failure !== undefined })
      this.store(post, ping)
      if (failure) this.unansweredStored += 1
      body = trackbackAnswer(0)
    }
    if (!failure) return this.answered(status, body)
    this.note(
      pair,
      `  failed to answer (${failure.how}) ${failure.stored ? 'after' : 'before'} storing`
    )
    if (typeof failure.how === 'number') {
      status = failure.how
      return this.answered(status, '<html><title>Server Error</title></html>')
    }
    return this.failed(failure.how, true)
  }

  private faults(): number {
    return (this.answering as { faults: () => number }).faults()
  }

  private keep(pair: string, copy: Copy): void {
    this.copies.set(pair, [...(this.copies.get(pair) ?? []), copy])
  }

  /** An HTTP answer as postPing reads it. */
  private answered(status: number, body: string): Attempt {
    return this.unmark({
      ...interpretResponse(status, body),
      httpStatus: status,
      requestSent: true,
      requests: 1
    })
  }

  /** A request that failed on the wire, as postPing reads it. */
  private failed(
    how: 'refused' | 'timeout' | 'reset',
    written: boolean
  ): Attempt {
    const code = {
      refused: 'ECONNREFUSED',
      timeout: undefined,
      reset: 'ECONNRESET'
    }[how]
    const failure = describeFailure(
      {
        ok: false,
        error: Object.assign(new Error(how), code ? { code } : {}),
        timedOut: how === 'timeout',
        wire: { written, reusedSocket: false, secured: written }
      },
      10_000,
      true
    )
    return this.unmark({
      ...failure,
      requestSent: written,
      requests: written ? 1 : 0
    })
  }

  private unmark(attempt: Attempt): Attempt {
    if (!this.answering?.unmarked || !attempt.ambiguous) return attempt
    const { ambiguous: _, ...repeatable } = attempt
    return repeatable
  }
}

interface Commit {
  sha: string
  files: Map<string, string>
}

interface PostModel {
  file: string
  date: number
  title: string
  draft: boolean
  targets: string[]
  body: string
}

interface Event {
  eventName: string
  payload: Record<string, unknown>
  sha: string
  runId: string
  runAttempt: number
  /** The workflow sets ledger-ref (its re-runs keep the run's inputs). */
  ledgerRef: boolean
}

/** What a seed did and found. */
interface Figures {
  seed: number
  deploys: number
  runs: number
  requests: number
  delivered: number
  duplicates: string[]
  /** Pairs never settled although the ledger kept its memory. */
  lost: string[]
  /** Pairs never settled because the ledger that held them was lost. */
  forgotten: string[]
  evictions: number
  failedSaves: number
  /** With the ledger ref: its commits, and moves another run won. */
  claimCommits: number
  ledgerCommits: number
  refConflicts: number
  /** Entries of the ledger the ref's first commit took from the cache. */
  seeded: number
  /** Attempts whose deploy failed before the action's step. */
  failedBeforeStep: number
  /** Re-runs the Actions API let send (no earlier attempt reached the step). */
  rescued: number
  /** Answering receivers: copies stored beyond each pair's first. */
  storedDuplicates: number
  /** Answering receivers: requests they failed to answer… */
  unanswered: number
  /** …of which after storing the ping. */
  unansweredStored: number
  /**
   * Pairs stored twice other than by the one rule that may: a copy stored
   * by a request left unanswered, and the next copy sent by a later run.
   */
  unexplained: string[]
}

/**
 * Whether a pair's copies are what the retry rule allows: each copy but the
 * last was stored by a request the receiver left unanswered (a clear answer
 * settles the pair for good), and the next copy came from another run (an
 * unanswered request is not repeated within its run).
 */
function copiesExplained(copies: Copy[]): boolean {
  return copies.every((copy, i) => {
    const next = copies[i + 1]
    return next === undefined || (copy.unanswered && next.run !== copy.run)
  })
}

function hex(n: number): string {
  return n.toString(16).padStart(40, '0')
}

function render(post: PostModel): string {
  const iso = new Date(post.date).toISOString()
  return [
    '---',
    `title: "${post.title}"`,
    `date: ${iso.slice(0, 10)} ${iso.slice(11, 19)} +0000`,
    ...(post.draft ? ['published: false'] : []),
    ...(post.targets.length > 0
      ? ['trackback:', ...post.targets.map((t) => `  - ${t}`)]
      : []),
    '---',
    post.body,
    ''
  ].join('\n')
}

/** How a simulation runs (see simulate). */
interface Mode {
  cacheFaults: boolean
  ledgerRef?: boolean
  brokenClaims?: boolean
  /** Answering receivers of this kind (see ReceiverKind). */
  receivers?: ReceiverKind
  /** With `receivers`: their failures repeated within the run. */
  unmarked?: boolean
}

/**
 * `cacheFaults`: the cache evicts (unused for 7 days, pressure, wipes at
 * SIM_WIPE_RATE) and restores and saves fail; without it the ledger is
 * always there, though claims still fail now and then.
 *
 * `ledgerRef`: the workflow keeps the ledger in the cache until deploy
 * REF_FROM_DEPLOY, with a healthy cache, then sets ledger-ref: the first
 * runs after that create the ref from the cache's ledger, and from then on
 * the ref is the only store (ref-store.ts), its claim commits failing now
 * and then, while the cache (no longer used) is evicted, failing, and wiped
 * whole at DURABLE_WIPE_RATE. No run from before the switch is re-run after
 * it: a run without ledger-ref overlapping one with it is the case the ref
 * store does not cover.
 *
 * `brokenClaims`: every claim is won, as if the claim did nothing; the
 * simulation must then see duplicates (the test of the test).
 *
 * `receivers`: answering receivers (see ReceiverKind) instead of the first
 * model, their failures to answer drawn from a generator of their own.
 * `unmarked`: those failures lose their `ambiguous` mark, so the sender
 * repeats them within the run (the test of that test).
 */
async function simulate(
  seed: number,
  deploys: number,
  mode: Mode
): Promise<Figures> {
  const { cacheFaults } = mode
  const random = prng(seed)
  const pick = <T>(list: T[]): T =>
    list[Math.floor(random() * list.length)] as T
  let clock = Date.parse('2026-01-05T09:00:00Z')
  const cache = new FakeCache(() => clock)
  const refApi = new MemoryRefApi()
  const receivers = new Receivers(
    random,
    mode.receivers && {
      kind: mode.receivers,
      faults: prng(seed ^ 0x5eed),
      unmarked: mode.unmarked
    }
  )
  const dir = mkdtempSync(path.join(os.tmpdir(), 'trackback-sim-'))
  const ledgerDir = path.join(dir, 'trackback-ledger')
  const figures: Figures = {
    seed,
    deploys,
    runs: 0,
    requests: 0,
    delivered: 0,
    duplicates: [],
    lost: [],
    forgotten: [],
    evictions: 0,
    failedSaves: 0,
    claimCommits: 0,
    ledgerCommits: 0,
    refConflicts: 0,
    seeded: 0,
    failedBeforeStep: 0,
    rescued: 0,
    storedDuplicates: 0,
    unanswered: 0,
    unansweredStored: 0,
    unexplained: []
  }

  const posts: PostModel[] = []
  const commits: Commit[] = [{ sha: hex(1), files: new Map() }]
  const head = (): Commit => commits[commits.length - 1] as Commit
  let runs = 0
  const hosts = ['ok1', 'ok2', 'flaky1', 'flaky2', 'closed1', 'wp1', 'wp2']
  let targetSerial = 0
  const newTarget = (): string => {
    targetSerial += 1
    if (random() < 0.2)
      return `arXiv:2101.${String(targetSerial).padStart(5, '0')}`
    return `https://${pick(hosts)}.example/trackback/${targetSerial}`
  }

  function commit(mutate: () => void): Commit {
    mutate()
    const files = new Map<string, string>()
    for (const p of posts) files.set(p.file, render(p))
    const next = { sha: hex(commits.length + 1), files }
    commits.push(next)
    return next
  }

  function randomEdit(): void {
    const choice = random()
    const live = posts.filter((p) => p.date <= clock)
    if (choice < 0.35 || posts.length === 0) {
      const future = random() < 0.15
      const date = future
        ? clock + Math.floor(random() * 5 * DAY) + HOUR
        : clock - Math.floor(random() * 2 * DAY)
      const n = posts.length + 1
      const d = new Date(date).toISOString().slice(0, 10)
      const post: PostModel = {
        file: `_posts/${d}-post-${n}.md`,
        date,
        title: `Post ${n}`,
        draft: random() < 0.15,
        targets: Array.from({ length: Math.floor(random() * 4) }, newTarget),
        body: `Body of post ${n}.`
      }
      posts.push(post)
      // Sometimes the author pinged one target by hand already.
      const first = post.targets[0]
      if (first && first.startsWith('https://wp') && random() < 0.3) {
        const parsed = readPost(post.file, render(post), SITE, {
          key: 'trackback',
          now: new Date(clock)
        })
        if (isPost(parsed) && parsed.url) {
          receivers.manual.add(`${parsed.url} ${first}`)
        }
      }
    } else if (choice < 0.55) {
      pick(posts).targets.push(newTarget())
    } else if (choice < 0.7) {
      const post = pick(posts)
      if (post.targets.length > 0) {
        post.targets.splice(Math.floor(random() * post.targets.length), 1)
      }
    } else if (choice < 0.82) {
      const drafts = posts.filter((p) => p.draft)
      if (drafts.length > 0) pick(drafts).draft = false
    } else {
      const post = live.length > 0 ? pick(live) : pick(posts)
      post.body += ' More.'
    }
  }

  /**
   * The Actions API's view of each attempt (by attemptId): whether its job
   * reached the action's step, or failed its deploy first.
   */
  const reachedStep = new Map<string, boolean>()
  const jobsApi = (event: Event): RunJobsApi => ({
    async jobs(attempt) {
      const running = attempt === event.runAttempt
      const ran = reachedStep.get(attemptId(event.runId, String(attempt)))
      if (!running && ran === undefined) {
        throw Object.assign(new Error('Not Found'), { status: 404 })
      }
      return [simJob(running ? 'running' : ran ? 'ran' : 'failed-before')]
    }
  })

  /** The store a run of `event` uses: as main.ts's ledgerStore builds it. */
  const chosenStore = (event: Event): LedgerStore => {
    const inCache = createLedgerStore({
      prefix: PREFIX,
      runId: event.runId,
      runAttempt: String(event.runAttempt),
      dir: ledgerDir,
      log: quietLog,
      cache
    })
    if (!event.ledgerRef) return inCache
    return createLedgerRefStore({
      api: refApi,
      ref: REF,
      runId: event.runId,
      runAttempt: String(event.runAttempt),
      log: quietLog,
      seed: inCache,
      now: () => new Date(clock),
      sleep: async () => undefined
    })
  }
  const store = (event: Event): LedgerStore => {
    const chosen = chosenStore(event)
    if (!mode.brokenClaims) return chosen
    return {
      ...chosen,
      claim: async () => 'won',
      ...(chosen.claimMany
        ? {
            claimMany: async (names: string[]) => ({
              results: names.map(() => 'won' as const),
              permanent: true
            })
          }
        : {})
    }
  }

  /** One run of the action, as phases the scheduler can interleave. */
  function run(event: Event): {
    load: () => Promise<void>
    plan: () => Promise<void>
    send: () => Promise<void>
    save: () => Promise<void>
  } {
    figures.runs += 1
    reachedStep.set(attemptId(event.runId, String(event.runAttempt)), true)
    const ledgerStore = store(event)
    const now = new Date(clock)
    const tree = commits.find((c) => c.sha === event.sha) as Commit
    let loaded: Awaited<ReturnType<typeof ledgerStore.load>>
    let ledger: Ledger
    let plan: ReturnType<typeof planPings>
    let range: ReturnType<typeof pickRange>
    return {
      load: async () => {
        loaded = await ledgerStore.load()
        ledger = loaded.ledger
      },
      plan: async () => {
        const chosen = pickRange(event, ledger.lastCommit)
        range = chosen
        const found: SourceChange[] = []
        if (chosen.kind === 'diff') {
          const base = commits.find((c) => c.sha === chosen.base)
          const files = new Set([
            ...(base?.files.keys() ?? []),
            ...tree.files.keys()
          ])
          for (const file of files) {
            const before = base?.files.get(file)
            const after = tree.files.get(file)
            if (before !== after)
              found.push({ file, before, after, reason: 'diff' })
          }
        } else if (chosen.kind === 'scan') {
          for (const [file, text] of tree.files) {
            found.push({ file, after: text, reason: 'scan' })
          }
        }
        const changes = await readChanges(found, ledger, {
          site: SITE,
          siteDir: '',
          frontMatterKey: 'trackback',
          maxAgeDays: scanWindowDays(MAX_AGE_DAYS, loaded, false),
          now,
          readFile: async (file) => tree.files.get(file)
        })
        plan = planPings(changes, ledger, {
          now,
          dryRun: false,
          blogName: 'Sim',
          maxPings: 1000
        })
        for (const p of plan.pings) {
          if (!p.request || !p.pair) continue
          const change = changes.find((c) => c.file === p.pair?.source)
          const before = change?.before
          receivers.note(
            p.request.id,
            `planned by run ${event.runId}.${event.runAttempt}: ${change?.reason}, before ${before === undefined ? 'none' : isPost(before) ? `${before.state} [${before.targets.map((t) => t.ping?.slice(-6)).join(' ')}]` : 'failure'}, ledger ${entryFor(ledger, p.pair.post, p.pair.ping)?.status ?? 'none'}, ${Object.keys(ledger.entries).length} entries`
          )
        }
      },
      send: async () => {
        receivers.sender = `run ${event.runId}.${event.runAttempt} ${event.eventName} ${range.kind}${range.kind === 'diff' ? ` ${range.source} ${range.base.slice(-3)}..${range.head.slice(-3)}` : ''} at ${now.toISOString()} restored=${loaded.restoredKey ?? 'none'}`
        const results = plan.pings.map((p) => p.result)
        // As main.ts: the ledger vouches for earlier attempts, or else the
        // Actions API may prove they never reached the step.
        const missing = attemptsNotRemembered(
          loaded.ledger,
          event.runId,
          String(event.runAttempt)
        )
        let accounted = missing.length === 0
        if (
          !accounted &&
          ledgerWasRead(loaded) &&
          plan.pings.some((p) => p.request)
        ) {
          const check = await checkEarlierAttempts(jobsApi(event), {
            attempt: event.runAttempt,
            missing,
            identity: SIM_STEP,
            sleep: async () => undefined
          })
          accounted = check.notReached
          if (accounted) figures.rescued += 1
        }
        await claimAndSend(plan, {
          claim: async (name) => {
            const result = await ledgerStore.claim(name)
            receivers.note(
              name.replace(/#\d+$/, ''),
              `claim ${name.replace(/^.*#/, '#')} ${result} by run ${event.runId}.${event.runAttempt}`
            )
            return result
          },
          claimMany: ledgerStore.claimMany
            ? async (names) => {
                const batch = await ledgerStore.claimMany?.(names)
                names.forEach((name, i) =>
                  receivers.note(
                    name.replace(/#\d+$/, ''),
                    `ref claim ${name.replace(/^.*#/, '#')} ${batch ? batch.results[i] : 'by the cache'} by run ${event.runId}.${event.runAttempt}`
                  )
                )
                return batch
              }
            : undefined,
          claimsPredateRun: refPredatesRun(loaded.durable, event.payload),
          send: (requests, onOutcome) =>
            sendPings(
              requests,
              {
                timeoutMs: 10_000,
                retries: 2,
                concurrency: 4,
                hostDelayMs: 2000,
                allowPrivateNetworks: false,
                userAgent: 'sim'
              },
              {
                onOutcome,
                sleep: async () => undefined,
                now: () => clock,
                post: (request) =>
                  receivers.post(
                    request,
                    `run ${event.runId}.${event.runAttempt}`
                  )
              }
            ),
          sleep: async () => undefined,
          log: quietLog,
          storeAvailable: loaded.available,
          ledgerRead: ledgerWasRead(loaded),
          earlierAttemptSaved: accounted,
          runAttempt: String(event.runAttempt),
          range,
          now,
          maxAttempts: MAX_ATTEMPTS,
          update: (fn) => (ledger = fn(ledger)),
          results
        })
      },
      save: async () => {
        ledger = finishLedger(ledger, plan, {
          maxAttempts: MAX_ATTEMPTS,
          now,
          range,
          run: attemptId(event.runId, String(event.runAttempt))
        })
        if (
          serializeLedger(ledger) === serializeLedger(loaded.ledger) &&
          !loaded.durable?.behind
        ) {
          return
        }
        const saved = await ledgerStore.save(ledger)
        if (!saved.saved) figures.failedSaves += 1
        for (const [key, e] of Object.entries(ledger.entries)) {
          receivers.note(
            key,
            `run ${event.runId}.${event.runAttempt} ${saved.saved ? 'saved' : 'FAILED to save'} ${e.status}/${e.attempts}`
          )
        }
      }
    }
  }

  async function runAlone(event: Event): Promise<void> {
    const r = run(event)
    await r.load()
    await r.plan()
    await r.send()
    await r.save()
  }

  /** Two runs that both load before either saves, their steps interleaved. */
  async function runTogether(a: Event, b: Event): Promise<void> {
    const first = run(a)
    const second = run(b)
    await first.load()
    await second.load()
    const queues = [
      [first.plan, first.send, first.save],
      [second.plan, second.send, second.save]
    ]
    while (queues.some((q) => q.length > 0)) {
      const live = queues.filter((q) => q.length > 0)
      const q = pick(live)
      const step = q.shift() as () => Promise<void>
      if (random() < 0.3 && live.length === 2) {
        // Steps of both runs in flight at once.
        const other = live.find((x) => x !== q) as Array<() => Promise<void>>
        const step2 = other.shift() as () => Promise<void>
        await Promise.all([step(), step2()])
      } else {
        await step()
      }
    }
  }

  const pushEvent = (before: string, after: string): Event => {
    runs += 1
    return {
      eventName: 'push',
      // pushed_at: what lets a re-run trust the ref's claims.
      payload: { before, after, repository: { pushed_at: clock / 1000 } },
      sha: after,
      runId: String(runs),
      runAttempt: 1,
      ledgerRef
    }
  }
  let last: Event | undefined
  /** Whether the workflow sets ledger-ref yet. */
  let ledgerRef = false

  /** A scheduled or manual run: no payload, the ledger's last commit as base. */
  async function runScheduled(): Promise<void> {
    runs += 1
    await runAlone({
      eventName: random() < 0.5 ? 'schedule' : 'workflow_dispatch',
      payload: {},
      sha: head().sha,
      runId: String(runs),
      runAttempt: 1,
      ledgerRef
    })
  }

  try {
    for (let deploy = 0; deploy < deploys; deploy += 1) {
      // The switch to the ref: its first run is a scheduled one, which
      // plans from the ledger's last commit, so only the seed keeps it
      // from scanning and pinging recent posts again.
      const switching =
        mode.ledgerRef === true && !ledgerRef && deploy >= REF_FROM_DEPLOY
      if (switching) {
        ledgerRef = true
        last = undefined
      }
      // Before the switch to the ref, the cache keeps the ledger intact.
      const faults = cacheFaults && (ledgerRef || !mode.ledgerRef)
      clock +=
        random() < 0.1
          ? 7 * DAY + Math.floor(random() * 4 * DAY)
          : Math.floor(random() * 2 * DAY) + 5 * 60_000
      const roll = random()
      const wipe = (what: string): void => {
        for (const key of receivers.trace.keys())
          receivers.note(key, `${what} at ${new Date(clock).toISOString()}`)
      }
      const before = cache.entries.length
      if (faults) cache.evictUnused()
      if (!faults) {
        // The cache keeps everything.
      } else if (roll < WIPE_RATE) {
        // Someone deleted every cache entry (ledgers and claims).
        cache.entries = []
        figures.evictions += 1
      } else if (roll < 0.08) {
        // Pressure on the repository's 10 GB: least recently used first.
        cache.entries.sort((a, b) => a.accessed - b.accessed || a.seq - b.seq)
        cache.entries.splice(
          0,
          Math.floor(random() * cache.entries.length * 0.6)
        )
        figures.evictions += 1
      }
      if (ledgerRef && faults && random() < DURABLE_WIPE_RATE) {
        cache.entries = []
        figures.evictions += 1
      }
      if (cache.entries.length < before)
        wipe(`evicted ${before - cache.entries.length} entries`)
      cache.failRestore = faults && random() < 0.04
      cache.failSave = faults && random() < 0.06
      cache.failClaims = random() < 0.03
      if (ledgerRef) refApi.failClaims = random() < 0.03

      const kind = random()
      if (switching) {
        await runScheduled()
      } else if (kind < 0.6 || !last) {
        const before = head().sha
        const edits = 1 + Math.floor(random() * 3)
        const next = commit(() => {
          for (let i = 0; i < edits; i += 1) randomEdit()
        })
        last = pushEvent(before, next.sha)
        // Sometimes the deploy fails before the action's step, and the
        // user re-runs the failed jobs (again, if it fails again) until the
        // step runs: the attempts before left no ledger.
        while (random() < 0.12) {
          reachedStep.set(attemptId(last.runId, String(last.runAttempt)), false)
          figures.failedBeforeStep += 1
          last = { ...last, runAttempt: last.runAttempt + 1 }
        }
        await runAlone(last)
      } else if (kind < 0.75) {
        // Two pushes in quick succession: their runs overlap.
        const c0 = head().sha
        const c1 = commit(randomEdit).sha
        const c2 = commit(randomEdit).sha
        const a = pushEvent(c0, c1)
        const b = pushEvent(c1, c2)
        last = b
        await runTogether(a, b)
      } else if (kind < 0.87) {
        // Re-run of the last run: same payload and commit, next attempt.
        const rerun = { ...last, runAttempt: last.runAttempt + 1 }
        last = rerun
        if (random() < 0.3) {
          // ...while the next push runs.
          const before = head().sha
          const next = pushEvent(before, commit(randomEdit).sha)
          await runTogether(rerun, next)
          last = next
        } else await runAlone(rerun)
      } else {
        await runScheduled()
      }
    }

    // Drain: healthy receivers and cache, every scheduled post due, runs
    // until nothing is left to retry.
    receivers.healthy = true
    cache.failRestore = cache.failSave = cache.failClaims = false
    refApi.failClaims = false
    clock += 6 * DAY
    for (let i = 0; i < MAX_ATTEMPTS + 2; i += 1) {
      clock += HOUR
      const before = head().sha
      const next = commit(() => undefined)
      await runAlone(pushEvent(before, next.sha))
    }

    // Every pair on a published post must have ended somewhere.
    const finalStore = store({
      eventName: 'push',
      payload: {},
      sha: head().sha,
      runId: 'check',
      runAttempt: 1,
      ledgerRef
    })
    const { ledger } = await finalStore.load()
    for (const post of posts) {
      const read = readPost(post.file, render(post), SITE, {
        key: 'trackback',
        now: new Date(clock)
      })
      if (!isPost(read) || read.state !== 'published' || !read.url) continue
      for (const target of read.targets) {
        if (!target.ping) continue
        const pair = `${read.url} ${target.ping}`
        const entry = entryFor(ledger, read.url, target.ping)
        const done =
          receivers.has(read.url, target.ping) ||
          receivers.rejected.has(pair) ||
          (entry?.status === 'given-up' && Boolean(entry.message))
        if (done) continue
        const trace =
          receivers.trace.get(ledgerKey(read.url, target.ping)) ?? []
        // The ledger once held it (a run recorded it), and holds it no more:
        // evicted, or the run that recorded it could not save.
        const forgotten =
          entry === undefined && trace.some((t) => / saved | save /.test(t))
        ;(forgotten ? figures.forgotten : figures.lost).push(
          `${pair} (ledger: ${entry ? `${entry.status} after ${entry.attempts}` : 'none'}):\n    ${trace.join('\n    ')}`
        )
      }
    }
    figures.requests = receivers.requests
    figures.delivered = [...receivers.stored.values()].reduce(
      (n, s) => n + s.size,
      0
    )
    figures.duplicates = receivers.duplicates
    for (const [pair, copies] of receivers.copies) {
      figures.storedDuplicates += copies.length - 1
      if (!copiesExplained(copies)) {
        const trace = receivers.trace.get(pair) ?? []
        figures.unexplained.push(
          `${pair} (${copies.map((c) => `${c.run}${c.unanswered ? ' unanswered' : ''}`).join(', ')}):\n    ${trace.join('\n    ')}`
        )
      }
    }
    figures.unanswered = receivers.unanswered
    figures.unansweredStored = receivers.unansweredStored
    figures.claimCommits = refApi.claimCommits
    figures.ledgerCommits = refApi.ledgerCommits
    figures.refConflicts = refApi.conflicts
    figures.seeded = refApi.firstLedgerEntries()
    return figures
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

// Seeds to run (SIM_SEEDS=1,2,… to try others; a failure prints its seed).
const SEEDS = (process.env.SIM_SEEDS ?? '1,2,20261125').split(',').map(Number)
/** The ledger-always-there mode is cheaper to trust: two seeds suffice. */
const HEALTHY_SEEDS = SEEDS.slice(0, 2)

function summary(figures: Figures, mode: string): string {
  return `seed ${figures.seed} (${mode}): ${figures.deploys} deploys, ${figures.runs} runs, ${figures.requests} requests, ${figures.delivered} pairs delivered, ${figures.duplicates.length} duplicates, ${figures.lost.length} lost, ${figures.forgotten.length} forgotten with the ledger (${figures.forgotten.filter((f) => f.includes('FAILED to save')).length} after a failed save, ${figures.forgotten.filter((f) => f.includes(' taken ')).length} held by another run's claim), ${figures.evictions} evictions, ${figures.failedSaves} failed saves, ${figures.failedBeforeStep} attempts failed before the step, ${figures.rescued} re-runs sent after the Actions API showed it${figures.claimCommits + figures.ledgerCommits > 0 ? `; ledger ref: ${figures.claimCommits} claim commits, ${figures.ledgerCommits} ledger commits, ${figures.refConflicts} moves refused (another run wrote first), ${figures.seeded} entries taken from the cache by its first commit` : ''}`
}

/** The figures of a run with answering receivers, one line. */
function answeringSummary(figures: Figures, mode: string): string {
  return `seed ${figures.seed} (${mode}): ${figures.storedDuplicates} stored duplicates, ${figures.requests} requests, ${figures.delivered} pairs delivered, ${figures.lost.length} lost, ${figures.forgotten.length} forgotten; ${figures.unanswered} requests unanswered (${figures.unansweredStored} after storing), ${figures.duplicates.length} requests for a pair already stored, ${figures.unexplained.length} pairs stored twice against the rule`
}

describe('simulation: 200 random deploys per seed', () => {
  it.each(SEEDS)(
    'seed %i, cache evicting and failing: no ping twice; none lost while the ledger remembers it',
    async (seed) => {
      const figures = await simulate(seed, 200, { cacheFaults: true })
      process.stdout.write(`${summary(figures, 'cache faults')}\n`)
      expect({ seed, duplicates: figures.duplicates }).toEqual({
        seed,
        duplicates: []
      })
      expect({ seed, lost: figures.lost }).toEqual({ seed, lost: [] })
      expect(figures.delivered).toBeGreaterThan(50)
      expect(figures.rescued).toBeGreaterThan(0)
    },
    120_000
  )

  it.each(SEEDS)(
    `seed %i, ledger-ref set at deploy ${REF_FROM_DEPLOY}, then the cache evicted and wiped at random: no ping twice, every ping settled`,
    async (seed) => {
      const figures = await simulate(seed, 200, {
        cacheFaults: true,
        ledgerRef: true
      })
      process.stdout.write(`${summary(figures, 'ledger ref')}\n`)
      expect({ seed, duplicates: figures.duplicates }).toEqual({
        seed,
        duplicates: []
      })
      expect({
        seed,
        lost: [...figures.lost, ...figures.forgotten]
      }).toEqual({ seed, lost: [] })
      expect(figures.delivered).toBeGreaterThan(50)
      expect(figures.evictions).toBeGreaterThan(5)
      expect(figures.refConflicts).toBeGreaterThan(0)
      expect(figures.seeded).toBeGreaterThan(0)
    },
    120_000
  )

  it.each(HEALTHY_SEEDS)(
    'seed %i, ledger always there: no ping twice, every ping settled',
    async (seed) => {
      const figures = await simulate(seed, 200, { cacheFaults: false })
      process.stdout.write(`${summary(figures, 'no eviction')}\n`)
      expect({ seed, duplicates: figures.duplicates }).toEqual({
        seed,
        duplicates: []
      })
      expect({
        seed,
        lost: [...figures.lost, ...figures.forgotten]
      }).toEqual({ seed, lost: [] })
      expect(figures.delivered).toBeGreaterThan(50)
      expect(figures.rescued).toBeGreaterThan(0)
    },
    120_000
  )

  // The test of the test: with claims that never refuse, overlapping runs
  // and re-runs must show up as duplicates, in either store.
  it.each([
    ['the cache', { cacheFaults: true }],
    ['the ledger ref', { cacheFaults: true, ledgerRef: true }]
  ])(
    'sees duplicates when every claim is won (%s)',
    async (name, mode) => {
      const figures = await simulate(SEEDS[0] ?? 1, 200, {
        ...mode,
        brokenClaims: true
      })
      process.stdout.write(`${summary(figures, `broken claims, ${name}`)}\n`)
      expect(figures.duplicates.length).toBeGreaterThan(0)
    },
    120_000
  )
})

/** The stores as the ledger can be kept. */
const LEDGER_MODES: Array<[string, Mode]> = [
  ['cache faults', { cacheFaults: true }],
  ['ledger ref', { cacheFaults: true, ledgerRef: true }],
  ['no eviction', { cacheFaults: false }]
]

/** Every ledger mode with every seed: [mode's name, seed, mode]. */
const MODES_AND_SEEDS = LEDGER_MODES.flatMap(([name, mode]) =>
  SEEDS.map((seed) => [name, seed, mode] as const)
)

/**
 * What must not happen to a ping in a mode: lost while the ledger remembers
 * it, and, with a ledger that is always there, forgotten. With the ledger
 * ref a few pings can be forgotten in the deploys between the switch and
 * the ref's first commit, while the cache (its seed) already evicts and
 * fails: seed 2 here has one, held by a push run that could not create the
 * ref (its seed unreadable), then the cache evicted, and the ref created
 * from an empty seed. The first model's seeds never hit that window.
 */
function unsettled(figures: Figures, mode: Mode): string[] {
  return mode.cacheFaults
    ? figures.lost
    : [...figures.lost, ...figures.forgotten]
}

describe('simulation: receivers that store a ping and then fail to answer', () => {
  const rows: string[] = []
  afterAll(() => {
    process.stdout.write(
      [
        `receivers failing to answer ${UNANSWERED_RATE * 100}% of requests before the drain, half of them after storing:`,
        '| ledger | receivers | seed | stored duplicates | requests | delivered | lost | forgotten |',
        '| --- | --- | --- | --- | --- | --- | --- | --- |',
        ...rows,
        ''
      ].join('\n')
    )
  })
  const row = (figures: Figures, name: string, kind: string): void => {
    rows.push(
      `| ${name} | ${kind} | ${figures.seed} | ${figures.storedDuplicates} | ${figures.requests} | ${figures.delivered} | ${figures.lost.length} | ${figures.forgotten.length} |`
    )
  }

  it.each(MODES_AND_SEEDS)(
    '%s, seed %i, receivers that de-duplicate: no pair stored twice',
    async (name, seed, mode) => {
      const figures = await simulate(seed, 200, {
        ...mode,
        receivers: 'dedup'
      })
      process.stdout.write(
        `${answeringSummary(figures, `${name}, de-duplicating receivers`)}\n`
      )
      row(figures, name, 'de-duplicate')
      expect(figures.unansweredStored).toBeGreaterThan(0)
      expect({ seed, stored: figures.storedDuplicates }).toEqual({
        seed,
        stored: 0
      })
      expect({ seed, lost: unsettled(figures, mode) }).toEqual({
        seed,
        lost: []
      })
    },
    120_000
  )

  it.each(MODES_AND_SEEDS)(
    '%s, seed %i, receivers that store every ping: a pair is stored again only after a request left unanswered, by a later run',
    async (name, seed, mode) => {
      const figures = await simulate(seed, 200, {
        ...mode,
        receivers: 'no-dedup'
      })
      process.stdout.write(
        `${answeringSummary(figures, `${name}, receivers storing every ping`)}\n`
      )
      row(figures, name, 'store every ping')
      expect(figures.unansweredStored).toBeGreaterThan(0)
      expect({ seed, unexplained: figures.unexplained }).toEqual({
        seed,
        unexplained: []
      })
      expect({ seed, lost: unsettled(figures, mode) }).toEqual({
        seed,
        lost: []
      })
    },
    120_000
  )

  // The test of the test: repeated within the run, a failure after storing
  // must show up as a pair stored twice against the rule.
  it('sees pairs stored twice against the rule when the sender repeats an unanswered request within the run', async () => {
    const figures = await simulate(SEEDS[0] ?? 1, 200, {
      cacheFaults: true,
      receivers: 'no-dedup',
      unmarked: true
    })
    process.stdout.write(
      `${answeringSummary(figures, 'cache faults, receivers storing every ping, unanswered requests repeated in the run')}\n`
    )
    expect(figures.unexplained.length).toBeGreaterThan(0)
  }, 120_000)
})
