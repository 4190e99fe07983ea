import { afterEach, describe, expect, it } from '@jest/globals'
import {
  startReceiver,
  type ReceivedPing,
  type Receiver,
  type ReceiverOptions
} from '../scripts/peers/receiver.mjs'
import { sendPings, type SendOptions } from '../src/sender.js'
import type { Attempt } from '../src/trackback-client.js'
import type { PingOutcome, PingRequest } from '../src/types.js'

const base: SendOptions = {
  timeoutMs: 3000,
  retries: 2,
  concurrency: 2,
  hostDelayMs: 0,
  allowPrivateNetworks: true,
  userAgent: 'trackback-action-test/1.0'
}

const running: Receiver[] = []
async function receiver(options?: ReceiverOptions): Promise<Receiver> {
  const started = await startReceiver({ floodSeconds: 0, ...options })
  running.push(started)
  return started
}
afterEach(async () => {
  await Promise.all(running.splice(0).map((r) => r.close()))
})

function request(
  id: string,
  ping: string,
  post = `https://blog.example/${id}/`
): PingRequest {
  return {
    id,
    ping,
    fields: {
      url: post,
      title: `Post ${id}`,
      excerpt: 'Text.',
      blog_name: 'Blog'
    }
  }
}

/** Records waits and resolves at once: retries cost no wall time. */
function instantSleep(): { waits: number[]; sleep(ms: number): Promise<void> } {
  const waits: number[] = []
  return {
    waits,
    sleep: async (ms) => {
      waits.push(ms)
    }
  }
}

