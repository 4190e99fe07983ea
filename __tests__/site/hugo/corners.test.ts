/**
 * Hugo 0.111's page URLs in the corners the oracle found: symbols in
 * permalink tokens (URLize, then QueryUnescape of the whole expansion) and
 * in the path from the file name (neither), slugs, `..`, `%`, Go's lower
 * case, undated pages (year 1) and front-matter `url`.
 */
import { describe, expect, it } from '@jest/globals'
import {
  goLowerCase,
  hugoPathSanitize,
  hugoQueryUnescape,
  hugoUrlize
} from '../../../src/site/hugo/paths.js'
import { hugoSlug, UNDATED_NOTE } from '../../../src/site/hugo/permalink.js'
import { postUrl } from '../../../src/site/post-rules.js'
import { exampleHugo as hugo } from '../sites.js'

const TOKENS = {
  permalinks: {
    t: '/t/:title/',
    s: '/s/:slug/',
    f: '/f/:filename/',
    lit: '/a+b/c%2Bd/:title/',
    bad: '/100%/:title/'
  }
}

function url(
  path: string,
  data: Record<string, unknown>,
  config: Record<string, unknown> = {}
): string | undefined {
  const result = postUrl(path, data, hugo(config))
  return result.url?.replace('https://example.org', '') ?? result.error
}

describe('Hugo permalink tokens with symbols', () => {
  it.each([
    ['C++', '/t/c-/'],
    ['C#', '/t/c/'],
    ['a + b', '/t/a--b/'],
    ['x/y', '/t/x/y/'],
    ['a#b', '/t/a%23b/'],
    ['trail#', '/t/trail/'],
    ['+plus+', '/t/-plus-/'],
    ['50% off', '/t/50-off/'],
    ["it's", '/t/its/'],
    ['😀 smile', '/t/smile/'],
    ['İstanbul ΟΔΟΣ', '/t/istanbul-%CE%BF%CE%B4%CE%BF%CF%83/'],
    ['%41 hex', '/t/a-hex/'],
    ['..', '/'],
    ['x/../y', '/t/y/']
  ])(':title %j → %s', (title, expected) => {
    expect(url('content/t/x.md', { title }, TOKENS)).toBe(expected)
  })

  it('expands :slug and :filename alike, and unescapes the pattern text', () => {
    expect(url('content/s/x.md', { slug: 'a + b' }, TOKENS)).toBe('/s/a--b/')
    expect(url('content/s/x.md', { slug: '--dash--' }, TOKENS)).toBe('/s/dash/')
    expect(url('content/f/C++.md', {}, TOKENS)).toBe('/f/c-/')
    expect(url('content/lit/x.md', { title: 'A + B' }, TOKENS)).toBe(
      '/a-b/c+d/a--b/'
    )
  })

  it('drops a pattern whose text has a bad % escape, as Hugo does', () => {
    expect(url('content/bad/x.md', { title: 'Bad' }, TOKENS)).toBe('/bad/x/')
  })

  it('keeps case and accents as configured, ugly URLs included', () => {
    const config = {
      ...TOKENS,
      disablePathToLower: true,
      removePathAccents: true,
      uglyURLs: true
    }
    expect(url('content/t/x.md', { title: 'C++ Ça' }, config)).toBe(
      '/t/C-Ca.html'
    )
    expect(url('content/t/x.md', { title: '..' }, config)).toBe('/.html')
  })
})

