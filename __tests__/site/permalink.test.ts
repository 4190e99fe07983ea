import { describe, expect, it } from '@jest/globals'
import { flagNames } from '../../src/settings/option-names.js'
import {
  effectiveFrontMatter,
  escapeJekyllPath,
  expandHugoPattern,
  hugoPathSanitize,
  hugoSections,
  hugoSource,
  isPostSource,
  jekyllCategories,
  jekyllSlugify,
  postUrl,
  sliceSections
} from '../../src/site/permalink.js'
import { hugoSite, jekyllSite } from '../../src/site/config.js'
import type { Site } from '../../src/types.js'

function jekyll(config: Record<string, unknown> = {}): Site {
  return jekyllSite(
    { url: 'https://example.org', timezone: 'UTC', ...config },
    {}
  )
}

function hugo(config: Record<string, unknown> = {}): Site {
  return hugoSite(
    { baseURL: 'https://example.org/', timeZone: 'UTC', ...config },
    {}
  )
}

const other = (permalink?: string): Site => ({
  generator: 'other',
  url: 'https://example.org',
  timezone: 'UTC',
  ...(permalink !== undefined ? { permalink } : {})
})

describe('Jekyll post URLs', () => {
  // The permalink docs' running example: _posts/2009-04-29-slap-chop.md in
  // category "miscellaneous" (2009-04-29 is a Wednesday in ISO week 18).
  const slapChop = '_posts/2009-04-29-slap-chop.md'
  const misc = { categories: 'miscellaneous' }

  it.each([
    ['date', '/miscellaneous/2009/04/29/slap-chop.html'],
    ['pretty', '/miscellaneous/2009/04/29/slap-chop/'],
    ['ordinal', '/miscellaneous/2009/119/slap-chop.html'],
    ['weekdate', '/miscellaneous/2009/W18/Wed/slap-chop.html'],
    ['none', '/miscellaneous/slap-chop.html'],
    ['/:month-:day-:year/:title.html', '/04-29-2009/slap-chop.html'],
    ['/blog/:year/:month/:day/:title/', '/blog/2009/04/29/slap-chop/'],
    ['/:year/:month/:title', '/2009/04/slap-chop'],
    ['/:categories/:title/', '/miscellaneous/slap-chop/'],
    ['/:year/:i_month/:i_day/:title:output_ext', '/2009/4/29/slap-chop.html'],
    [
      '/:short_year/:short_month/:long_month/:title/',
      '/09/Apr/April/slap-chop/'
    ],
    [
      '/:w_year/:week/:w_day/:long_day/:title/',
      '/2009/18/3/Wednesday/slap-chop/'
    ],
    ['/:year_:month_:day/:title/', '/2009_04_29/slap-chop/'],
    ['/:collection/:name/', '/posts/2009-04-29-slap-chop/'],
    ['/:hour/:minute/:second/:title/', '/00/00/00/slap-chop/']
  ])('permalink %s → %s', (permalink, path) => {
    expect(postUrl(slapChop, misc, jekyll({ permalink }))).toEqual({
      url: `https://example.org${path}`
    })
  })

  it.each([
    // :title keeps case and URL-safe punctuation; :slug is lower-case.
    ['_posts/2021-03-04-Hello-World.md', {}, '/:title/', '/Hello-World/'],
    ['_posts/2021-03-04-Hello-World.md', {}, '/:slug/', '/hello-world/'],
    ['_posts/2021-03-04-a b.md', {}, '/:title/', '/a-b/'],
    ['_posts/2021-03-04-foo.bar.md', {}, '/:title/', '/foo.bar/'],
    ['_posts/2021-03-04-trail...md', {}, '/:title/', '/trail/'],
    [
      '_posts/2021-03-04-x.md',
      { slug: 'My Own Slug' },
      '/:title/',
      '/My-Own-Slug/'
    ],
    [
      '_posts/2021-03-04-x.md',
      { slug: 'My Own Slug' },
      '/:slug/',
      '/my-own-slug/'
    ],
    ['_posts/2021-03-04-café.md', {}, '/:title/', '/caf%C3%A9/'],
    ['_posts/2021-03-04-c++(draft).md', {}, '/:title/', '/c++(draft)/'],
    ['_posts/2021-03-04-c++(draft).md', {}, '/:slug/', '/c-draft/'],
    ['_posts/2021-3-4-one-digit.md', {}, 'date', '/2021/03/04/one-digit.html'],
    // Front matter date wins over the file name.
    [
      '_posts/2021-03-04-x.md',
      { date: '2022-01-02 10:00:00' },
      'date',
      '/2022/01/02/x.html'
    ],
    // Front matter permalink wins, placeholders expanded.
    ['_posts/2021-03-04-x.md', { permalink: '/about/' }, 'date', '/about/'],
    [
      '_posts/2021-03-04-x.md',
      { permalink: '/p/:year/:title' },
      'date',
      '/p/2021/x'
    ],
    // Categories: folders above _posts first, lower-cased, no duplicates.
    [
      'blog/News/_posts/2021-03-04-x.md',
      {},
      'date',
      '/blog/news/2021/03/04/x.html'
    ],
    ['_posts/sub/2021-03-04-x.md', {}, 'date', '/2021/03/04/x.html'],
    [
      '_posts/2021-03-04-x.md',
      { categories: ['Foo', 'bar'] },
      'date',
      '/foo/bar/2021/03/04/x.html'
    ],
    [
      '_posts/2021-03-04-x.md',
      { categories: 'a b' },
      'date',
      '/a/b/2021/03/04/x.html'
    ],
    [
      '_posts/2021-03-04-x.md',
      { category: 'One Two' },
      'date',
      '/one%20two/2021/03/04/x.html'
    ],
    [
      '_posts/2021-03-04-x.md',
      { categories: ['A'], category: 'a' },
      'date',
      '/a/2021/03/04/x.html'
    ],
    [
      '_posts/2021-03-04-x.md',
      { categories: ['Work 2 Progress'] },
      '/:slugified_categories/:title/',
      '/work-2-progress/x/'
    ],
    ['_posts/2021-03-04-x.md', { categories: [2021] }, 'none', '/2021/x.html']
  ])('%s %j with %s → %s', (path, data, permalink, expected) => {
    expect(postUrl(path, data, jekyll({ permalink }))).toEqual({
      url: `https://example.org${expected}`
    })
  })

  it('converts dates with an offset into the site zone, as Time#localtime does', () => {
    const site = jekyll({ timezone: 'America/New_York' })
    const data = { date: '2021-03-05 02:00:00 +0000' }
    expect(postUrl('_posts/2021-03-05-x.md', data, site).url).toBe(
      'https://example.org/2021/03/04/x.html'
    )
  })

  it('reads file-name dates in the process zone when no timezone is set', () => {
    const site = jekyllSite({ url: 'https://example.org' }, {})
    expect(postUrl('_posts/2021-03-04-x.md', {}, site).url).toBe(
      'https://example.org/2021/03/04/x.html'
    )
  })

  it('uses collections.posts.permalink over permalink', () => {
    const site = jekyll({
      permalink: 'pretty',
      collections: { posts: { permalink: '/articles/:title/' } }
    })
    expect(postUrl('_posts/2021-03-04-x.md', {}, site).url).toBe(
      'https://example.org/articles/x/'
    )
  })

  it('lets the permalink input win over both config settings', () => {
    const site = jekyllSite(
      {
        url: 'https://example.org',
        timezone: 'UTC',
        collections: { posts: { permalink: '/articles/:title/' } }
      },
      { permalink: '/:year/:title/' }
    )
    expect(postUrl('_posts/2021-03-04-x.md', {}, site).url).toBe(
      'https://example.org/2021/x/'
    )
  })

  it('adds baseurl through site.url', () => {
    const site = jekyll({ baseurl: '/blog/' })
    expect(postUrl('_posts/2021-03-04-x.md', {}, site).url).toBe(
      'https://example.org/blog/2021/03/04/x.html'
    )
  })

  it('applies front matter defaults (permalink and categories)', () => {
    const site = jekyll({
      defaults: [
        { scope: { path: '' }, values: { permalink: '/:categories/:title/' } },
        {
          scope: { path: '_posts/notes', type: 'posts' },
          values: { categories: ['notes'] }
        }
      ]
    })
    expect(
      postUrl('_posts/notes/2021-03-04-x.md', { categories: 'extra' }, site).url
    ).toBe('https://example.org/notes/extra/x/')
    expect(postUrl('_posts/2021-03-04-y.md', {}, site).url).toBe(
      'https://example.org/y/'
    )
  })

  it.each([
    [{ permalink: '/:nope/:title/' }, /unknown placeholder :nope/],
    [{ date: 'last tuesday' }, /Invalid date 'last tuesday'/]
  ])('reports %j', (data, message) => {
    expect(postUrl('_posts/2021-03-04-x.md', data, jekyll()).error).toMatch(
      message
    )
  })

  it('needs a site URL', () => {
    const site = jekyllSite({ timezone: 'UTC' }, {})
    expect(postUrl('_posts/2021-03-04-x.md', {}, site).error).toMatch(
      /site URL is unknown/
    )
  })
})