/** The most requests in progress at once, from recorded intervals. */
function maxOverlap(pings: ReceivedPing[]): number {
  const events = pings.flatMap((p) => [
    { t: p.at, d: 1 },
    { t: p.doneAt ?? p.at, d: -1 }
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

describe('sendPings pacing', () => {
  it('sends one request at a time per host, hosts in parallel, results in input order', async () => {
    const hosts = await Promise.all([receiver(), receiver(), receiver()])
    hosts.forEach((h) =>
      h.setFault('slow', {
        delayMs: 150,
        body: '<response><error>0</error></response>'
      })
    )
    const requests = [0, 1, 2, 3, 4, 5].map((n) =>
      request(`r${n}`, `${hosts[n % 3]!.url}/fault/slow?n=${n}`)
    )
    const outcomes = await sendPings(requests, {
      ...base,
      concurrency: 2,
      hostDelayMs: 20
    })
    expect(outcomes.map((o) => o.id)).toEqual([
      'r0',
      'r1',
      'r2',
      'r3',
      'r4',
      'r5'
    ])
    expect(outcomes.every((o) => o.status === 'sent' && o.requests === 1)).toBe(
      true
    )
    for (const h of hosts) {
      expect(h.stats.maxActive).toBe(1)
      expect(h.pings).toHaveLength(2)
    }
    const all = hosts.flatMap((h) => h.pings)
    expect(maxOverlap(all)).toBeLessThanOrEqual(2)
    expect(maxOverlap(all)).toBe(2)
  })

  it('leaves at least hostDelayMs between requests to one host', async () => {
    const wp = await receiver()
    const requests = [1, 2, 3].map((n) =>
      request(`w${n}`, `${wp.url}/wp-trackback.php?p=${n}`)
    )
    const outcomes = await sendPings(requests, { ...base, hostDelayMs: 120 })
    expect(outcomes.map((o) => o.status)).toEqual(['sent', 'sent', 'sent'])
    const [a, b, c] = wp.pings
    // Lower bounds only, with a margin for clock granularity.
    expect(b!.at - a!.doneAt!).toBeGreaterThanOrEqual(100)
    expect(c!.at - b!.doneAt!).toBeGreaterThanOrEqual(100)
  })

  it('calls onOutcome as each ping finishes, before later pings start', async () => {
    const arxiv = await receiver()
    const seen: Array<{ outcome: PingOutcome; at: number }> = []
    const requests = ['2101.00001', '2101.00002'].map((id) =>
      request(id, `${arxiv.url}/trackback/${id}`)
    )
    await sendPings(
      requests,
      { ...base, hostDelayMs: 50 },
      {
        onOutcome: (outcome) => seen.push({ outcome, at: Date.now() })
      }
    )
    expect(seen.map((s) => s.outcome.id)).toEqual(['2101.00001', '2101.00002'])
    expect(seen[0]!.at).toBeLessThanOrEqual(arxiv.pings[1]!.at)
  })

  it('sends identical requests once', async () => {
    const arxiv = await receiver()
    const ping = `${arxiv.url}/trackback/2101.00001`
    const outcomes = await sendPings(
      [request('a', ping, 'https://b/x'), request('b', ping, 'https://b/x')],
      base
    )
    expect(arxiv.pings).toHaveLength(1)
    expect(outcomes.map((o) => [o.id, o.status, o.requests])).toEqual([
      ['a', 'sent', 1],
      ['b', 'sent', 0]
    ])
  })

  it('maps WordPress answers to outcome statuses', async () => {
    const wp = await receiver({ wordpress: { closed: [5] } })
    const post = 'https://blog.example/p/'
    const outcomes = await sendPings(
      [
        request('new', `${wp.url}/wp-trackback.php?p=1`, post),
        request('closed', `${wp.url}/wp-trackback.php?p=5`, post),
        request('noid', `${wp.url}/wp-trackback.php?p=x`, post),
        request('bad', 'not a url')
      ],
      base
    )
    expect(outcomes.map((o) => [o.id, o.status, o.httpStatus])).toEqual([
      ['new', 'sent', 200],
      ['closed', 'rejected', 200],
      ['noid', 'rejected', 404],
      ['bad', 'failed', undefined]
    ])
    const again = await sendPings(
      [request('again', `${wp.url}/wp-trackback.php?p=1`, post)],
      base
    )
    expect(again[0]).toMatchObject({ status: 'already-sent', requests: 1 })
  })
})

describe('sendPings retries', () => {
  it('retries 503 with backoff and succeeds', async () => {
    const host = await receiver()
    const url = host.setFault('flaky', [
      { status: 503 },
      { status: 503 },
      { body: '<response><error>0</error></response>' }
    ])
    const clock = instantSleep()
    const [outcome] = await sendPings([request('f', url)], base, {
      sleep: clock.sleep
    })
    expect(outcome).toMatchObject({
      status: 'sent',
      requests: 3,
      httpStatus: 200
    })
    expect(clock.waits).toHaveLength(2)
    expect(clock.waits[0]).toBeGreaterThan(1500)
    expect(clock.waits[1]!).toBeGreaterThan(clock.waits[0]!)
  })

  it('honours a Retry-After longer than the backoff', async () => {
    const host = await receiver()
    const url = host.setFault('later', [
      { status: 429, retryAfter: 9 },
      { body: '<response><error>0</error></response>' }
    ])
    const clock = instantSleep()
    const [outcome] = await sendPings([request('l', url)], base, {
      sleep: clock.sleep
    })
    expect(outcome!.status).toBe('sent')
    expect(clock.waits[0]).toBeGreaterThan(8000)
  })

  it('gives up after the retries and says so', async () => {
    const host = await receiver()
    const url = host.setFault('down', { status: 503 })
    const clock = instantSleep()
    const [outcome] = await sendPings(
      [request('d', url)],
      { ...base, retries: 1 },
      { sleep: clock.sleep }
    )
    expect(outcome).toMatchObject({
      status: 'failed',
      requests: 2,
      httpStatus: 503
    })
    expect(outcome!.message).toMatch(/gave up after 2 attempts/)
  })

  it('does not repeat an ambiguous answer (500, timeout after sending)', async () => {
    const host = await receiver()
    const crash = host.setFault('crash', { status: 500 })
    const hang = host.setFault('hang', { hang: true })
    const clock = instantSleep()
    const outcomes = await sendPings(
      [request('c', crash), request('h', hang)],
      { ...base, timeoutMs: 300 },
      { sleep: clock.sleep }
    )
    expect(outcomes.map((o) => [o.status, o.requests])).toEqual([
      ['failed', 1],
      ['failed', 1]
    ])
    expect(outcomes[0]!.message).toMatch(/not repeated in this run/)
    expect(outcomes[1]!.message).toMatch(/timed out.*may have got the ping/)
    expect(host.pings).toHaveLength(2)
  })

  it('retries connection refused (nothing was sent)', async () => {
    const gone = await startReceiver()
    const url = `${gone.url}/trackback/2101.00001`
    await gone.close()
    const clock = instantSleep()
    const [outcome] = await sendPings(
      [request('g', url)],
      { ...base, retries: 2 },
      { sleep: clock.sleep }
    )
    expect(outcome).toMatchObject({ status: 'failed', requests: 3 })
    expect(outcome!.message).toMatch(
      /connection refused; gave up after 3 attempts/
    )
  })

  it('gives up now when Retry-After is beyond the budget', async () => {
    const host = await receiver()
    const url = host.setFault('tomorrow', { status: 503, retryAfter: 86400 })
    const clock = instantSleep()
    const [outcome] = await sendPings([request('t', url)], base, {
      sleep: clock.sleep
    })
    expect(outcome).toMatchObject({ status: 'failed', requests: 1 })
    expect(outcome!.message).toMatch(/will retry next run/)
    expect(clock.waits).toEqual([])
  })

  it('waits out the WordPress flood window and then sends', async () => {
    const wp = await receiver({ floodSeconds: 1 })
    const waits: number[] = []
    const outcomes = await sendPings(
      [1, 2].map((n) => request(`w${n}`, `${wp.url}/wp-trackback.php?p=${n}`)),
      { ...base, retries: 1 },
      {
        // Asked for ≥ 15 s; the test receiver's window is 1 s.
        sleep: (ms) => {
          waits.push(ms)
          return new Promise((resolve) =>
            setTimeout(resolve, Math.min(ms, 1100))
          )
        }
      }
    )
    expect(outcomes.map((o) => [o.status, o.requests])).toEqual([
      ['sent', 1],
      ['sent', 2]
    ])
    expect(waits[0]).toBeGreaterThanOrEqual(15000)
    expect(wp.pings.map((p) => p.result)).toEqual([
      'accepted',
      'flood',
      'accepted'
    ])
  })

  it('keeps other hosts going while one host waits', async () => {
    const slow = await receiver()
    const fast = await receiver()
    const url = slow.setFault('busy', [
      { status: 503, retryAfter: 1 },
      { body: '<response><error>0</error></response>' }
    ])
    const outcomes = await sendPings(
      [
        request('s', url),
        ...[1, 2, 3].map((n) =>
          request(`f${n}`, `${fast.url}/trackback/2101.0000${n}`)
        )
      ],
      { ...base, concurrency: 1, hostDelayMs: 10 },
      // Scaled-down real sleeps: order is what matters here.
      { sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms / 10)) }
    )
    expect(outcomes.map((o) => o.status)).toEqual([
      'sent',
      'sent',
      'sent',
      'sent'
    ])
    const lastFast = Math.max(...fast.pings.map((p) => p.at))
    expect(slow.pings[1]!.at).toBeGreaterThanOrEqual(lastFast)
  })
})

describe('sendPings limits', () => {
  it('starts nothing after the deadline', async () => {
    const arxiv = await receiver()
    const outcomes = await sendPings(
      [
        request('a', `${arxiv.url}/trackback/2101.00001`),
        request('b', `${arxiv.url}/trackback/2101.00002`)
      ],
      { ...base, deadline: Date.now() - 1 }
    )
    expect(outcomes.map((o) => [o.status, o.requests])).toEqual([
      ['failed', 0],
      ['failed', 0]
    ])
    expect(outcomes[0]!.message).toMatch(/^deadline/)
    expect(arxiv.stats.requests).toBe(0)
  })

  it('gives up a retry whose wait passes the deadline', async () => {
    const host = await receiver()
    const url = host.setFault('wait', { status: 503, retryAfter: 5 })
    const clock = instantSleep()
    const [outcome] = await sendPings(
      [request('w', url)],
      { ...base, deadline: Date.now() + 2000 },
      { sleep: clock.sleep }
    )
    expect(outcome).toMatchObject({ status: 'failed', requests: 1 })
    expect(outcome!.message).toMatch(/will retry next run/)
  })

  it('refuses loopback without allowPrivateNetworks; nothing reaches the receiver', async () => {
    const wp = await receiver()
    const outcomes = await sendPings(
      [request('x', `${wp.url}/wp-trackback.php?p=1`)],
      { ...base, allowPrivateNetworks: false }
    )
    expect(outcomes[0]).toMatchObject({ status: 'failed', requests: 0 })
    expect(outcomes[0]!.message).toMatch(/refused/)
    expect(wp.stats.requests).toBe(0)
  })

  it('turns a throwing post function into a failed outcome', async () => {
    const post = async (): Promise<Attempt> => {
      throw new Error('boom')
    }
    const outcomes = await sendPings(
      [request('p', 'https://example.org/tb/1')],
      base,
      { post }
    )
    expect(outcomes[0]).toMatchObject({ status: 'failed', message: 'boom' })
  })

  it('returns an empty list for no requests', async () => {
    expect(await sendPings([], base)).toEqual([])
  })
})
