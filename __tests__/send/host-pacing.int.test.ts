/**
 * Pacing by the host actually contacted: a page target's GET waits its turn
 * at the page's host, its POST at the endpoint's host. Real servers on
 * 127.0.0.x, each recording when its requests were in progress.
 */
import { afterEach, describe, expect, it } from '@jest/globals'
import {
  startPageHost,
  type HostRequest,
  type PageHost,
  type PageHostOptions
} from '../../scripts/peers/page-host.mjs'
import { startReceiver } from '../../scripts/peers/receiver.mjs'
import { sendPings } from '../../src/send/sender.js'
import type { PingRequest } from '../../src/types.js'
import { fakeClock, testSendOptions } from '../support/sending.js'

const running: Array<{ close(): Promise<void> }> = []
async function pageHost(options: PageHostOptions): Promise<PageHost> {
  const started = await startPageHost(options)
  running.push(started)
  return started
}
afterEach(async () => {
  await Promise.all(running.splice(0).map((r) => r.close()))
})

/** An article-page target on `host`. */
function page(host: { url: string }, name: string): PingRequest {
  return {
    id: `${host.url}/${name}`,
    ping: `${host.url}/${name}`,
    kind: 'page',
    fields: {
      url: `https://blog.example/${name}/`,
      title: `On ${name}`,
      excerpt: 'Text.',
      blog_name: 'Blog'
    }
  }
}

/** The most requests in progress at once, from recorded intervals. */
function maxOverlap(requests: HostRequest[]): number {
  const events = requests.flatMap((r) => [
    { t: r.at, d: 1 },
    { t: r.doneAt ?? r.at, d: -1 }
  ])
  events.sort((a, b) => a.t - b.t || a.d - b.d)
  let current = 0
  let most = 0
  for (const e of events) {
    current += e.d
    most = Math.max(most, current)
  }
  return most
}

const methods = (host: PageHost): string[] => host.requests.map((r) => r.method)

describe('pacing by the host contacted', () => {
  it('sends one request at a time to an endpoint shared by pages on several hosts, and the pages still overlap', async () => {
    const endpoint = await pageHost({ host: '127.0.0.20', delayMs: 60 })
    const pages = await Promise.all(
      [21, 22, 23, 24].map((n) =>
        pageHost({ host: `127.0.0.${n}`, delayMs: 60 })
      )
    )
    for (const p of pages) p.setEndpoint(endpoint.url)
    const requests = pages.flatMap((p) =>
      ['a', 'b', 'c'].map((n) => page(p, n))
    )
    const outcomes = await sendPings(requests, {
      ...testSendOptions,
      concurrency: 4,
      hostDelayMs: 20
    })
    expect(outcomes.map((o) => [o.status, o.protocol, o.requests])).toEqual(
      requests.map(() => ['sent', 'webmention', 2])
    )
    expect(outcomes.map((o) => o.id)).toEqual(requests.map((r) => r.id))
    expect(methods(endpoint)).toEqual(requests.map(() => 'POST'))
    expect(endpoint.stats.maxActive).toBe(1)
    expect(maxOverlap(endpoint.requests)).toBe(1)
    // The gap holds at the shared endpoint too (a lower bound, with a
    // margin for clock granularity).
    const posts = endpoint.requests
    for (let i = 1; i < posts.length; i++) {
      expect(posts[i]!.at - posts[i - 1]!.doneAt!).toBeGreaterThanOrEqual(15)
    }
    for (const p of pages) {
      expect(methods(p)).toEqual(['GET', 'GET', 'GET'])
      expect(p.stats.maxActive).toBe(1)
    }
    // Pages on distinct hosts are read side by side.
    expect(maxOverlap(pages.flatMap((p) => p.requests))).toBeGreaterThan(1)
  })

  it('leaves the gap between a page read and the POST to the same host', async () => {
    const site = await pageHost({ host: '127.0.0.25' })
    const outcomes = await sendPings([page(site, 'x'), page(site, 'y')], {
      ...testSendOptions,
      hostDelayMs: 100
    })
    expect(outcomes.map((o) => o.status)).toEqual(['sent', 'sent'])
    // In the order they became ready: both pages, then both POSTs.
    expect(methods(site)).toEqual(['GET', 'GET', 'POST', 'POST'])
    const seen = site.requests
    for (let i = 1; i < seen.length; i++) {
      expect(seen[i]!.at - seen[i - 1]!.doneAt!).toBeGreaterThanOrEqual(90)
    }
  })

  it('finishes when pages on two hosts each advertise the other host (no deadlock), one request per host at a time', async () => {
    const a = await pageHost({ host: '127.0.0.26', delayMs: 30 })
    const b = await pageHost({ host: '127.0.0.27', delayMs: 30 })
    a.setEndpoint(b.url)
    b.setEndpoint(a.url)
    for (const concurrency of [1, 2]) {
      a.reset()
      b.reset()
      const requests = ['p', 'q', 'r'].flatMap((n) => [page(a, n), page(b, n)])
      const outcomes = await sendPings(requests, {
        ...testSendOptions,
        concurrency
      })
      expect(outcomes.every((o) => o.status === 'sent')).toBe(true)
      expect([a.stats.maxActive, b.stats.maxActive]).toEqual([1, 1])
      expect(methods(a).sort()).toEqual([
        ...Array(3).fill('GET'),
        ...Array(3).fill('POST')
      ])
    }
  })

  it('repeats only the exchange that failed, and the answering host waits', async () => {
    const endpoint = await startReceiver({ floodSeconds: 0 })
    running.push(endpoint)
    endpoint.setFault('webmention', [
      { status: 429, retryAfter: 9 },
      { status: 202, contentType: 'text/plain', body: 'Queued.' }
    ])
    const site = await pageHost({ host: '127.0.0.28' })
    // The page's endpoint is the receiver's /fault/webmention.
    site.setEndpoint(`${endpoint.url}/fault`)
    const clock = fakeClock()
    const [outcome] = await sendPings([page(site, 'w')], testSendOptions, {
      sleep: clock.sleep,
      now: clock.now
    })
    expect(outcome).toMatchObject({ status: 'sent', requests: 3 })
    expect(methods(site)).toEqual(['GET'])
    expect(endpoint.pings.map((p) => p.method)).toEqual(['POST', 'POST'])
    expect(clock.waits).toHaveLength(1)
    expect(clock.waits[0]).toBeGreaterThan(8000)
  })
})
