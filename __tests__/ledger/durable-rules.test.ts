/**
 * The run's rules with the ledger ref, on plain data: how far a scan looks
 * back, when a re-run may trust the ref's claims, and how claimAndSend uses
 * claims made all at once (claimMany).
 */
import { describe, expect, it } from '@jest/globals'
import { claimAndSend } from '../../src/run/claim-send.js'
import { refPredatesRun, scanWindowDays } from '../../src/run/dispatch.js'
import { emptyLedger } from '../../src/ledger/ledger.js'
import type { ClaimBatch, DurableLoad } from '../../src/ledger/cache-store.js'
import { planPings } from '../../src/run/plan.js'
import type { PingRequest, Post } from '../../src/types.js'
import { recordingLog } from '../support/log.js'

const NOW = new Date('2026-11-23T12:00:00Z')
const DAY = 86_400_000
const FILE = '_posts/2026-11-20-a.md'
const PING_1 = 'https://one.example.org/tb/1'
const PING_2 = 'https://two.example.org/tb/2'

const post: Post = {
  path: FILE,
  state: 'published',
  date: '2026-11-20T00:00:00.000Z',
  title: 'A',
  excerpt: 'About A.',
  url: 'https://blog.example.org/2026/11/20/a.html',
  targets: [
    { written: PING_1, ping: PING_1, line: 4 },
    { written: PING_2, ping: PING_2, line: 5 }
  ],
  targetsLine: 3
}

function durable(overrides: Partial<DurableLoad> = {}): DurableLoad {
  return {
    ref: 'found',
    created: new Date(NOW.getTime() - 20 * DAY).toISOString(),
    cacheAvailable: true,
    cacheRestored: false,
    behind: false,
    ...overrides
  }
}

describe('scanWindowDays with a ledger ref', () => {
  const ledger = (d: DurableLoad): Parameters<typeof scanWindowDays>[1] => ({
    available: true,
    restoredKey: 'refs/trackback-action/ledger@abcdef0',
    durable: d
  })

  it('looks back to the ref’s creation: pings since then were claimed in it', () => {
    expect(scanWindowDays(30, ledger(durable()), false, NOW)).toBe(20)
    expect(scanWindowDays(10, ledger(durable()), false, NOW)).toBe(10)
  })

  it('a young ref: still the cache’s 7 days for what runs before it sent', () => {
    const young = durable({
      created: new Date(NOW.getTime() - 2 * DAY).toISOString()
    })
    expect(scanWindowDays(30, ledger(young), false, NOW)).toBe(7)
  })

  it('without a cache service, only what the ref covers', () => {
    const d = durable({
      cacheAvailable: false,
      created: new Date(NOW.getTime() - 2 * DAY).toISOString()
    })
    expect(scanWindowDays(30, ledger(d), false, NOW)).toBe(2)
  })

  it('a restored cache ledger still gives max-age', () => {
    expect(
      scanWindowDays(30, ledger(durable({ cacheRestored: true })), false, NOW)
    ).toBe(30)
  })

  it('a missing or unreadable ref counts for nothing', () => {
    expect(
      scanWindowDays(30, ledger(durable({ ref: 'missing' })), false, NOW)
    ).toBe(7)
    expect(
      scanWindowDays(
        30,
        ledger(durable({ ref: 'unreadable', cacheAvailable: false })),
        false,
        NOW
      )
    ).toBe(0)
  })
})

describe('refPredatesRun', () => {
  const created = '2026-11-01T00:00:00.000Z'
  const d = durable({ created })

  it('trusts a ref created before the push (pushed_at in seconds)', () => {
    const pushedAt = Date.parse('2026-11-02T00:00:00Z') / 1000
    expect(refPredatesRun(d, { repository: { pushed_at: pushedAt } })).toBe(
      true
    )
  })

  it('trusts a ref created before the last push of another event (ISO time)', () => {
    expect(
      refPredatesRun(d, {
        repository: { pushed_at: '2026-11-02T00:00:00Z' }
      })
    ).toBe(true)
  })

  it('not a ref created after, or within the clock skew of, the event', () => {
    expect(
      refPredatesRun(d, { repository: { pushed_at: '2026-11-01T00:05:00Z' } })
    ).toBe(false)
    expect(
      refPredatesRun(d, { repository: { pushed_at: '2026-10-30T00:00:00Z' } })
    ).toBe(false)
  })

  it('not without an event time (schedule) or without the ref', () => {
    expect(refPredatesRun(d, { schedule: '0 3 * * *' })).toBe(false)
    const later = { repository: { pushed_at: '2026-11-09T00:00:00Z' } }
    expect(refPredatesRun(durable({ ref: 'missing', created }), later)).toBe(
      false
    )
    expect(refPredatesRun(undefined, later)).toBe(false)
  })
})

