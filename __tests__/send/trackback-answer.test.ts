import { beforeAll, describe, expect, it } from '@jest/globals'
import {
  interpretResponse,
  loadResponseParser,
  plain,
  type Interpretation
} from '../../src/send/trackback-answer.js'

const decl = '<?xml version="1.0" encoding="utf-8"?>\n'
const tb = (error: string, message?: string): string =>
  `${decl}<response>\n<error>${error}</error>\n${message === undefined ? '' : `<message>${message}</message>\n`}</response>\n`
const wpDie = (status: number, message: string): string =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<error>\n  <code>wp_die</code>\n  <title><![CDATA[WordPress &rsaquo; Error]]></title>\n  <message><![CDATA[${message}]]></message>\n  <data>\n    <status>${status}</status>\n  </data>\n</error>\n`

type Row = [string, number, string, Partial<Interpretation>]

const rows: Row[] = [
  // Success: only an explicit error 0.
  ['TrackBack success', 200, tb('0'), { kind: 'sent' }],
  ['success, whitespace around 0', 200, tb('  0 \n'), { kind: 'sent' }],
  [
    'success, no declaration',
    200,
    '<response><error>0</error></response>',
    { kind: 'sent' }
  ],
  [
    'success, CDATA 0',
    200,
    '<response><error><![CDATA[0]]></error></response>',
    { kind: 'sent' }
  ],
  [
    'success with BOM and leading blank lines',
    200,
    `\uFEFF\n\n${tb('0')}`,
    { kind: 'sent' }
  ],
  [
    'success after PHP notice',
    200,
    `<b>Notice</b>: Undefined index in x.php<br />\n${tb('0')}`,
    { kind: 'sent' }
  ],
  [
    'success with a message',
    200,
    tb('0', 'Thanks!'),
    { kind: 'sent', message: 'Thanks!' }
  ],
  [
    'success under text/html status 200 from Serendipity',
    200,
    '<?xml version="1.0" encoding="iso-8859-1"?>\n<response>\n<error>0</error>\n</response>',
    { kind: 'sent' }
  ],
  ['error 0 with a 500 still counts', 500, tb('0'), { kind: 'sent' }],
  ['success, Movable Type duplicate', 200, tb('0'), { kind: 'sent' }],
  // WordPress
  [
    'WP already pinged',
    200,
    tb('1', 'There is already a ping from that URL for this post.'),
    {
      kind: 'already-sent',
      message: 'There is already a ping from that URL for this post.'
    }
  ],
  [
    'WP closed',
    200,
    tb('1', 'Sorry, trackbacks are closed for this item.'),
    { kind: 'rejected', message: 'Sorry, trackbacks are closed for this item.' }
  ],
  [
    'WP unknown id 404',
    404,
    tb('1', 'I really need an ID for this to work.'),
    { kind: 'rejected', message: 'I really need an ID for this to work.' }
  ],
  [
    'WP flood 429 wp_die',
    429,
    wpDie(429, 'You are posting comments too quickly. Slow down.'),
    {
      kind: 'retry',
      retryAfterMs: 15000,
      message:
        'throttled by the receiver (HTTP 429): You are posting comments too quickly. Slow down.'
    }
  ],
  [
    'WP missing title: empty 200',
    200,
    '',
    {
      kind: 'failed',
      message: 'HTTP 200 without a TrackBack answer; empty body'
    }
  ],
  ['WP GET/empty POST 302 empty', 302, '', { kind: 'failed' }],
  [
    'WP unknown charset 500 wp_die',
    500,
    wpDie(500, 'There has been a critical error on this website.'),
    {
      kind: 'retry',
      ambiguous: true,
      message: 'HTTP 500: There has been a critical error on this website.'
    }
  ],
  [
    'WP pretty-permalink 404 theme page',
    404,
    '<!DOCTYPE html><html lang="en"><head><title>Page not found – Blog</title></head><body>…</body></html>',
    {
      kind: 'failed',
      message:
        "HTTP 404 without a TrackBack answer; an HTML page titled 'Page not found – Blog'"
    }
  ],
  [
    'WP duplicate comment 409 wp_die',
    409,
    wpDie(
      409,
      'Duplicate comment detected; it looks as though you&#8217;ve already said that!'
    ),
    {
      kind: 'rejected',
      message:
        'HTTP 409 duplicate refused by WordPress: Duplicate comment detected; it looks as though you’ve already said that!'
    }
  ],
  [
    'wp_die with 200 (no response element)',
    200,
    wpDie(200, 'Something'),
    {
      kind: 'failed',
      message: 'HTTP 200 with a WordPress error page: Something'
    }
  ],
  // Movable Type
  [
    'MT 403 Throttled (reason phrase)',
    403,
    tb('1', 'You are pinging trackbacks too quickly. Please try again later.'),
    { kind: 'retry', retryAfterMs: 15000 }
  ],
  [
    'MT 403 Throttled, body only says Throttled',
    403,
    tb('1', 'Throttled'),
    { kind: 'retry' }
  ],
  ['MT moderated ping is error 0', 200, tb('0'), { kind: 'sent' }],
  [
    'MT 403 other reason',
    403,
    tb('1', 'Pings are not allowed'),
    { kind: 'rejected' }
  ],
  // b2evolution / Serendipity
  [
    'b2evolution early HTML error',
    200,
    '<p>Invalid trackback ID</p>',
    { kind: 'failed' }
  ],
  [
    'b2evolution message with raw markup',
    200,
    tb(
      '1',
      'Trackbacks are <strong>disabled</strong> on <a href="http://x">this blog</a> & that\'s it'
    ),
    {
      kind: 'rejected',
      message: "Trackbacks are disabled on this blog & that's it"
    }
  ],
  [
    'Serendipity generic error',
    200,
    '<?xml version="1.0" encoding="iso-8859-1"?>\n<response>\n<error>1</error>\n<message>Danger Will Robinson, trackback failed.</message>\n</response>',
    { kind: 'rejected', message: 'Danger Will Robinson, trackback failed.' }
  ],
  // Transient statuses
  [
    '503 with error 1',
    503,
    tb('1', 'Maintenance'),
    { kind: 'retry', message: 'HTTP 503: Maintenance' }
  ],
  [
    '503 HTML',
    503,
    '<html><head><title>Service Unavailable</title></head></html>',
    {
      kind: 'retry',
      message: "HTTP 503; an HTML page titled 'Service Unavailable'"
    }
  ],
  ['429 plain', 429, 'slow down', { kind: 'retry' }],
  ['502 gateway is ambiguous', 502, '', { kind: 'retry', ambiguous: true }],
  [
    '504 gateway timeout is ambiguous',
    504,
    '',
    { kind: 'retry', ambiguous: true }
  ],
  // Not a TrackBack answer
  [
    'plain text',
    200,
    'OK',
    {
      kind: 'failed',
      message: "HTTP 200 without a TrackBack answer; text starting 'OK'"
    }
  ],
  ['JSON', 200, '{"ok":true}', { kind: 'failed' }],
  ['malformed XML', 200, '<response><error>0</error', { kind: 'failed' }],
  [
    'mismatched closing tag around error 0',
    200,
    '<response><error>0</eror></response>',
    {
      kind: 'failed',
      message: 'HTTP 200 without a TrackBack answer; malformed XML'
    }
  ],
  [
    'unescaped & outside <message>',
    200,
    '<response><error>0 & 1</error></response>',
    {
      kind: 'failed',
      message: 'HTTP 200 without a TrackBack answer; malformed XML'
    }
  ],
  [
    'unescaped markup and & inside <message> are fine',
    200,
    '<response><error>1</error><message>No <i>spam</i> & no <a href="?a=1&b">ads</a></message></response>',
    { kind: 'rejected', message: 'No spam & no ads' }
  ],
  [
    'cut-off response',
    200,
    '<response><error>0</error>',
    {
      kind: 'failed',
      message:
        'HTTP 200 without a TrackBack answer; a <response> that is cut off'
    }
  ],
  [
    'other root',
    200,
    '<result><error>0</error></result>',
    {
      kind: 'failed',
      message:
        'HTTP 200 without a TrackBack answer; XML with root <result> instead of <response>'
    }
  ],
  [
    'missing error',
    200,
    '<response><message>hi</message></response>',
    {
      kind: 'failed',
      message: 'HTTP 200 with a <response> that has no <error>'
    }
  ],
  [
    'empty error',
    200,
    '<response><error></error></response>',
    { kind: 'failed' }
  ],
  [
    'error is a word',
    200,
    tb('no'),
    { kind: 'failed', message: "HTTP 200 with <error> 'no', neither 0 nor 1" }
  ],
  ['error 00 is not 0', 200, tb('00'), { kind: 'failed' }],
  [
    'two errors',
    200,
    '<response><error>0</error><error>1</error></response>',
    { kind: 'failed' }
  ],
  ['two responses', 200, `${tb('0')}${tb('1')}`, { kind: 'failed' }],
  [
    '"no error 1" is not success',
    200,
    '<response></response>',
    { kind: 'failed' }
  ],
  [
    'error 1 without message',
    200,
    tb('1'),
    { kind: 'rejected', message: 'error 1' }
  ],
  ['error 2', 200, tb('2', 'Spam'), { kind: 'rejected', message: 'Spam' }],
  // Hostile input
  [
    'billion laughs',
    200,
    `${decl}<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">]><response><error>&lol2;</error></response>`,
    {
      kind: 'failed',
      message:
        'HTTP 200 without a TrackBack answer; an XML document with a DTD (ignored)'
    }
  ],
  [
    'entity as error value',
    200,
    '<response><error>&#48;</error></response>',
    { kind: 'failed' }
  ],
  [
    'external entity',
    200,
    `${decl}<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><response><error>0</error><message>&x;</message></response>`,
    { kind: 'failed' }
  ]
]

