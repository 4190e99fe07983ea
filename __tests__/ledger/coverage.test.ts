/**
 * What the loaded ledger lets a run assume, on plain data: how far back a
 * scan looks (the cache, and the ledger ref found, missing or unreadable),
 * whether the load got an answer, and when a re-run may trust the ref's
 * claims. (Which attempts a ledger remembers: ledger-runs.test.ts.)
 */
import { describe, expect, it } from '@jest/globals'
import { CACHE_EVICTION_DAYS } from '../../src/constants.js'
import {
  ledgerWasRead,
  refPredatesRun,
  scanWindowDays
} from '../../src/ledger/coverage.js'
import type { RefLoad } from '../../src/ledger/store.js'

const REF_KEY = 'refs/trackback-action/ledger@abcdef0'

function durable(overrides: Partial<RefLoad> = {}): RefLoad {
  return {
    ref: 'found',
    created: '2026-11-03T12:00:00.000Z',
    behind: false,
    ...overrides
  }
}

describe('scanWindowDays in the cache', () => {
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

describe('scanWindowDays with a ledger ref', () => {
  const loaded = (
    d: RefLoad,
    restoredKey?: string
  ): Parameters<typeof scanWindowDays>[1] => ({
    available: true,
    ...(restoredKey ? { restoredKey } : {}),
    durable: d
  })

  it('a ref that exists forgets nothing: max-age, however young', () => {
    expect(scanWindowDays(30, loaded(durable(), REF_KEY))).toBe(30)
    expect(
      scanWindowDays(
        30,
        loaded(durable({ created: new Date().toISOString() }), REF_KEY)
      )
    ).toBe(30)
  })

  it('a ref not yet created: the rule of the cache ledger that seeds it', () => {
    const missing = (seed: RefLoad['seed']): RefLoad =>
      durable({ ref: 'missing', created: undefined, seed, behind: true })
    const restored = { available: true, restoredKey: 'trackback-ledger-4-1' }
    expect(
      scanWindowDays(30, loaded(missing(restored), restored.restoredKey))
    ).toBe(30)
    expect(scanWindowDays(30, loaded(missing({ available: true })))).toBe(
      CACHE_EVICTION_DAYS
    )
    expect(scanWindowDays(30, loaded(missing({ available: false })))).toBe(0)
    expect(scanWindowDays(30, loaded(missing(undefined)))).toBe(0)
  })

  it('an unreadable ref: no post, though the store is available', () => {
    expect(
      scanWindowDays(
        30,
        loaded(durable({ ref: 'unreadable', created: undefined }))
      )
    ).toBe(0)
  })

  it('looks back max-age in a dry run', () => {
    expect(
      scanWindowDays(30, loaded(durable({ ref: 'unreadable' })), true)
    ).toBe(30)
  })
})

describe('ledgerWasRead', () => {
  it('a ledger read, or a plain "none": yes', () => {
    expect(
      ledgerWasRead({ available: true, restoredKey: REF_KEY, warnings: [] })
    ).toBe(true)
    expect(ledgerWasRead({ available: true, warnings: [] })).toBe(true)
    // Read, with entries dropped: still read.
    expect(
      ledgerWasRead({
        available: true,
        restoredKey: REF_KEY,
        warnings: ['1 unreadable entry dropped']
      })
    ).toBe(true)
  })

  it('no store, or a failure that makes "none" uncertain: no', () => {
    expect(ledgerWasRead({ available: false, warnings: [] })).toBe(false)
    expect(
      ledgerWasRead({ available: true, warnings: ['could not read it'] })
    ).toBe(false)
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
