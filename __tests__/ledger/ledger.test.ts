import { describe, expect, it } from '@jest/globals'
import {
  dueEntries,
  emptyLedger,
  entryFor,
  ledgerKey,
  mergeLedgers,
  recordOutcome,
  recordOutcomes,
  serializeLedger,
  type LedgerOutcome
} from '../../src/ledger/ledger.js'
import {
  LedgerFormatError,
  parseLedger,
  parseLedgerReport
} from '../../src/ledger/read-ledger.js'
import type { Ledger, LedgerEntry, LedgerStatus } from '../../src/types.js'

const POST = 'https://blog.example/2026/11/post/'
const PING = 'https://arxiv.org/trackback/2401.00001'
const PAIR = {
  post: POST,
  ping: PING,
  source: '_posts/2026-11-01-post.md',
  target: 'arXiv:2401.00001'
}

function entry(overrides: Partial<LedgerEntry> = {}): LedgerEntry {
  return {
    post: POST,
    ping: PING,
    source: PAIR.source,
    target: PAIR.target,
    status: 'failed',
    attempts: 1,
    updated: '2026-11-01T00:00:00.000Z',
    ...overrides
  }
}

function ledgerOf(entries: LedgerEntry[], run: Partial<Ledger> = {}): Ledger {
  const ledger: Ledger = { ...emptyLedger(), ...run, entries: {} }
  for (const item of entries)
    ledger.entries[ledgerKey(item.post, item.ping)] = item
  return ledger
}

function only(ledger: Ledger): LedgerEntry {
  const entries = Object.values(ledger.entries)
  expect(entries).toHaveLength(1)
  return entries[0] as LedgerEntry
}

describe('ledgerKey', () => {
  it('is stable and distinguishes pairs', () => {
    expect(ledgerKey(POST, PING)).toBe(ledgerKey(POST, PING))
    expect(ledgerKey(POST, PING)).not.toBe(ledgerKey(PING, POST))
  })

  it.each([
    [
      ['a b', 'c'],
      ['a', 'b c']
    ],
    [
      ['a%20b', 'c'],
      ['a b', 'c']
    ],
    [
      ['a', ''],
      ['', 'a']
    ]
  ])('does not confuse %j with %j', (first, second) => {
    expect(ledgerKey(first[0] as string, first[1] as string)).not.toBe(
      ledgerKey(second[0] as string, second[1] as string)
    )
  })
})

