/**
 * The sender's queues: one per host actually contacted. A ping waits in the
 * queue of the host its next exchange goes to (page-target.ts): a page
 * target first in its page's host's queue for the GET, then in its
 * endpoint's host's queue for the POST. So "one request at a time per host,
 * with a gap" holds for every host, also one endpoint serving the pages of
 * many hosts. Pure bookkeeping: no I/O, no clock.
 */
import type { Exchange } from './page-target.js'
import type { Attempt } from './trackback.js'
import type { PingRequest } from '../types.js'

/** One ping on its way: where it is and what it has cost so far. */
export interface Item {
  index: number
  request: PingRequest
  /** The exchange the ping waits for. */
  exchange: Exchange
  /** Exchanges made (0: not started). */
  exchanges: number
  /** Tries that ended in a verdict (the retry rule counts these). */
  attempts: number
  requests: number
  last?: Attempt
}

/** One host:port and the pings waiting for it. */
export interface Host {
  key: string
  items: Item[]
  /** A request to this host is in progress or waiting for its turn. */
  busy: boolean
  /** No request to this host may start before this time. */
  readyAt: number
  /** Why the host is waiting, when a receiver asked for the wait. */
  waitReason?: string
}

/** The per-host queues and the copies set aside. */
export interface Queues {
  hosts: Map<string, Host>
  /** Index of a request sent → indexes of its copies. */
  copies: Map<number, number[]>
}

/**
 * One queue per host of each request's first exchange; a request equal to
 * an earlier one becomes its copy.
 */
export function queueRequests(
  requests: PingRequest[],
  first: (request: PingRequest) => Exchange
): Queues {
  const queues: Queues = { hosts: new Map(), copies: new Map() }
  const firstOf = new Map<string, number>()
  requests.forEach((request, index) => {
    // One endpoint (webmention.io) serves many targets: the target is part of
    // what makes a ping the same.
    const same = `${request.protocol ?? 'trackback'}\n${request.ping}\n${request.target ?? ''}\n${request.fields.url}`
    const earlier = firstOf.get(same)
    if (earlier !== undefined) {
      queues.copies.set(earlier, [...(queues.copies.get(earlier) ?? []), index])
      return
    }
    firstOf.set(same, index)
    enqueue(queues, {
      index,
      request,
      exchange: first(request),
      exchanges: 0,
      attempts: 0,
      requests: 0
    })
  })
  return queues
}

/**
 * Put a ping at the end of the queue of its exchange's host: a host serves
 * requests in the order they became ready. So a host reads its own pages
 * before it takes the POSTs other hosts' pages lead to, and a page read
 * early gives its endpoint's host work early: a host that took those POSTs
 * first would read its own pages late and leave the hosts after it idle at
 * the end (a whole answer's wait per host in `npm run bench`'s scenario 5).
 */
export function enqueue(queues: Queues, item: Item): void {
  const key = hostKey(item.exchange.url, item.index)
  let host = queues.hosts.get(key)
  if (!host) {
    host = { key, items: [], busy: false, readyAt: 0 }
    queues.hosts.set(key, host)
  }
  host.items.push(item)
}

/**
 * The free host with work that may go soonest. A host never waits for
 * another: each exchange holds one host only, so hosts cannot deadlock,
 * and a free host with work is chosen as soon as it is the earliest.
 */
export function nextHost(queues: Queues): Host | undefined {
  let next: Host | undefined
  for (const host of queues.hosts.values()) {
    if (host.busy || host.items.length === 0) continue
    if (!next || host.readyAt < next.readyAt) next = host
  }
  return next
}

/** Requests to one host:port share a queue; bad URLs each get their own. */
export function hostKey(url: string, index: number): string {
  try {
    const parsed = new URL(url)
    const port =
      parsed.port ||
      (parsed.protocol === 'https:'
        ? '443'
        : parsed.protocol === 'http:'
          ? '80'
          : '')
    return `${parsed.hostname.toLowerCase()}:${port}`
  } catch {
    return `invalid#${index}`
  }
}
