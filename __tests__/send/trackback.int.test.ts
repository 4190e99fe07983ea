import {
  afterAll,
  beforeAll,
  beforeEach,
  describe,
  expect,
  it
} from '@jest/globals'
import { startReceiver, type Receiver } from '../../scripts/peers/receiver.mjs'
import { createAgents, destroyAgents } from '../../src/net/http-client.js'
import {
  isSamePing,
  postPing,
  type ClientOptions
} from '../../src/send/trackback.js'
import type { PingRequest } from '../../src/types.js'

const options: ClientOptions = {
  timeoutMs: 2000,
  userAgent: 'trackback-action-test/1.0 (+https://example.org)',
  allowPrivateNetworks: true
}

function ping(
  url: string,
  postUrl = 'https://blog.example/post/'
): PingRequest {
  return {
    id: 'p1',
    ping: url,
    fields: {
      url: postUrl,
      title: 'A post & more',
      excerpt: 'Über café — 日本語',
      blog_name: 'Example blog'
    }
  }
}

let receiver: Receiver

beforeAll(async () => {
  receiver = await startReceiver({
    floodSeconds: 0,
    wordpress: { closed: [9] }
  })
})
afterAll(async () => {
  await receiver.close()
})
beforeEach(() => {
  receiver.reset()
})

describe('postPing request', () => {
  it('POSTs the form with charset field, headers and the exact ping URL', async () => {
    const target = `${receiver.url}/wp-trackback.php?p=1`
    const attempt = await postPing(ping(target), options)
    expect(attempt).toMatchObject({
      kind: 'sent',
      httpStatus: 200,
      requestSent: true,
      requests: 1
    })
    const got = receiver.pings[0]!
    expect(got.method).toBe('POST')
    expect(got.path).toBe('/wp-trackback.php?p=1')
    expect(got.fields).toEqual({
      title: 'A post & more',
      url: 'https://blog.example/post/',
      excerpt: 'Über café — 日本語',
      blog_name: 'Example blog',
      charset: 'UTF-8'
    })
    expect(got.headers['content-type']).toBe(
      'application/x-www-form-urlencoded; charset=utf-8'
    )
    expect(got.headers['user-agent']).toBe(options.userAgent)
    expect(got.headers.accept).toBe(
      'text/xml, application/xml;q=0.9, */*;q=0.1'
    )
  })

  it('keeps an odd query string as is', async () => {
    const target = `${receiver.url}/wp-trackback.php?p=2&x=a%2Fb&&y`
    await postPing(ping(target), options)
    expect(receiver.pings[0]!.path).toBe('/wp-trackback.php?p=2&x=a%2Fb&&y')
  })
})

describe('postPing against WordPress, arXiv and Movable Type behaviour', () => {
  it('reports a repeated WordPress ping as already-sent', async () => {
    const target = `${receiver.url}/wp-trackback.php?p=3`
    expect((await postPing(ping(target), options)).kind).toBe('sent')
    const again = await postPing(ping(target), options)
    expect(again.kind).toBe('already-sent')
    expect(again.message).toBe(
      'There is already a ping from that URL for this post.'
    )
  })

  it('reports closed trackbacks and unknown posts as rejected', async () => {
    const closed = await postPing(
      ping(`${receiver.url}/wp-trackback.php?p=9`),
      options
    )
    expect(closed).toMatchObject({ kind: 'rejected', httpStatus: 200 })
    const missing = await postPing(
      ping(`${receiver.url}/wp-trackback.php?p=abc`),
      options
    )
    expect(missing).toMatchObject({
      kind: 'rejected',
      httpStatus: 404,
      message: 'I really need an ID for this to work.'
    })
  })

  it('fails on an empty 200 answer (WordPress ignoring a ping without title)', async () => {
    const request = ping(`${receiver.url}/wp-trackback.php?p=4`)
    request.fields.title = ''
    const attempt = await postPing(request, options)
    expect(attempt.kind).toBe('failed')
    expect(attempt.message).toMatch(/empty body/)
  })

  it('accepts arXiv pings and their silent duplicates', async () => {
    const target = `${receiver.url}/trackback/hep-th/9901001`
    expect((await postPing(ping(target), options)).kind).toBe('sent')
    expect((await postPing(ping(target), options)).kind).toBe('sent')
    expect(receiver.accepted()).toHaveLength(1)
  })

  it('treats Movable Type 403 Throttled as retry', async () => {
    const mt = await startReceiver({ mt: { throttled: true } })
    try {
      const attempt = await postPing(ping(`${mt.url}/mt/7`), options)
      expect(attempt).toMatchObject({ kind: 'retry', httpStatus: 403 })
      expect(attempt.retryAfterMs).toBeGreaterThanOrEqual(15000)
      expect(attempt.ambiguous).toBeUndefined()
    } finally {
      await mt.close()
    }
  })

  it('treats the WordPress flood answer as retry of at least 15 s', async () => {
    const wp = await startReceiver({ floodSeconds: 60 })
    try {
      const first = await postPing(
        ping(`${wp.url}/wp-trackback.php?p=1`),
        options
      )
      expect(first.kind).toBe('sent')
      const second = await postPing(
        ping(`${wp.url}/wp-trackback.php?p=2`),
        options
      )
      expect(second).toMatchObject({ kind: 'retry', httpStatus: 429 })
      expect(second.retryAfterMs).toBeGreaterThanOrEqual(15000)
      expect(second.message).toMatch(/too quickly/)
    } finally {
      await wp.close()
    }
  })
})