describe('interpretResponse', () => {
  beforeAll(loadResponseParser)

  it.each(rows)('%s', (_name, status, body, expected) => {
    const meta = _name.includes('reason phrase')
      ? { statusText: 'Throttled' }
      : {}
    expect(interpretResponse(status, body, meta)).toMatchObject(expected)
  })

  it('never marks "sent" unless the error is 0', () => {
    for (const [, status, body, expected] of rows) {
      const result = interpretResponse(status, body)
      if (result.kind === 'sent') expect(expected.kind).toBe('sent')
    }
  })

  it('treats 403 with Throttled reason phrase and no body as retry', () => {
    expect(interpretResponse(403, '', { statusText: 'Throttled' }).kind).toBe(
      'retry'
    )
    expect(interpretResponse(403, '').kind).toBe('failed')
  })

  it('cleans the receiver message: markup, entities, whitespace, length', () => {
    const body = tb(
      '1',
      `Bad &amp; worse &lt;b&gt; <script>alert(1)</script>\n\n  x${' y'.repeat(300)}`
    )
    const { message } = interpretResponse(200, body)
    expect(message.startsWith('Bad & worse <b> alert(1) x y y')).toBe(true)
    expect(message.length).toBeLessThanOrEqual(200)
    expect(message.endsWith('…')).toBe(true)
    expect(message).not.toMatch(/\s{2}|\n/)
  })

  it('does not dump raw markup of an unknown answer', () => {
    const body = `<html><body>${'<div>'.repeat(500)}secret</body></html>`
    const { message } = interpretResponse(200, body)
    expect(message).not.toContain('<div>')
    expect(message.length).toBeLessThan(200)
  })

  it('caps huge input', () => {
    const body = `<response><error>1</error><message>${'a'.repeat(200_000)}</message></response>`
    expect(interpretResponse(200, body).kind).toBe('failed')
  })

  it('takes Retry-After in seconds or as an HTTP-date', () => {
    const now = new Date('2026-11-01T12:00:00Z')
    expect(
      interpretResponse(503, '', { retryAfter: '120' }, now).retryAfterMs
    ).toBe(120000)
    expect(
      interpretResponse(
        429,
        '',
        { retryAfter: 'Sun, 01 Nov 2026 12:00:30 GMT' },
        now
      ).retryAfterMs
    ).toBe(30000)
    expect(
      interpretResponse(503, '', { retryAfter: 'soon' }, now).retryAfterMs
    ).toBeUndefined()
    expect(interpretResponse(503, '', {}, now).retryAfterMs).toBeUndefined()
    // WordPress flood: at least 15 s, more when the header asks for more.
    const flood = wpDie(429, 'You are posting comments too quickly. Slow down.')
    expect(
      interpretResponse(429, flood, { retryAfter: '60' }, now).retryAfterMs
    ).toBe(60000)
    expect(
      interpretResponse(429, flood, { retryAfter: '3' }, now).retryAfterMs
    ).toBe(15000)
  })
})

