import { describe, expect, it } from '@jest/globals'
import {
  escapeJekyllPath,
  jekyllCategories,
  jekyllSlugify
} from '../../../src/site/jekyll/permalink.js'
import { jekyllSite } from '../../../src/site/jekyll/config.js'
import { postUrl } from '../../../src/site/post-rules.js'
import { exampleJekyll as jekyll } from '../sites.js'

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
