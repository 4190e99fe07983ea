/**
 * End to end against a real receiver: the bundled action (dist/index.js)
 * pings Debian's own WordPress 6.1 (served by php -S, MariaDB on a private
 * socket; scripts/wordpress/start.sh), and the test reads what WordPress
 * stored in wp_comments. Stock settings, so WordPress's flood limit (one
 * accepted ping per ~15 s from an address) is in force.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import {
  startCacheServer,
  type CacheServer
} from '../../scripts/peers/cache-server.mjs'
import {
  postPage,
  startBlogServer,
  type BlogServer
} from '../../scripts/peers/blog-server.mjs'
import type { ActionResult } from '../../scripts/peers/run-action.mjs'
import { requireBundle, runActionOk } from '../support/peers.js'
import { makeRepo, type TempRepo } from '../support/repo.js'
import { startWordPress, type WordPress } from '../support/wordpress.js'

describe("the bundled action against Debian's WordPress", () => {
  let wp: WordPress
  let blog: BlogServer
  let cache: CacheServer
  let repo: TempRepo
  let runnerTemp: string
  const shas: string[] = []
  let runs = 0

  const open = (n: number): string => wp.posts[n - 1]?.trackback ?? ''
  const closed = (): string =>
    wp.posts.find((p) => p.pings === 'closed')?.trackback ?? ''
  const postId = (trackback: string): number | undefined =>
    wp.posts.find((p) => p.trackback === trackback)?.id

  /** A post's source; its page, linking to each target's post, is served. */
  const post = (
    page: string,
    title: string,
    text: string,
    targets: string[]
  ): string => {
    const links = targets.map(
      (t) => wp.posts.find((p) => p.trackback === t)?.link ?? t
    )
    blog.setPage(page, postPage(title, links))
    return source(title, text, targets)
  }
  const source = (title: string, text: string, targets: string[]): string =>
    [
      '---',
      `title: "${title}"`,
      'trackback:',
      ...targets.map((t) => `  - ${t}`),
      '---',
      text,
      ''
    ].join('\n')

  async function push(
    before: string,
    after: string,
    attempt = 1
  ): Promise<ActionResult> {
    runs++
    return runActionOk({
      workspace: repo.dir,
      eventName: 'push',
      payload: { before, after },
      sha: after,
      runId: String(attempt > 1 ? runs - 1 : runs),
      runAttempt: String(attempt),
      runnerTemp,
      inputs: {
        'allow-private-networks': 'true',
        // The blog is served: each post must be live and link to what it
        // pings before anything is sent.
        'wait-for-live': '120',
        'require-link': 'true'
      },
      env: cache.env()
    })
  }

  beforeAll(async () => {
    requireBundle()
    wp = await startWordPress(4, 1)
    console.log(
      `WordPress ${wp.version} at ${wp.url}, started in ${wp.startSeconds.toFixed(1)} s`
    )
    cache = await startCacheServer()
    blog = await startBlogServer()
    runnerTemp = mkdtempSync(path.join(tmpdir(), 'trackback-wp-runner-'))
    repo = makeRepo()
    repo.write(
      '_config.yml',
      `title: Paper Notes\nurl: ${blog.url}\ntimezone: UTC\n`
    )
    shas.push(repo.commit('start'))
  }, 300_000)

  afterAll(async () => {
    await wp?.stop()
    await cache?.close()
    await blog?.close()
    repo?.cleanup()
    if (runnerTemp) rmSync(runnerTemp, { recursive: true, force: true })
  })

  it('lands every ping once, three on one site despite the flood limit, and a closed post rejects', async () => {
    repo.write(
      '_posts/2026-11-20-attention.md',
      post(
        '/2026/11/20/attention.html',
        'Attention, revisited',
        'What the paper claims, and what I *think* of it.',
        [open(1), open(2), open(3)]
      )
    )
    repo.write(
      '_posts/2026-11-21-closed.md',
      post(
        '/2026/11/21/closed.html',
        'Too late',
        'A reply to a post that no longer takes pings.',
        [closed()]
      )
    )
    shas.push(repo.commit('two posts'))
    const result = await push(shas[0] as string, shas[1] as string)

    const attention = `${blog.url}/2026/11/20/attention.html`
    expect(result.results.map((r) => [r.url, r.ping, r.status]).sort()).toEqual(
      [
        [attention, open(1), 'sent'],
        [attention, open(2), 'sent'],
        [attention, open(3), 'sent'],
        [`${blog.url}/2026/11/21/closed.html`, closed(), 'rejected']
      ].sort()
    )
    expect(result.results).toContainEqual(
      expect.objectContaining({
        ping: closed(),
        message: 'Sorry, trackbacks are closed for this item.'
      })
    )
    expect(result.outputs).toMatchObject({ sent: '3', failed: '1' })
    // WordPress did refuse the pings that came too soon (429); the action
    // waited and sent them again.
    const posts = wp
      .requests()
      .filter((r) => r.method === 'POST')
      .map((r) => [new URL(r.path, wp.url).href, r.status])
    expect(posts).toContainEqual([open(2), 429])
    expect(posts.filter(([, status]) => status === 200)).toHaveLength(4)

    // Each post's page was read (live, and linking to its targets) first.
    expect(blog.requests.map((r) => `${r.method} ${r.path}`).sort()).toEqual([
      'GET /2026/11/20/attention.html',
      'GET /2026/11/21/closed.html'
    ])

    const stored = await wp.trackbacks()
    expect(stored.map((c) => c.post).sort()).toEqual(
      [open(1), open(2), open(3)].map(postId).sort()
    )
    for (const comment of stored) {
      expect(comment).toMatchObject({
        type: 'trackback',
        author: 'Paper Notes',
        url: attention,
        ip: '127.0.0.1',
        content:
          '<strong>Attention, revisited</strong>\n\nWhat the paper claims, and what I think of it.',
        // Stock WordPress holds pings for moderation.
        approved: '0'
      })
    }
  })

  it('a re-run of the same push sends nothing', async () => {
    const before = await wp.comments()
    const result = await push(shas[0] as string, shas[1] as string, 2)
    expect(result.outputs).toMatchObject({ sent: '0', failed: '0' })
    expect(result.results.map((r) => r.status).sort()).toEqual([
      'already-sent',
      'already-sent',
      'already-sent',
      'skipped'
    ])
    expect(await wp.comments()).toEqual(before)
  })

  it('a later push that adds a target sends only the new ping', async () => {
    repo.write(
      '_posts/2026-11-20-attention.md',
      post(
        '/2026/11/20/attention.html',
        'Attention, revisited',
        'What the paper claims, and what I *think* of it.',
        [open(1), open(2), open(3), open(4)]
      )
    )
    shas.push(repo.commit('one more target'))
    const result = await push(shas[1] as string, shas[2] as string)
    expect(result.outputs).toMatchObject({ sent: '1', failed: '0' })
    expect(result.results.filter((r) => r.status === 'sent')).toEqual([
      expect.objectContaining({ ping: open(4) })
    ])
    const stored = await wp.trackbacks()
    expect(stored.map((c) => c.post).sort()).toEqual(
      [open(1), open(2), open(3), open(4)].map(postId).sort()
    )
  })
})