describe('Jekyll helpers', () => {
  it.each<[string, 'default' | 'pretty', boolean, string]>([
    // Examples from the Utils.slugify documentation.
    ['The _config.yml file', 'default', false, 'the-config-yml-file'],
    ['The _config.yml file', 'pretty', false, 'the-_config.yml-file'],
    ['The _config.yml file', 'pretty', true, 'The-_config.yml-file'],
    ['  spaced  ', 'default', false, 'spaced'],
    ['Ünïcödé Tïtle', 'default', false, 'ünïcödé-tïtle'],
    ['日本語 タイトル', 'default', false, '日本語-タイトル']
  ])('slugify(%j, %s, cased=%s) → %j', (text, mode, cased, slug) => {
    expect(jekyllSlugify(text, mode, cased)).toBe(slug)
  })

  it.each([
    ['2021', '2021'],
    ['a b', 'a%20b'],
    ['c#', 'c%23'],
    ['é', '%C3%A9'],
    ["it's", "it's"],
    ['100%', '100%25']
  ])('escape_path(%j) → %j', (value, escaped) => {
    expect(escapeJekyllPath(value)).toBe(escaped)
  })

  it('orders categories: path, categories, category', () => {
    expect(
      jekyllCategories('x/y/_posts/2021-01-01-a.md', {
        categories: ['z', 'x'],
        category: 'w'
      })
    ).toEqual(['x', 'y', 'z', 'w'])
  })
})

