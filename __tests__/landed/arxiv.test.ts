/**
 * Reading arXiv's listings, with text shaped like the real ones: the
 * /tb/<id> page as arxiv-browse renders it (browse/templates/tb/tb.html,
 * tb/macros.html) and the Turtle export in the Open Annotation model.
 */
import { describe, expect, it } from '@jest/globals'
import {
  shortUrlMatches,
  tbCandidates,
  tbListings,
  turtleBodies,
  turtleLists
} from '../../src/landed/arxiv.js'

const POST = 'https://notes.example.org/blog/2026/11/20/attention.html'
const BASE = 'http://export.arxiv.org/data/trackbacks/trackback_0808.4142.ttl'

const TURTLE = `@prefix oa: <http://www.w3.org/ns/oa#> .
@prefix dc: <http://purl.org/dc/elements/1.1/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

<http://arxiv.org/tb/695736> a oa:Annotation ;
    oa:hasBody <http://dorigo.wordpress.com/2008/09/19/omega-b-the-new-baryon-nailed-by-d0/> ;
    oa:hasTarget <http://arxiv.org/abs/0808.4142> ;
    oa:motivatedBy oa:linking ;
    oa:annotatedAt "2008-09-20T03:55:21Z"^^xsd:dateTime .

<http://arxiv.org/tb/751396> a oa:Annotation ;
    oa:hasBody <${POST}> ;
    oa:hasTarget <http://arxiv.org/abs/0808.4142> .
<${POST}> dc:title "Attention, revisited \\"again\\"" .
`

describe('the Turtle export', () => {
  it('lists the bodies of its annotations', async () => {
    expect(await turtleBodies(TURTLE, BASE)).toEqual([
      'http://dorigo.wordpress.com/2008/09/19/omega-b-the-new-baryon-nailed-by-d0/',
      POST
    ])
    expect(await turtleLists(TURTLE, BASE, POST)).toBe(true)
    expect(
      await turtleLists(TURTLE, BASE, 'https://notes.example.org/blog/other/')
    ).toBe(false)
  })

  it('reads a body described as a resource with oa:hasSource', async () => {
    const text = `@prefix oa: <http://www.w3.org/ns/oa#> .
[] a oa:Annotation ; oa:hasBody [ oa:hasSource <${POST}> ] ;
   oa:hasTarget <http://arxiv.org/abs/0808.4142> .`
    expect(await turtleLists(text, BASE, POST)).toBe(true)
  })

  it('matches the post whatever its scheme or trailing slash', async () => {
    expect(
      await turtleLists(
        TURTLE,
        BASE,
        'https://dorigo.wordpress.com/2008/09/19/omega-b-the-new-baryon-nailed-by-d0'
      )
    ).toBe(true)
  })

  it('says nothing of text that is not Turtle', async () => {
    expect(
      await turtleBodies('<html><body>Not Found</body></html>', BASE)
    ).toBe(undefined)
    expect(await turtleLists('@prefix oa: <broken', BASE, POST)).toBe(undefined)
    expect(await turtleBodies('', BASE)).toEqual([])
  })
})

const TB_PAGE = `<!DOCTYPE html><html><head><title>Article Trackbacks</title></head><body>
<div class="large-data-list bold-divided-list trackback-styles">
<h2 class="trackback-heading">Trackbacks for <a href="/abs/2101.00001">2101.00001</a></h2>
<h3 class="trackback-title">
  <a class="mathjax" rel="external nofollow" href="/tb/redirect/751383/feedface">Nit-Picking On The Omega_b Discovery</a>
</h3>
<p class="trackback-source">
  [
    A Quantum Diaries Survivor @
    <a class="mathjax" rel="external nofollow" href="/tb/redirect/751383/feedface">www.scientificblogging.com/...</a>
  ]
    <small>trackback posted Thu, 28 May 2009 03:48:47 UTC</small>
</p>
<h3 class="trackback-title">
  <a class="mathjax" rel="external nofollow" href="/tb/redirect/1000/f005ba11">Attention, revisited</a>
</h3>
<p class="trackback-source">
  [
    Paper Notes @
    <a class="mathjax" rel="external nofollow" href="/tb/redirect/1000/f005ba11">notes.example.org/blog/2026/...</a>
  ]
</p>
</div></body></html>`

describe('the /tb/ page', () => {
  const page = 'https://arxiv.org/tb/2101.00001'

  it('names the redirects whose shortened URL could be the post', async () => {
    const listings = await tbListings(TB_PAGE, page)
    expect(listings.map((l) => l.href)).toEqual([
      'https://arxiv.org/tb/redirect/751383/feedface',
      'https://arxiv.org/tb/redirect/751383/feedface',
      'https://arxiv.org/tb/redirect/1000/f005ba11',
      'https://arxiv.org/tb/redirect/1000/f005ba11'
    ])
    expect(tbCandidates(listings, POST)).toEqual({
      listed: false,
      redirects: ['https://arxiv.org/tb/redirect/1000/f005ba11']
    })
  })

  it('names none when nothing listed could be the post', async () => {
    const empty = `<p><em>There are no trackback pings recorded for <a href="/abs/2101.00001">2101.00001</a>.</em></p>`
    expect(tbCandidates(await tbListings(empty, page), POST)).toEqual({
      listed: false,
      redirects: []
    })
  })

  it('says listed when the page links to the post itself', async () => {
    const direct = `<h3><a href="${POST}">Attention</a></h3>`
    expect(tbCandidates(await tbListings(direct, page), POST)).toEqual({
      listed: true
    })
  })

  it('compares a shortened URL with or without its scheme', () => {
    expect(shortUrlMatches('notes.example.org/blog/2026/...', POST)).toBe(true)
    expect(shortUrlMatches('https://notes.example.org/b...', POST)).toBe(true)
    expect(shortUrlMatches('notes.example.org/other/...', POST)).toBe(false)
    // Too short to say anything.
    expect(shortUrlMatches('n...', POST)).toBe(false)
  })
})
