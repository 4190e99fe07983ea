import { describe, expect, it } from '@jest/globals'
import { countResults, escapeHtml, renderSummary } from '../src/report.js'
import type { Result, ResultStatus } from '../src/types.js'

const result = (
  status: ResultStatus,
  overrides: Partial<Result> = {}
): Result => ({
  post: '_posts/2026-11-20-a.md',
  url: 'https://blog.example.org/a.html',
  target: 'arXiv:2101.00001',
  ping: 'https://arxiv.org/trackback/2101.00001',
  status,
  message: '',
  ...overrides
})

describe('countResults', () => {
  it('counts each status into the documented output', () => {
    const all: ResultStatus[] = [
      'sent',
      'sent',
      'already-sent',
      'rejected',
      'failed',
      'pending',
      'dry-run',
      'invalid',
      'skipped'
    ]
    expect(countResults(all.map((s) => result(s)))).toEqual({
      sent: 2,
      failed: 3,
      skipped: 3,
      pending: 1,
      wouldSend: 1
    })
  })
})

describe('renderSummary', () => {
  it('shows one section per post with a table row per target', () => {
    const html = renderSummary({
      results: [
        result('sent', { message: 'Accepted.' }),
        result('failed', {
          target: 'https://x.org/tb',
          ping: 'https://x.org/tb',
          message: 'HTTP 503'
        }),
        result('sent', {
          post: 'b.md',
          url: 'https://blog.example.org/b.html',
          target: 'https://y.org/tb',
          ping: 'https://y.org/tb'
        })
      ],
      dryRun: false,
      notes: ['Posts found by push.']
    })
    expect(html).toContain('<h2>TrackBack pings</h2>')
    expect(html.match(/<h3>/g)).toHaveLength(2)
    expect(html.match(/<tr><td>/g)).toHaveLength(3)
    expect(html).toContain('✅ sent')
    expect(html).toContain('❌ failed')
    expect(html).toContain('href="https://arxiv.org/tb/2101.00001"')
    expect(html).toContain('<strong>2 sent</strong>, 1 failed or invalid')
    expect(html).toContain('<li>Posts found by push.</li>')
  })

  it('titles a dry run "would send" and counts what would be sent', () => {
    const html = renderSummary({
      results: [result('dry-run')],
      dryRun: true,
      notes: []
    })
    expect(html).toContain('<h2>TrackBack: would send</h2>')
    expect(html).toContain('This ping would be sent:')
    expect(html).toContain('(1 would be sent)')
  })

  it('says so when there is nothing to send', () => {
    const html = renderSummary({ results: [], dryRun: true, notes: [] })
    expect(html).toContain('Merging this would send no ping.')
    expect(html).toContain('No post in this run has TrackBack targets')
  })

  it('escapes what users and receivers wrote', () => {
    const html = renderSummary({
      results: [
        result('rejected', {
          target: '<img src=x>',
          ping: '',
          message: '<b>no</b> & "never"'
        })
      ],
      dryRun: false,
      notes: []
    })
    expect(html).not.toContain('<img')
    expect(html).not.toContain('<b>no')
    expect(html).toContain('&lt;b&gt;no&lt;/b&gt; &amp; &quot;never&quot;')
  })

  it('links only http(s) URLs', () => {
    const html = renderSummary({
      results: [result('invalid', { url: 'javascript:alert(1)', ping: '' })],
      dryRun: false,
      notes: []
    })
    expect(html).not.toContain('href="javascript')
  })
})

describe('escapeHtml', () => {
  it.each([
    ['a & b', 'a &amp; b'],
    ['<x>', '&lt;x&gt;'],
    ['"q"', '&quot;q&quot;']
  ])('%p', (input, expected) => expect(escapeHtml(input)).toBe(expected))
})