describe('postPing faults', () => {
  it('passes Retry-After on 503', async () => {
    const url = receiver.setFault('busy', { status: 503, retryAfter: 7 })
    const attempt = await postPing(ping(url), options)
    expect(attempt).toMatchObject({
      kind: 'retry',
      httpStatus: 503,
      retryAfterMs: 7000
    })
    expect(attempt.ambiguous).toBeUndefined()
  })

  it('marks a 500 as ambiguous', async () => {
    const url = receiver.setFault('crash', { status: 500, body: 'oops' })
    const attempt = await postPing(ping(url), options)
    expect(attempt).toMatchObject({
      kind: 'retry',
      httpStatus: 500,
      ambiguous: true
    })
  })

  it('times out a hanging receiver; the ping may have arrived', async () => {
    const url = receiver.setFault('hang', { hang: true })
    const attempt = await postPing(ping(url), { ...options, timeoutMs: 300 })
    expect(attempt.kind).toBe('retry')
    expect(attempt.message).toMatch(/timed out after 0\.3 s/)
    expect(attempt.requestSent).toBe(true)
    expect(attempt.ambiguous).toBe(true)
  })

  it('times out a slow trickle that started answering', async () => {
    const url = receiver.setFault('trickle', { trickle: 100 })
    const attempt = await postPing(ping(url), { ...options, timeoutMs: 500 })
    expect(attempt).toMatchObject({
      kind: 'retry',
      httpStatus: 200,
      ambiguous: true
    })
    expect(attempt.message).toMatch(/timed out .* while reading the answer/)
  })

  it('stops reading a huge body at maxBodyBytes', async () => {
    const url = receiver.setFault('huge', { hugeBytes: 10 * 1024 * 1024 })
    const attempt = await postPing(ping(url), {
      ...options,
      maxBodyBytes: 1024
    })
    expect(attempt.kind).toBe('failed')
    expect(attempt.message).toMatch(/cut at 1024 bytes/)
  })

  it('reports a reset connection as an ambiguous retry', async () => {
    const url = receiver.setFault('reset', { reset: true })
    const attempt = await postPing(ping(url), options)
    expect(attempt.kind).toBe('retry')
    expect(attempt.message).toMatch(/connection reset|closed/)
    expect(attempt.ambiguous).toBe(true)
  })

  it('reports connection refused as a safe retry', async () => {
    const gone = await startReceiver()
    const url = `${gone.url}/trackback/2101.00001`
    await gone.close()
    const attempt = await postPing(ping(url), options)
    expect(attempt).toMatchObject({
      kind: 'retry',
      message: 'connection refused',
      requestSent: false
    })
    expect(attempt.ambiguous).toBeUndefined()
  })

  it('never throws: a request Node refuses to make is a retry that never left', async () => {
    const attempt = await postPing(ping(`${receiver.url}/trackback/2101.1`), {
      ...options,
      userAgent: 'bad\nagent'
    })
    expect(attempt).toMatchObject({
      kind: 'retry',
      requestSent: false,
      requests: 1
    })
    expect(attempt.message).toMatch(/^network error: .*User-Agent/)
    expect(attempt.ambiguous).toBeUndefined()
    expect(receiver.stats.requests).toBe(0)
  })

  it('fails on HTML pages and non-TrackBack XML even with 200', async () => {
    const html = receiver.setFault('html', {
      contentType: 'text/html',
      body: '<!DOCTYPE html><html><head><title>My Blog</title></head><body>hi</body></html>'
    })
    const page = await postPing(ping(html), options)
    expect(page.kind).toBe('failed')
    expect(page.message).toMatch(/HTML page titled 'My Blog'/)
  })
})

