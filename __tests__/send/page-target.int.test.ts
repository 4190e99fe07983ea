import {
  afterAll,
  beforeAll,
  beforeEach,
  describe,
  expect,
  it
} from '@jest/globals'
import {
  postPage,
  startBlogServer,
  type BlogServer
} from '../../scripts/peers/blog-server.mjs'
import {
  startNotifyReceiver,
  type NotifyReceiver
} from '../../scripts/peers/notify-receiver.mjs'
import { sendPings, type SendOptions } from '../../src/send/sender.js'
import type { PingRequest } from '../../src/types.js'

const options: SendOptions = {
  timeoutMs: 3000,
  retries: 0,
  concurrency: 4,
  hostDelayMs: 0,
  allowPrivateNetworks: true,
  userAgent: 'trackback-action-test/1.0 (+https://example.org)'
}

let blog: BlogServer
let site: NotifyReceiver
const SOURCE = '/2026/12/01/post.html'

beforeAll(async () => {
  blog = await startBlogServer()
  site = await startNotifyReceiver()
})
afterAll(async () => {
  await site.close()
  await blog.close()
})
beforeEach(() => site.reset())

function page(path: string, kind: PingRequest['kind'] = 'page'): PingRequest {
  return {
    id: path,
    ping: `${site.url}${path}`,
    kind,
    fields: {
      url: `${blog.url}${SOURCE}`,
      title: 'My post',
      excerpt: 'About things.',
      blog_name: 'Blog'
    }
  }
}

const requestsTo = (path: string): string[] =>
  site.requests.filter((r) => r.path === path).map((r) => r.method)

describe('page targets: discover, then send the one protocol offered', () => {
  it('sends each page the protocol it offers, once', async () => {
    const paths = [
      '/webmention/a',
      '/wm-header/b',
      '/pingback/c',
      '/rdf/d',
      '/nothing/e'
    ]
    blog.setPage(
      SOURCE,
      postPage(
        'My post',
        paths.map((p) => `${site.url}${p}`)
      )
    )
    const outcomes = await sendPings(
      paths.map((p) => page(p)),
      options
    )
    expect(
      outcomes.map((o) => [o.id, o.status, o.protocol, o.endpoint])
    ).toEqual([
      [
        '/webmention/a',
        'sent',
        'webmention',
        `${site.url}/webmention-endpoint`
      ],
      ['/wm-header/b', 'sent', 'webmention', `${site.url}/webmention-endpoint`],
      ['/pingback/c', 'sent', 'pingback', `${site.url}/xmlrpc`],
      ['/rdf/d', 'sent', 'trackback', `${site.url}/trackback/d`],
      ['/nothing/e', 'rejected', undefined, undefined]
    ])
    expect(outcomes.map((o) => o.requests)).toEqual([2, 2, 2, 2, 1])
    expect(site.notifications.map((n) => [n.protocol, n.target])).toEqual(
      expect.arrayContaining([
        ['webmention', `${site.url}/webmention/a`],
        ['webmention', `${site.url}/wm-header/b`],
        ['pingback', `${site.url}/pingback/c`],
        ['trackback', `${site.url}/rdf/d`]
      ])
    )
    expect(site.notifications).toHaveLength(4)
    const nothing = outcomes[4]
    expect(nothing?.nothingFound).toBe(true)
    expect(nothing?.message).toContain('offers no way to be notified')
    expect(nothing?.message).toContain('Webmention')
    expect(nothing?.message).toContain('Pingback')
    expect(nothing?.message).toContain('write that URL as the target instead')
    expect(requestsTo('/nothing/e')).toEqual(['GET'])
  })

  it('keeps to the allowed protocols', async () => {
    blog.setPage(SOURCE, postPage('My post', [`${site.url}/webmention/f`]))
    const [outcome] = await sendPings([page('/webmention/f')], {
      ...options,
      protocols: ['trackback', 'pingback']
    })
    expect(outcome).toMatchObject({ status: 'rejected', nothingFound: true })
    expect(outcome?.message).toContain(
      'It offers webmention, which the protocols input leaves out'
    )
    expect(site.notifications).toEqual([])
  })

  it('a ping URL answered by an HTML page is read as a page', async () => {
    blog.setPage(SOURCE, postPage('My post', [`${site.url}/webmention/g`]))
    const [outcome] = await sendPings(
      [page('/webmention/g', 'ping-url')],
      options
    )
    expect(outcome).toMatchObject({
      status: 'sent',
      protocol: 'webmention',
      requests: 3
    })
    expect(requestsTo('/webmention/g')).toEqual(['POST', 'GET'])
    expect(site.notifications).toHaveLength(1)
  })

  it('a URL that is no HTML page gets the TrackBack POST a ping URL gets', async () => {
    const [outcome] = await sendPings([page('/missing/h')], options)
    expect(outcome).toMatchObject({ status: 'failed', requests: 2 })
    expect(outcome?.message).toContain('HTTP 404 without a TrackBack answer')
    expect(site.requests.map((r) => r.method)).toEqual(['GET', 'POST'])
  })
})