describe('Hugo paths from the file name and slug', () => {
  it.each([
    ['content/posts/C++.md', {}, '/posts/c++/'],
    ['content/posts/C#.md', {}, '/posts/c%23/'],
    ['content/posts/a + b.md', {}, '/posts/a-+-b/'],
    ['content/posts/İstanbul.md', {}, '/posts/istanbul/'],
    ['content/posts/x.md', { slug: '--dash--' }, '/posts/dash/'],
    ['content/posts/x.md', { slug: '-' }, '/posts/x/'],
    ['content/posts/x.md', { slug: '   ' }, '/posts/-/'],
    ['content/posts/x.md', { slug: 'x/../../y' }, '/y/'],
    ['content/posts/x.md', { slug: 42 }, '/posts/42/'],
    // Deliberate difference: the `%` is escaped so the URL reaches the
    // page Hugo writes to `posts/%41-hex/index.html`.
    ['content/posts/x.md', { slug: '%41 hex' }, '/posts/%2541-hex/']
  ])('%s %j → %s', (path, data, expected) => {
    expect(url(path, data)).toBe(expected)
  })

  it('trims hyphens from a slug only', () => {
    expect(hugoSlug({ slug: '--a-b--' })).toBe('a-b')
    expect(hugoSlug({ slug: '---' })).toBeUndefined()
    expect(hugoSlug({ slug: ' a ' })).toBe(' a ')
    expect(hugoSlug({})).toBeUndefined()
  })
})

describe('Hugo front-matter url', () => {
  it.each([
    ['/x/../y/./z/', '/y/z/'],
    ['/C++/a b/', '/C++/a%20b/'],
    ['/a%20b/', '/a%2520b/'],
    ['rel+x/Ça', '/rel+x/%C3%87a/']
  ])('%s → %s', (value, expected) => {
    expect(url('content/posts/x.md', { url: value })).toBe(expected)
  })

  it('refuses an http(s) url, as Hugo does', () => {
    expect(url('content/posts/x.md', { url: 'https://x.org/a/' })).toMatch(
      /protocol/
    )
  })
})

describe('Hugo pages without a date under a date permalink', () => {
  const config = {
    permalinks: {
      posts: '/:year/:month/:day/:title/',
      notes: '/:yearday/:weekday/:weekdayname/:monthname/:filename/',
      go: '/:2006/:Jan/:Mon/:02/:15/:slug/'
    }
  }

  it.each([
    ['content/posts/x.md', '/1/01/01/t/'],
    ['content/notes/x.md', '/1/1/monday/january/x/'],
    ['content/go/x.md', '/0001/jan/mon/01/00/t/']
  ])('%s → %s, with a note why', (path, expected) => {
    const result = postUrl(path, { title: 'T' }, hugo(config))
    expect(result).toEqual({
      url: `https://example.org${expected}`,
      note: UNDATED_NOTE
    })
  })

  it('dates by lastmod when there is nothing else, without a note', () => {
    expect(
      postUrl(
        'content/posts/x.md',
        { title: 'T', lastmod: '2021-05-06' },
        hugo(config)
      )
    ).toEqual({ url: 'https://example.org/2021/05/06/t/' })
  })

  it('needs no date without date tokens', () => {
    expect(postUrl('content/posts/x.md', { title: 'T' }, hugo())).toEqual({
      url: 'https://example.org/posts/x/'
    })
  })
})

describe('Go string helpers', () => {
  it('lower-cases code point by code point, as Go does', () => {
    expect(goLowerCase('İSTANBUL ΟΔΟΣ')).toBe('istanbul οδοσ')
  })

  it('treats White_Space as Go does', () => {
    expect(hugoPathSanitize('a\u0085b', hugo())).toBe('a-b')
    expect(hugoPathSanitize('a\uFEFFb', hugo())).toBe('ab')
  })

  it('URLizes like url.Parse(…).String(): an empty fragment goes', () => {
    expect(hugoUrlize('C#', hugo())).toBe('c')
    expect(hugoUrlize('a#b', hugo())).toBe('a#b')
    expect(hugoUrlize('#', hugo())).toBe('')
  })

  it('query-unescapes + and %XX, refusing a bad escape', () => {
    expect(hugoQueryUnescape('a+b%2Bc%C3%A9')).toBe('a b+cé')
    expect(hugoQueryUnescape('100%/x')).toBeUndefined()
    expect(hugoQueryUnescape('😀+')).toBe('😀 ')
  })
})
