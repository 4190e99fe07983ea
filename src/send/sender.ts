/**
 * Send a run's pings politely: one request at a time per host with a gap
 * between them, several hosts in parallel, copies of a ping sent once, and
 * no request after the run's deadline. Whether a failed try is repeated,
 * and after what wait, is the retry rule's (net/retry.ts); this module
 * queues, paces and reports.
 */
import { setTimeout as delay } from 'node:timers/promises'
import { createAgents, destroyAgents } from '../net/http-client.js'
import {
  DEFAULT_MAX_RETRY_WAIT_MS,
  PING_BACKOFF,
  repeatInRun,
  type InRunPolicy
} from '../net/retry.js'
import { notify } from './page-target.js'
import type { Attempt, ClientOptions } from './trackback.js'
import type { PingOutcome, PingRequest, Protocol } from '../types.js'
import { errorMessage } from '../util.js'

/** How pings are paced and retried. */
export interface SendOptions {
  /** Time limit per HTTP request. */
  timeoutMs: number
  /** Protocols a page target may be sent by (default all). */
  protocols?: readonly Protocol[]
  /** Extra attempts per ping after a retryable answer. */
  retries: number
  /** Hosts served in parallel (one request per host at a time). */
  concurrency: number
  /** Gap between the end of one request to a host and the next. */
  hostDelayMs: number
  allowPrivateNetworks: boolean
  userAgent: string
  /** epoch ms after which no new request starts; unfinished pings → failed 'deadline' */
  deadline?: number
  /**
   * Longest wait for a retry (Retry-After or backoff); a receiver asking
   * for more gives the ping up for this run. Default 120 s.
   */
  maxRetryWaitMs?: number
}

/** Ways to observe and steer `sendPings` (tests, and the run's ledger). */
export interface SendHooks {
  /** Called as each ping finishes, so the caller can record it at once. */
  onOutcome?(outcome: PingOutcome): void
  sleep?(ms: number): Promise<void>
  now?(): number
  post?: typeof notify
}

const DEADLINE = 'deadline: run out of time before sending, will retry next run'
const DEADLINE_DURING = 'deadline: the run ran out of time during the request'

interface Item {
  index: number
  request: PingRequest
  attempts: number
  requests: number
  last?: Attempt
}

interface Host {
  key: string
  items: Item[]
  /** A worker is serving (or waiting for) this host. */
  busy: boolean
  /** No request to this host may start before this time. */
  readyAt: number
  /** Why the host is waiting, when a receiver asked for the wait. */
  waitReason?: string
}

/** The requests sorted into per-host queues, copies set aside. */
interface Queues {
  hosts: Map<string, Host>
  /** Index of a request sent → indexes of its copies. */
  copies: Map<number, number[]>
}

/** One `sendPings` call: its queues, its clock and what it has decided. */
interface Sending extends Queues {
  requests: PingRequest[]
  options: SendOptions
  hooks: SendHooks
  now: () => number
  sleep: (ms: number) => Promise<void>
  post: typeof notify
  client: ClientOptions
  policy: InRunPolicy
  outcomes: Array<PingOutcome | undefined>
  /** The first error an onOutcome hook threw, reported at the end. */
  hookError?: { error: unknown }
}

/**
 * Send pings and return one outcome per request, in input order.
 *
 * Requests with the same ping URL and post URL are sent once; the copies
 * get the first one's outcome with `requests: 0`.
 */
export async function sendPings(
  requests: PingRequest[],
  options: SendOptions,
  hooks: SendHooks = {}
): Promise<PingOutcome[]> {
  const agents = createAgents(options.allowPrivateNetworks, true)
  const run: Sending = {
    ...queueRequests(requests),
    requests,
    options,
    hooks,
    now: hooks.now ?? Date.now,
    sleep: hooks.sleep ?? delay,
    post: hooks.post ?? notify,
    client: {
      timeoutMs: options.timeoutMs,
      userAgent: options.userAgent,
      allowPrivateNetworks: options.allowPrivateNetworks,
      agents,
      ...(options.protocols ? { protocols: options.protocols } : {})
    },
    policy: {
      retries: options.retries,
      maxWaitMs: options.maxRetryWaitMs ?? DEFAULT_MAX_RETRY_WAIT_MS,
      backoff: PING_BACKOFF
    },
    outcomes: new Array(requests.length)
  }
  try {
    const count = Math.max(1, Math.min(options.concurrency, run.hosts.size))
    await Promise.all(Array.from({ length: count }, () => worker(run)))
  } finally {
    destroyAgents(agents)
  }
  if (run.hookError) throw run.hookError.error
  return run.outcomes.map(
    (outcome, index) =>
      outcome ?? {
        id: (requests[index] as PingRequest).id,
        status: 'failed',
        message: 'not sent',
        requests: 0
      }
  )
}

