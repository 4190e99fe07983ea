import { describe, expect, it } from '@jest/globals'
import { checkCounts, Progress, renderCheck } from '../../src/cli/check.js'
import type { Result } from '../../src/types.js'

const stream = (
  isTTY: boolean
): { text: string; isTTY: boolean; write(t: string): void } => ({
  text: '',
  isTTY,
  write(t: string): void {
    this.text += t
  }
})

describe('Progress', () => {
  it('counts long phases on a terminal and clears the line at the end', () => {
    const out = stream(true)
    const progress = new Progress(out)
    for (let i = 1; i <= 20; i++) progress.show('Reading posts', i, 20)
    expect(out.text).toContain('\r\x1b[KReading posts 1/20')
    expect(out.text.endsWith('Reading posts 20/20\r\x1b[K')).toBe(true)
  })

  it('stays quiet for short phases and off a terminal', () => {
    const short = stream(true)
    new Progress(short).show('Reading posts', 1, 3)
    expect(short.text).toBe('')
    const piped = stream(false)
    const progress = new Progress(piped)
    for (let i = 1; i <= 50; i++) progress.show('Reading posts', i, 50)
    progress.show('Fetching 5 post page(s)', 0, 5)
    progress.clear()
    expect(piped.text).toBe('')
  })
})

describe('renderCheck', () => {
  const row = (overrides: Partial<Result>): Result => ({
    post: '_posts/2026-01-02-x.md',
    url: 'https://blog.example.org/x.html',
    target: 'arXiv:2101.00001',
    ping: 'https://arxiv.org/trackback/2101.00001',
    status: 'dry-run',
    message: 'Would be sent.',
    ...overrides
  })

  it('groups rows by post and counts them', () => {
    const text = renderCheck(
      { plan: { pings: [], problems: [], forget: [] } },
      [
        row({}),
        row({
          target: 'x y',
          ping: '',
          status: 'invalid',
          message: 'Bad.',
          line: 7
        }),
        row({
          target: 'https://t.example/tb',
          ping: 'https://t.example/tb',
          status: 'pending',
          message: 'Draft.'
        })
      ],
      'Checking.'
    )
    expect(text).toBe(
      [
        'Checking.',
        '',
        '_posts/2026-01-02-x.md',
        '  https://blog.example.org/x.html',
        '  would send   arXiv:2101.00001',
        '               ping https://arxiv.org/trackback/2101.00001',
        '  invalid      x y',
        '               line 7: Bad.',
        '  pending      https://t.example/tb',
        '               Draft.',
        '',
        '1 ping(s) would be sent, 1 invalid, 1 pending, 0 skipped. Nothing was sent (check never sends).',
        ''
      ].join('\n')
    )
  })
  it('counts a dry-run row as would-send only, in the text and the JSON counts', () => {
    const rows = [
      row({}),
      row({ target: 'b', ping: 'https://b.example/tb' }),
      row({ target: 'c', ping: '', status: 'invalid', message: 'Bad.' }),
      row({ target: 'd', status: 'skipped', message: 'Unchanged.' })
    ]
    expect(checkCounts(rows)).toEqual({
      wouldSend: 2,
      invalid: 1,
      pending: 0,
      skipped: 1
    })
    const text = renderCheck(
      { plan: { pings: [], problems: [], forget: [] } },
      rows,
      'Checking.'
    )
    expect(text).toContain(
      '2 ping(s) would be sent, 1 invalid, 0 pending, 1 skipped.'
    )
  })
})
