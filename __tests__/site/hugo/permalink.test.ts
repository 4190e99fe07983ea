import { describe, expect, it } from '@jest/globals'
import { hugoSite } from '../../../src/site/hugo/config.js'
import {
  expandHugoPattern,
  hugoPathSanitize
} from '../../../src/site/hugo/permalink.js'
import { postUrl } from '../../../src/site/post-rules.js'
import { exampleHugo as hugo } from '../sites.js'

describe('Hugo page URLs', () => {
  const base = { title: 'My First Post', date: '2023-03-30T10:00:00-07:00' }

  it.each([
    ['content/posts/my-first-post.md', {}, {}, '/posts/my-first-post/'],
    ['content/posts/My Post.md', {}, {}, '/posts/my-post/'],
    ['content/Posts/Hello.md', {}, {}, '/posts/hello/'],
    ['content/about.md', {}, {}, '/about/'],
    ['content/posts/bundle-dir/index.md', {}, {}, '/posts/bundle-dir/'],
    ['content/posts/2023/deep.md', {}, {}, '/posts/2023/deep/'],
    ['content/posts/x.md', { slug: 'Custom Slug' }, {}, '/posts/custom-slug/'],
    ['content/posts/x.md', { Slug: 'upper-key' }, {}, '/posts/upper-key/'],
    ['content/posts/x.md', { url: '/Custom/Path/' }, {}, '/Custom/Path/'],
    ['content/posts/x.md', { url: '/no-slash' }, {}, '/no-slash/'],
    ['content/posts/x.md', { url: '/page.html' }, {}, '/page.html'],
    ['content/posts/x.md', { URL: 'relative/path' }, {}, '/relative/path/'],
    ['content/posts/café.md', {}, {}, '/posts/caf%C3%A9/'],
    ['content/posts/café.md', {}, { removePathAccents: true }, '/posts/cafe/'],
    [
      'content/posts/MixedCase.md',
      {},
      { disablePathToLower: true },
      '/posts/MixedCase/'
    ],
    ['content/posts/x.md', {}, { uglyURLs: true }, '/posts/x.html'],
    ['content/posts/b/index.md', {}, { uglyURLs: true }, '/posts/b.html'],
    [
      'content/posts/x.md',
      base,
      { permalinks: { posts: '/:year/:month/:slug/' } },
      '/2023/03/my-first-post/'
    ],
    [
      'content/posts/x.md',
      base,
      { permalinks: { page: { posts: '/:year/:month/:day/:filename/' } } },
      '/2023/03/30/x/'
    ],
    [
      'content/posts/x.md',
      base,
      { permalinks: { posts: '/:year/:title/' } },
      '/2023/my-first-post/'
    ],
    [
      'content/posts/x.md',
      base,
      {
        permalinks: {
          posts: '/:section/:monthname/:weekdayname/:weekday/:yearday/'
        }
      },
      '/posts/march/thursday/4/89/'
    ],
    [
      'content/posts/x.md',
      base,
      { permalinks: { posts: '/:2006/:01/:02/:Jan/:slugorfilename/' } },
      '/2023/03/30/mar/x/'
    ],
    [
      'content/posts/x.md',
      { ...base, slug: 's' },
      { permalinks: { posts: '/:slugorfilename/' } },
      '/s/'
    ],
    [
      'content/posts/b/index.md',
      base,
      { permalinks: { posts: '/:filename/' } },
      '/b/'
    ],
    [
      'content/posts/b/index.md',
      base,
      { permalinks: { posts: '/:contentbasename/' } },
      '/b/'
    ],
    [
      'content/posts/x.md',
      base,
      { permalinks: { posts: '/:year/:slug' } },
      '/2023/my-first-post/'
    ],
    [
      'content/posts/x.md',
      base,
      { permalinks: { posts: '/:year/:slug/' }, uglyURLs: true },
      '/2023/my-first-post.html'
    ],
    [
      'content/posts/x.md',
      base,
      { permalinks: { posts: '/a\\:b/:slug/' } },
      '/ab/my-first-post/' // `\\:` is literal, then sanitized away like any ':'
    ],
    [
      'content/posts/x.md',
      base,
      { permalinks: { '/': '/root/:slug/' } },
      '/posts/x/'
    ],
    [
      'content/about.md',
      base,
      { permalinks: { '/': '/root/:slug/' } },
      '/root/my-first-post/'
    ],
    [
      'content/posts/x.md',
      base,
      { permalinks: { blog: '/:slug/' } },
      '/posts/x/'
    ],
    [
      'content/posts/x.md',
      { title: 'Hello, World! C# & Go' },
      { permalinks: { posts: '/:title/' } },
      '/hello-world-c%23-go/'
    ],
    [
      'content/posts/x.md',
      { title: 'Ärger' },
      { permalinks: { posts: '/:title/' }, disablePathToLower: true },
      '/%C3%84rger/'
    ]
  ])('%s %j with %j → %s', (path, data, config, expected) => {
    expect(postUrl(path, data, hugo(config))).toEqual({
      url: `https://example.org${expected}`
    })
  })

  it('keeps the date offset as written for URL parts, as Go does', () => {
    const site = hugo({ permalinks: { posts: '/:year/:month/:day/:slug/' } })
    const data = { title: 't', date: '2023-03-30T23:30:00-07:00' }
    expect(postUrl('content/posts/x.md', data, site).url).toBe(
      'https://example.org/2023/03/30/t/'
    )
  })

  it('reads dates without offset in timeZone', () => {
    const site = hugo({
      timeZone: 'Asia/Tokyo',
      permalinks: { posts: '/:year/:month/:day/:slug/' }
    })
    expect(
      postUrl('content/posts/x.md', { title: 't', date: '2023-03-30' }, site)
        .url
    ).toBe('https://example.org/2023/03/30/t/')
  })

  it('adds the baseURL sub-path', () => {
    const site = hugoSite({ baseURL: 'https://example.org/blog/' }, {})
    expect(postUrl('content/posts/x.md', {}, site).url).toBe(
      'https://example.org/blog/posts/x/'
    )
  })

  it.each([
    ['content/posts/x.md', {}, '/posts/x/'],
    ['content/posts/x.fr.md', {}, '/fr/posts/x/'],
    ['content/posts/x.en.md', {}, '/posts/x/'],
    ['content/posts/x.fr.md', { url: '/abs/' }, '/abs/'],
    ['content/posts/x.fr.md', { url: 'rel/' }, '/fr/rel/']
  ])('languages: %s %j → %s', (path, data, expected) => {
    const site = hugo({ languages: { en: {}, fr: {} } })
    expect(postUrl(path, data, site).url).toBe(`https://example.org${expected}`)
  })

  it('puts the default language in a subdir when configured', () => {
    const site = hugo({
      defaultContentLanguage: 'de',
      defaultContentLanguageInSubdir: true,
      languages: { de: {}, en: {} }
    })
    expect(postUrl('content/posts/x.md', {}, site).url).toBe(
      'https://example.org/de/posts/x/'
    )
    expect(postUrl('content/posts/x.en.md', {}, site).url).toBe(
      'https://example.org/en/posts/x/'
    )
  })

  it.each([
    [{ permalinks: { posts: '/:nope/' } }, {}, /not recognised/],
    [{ permalinks: { posts: '/:year/' } }, {}, /no date/],
    [{ permalinks: { posts: '/:year/' } }, { date: 'soon' }, /Invalid date/]
  ])('reports %j %j', (config, data, message) => {
    expect(postUrl('content/posts/x.md', data, hugo(config)).error).toMatch(
      message
    )
  })

  it('rejects files outside the content dir', () => {
    expect(postUrl('posts/x.md', {}, hugo()).error).toMatch(/content dir/)
  })
})

describe('Hugo helpers', () => {
  it.each([
    ['Hello World', 'hello-world'],
    ['  lead and trail  ', 'lead-and-trail'],
    ['a -  b', 'a-b'],
    ['what?!', 'what'],
    ['100%20done', '100%20done'],
    ['C# 101', 'c#-101'],
    ['a_b+c~d@e', 'a_b+c~d@e']
  ])('sanitize(%j) → %j', (text, expected) => {
    expect(hugoPathSanitize(text, hugo())).toBe(expected)
  })

  it('expands patterns token by token', () => {
    const token = (a: string): string | undefined =>
      ({ year: '2024', slug: 's' })[a]
    expect(expandHugoPattern('/:year/:slug/', token)).toBe('/2024/s/')
    expect(() => expandHugoPattern('/:bad/', token)).toThrow(/not recognised/)
  })
})
