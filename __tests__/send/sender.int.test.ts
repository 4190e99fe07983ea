import { afterEach, describe, expect, it } from '@jest/globals'
import {
  startReceiver,
  type ReceivedPing,
  type Receiver,
  type ReceiverOptions
} from '../../scripts/peers/receiver.mjs'
import { sendPings } from '../../src/send/sender.js'
import { postPing, type Attempt } from '../../src/send/trackback.js'
import type { PingOutcome } from '../../src/types.js'
import { fakeClock, pingRequest, testSendOptions } from '../support/sending.js'

const base = testSendOptions

const running: Receiver[] = []
async function receiver(options?: ReceiverOptions): Promise<Receiver> {
  const started = await startReceiver({ floodSeconds: 0, ...options })
  running.push(started)
  return started
}
afterEach(async () => {
  await Promise.all(running.splice(0).map((r) => r.close()))
})

const request = pingRequest

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

  it('ends a request the deadline overtakes as an ambiguous failure, and returns', async () => {
    // A post that never settles: the run still ends, at its deadline.
    const post = (): Promise<Attempt> => new Promise<Attempt>(() => undefined)
    const outcomes = await sendPings(
      [request('p', 'https://example.org/tb/2')],
      { ...base, deadline: Date.now() + 200 },
      { post }
    )
    expect(outcomes).toHaveLength(1)
    expect(outcomes[0]).toMatchObject({
      status: 'failed',
      message: expect.stringMatching(
        /^deadline: the run ran out of time during the request \(the receiver may have got the ping\); not repeated in this run$/
      )
    })
  })

  it('returns an empty list for no requests', async () => {
    expect(await sendPings([], base)).toEqual([])
  })
})

describe('sendPings whole-run bounds', () => {
  it('finishes every other host while one host holds its requests', async () => {
    const slow = await receiver()
    const fast = await Promise.all([receiver(), receiver()])
    const held = slow.setFault('held', {
      hold: true,
      body: '<response><error>0</error></response>'
    })
    const requests = [
      request('s1', `${held}?n=1`),
      request('s2', `${held}?n=2`),
      ...fast.flatMap((host, h) =>
        [1, 2, 3].map((n) =>
          request(`f${h}-${n}`, `${host.url}/trackback/2101.0000${n}`)
        )
      )
    ]
    const order: string[] = []
    let fastDone = 0
    const outcomes = await sendPings(
      requests,
      { ...base, concurrency: 2 },
      {
        onOutcome: (outcome) => {
          order.push(outcome.id)
          // The slow host is released only once every fast ping is done:
          // if it stalled them, this run would never end.
          if (outcome.id.startsWith('f') && ++fastDone === 6) {
            expect(slow.held('held')).toBe(1)
            slow.release('held')
          }
        }
      }
    )
    expect(outcomes.every((o) => o.status === 'sent')).toBe(true)
    expect(order.slice(0, 6).every((id) => id.startsWith('f'))).toBe(true)
    expect(order.slice(6)).toEqual(['s1', 's2'])
    expect(slow.stats.maxActive).toBe(1)
    expect(fast.map((h) => h.accepted().length)).toEqual([3, 3])
  })

  it('records pings the deadline leaves unsent as failed, sending none of them', async () => {
    const one = await receiver()
    const two = await receiver()
    const clock = fakeClock()
    const start = clock.now()
    // Every request "takes" 10 s of the fake clock.
    const post: typeof postPing = async (req, client) => {
      const attempt = await postPing(req, client)
      clock.advance(10_000)
      return attempt
    }
    const requests = [
      ...[1, 2, 3, 4, 5].map((n) =>
        request(`a${n}`, `${one.url}/trackback/2101.0000${n}`)
      ),
      request('b1', `${two.url}/trackback/2202.00001`)
    ]
    const seen: PingOutcome[] = []
    const outcomes = await sendPings(
      requests,
      { ...base, concurrency: 1, deadline: start + 35_000 },
      {
        now: clock.now,
        sleep: clock.sleep,
        post,
        onOutcome: (o) => seen.push(o)
      }
    )
    // Requests start at 0, 10, 20 and 30 s; the fifth would start at 40 s.
    expect(outcomes.map((o) => [o.id, o.status, o.requests])).toEqual([
      ['a1', 'sent', 1],
      ['a2', 'sent', 1],
      ['a3', 'sent', 1],
      ['a4', 'failed', 0],
      ['a5', 'failed', 0],
      ['b1', 'sent', 1]
    ])
    for (const late of [outcomes[3], outcomes[4]]) {
      expect(late?.message).toBe(
        'deadline: run out of time before sending, will retry next run'
      )
    }
    // Nothing lost: every ping was reported as it finished, once.
    expect(seen.map((o) => o.id).sort()).toEqual(
      ['a1', 'a2', 'a3', 'a4', 'a5', 'b1'].sort()
    )
    expect(one.accepted()).toHaveLength(3)
    expect(two.accepted()).toHaveLength(1)
  })
})

