import { describe, expect, it } from '@jest/globals'
import { landedReport, withVisible } from '../../src/landed/report.js'
import { ledgerKey } from '../../src/ledger/ledger.js'
import { renderSummary } from '../../src/report/summary.js'
import type { Ledger, LedgerEntry, Result } from '../../src/types.js'

const SENT = '2026-11-01T00:00:00.000Z'
const day = (n: number): Date =>
  new Date(Date.parse(SENT) + n * 24 * 60 * 60 * 1000)

function sent(post: string, overrides: Partial<LedgerEntry> = {}): LedgerEntry {
  return {
    post,
    ping: 'https://arxiv.org/trackback/2401.00001',
    source: `${post.split('/').pop() ?? ''}.md`,
    target: 'arXiv:2401.00001',
    status: 'sent',
    attempts: 1,
    updated: SENT,
    ...overrides
  }
}

const entries = [
  sent('https://b.example/seen', {
    checked: day(2).toISOString(),
    visible: day(2).toISOString()
  }),
  sent('https://b.example/waiting', { checked: day(2).toISOString() }),
  sent('https://b.example/gave-up', {
    checked: day(30).toISOString(),
    notVisibleDays: 30
  }),
  sent('https://b.example/failed', { status: 'failed' }),
  sent('https://b.example/mt', { ping: 'https://mt.example/mt-tb.cgi/1' })
]
const ledger: Ledger = {
  version: 1,
  entries: Object.fromEntries(
    entries.map((e) => [ledgerKey(e.post, e.ping), e])
  )
}

describe('landedReport', () => {
  it('sorts the followed pings into visible, waiting and given up', () => {
    const report = landedReport(ledger, day(5), 30)
    expect(report.visible.map((r) => r.post)).toEqual([
      'https://b.example/seen'
    ])
    expect(report.waiting).toEqual([
      expect.objectContaining({ post: 'https://b.example/waiting', days: 5 })
    ])
    expect(report.givenUp).toEqual([
      expect.objectContaining({ post: 'https://b.example/gave-up', days: 30 })
    ])
  })

  it('leaves out old news, and everything when looking is off', () => {
    const later = landedReport(ledger, day(70), 30)
    expect(later.visible).toEqual([])
    expect(later.givenUp).toEqual([])
    expect(landedReport(ledger, day(5), 0).waiting).toEqual([])
  })

  it('makes a short Landed section of the job summary', () => {
    const html = renderSummary({
      results: [],
      dryRun: false,
      notes: [],
      landed: landedReport(ledger, day(5), 30)
    })
    expect(html).toContain('<h3>Landed</h3>')
    expect(html).toContain('1 visible, 1 waiting, 1 given up')
    expect(html).toContain('sent 5 days ago')
    expect(html).toContain('not visible after 30 days')
    expect(
      renderSummary({ results: [], dryRun: false, notes: [] })
    ).not.toContain('Landed')
  })
})

describe('withVisible', () => {
  const row = (url: string, ping = entries[0]?.ping ?? ''): Result => ({
    post: 'p.md',
    url,
    target: 'arXiv:2401.00001',
    ping,
    status: 'skipped',
    message: ''
  })

  it('says visible on the rows whose ping is followed', () => {
    const rows = withVisible(
      [
        row('https://b.example/seen'),
        row('https://b.example/waiting'),
        row('https://b.example/gave-up'),
        row('https://b.example/failed'),
        row('https://b.example/unknown')
      ],
      ledger,
      day(5),
      30
    )
    expect(rows.map((r) => r.visible)).toEqual([
      true,
      false,
      false,
      undefined,
      undefined
    ])
    expect(rows[0]?.visibleSince).toBe(day(2).toISOString())
  })
})