describe('effectiveFrontMatter', () => {
  const site = jekyll({
    defaults: [
      {
        scope: { path: '' },
        values: { layout: 'default', author: { name: 'A' } }
      },
      {
        scope: { path: '_posts', type: 'posts' },
        values: { layout: 'post', published: false }
      },
      { scope: { path: '_posts', type: 'pages' }, values: { layout: 'page' } },
      { scope: { path: '_posts/2021-*' }, values: { series: '2021' } },
      { scope: { type: 'post' }, values: { comments: true } }
    ]
  })

  it('applies matching scopes under the post values, most specific first', () => {
    expect(
      effectiveFrontMatter(
        '_posts/2021-03-04-x.md',
        { published: true, author: { url: 'u' } },
        site
      )
    ).toEqual({
      layout: 'post',
      author: { name: 'A', url: 'u' },
      published: true,
      series: '2021',
      comments: true
    })
  })

  it('leaves posts outside a scope alone', () => {
    expect(effectiveFrontMatter('_posts/2020-03-04-x.md', {}, site)).toEqual({
      layout: 'post',
      author: { name: 'A' },
      published: false,
      comments: true
    })
  })

  it('returns data unchanged for Hugo and other generators', () => {
    const data = { title: 'x' }
    expect(effectiveFrontMatter('content/x.md', data, hugo())).toBe(data)
    expect(effectiveFrontMatter('x.md', data, other())).toBe(data)
  })
})

