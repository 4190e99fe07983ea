import { describe, expect, it } from '@jest/globals'
import {
  chooseProtocol,
  discoverEndpoints,
  linkHeaderEndpoint,
  parseLinkHeader,
  sameness,
  type PageFacts
} from '../../src/send/discover.js'

const PAGE = 'https://webmention.rocks/test/1'

function page(
  html: string,
  headers: PageFacts['headers'] = {},
  url = PAGE
): PageFacts {
  return { url, headers, html }
}

const doc = (head: string, body = ''): string =>
  `<!doctype html><html><head><title>t</title>${head}</head><body>${body}</body></html>`

describe('Webmention discovery (spec §3.1.2, webmention.rocks cases)', () => {
  const cases: Array<[string, PageFacts, string | undefined]> = [
    [
      'Link header, unquoted rel, relative URL',
      page(doc(''), { link: '</test/1/webmention?head=true>; rel=webmention' }),
      'https://webmention.rocks/test/1/webmention?head=true'
    ],
    [
      'Link header, absolute URL',
      page(doc(''), {
        link: '<https://webmention.rocks/test/2/webmention>; rel=webmention'
      }),
      'https://webmention.rocks/test/2/webmention'
    ],
    [
      '<link> with a relative URL',
      page(doc('<link rel="webmention" href="/test/3/webmention">')),
      'https://webmention.rocks/test/3/webmention'
    ],
    [
      '<link> with an absolute URL',
      page(doc('<link rel="webmention" href="https://x.example/wm">')),
      'https://x.example/wm'
    ],
    [
      '<a> with a relative URL',
      page(doc('', '<a rel="webmention" href="/test/5/webmention">e</a>')),
      'https://webmention.rocks/test/5/webmention'
    ],
    [
      'Link header with strange casing',
      page(doc(''), { link: '</test/7/webmention>; REL="WebMention"' }),
      'https://webmention.rocks/test/7/webmention'
    ],
    [
      'Link header with several rel values',
      page(doc(''), {
        link: '</test/10/webmention>; rel="webmention somethingelse"'
      }),
      'https://webmention.rocks/test/10/webmention'
    ],
    [
      '<link> with several rel values',
      page(doc('<link rel="import webmention" href="/test/9/webmention">')),
      'https://webmention.rocks/test/9/webmention'
    ],
    [
      'the header wins over <link> and <a>',
      page(
        doc(
          '<link rel="webmention" href="/link">',
          '<a rel="webmention" href="/a">a</a>'
        ),
        { link: '</header>; rel="webmention"' }
      ),
      'https://webmention.rocks/header'
    ],
    [
      'rel="not-webmention" does not count',
      page(doc(''), { link: '</wrong>; rel="not-webmention"' }),
      undefined
    ],
    [
      'an endpoint inside an HTML comment does not count',
      page(
        doc(
          '',
          '<!-- <a rel="webmention" href="/comment">x</a> --><a rel="webmention" href="/real">y</a>'
        )
      ),
      'https://webmention.rocks/real'
    ],
    [
      'escaped markup does not count',
      page(
        doc(
          '',
          '<p>&lt;a rel="webmention" href="/escaped"&gt;&lt;/a&gt;</p><code>&lt;link rel="webmention" href="/escaped2"&gt;</code><a rel="webmention" href="/real">y</a>'
        )
      ),
      'https://webmention.rocks/real'
    ],
    [
      'an empty href is the page itself',
      page(doc('<link rel="webmention" href="">'), {}, `${PAGE}?a=1#frag`),
      `${PAGE}?a=1`
    ],
    [
      '<a> before <link> in document order wins',
      page(
        '<!doctype html><html><body><a rel="webmention" href="/a-first">x</a><link rel="webmention" href="/link-second"></body></html>'
      ),
      'https://webmention.rocks/a-first'
    ],
    [
      '<link> before <a> in document order wins',
      page(
        doc(
          '<link rel="webmention" href="/link-first">',
          '<a rel="webmention" href="/a-second">x</a>'
        )
      ),
      'https://webmention.rocks/link-first'
    ],
    [
      'query string kept',
      page(doc('<link rel="webmention" href="/wm?query=yes&amp;x=2">')),
      'https://webmention.rocks/wm?query=yes&x=2'
    ],
    [
      'several Link headers (Node joins them)',
      page(doc(''), {
        link: '<https://other.example/>; rel="other", </wm>; rel="webmention"'
      }),
      'https://webmention.rocks/wm'
    ],
    [
      'a <link> without href is skipped',
      page(
        doc(
          '<link rel="webmention">',
          '<a rel="webmention" href="/test/20/webmention">x</a>'
        )
      ),
      'https://webmention.rocks/test/20/webmention'
    ],
    [
      'relative to the final URL after a redirect, path-relative',
      page(
        doc('<link rel="webmention" href="webmention">'),
        {},
        'https://webmention.rocks/test/23/page/final'
      ),
      'https://webmention.rocks/test/23/page/webmention'
    ],
    [
      'a link inside <script> or <template> does not count',
      page(
        doc(
          '<script>document.write(\'<link rel="webmention" href="/script">\')</script>',
          '<template><a rel="webmention" href="/template">x</a></template>'
        )
      ),
      undefined
    ]
  ]
  it.each(cases)('%s', async (_name, facts, expected) => {
    const endpoints = await discoverEndpoints(facts)
    expect(endpoints.webmention).toBe(expected)
  })
})