describe('interpretResponse on answers close to the plain success', () => {
  beforeAll(loadResponseParser)

  // The plain success answer is recognised without the parser; these pin
  // that it is recognised in its usual forms and that near misses still
  // get the parser's verdict.
  it.each([
    ['<?xml version="1.0"?><response><error>0</error></response>', 'sent'],
    [
      "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\r\n<response>\r\n\t<error> 0 </error>\r\n</response>",
      'sent'
    ],
    [
      '<?xml version="1.0" encoding="utf-8" ?><response><error>0</error></response>',
      'sent'
    ],
    ['<response>\u00a0<error>0</error></response>', 'sent'],
    ['<response><error>0</error></response >', 'sent'],
    ['<response><error>0</error>\n</response>\n<!-- cached -->', 'sent'],
    [
      '<response><error>0</error></response><response><error>1</error></response>',
      'HTTP 200 without a TrackBack answer; several <response> elements'
    ],
    [
      '<response><error>0</error></response>trailing',
      'HTTP 200 without a TrackBack answer; malformed XML'
    ],
    [
      '<?xml version="1.0"?>\n<?xml version="1.0"?>\n<response><error>0</error></response>',
      'HTTP 200 without a TrackBack answer; malformed XML'
    ],
    [
      '<response><error>00</error></response>',
      "HTTP 200 with <error> '00', neither 0 nor 1"
    ],
    [
      '<response><error>0</error><error>0</error></response>',
      'HTTP 200 without a TrackBack answer; a <response> with several <error>s'
    ],
    [
      '<RESPONSE><error>0</error></RESPONSE>',
      'HTTP 200 without a TrackBack answer; XML with root <RESPONSE> instead of <response>'
    ]
  ])('%j', (body, expected) => {
    const verdict = interpretResponse(200, body)
    if (expected === 'sent') {
      expect(verdict).toEqual({ kind: 'sent', message: 'accepted' })
    } else {
      expect(verdict).toEqual({ kind: 'failed', message: expected })
    }
  })
})

describe('plain', () => {
  it.each([
    ['a &amp; b', 'a & b'],
    ['&lt;tag&gt; &quot;q&quot; &apos;s&apos;', '<tag> "q" \'s\''],
    ['&#039;&#x41;&#65;', "'AA"],
    ['&#0; &#xD800; &#1114112;', '&#0; &#xD800; &#1114112;'],
    ['&rsaquo; stays', '&rsaquo; stays'],
    ['<![CDATA[in <b>cdata</b>]]>', 'in cdata'],
    ['a<br/>b', 'a b'],
    ['<!-- hidden -->shown', 'shown'],
    ['tab\tand\u0000nul', 'tab and nul'],
    ['&amp;lt;b&amp;gt;', '&lt;b&gt;']
  ])('%p → %p', (raw, expected) => {
    expect(plain(raw)).toBe(expected)
  })

  it('caps with an ellipsis', () => {
    expect(plain('x'.repeat(50), 10)).toBe(`${'x'.repeat(9)}…`)
  })
})
