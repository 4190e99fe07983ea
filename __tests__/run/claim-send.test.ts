/**
 * Claiming and sending on plain data: a re-run the ledger cannot vouch for
 * sends nothing, and a ping the cache cannot claim goes out only when it is
 * new in this push's own diff.
 */
import { describe, expect, it } from '@jest/globals'
import { claimAndSend } from '../../src/run/claim-send.js'
import { unaccountedWarning } from '../../src/run/rerun.js'
import { emptyLedger, recordOutcome } from '../../src/ledger/ledger.js'
import { planPings, type PostChange } from '../../src/run/plan.js'
import type { Ledger, PingRequest } from '../../src/types.js'
import { claimDeps } from '../support/claim-deps.js'
import { recordingLog } from '../support/log.js'
import {
  FILE,
  options,
  PING_1,
  PING_2,
  post,
  URL_A
} from '../support/two-targets.js'

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
  ): Parameters<typeof claimAndSend>[1] =>
    claimDeps(
      plan,
      { earlierAttemptSaved, runAttempt: rerun ? '2' : '1' },
      sent
    ).deps

  it('sends nothing when no saved ledger vouches for the earlier attempt', async () => {
    const sent: PingRequest[] = []
    const d = deps(true, false, sent)
    expect(await claimAndSend(plan, d)).toBe(false)
    expect(sent).toEqual([])
    expect(d.results.map((r) => r.status)).toEqual(['skipped', 'skipped'])
    expect(d.results[0]?.message).toMatch(/re-run/)
  })

  it('warns through the run log, once, and names each ping it skips', async () => {
    const log = recordingLog()
    await claimAndSend(plan, { ...deps(true, false, []), log })
    expect(log.lines).toEqual([
      `warning: ${unaccountedWarning()}`,
      `${FILE} → ${PING_1}: skipped (re-run)\n${FILE} → ${PING_2}: skipped (re-run)`
    ])
  })

  it('logs each outcome, after saying how many go out', async () => {
    const log = recordingLog()
    await claimAndSend(plan, { ...deps(false, true, []), log })
    expect(log.lines).toEqual([
      'Sending 2 ping(s).',
      `${FILE} → ${PING_1}: sent ok\n${FILE} → ${PING_2}: sent ok`
    ])
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
    const { deps, sent } = claimDeps(plan, {
      claim: async () => 'unknown',
      range
    })
    await claimAndSend(plan, deps)
    return sent.map((r) => r.ping)
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