describe('TrackBack discovery', () => {
  const rdf = (about: string, identifier: string, ping: string): string =>
    `<!--\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"\n  xmlns:dc="http://purl.org/dc/elements/1.1/"\n  xmlns:trackback="http://madskills.com/public/xml/rss/module/trackback/">\n<rdf:Description rdf:about="${about}"\n  dc:identifier="${identifier}"\n  dc:title="A post"\n  trackback:ping="${ping}" />\n</rdf:RDF>\n-->`
  const url = 'https://blog.example/2024/05/01/nice-post/'

  it('reads the RDF whose dc:identifier is the page', async () => {
    const html = doc('', rdf(url, url, '/wp-trackback.php?p=1&amp;x=2'))
    const endpoints = await discoverEndpoints(page(html, {}, url))
    expect(endpoints.trackback).toBe(
      'https://blog.example/wp-trackback.php?p=1&x=2'
    )
  })

  it('tolerates http/https, www. and a #fragment', async () => {
    const html = doc(
      '',
      rdf(
        'http://www.blog.example/2024/05/01/nice-post/#more',
        'http://www.blog.example/2024/05/01/nice-post/#more',
        'https://blog.example/tb/1'
      )
    )
    const endpoints = await discoverEndpoints(page(html, {}, url))
    expect(endpoints.trackback).toBe('https://blog.example/tb/1')
  })

  it('matches rdf:about alone, or the URL as written before redirects', async () => {
    const html = doc(
      '',
      rdf('https://blog.example/?p=1', 'urn:x', 'https://blog.example/tb/2')
    )
    const facts: PageFacts = {
      ...page(html, {}, url),
      requested: 'https://blog.example/?p=1'
    }
    expect((await discoverEndpoints(facts)).trackback).toBe(
      'https://blog.example/tb/2'
    )
  })

  it('ignores RDF about another page (an index page lists many)', async () => {
    const html = doc(
      '',
      rdf(
        'https://blog.example/other/',
        'https://blog.example/other/',
        'https://blog.example/tb/other'
      ) + rdf(url, url, 'https://blog.example/tb/mine')
    )
    const endpoints = await discoverEndpoints(page(html, {}, url))
    expect(endpoints.trackback).toBe('https://blog.example/tb/mine')
  })

  it('reads a <trackback:ping rdf:resource> child', async () => {
    const html = doc(
      '',
      `<!-- <rdf:RDF><rdf:Description rdf:about="${url}"><trackback:ping rdf:resource="https://blog.example/tb/3"/></rdf:Description></rdf:RDF> -->`
    )
    expect((await discoverEndpoints(page(html, {}, url))).trackback).toBe(
      'https://blog.example/tb/3'
    )
  })

  it('falls back to <link rel="trackback">, not to <a rel="trackback">', async () => {
    const html = doc(
      '<link rel="trackback" href="/tb/4">',
      '<a rel="trackback" href="/tb/a">x</a>'
    )
    expect((await discoverEndpoints(page(html, {}, url))).trackback).toBe(
      'https://blog.example/tb/4'
    )
    const onlyA = doc('', '<a rel="trackback" href="/tb/a">x</a>')
    expect(
      (await discoverEndpoints(page(onlyA, {}, url))).trackback
    ).toBeUndefined()
  })

  it('RDF written as text (escaped) does not count', async () => {
    const html = doc(
      '',
      `<pre>&lt;rdf:Description rdf:about="${url}" trackback:ping="https://blog.example/tb/5" /&gt;</pre>`
    )
    expect(
      (await discoverEndpoints(page(html, {}, url))).trackback
    ).toBeUndefined()
  })
})

