/**
 * End to end: one post whose targets are article pages, each notified by
 * the protocol it offers (a Webmention page, a page with TrackBack RDF, a
 * Pingback page) and one offering nothing, against loopback stand-ins that
 * verify the post links to them (scripts/peers/notify-receiver.mjs). Each
 * lands once, a re-run sends nothing, and the page with nothing gets one
 * GET and no POST.
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

describe('the bundle notifies article pages by the protocol they offer', () => {
  let peers: Peers
  let blog: BlogServer
  let site: NotifyReceiver
  let repo: TempRepo
  let runId = 0
  const shas: string[] = []

  const run = (
    eventName: string,
    sha: string,
    payload: Record<string, unknown>
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
        'wait-for-live': '3'
      },
      env: peers.cache.env()
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

  it('sends each page once, by its protocol; the page with nothing gets one GET', async () => {
    const pages = [
      `${site.url}/webmention/one`,
      `${site.url}/rdf/two`,
      `${site.url}/pingback/three`,
      `${site.url}/nothing/four`
    ]
    blog.setPage('/2026/12/01/pages.html', postPage('Pages', pages))
    repo.write(
      '_posts/2026-12-01-pages.md',
      [
        '---',
        'title: Pages',
        'trackback:',
        ...pages.map((p) => `  - ${p}`),
        '---',
        'Text.',
        ''
      ].join('\n')
    )
    shas.push(repo.commit('a post about four pages'))
    const first = await run('push', shas[1] as string, {
      before: shas[0],
      after: shas[1]
    })
    expect(
      first.results.map((r) => [r.target, r.status, r.protocol, r.endpoint])
    ).toEqual([
      [pages[0], 'sent', 'webmention', `${site.url}/webmention-endpoint`],
      [pages[1], 'sent', 'trackback', `${site.url}/trackback/two`],
      [pages[2], 'sent', 'pingback', `${site.url}/xmlrpc`],
      [pages[3], 'invalid', undefined, undefined]
    ])
    expect(first.results[3]?.message).toContain('offers no way to be notified')
    expect(first.stdout).toContain(
      '::error title=TrackBack%3A invalid target,file=_posts/2026-12-01-pages.md,line=7::'
    )
    expect(site.notifications.map((n) => [n.protocol, n.target])).toEqual(
      expect.arrayContaining([
        ['webmention', pages[0]],
        ['trackback', pages[1]],
        ['pingback', pages[2]]
      ])
    )
    expect(site.notifications).toHaveLength(3)
    const toNothing = site.requests.filter((r) =>
      r.path.startsWith('/nothing/')
    )
    expect(toNothing.map((r) => r.method)).toEqual(['GET'])

    // A re-run of the same push, and a later scheduled run: nothing more.
    const again = await run('schedule', shas[1] as string, {})
    expect(again.outputs.sent).toBe('0')
    expect(site.notifications).toHaveLength(3)
    expect(
      site.requests.filter((r) => r.path.startsWith('/nothing/'))
    ).toHaveLength(1)
    expect(site.requests.filter((r) => r.method === 'POST')).toHaveLength(3)
  })

  it('a pull request previews each page with its protocol and endpoint: GETs only', async () => {
    const pages = [
      `${site.url}/webmention/five`,
      `${site.url}/pingback/six`,
      `${site.url}/nothing/seven`
    ]
    repo.git('checkout', '-q', '-b', 'preview')
    repo.write(
      '_posts/2026-12-02-preview.md',
      [
        '---',
        'title: Preview',
        'trackback:',
        ...pages.map((p) => `  - ${p}`),
        '---',
        'Text.',
        ''
      ].join('\n')
    )
    const head = repo.commit('a post in a pull request')
    const posts = site.requests.filter((r) => r.method === 'POST').length
    // The pull request's head is checked out, as actions/checkout does.
    const preview = await run('pull_request', head, {
      pull_request: {
        base: { sha: shas[shas.length - 1] },
        head: { sha: head }
      }
    }).finally(() => repo.git('checkout', '-q', 'main'))
    expect(
      preview.results.map((r) => [r.target, r.status, r.protocol, r.endpoint])
    ).toEqual([
      [pages[0], 'dry-run', 'webmention', `${site.url}/webmention-endpoint`],
      [pages[1], 'dry-run', 'pingback', `${site.url}/xmlrpc`],
      [pages[2], 'invalid', undefined, undefined]
    ])
    expect(preview.results[0]?.message).toBe(
      `Would send a Webmention to ${site.url}/webmention-endpoint.`
    )
    expect(preview.results[2]?.message).toContain(
      'offers no way to be notified'
    )
    expect(preview.summary).toContain(`${site.url}/xmlrpc`)
    expect(preview.outputs.sent).toBe('0')
    // One GET per page, no POST anywhere.
    for (const page of pages) {
      const path = new URL(page).pathname
      expect(
        site.requests.filter((r) => r.path === path).map((r) => r.method)
      ).toEqual(['GET'])
    }
    expect(site.requests.filter((r) => r.method === 'POST')).toHaveLength(posts)
  })
})
