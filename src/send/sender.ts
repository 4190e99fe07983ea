/**
 * Send a run's pings politely: one request at a time per host with a gap
 * between them, several hosts in parallel, retries only where a retry
 * cannot deliver a ping twice.
 *
 * The retry rule: a `retry` verdict is repeated within the run only when the
 * receiver cannot have stored the ping — the request never left (connection
 * refused, DNS, TLS) or the receiver said "not now" (429, 503, 403
 * Throttled, WordPress's flood answer). Verdicts marked `ambiguous` (timeout
 * or reset after the request went out, 500/502/504) end the ping as
 * `failed` for this run; a later run may try again, and the receivers we
 * know (WordPress, arXiv, Movable Type) de-duplicate by URL.
 */
import { setTimeout as delay } from 'node:timers/promises'
import { createAgents, destroyAgents } from '../net/http-client.js'
import { postPing, type Attempt, type ClientOptions } from './trackback.js'
import type { PingOutcome, PingRequest } from '../types.js'
import { errorMessage } from '../util.js'

/** How pings are paced and retried. */
export interface SendOptions {
  /** Time limit per HTTP request. */
  timeoutMs: number
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
  post?: typeof postPing
}

/** First retry waits this long; each further one twice as long. */
export const BACKOFF_START_MS = 2000
/** Backoff never grows beyond this. */
export const BACKOFF_MAX_MS = 30_000
const DEFAULT_MAX_RETRY_WAIT_MS = 120_000

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
  const now = hooks.now ?? Date.now
  const sleep = hooks.sleep ?? delay
  const post = hooks.post ?? postPing
  const maxRetryWaitMs = options.maxRetryWaitMs ?? DEFAULT_MAX_RETRY_WAIT_MS
  const outcomes: Array<PingOutcome | undefined> = new Array(requests.length)
  const copies = new Map<number, number[]>()
  const hosts = new Map<string, Host>()
  let hookError: { error: unknown } | undefined

  const firstOf = new Map<string, number>()
  requests.forEach((request, index) => {
    const same = `${request.ping}\n${request.fields.url}`
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

  const finish = (item: Item, outcome: PingOutcome): void => {
    const all = [outcome]
    for (const copy of copies.get(item.index) ?? []) {
      const request = requests[copy] as PingRequest
      all.push({
        ...outcome,
        id: request.id,
        requests: 0,
        message: `same ping as ${item.request.id}: ${outcome.message}`
      })
      outcomes[copy] = all[all.length - 1]
    }
    outcomes[item.index] = outcome
    for (const each of all) {
      try {
        hooks.onOutcome?.(each)
      } catch (error) {
        // Keep the other workers going; report the caller's error at the end.
        hookError ??= { error }
      }
    }
  }

  const giveUp = (item: Item, message: string): void => {
    finish(item, {
      id: item.request.id,
      status: 'failed',
      message,
      requests: item.requests,
      ...(item.last?.httpStatus !== undefined
        ? { httpStatus: item.last.httpStatus }
        : {})
    })
  }

  const pastDeadline = (at: number): boolean =>
    options.deadline !== undefined && at >= options.deadline

  const agents = createAgents(options.allowPrivateNetworks, true)
  const client: ClientOptions = {
    timeoutMs: options.timeoutMs,
    userAgent: options.userAgent,
    allowPrivateNetworks: options.allowPrivateNetworks,
    agents
  }

  /** Serve the head of one host's queue: wait, send, decide. */
  const serve = async (host: Host): Promise<void> => {
    const item = host.items[0] as Item
    const wait = host.readyAt - now()
    // A host that asked for a wait longer than the run can give is left
    // alone for the rest of the run: its other pings are not sent either.
    const tooLong = wait > maxRetryWaitMs
    if (tooLong || pastDeadline(now() + Math.max(0, wait))) {
      const why = host.waitReason
        ? `${host.waitReason}; not tried in this run, will retry next run`
        : 'deadline: run out of time before sending, will retry next run'
      for (const left of host.items.splice(0)) {
        const before = left.last ? ` (last try: ${left.last.message})` : ''
        giveUp(left, `${why}${before}`)
      }
      return
    }
    if (wait > 0) await sleep(wait)
    if (pastDeadline(now())) {
      host.items.shift()
      const before = item.last ? ` (last try: ${item.last.message})` : ''
      giveUp(
        item,
        `deadline: run out of time before sending, will retry next run${before}`
      )
      return
    }

    let attempt: Attempt
    try {
      attempt = await post(item.request, client)
    } catch (error) {
      const text = errorMessage(error)
      attempt = { kind: 'failed', message: text, requestSent: true }
    }
    item.attempts += 1
    item.requests += attempt.requests ?? 1
    item.last = attempt
    host.readyAt = now() + options.hostDelayMs
    host.waitReason = undefined

    if (attempt.kind !== 'retry') {
      host.items.shift()
      finish(item, {
        id: item.request.id,
        status: attempt.kind,
        message: attempt.message,
        requests: item.requests,
        ...(attempt.httpStatus !== undefined
          ? { httpStatus: attempt.httpStatus }
          : {})
      })
      return
    }
    const tries = `${item.attempts} attempt${item.attempts === 1 ? '' : 's'}`
    if (attempt.ambiguous) {
      host.items.shift()
      giveUp(item, `${attempt.message}; not repeated in this run`)
      return
    }
    if (item.attempts > options.retries) {
      host.items.shift()
      giveUp(item, `${attempt.message}; gave up after ${tries}`)
      return
    }
    const backoff = Math.min(
      BACKOFF_START_MS * 2 ** (item.attempts - 1),
      BACKOFF_MAX_MS
    )
    const pause = Math.max(backoff, attempt.retryAfterMs ?? 0)
    const seconds = Math.ceil(pause / 1000)
    // The whole host waits: a throttled receiver throttles every ping.
    host.readyAt = Math.max(host.readyAt, now() + pause)
    if (pause > maxRetryWaitMs || pastDeadline(now() + pause)) {
      host.items.shift()
      const limit =
        pause > maxRetryWaitMs
          ? `more than the ${Math.ceil(maxRetryWaitMs / 1000)} s a run waits`
          : 'past the run-timeout'
      host.waitReason = `${host.key} asked to wait ${seconds} s (${limit})`
      giveUp(
        item,
        `${attempt.message}; would have to wait ${seconds} s (${limit}), will retry next run`
      )
    }
  }

  /** Pick the free host that can go soonest, until none has work. */
  const worker = async (): Promise<void> => {
    for (;;) {
      let next: Host | undefined
      for (const host of hosts.values()) {
        if (host.busy || host.items.length === 0) continue
        if (!next || host.readyAt < next.readyAt) next = host
      }
      if (!next) return
      next.busy = true
      try {
        await serve(next)
      } finally {
        next.busy = false
      }
    }
  }

  try {
    const count = Math.max(1, Math.min(options.concurrency, hosts.size))
    await Promise.all(Array.from({ length: count }, () => worker()))
  } finally {
    destroyAgents(agents)
  }
  if (hookError) throw hookError.error
  return outcomes.map(
    (outcome, index) =>
      outcome ?? {
        id: (requests[index] as PingRequest).id,
        status: 'failed',
        message: 'not sent',
        requests: 0
      }
  )
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
