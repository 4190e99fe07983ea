import { describe, expect, it } from '@jest/globals'
import {
  checkAges,
  dueLooks,
  landedState,
  recordLook
} from '../../src/landed/schedule.js'
import type { LedgerEntry } from '../../src/types.js'

const SENT = '2026-11-01T00:00:00.000Z'
const day = (n: number): Date =>
  new Date(Date.parse(SENT) + n * 24 * 60 * 60 * 1000)

function sent(overrides: Partial<LedgerEntry> = {}): LedgerEntry {
  return {
    post: 'https://blog.example/post/',
    ping: 'https://arxiv.org/trackback/2401.00001',
    source: '_posts/2026-11-01-post.md',
    target: 'arXiv:2401.00001',
    status: 'sent',
    attempts: 1,
    updated: SENT,
    ...overrides
  }
}

describe('checkAges', () => {
  it('doubles from one day and ends at the give-up age', () => {
    expect(checkAges(30)).toEqual([1, 2, 4, 8, 16, 30])
    expect(checkAges(8)).toEqual([1, 2, 4, 8])
    expect(checkAges(1)).toEqual([1])
    expect(checkAges(0)).toEqual([])
  })
})

describe('landedState', () => {
  it('waits a day before the first look', () => {
    expect(landedState(sent(), day(0.5), 30)).toEqual({
      state: 'waiting',
      ageDays: 0,
      due: false
    })
    expect(landedState(sent(), day(1), 30)).toMatchObject({ due: true })
  })

  it('looks once per point reached, and once after a long gap', () => {
    const lookedDay1 = sent({ checked: day(1.1).toISOString() })
    expect(landedState(lookedDay1, day(1.9), 30)).toMatchObject({ due: false })
    expect(landedState(lookedDay1, day(2), 30)).toMatchObject({ due: true })
    // Points 2, 4 and 8 passed without a run: one look at day 10…
    expect(landedState(lookedDay1, day(10), 30)).toMatchObject({
      due: true,
      ageDays: 10
    })
    // …then none until day 16.
    const lookedDay10 = sent({ checked: day(10).toISOString() })
    expect(landedState(lookedDay10, day(15.9), 30)).toMatchObject({
      due: false
    })
    expect(landedState(lookedDay10, day(16), 30)).toMatchObject({ due: true })
  })

  it('never looks again at a ping seen or given up', () => {
    const seen = sent({ visible: day(2).toISOString() })
    expect(landedState(seen, day(400), 30)).toEqual({
      state: 'visible',
      since: day(2).toISOString()
    })
    const gaveUp = sent({ checked: day(31).toISOString(), notVisibleDays: 31 })
    expect(landedState(gaveUp, day(40), 30)).toEqual({
      state: 'given-up',
      days: 31
    })
  })

  it('follows only sent pings, and not those older than the rule', () => {
    expect(landedState(sent({ status: 'failed' }), day(3), 30)).toEqual({
      state: 'untracked'
    })
    expect(landedState(sent(), day(3), 0)).toEqual({ state: 'untracked' })
    // Sent 61 days ago and never looked at: predates the rule.
    expect(landedState(sent(), day(61), 30)).toEqual({ state: 'untracked' })
    // Sent 40 days ago, never looked at (no run since): one last look.
    expect(landedState(sent(), day(40), 30)).toMatchObject({ due: true })
  })
})

describe('recordLook', () => {
  it('marks a ping seen, notes a look, and gives up after the last look', () => {
    expect(recordLook(sent(), true, day(2), 30)).toEqual(
      sent({ checked: day(2).toISOString(), visible: day(2).toISOString() })
    )
    expect(recordLook(sent(), false, day(2), 30)).toEqual(
      sent({ checked: day(2).toISOString() })
    )
    expect(recordLook(sent(), false, day(30.5), 30)).toEqual(
      sent({ checked: day(30.5).toISOString(), notVisibleDays: 30 })
    )
    // Could not look: noted before the last look…
    expect(recordLook(sent(), undefined, day(3), 30)).toEqual(
      sent({ checked: day(3).toISOString() })
    )
    // …not noted at the last one (the next run tries again), until twice
    // the give-up age.
    expect(recordLook(sent(), undefined, day(31), 30)).toEqual(sent())
    expect(recordLook(sent(), undefined, day(60), 30)).toEqual(
      sent({ checked: day(60).toISOString(), notVisibleDays: 60 })
    )
  })
})

describe('dueLooks', () => {
  const entries = {
    a: sent({ checked: day(1).toISOString() }),
    b: sent({ post: 'https://blog.example/b/' }),
    c: sent({ post: 'https://blog.example/c/', visible: day(1).toISOString() }),
    d: sent({
      post: 'https://blog.example/d/',
      ping: 'https://x.example/tb.cgi'
    }),
    e: sent({ post: 'https://blog.example/e/', checked: day(2).toISOString() })
  }
  const lookable = (e: LedgerEntry): boolean => !e.ping.endsWith('tb.cgi')

  it('lists the due pings, never looked at first, within the budget', () => {
    const due = dueLooks(entries, day(5), { days: 30, budget: 10, lookable })
    expect(due.map((d) => d.key)).toEqual(['b', 'a', 'e'])
    expect(
      dueLooks(entries, day(5), { days: 30, budget: 2, lookable }).map(
        (d) => d.key
      )
    ).toEqual(['b', 'a'])
    expect(
      dueLooks(entries, day(5), { days: 30, budget: 0, lookable })
    ).toEqual([])
  })
})
