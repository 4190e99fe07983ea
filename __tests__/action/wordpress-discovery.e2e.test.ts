/**
 * End to end against a real receiver, with article URLs as targets: one
 * post lists four article pages (not ping URLs) and the bundled action
 * (dist/index.js) finds how each takes notifications:
 *   - a stock page of Debian's WordPress 6.1 (X-Pingback header) gets a
 *     Pingback; WordPress fetches our post from the blog server on
 *     127.0.0.1, which the test-only reach-test-blog.php mu-plugin lets it
 *     do, and stores a comment of type 'pingback';
 *   - a WordPress page embedding core's trackback_rdf() (the test-only
 *     trackback-rdf.php mu-plugin, on that one post only, so that the other
 *     stays a Pingback-only page) gets a TrackBack;
 *   - a loopback Webmention page (scripts/peers/notify-receiver.mjs, which
 *     verifies that our post links to it) gets a Webmention;
 *   - a page offering nothing is `invalid`: one GET, no POST.
 * The test reads what WordPress stored in wp_comments. Stock settings, so
 * the flood limit holds: WordPress refuses the second of the two pings
 * (429, or fault 429) and the action waits ~15 s and sends it again.
 * A re-run and the next push send nothing; a pull request adding a post
 * with the same targets previews them (dry run) and sends nothing.
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
import {
  startNotifyReceiver,
  type NotifyReceiver
} from '../../scripts/peers/notify-receiver.mjs'
import type {
  ActionResult,
  RunOptions
} from '../../scripts/peers/run-action.mjs'
import { requireBundle, runActionOk } from '../support/peers.js'
import { makeRepo, type TempRepo } from '../support/repo.js'
import {
  startWordPress,
  type WordPress,
  type WordPressComment,
  type WordPressPost
} from '../support/wordpress.js'

const POST_FILE = '_posts/2026-11-25-four-pages.md'
const POST_PATH = '/2026/11/25/four-pages.html'
const PREVIEW_FILE = '_posts/2026-11-26-preview.md'
const PREVIEW_PATH = '/2026/11/26/preview.html'

describe("article URLs against Debian's WordPress and a Webmention page", () => {
  let wp: WordPress
  let blog: BlogServer
  let site: NotifyReceiver
  let cache: CacheServer
  let repo: TempRepo
  let runnerTemp: string
  const shas: string[] = []
  let runs = 0

  /** The stock post (Pingback) and the one whose page embeds RDF. */
  let pingbackPost: WordPressPost
  let rdfPost: WordPressPost
  let targets: string[]
  let postUrl: string

  const source = (title: string): string =>
    [
      '---',
      `title: "${title}"`,
      'trackback:',
      ...targets.map((t) => `  - ${t}`),
      '---',
      'Four pages, each told the way it asks to be.',
      ''
    ].join('\n')

  async function run(
    options: Pick<RunOptions, 'eventName' | 'payload' | 'sha'>,
    attempt = 1
  ): Promise<ActionResult> {
    if (attempt === 1) runs++
    return runActionOk({
      ...options,
      workspace: repo.dir,
      runId: String(runs),
      runAttempt: String(attempt),
      runnerTemp,
      inputs: {
        'allow-private-networks': 'true',
        // The post must be live and link to its targets before anything
        // is sent (WordPress and the Webmention page check that too).
        'wait-for-live': '60',
        'require-link': 'true'
      },
      env: cache.env()
    })
  }
  const push = (
    before: string,
    after: string,
    attempt = 1
  ): Promise<ActionResult> =>
    run({ eventName: 'push', payload: { before, after }, sha: after }, attempt)

  /** POSTs WordPress answered so far, as [URL, status]. */
  const wordpressPosts = (): Array<[string, number]> =>
    wp
      .requests()
      .filter((r) => r.method === 'POST')
      .map((r) => [new URL(r.path, wp.url).href, r.status])
  /** Stored pingbacks and trackbacks (not the install's sample comment). */
  const pings = async (): Promise<WordPressComment[]> =>
    (await wp.comments()).filter((c) => c.type !== 'comment')
  const nothingRequests = (): string[] =>
    site.requests
      .filter((r) => r.path.startsWith('/nothing/'))
      .map((r) => r.method)

  beforeAll(async () => {
    requireBundle()
    wp = await startWordPress(2, 0, ['reach-test-blog', 'trackback-rdf'])
    console.log(
      `WordPress ${wp.version} at ${wp.url}, started in ${wp.startSeconds.toFixed(1)} s`
    )
    ;[pingbackPost, rdfPost] = wp.posts as [WordPressPost, WordPressPost]
    await wp.embedRdf(rdfPost.id)
    cache = await startCacheServer()
    blog = await startBlogServer()
    site = await startNotifyReceiver()
    runnerTemp = mkdtempSync(path.join(tmpdir(), 'trackback-wpd-runner-'))
    targets = [
      pingbackPost.link,
      rdfPost.link,
      `${site.url}/webmention/wp-e2e`,
      `${site.url}/nothing/wp-e2e`
    ]
    postUrl = `${blog.url}${POST_PATH}`
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
    await site?.close()
    repo?.cleanup()
    if (runnerTemp) rmSync(runnerTemp, { recursive: true, force: true })
  })

  it('sends each article page the protocol it offers, and WordPress stores one pingback and one trackback', async () => {
    blog.setPage(POST_PATH, postPage('Four pages', targets))
    repo.write(POST_FILE, source('Four pages'))
    shas.push(repo.commit('a post about four article pages'))
    const result = await push(shas[0] as string, shas[1] as string)

    expect(
      result.results.map((r) => [r.target, r.status, r.protocol, r.endpoint])
    ).toEqual([
      [targets[0], 'sent', 'pingback', `${wp.url}/xmlrpc.php`],
      [targets[1], 'sent', 'trackback', rdfPost.trackback],
      [targets[2], 'sent', 'webmention', `${site.url}/webmention-endpoint`],
      [targets[3], 'invalid', undefined, undefined]
    ])
    for (const r of result.results) expect(r.url).toBe(postUrl)
    const nothing = result.results[3]?.message ?? ''
    expect(nothing).toContain(`${targets[3]} offers no way to be notified`)
    for (const lookedFor of [
      'TrackBack ping URL',
      'Webmention endpoint',
      'Pingback server'
    ])
      expect(nothing).toContain(lookedFor)
    expect(result.outputs.sent).toBe('3')

    // What WordPress stored: one comment per target, typed by protocol,
    // with our post's URL.
    const stored = await pings()
    expect(
      stored.map((c) => [c.post, c.type, c.url, c.ip, c.approved])
    ).toEqual(
      expect.arrayContaining([
        [pingbackPost.id, 'pingback', postUrl, '127.0.0.1', '0'],
        [rdfPost.id, 'trackback', postUrl, '127.0.0.1', '0']
      ])
    )
    expect(stored).toHaveLength(2)
    // WordPress names a pingback after the linking page's <title>, a
    // trackback after the blog_name the action sent.
    expect(stored.find((c) => c.type === 'pingback')?.author).toBe('Four pages')
    expect(stored.find((c) => c.type === 'trackback')?.author).toBe(
      'Paper Notes'
    )
    // Only the two endpoints were POSTed to. (The flood limit refuses
    // whichever comes second, HTTP 429 for TrackBack or fault 429 for
    // Pingback, and the action sends it again after waiting; one comment
    // per target above shows nothing landed twice.)
    const posts = wordpressPosts()
    expect([...new Set(posts.map(([url]) => url))].sort()).toEqual(
      [`${wp.url}/xmlrpc.php`, rdfPost.trackback].sort()
    )
    // WordPress's pingback receiver fetched our post to find the link.
    expect(
      blog.requests.filter(
        (r) =>
          r.path === POST_PATH &&
          String(r.headers['user-agent']).startsWith('WordPress/')
      ).length
    ).toBeGreaterThanOrEqual(1)

    expect(
      site.notifications.map((n) => [n.protocol, n.source, n.target])
    ).toEqual([['webmention', postUrl, targets[2]]])
    expect(nothingRequests()).toEqual(['GET'])
  })

  it('a re-run of the push and the next push send nothing; still one comment per target', async () => {
    const comments = await pings()
    const posted = wordpressPosts().length
    const siteRequests = site.requests.length

    const again = await push(shas[0] as string, shas[1] as string, 2)
    expect(again.outputs.sent).toBe('0')

    repo.write(POST_FILE, source('Four pages, revised'))
    shas.push(repo.commit('the same post, a new title'))
    blog.setPage(POST_PATH, postPage('Four pages, revised', targets))
    const next = await push(shas[1] as string, shas[2] as string)
    expect(next.outputs.sent).toBe('0')
    for (const result of [again, next]) {
      expect(result.results.filter((r) => r.status === 'sent')).toEqual([])
    }

    expect(await pings()).toEqual(comments)
    expect(wordpressPosts()).toHaveLength(posted)
    expect(
      site.requests.slice(siteRequests).filter((r) => r.method === 'POST')
    ).toEqual([])
    expect(site.notifications).toHaveLength(1)
    expect(nothingRequests()).toEqual(['GET'])
  })

  /** A pull request adding a post with the same four targets (dry run). */
  async function preview(): Promise<ActionResult> {
    repo.git('checkout', '-q', '-b', `preview-${runs}`)
    repo.write(PREVIEW_FILE, source('Preview'))
    const head = repo.commit('a post to preview')
    blog.setPage(PREVIEW_PATH, postPage('Preview', targets))
    const base = shas[shas.length - 1] as string
    try {
      const result = await run({
        eventName: 'pull_request',
        payload: { pull_request: { base: { sha: base }, head: { sha: head } } },
        sha: head
      })
      return {
        ...result,
        results: result.results.filter((r) => r.post === PREVIEW_FILE)
      }
    } finally {
      repo.git('checkout', '-q', 'main')
    }
  }

  it('a pull request previews the four pages and sends nothing', async () => {
    const comments = await pings()
    const posted = wordpressPosts().length
    const notified = site.notifications.length

    const result = await preview()
    expect(result.outputs.sent).toBe('0')
    expect(result.results.map((r) => r.target)).toEqual(targets)
    for (const r of result.results.slice(0, 3)) {
      expect(r.status).toBe('dry-run')
    }
    expect(result.summary).toContain(PREVIEW_PATH)

    expect(await pings()).toEqual(comments)
    expect(wordpressPosts()).toHaveLength(posted)
    expect(site.notifications).toHaveLength(notified)
    expect(site.requests.filter((r) => r.method === 'POST')).toHaveLength(1)
  })

  // Previews discover (send/preview.ts): "Would send" names each page's
  // protocol and endpoint, and the page offering nothing is invalid.
  it('a pull request preview names the protocol and endpoint each page would get', async () => {
    const result = await preview()
    expect(
      result.results.map((r) => [r.target, r.status, r.protocol, r.endpoint])
    ).toEqual([
      [targets[0], 'dry-run', 'pingback', `${wp.url}/xmlrpc.php`],
      [targets[1], 'dry-run', 'trackback', rdfPost.trackback],
      [targets[2], 'dry-run', 'webmention', `${site.url}/webmention-endpoint`],
      [targets[3], 'invalid', undefined, undefined]
    ])
    for (const endpoint of [
      `${wp.url}/xmlrpc.php`,
      rdfPost.trackback,
      `${site.url}/webmention-endpoint`
    ])
      expect(result.summary).toContain(endpoint)
    expect(result.outputs.sent).toBe('0')
  })
})
