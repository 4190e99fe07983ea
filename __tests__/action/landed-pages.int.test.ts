/**
 * End to end, did it land? for an article page notified by Webmention: the
 * receiver (scripts/peers/notify-receiver.mjs) answers 201 with a status
 * page and shows the mention only once approved. Later runs (the clock
 * shifted by run-action's `daysLater`) look at the page for a link to the
 * post: waiting, with the status page the ledger kept, then visible.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import {
  postPage,
  startBlogServer,
  type BlogServer
} from '../../scripts/peers/blog-server.mjs'
import {
  startNotifyReceiver,
  type NotifyReceiver
} from '../../scripts/peers/notify-receiver.mjs'
import type { ActionResult } from '../../scripts/peers/run-action.mjs'
import {
  requireBundle,
  runActionOk,
  startPeers,
  type Peers
} from '../support/peers.js'
import { makeRepo, type TempRepo } from '../support/repo.js'

describe('did it land? a Webmention followed on the target page', () => {
  let peers: Peers
  let blog: BlogServer
  let site: NotifyReceiver
  let repo: TempRepo
  let runId = 700
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
      runnerTemp: peers.runnerTemp,
      inputs: { 'allow-private-networks': 'true', 'host-delay': '0' },
      env: peers.cache.env(),
      daysLater
    })

  beforeAll(async () => {
    requireBundle()
    peers = await startPeers()
    blog = await startBlogServer()
    site = await startNotifyReceiver()
    repo = makeRepo()
    repo.write('_config.yml', `title: Pages\nurl: ${blog.url}\ntimezone: UTC\n`)
    shas.push(repo.commit('start'))
  })
  afterAll(async () => {
    await peers?.close()
    await blog?.close()
    await site?.close()
    repo?.cleanup()
  })

  it('keeps the status page, waits for approval, then shows it visible', async () => {
    const target = `${site.url}/webmention/one`
    const post = `${blog.url}/2026/12/01/mention.html`
    blog.setPage('/2026/12/01/mention.html', postPage('Mention', [target]))
    repo.write(
      '_posts/2026-12-01-mention.md',
      `---\ntitle: Mention\ntrackback: ${target}\n---\nText.\n`
    )
    shas.push(repo.commit('a post'))
    const sent = await run('push', 0, { before: shas[0], after: shas[1] })
    expect(sent.results[0]).toMatchObject({
      status: 'sent',
      protocol: 'webmention',
      visible: false
    })
    const gets = (): number =>
      site.requests.filter(
        (r) => r.method === 'GET' && r.path === '/webmention/one'
      ).length
    const getsWhenSent = gets()

    const waiting = await run('schedule', 1)
    expect(gets()).toBe(getsWhenSent + 1)
    expect(waiting.summary).toContain('0 visible, 1 waiting')
    // The Location of the 201 reached the ledger and the summary.
    expect(waiting.summary).toContain(
      `receiver's status: <a href="${site.url}/status/1"`
    )

    site.approve(post, target)
    const visible = await run('schedule', 2)
    expect(visible.summary).toContain('1 visible, 0 waiting')
    expect(site.notifications).toHaveLength(1)
    expect(site.requests.filter((r) => r.method === 'POST')).toHaveLength(1)
  })
})
