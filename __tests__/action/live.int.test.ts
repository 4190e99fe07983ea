/**
 * End to end: the bundle waits for posts to be live and checks their links
 * (wait-for-live, require-link), with the blog itself served on 127.0.0.1
 * next to a TrackBack receiver and a cache service.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import {
  postPage,
  startBlogServer,
  type BlogServer
} from '../../scripts/peers/blog-server.mjs'
import type { ActionResult } from '../../scripts/peers/run-action.mjs'
import {
  requireBundle,
  runActionOk,
  startPeers,
  type Peers
} from '../support/peers.js'
import { makeRepo, type TempRepo } from '../support/repo.js'

describe('the bundle pings only for posts that are live', () => {
  let peers: Peers
  let blog: BlogServer
  let repo: TempRepo
  let runId = 0
  const shas: string[] = []

  const run = (
    eventName: string,
    sha: string,
    payload: Record<string, unknown>,
    inputs: Record<string, string> = {}
  ): Promise<ActionResult> =>
    runActionOk({
      workspace: repo.dir,
      eventName,
      payload,
      sha,
      runId: String(++runId),
      runnerTemp: peers.runnerTemp,
      inputs: {
        'allow-private-networks': 'true',
        'host-delay': '0',
        'wait-for-live': '3',
        ...inputs
      },
      env: peers.cache.env()
    })
  const post = (title: string, targets: string[]): string =>
    [
      '---',
      `title: ${title}`,
      'trackback:',
      ...targets.map((t) => `  - ${t}`),
      '---',
      'Text.',
      ''
    ].join('\n')
  const ping = (path: string): string => `${peers.receiver.url}${path}`
  const pagesFetched = (): string[] =>
    blog.requests.map((r) => `${r.method} ${r.path}`)

  beforeAll(async () => {
    requireBundle()
    peers = await startPeers()
    blog = await startBlogServer()
    repo = makeRepo()
    repo.write('_config.yml', `title: Live\nurl: ${blog.url}\ntimezone: UTC\n`)
    shas.push(repo.commit('start'))
  })
  afterAll(async () => {
    await peers?.close()
    await blog?.close()
    repo?.cleanup()
  })

  it('sends for the live post, holds the one that is not up yet, and sends it once it is', async () => {
    blog.setPage(
      '/2026/11/20/up.html',
      postPage('Up', [`${peers.receiver.url}/`])
    )
    repo.write(
      '_posts/2026-11-20-up.md',
      post('Up', [ping('/trackback/2501.00001')])
    )
    repo.write(
      '_posts/2026-11-21-late.md',
      post('Late', [ping('/wp-trackback.php?p=5')])
    )
    shas.push(repo.commit('two posts'))
    const first = await run('push', shas[1] as string, {
      before: shas[0],
      after: shas[1]
    })
    expect(first.results.map((r) => [r.post, r.status])).toEqual([
      ['_posts/2026-11-20-up.md', 'sent'],
      ['_posts/2026-11-21-late.md', 'pending']
    ])
    expect(first.results[1]?.message).toMatch(
      /^The post is not live yet: no 200 answer within 3 s \(\d+ tries; last: HTTP 404\)\. Not sent; the next run tries again\.$/
    )
    expect(first.outputs).toMatchObject({ sent: '1', pending: '1' })
    expect(first.stdout).toContain(
      `::warning title=TrackBack%3A post not live,file=_posts/2026-11-21-late.md,line=4::${blog.url}/2026/11/21/late.html: no 200 answer within 3 s`
    )
    expect(peers.receiver.pings.map((p) => p.path)).toEqual([
      '/trackback/2501.00001'
    ])
    expect(
      pagesFetched().filter((r) => r.endsWith('/late.html')).length
    ).toBeGreaterThan(1)

    // Still not up: the scheduled run looks again and still holds it.
    const still = await run('schedule', shas[1] as string, {})
    expect(still.results.map((r) => r.status)).toEqual(['pending'])
    expect(peers.receiver.pings).toHaveLength(1)

    blog.setPage(
      '/2026/11/21/late.html',
      postPage('Late', [`${peers.receiver.url}/?p=5`])
    )
    const later = await run('schedule', shas[1] as string, {})
    expect(later.results).toEqual([
      expect.objectContaining({
        post: '_posts/2026-11-21-late.md',
        status: 'sent'
      })
    ])
    const again = await run('schedule', shas[1] as string, {})
    expect(again.outputs.sent).toBe('0')
    expect(peers.receiver.accepted().map((p) => p.path)).toEqual([
      '/trackback/2501.00001',
      '/wp-trackback.php?p=5'
    ])
  })

  it('warns on the target line when the post does not link to the target; require-link holds it', async () => {
    blog.setPage('/2026/11/22/unlinked.html', postPage('Unlinked', []))
    repo.write(
      '_posts/2026-11-22-unlinked.md',
      post('Unlinked', [ping('/trackback/2501.00002')])
    )
    shas.push(repo.commit('a post without the link'))
    const held = await run(
      'push',
      shas[2] as string,
      { before: shas[1], after: shas[2] },
      { 'require-link': 'true' }
    )
    expect(held.results.map((r) => r.status)).toEqual(['pending'])
    expect(held.stdout).toContain(
      `::warning title=TrackBack%3A no link to the target,file=_posts/2026-11-22-unlinked.md,line=4::${blog.url}/2026/11/22/unlinked.html does not link to 127.0.0.1:${peers.receiver.port}. Held until it does (require-link is true).`
    )
    expect(peers.receiver.pings).toHaveLength(2)

    // Without require-link the same post is pinged, with the warning.
    const warned = await run('schedule', shas[2] as string, {})
    expect(warned.results.map((r) => r.status)).toEqual(['sent'])
    expect(warned.stdout).toContain(
      '::warning title=TrackBack%3A no link to the target,file=_posts/2026-11-22-unlinked.md,line=4::'
    )
  })

  it('a dry run fetches no page', async () => {
    const before = blog.requests.length
    repo.write(
      '_posts/2026-11-23-preview.md',
      post('Preview', [ping('/trackback/2501.00003')])
    )
    shas.push(repo.commit('preview'))
    const preview = await run('pull_request', shas[3] as string, {
      pull_request: {
        base: { sha: shas[2] },
        head: { sha: shas[3] }
      }
    })
    expect(preview.results.map((r) => [r.post, r.status])).toEqual([
      ['_posts/2026-11-23-preview.md', 'dry-run']
    ])
    expect(blog.requests.length).toBe(before)
  })
})
