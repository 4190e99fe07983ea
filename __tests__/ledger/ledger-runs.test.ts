/**
 * Ledger.runs: which run attempts a ledger holds, so that a re-run sends only
 * when the ledger knows what its earlier attempts did.
 */
import { describe, expect, it } from '@jest/globals'
import { finishLedger } from '../../src/run/finish.js'
import {
  MAX_REMEMBERED_RUNS,
  emptyLedger,
  mergeLedgers,
  serializeLedger
} from '../../src/ledger/ledger.js'
import { parseLedger } from '../../src/ledger/read-ledger.js'
import {
  attemptId,
  attemptsNotRemembered,
  remembersEarlierAttempts
} from '../../src/ledger/coverage.js'
import type { Ledger } from '../../src/types.js'

const withRuns = (runs: Record<string, string>): Ledger => ({
  ...emptyLedger(),
  runs
})

describe('Ledger.runs', () => {
  it('survives a save and a restore; unreadable times are dropped', () => {
    const text = JSON.stringify({
      version: 1,
      entries: {},
      runs: { '7.1': '2026-11-20T10:00:00.000Z', '8.1': 'yesterday', '9.1': 3 }
    })
    expect(parseLedger(text).runs).toEqual({
      '7.1': '2026-11-20T10:00:00.000Z'
    })
    const again = parseLedger(serializeLedger(parseLedger(text)))
    expect(again.runs).toEqual({ '7.1': '2026-11-20T10:00:00.000Z' })
  })

  it('merges as a union that keeps the newest runs, in any order', () => {
    const a = withRuns({
      '1.1': '2026-11-01T00:00:00Z',
      '2.1': '2026-11-02T00:00:00Z'
    })
    const b = withRuns({
      '2.1': '2026-11-03T00:00:00Z',
      '3.1': '2026-11-03T00:00:00Z'
    })
    const c = withRuns({ '4.1': '2026-11-01T00:00:00Z' })
    const ab = mergeLedgers(a, b)
    expect(ab.runs).toEqual({
      '1.1': '2026-11-01T00:00:00Z',
      '2.1': '2026-11-03T00:00:00Z',
      '3.1': '2026-11-03T00:00:00Z'
    })
    expect(serializeLedger(ab)).toBe(serializeLedger(mergeLedgers(b, a)))
    expect(serializeLedger(mergeLedgers(ab, c))).toBe(
      serializeLedger(mergeLedgers(a, mergeLedgers(b, c)))
    )
    expect(mergeLedgers(emptyLedger(), emptyLedger()).runs).toBeUndefined()
  })

  it(`keeps only the newest ${MAX_REMEMBERED_RUNS}`, () => {
    const many: Record<string, string> = {}
    for (let i = 0; i < MAX_REMEMBERED_RUNS + 10; i += 1) {
      many[`${i}.1`] = new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString()
    }
    const merged = mergeLedgers(withRuns(many), emptyLedger())
    const kept = Object.keys(merged.runs ?? {})
    expect(kept).toHaveLength(MAX_REMEMBERED_RUNS)
    expect(kept).not.toContain('0.1')
    expect(kept).toContain(`${MAX_REMEMBERED_RUNS + 9}.1`)
  })
})

describe('remembersEarlierAttempts', () => {
  const ledger = withRuns({
    [attemptId('40', '1')]: '2026-11-20T10:00:00Z',
    [attemptId('41', '2')]: '2026-11-20T11:00:00Z'
  })

  it('is true for a first attempt, whatever the ledger', () => {
    expect(remembersEarlierAttempts(emptyLedger(), '40', '1')).toBe(true)
  })

  it('needs every earlier attempt', () => {
    expect(remembersEarlierAttempts(ledger, '40', '2')).toBe(true)
    expect(remembersEarlierAttempts(ledger, '40', '3')).toBe(false)
    // Attempt 2 is known, attempt 1 (which may have sent) is not.
    expect(remembersEarlierAttempts(ledger, '41', '3')).toBe(false)
    expect(remembersEarlierAttempts(ledger, '42', '2')).toBe(false)
  })
})

describe('attemptsNotRemembered', () => {
  const ledger = withRuns({
    [attemptId('50', '2')]: '2026-11-20T10:00:00Z',
    [attemptId('51', '1')]: '2026-11-20T11:00:00Z'
  })

  it('lists the earlier attempts the ledger lacks, oldest first', () => {
    expect(attemptsNotRemembered(ledger, '50', '1')).toEqual([])
    expect(attemptsNotRemembered(ledger, '50', '2')).toEqual([1])
    expect(attemptsNotRemembered(ledger, '50', '4')).toEqual([1, 3])
    expect(attemptsNotRemembered(ledger, '51', '2')).toEqual([])
    expect(attemptsNotRemembered(emptyLedger(), '52', '3')).toEqual([1, 2])
  })

  it('treats a missing or odd attempt number as a first attempt', () => {
    expect(attemptsNotRemembered(ledger, '50', '')).toEqual([])
    expect(attemptsNotRemembered(ledger, '50', 'x')).toEqual([])
    expect(attemptsNotRemembered(ledger, '50', '1.5')).toEqual([1])
  })

  it('stays short for an absurd attempt number, and never empty', () => {
    const missing = attemptsNotRemembered(ledger, '50', '1e9')
    expect(missing).toHaveLength(999)
    expect(missing[0]).toBe(1)
    expect(remembersEarlierAttempts(ledger, '50', '1e9')).toBe(false)
  })
})

describe('finishLedger', () => {
  it('remembers the run attempt with the commit', () => {
    const now = new Date('2026-11-24T08:00:00Z')
    const ledger = finishLedger(
      emptyLedger(),
      { pings: [], problems: [], forget: [] },
      {
        maxAttempts: 3,
        now,
        range: { kind: 'scan', head: 'abc', reason: 'test' },
        run: attemptId('77', '2')
      }
    )
    expect(ledger).toMatchObject({
      lastCommit: 'abc',
      lastRun: now.toISOString(),
      runs: { '77.2': now.toISOString() }
    })
  })
})