describe('parseLedger and serializeLedger', () => {
  it('round-trips a ledger', () => {
    const ledger = ledgerOf(
      [
        entry({ status: 'sent', message: 'ok' }),
        entry({
          ping: 'https://other.example/tb',
          status: 'pending',
          due: '2026-12-01T00:00:00.000Z'
        })
      ],
      { lastCommit: 'abc123', lastRun: '2026-11-02T00:00:00.000Z' }
    )
    expect(parseLedger(serializeLedger(ledger))).toEqual(ledger)
  })

  it('serializes deterministically, whatever the insertion order', () => {
    const a = entry({ status: 'sent' })
    const b = entry({ ping: 'https://b.example/tb' })
    const one = ledgerOf([a, b], { lastRun: '2026-11-02T00:00:00.000Z' })
    const two: Ledger = {
      entries: {
        [ledgerKey(b.post, b.ping)]: { ...b },
        [ledgerKey(a.post, a.ping)]: { ...a }
      },
      lastRun: '2026-11-02T00:00:00.000Z',
      version: 1
    }
    expect(serializeLedger(one)).toBe(serializeLedger(two))
    expect(serializeLedger(one).endsWith('}\n')).toBe(true)
    const text = serializeLedger(one)
    expect(text.indexOf('"entries"')).toBeLessThan(text.indexOf('"version"'))
  })

  it.each([
    ['not JSON', '{', 'corrupt'],
    ['an array', '[]', 'corrupt'],
    ['null', 'null', 'corrupt'],
    ['no version', '{"entries":{}}', 'corrupt'],
    ['a string version', '{"version":"1","entries":{}}', 'corrupt'],
    ['no entries', '{"version":1}', 'corrupt'],
    ['entries as an array', '{"version":1,"entries":[]}', 'corrupt'],
    ['a newer version', '{"version":2,"entries":{}}', 'unsupported-version']
  ])('rejects %s', (_name, text, problem) => {
    let caught: unknown
    try {
      parseLedger(text)
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(LedgerFormatError)
    expect((caught as LedgerFormatError).problem).toBe(problem)
  })

  it.each<[string, Record<string, unknown>]>([
    ['no post', { post: undefined }],
    ['an empty ping', { ping: '' }],
    ['a numeric source', { source: 1 }],
    ['an unknown status', { status: 'done' }],
    ['negative attempts', { attempts: -1 }],
    ['fractional attempts', { attempts: 1.5 }],
    ['an unparseable updated', { updated: 'yesterday' }],
    ['an unparseable due', { due: 'soon' }],
    ['a numeric message', { message: 404 }]
  ])('drops an entry with %s and counts it', (_name, bad) => {
    const good = entry({ status: 'sent' })
    const text = JSON.stringify({
      version: 1,
      entries: {
        good,
        bad: { ...entry({ ping: 'https://bad.example/tb' }), ...bad },
        notAnObject: 'x'
      }
    })
    const { ledger, dropped } = parseLedgerReport(text)
    expect(dropped).toBe(2)
    expect(Object.values(ledger.entries)).toEqual([good])
  })

  it('re-keys entries and folds duplicates by the merge rule', () => {
    const text = JSON.stringify({
      version: 1,
      entries: {
        wrong: entry({ status: 'failed', attempts: 4 }),
        alsoWrong: entry({ status: 'sent', attempts: 1 })
      }
    })
    const ledger = parseLedger(text)
    expect(Object.keys(ledger.entries)).toEqual([ledgerKey(POST, PING)])
    expect(only(ledger)).toMatchObject({ status: 'sent', attempts: 4 })
  })

  it('drops a malformed lastRun but keeps the entries', () => {
    const ledger = parseLedger(
      JSON.stringify({
        version: 1,
        lastCommit: 'abc',
        lastRun: 'not a date',
        entries: {}
      })
    )
    expect(ledger).toEqual({ version: 1, lastCommit: 'abc', entries: {} })
  })

  it('does not let stored keys reach the prototype', () => {
    const ledger = parseLedger(
      '{"version":1,"entries":{"__proto__":{"polluted":true}}}'
    )
    expect(ledger.entries).toEqual({})
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(entryFor(ledger, 'constructor', '')).toBeUndefined()
  })
})

describe('mergeLedgers', () => {
  const statuses: LedgerStatus[] = [
    'sent',
    'rejected',
    'given-up',
    'failed',
    'pending'
  ]
  const older = '2026-11-01T00:00:00.000Z'
  const newer = '2026-11-05T00:00:00.000Z'

  // Every pair of statuses, each side older and newer: the winner's status.
  const cases: Array<[LedgerStatus, LedgerStatus, LedgerStatus]> = [
    ['sent', 'failed', 'sent'],
    ['sent', 'pending', 'sent'],
    ['sent', 'rejected', 'sent'],
    ['sent', 'given-up', 'sent'],
    ['rejected', 'given-up', 'rejected'],
    ['rejected', 'failed', 'rejected'],
    ['given-up', 'failed', 'given-up'],
    ['given-up', 'pending', 'given-up']
  ]
  it.each(cases)(
    'a %s entry beats a %s one, however old',
    (strong, weak, expected) => {
      for (const [strongTime, weakTime] of [
        [older, newer],
        [newer, older]
      ]) {
        const a = ledgerOf([entry({ status: strong, updated: strongTime })])
        const b = ledgerOf([entry({ status: weak, updated: weakTime })])
        expect(only(mergeLedgers(a, b)).status).toBe(expected)
        expect(only(mergeLedgers(b, a)).status).toBe(expected)
      }
    }
  )

  it.each<[LedgerStatus, LedgerStatus]>([
    ['failed', 'pending'],
    ['pending', 'failed'],
    ['failed', 'failed']
  ])('between %s and %s the newer wins', (first, second) => {
    const a = ledgerOf([entry({ status: first, updated: older, attempts: 3 })])
    const b = ledgerOf([
      entry({ status: second, updated: newer, attempts: 1, message: 'new' })
    ])
    for (const merged of [mergeLedgers(a, b), mergeLedgers(b, a)]) {
      expect(only(merged)).toMatchObject({
        status: second,
        updated: newer,
        message: 'new',
        attempts: 3
      })
    }
  })

  it('keeps the larger attempt count even when the final status wins', () => {
    const a = ledgerOf([entry({ status: 'sent', attempts: 1 })])
    const b = ledgerOf([
      entry({ status: 'failed', attempts: 4, updated: newer })
    ])
    expect(only(mergeLedgers(a, b))).toMatchObject({
      status: 'sent',
      attempts: 4
    })
  })

  it('is the union of pairs', () => {
    const a = ledgerOf([entry({ ping: 'https://a.example/tb' })])
    const b = ledgerOf([entry({ ping: 'https://b.example/tb' })])
    expect(Object.keys(mergeLedgers(a, b).entries).sort()).toEqual(
      [
        ledgerKey(POST, 'https://a.example/tb'),
        ledgerKey(POST, 'https://b.example/tb')
      ].sort()
    )
  })

  it('takes lastCommit and lastRun from the newer run', () => {
    const a = ledgerOf([], { lastCommit: 'old', lastRun: older })
    const b = ledgerOf([], { lastCommit: 'new', lastRun: newer })
    const c = ledgerOf([], { lastCommit: 'only-commit' })
    expect(mergeLedgers(a, b)).toMatchObject({
      lastCommit: 'new',
      lastRun: newer
    })
    expect(mergeLedgers(b, a)).toMatchObject({
      lastCommit: 'new',
      lastRun: newer
    })
    expect(mergeLedgers(c, a)).toMatchObject({
      lastCommit: 'old',
      lastRun: older
    })
    expect(mergeLedgers(emptyLedger(), c).lastCommit).toBe('only-commit')
    expect(mergeLedgers(emptyLedger(), emptyLedger())).toEqual(emptyLedger())
  })

  // A small universe of ledgers over two pairs to check the algebra on.
  const pings = ['https://a.example/tb', 'https://b.example/tb']
  const universe: Ledger[] = []
  for (const status of statuses) {
    for (const [index, updated] of [older, newer].entries()) {
      universe.push(
        ledgerOf(
          [
            entry({ ping: pings[0], status, updated, attempts: index + 1 }),
            entry({ ping: pings[1], status: 'failed', updated, attempts: 2 })
          ],
          { lastRun: updated, lastCommit: `c${index}` }
        )
      )
      universe.push(ledgerOf([entry({ ping: pings[index], status, updated })]))
    }
  }
  // Same status and time, different message: only the tie-break decides.
  universe.push(ledgerOf([entry({ ping: pings[0], message: 'x' })]))
  universe.push(ledgerOf([entry({ ping: pings[0], message: 'y' })]))

  it('is commutative, idempotent and associative', () => {
    for (const a of universe) {
      expect(mergeLedgers(a, a)).toEqual(a)
      for (const b of universe) {
        const ab = mergeLedgers(a, b)
        expect(serializeLedger(ab)).toBe(serializeLedger(mergeLedgers(b, a)))
        expect(mergeLedgers(ab, b)).toEqual(ab)
        for (const c of universe.slice(0, 8)) {
          expect(serializeLedger(mergeLedgers(ab, c))).toBe(
            serializeLedger(mergeLedgers(a, mergeLedgers(b, c)))
          )
        }
      }
    }
  })

  it('never loses a sent entry', () => {
    for (const a of universe) {
      for (const b of universe) {
        const merged = mergeLedgers(a, b)
        for (const side of [a, b]) {
          for (const [key, item] of Object.entries(side.entries)) {
            if (item.status === 'sent') {
              expect(merged.entries[key]?.status).toBe('sent')
            }
          }
        }
      }
    }
  })

  it('does not change its inputs', () => {
    const a = ledgerOf([entry({ status: 'failed', attempts: 5 })])
    const b = ledgerOf([entry({ status: 'sent', attempts: 1 })])
    const before = [serializeLedger(a), serializeLedger(b)]
    mergeLedgers(a, b)
    expect([serializeLedger(a), serializeLedger(b)]).toEqual(before)
  })
})

describe('recordOutcome', () => {
  const now = new Date('2026-11-10T12:00:00.000Z')
  const details = { now, maxAttempts: 3 }

  it.each<[LedgerOutcome, LedgerStatus, number]>([
    ['sent', 'sent', 1],
    ['already-sent', 'sent', 1],
    ['rejected', 'rejected', 1],
    ['failed', 'failed', 1],
    ['pending', 'pending', 0]
  ])('records a first %s as %s', (outcome, status, attempts) => {
    const ledger = recordOutcome(emptyLedger(), PAIR, outcome, {
      ...details,
      message: 'why'
    })
    expect(entryFor(ledger, POST, PING)).toEqual({
      ...PAIR,
      status,
      attempts,
      updated: now.toISOString(),
      message: 'why'
    })
  })

  it('keeps due for pending only', () => {
    const due = '2026-12-01T00:00:00.000Z'
    const pending = recordOutcome(emptyLedger(), PAIR, 'pending', {
      ...details,
      due
    })
    expect(entryFor(pending, POST, PING)?.due).toBe(due)
    const sent = recordOutcome(pending, PAIR, 'sent', { ...details, due })
    expect(entryFor(sent, POST, PING)?.due).toBeUndefined()
  })

  it.each<LedgerOutcome>([
    'sent',
    'already-sent',
    'rejected',
    'failed',
    'pending'
  ])('never changes a sent entry (then %s)', (outcome) => {
    const sent = ledgerOf([entry({ status: 'sent', attempts: 2 })])
    const after = recordOutcome(sent, PAIR, outcome, {
      ...details,
      maxAttempts: 1
    })
    expect(after).toEqual(sent)
    expect(after).not.toBe(sent)
  })

  it('gives up once attempts reach maxAttempts', () => {
    let ledger = emptyLedger()
    const seen: Array<[LedgerStatus, number]> = []
    for (let run = 0; run < 4; run += 1) {
      ledger = recordOutcome(ledger, PAIR, 'failed', details)
      const item = entryFor(ledger, POST, PING) as LedgerEntry
      seen.push([item.status, item.attempts])
    }
    expect(seen).toEqual([
      ['failed', 1],
      ['failed', 2],
      ['given-up', 3],
      ['given-up', 4]
    ])
  })

  it('gives up at once with maxAttempts 1', () => {
    const ledger = recordOutcome(emptyLedger(), PAIR, 'failed', {
      now,
      maxAttempts: 1
    })
    expect(entryFor(ledger, POST, PING)?.status).toBe('given-up')
  })

  it('does not count a pending run as an attempt', () => {
    const failed = ledgerOf([entry({ status: 'failed', attempts: 2 })])
    const pending = recordOutcome(failed, PAIR, 'pending', details)
    expect(entryFor(pending, POST, PING)).toMatchObject({
      status: 'pending',
      attempts: 2
    })
  })

  it.each<[LedgerStatus, LedgerOutcome, LedgerStatus]>([
    ['rejected', 'failed', 'rejected'],
    ['rejected', 'pending', 'rejected'],
    ['given-up', 'failed', 'given-up'],
    ['given-up', 'rejected', 'rejected'],
    ['rejected', 'sent', 'sent'],
    ['given-up', 'already-sent', 'sent'],
    ['pending', 'failed', 'failed'],
    ['failed', 'sent', 'sent']
  ])('after %s, %s leaves %s', (before, outcome, expected) => {
    const ledger = ledgerOf([entry({ status: before, attempts: 1 })])
    const after = recordOutcome(ledger, PAIR, outcome, {
      ...details,
      maxAttempts: 10
    })
    expect(entryFor(after, POST, PING)?.status).toBe(expected)
  })

  it('agrees with merging the old ledger back in', () => {
    for (const before of [
      'failed',
      'pending',
      'rejected',
      'given-up'
    ] as const) {
      for (const outcome of [
        'sent',
        'rejected',
        'failed',
        'pending'
      ] as const) {
        const old = ledgerOf([entry({ status: before })])
        const recorded = recordOutcome(old, PAIR, outcome, details)
        expect(mergeLedgers(recorded, old)).toEqual(recorded)
      }
    }
  })

  it('does not change its input', () => {
    const ledger = ledgerOf([entry({ status: 'failed' })])
    const before = serializeLedger(ledger)
    recordOutcome(ledger, PAIR, 'sent', details)
    expect(serializeLedger(ledger)).toBe(before)
  })

  it.each([0, -1, 1.5, Number.NaN])('refuses maxAttempts %p', (maxAttempts) => {
    expect(() =>
      recordOutcome(emptyLedger(), PAIR, 'failed', { now, maxAttempts })
    ).toThrow(RangeError)
  })
})

describe('entryFor', () => {
  it('finds the entry of a pair, and nothing for others', () => {
    const ledger = ledgerOf([entry({ status: 'sent' })])
    expect(entryFor(ledger, POST, PING)?.status).toBe('sent')
    expect(entryFor(ledger, POST, 'https://other.example/tb')).toBeUndefined()
    expect(entryFor(ledger, PING, POST)).toBeUndefined()
  })
})

describe('dueEntries', () => {
  const now = new Date('2026-11-10T00:00:00.000Z')

  it.each<[string, Partial<LedgerEntry>, boolean]>([
    ['failed', { status: 'failed' }, true],
    [
      'pending, due in the past',
      { status: 'pending', due: '2026-11-09T00:00:00Z' },
      true
    ],
    ['pending, due now', { status: 'pending', due: now.toISOString() }, true],
    [
      'pending, due later',
      { status: 'pending', due: '2026-11-11T00:00:00Z' },
      false
    ],
    ['pending without due', { status: 'pending' }, true],
    ['sent', { status: 'sent' }, false],
    ['rejected', { status: 'rejected' }, false],
    ['given-up', { status: 'given-up' }, false]
  ])('%s: due is %p', (_name, overrides, expected) => {
    const ledger = ledgerOf([entry(overrides)])
    expect(dueEntries(ledger, now)).toHaveLength(expected ? 1 : 0)
  })

  it('lists due entries in key order', () => {
    const ledger = ledgerOf([
      entry({ ping: 'https://z.example/tb' }),
      entry({ ping: 'https://a.example/tb' })
    ])
    expect(dueEntries(ledger, now).map((item) => item.ping)).toEqual([
      'https://a.example/tb',
      'https://z.example/tb'
    ])
  })
})

describe('recordOutcomes', () => {
  const now = new Date('2026-11-10T12:00:00.000Z')
  const later = new Date('2026-11-10T12:05:00.000Z')
  const other = { ...PAIR, ping: 'https://other.example.org/trackback/1' }
  const records = [
    {
      pair: PAIR,
      outcome: 'failed' as const,
      details: { now, maxAttempts: 2 }
    },
    {
      pair: other,
      outcome: 'sent' as const,
      details: { now, message: 'ok', maxAttempts: 2 }
    },
    {
      pair: PAIR,
      outcome: 'failed' as const,
      details: { now: later, maxAttempts: 2 }
    }
  ]

  it('gives what recording each outcome in turn gives', () => {
    const oneByOne = records.reduce(
      (ledger, r) => recordOutcome(ledger, r.pair, r.outcome, r.details),
      emptyLedger()
    )
    const batch = recordOutcomes(emptyLedger(), records)
    expect(batch).toEqual(oneByOne)
    expect(entryFor(batch, PAIR.post, PAIR.ping)).toMatchObject({
      status: 'given-up',
      attempts: 2
    })
  })

  it('does not change the ledger it is given', () => {
    const ledger = recordOutcome(emptyLedger(), other, 'failed', {
      now,
      maxAttempts: 2
    })
    const before = serializeLedger(ledger)
    recordOutcomes(ledger, records)
    expect(serializeLedger(ledger)).toBe(before)
  })

  it('checks maxAttempts as recordOutcome does', () => {
    expect(() =>
      recordOutcomes(emptyLedger(), [
        { pair: PAIR, outcome: 'sent', details: { now, maxAttempts: 0 } }
      ])
    ).toThrow(RangeError)
  })
})
