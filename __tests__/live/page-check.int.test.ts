import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import {
  postPage,
  startBlogServer,
  type BlogServer
} from '../../scripts/peers/blog-server.mjs'
import {
  applyPageChecks,
  checkPage,
  fetchPage,
  judgeAnswer,
  pagesToCheck,
  type PageAnswer,
  type PageCheck,
  type PageFetchOptions,
  type WaitOptions
} from '../../src/live/page-check.js'
import type { Plan, PlannedPing } from '../../src/run/plan.js'

type Answer = Extract<PageAnswer, { kind: 'answer' }>

const html = (body: string, url = 'https://me.example/p/'): Answer => ({
  kind: 'answer',
  status: 200,
  url,
  contentType: 'text/html; charset=utf-8',
  body
})
const status = (code: number): PageAnswer => ({
  kind: 'answer',
  status: code,
  url: 'https://me.example/p/',
  contentType: 'text/html',
  body: ''
})

/** A fake clock that sleeping advances, and a fetch that plays answers in turn. */
function scripted(
  answers: PageAnswer[],
  waitMs: number,
  start?: number
): { sleeps: number[]; fetched: string[]; options: WaitOptions } {
  let clock = 0
  const sleeps: number[] = []
  const fetched: string[] = []
  return {
    sleeps,
    fetched,
    options: {
      waitMs,
      ...(start !== undefined ? { start } : {}),
      now: () => clock,
      sleep: async (ms: number) => {
        sleeps.push(ms)
        clock += ms
      },
      fetch: async (url: string) => {
        fetched.push(url)
        return answers[
          Math.min(fetched.length, answers.length) - 1
        ] as PageAnswer
      }
    }
  }
}

describe('waiting for a post to go live', () => {
  it.each<[PageAnswer, string]>([
    [html(''), 'live'],
    [status(404), 'retry'],
    [status(503), 'retry'],
    [status(301), 'retry'],
    [{ kind: 'error', message: 'connection refused' }, 'retry'],
    [{ kind: 'refused', message: 'address 10.0.0.1 is private' }, 'stop']
  ])('an answer %p means %s', (answer, verdict) => {
    expect(judgeAnswer(answer).verdict).toBe(verdict)
  })

  it('fetches until the page answers 200, then reads its links', async () => {
    const run = scripted(
      [
        status(404),
        { kind: 'error', message: 'connection reset' },
        html(
          '<a href="https://arxiv.org/abs/2101.00001">paper</a><a href="/x">x</a>'
        )
      ],
      120_000
    )
    const check = await checkPage('https://me.example/p/', run.options)
    expect(check).toEqual({
      live: true,
      url: 'https://me.example/p/',
      links: ['https://arxiv.org/abs/2101.00001', 'https://me.example/x']
    })
    expect(run.sleeps).toEqual([1000, 2000])
  })

  it('gives up when the next try would start after the wait, saying why', async () => {
    const run = scripted([status(404)], 10_000)
    const check = await checkPage('https://me.example/p/', run.options)
    expect(check).toEqual({
      live: false,
      url: 'https://me.example/p/',
      reason: 'no 200 answer within 10 s (4 tries; last: HTTP 404)'
    })
    expect(run.sleeps).toEqual([1000, 2000, 4000])
  })

  it('counts the wait from a shared start', async () => {
    const run = scripted([status(404)], 10_000, -9_500)
    const check = await checkPage('https://me.example/p/', run.options)
    expect(run.fetched).toHaveLength(1)
    expect(check.live).toBe(false)
  })

  it('tries once when waiting is off, and stops at once on a refused address', async () => {
    const once = scripted([status(404)], 0)
    expect(await checkPage('https://me.example/p/', once.options)).toEqual({
      live: false,
      url: 'https://me.example/p/',
      reason: 'HTTP 404'
    })
    const refused = scripted(
      [
        {
          kind: 'refused',
          message: 'post URL refused: address 10.0.0.1 is private'
        }
      ],
      120_000
    )
    expect(await checkPage('http://10.0.0.1/p/', refused.options)).toEqual({
      live: false,
      url: 'http://10.0.0.1/p/',
      reason: 'post URL refused: address 10.0.0.1 is private'
    })
    expect(refused.fetched).toHaveLength(1)
  })

  it('a live page that is not HTML has no links to read', async () => {
    const run = scripted(
      [
        {
          ...html('<a href="https://x.example/">x</a>'),
          contentType: 'text/plain'
        }
      ],
      0
    )
    expect(await checkPage('https://me.example/p/', run.options)).toEqual({
      live: true,
      url: 'https://me.example/p/'
    })
  })
})

const POST1 = 'https://me.example/2026/11/20/one.html'
const POST2 = 'https://me.example/2026/11/21/two.html'
const ARXIV = 'https://arxiv.org/trackback/2101.00001'
const WP = 'https://wp.example.org/2026/01/a/trackback/'