/** One queue per host; a request equal to an earlier one becomes its copy. */
function queueRequests(requests: PingRequest[]): Queues {
  const hosts = new Map<string, Host>()
  const copies = new Map<number, number[]>()
  const firstOf = new Map<string, number>()
  requests.forEach((request, index) => {
    // One endpoint (webmention.io) serves many targets: the target is part of
    // what makes a ping the same.
    const same = `${request.protocol ?? 'trackback'}\n${request.ping}\n${request.target ?? ''}\n${request.fields.url}`
    const first = firstOf.get(same)
    if (first !== undefined) {
      copies.set(first, [...(copies.get(first) ?? []), index])
      return
    }
    firstOf.set(same, index)
    const key = hostKey(request.ping, index)
    const host = hosts.get(key) ?? { key, items: [], busy: false, readyAt: 0 }
    hosts.set(key, host)
    host.items.push({ index, request, attempts: 0, requests: 0 })
  })
  return { hosts, copies }
}

/** Pick the free host that can go soonest, until none has work. */
async function worker(run: Sending): Promise<void> {
  for (;;) {
    let next: Host | undefined
    for (const host of run.hosts.values()) {
      if (host.busy || host.items.length === 0) continue
      if (!next || host.readyAt < next.readyAt) next = host
    }
    if (!next) return
    next.busy = true
    try {
      await serve(run, next)
    } finally {
      next.busy = false
    }
  }
}

/** Serve the head of one host's queue: wait, send, decide. */
async function serve(run: Sending, host: Host): Promise<void> {
  if (!(await waitForHost(run, host))) return
  const item = host.items[0] as Item
  const attempt = await tryOnce(run, item)
  host.readyAt = run.now() + run.options.hostDelayMs
  host.waitReason = undefined
  if (attempt.kind !== 'retry') {
    host.items.shift()
    finish(run, item, {
      id: item.request.id,
      status: attempt.kind,
      message: attempt.message,
      requests: item.requests,
      ...(attempt.httpStatus !== undefined
        ? { httpStatus: attempt.httpStatus }
        : {}),
      ...sentBy(attempt)
    })
    return
  }
  const decision = repeatInRun(
    attempt,
    item.attempts,
    run.policy,
    msLeft(run, run.now())
  )
  if (decision.repeat) {
    // The whole host waits: a throttled receiver throttles every ping.
    host.readyAt = Math.max(host.readyAt, run.now() + decision.waitMs)
    return
  }
  host.items.shift()
  if (decision.wait) {
    host.readyAt = Math.max(host.readyAt, run.now() + decision.wait.ms)
    host.waitReason = `${host.key} ${decision.wait.why}`
  }
  giveUp(run, item, decision.message)
}

/**
 * Wait until the host may be asked again. False when it may not be in this
 * run (the wait it asked for is too long, or the deadline comes first):
 * then the pings it would have served are given up.
 */
async function waitForHost(run: Sending, host: Host): Promise<boolean> {
  const item = host.items[0] as Item
  const wait = host.readyAt - run.now()
  // A host that asked for a wait longer than the run can give is left
  // alone for the rest of the run: its other pings are not sent either.
  const tooLong = wait > run.policy.maxWaitMs
  if (tooLong || pastDeadline(run, run.now() + Math.max(0, wait))) {
    const why = host.waitReason
      ? `${host.waitReason}; not tried in this run, will retry next run`
      : DEADLINE
    for (const left of host.items.splice(0)) {
      giveUp(run, left, `${why}${lastTry(left)}`)
    }
    return false
  }
  if (wait > 0) await run.sleep(wait)
  if (pastDeadline(run, run.now())) {
    host.items.shift()
    giveUp(run, item, `${DEADLINE}${lastTry(item)}`)
    return false
  }
  return true
}