describe('isPostSource', () => {
  it.each([
    ['_posts/2021-03-04-hello.md', true],
    ['_posts/2021-3-4-hello.markdown', true],
    ['_posts/2021-03-04-hello.html', true],
    ['blog/_posts/deep/2021-03-04-hello.md', true],
    ['_posts/2021-03-04-hello.txt', false],
    ['_posts/hello.md', false],
    ['_drafts/2021-03-04-hello.md', false],
    ['about.md', false],
    ['posts/2021-03-04-hello.md', false],
    // Checked against Jekyll 4.3 (the oracle suite).
    ['_posts/2021-03-04-hello.MD', true],
    ['_posts/2021-03-04-hello.mkd', true],
    ['a/b c/_posts/2021-03-04-hello.md', true],
    ['_posts/_skipped/2021-03-04-hello.md', false],
    ['_posts/.hidden/2021-03-04-hello.md', false],
    ['_site/_posts/2021-03-04-hello.md', false],
    ['_posts/2021-03-04-hello.md~', false]
  ])('Jekyll %s → %s', (path, expected) => {
    expect(isPostSource(path, jekyll())).toBe(expected)
  })

  it.each([
    ['content/posts/hello.md', true],
    ['content/posts/bundle/index.md', true],
    ['content/posts/hello.markdown', true],
    ['content/posts/hello.html', true],
    ['content/posts/hello.fr.md', true],
    ['content/posts/_index.md', false],
    ['content/_index.md', false],
    ['content/posts/hello.MD', false],
    ['content/posts/hello.txt', false],
    ['static/hello.md', false]
  ])('Hugo %s → %s', (path, expected) => {
    expect(isPostSource(path, hugo())).toBe(expected)
  })

  it('follows contentDir', () => {
    expect(isPostSource('site/posts/a.md', hugo({ contentDir: 'site' }))).toBe(
      true
    )
    expect(
      isPostSource('content/posts/a.md', hugo({ contentDir: 'site' }))
    ).toBe(false)
  })

  it('accepts any file for other generators', () => {
    expect(isPostSource('anything.txt', other())).toBe(true)
  })
})

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

describe('other generators', () => {
  it.each([
    [
      '/:year/:month/:day/:title/',
      'posts/2021-03-04-hello.md',
      {},
      '/2021/03/04/hello/'
    ],
    [
      '/:year/:title.html',
      'posts/hello.md',
      { date: '2021-03-04' },
      '/2021/hello.html'
    ],
    ['/blog/:slug/', 'posts/x.md', { slug: 'Nice Slug' }, '/blog/nice-slug/'],
    ['/:title/', 'posts/x.md', { slug: 'Nice Slug' }, '/Nice-Slug/'],
    [
      '/:year/:title/',
      'posts/x.md',
      { date: '2021-03-04', permalink: '/fixed/' },
      '/fixed/'
    ],
    ['/:year/:title/', 'posts/x.md', { url: '/from-url/' }, '/from-url/']
  ])('%s for %s %j → %s', (pattern, path, data, expected) => {
    expect(postUrl(path, data, other(pattern))).toEqual({
      url: `https://example.org${expected}`
    })
  })

  it('uses an absolute front matter URL as is', () => {
    expect(
      postUrl('x.md', { url: 'https://elsewhere.org/p' }, other()).url
    ).toBe('https://elsewhere.org/p')
  })

  it('asks for the permalink input when nothing says the URL', () => {
    expect(postUrl('x.md', {}, other()).error).toMatch(
      /set the permalink input/
    )
    expect(postUrl('x.md', {}, other(), flagNames).error).toBe(
      'Cannot tell the URL of x.md: set --permalink (e.g. ' +
        '/:year/:month/:day/:title/) or a `permalink` in its front matter.'
    )
  })

  it('needs a date for date placeholders', () => {
    expect(postUrl('x.md', {}, other('/:year/:title/')).error).toMatch(
      /no date/
    )
  })
})

describe('Hugo sections', () => {
  const one = ['deep']
  const three = ['deep', 'sub', 'subsub']
  // Current Hugo's `toSliceFunc`; 0.111 agrees except for a single section,
  // where it gives [] for [last] and [last:] and ['deep'] for [:last].
  it.each([
    ['[last]', one, ['deep']],
    ['[:last]', one, []],
    ['[last:]', one, ['deep']],
    ['[0]', one, ['deep']],
    ['[1]', one, []],
    ['[1:]', one, []],
    ['[last]', three, ['subsub']],
    ['[:last]', three, ['deep', 'sub']],
    ['[0:last]', three, ['deep', 'sub']],
    ['[1]', three, ['sub']],
    ['[1:]', three, ['sub', 'subsub']],
    ['[1:2]', three, ['sub']],
    ['[9]', three, []],
    ['[9:]', three, []],
    ['[2:1]', three, []],
    ['', three, three],
    ['x', three, []]
  ])('sections%s of %j → %j', (cut, sections, expected) => {
    expect(sliceSections(sections, cut)).toEqual(expected)
  })

  it('nests a folder only when it has an _index file', () => {
    const site = hugo()
    site.hugo = { ...site.hugo!, sections: ['docs/a', 'docs/a/b/c'] }
    const source = hugoSource('content/docs/a/b/c/page.md', site)!
    expect(hugoSections(source, site)).toEqual(['docs', 'a'])
  })
})
