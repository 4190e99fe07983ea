/**
 * claimAndSend with claims made all at once (the ledger ref's claimMany),
 * on plain data: one question for every ping, only a won claim sends, and
 * a re-run trusts the ref's claims only when the ref predates the run.
 */
import { describe, expect, it } from '@jest/globals'
import { claimAndSend } from '../../src/run/claim-send.js'
import { emptyLedger } from '../../src/ledger/ledger.js'
import type { ClaimBatch } from '../../src/ledger/store.js'
import { planPings } from '../../src/run/plan.js'
import type { PingRequest } from '../../src/types.js'
import { claimDeps } from '../support/claim-deps.js'
import { PING_1, PING_2, options, post, FILE } from '../support/two-targets.js'

describe('claimAndSend with claims made at once in the ref', () => {
  const plan = planPings(
    [{ file: FILE, after: post, reason: 'diff' }],
    emptyLedger(),
    options
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
    const asked: string[][] = []
    const single: string[] = []
    const { deps, sent } = claimDeps(plan, {
      claim: async (name) => {
        single.push(name)
        return 'unknown'
      },
      claimMany: async (names) => {
        asked.push(names)
        return batch
      },
      claimsPredateRun: options.claimsPredateRun,
      earlierAttemptSaved: options.earlierAttemptSaved ?? true,
      runAttempt: options.rerun ? '2' : '1',
      runId: '42'
    })
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

  it('no batch (claimMany leaves it to claim()): the cache, one by one', async () => {
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

  it('…nor when claimMany gives no batch and the cache decides', async () => {
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
