/**
 * The landed check against real servers on 127.0.0.1: the arXiv stand-in
 * (scripts/peers/arxiv.mjs: moderation, the /tb/ page, the Turtle export)
 * and a blog serving a target page. Nothing is sent by a check.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { startArxiv, type ArxivStandIn } from '../../scripts/peers/arxiv.mjs'
import {
  postPage,
  startBlogServer,
  type BlogServer
} from '../../scripts/peers/blog-server.mjs'
import { checkLanded, lookAtDue } from '../../src/landed/check.js'
import type { LandedOptions } from '../../src/landed/check.js'
import { ledgerKey } from '../../src/ledger/ledger.js'
import type { LedgerEntry } from '../../src/types.js'

const POST = 'https://notes.example.org/blog/2026/11/20/attention.html'
const SENT = '2026-11-20T00:00:00.000Z'
const day = (n: number): Date =>
  new Date(Date.parse(SENT) + n * 24 * 60 * 60 * 1000)

describe('checkLanded', () => {
  let arxiv: ArxivStandIn
  let blog: BlogServer
  const options = (now: Date): LandedOptions => ({
    now,
    days: 30,
    timeoutMs: 5000,
    userAgent: 'test',
    allowPrivateNetworks: true,
    hostDelayMs: 0,
    sleep: async () => undefined
  })
  const sent = (
    ping: string,
    overrides: Partial<LedgerEntry> = {}
  ): LedgerEntry => ({
    post: POST,
    ping,
    source: '_posts/2026-11-20-attention.md',
    target: ping,
    status: 'sent',
    attempts: 1,
    updated: SENT,
    ...overrides
  })

  beforeAll(async () => {
    arxiv = await startArxiv()
    blog = await startBlogServer()
  })
  afterAll(async () => {
    await arxiv?.close()
    await blog?.close()
  })

  async function ping(id: string, url: string): Promise<void> {
    await fetch(`${arxiv.url}/trackback/${id}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        url,
        title: 'Attention, revisited'
      }).toString()
    })
  }

  it('sees an arXiv ping only once moderation lists it (the export)', async () => {
    await ping('2101.00001', POST)
    const entry = sent(`${arxiv.url}/trackback/2101.00001`)
    const [waiting] = await checkLanded([entry], options(day(1)))
    expect(waiting).toMatchObject({
      seen: false,
      entry: { checked: day(1).toISOString() }
    })
    expect(waiting?.entry.visible).toBeUndefined()

    arxiv.moderate(POST)
    const [seen] = await checkLanded([entry], options(day(2)))
    expect(seen).toMatchObject({
      seen: true,
      key: ledgerKey(entry.post, entry.ping),
      entry: { visible: day(2).toISOString() }
    })
    expect(seen?.message).toContain('export')
    // Looks only: the stand-in got no second ping.
    expect(arxiv.pings.filter((p) => p.url === POST)).toHaveLength(1)
  })

  it('falls back to the /tb/ page and its redirects when the export fails', async () => {
    const other = 'https://notes.example.org/blog/2026/11/21/scaling.html'
    await ping('2202.00002', other)
    await ping('2202.00002', 'https://elsewhere.example/a-post/')
    arxiv.moderate('https://elsewhere.example/a-post/')
    arxiv.setExportBroken(true)
    try {
      const entry = {
        ...sent(`${arxiv.url}/trackback/2202.00002`),
        post: other
      }
      const [before] = await checkLanded([entry], options(day(1)))
      expect(before?.seen).toBe(false)
      arxiv.moderate(other)
      const [after] = await checkLanded([entry], options(day(2)))
      expect(after?.seen).toBe(true)
      expect(after?.message).toContain('/tb/2202.00002')
      expect(
        arxiv.requests.some((r) => r.path.startsWith('/tb/redirect/'))
      ).toBe(true)
    } finally {
      arxiv.setExportBroken(false)
    }
  })

  it('sees a blog ping once the target page links to the post', async () => {
    const entry = sent(`${blog.url}/2026/10/a-post/trackback/`)
    blog.setPage('/2026/10/a-post/', postPage('A post', []))
    expect((await checkLanded([entry], options(day(1))))[0]?.seen).toBe(false)
    blog.setPage('/2026/10/a-post/', postPage('A post', [POST]))
    expect((await checkLanded([entry], options(day(2))))[0]?.seen).toBe(true)
  })

  it('notes a look it could not make, and refuses loopback by default', async () => {
    const entry = sent(`${blog.url}/missing/trackback/`)
    const [missing] = await checkLanded([entry], options(day(1)))
    expect(missing).toMatchObject({ seen: undefined })
    expect(missing?.message).toContain('HTTP 404')
    const [refused] = await checkLanded([entry], {
      ...options(day(1)),
      allowPrivateNetworks: false
    })
    expect(refused?.seen).toBeUndefined()
    expect(refused?.message).toMatch(/refused/)
  })

  it('looks at the due entries only, within the budget', async () => {
    const a = sent(`${arxiv.url}/trackback/2101.00001`)
    const b = { ...a, post: 'https://notes.example.org/blog/b.html' }
    const c = {
      ...a,
      post: 'https://notes.example.org/blog/c.html',
      updated: day(5).toISOString()
    }
    const ledger = {
      version: 1 as const,
      entries: Object.fromEntries(
        [a, b, c].map((e) => [ledgerKey(e.post, e.ping), e])
      )
    }
    const { ledger: next, looks } = await lookAtDue(ledger, {
      ...options(day(5.5)),
      budget: 1
    })
    expect(looks).toHaveLength(1)
    const changed = Object.values(next.entries).filter((e) => e.checked)
    expect(changed).toHaveLength(1)
  })

  it("reports a Webmention receiver's status page while the post does not show", async () => {
    blog.setPage('/mentioned/', postPage('Someone else', []))
    blog.setPage('/status/1', {
      contentType: 'application/json',
      body: '{"status": "queued", "source": "x"}'
    })
    blog.setPage('/status/2', {
      contentType: 'text/html; charset=utf-8',
      body: '<html>queued</html>'
    })
    const entry = (status: string): LedgerEntry =>
      sent(`${blog.url}/mentioned/`, {
        protocol: 'webmention',
        statusUrl: `${blog.url}/status/${status}`
      })
    const looks = await checkLanded(
      [entry('1'), entry('2'), entry('3')],
      options(day(1))
    )
    expect(looks.map((l) => [l.seen, l.message])).toEqual([
      [
        false,
        `${blog.url}/mentioned/ does not link to the post yet; its status page says "queued"`
      ],
      [false, `${blog.url}/mentioned/ does not link to the post yet`],
      [
        false,
        `${blog.url}/mentioned/ does not link to the post yet; its status page answers HTTP 404`
      ]
    ])
    // Once the page shows the post, the status page is not asked.
    blog.setPage('/mentioned/', postPage('Someone else', [POST]))
    const before = blog.requests.length
    const [shown] = await checkLanded([entry('1')], options(day(2)))
    expect(shown?.seen).toBe(true)
    expect(blog.requests.slice(before).map((r) => r.path)).toEqual([
      '/mentioned/'
    ])
  })
})