describe('sendPings throttling', () => {
  it('a 429 backs off that host only, honouring Retry-After', async () => {
    const busy = await receiver()
    const calm = await receiver()
    const url = busy.setFault('busy', [
      { status: 429, retryAfter: 40 },
      { body: '<response><error>0</error></response>' }
    ])
    const clock = fakeClock()
    const startedAt = new Map<string, number>()
    const post: typeof postPing = (req, client) => {
      startedAt.set(
        `${req.id}#${[...startedAt.keys()].filter((k) => k.startsWith(req.id)).length}`,
        clock.now()
      )
      return postPing(req, client)
    }
    const t0 = clock.now()
    const outcomes = await sendPings(
      [
        request('b1', `${url}?n=1`),
        request('b2', `${url}?n=2`),
        request('c1', `${calm.url}/trackback/2101.00001`),
        request('c2', `${calm.url}/trackback/2101.00002`)
      ],
      { ...base, concurrency: 2, hostDelayMs: 2000 },
      { now: clock.now, sleep: clock.sleep, post }
    )
    expect(outcomes.map((o) => [o.id, o.status, o.requests])).toEqual([
      ['b1', 'sent', 2],
      ['b2', 'sent', 1],
      ['c1', 'sent', 1],
      ['c2', 'sent', 1]
    ])
    // The busy host's next request (the retry, then b2 after the host
    // delay) waits 40 s. (That the calm host does not wait is shown with
    // real time in 'keeps other hosts going while one host waits': one fake
    // clock moves for every host at once.)
    expect((startedAt.get('b1#1') ?? 0) - t0).toBeGreaterThanOrEqual(40_000)
    expect(
      (startedAt.get('b2#0') ?? 0) - (startedAt.get('b1#1') ?? 0)
    ).toBeGreaterThanOrEqual(2000)
    expect(calm.pings).toHaveLength(2)
    expect(busy.pings.map((p) => p.path)).toEqual([
      '/fault/busy?n=1',
      '/fault/busy?n=1',
      '/fault/busy?n=2'
    ])
  })

  it('leaves a host alone for the run when it asks for more than the run waits', async () => {
    const busy = await receiver()
    const calm = await receiver()
    const url = busy.setFault('closed-for-now', {
      status: 503,
      retryAfter: 3600
    })
    const outcomes = await sendPings(
      [
        request('b1', `${url}?n=1`),
        request('b2', `${url}?n=2`),
        request('b3', `${url}?n=3`),
        request('c1', `${calm.url}/trackback/2101.00001`)
      ],
      { ...base, concurrency: 2 },
      { sleep: instantSleep().sleep }
    )
    const host = new URL(busy.url).host
    expect(outcomes.map((o) => [o.id, o.status, o.requests])).toEqual([
      ['b1', 'failed', 1],
      ['b2', 'failed', 0],
      ['b3', 'failed', 0],
      ['c1', 'sent', 1]
    ])
    expect(outcomes[1]?.message).toBe(
      `${host} asked to wait 3600 s (more than the 120 s a run waits); not tried in this run, will retry next run`
    )
    expect(busy.stats.requests).toBe(1)
  })

  it('lands three pings to one WordPress site in one run, waiting out the flood window', async () => {
    const wp = await receiver({ floodSeconds: 1 })
    const waits: number[] = []
    const outcomes = await sendPings(
      [1, 2, 3].map((n) =>
        request(`w${n}`, `${wp.url}/wp-trackback.php?p=${n}`)
      ),
      { ...base, retries: 2 },
      {
        // Asked for ≥ 15 s each time; the test receiver's window is 1 s.
        sleep: (ms) => {
          waits.push(ms)
          return new Promise((resolve) =>
            setTimeout(resolve, Math.min(ms, 1100))
          )
        }
      }
    )
    expect(outcomes.map((o) => [o.id, o.status, o.requests])).toEqual([
      ['w1', 'sent', 1],
      ['w2', 'sent', 2],
      ['w3', 'sent', 2]
    ])
    expect(waits.filter((ms) => ms >= 15_000)).toHaveLength(2)
    expect(wp.pings.map((p) => p.result)).toEqual([
      'accepted',
      'flood',
      'accepted',
      'flood',
      'accepted'
    ])
    expect(wp.accepted().map((p) => p.path)).toEqual([
      '/wp-trackback.php?p=1',
      '/wp-trackback.php?p=2',
      '/wp-trackback.php?p=3'
    ])
  })

  it('records the flood-throttled pings as failed when the wait passes the deadline', async () => {
    const wp = await receiver({ floodSeconds: 1 })
    const clock = fakeClock()
    const outcomes = await sendPings(
      [1, 2, 3].map((n) =>
        request(`w${n}`, `${wp.url}/wp-trackback.php?p=${n}`)
      ),
      { ...base, deadline: clock.now() + 10_000 },
      { now: clock.now, sleep: clock.sleep }
    )
    const host = new URL(wp.url).host
    expect(outcomes.map((o) => [o.id, o.status, o.requests])).toEqual([
      ['w1', 'sent', 1],
      ['w2', 'failed', 1],
      ['w3', 'failed', 0]
    ])
    expect(outcomes[1]?.message).toBe(
      'throttled by the receiver (HTTP 429): You are posting comments too quickly. Slow down.; would have to wait 15 s (past the run-timeout), will retry next run'
    )
    expect(outcomes[2]?.message).toBe(
      `${host} asked to wait 15 s (past the run-timeout); not tried in this run, will retry next run`
    )
    expect(wp.pings.map((p) => p.result)).toEqual(['accepted', 'flood'])
    expect(clock.waits).toEqual([])
  })
})