describe('postPing redirects', () => {
  it('re-POSTs on 307 and 308', async () => {
    const final = `${receiver.url}/trackback/2101.00002`
    const mid = receiver.setFault('r308', { status: 308, redirect: final })
    const first = receiver.setFault('r307', { status: 307, redirect: mid })
    const attempt = await postPing(ping(first), options)
    expect(attempt).toMatchObject({ kind: 'sent', requests: 3 })
    expect(receiver.pings.map((p) => p.method)).toEqual([
      'POST',
      'POST',
      'POST'
    ])
    expect(receiver.pings[2]!.fields.title).toBe('A post & more')
  })

  it('follows 301 to the same ping with a trailing slash only', async () => {
    const url = receiver.setFault('moved', {
      status: 301,
      redirect: '/fault/moved/'
    })
    receiver.setFault('moved/', {
      body: '<response><error>0</error></response>'
    })
    const attempt = await postPing(ping(url), options)
    expect(attempt.kind).toBe('sent')
  })

  it('does not follow 302 elsewhere, naming the Location', async () => {
    const url = receiver.setFault('elsewhere', {
      status: 302,
      redirect: '/some/post/page'
    })
    const attempt = await postPing(ping(url), options)
    expect(attempt.kind).toBe('failed')
    expect(attempt.message).toContain(`${receiver.url}/some/post/page`)
    expect(receiver.pings).toHaveLength(1)
  })

  it('does not follow 303', async () => {
    const url = receiver.setFault('see-other', { status: 303, redirect: '/x' })
    const attempt = await postPing(ping(url), options)
    expect(attempt).toMatchObject({ kind: 'failed', httpStatus: 303 })
  })

  it('detects loops and limits hops', async () => {
    const a = `${receiver.url}/fault/loop-a`
    const b = receiver.setFault('loop-b', { status: 307, redirect: a })
    receiver.setFault('loop-a', { status: 307, redirect: b })
    const loop = await postPing(ping(a), options)
    expect(loop.kind).toBe('failed')
    expect(loop.message).toMatch(/redirect loop/)

    for (let i = 0; i < 5; i++) {
      receiver.setFault(`hop${i}`, {
        status: 307,
        redirect: `/fault/hop${i + 1}`
      })
    }
    const far = await postPing(ping(`${receiver.url}/fault/hop0`), options)
    expect(far.kind).toBe('failed')
    expect(far.message).toMatch(/too many redirects/)
    expect(far.requests).toBe(4)
  })

  it('checks every hop: a redirect to a refused scheme is not followed', async () => {
    const bad = receiver.setFault('to-file', {
      status: 307,
      redirect: 'file:///etc/passwd'
    })
    const attempt = await postPing(ping(bad), options)
    expect(attempt).toMatchObject({ kind: 'failed', requests: 1 })
    expect(attempt.message).toMatch(
      /redirect to file:\/\/\/etc\/passwd refused/
    )
  })

  it('checks every hop at connect time: a redirect to a name on loopback is refused', async () => {
    // The first hop is an IP literal (allowed here), the second a name the
    // guarded agents resolve to loopback and refuse.
    const agents = createAgents(false)
    try {
      const url = receiver.setFault('to-localhost', {
        status: 307,
        redirect: `http://localhost:${receiver.port}/trackback/2101.00001`
      })
      const attempt = await postPing(ping(url), { ...options, agents })
      expect(attempt).toMatchObject({ kind: 'failed', requests: 1 })
      expect(attempt.message).toMatch(/localhost resolves to .*refused/)
      expect(receiver.pings.map((p) => p.path)).toEqual(['/fault/to-localhost'])
    } finally {
      destroyAgents(agents)
    }
  })
})

describe('postPing address policy', () => {
  it('refuses a loopback ping without any request reaching the receiver', async () => {
    const attempt = await postPing(
      ping(`${receiver.url}/wp-trackback.php?p=1`),
      {
        ...options,
        allowPrivateNetworks: false
      }
    )
    expect(attempt).toMatchObject({
      kind: 'failed',
      requestSent: false,
      requests: 0
    })
    expect(attempt.message).toMatch(/refused/)
    expect(receiver.stats.requests).toBe(0)
  })

  it('refuses at connect time when a name resolves to loopback', async () => {
    // The URL check is told private networks are fine, but the agents are
    // not: this is the DNS-rebinding case, a public-looking name that
    // resolves to a private address when the socket connects.
    const agents = createAgents(false)
    try {
      const attempt = await postPing(
        ping(`http://localhost:${receiver.port}/trackback/2101.00001`),
        { ...options, agents }
      )
      expect(attempt).toMatchObject({
        kind: 'failed',
        requestSent: false,
        requests: 0
      })
      expect(attempt.message).toMatch(/localhost resolves to .*refused/)
      expect(receiver.stats.requests).toBe(0)
    } finally {
      destroyAgents(agents)
    }
  })
})

describe('isSamePing', () => {
  it.each([
    ['http://a.org/tb/1', 'https://a.org/tb/1', true],
    ['http://a.org/tb/1', 'http://www.a.org/tb/1', true],
    ['https://www.a.org/tb/1', 'https://a.org/tb/1/', true],
    ['https://a.org/tb/1?x=1', 'https://a.org/tb/1?x=1', true],
    ['https://a.org/tb/1', 'http://a.org/tb/1', false],
    ['https://a.org/tb/1', 'https://b.org/tb/1', false],
    ['https://a.org/tb/1', 'https://a.org/tb/2', false],
    ['https://a.org/tb/1?x=1', 'https://a.org/tb/1?x=2', false],
    ['https://a.org/tb/1', 'https://a.org:8080/tb/1', false],
    ['https://a.org/tb/1', 'https://evil.a.org/tb/1', false]
  ])('%s → %s: %s', (from, to, same) => {
    expect(isSamePing(from, to)).toBe(same)
  })
})
