import { describe, expect, it } from '@jest/globals'
import { linkRule, linksTo, pageLinks } from '../../src/live/links.js'

const PAGE = 'https://me.github.io/blog/2026/11/20/post.html'

describe('pageLinks', () => {
  it('resolves relative links against the page, drops fragments and repeats', async () => {
    const html = `<!doctype html><p>
      <a href="../21/next.html#top">next</a>
      <a href="/about/">about</a>
      <a href="https://arxiv.org/abs/2101.00001v2#refs">paper</a>
      <a href="https://arxiv.org/abs/2101.00001v2">paper again</a>
      <area href="//example.org/map">`
    expect(await pageLinks(html, PAGE)).toEqual([
      'https://me.github.io/blog/2026/11/21/next.html',
      'https://me.github.io/about/',
      'https://arxiv.org/abs/2101.00001v2',
      'https://example.org/map'
    ])
  })

  it('uses the first <base href>', async () => {
    const html =
      '<head><base href="https://cdn.example.org/x/"><base href="/ignored/"></head><a href="y">y</a>'
    expect(await pageLinks(html, PAGE)).toEqual(['https://cdn.example.org/x/y'])
  })

  it('sees links as a browser does: not in comments, scripts, attributes or templates', async () => {
    const html = `
      <!-- <a href="https://hidden.example/comment">x</a> -->
      <script>document.write('<a href="https://hidden.example/script">')</script>
      <template><a href="https://hidden.example/template">t</a></template>
      <img alt='<a href="https://hidden.example/alt">'>
      <textarea><a href="https://hidden.example/textarea"></a></textarea>
      <a href=https://shown.example/unquoted>ok</a>
      <a HREF="HTTPS://Shown.Example/Upper">ok</a>`
    expect(await pageLinks(html, PAGE)).toEqual([
      'https://shown.example/unquoted',
      'https://shown.example/Upper'
    ])
  })

  it('keeps only http(s) links and survives broken markup', async () => {
    const html =
      '<a href="mailto:me@x.org">m</a><a href="javascript:alert(1)">j</a><a href="http://[bad">b</a><div><a href="https://ok.example/"><p>unclosed'
    expect(await pageLinks(html, PAGE)).toEqual(['https://ok.example/'])
    expect(await pageLinks('', PAGE)).toEqual([])
    expect(await pageLinks('\u0000<<<>>>&&&', PAGE)).toEqual([])
  })
})

describe('linkRule for arXiv pings', () => {
  const ping = 'https://arxiv.org/trackback/2101.00001'

  it.each([
    'https://arxiv.org/abs/2101.00001',
    'https://arxiv.org/abs/2101.00001v3',
    'http://arxiv.org/abs/2101.00001',
    'https://www.arxiv.org/abs/2101.00001v1',
    'https://arxiv.org/abs/2101.00001/',
    'https://arxiv.org/abs/2101.00001?context=cs'
  ])('accepts %s', (link) => {
    expect(linkRule(ping).matches(link)).toBe(true)
  })

  it.each([
    'https://arxiv.org/pdf/2101.00001',
    'https://arxiv.org/abs/2101.00002',
    'https://arxiv.org/abs/2101.000011',
    'https://arxiv.org/list/cs.LG/recent',
    'https://arxiv.org.evil.example/abs/2101.00001',
    'https://example.org/abs/2101.00001'
  ])('refuses %s', (link) => {
    expect(linkRule(ping).matches(link)).toBe(false)
  })

  it('accepts an old-style id, with or without the subject class', () => {
    const old = 'https://arxiv.org/trackback/math/0309136'
    expect(linkRule(old).expected).toBe('arxiv.org/abs/math/0309136')
    expect(linksTo(['https://arxiv.org/abs/math/0309136v2'], old)).toBe(true)
    expect(linksTo(['https://arxiv.org/abs/math.GT/0309136'], old)).toBe(true)
    expect(linksTo(['https://arxiv.org/abs/hep-th/0309136'], old)).toBe(false)
  })
})

describe('linkRule for other receivers', () => {
  const ping = 'https://blog.example.org/2026/11/a-post/trackback/'

  it('accepts the pinged post or any page of its site, http or https, with or without www', () => {
    expect(linkRule(ping).expected).toBe('blog.example.org')
    expect(linksTo(['https://blog.example.org/2026/11/a-post/'], ping)).toBe(
      true
    )
    expect(linksTo(['http://www.blog.example.org/'], ping)).toBe(true)
    expect(linksTo(['https://BLOG.example.org/other'], ping)).toBe(true)
  })

  it('refuses other hosts, other ports and look-alikes', () => {
    expect(
      linksTo(
        [
          'https://example.org/',
          'https://blog.example.org:8443/',
          'https://blog.example.org.evil.example/'
        ],
        ping
      )
    ).toBe(false)
    expect(linksTo([], ping)).toBe(false)
  })

  it('keeps the port of a ping URL on a non-default port', () => {
    const local = 'http://127.0.0.1:8080/wp-trackback.php?p=1'
    expect(linkRule(local).expected).toBe('127.0.0.1:8080')
    expect(linksTo(['http://127.0.0.1:8080/?p=1'], local)).toBe(true)
    expect(linksTo(['http://127.0.0.1/?p=1'], local)).toBe(false)
  })
})
