/**
 * The ledger's landed fields (landed/): old ledgers without them load,
 * stored ones are read back, and they merge on their own so that what any
 * copy saw of a sent ping survives every merge.
 */
import { describe, expect, it } from '@jest/globals'
import {
  ledgerKey,
  mergeLedgers,
  recordOutcome,
  serializeLedger
} from '../../src/ledger/ledger.js'
import { parseLedger } from '../../src/ledger/read-ledger.js'
import type { Ledger, LedgerEntry } from '../../src/types.js'

const POST = 'https://blog.example/2026/11/post/'
const PING = 'https://arxiv.org/trackback/2401.00001'
const KEY = ledgerKey(POST, PING)

function sent(overrides: Partial<LedgerEntry> = {}): LedgerEntry {
  return {
    post: POST,
    ping: PING,
    source: '_posts/2026-11-01-post.md',
    target: 'arXiv:2401.00001',
    status: 'sent',
    attempts: 1,
    updated: '2026-11-01T00:00:00.000Z',
    ...overrides
  }
}

const ledgerOf = (entry: LedgerEntry): Ledger => ({
  version: 1,
  entries: { [KEY]: entry }
})

describe('reading landed fields', () => {
  it('loads a ledger written before them, unchanged', () => {
    const old = `{"version":1,"lastCommit":"abc","entries":{"x":${JSON.stringify(sent())}}}`
    expect(parseLedger(old).entries[KEY]).toEqual(sent())
  })

  it('reads them back from a sent entry', () => {
    const entry = sent({
      protocol: 'webmention',
      statusUrl: 'https://wm.example/status/1',
      checked: '2026-11-03T00:00:00.000Z',
      visible: '2026-11-03T00:00:00.000Z'
    })
    expect(parseLedger(serializeLedger(ledgerOf(entry))).entries[KEY]).toEqual(
      entry
    )
    const gaveUp = sent({
      checked: '2026-12-01T00:00:00.000Z',
      notVisibleDays: 30
    })
    expect(parseLedger(serializeLedger(ledgerOf(gaveUp))).entries[KEY]).toEqual(
      gaveUp
    )
  })

  it('drops a malformed field alone, and any on an entry not sent', () => {
    const text = JSON.stringify({
      version: 1,
      entries: {
        a: { ...sent(), checked: 'soon', notVisibleDays: -1, protocol: 'ftp' },
        b: {
          ...sent({ ping: 'https://other.example/trackback/' }),
          status: 'failed',
          visible: '2026-11-03T00:00:00.000Z'
        }
      }
    })
    const ledger = parseLedger(text)
    expect(ledger.entries[KEY]).toEqual(sent())
    const other = Object.values(ledger.entries).find(
      (e) => e.status === 'failed'
    )
    expect(other?.visible).toBeUndefined()
  })
})

describe('merging landed fields', () => {
  const looked = sent({ checked: '2026-11-02T00:00:00.000Z' })
  const lookedLater = sent({ checked: '2026-11-03T00:00:00.000Z' })
  const seen = sent({
    checked: '2026-11-05T00:00:00.000Z',
    visible: '2026-11-05T00:00:00.000Z'
  })
  const seenEarlier = sent({
    checked: '2026-11-04T00:00:00.000Z',
    visible: '2026-11-04T00:00:00.000Z'
  })
  const gaveUp = sent({
    checked: '2026-12-01T00:00:00.000Z',
    notVisibleDays: 30
  })
  const merged = (a: LedgerEntry, b: LedgerEntry): LedgerEntry | undefined =>
    mergeLedgers(ledgerOf(a), ledgerOf(b)).entries[KEY]

  it('a sighting beats any look without one, the earliest sighting first', () => {
    expect(merged(lookedLater, seen)).toEqual(seen)
    expect(merged(gaveUp, seen)).toEqual(seen)
    expect(merged(seen, seenEarlier)).toEqual(seenEarlier)
  })

  it('giving up beats looking; a later look beats an earlier one', () => {
    expect(merged(lookedLater, gaveUp)).toEqual(gaveUp)
    expect(merged(looked, lookedLater)).toEqual(lookedLater)
    expect(merged(sent(), looked)).toEqual(looked)
  })

  it('keeps the landed fields whichever copy wins the rest', () => {
    // Two copies of one send: one with a later message and more attempts,
    // one that a later run looked at. The merge has the look either way.
    const base = sent({ statusUrl: 'https://wm.example/s/1' })
    const other = { ...base, attempts: 2, message: 'zzz: later words' }
    const looked = { ...base, ...seen, statusUrl: base.statusUrl }
    for (const result of [merged(other, looked), merged(looked, other)]) {
      expect(result?.visible).toBe(seen.visible)
      expect(result?.statusUrl).toBe('https://wm.example/s/1')
      expect(result?.attempts).toBe(2)
    }
  })

  it('is commutative, idempotent and associative', () => {
    const all = [sent(), looked, lookedLater, seen, seenEarlier, gaveUp]
    const ledgers = all.map(ledgerOf)
    const text = (l: Ledger): string => serializeLedger(l)
    for (const a of ledgers) {
      expect(text(mergeLedgers(a, a))).toBe(text(a))
      for (const b of ledgers) {
        expect(text(mergeLedgers(a, b))).toBe(text(mergeLedgers(b, a)))
        for (const c of ledgers) {
          expect(text(mergeLedgers(mergeLedgers(a, b), c))).toBe(
            text(mergeLedgers(a, mergeLedgers(b, c)))
          )
        }
      }
    }
  })

  it('recording a send keeps how it was sent and the status page', () => {
    const ledger = recordOutcome(
      { version: 1, entries: {} },
      { post: POST, ping: PING, source: 's', target: 't' },
      'sent',
      {
        now: new Date('2026-11-01T00:00:00Z'),
        maxAttempts: 3,
        protocol: 'webmention',
        statusUrl: 'https://wm.example/s/1'
      }
    )
    expect(ledger.entries[KEY]).toMatchObject({
      status: 'sent',
      protocol: 'webmention',
      statusUrl: 'https://wm.example/s/1'
    })
  })
})
