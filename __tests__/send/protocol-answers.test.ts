import { beforeAll, describe, expect, it } from '@jest/globals'
import { interpretPingback, pingbackCall } from '../../src/send/pingback.js'
import { interpretWebmention } from '../../src/send/webmention.js'
import { loadResponseParser } from '../../src/send/trackback-answer.js'
import { FLOOD_WAIT_MS } from '../../src/constants.js'

beforeAll(async () => {
  await loadResponseParser()
})

describe('interpretWebmention', () => {
  it('any 2xx is success; 201/202 keep the Location status page', () => {
    expect(interpretWebmention(200, '')).toMatchObject({ kind: 'sent' })
    expect(
      interpretWebmention(201, '', { location: 'https://r.example/s/1' })
    ).toEqual({
      kind: 'sent',
      message:
        'accepted by the receiver (HTTP 201); status at https://r.example/s/1',
      statusUrl: 'https://r.example/s/1'
    })
    expect(interpretWebmention(202, 'queued')).toMatchObject({
      kind: 'sent',
      message: 'queued by the receiver (HTTP 202)'
    })
  })
  it('400 is a refusal with the receiver’s words (JSON or text)', () => {
    expect(
      interpretWebmention(
        400,
        '{"error":"no_link_found","error_description":"The source does not link to the target"}',
        { contentType: 'application/json' }
      )
    ).toEqual({
      kind: 'rejected',
      message:
        'refused by the receiver (HTTP 400): The source does not link to the target'
    })
    expect(interpretWebmention(400, 'Target not supported')).toMatchObject({
      kind: 'rejected',
      message: 'refused by the receiver (HTTP 400): Target not supported'
    })
    expect(
      interpretWebmention(400, '<!doctype html><p>x</p>', {
        contentType: 'text/html'
      }).message
    ).toBe('refused by the receiver (HTTP 400): an HTML page')
  })
  it('429 waits at least the flood window; 503 is retried; 500 may have stored it', () => {
    expect(interpretWebmention(429, '')).toMatchObject({
      kind: 'retry',
      retryAfterMs: FLOOD_WAIT_MS
    })
    expect(interpretWebmention(503, '', { retryAfter: '60' })).toEqual({
      kind: 'retry',
      message: 'HTTP 503',
      retryAfterMs: 60_000
    })
    expect(interpretWebmention(500, 'oops')).toMatchObject({
      kind: 'retry',
      ambiguous: true
    })
  })
  it('other 4xx are refusals; 1xx is no answer', () => {
    expect(interpretWebmention(404, '')).toMatchObject({ kind: 'rejected' })
    expect(interpretWebmention(410, '')).toMatchObject({ kind: 'rejected' })
    expect(interpretWebmention(101, '')).toMatchObject({ kind: 'failed' })
  })
})

const fault = (code: string, message: string): string =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<methodResponse>\n  <fault>\n    <value>\n      <struct>\n        <member>\n          <name>faultCode</name>\n          <value>${code}</value>\n        </member>\n        <member>\n          <name>faultString</name>\n          <value><string>${message}</string></value>\n        </member>\n      </struct>\n    </value>\n  </fault>\n</methodResponse>\n`
const ok = (message: string): string =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<methodResponse>\n  <params>\n    <param>\n      <value>\n      <string>${message}</string>\n      </value>\n    </param>\n  </params>\n</methodResponse>\n`
const context = {
  source: 'https://blog.example/post/',
  target: 'https://wp.example/2024/05/01/nice-post/'
}

describe('interpretPingback', () => {
  it('a params answer is success (WordPress’s words)', () => {
    expect(
      interpretPingback(
        200,
        ok(
          'Pingback from https://blog.example/post/ to https://wp.example/x registered. Keep the web talking! :-)'
        ),
        context
      )
    ).toMatchObject({
      kind: 'sent',
      message: expect.stringContaining('registered')
    })
    expect(
      interpretPingback(
        200,
        '<methodResponse><params><param><value>done</value></param></params></methodResponse>',
        context
      )
    ).toEqual({ kind: 'sent', message: 'done' })
  })
  it.each([
    ['<int>16</int>', 'rejected', 'could not fetch the post'],
    ['<int>17</int>', 'rejected', 'no link to the target'],
    ['<i4>32</i4>', 'rejected', 'does not know the target'],
    ['<int>33</int>', 'rejected', 'does not take pingbacks'],
    ['<int>48</int>', 'already-sent', 'already registered'],
    ['<int>49</int>', 'rejected', 'denied access'],
    ['<int>50</int>', 'retry', 'upstream'],
    ['<int>-32601</int>', 'rejected', 'fault -32601']
  ])('fault %s → %s', (code, kind, words) => {
    const verdict = interpretPingback(200, fault(code, 'x'), context)
    expect(verdict.kind).toBe(kind)
    expect(verdict.message).toContain(words)
  })
  it('WordPress’s fault 429 is throttling: wait as for TrackBack', () => {
    expect(
      interpretPingback(
        200,
        fault(
          '<int>429</int>',
          'You are posting comments too quickly. Slow down.'
        ),
        context
      )
    ).toMatchObject({ kind: 'retry', retryAfterMs: FLOOD_WAIT_MS })
  })
  it('fault 0 says what cannot be known and what to check', () => {
    const verdict = interpretPingback(200, fault('<int>0</int>', ''), context)
    expect(verdict.kind).toBe('rejected')
    expect(verdict.message).toContain('without a reason (fault 0)')
    expect(verdict.message).toContain('cannot be known')
    expect(verdict.message).toContain(
      'links to https://wp.example/2024/05/01/nice-post/ exactly'
    )
    const checked = interpretPingback(200, fault('<int>0</int>', ''), {
      ...context,
      checked: 'the post is live and links to the target exactly'
    })
    expect(checked.message).toContain(
      'Checked here: the post is live and links to the target exactly.'
    )
  })
  it('no XML-RPC answer is a failure; 5xx follows the retry rule', () => {
    expect(interpretPingback(200, '', context)).toMatchObject({
      kind: 'failed'
    })
    expect(
      interpretPingback(200, '<!DOCTYPE html><html></html>', context)
    ).toMatchObject({ kind: 'failed', message: 'HTTP 200 with an HTML page' })
    expect(
      interpretPingback(200, '<methodResponse><params>', context)
    ).toMatchObject({ kind: 'failed' })
    expect(interpretPingback(503, '', context)).toMatchObject({
      kind: 'retry'
    })
    expect(interpretPingback(502, '', context)).toMatchObject({
      kind: 'retry',
      ambiguous: true
    })
    expect(
      interpretPingback(
        200,
        '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><methodResponse/>',
        context
      ).message
    ).toContain('DTD')
  })
  it('the call escapes its URLs', () => {
    expect(pingbackCall('https://a/?x=1&y=<2>', 'https://b/')).toContain(
      '<string>https://a/?x=1&amp;y=&lt;2&gt;</string>'
    )
  })
})
