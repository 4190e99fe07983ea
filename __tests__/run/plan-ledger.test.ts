/**
 * The decisions between plan and ledger that the simulation found wanting:
 * a ledger-driven source offers only its due pings. (A scan without a
 * saved ledger looks back no further than the cache's eviction horizon:
 * ledger/coverage.test.ts; a re-run the ledger cannot vouch for sends
 * nothing: claim-send.test.ts.)
 */
import { describe, expect, it } from '@jest/globals'
import { emptyLedger, recordOutcome } from '../../src/ledger/ledger.js'
import { planPings, type PostChange } from '../../src/run/plan.js'
import type { Ledger } from '../../src/types.js'
import {
  FILE,
  options,
  PING_1,
  PING_2,
  post,
  URL_A
} from '../support/two-targets.js'

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