function planned(
  post: string,
  ping: string,
  line: number,
  send = true
): PlannedPing {
  const pair = { post, ping, source: `_posts/${line}.md`, target: ping }
  return {
    result: {
      post: pair.source,
      url: post,
      target: ping,
      ping,
      status: send ? 'pending' : 'already-sent',
      message: send ? 'To send in this run.' : 'Sent on 2026-11-01.',
      line
    },
    pair,
    attempts: 0,
    ...(send
      ? {
          request: {
            id: `${post} ${ping}`,
            ping,
            fields: { url: post, title: 'T', excerpt: 'E', blog_name: 'B' }
          }
        }
      : {})
  }
}

const plan = (...pings: PlannedPing[]): Plan => ({
  pings,
  problems: [],
  forget: []
})

describe('which pages a run fetches', () => {
  const p = plan(
    planned(POST1, ARXIV, 4),
    planned(POST1, WP, 5),
    planned(POST2, WP, 6, false)
  )

  it('fetches each post about to be pinged, once', () => {
    expect(
      pagesToCheck(p, { waitForLiveMs: 120_000, requireLink: false })
    ).toEqual([POST1])
    expect(pagesToCheck(p, { waitForLiveMs: 0, requireLink: true })).toEqual([
      POST1
    ])
  })

  it('fetches nothing when waiting is off and no link is required', () => {
    expect(pagesToCheck(p, { waitForLiveMs: 0, requireLink: false })).toEqual(
      []
    )
  })
})

describe('holding pings for posts that are not ready', () => {
  const now = new Date('2026-11-25T02:00:00Z')
  const p = plan(
    planned(POST1, ARXIV, 4),
    planned(POST1, WP, 5),
    planned(POST2, WP, 6),
    planned(POST2, ARXIV, 7, false),
    planned(POST2, 'https://other.example/tb/1', 8)
  )
  const checks = new Map<string, PageCheck>([
    [
      POST1,
      { live: true, url: POST1, links: ['https://arxiv.org/abs/2101.00001v2'] }
    ],
    [
      POST2,
      {
        live: false,
        url: POST2,
        reason: 'no 200 answer within 120 s (9 tries; last: HTTP 404)'
      }
    ]
  ])

  it('holds the pings of a post that is not live as pending, due at once', () => {
    const { plan: held, annotations } = applyPageChecks(p, checks, {
      waitForLiveMs: 120_000,
      requireLink: false,
      now
    })
    const two = held.pings[2] as PlannedPing
    expect(two.request).toBeUndefined()
    expect(two.pendingUntil).toBe('2026-11-25T02:00:00.000Z')
    expect(two.result).toMatchObject({
      status: 'pending',
      message:
        'The post is not live yet: no 200 answer within 120 s (9 tries; last: HTTP 404). Not sent; the next run tries again.'
    })
    // Settled pairs and live posts' pings are left as they were.
    expect(held.pings[3]).toEqual(p.pings[3])
    expect(held.pings[0]).toEqual(p.pings[0])
    expect(held.pings[4]?.result.status).toBe('pending')
    // One warning for the post, at its first held target.
    expect(
      annotations.filter((a) => a.title === 'TrackBack: post not live')
    ).toEqual([
      {
        level: 'warning',
        title: 'TrackBack: post not live',
        file: '_posts/6.md',
        line: 6,
        message: `${POST2}: no 200 answer within 120 s (9 tries; last: HTTP 404). Its pings wait for the next run; if this is not the post's address, check the site-url and permalink inputs.`
      }
    ])
  })

  it('warns on the target line when the live post does not link to the target, and still sends', () => {
    const { plan: checked, annotations } = applyPageChecks(p, checks, {
      waitForLiveMs: 120_000,
      requireLink: false,
      now
    })
    expect(checked.pings[1]).toEqual(p.pings[1])
    expect(
      annotations.filter((a) => a.title !== 'TrackBack: post not live')
    ).toEqual([
      {
        level: 'warning',
        title: 'TrackBack: no link to the target',
        file: '_posts/5.md',
        line: 5,
        message: `${POST1} does not link to wp.example.org.`
      }
    ])
  })

  it('with require-link, holds the ping whose target is not linked', () => {
    const { plan: checked, annotations } = applyPageChecks(p, checks, {
      waitForLiveMs: 120_000,
      requireLink: true,
      now
    })
    expect(checked.pings[0]?.request).toBeDefined()
    expect(checked.pings[1]?.request).toBeUndefined()
    expect(checked.pings[1]?.result).toMatchObject({
      status: 'pending',
      message:
        'The post does not link to wp.example.org. Held (require-link is true); the next run tries again.'
    })
    expect(annotations[0]?.message).toMatch(/Held until it does/)
  })

  it('names the abstract page for arXiv, and a page that is not HTML', () => {
    const { annotations } = applyPageChecks(
      plan(planned(POST1, ARXIV, 4)),
      new Map([[POST1, { live: true, url: POST1 }]]),
      { waitForLiveMs: 120_000, requireLink: false, now }
    )
    expect(annotations.map((a) => a.message)).toEqual([
      `${POST1} does not link to arxiv.org/abs/2101.00001 (the page is not HTML); arXiv asks that a post link to the paper's abstract page.`
    ])
  })

  it('with waiting off, a page that cannot be read holds a required link', () => {
    const { plan: checked } = applyPageChecks(
      plan(planned(POST1, ARXIV, 4)),
      new Map([[POST1, { live: false, url: POST1, reason: 'HTTP 404' }]]),
      { waitForLiveMs: 0, requireLink: true, now }
    )
    expect(checked.pings[0]?.result.message).toBe(
      'Cannot read the post to check its links: HTTP 404. Held (require-link is true); the next run tries again.'
    )
  })
})

