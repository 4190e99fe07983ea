/**
 * The decisions between plan and ledger that the simulation found wanting:
 * a ledger-driven source offers only its due pings, and a re-run the
 * ledger cannot vouch for sends nothing. (How far a scan looks back is
 * ledger/coverage.ts's, tested in __tests__/ledger/coverage.test.ts.)
 */
import { describe, expect, it } from '@jest/globals'
import { claimAndSend } from '../../src/run/dispatch.js'
import { emptyLedger, recordOutcome } from '../../src/ledger/ledger.js'
import { planPings, type PostChange } from '../../src/run/plan.js'
import type { Ledger, PingRequest, Post } from '../../src/types.js'

const NOW = new Date('2026-11-23T12:00:00Z')
const FILE = '_posts/2026-11-20-a.md'
const URL_A = 'https://blog.example.org/2026/11/20/a.html'
const PING_1 = 'https://one.example.org/tb/1'
const PING_2 = 'https://two.example.org/tb/2'
const options = { now: NOW, dryRun: false, blogName: 'B', maxPings: 50 }

const post: Post = {
  path: FILE,
  state: 'published',
  date: '2026-11-20T00:00:00.000Z',
  title: 'A',
  excerpt: 'About A.',
  url: URL_A,
  targets: [
    { written: PING_1, ping: PING_1, line: 4 },
    { written: PING_2, ping: PING_2, line: 5 }
  ],
  targetsLine: 3
}

function failedLedger(ping: string): Ledger {
  return recordOutcome(
    emptyLedger(),
    { post: URL_A, ping, source: FILE, target: ping },
    'failed',
    { now: new Date('2026-11-22T00:00:00Z'), maxAttempts: 5, message: 'x' }
  )
}

describe('planPings for a source the ledger brought back', () => {
  it('retries only the due ping, not targets the ledger has no entry for', () => {
    // Regression (simulation seeds 1 and 3): the other target was sent by a
    // run whose ledger was lost; re-reading the post for the due ping must
    // not send it again.
    const change: PostChange = { file: FILE, after: post, reason: 'ledger' }
    const plan = planPings([change], failedLedger(PING_2), options)
    expect(
      plan.pings.filter((p) => p.request).map((p) => p.request?.ping)
    ).toEqual([PING_2])
    expect(plan.pings.map((p) => p.result.ping)).toEqual([PING_2])
  })

  it('still offers every new target of a pushed change', () => {
    const change: PostChange = { file: FILE, after: post, reason: 'diff' }
    const plan = planPings([change], failedLedger(PING_2), options)
    expect(plan.pings.map((p) => p.request?.ping)).toEqual([PING_1, PING_2])
  })
})

describe('claimAndSend on a re-run', () => {
  const plan = planPings(
    [{ file: FILE, after: post, reason: 'diff' }],
    emptyLedger(),
    options
  )
  const deps = (
    rerun: boolean,
    earlierAttemptSaved: boolean,
    sent: PingRequest[]
  ): Parameters<typeof claimAndSend>[1] => ({
    claim: async () => 'won',
    send: async (requests, onOutcome) => {
      sent.push(...requests)
      for (const r of requests) {
        onOutcome({ id: r.id, status: 'sent', message: 'ok', requests: 1 })
      }
    },
    sleep: async () => undefined,
    cacheAvailable: true,
    ledgerRead: true,
    earlierAttemptSaved,
    runAttempt: rerun ? '2' : '1',
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
  })

  it('sends nothing when no saved ledger vouches for the earlier attempt', async () => {
    const sent: PingRequest[] = []
    const d = deps(true, false, sent)
    expect(await claimAndSend(plan, d)).toBe(false)
    expect(sent).toEqual([])
    expect(d.results.map((r) => r.status)).toEqual(['skipped', 'skipped'])
    expect(d.results[0]?.message).toMatch(/re-run/)
  })

  it('sends the pings it claims on a first attempt', async () => {
    const sent: PingRequest[] = []
    const d = deps(false, false, sent)
    expect(await claimAndSend(plan, d)).toBe(true)
    expect(sent.map((r) => r.ping)).toEqual([PING_1, PING_2])
    expect(d.results.map((r) => r.status)).toEqual(['sent', 'sent'])
  })
})

describe('claimAndSend when the cache cannot answer a claim', () => {
  const range = {
    kind: 'diff' as const,
    base: 'a',
    head: 'b',
    mergeBase: false,
    source: 'push' as const
  }
  async function sendWithUnknownClaims(
    change: PostChange,
    ledger: Ledger
  ): Promise<string[]> {
    const plan = planPings([change], ledger, options)
    const sent: string[] = []
    await claimAndSend(plan, {
      claim: async () => 'unknown',
      send: async (requests) => {
        sent.push(...requests.map((r) => r.ping))
      },
      sleep: async () => undefined,
      cacheAvailable: true,
      ledgerRead: true,
      earlierAttemptSaved: true,
      range,
      now: NOW,
      maxAttempts: 5,
      update: () => undefined,
      results: plan.pings.map((p) => p.result)
    })
    return sent
  }

  it('sends a target new in the push: no other push can have it', async () => {
    const sent = await sendWithUnknownClaims(
      { file: FILE, after: post, reason: 'diff' },
      emptyLedger()
    )
    expect(sent).toEqual([PING_1, PING_2])
  })

  it('holds a scheduled post now due: every overlapping run has it in its plan', async () => {
    // Regression (simulation): two overlapping pushes both picked up the
    // due ping from the ledger, neither could claim, and both sent it.
    const pending = recordOutcome(
      emptyLedger(),
      { post: URL_A, ping: PING_1, source: FILE, target: PING_1 },
      'pending',
      {
        now: new Date('2026-11-19T00:00:00Z'),
        maxAttempts: 5,
        due: '2026-11-20T00:00:00Z'
      }
    )
    const sent = await sendWithUnknownClaims(
      {
        file: FILE,
        after: { ...post, targets: [post.targets[0]!] },
        reason: 'ledger'
      },
      pending
    )
    expect(sent).toEqual([])
  })
})
