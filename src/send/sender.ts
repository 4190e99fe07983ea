/**
 * Send a run's pings politely: one request at a time per host with a gap
 * between them, several hosts in parallel, copies of a ping sent once, and
 * no request after the run's deadline. "Host" is every host contacted: a
 * page target's GET waits its turn at the page's host and its POST at the
 * endpoint's (host-queues.ts). Whether a failed try is repeated, and after
 * what wait, is the retry rule's (net/retry.ts); this module schedules,
 * paces and reports.
 */
import { setTimeout as delay } from 'node:timers/promises'
import { createAgents, destroyAgents } from '../net/http-client.js'
import {
  DEFAULT_MAX_RETRY_WAIT_MS,
  PING_BACKOFF,
  repeatInRun,
  type InRunPolicy
} from '../net/retry.js'
import {
  enqueue,
  nextHost,
  queueRequests,
  type Host,
  type Item,
  type Queues
} from './host-queues.js'
import {
  firstExchange,
  isNext,
  type Exchange,
  type Next,
  type notify
} from './page-target.js'
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
  /** Requests in progress at once, each to a different host. */
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
  /** Send a ping in one exchange with its target's host (tests). */
  post?: typeof notify
}

const DEADLINE = 'deadline: run out of time before sending, will retry next run'
const DEADLINE_DURING = 'deadline: the run ran out of time during the request'

/** One `sendPings` call: its queues, its clock and what it has decided. */
interface Sending extends Queues {
  requests: PingRequest[]
  options: SendOptions
  hooks: SendHooks
  now: () => number
  sleep: (ms: number) => Promise<void>
  client: ClientOptions
  policy: InRunPolicy
  outcomes: Array<PingOutcome | undefined>
  /** The first error an onOutcome hook threw, reported at the end. */
  hookError?: { error: unknown }
  /** The first error serving a host threw, reported at the end. */
  failure?: { error: unknown }
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
  const { post } = hooks
  const first = post
    ? (request: PingRequest): Exchange => ({
        url: request.ping,
        run: (client) => post(request, client)
      })
    : firstExchange
  const run: Sending = {
    ...queueRequests(requests, first),
    requests,
    options,
    hooks,
    now: hooks.now ?? Date.now,
    sleep: hooks.sleep ?? delay,
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
    await serveAll(run)
  } finally {
    destroyAgents(agents)
  }
  if (run.failure) throw run.failure.error
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

/**
 * Serve hosts, up to `concurrency` at once, until no queue has work. Each
 * turn takes the free host that can go soonest, makes one exchange with it
 * and frees it; the ping then waits in the queue of its next exchange's
 * host, if any. A turn holds one host and never waits for another, so no
 * two turns wait on each other.
 */
function serveAll(run: Sending): Promise<void> {
  const limit = Math.max(1, run.options.concurrency)
  let active = 0
  return new Promise((resolve) => {
    const pump = (): void => {
      while (active < limit && !run.failure) {
        const host = nextHost(run)
        if (!host) break
        host.busy = true
        active += 1
        void turn(host)
      }
      if (active === 0) resolve()
    }
    // The next turn starts as soon as this one's exchange is decided, as
    // the worker loop did: the wait a host asked for is measured from then.
    const turn = async (host: Host): Promise<void> => {
      try {
        await serve(run, host)
      } catch (error) {
        run.failure ??= { error }
      } finally {
        host.busy = false
        active -= 1
        pump()
      }
    }
    pump()
  })
}

/** One turn of a host: take the head of its queue, wait, send, decide. */
async function serve(run: Sending, host: Host): Promise<void> {
  const item = host.items.shift() as Item
  if (!(await waitForHost(run, host, item))) return
  const result = await tryOnce(run, item)
  host.readyAt = run.now() + run.options.hostDelayMs
  host.waitReason = undefined
  if (isNext(result)) {
    item.exchange = result.next
    enqueue(run, item)
    return
  }
  const attempt = result
  if (attempt.kind !== 'retry') {
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
    // The whole host waits: a throttled receiver throttles every ping. The
    // ping stays first in line, and repeats only the exchange that failed.
    host.readyAt = Math.max(host.readyAt, run.now() + decision.waitMs)
    host.items.unshift(item)
    return
  }
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
async function waitForHost(
  run: Sending,
  host: Host,
  item: Item
): Promise<boolean> {
  const wait = host.readyAt - run.now()
  // A host that asked for a wait longer than the run can give is left
  // alone for the rest of the run: its other pings are not sent either.
  const tooLong = wait > run.policy.maxWaitMs
  if (tooLong || pastDeadline(run, run.now() + Math.max(0, wait))) {
    const why = host.waitReason
      ? `${host.waitReason}; not tried in this run, will retry next run`
      : DEADLINE
    for (const left of [item, ...host.items.splice(0)]) {
      giveUp(run, left, `${why}${lastTry(left)}`)
    }
    return false
  }
  if (wait > 0) await run.sleep(wait)
  if (pastDeadline(run, run.now())) {
    giveUp(run, item, `${DEADLINE}${lastTry(item)}`)
    return false
  }
  return true
}

/**
 * Make the ping's next exchange once. A verdict counts as a try; an
 * exchange that leads to another (the page read, the POST next) does not.
 * A throwing exchange counts as a failed try.
 */
async function tryOnce(run: Sending, item: Item): Promise<Attempt | Next> {
  let result: Attempt | Next
  try {
    result = await withinDeadline(
      item.exchange.run(run.client),
      msLeft(run, run.now())
    )
  } catch (error) {
    const text = errorMessage(error)
    result = { kind: 'failed', message: text, requestSent: true }
  }
  item.exchanges += 1
  if (isNext(result)) {
    item.requests += result.requests
    return result
  }
  item.attempts += 1
  item.requests += result.requests ?? 1
  item.last = result
  return result
}

/**
 * The attempt, or, when the run's deadline comes first, an ambiguous
 * failure: the request may be on the wire, so it is not repeated in this
 * run, and the run goes on to save what it knows. (Each exchange settles
 * by its own time limit too; this keeps a redirect chain or a slow post
 * function from holding the run past its deadline.)
 */
async function withinDeadline(
  posting: Promise<Attempt | Next>,
  leftMs: number
): Promise<Attempt | Next> {
  if (!Number.isFinite(leftMs)) return posting
  // Settled or not, a post that lost the race must not throw unheard.
  posting.catch(() => undefined)
  // A plain timer, cleared when the post wins: aborting a timers/promises
  // delay builds an AbortError (a DOMException and its stack) for every
  // exchange, which was a tenth of the sender's CPU with 2,000 exchanges.
  let timer: NodeJS.Timeout | undefined
  const timeUp = new Promise<Attempt>((resolve) => {
    timer = setTimeout(
      () =>
        resolve({
          kind: 'retry',
          ambiguous: true,
          message: `${DEADLINE_DURING} (the receiver may have got the ping)`,
          requestSent: true
        }),
      Math.max(0, leftMs)
    )
  })
  try {
    return await Promise.race([posting, timeUp])
  } finally {
    clearTimeout(timer)
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