describe('fetchPage against a blog on 127.0.0.1', () => {
  let blog: BlogServer
  const options: PageFetchOptions = {
    timeoutMs: 2000,
    userAgent: 'trackback-action-test/1.0 (+https://example.org)',
    allowPrivateNetworks: true
  }

  beforeAll(async () => {
    blog = await startBlogServer()
  })
  afterAll(async () => {
    await blog.close()
  })

  it('reads a live page with a GET that names the action', async () => {
    blog.setPage('/a/', postPage('A', ['https://arxiv.org/abs/2101.00001']))
    const answer = await fetchPage(`${blog.url}/a/`, options)
    expect(answer).toMatchObject({
      kind: 'answer',
      status: 200,
      url: `${blog.url}/a/`
    })
    expect(answer.kind === 'answer' && answer.body).toContain(
      'https://arxiv.org/abs/2101.00001'
    )
    const request = blog.requests.at(-1)
    expect(request).toMatchObject({ method: 'GET', path: '/a/' })
    expect(request?.headers['user-agent']).toBe(options.userAgent)
  })

  it('follows redirects and resolves links against the page that answered', async () => {
    blog.setPage('/b', { location: '/b/' })
    blog.setPage('/b/', { status: 302, location: `${blog.url}/posts/b/` })
    blog.setPage('/posts/b/', postPage('B', ['../other/']))
    const check = await checkPage(`${blog.url}/b`, {
      waitMs: 0,
      fetch: (url) => fetchPage(url, options),
      sleep: async () => undefined,
      now: Date.now
    })
    expect(check).toEqual({
      live: true,
      url: `${blog.url}/b`,
      links: [`${blog.url}/posts/other/`]
    })
  })

  it('reports 404, loops, endless redirects and hangs as answers to wait on', async () => {
    expect(await fetchPage(`${blog.url}/missing/`, options)).toMatchObject({
      kind: 'answer',
      status: 404,
      body: ''
    })
    blog.setPage('/loop1', { location: '/loop2' })
    blog.setPage('/loop2', { location: '/loop1' })
    expect(await fetchPage(`${blog.url}/loop1`, options)).toEqual({
      kind: 'error',
      message: `redirect loop at ${blog.url}/loop1`
    })
    for (let i = 0; i < 7; i++)
      blog.setPage(`/hop${i}`, { location: `/hop${i + 1}` })
    expect(await fetchPage(`${blog.url}/hop0`, options)).toEqual({
      kind: 'error',
      message: 'more than 5 redirects'
    })
    blog.setPage('/slow', { hang: true })
    expect(
      await fetchPage(`${blog.url}/slow`, { ...options, timeoutMs: 300 })
    ).toEqual({ kind: 'error', message: 'timed out after 0.3 s' })
  })

  it('reads at most maxBytes of a page', async () => {
    blog.setPage('/long/', {
      body: `<p>${'x'.repeat(500)}</p><a href="https://late.example/">late</a>`
    })
    const answer = await fetchPage(`${blog.url}/long/`, {
      ...options,
      maxBytes: 100
    })
    expect(answer.kind === 'answer' && answer.body.length).toBe(100)
  })

  it('applies the address policy: loopback only when allowed, and on every hop', async () => {
    blog.setPage('/c/', postPage('C'))
    const before = blog.requests.length
    expect(
      await fetchPage(`${blog.url}/c/`, {
        ...options,
        allowPrivateNetworks: false
      })
    ).toEqual({
      kind: 'refused',
      message:
        'post URL refused: port ' +
        new URL(blog.url).port +
        ' is not allowed (only 80, 443 and 8080)'
    })
    expect(blog.requests.length).toBe(before)
    const strict = { ...options, allowPrivateNetworks: false }
    expect(await fetchPage('http://127.0.0.1/c/', strict)).toEqual({
      kind: 'refused',
      message:
        'post URL refused: address 127.0.0.1 is private or special-purpose'
    })
    expect(await fetchPage('http://[::ffff:169.254.169.254]/', strict)).toEqual(
      {
        kind: 'refused',
        message:
          'post URL refused: address ::ffff:a9fe:a9fe is private or special-purpose'
      }
    )
    const credentials = blog.url.replace('http://', 'http://user:pw@')
    blog.setPage('/d/', { location: `${credentials}/c/` })
    expect(await fetchPage(`${blog.url}/d/`, options)).toEqual({
      kind: 'refused',
      message: `redirect to ${credentials}/c/ refused: URLs with credentials are not allowed`
    })
    blog.setPage('/e/', { location: 'file:///etc/passwd' })
    expect(await fetchPage(`${blog.url}/e/`, options)).toMatchObject({
      kind: 'refused',
      message: expect.stringContaining('scheme file is not allowed')
    })
  })
})
