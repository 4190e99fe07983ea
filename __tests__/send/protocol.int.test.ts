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
import { sendNotification } from '../../src/send/protocol.js'
import type { ClientOptions } from '../../src/send/trackback.js'
import type { PingRequest, Protocol } from '../../src/types.js'

const options: ClientOptions = {
  timeoutMs: 3000,
  userAgent: 'trackback-action-test/1.0 (+https://example.org)',
  allowPrivateNetworks: true
}

let blog: BlogServer
let site: NotifyReceiver

beforeAll(async () => {
  blog = await startBlogServer()
  site = await startNotifyReceiver()
})
afterAll(async () => {
  await site.close()
  await blog.close()
})
beforeEach(() => site.reset())

function request(
  protocol: Protocol,
  endpoint: string,
  target: string,
  source: string
): PingRequest {
  return {
    id: 'r1',
    ping: endpoint,
    target,
    protocol,
    fields: { url: source, title: 'A post', excerpt: 'Text', blog_name: 'Blog' }
  }
}

describe('Webmention exchange', () => {
  it('is accepted (201 with a status page) when the post links to the target', async () => {
    const target = `${site.url}/webmention/a`
    blog.setPage('/wm-a/', postPage('Links to a', [target]))
    const attempt = await sendNotification(
      request(
        'webmention',
        `${site.url}/webmention-endpoint`,
        target,
        `${blog.url}/wm-a/`
      ),
      options
    )
    expect(attempt).toMatchObject({
      kind: 'sent',
      httpStatus: 201,
      requests: 1,
      message: `accepted by the receiver (HTTP 201); status at ${site.url}/status/1`,
      // Kept in the ledger for the landed check (landed/).
      statusUrl: `${site.url}/status/1`
    })
    expect(site.notifications).toEqual([
      {
        protocol: 'webmention',
        source: `${blog.url}/wm-a/`,
        target,
        first: true
      }
    ])
    const post = site.requests.find((r) => r.method === 'POST')
    expect(post?.headers['content-type']).toBe(
      'application/x-www-form-urlencoded; charset=utf-8'
    )
  })
  it('is refused with the receiver’s reason when the post does not link', async () => {
    blog.setPage(
      '/wm-b/',
      postPage('Links elsewhere', ['https://elsewhere.example/'])
    )
    const attempt = await sendNotification(
      request(
        'webmention',
        `${site.url}/webmention-endpoint`,
        `${site.url}/webmention/b`,
        `${blog.url}/wm-b/`
      ),
      options
    )
    expect(attempt).toMatchObject({
      kind: 'rejected',
      httpStatus: 400,
      message:
        'refused by the receiver (HTTP 400): source does not link to target'
    })
    expect(site.notifications).toEqual([])
  })
  it('refuses a private endpoint without the opt-in, before any request', async () => {
    const attempt = await sendNotification(
      request(
        'webmention',
        `${site.url}/webmention-endpoint`,
        `${site.url}/webmention/c`,
        `${blog.url}/x/`
      ),
      { ...options, allowPrivateNetworks: false }
    )
    expect(attempt).toMatchObject({
      kind: 'failed',
      requests: 0,
      requestSent: false
    })
    expect(attempt.message).toMatch(/^Webmention endpoint refused: /)
    expect(site.requests).toEqual([])
  })
})

describe('Pingback exchange', () => {
  it('registers, then says already registered (fault 48)', async () => {
    const target = `${site.url}/pingback/p`
    blog.setPage('/pb-p/', postPage('Links to p', [target]))
    const req = request(
      'pingback',
      `${site.url}/xmlrpc`,
      target,
      `${blog.url}/pb-p/`
    )
    const first = await sendNotification(req, options)
    expect(first).toMatchObject({ kind: 'sent', httpStatus: 200 })
    expect(first.message).toContain('registered')
    const again = await sendNotification(req, options)
    expect(again).toMatchObject({ kind: 'already-sent' })
    expect(site.notifications).toHaveLength(1)
    const call = site.requests.find((r) => r.method === 'POST')
    expect(call?.headers['content-type']).toBe('text/xml; charset=utf-8')
  })
  it('a fault 0 is a refusal that says what to check', async () => {
    blog.setPage('/pb-q/', postPage('No link', []))
    const target = `${site.url}/pingback/q`
    const attempt = await sendNotification(
      request('pingback', `${site.url}/xmlrpc`, target, `${blog.url}/pb-q/`),
      options
    )
    expect(attempt.kind).toBe('rejected')
    expect(attempt.message).toContain(`links to ${target} exactly`)
  })
})

describe('TrackBack through the same interface', () => {
  it('a request without a protocol is a TrackBack ping', async () => {
    const {
      protocol: _p,
      target: _t,
      ...plain
    } = request('trackback', `${site.url}/trackback/t`, '', `${blog.url}/tb-t/`)
    const attempt = await sendNotification(plain, options)
    expect(attempt).toMatchObject({ kind: 'sent' })
    expect(site.notifications[0]).toMatchObject({
      protocol: 'trackback',
      title: 'A post'
    })
  })
})
