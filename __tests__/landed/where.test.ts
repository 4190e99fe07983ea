import { describe, expect, it } from '@jest/globals'
import {
  arxivListing,
  linksToPost,
  lookAt,
  samePage
} from '../../src/landed/where.js'
import { statusText } from '../../src/landed/check.js'
import type { LedgerEntry } from '../../src/types.js'

function sent(ping: string, overrides: Partial<LedgerEntry> = {}): LedgerEntry {
  return {
    post: 'https://blog.example/2026/11/post/',
    ping,
    source: 'p.md',
    target: ping,
    status: 'sent',
    attempts: 1,
    updated: '2026-11-01T00:00:00.000Z',
    ...overrides
  }
}

describe('lookAt', () => {
  it("reads arXiv's listings of the paper", () => {
    expect(lookAt(sent('https://arxiv.org/trackback/2401.00001'))).toEqual({
      kind: 'arxiv',
      id: '2401.00001',
      turtle:
        'http://export.arxiv.org/data/trackbacks/trackback_2401.00001.ttl',
      page: 'https://arxiv.org/tb/2401.00001'
    })
    expect(
      arxivListing('https://arxiv.org/trackback/hep-th/9901001')
    ).toMatchObject({ page: 'https://arxiv.org/tb/hep-th/9901001' })
  })

  it('reads an arXiv-shaped ping URL elsewhere as a mirror at its origin', () => {
    expect(lookAt(sent('http://127.0.0.1:4000/trackback/2101.00001'))).toEqual({
      kind: 'arxiv',
      id: '2101.00001',
      turtle: 'http://127.0.0.1:4000/data/trackbacks/trackback_2101.00001.ttl',
      page: 'http://127.0.0.1:4000/tb/2101.00001'
    })
    // Not an arXiv id after /trackback/: not arXiv's shape.
    expect(arxivListing('https://blog.example/trackback/17')).toBeUndefined()
  })

  it("reads WordPress's ping URLs as their post", () => {
    expect(
      lookAt(sent('https://wp.example/2026/10/a-post/trackback/'))
    ).toEqual({ kind: 'page', url: 'https://wp.example/2026/10/a-post/' })
    expect(
      lookAt(sent('https://wp.example/blog/wp-trackback.php?p=17'))
    ).toEqual({ kind: 'page', url: 'https://wp.example/blog/?p=17' })
  })

  it('reads a page notified by Webmention, Pingback or discovery as itself', () => {
    expect(
      lookAt(sent('https://other.example/notes/1', { protocol: 'webmention' }))
    ).toEqual({ kind: 'page', url: 'https://other.example/notes/1' })
    expect(lookAt(sent('https://other.example/notes/2'))).toEqual({
      kind: 'page',
      url: 'https://other.example/notes/2'
    })
  })

  it('does not follow a ping URL that names no page', () => {
    expect(
      lookAt(sent('https://mt.example/cgi-bin/mt-tb.cgi/17'))
    ).toBeUndefined()
    expect(
      lookAt(sent('https://mt.example/mt.cgi?__mode=tb&id=3'))
    ).toBeUndefined()
  })
})

describe('samePage', () => {
  it('ignores the scheme, www., a trailing slash and the fragment', () => {
    const post = 'https://blog.example/2026/11/post/'
    expect(samePage('http://www.blog.example/2026/11/post', post)).toBe(true)
    expect(samePage('https://blog.example/2026/11/post/#comments', post)).toBe(
      true
    )
    expect(samePage('https://blog.example/2026/11/other/', post)).toBe(false)
    expect(samePage('https://blog.example/2026/11/post/?p=2', post)).toBe(false)
    expect(samePage('not a url', post)).toBe(false)
    expect(linksToPost(['https://a.example/', post], post)).toBe(true)
  })
})

describe('statusText', () => {
  it.each([
    ['{"status": "accepted"}', 'accepted'],
    ['{"state": " no link  found "}', 'no link found'],
    ['{"summary": "x"}', undefined],
    ['queued\nmore', 'queued'],
    ['<html><body>ok</body></html>', undefined],
    ['', undefined],
    [`{"status": "${'a'.repeat(100)}"}`, `${'a'.repeat(79)}…`]
  ])('reads %j as %j', (body, said) => {
    expect(statusText(body)).toBe(said)
  })
})
