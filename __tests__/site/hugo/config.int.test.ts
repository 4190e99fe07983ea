import { describe, expect, it } from '@jest/globals'
import { hugoPagePermalinks, hugoSite } from '../../../src/site/hugo/config.js'
import { loadSite } from '../../../src/site/generators.js'
import { tempSites } from '../../support/site-dirs.js'

describe('hugoSite', () => {
  it.each([
    [{ summaryLength: 30 }, 30],
    [{ summarylength: '12' }, 12],
    [{ summaryLength: -1 }, undefined],
    [{ summaryLength: 'many' }, undefined],
    [{}, undefined]
  ])('summaryLength of %j → %p', (config, words) => {
    expect(hugoSite(config, {}).hugo?.summaryLength).toBe(words)
  })

  it.each([
    ['https://example.org/', 'https://example.org'],
    ['https://example.org', 'https://example.org'],
    ['https://example.org/blog/', 'https://example.org/blog'],
    ['https://example.org/blog', 'https://example.org/blog']
  ])('baseURL %j → %j', (baseURL, url) => {
    expect(hugoSite({ baseURL }, {}).url).toBe(url)
  })

  it('reads keys case-insensitively, with defaults', () => {
    expect(
      hugoSite({ BaseUrl: 'https://x.org/', Title: 'T' }, {}, 'hugo.toml')
    ).toEqual({
      generator: 'hugo',
      configFile: 'hugo.toml',
      url: 'https://x.org',
      title: 'T',
      hugo: {
        permalinks: {},
        uglyURLs: false,
        disablePathToLower: false,
        removePathAccents: false,
        contentDir: 'content',
        buildFuture: false,
        buildDrafts: false,
        buildExpired: false,
        defaultContentLanguage: 'en',
        defaultContentLanguageInSubdir: false,
        languages: []
      }
    })
  })

  it('reads every setting', () => {
    const site = hugoSite(
      {
        baseURL: 'https://x.org/',
        timeZone: 'Europe/Oslo',
        uglyURLs: true,
        disablePathToLower: true,
        removePathAccents: true,
        contentDir: 'src/content/',
        buildFuture: true,
        buildDrafts: true,
        buildExpired: true,
        defaultContentLanguage: 'NB',
        defaultContentLanguageInSubdir: true,
        languages: { nb: { weight: 1 }, en: { weight: 2 } },
        permalinks: { posts: '/:year/:slug/' }
      },
      {}
    )
    expect(site.timezone).toBe('Europe/Oslo')
    expect(site.hugo).toEqual({
      permalinks: { posts: '/:year/:slug/' },
      uglyURLs: true,
      disablePathToLower: true,
      removePathAccents: true,
      contentDir: 'src/content',
      buildFuture: true,
      buildDrafts: true,
      buildExpired: true,
      defaultContentLanguage: 'nb',
      defaultContentLanguageInSubdir: true,
      languages: ['nb', 'en']
    })
  })

  it('lets the inputs win', () => {
    const site = hugoSite(
      { baseURL: 'https://old.example/', title: 'Old' },
      {
        siteUrl: 'https://new.example/',
        blogName: 'New',
        permalink: '/:title/'
      }
    )
    expect(site.url).toBe('https://new.example')
    expect(site.title).toBe('New')
    expect(site.permalink).toBe('/:title/')
  })
})

describe('hugoPagePermalinks', () => {
  it.each([
    [{ posts: '/:year/:slug/' }, { posts: '/:year/:slug/' }],
    [{ page: { posts: '/:slug/' } }, { posts: '/:slug/' }],
    [
      { posts: '/legacy/:slug/', page: { posts: '/new/:slug/' } },
      { posts: '/new/:slug/' }
    ],
    [
      { section: { posts: '/s/' }, term: { tags: '/t/' }, Blog: '/b/:slug/' },
      { blog: '/b/:slug/' }
    ],
    [undefined, {}],
    ['x', {}]
  ])('%j → %j', (value, expected) => {
    expect(hugoPagePermalinks(value)).toEqual(expected)
  })
})

describe('loadSite', () => {
  const site = tempSites()

  it('reads hugo.toml', async () => {
    const dir = await site('hugo', {
      'hugo.toml':
        'baseURL = "https://example.org/docs/"\ntitle = "H"\n[permalinks.page]\nposts = "/:year/:slug/"\n'
    })
    const { site: s, problems } = await loadSite(dir, {})
    expect(problems).toEqual([])
    expect(s).toMatchObject({
      generator: 'hugo',
      configFile: 'hugo.toml',
      url: 'https://example.org/docs',
      title: 'H',
      hugo: { permalinks: { posts: '/:year/:slug/' } }
    })
  })

  it.each([
    ['config.yaml', 'baseURL: https://y.org/\n'],
    ['config.json', '{"baseURL": "https://y.org/"}'],
    ['hugo.yml', 'baseurl: https://y.org/\n']
  ])('reads %s', async (file, text) => {
    const dir = await site(`hugo-${file}`, { [file]: text })
    expect((await loadSite(dir, {})).site).toMatchObject({
      generator: 'hugo',
      configFile: file,
      url: 'https://y.org'
    })
  })

  it('reads config/_default with per-key files; the root file wins', async () => {
    const dir = await site('hugo-dir', {
      'config/_default/hugo.toml':
        'baseURL = "https://dir.org/"\ntitle = "Dir"\n',
      'config/_default/permalinks.toml': 'posts = "/:slug/"\n',
      'config/_default/languages.yaml': 'en:\n  weight: 1\nfr:\n  weight: 2\n',
      'hugo.toml': 'title = "Root"\n'
    })
    const { site: s } = await loadSite(dir, {})
    expect(s).toMatchObject({
      generator: 'hugo',
      url: 'https://dir.org',
      title: 'Root',
      hugo: { permalinks: { posts: '/:slug/' }, languages: ['en', 'fr'] }
    })
  })

  it('reports broken Hugo config and still detects Hugo', async () => {
    const dir = await site('hugo-broken', {
      'hugo.toml': 'title = "x"\nbaseURL = \n'
    })
    const { site: s, problems } = await loadSite(dir, {})
    expect(s.generator).toBe('hugo')
    expect(problems).toEqual([
      {
        file: 'hugo.toml',
        line: 2,
        message: expect.stringMatching(/Invalid TOML/)
      }
    ])
  })
})
