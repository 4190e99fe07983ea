/**
 * The Markdown reader (marked and the HTML entity tables) loads only when a
 * run reads a post: until loadMarkdown() is awaited, whatever needs it
 * throws instead of quietly giving less, and a scan's date test does
 * without it.
 */
import { describe, expect, it } from '@jest/globals'
import {
  loadMarkdown,
  plainText,
  titleFromFileName,
  truncate
} from '../../src/post/excerpt.js'
import { readPost, readPostDate } from '../../src/post/post.js'
import { jekyllSite } from '../../src/site/jekyll/config.js'

const NOW = new Date('2026-11-23T12:00:00Z')
const SITE = jekyllSite({ url: 'https://me.github.io', timezone: 'UTC' }, {})
const FILE = '_posts/2026-11-20-a.md'
const TEXT =
  '---\ntitle: "A *post*"\ndate: 2026-11-22 08:30:00\n---\nBody &amp; more.\n'

describe('loadMarkdown', () => {
  it('is needed by what reads Markdown, and only by that', async () => {
    expect(() => plainText('A *post*')).toThrow(
      /loadMarkdown\(\) was not awaited/
    )
    expect(() =>
      readPost(FILE, TEXT, SITE, { key: 'trackback', now: NOW })
    ).toThrow(/not awaited/)
    expect(titleFromFileName(FILE)).toBe('A')
    expect(truncate('abc', 10)).toBe('abc')
    expect(readPostDate(FILE, TEXT, SITE, NOW)).toBe('2026-11-22T08:30:00Z')

    await loadMarkdown()
    expect(plainText('A *post* &amp; more')).toBe('A post & more')
    expect(
      readPost(FILE, TEXT, SITE, { key: 'trackback', now: NOW })
    ).toMatchObject({
      title: 'A post',
      excerpt: 'Body & more.'
    })
  })
})
