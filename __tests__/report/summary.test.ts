import { describe, expect, it } from '@jest/globals'
import {
  countResults,
  escapeHtml,
  renderSummary,
  totalsLine
} from '../../src/report/summary.js'
import type { Result, ResultStatus } from '../../src/types.js'
import { result } from './results.js'

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
  const mixed: Result[] = [
    result('sent', { message: 'Accepted.', line: 3 }),
    result('failed', {
      target: 'https://x.org/tb',
      ping: 'https://x.org/tb',
      message: 'HTTP 503',
      line: 4
    }),
    result('sent', {
      post: '_posts/b.md',
      url: 'https://blog.example.org/b.html',
      target: 'https://y.org/tb',
      ping: 'https://y.org/tb'
    })
  ]

  it('shows one section per post, linked, with a row per target', () => {
    const html = renderSummary({
      results: mixed,
      dryRun: false,
      notes: ['Looked at the posts this push changed.']
    })
    expect(html).toContain('<h2>TrackBack pings</h2>')
    const sections = html.split('<h3>').slice(1)
    expect(sections).toHaveLength(2)
    expect(sections[0]).toContain(
      '<a href="https://blog.example.org/a.html">https://blog.example.org/a.html</a>'
    )
    expect(sections[0]?.match(/<tr><td>/g)).toHaveLength(2)
    expect(sections[1]?.match(/<tr><td>/g)).toHaveLength(1)
    expect(sections[0]).toContain('<code>_posts/2026-11-20-a.md</code>')
    expect(html).toContain(
      '<tr><td><code>arXiv:2101.00001</code></td><td><a href="https://arxiv.org/trackback/2101.00001">'
    )
    expect(html).toContain('<td>✅&nbsp;sent</td><td>Accepted.</td>')
    expect(html).toContain('<td>❌&nbsp;failed</td><td>HTTP 503</td>')
    expect(html).toContain('<li>Looked at the posts this push changed.</li>')
  })

  it('has a line of totals', () => {
    const html = renderSummary({ results: mixed, dryRun: false, notes: [] })
    expect(html).toContain(
      '<strong>3 targets in 2 posts: 2 sent, 1 failed.</strong>'
    )
  })

  it("links an arXiv target's /tb page and says review takes time", () => {
    const html = renderSummary({ results: mixed, dryRun: false, notes: [] })
    const [first, second] = html.split('<h3>').slice(1)
    expect(first).toContain('href="https://arxiv.org/tb/2101.00001"')
    expect(first).toContain('only after a moderator has reviewed it')
    // The other post has no arXiv target, so no note.
    expect(second).not.toContain('arxiv.org/tb')
  })

  it('gives no /tb link for an invalid arXiv target', () => {
    const html = renderSummary({
      results: [result('invalid', { ping: '', message: 'bad id' })],
      dryRun: false,
      notes: []
    })
    expect(html).not.toContain('arxiv.org/tb')
  })

  it('titles a pull request "would send" and lists exactly what merging sends', () => {
    const html = renderSummary({
      results: [
        result('dry-run'),
        result('dry-run', {
          target: 'https://x.org/tb',
          ping: 'https://x.org/tb'
        }),
        result('already-sent', { ping: 'https://z.org/tb', target: 'z' }),
        result('pending', { post: '_posts/later.md', url: 'https://b/l' })
      ],
      dryRun: true,
      pullRequest: true,
      notes: []
    })
    expect(html).toContain('<h2>TrackBack: would send 2 pings</h2>')
    expect(html).toContain(
      'Merging this pull request would send exactly these 2 pings:'
    )
    const list = /<ul>\n([\s\S]*?)\n<\/ul>/.exec(html)?.[1] ?? ''
    expect(list.split('\n')).toEqual([
      '<li><a href="https://blog.example.org/a.html">https://blog.example.org/a.html</a> → ' +
        '<a href="https://arxiv.org/trackback/2101.00001">https://arxiv.org/trackback/2101.00001</a>' +
        ' (<code>arXiv:2101.00001</code>)</li>',
      '<li><a href="https://blog.example.org/a.html">https://blog.example.org/a.html</a> → ' +
        '<a href="https://x.org/tb">https://x.org/tb</a></li>'
    ])
    expect(html).toContain('<td>🔍&nbsp;would&nbsp;send</td>')
    expect(html).toContain(
      '4 targets in 2 posts: 2 would send, 1 already sent, 1 pending.'
    )
  })

  it('words a dry run outside a pull request differently', () => {
    const html = renderSummary({
      results: [result('dry-run')],
      dryRun: true,
      notes: []
    })
    expect(html).toContain('<h2>TrackBack: would send 1 ping</h2>')
    expect(html).toContain(
      'This run without dry-run would send exactly this ping:'
    )
  })

  it('says so when there is nothing to send', () => {
    const html = renderSummary({
      results: [],
      dryRun: true,
      pullRequest: true,
      notes: []
    })
    expect(html).toContain('Merging this pull request would send no ping.')
    expect(html).toContain('No post in this run has TrackBack targets')
    expect(html).not.toContain('<ul>')
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
      notes: ['<script>']
    })
    expect(html).not.toContain('<img')
    expect(html).not.toContain('<b>no')
    expect(html).not.toContain('<script>')
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

describe('totalsLine', () => {
  it('counts targets and posts, naming only the statuses present', () => {
    expect(totalsLine([result('pending')])).toBe(
      '1 target in 1 post: 1 pending.'
    )
    expect(totalsLine([])).toBe('0 targets in 0 posts.')
  })
})

describe('escapeHtml', () => {
  it.each([
    ['a & b', 'a &amp; b'],
    ['<x>', '&lt;x&gt;'],
    ['"q"', '&quot;q&quot;']
  ])('%p', (input, expected) => expect(escapeHtml(input)).toBe(expected))
})

describe('renderSummary: page targets', () => {
  it('shows the protocol and the endpoint a page was notified by', () => {
    const html = renderSummary({
      results: [
        result('sent', {
          target: 'https://indie.example/note',
          ping: 'https://indie.example/note',
          protocol: 'webmention',
          endpoint: 'https://webmention.example/indie.example/webmention',
          message: 'accepted by the receiver (HTTP 201)'
        })
      ],
      dryRun: false,
      notes: []
    })
    expect(html).toContain(
      '<a href="https://indie.example/note">https://indie.example/note</a><br>Webmention: <a href="https://webmention.example/indie.example/webmention">'
    )
  })
})