describe('Pingback discovery', () => {
  it('X-Pingback header first', async () => {
    const endpoints = await discoverEndpoints(
      page(doc('<link rel="pingback" href="https://b.example/link.php">'), {
        'x-pingback': 'https://b.example/xmlrpc.php'
      })
    )
    expect(endpoints.pingback).toBe('https://b.example/xmlrpc.php')
  })
  it('then <link rel="pingback">', async () => {
    const endpoints = await discoverEndpoints(
      page(doc('<link rel="pingback" href="https://b.example/xmlrpc.php">'))
    )
    expect(endpoints.pingback).toBe('https://b.example/xmlrpc.php')
  })
  it('not <a rel="pingback">, not a commented-out <link>', async () => {
    const endpoints = await discoverEndpoints(
      page(
        doc(
          '<!-- <link rel="pingback" href="/x"> -->',
          '<a rel="pingback" href="/y">y</a>'
        )
      )
    )
    expect(endpoints).toEqual({})
  })
  it('a WordPress page offers Pingback only', async () => {
    const endpoints = await discoverEndpoints(
      page(
        doc(
          '<link rel="pingback" href="https://wp.example/xmlrpc.php"><link rel="https://api.w.org/" href="https://wp.example/wp-json/">'
        ),
        { 'x-pingback': 'https://wp.example/xmlrpc.php' }
      )
    )
    expect(endpoints).toEqual({ pingback: 'https://wp.example/xmlrpc.php' })
  })
})

describe('chooseProtocol', () => {
  const all = {
    trackback: 'https://a/tb',
    webmention: 'https://a/wm',
    pingback: 'https://a/xmlrpc'
  }
  it('TrackBack, then Webmention, then Pingback', () => {
    expect(chooseProtocol(all)).toEqual({
      protocol: 'trackback',
      endpoint: 'https://a/tb'
    })
    expect(chooseProtocol({ ...all, trackback: undefined })?.protocol).toBe(
      'webmention'
    )
    expect(chooseProtocol({ pingback: 'https://a/x' })?.protocol).toBe(
      'pingback'
    )
  })
  it('only the allowed protocols', () => {
    expect(chooseProtocol(all, ['pingback'])?.protocol).toBe('pingback')
    expect(chooseProtocol({ trackback: 'https://a/tb' }, ['webmention'])).toBe(
      undefined
    )
    expect(chooseProtocol({})).toBeUndefined()
  })
})

describe('Link header parsing', () => {
  it('reads quoted values with commas and semicolons', () => {
    expect(
      parseLinkHeader(
        '<https://a/x;y>; title="a, b; c"; rel="webmention", <https://b/>; rel=next'
      )
    ).toEqual([
      {
        target: 'https://a/x;y',
        params: { title: 'a, b; c', rel: 'webmention' }
      },
      { target: 'https://b/', params: { rel: 'next' } }
    ])
  })
  it('only the first rel parameter counts', () => {
    expect(
      linkHeaderEndpoint('</a>; rel=next; rel=webmention', 'webmention', PAGE)
    ).toBeUndefined()
  })
  it('ignores non-http(s) endpoints', () => {
    expect(
      linkHeaderEndpoint(
        '<javascript:alert(1)>; rel=webmention, </ok>; rel=webmention',
        'webmention',
        PAGE
      )
    ).toBe('https://webmention.rocks/ok')
  })
  it('sameness ignores scheme, www. and fragment', () => {
    expect(sameness('http://WWW.a.example/p/#x')).toBe(
      sameness('https://a.example/p/')
    )
    expect(sameness('https://a.example/p/')).not.toBe(
      sameness('https://a.example/q/')
    )
  })
})
