/**
 * The decisions between plan and ledger that the simulation found wanting:
 * a ledger-driven source offers only its due pings, and a scan without a
 * saved ledger looks back no further than the cache's eviction horizon.
 * (A re-run the ledger cannot vouch for sends nothing: claim-send.test.ts.)
 */
import { describe, expect, it } from '@jest/globals'
import { CACHE_EVICTION_DAYS } from '../../src/constants.js'
import { scanWindowDays } from '../../src/run/dispatch.js'
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

describe('scanWindowDays', () => {
  it('uses max-age when a saved ledger was restored', () => {
    expect(
      scanWindowDays(30, {
        available: true,
        restoredKey: 'trackback-ledger-1-1'
      })
    ).toBe(30)
  })

  it('looks back no further than the eviction horizon without a ledger', () => {
    expect(scanWindowDays(30, { available: true })).toBe(CACHE_EVICTION_DAYS)
    expect(scanWindowDays(3, { available: true })).toBe(3)
  })

  it('scans nothing without a cache service', () => {
    expect(scanWindowDays(30, { available: false })).toBe(0)
  })

  it('looks back max-age in a dry run, which sends nothing', () => {
    expect(scanWindowDays(30, { available: false }, true)).toBe(30)
    expect(scanWindowDays(30, { available: true }, true)).toBe(30)
  })
})