/** Post the ping once; a throwing post function counts as a failed try. */
async function tryOnce(run: Sending, item: Item): Promise<Attempt> {
  let attempt: Attempt
  try {
    attempt = await withinDeadline(
      run.post(item.request, run.client),
      msLeft(run, run.now())
    )
  } catch (error) {
    const text = errorMessage(error)
    attempt = { kind: 'failed', message: text, requestSent: true }
  }
  item.attempts += 1
  item.requests += attempt.requests ?? 1
  item.last = attempt
  return attempt
}

/**
 * The attempt, or, when the run's deadline comes first, an ambiguous
 * failure: the request may be on the wire, so it is not repeated in this
 * run, and the run goes on to save what it knows. (Each exchange settles
 * by its own time limit too; this keeps a redirect chain or a slow post
 * function from holding the run past its deadline.)
 */
async function withinDeadline(
  posting: Promise<Attempt>,
  leftMs: number
): Promise<Attempt> {
  if (!Number.isFinite(leftMs)) return posting
  // Settled or not, a post that lost the race must not throw unheard.
  posting.catch(() => undefined)
  const late = new AbortController()
  const timeUp = delay(Math.max(0, leftMs), undefined, {
    signal: late.signal
  }).then(
    (): Attempt => ({
      kind: 'retry',
      ambiguous: true,
      message: `${DEADLINE_DURING} (the receiver may have got the ping)`,
      requestSent: true
    }),
    () => undefined
  )
  try {
    const first = await Promise.race([posting, timeUp])
    return first ?? (await posting)
  } finally {
    late.abort()
  }
}

function msLeft(run: Sending, at: number): number {
  const { deadline } = run.options
  return deadline === undefined ? Number.POSITIVE_INFINITY : deadline - at
}

function pastDeadline(run: Sending, at: number): boolean {
  return msLeft(run, at) <= 0
}

function lastTry(item: Item): string {
  return item.last ? ` (last try: ${item.last.message})` : ''
}

/** End a ping as failed for this run. */
function giveUp(run: Sending, item: Item, message: string): void {
  finish(run, item, {
    id: item.request.id,
    status: 'failed',
    message,
    requests: item.requests,
    ...(item.last?.httpStatus !== undefined
      ? { httpStatus: item.last.httpStatus }
      : {}),
    ...(item.last ? sentBy(item.last) : {})
  })
}

/** Record a ping's outcome and its copies', and tell the caller of each. */
function finish(run: Sending, item: Item, outcome: PingOutcome): void {
  const all = [outcome]
  for (const copy of run.copies.get(item.index) ?? []) {
    const request = run.requests[copy] as PingRequest
    const copied: PingOutcome = {
      ...outcome,
      id: request.id,
      requests: 0,
      message: `same ping as ${item.request.id}: ${outcome.message}`
    }
    all.push(copied)
    run.outcomes[copy] = copied
  }
  run.outcomes[item.index] = outcome
  for (const each of all) {
    try {
      run.hooks.onOutcome?.(each)
    } catch (error) {
      // Keep the other workers going; report the caller's error at the end.
      run.hookError ??= { error }
    }
  }
}

/** The protocol, endpoint, nothing-found flag and status page an attempt reports. */
function sentBy(
  attempt: Attempt
): Pick<PingOutcome, 'protocol' | 'endpoint' | 'nothingFound' | 'statusUrl'> {
  return {
    ...(attempt.protocol ? { protocol: attempt.protocol } : {}),
    ...(attempt.endpoint ? { endpoint: attempt.endpoint } : {}),
    ...(attempt.nothingFound ? { nothingFound: true } : {}),
    ...(attempt.statusUrl ? { statusUrl: attempt.statusUrl } : {})
  }
}

/** Requests to one host:port share a queue; bad URLs each get their own. */
function hostKey(ping: string, index: number): string {
  try {
    const url = new URL(ping)
    const port =
      url.port ||
      (url.protocol === 'https:' ? '443' : url.protocol === 'http:' ? '80' : '')
    return `${url.hostname.toLowerCase()}:${port}`
  } catch {
    return `invalid#${index}`
  }
}
