/**
 * End to end, did it land? against Debian's WordPress (scripts/wordpress/):
 * a TrackBack WordPress accepts is held for moderation, so its post page
 * does not show it; later runs (the clock shifted by run-action's
 * `daysLater`) look at that page: waiting, then, once the test approves
 * the comment as a moderator would, visible. Nothing is sent twice.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import {
  postPage,
  startBlogServer,
  type BlogServer
} from '../../scripts/peers/blog-server.mjs'
import {
  startCacheServer,
  type CacheServer
} from '../../scripts/peers/cache-server.mjs'
import type { ActionResult } from '../../scripts/peers/run-action.mjs'
import { requireBundle, runActionOk } from '../support/peers.js'
import { makeRepo, type TempRepo } from '../support/repo.js'
import { startWordPress, type WordPress } from '../support/wordpress.js'

describe("did it land? a TrackBack on Debian's WordPress", () => {
  let wp: WordPress
  let blog: BlogServer
  let cache: CacheServer
  let repo: TempRepo
  let runnerTemp: string
  let runId = 900
  const shas: string[] = []

  const run = (
    eventName: string,
    daysLater: number,
    payload: Record<string, unknown> = {}
  ): Promise<ActionResult> =>
    runActionOk({
      workspace: repo.dir,
      eventName,
      payload,
      sha: shas[shas.length - 1] as string,
      runId: String(++runId),
      runnerTemp,
      inputs: { 'allow-private-networks': 'true', 'host-delay': '0' },
      env: cache.env(),
      daysLater
    })

  beforeAll(async () => {
    requireBundle()
    wp = await startWordPress(1, 0, ['approved-comments'])
    cache = await startCacheServer()
    blog = await startBlogServer()
    runnerTemp = mkdtempSync(path.join(tmpdir(), 'trackback-wp-landed-'))
    repo = makeRepo()
    repo.write('_config.yml', `title: Notes\nurl: ${blog.url}\ntimezone: UTC\n`)
    shas.push(repo.commit('start'))
  }, 300_000)

  afterAll(async () => {
    await wp?.stop()
    await cache?.close()
    await blog?.close()
    repo?.cleanup()
    if (runnerTemp) rmSync(runnerTemp, { recursive: true, force: true })
  })

  it('waits while the ping is held for moderation, then shows it visible', async () => {
    const target = wp.posts[0]
    if (!target) throw new Error('WordPress made no post')
    const postUrl = `${blog.url}/2026/11/20/reply.html`
    blog.setPage('/2026/11/20/reply.html', postPage('A reply', [target.link]))
    repo.write(
      '_posts/2026-11-20-reply.md',
      `---\ntitle: A reply\ntrackback: ${target.trackback}\n---\nA reply.\n`
    )
    shas.push(repo.commit('a reply'))
    const sent = await run('push', 0, { before: shas[0], after: shas[1] })
    expect(sent.outputs.sent).toBe('1')
    const [held] = await wp.trackbacks()
    expect(held).toMatchObject({ url: postUrl, approved: '0' })

    const waiting = await run('schedule', 1)
    expect(waiting.summary).toContain('0 visible, 1 waiting')

    await wp.approve(held?.id ?? 0)
    const visible = await run('schedule', 2)
    expect(visible.summary).toContain('1 visible, 0 waiting')
    expect(await wp.trackbacks()).toHaveLength(1)
    expect(wp.requests().filter((r) => r.method === 'POST').length).toBe(1)
  })
})