describe('claimAndSend with claims made at once in the ref', () => {
  const plan = planPings(
    [{ file: FILE, after: post, reason: 'diff' }],
    emptyLedger(),
    { now: NOW, dryRun: false, blogName: 'B', maxPings: 50 }
  )

  function run(
    batch: ClaimBatch | undefined,
    options: {
      rerun?: boolean
      earlierAttemptSaved?: boolean
      claimsPredateRun?: boolean
    } = {}
  ): {
    deps: Parameters<typeof claimAndSend>[1]
    sent: PingRequest[]
    asked: string[][]
    single: string[]
  } {
    const sent: PingRequest[] = []
    const asked: string[][] = []
    const single: string[] = []
    const deps: Parameters<typeof claimAndSend>[1] = {
      claim: async (name) => {
        single.push(name)
        return 'unknown'
      },
      claimMany: async (names) => {
        asked.push(names)
        return batch
      },
      claimsPredateRun: options.claimsPredateRun,
      send: async (requests, onOutcome) => {
        sent.push(...requests)
        for (const r of requests) {
          onOutcome({ id: r.id, status: 'sent', message: 'ok', requests: 1 })
        }
      },
      sleep: async () => undefined,
      log: recordingLog(),
      cacheAvailable: true,
      ledgerRead: true,
      earlierAttemptSaved: options.earlierAttemptSaved ?? true,
      runAttempt: options.rerun ? '2' : '1',
      runId: '42',
      range: {
        kind: 'diff',
        base: 'a',
        head: 'b',
        mergeBase: false,
        source: 'push'
      },
      now: NOW,
      maxAttempts: 5,
      update: () => undefined,
      results: plan.pings.map((p) => p.result)
    }
    return { deps, sent, asked, single }
  }

  it('asks once for every ping, sends the won, skips the taken', async () => {
    const r = run({ results: ['won', 'taken'], permanent: true })
    expect(await claimAndSend(plan, r.deps)).toBe(true)
    expect(r.asked).toHaveLength(1)
    expect(r.asked[0]?.map((n) => n.replace(/^.* /, ''))).toEqual([
      `${PING_1}#0`,
      `${PING_2}#0`
    ])
    expect(r.sent.map((s) => s.ping)).toEqual([PING_1])
    expect(r.deps.results.map((x) => x.status)).toEqual(['sent', 'skipped'])
    expect(r.single).toEqual([])
  })

  it('never sends unclaimed, not even a target new in the push', async () => {
    // With the cache, such a ping may go out unclaimed; with the ref, a
    // later run trusting its claims would not know of it.
    const r = run({
      results: ['unknown', 'unknown'],
      permanent: true,
      problem: 'could not use refs/x: HTTP 502'
    })
    expect(await claimAndSend(plan, r.deps)).toBe(false)
    expect(r.sent).toEqual([])
    expect(r.deps.results.map((x) => x.status)).toEqual(['pending', 'pending'])
    expect(r.deps.results[0]?.message).toBe(
      'Not sent, held for a later run: could not use refs/x: HTTP 502.'
    )
  })

  it('no batch (a token that cannot write a ref not yet there): the cache, one by one', async () => {
    const r = run(undefined)
    await claimAndSend(plan, r.deps)
    expect(new Set(r.single).size).toBe(2)
    // The cache could not answer: the push's new targets go unclaimed.
    expect(r.sent.map((s) => s.ping)).toEqual([PING_1, PING_2])
  })

  it('a re-run without its earlier attempt’s ledger sends what it wins when the ref predates the run', async () => {
    const r = run(
      { results: ['won', 'taken'], permanent: true },
      { rerun: true, earlierAttemptSaved: false, claimsPredateRun: true }
    )
    expect(await claimAndSend(plan, r.deps)).toBe(true)
    expect(r.sent.map((s) => s.ping)).toEqual([PING_1])
  })

  it('…but not when the ref may be younger than the run: nothing is even claimed', async () => {
    const r = run(
      { results: ['won', 'won'], permanent: true },
      { rerun: true, earlierAttemptSaved: false, claimsPredateRun: false }
    )
    expect(await claimAndSend(plan, r.deps)).toBe(false)
    expect(r.asked).toEqual([])
    expect(r.deps.results.map((x) => x.status)).toEqual(['skipped', 'skipped'])
  })

  it('…nor when the ref turns out not to be writable and the cache decides', async () => {
    const r = run(undefined, {
      rerun: true,
      earlierAttemptSaved: false,
      claimsPredateRun: true
    })
    expect(await claimAndSend(plan, r.deps)).toBe(false)
    expect(r.asked).toHaveLength(1)
    expect(r.single).toEqual([])
    expect(r.deps.results.map((x) => x.status)).toEqual(['skipped', 'skipped'])
  })
})
