import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import {
  booleanValue,
  hugoPagePermalinks,
  hugoSite,
  jekyllSite,
  JEKYLL_EXCLUDES,
  loadSite,
  normaliseBasePath,
  parseConfigText
} from '../../src/site/config.js'

/** Jekyll 4's `Configuration::DEFAULT_EXCLUDES` (checked below). */
const JEKYLL_DEFAULT_EXCLUDES = JEKYLL_EXCLUDES

describe('jekyllSite', () => {
  it.each([
    ['https://example.org', undefined, 'https://example.org'],
    ['https://example.org/', '', 'https://example.org'],
    ['https://example.org', '/blog', 'https://example.org/blog'],
    ['https://example.org/', '/blog/', 'https://example.org/blog'],
    ['https://example.org', 'blog', 'https://example.org/blog'],
    ['https://example.org', '/', 'https://example.org'],
    [undefined, '/blog', undefined]
  ])('url %j + baseurl %j → %j', (url, baseurl, expected) => {
    expect(jekyllSite({ url, baseurl }, {}).url).toBe(expected)
  })

  it('reads the settings with defaults', () => {
    expect(jekyllSite({}, {}, '_config.yml')).toEqual({
      generator: 'jekyll',
      configFile: '_config.yml',
      jekyll: {
        permalink: 'date',
        baseurl: '',
        defaults: [],
        future: false,
        excerptSeparator: '\n\n',
        exclude: JEKYLL_DEFAULT_EXCLUDES,
        include: []
      }
    })
  })

  it('knows Jekyll 4’s default excludes', () => {
    expect(JEKYLL_DEFAULT_EXCLUDES).toEqual(
      expect.arrayContaining(['node_modules', 'Gemfile', 'vendor/bundle/'])
    )
    expect(JEKYLL_DEFAULT_EXCLUDES).toHaveLength(10)
  })

  it('reads every setting', () => {
    const site = jekyllSite(
      {
        url: 'https://example.org',
        baseurl: '/b',
        title: 'My Blog',
        timezone: 'Europe/Berlin',
        permalink: 'pretty',
        collections: { posts: { permalink: '/p/:title/' } },
        defaults: [
          { scope: { path: '', type: 'posts' }, values: { layout: 'post' } },
          { scope: { path: 'x' } },
          'junk'
        ],
        future: 'yes',
        excerpt_separator: '<!--more-->',
        exclude: ['archive', 'node_modules'],
        include: ['.well-known']
      },
      {}
    )
    expect(site).toEqual({
      generator: 'jekyll',
      url: 'https://example.org/b',
      title: 'My Blog',
      timezone: 'Europe/Berlin',
      jekyll: {
        permalink: 'pretty',
        collectionPermalink: '/p/:title/',
        baseurl: '/b',
        defaults: [
          { scope: { path: '', type: 'posts' }, values: { layout: 'post' } }
        ],
        future: true,
        excerptSeparator: '<!--more-->',
        // Listed once, where the site lists it (Ruby's uniq keeps the first).
        exclude: [
          'archive',
          'node_modules',
          ...JEKYLL_DEFAULT_EXCLUDES.filter((p) => p !== 'node_modules')
        ],
        include: ['.well-known']
      }
    })
  })

  it('lets the inputs win', () => {
    const site = jekyllSite(
      {
        url: 'https://old.example',
        baseurl: '/old',
        title: 'Old',
        permalink: 'date',
        collections: { posts: { permalink: '/c/:title/' } }
      },
      {
        siteUrl: 'https://new.example/blog/',
        permalink: 'pretty',
        blogName: 'New'
      }
    )
    expect(site.url).toBe('https://new.example/blog')
    expect(site.title).toBe('New')
    expect(site.permalink).toBe('pretty')
    expect(site.jekyll?.permalink).toBe('pretty')
    expect(site.jekyll?.collectionPermalink).toBeUndefined()
  })
})

describe('site titles', () => {
  it.each(['', '  ', undefined])(
    'a blank title %j (jekyll new --blank writes title: "") is no title',
    (title) => {
      expect(jekyllSite({ title }, {}).title).toBeUndefined()
      expect(hugoSite({ title }, {}).title).toBeUndefined()
    }
  )

  it('keeps a title, trimmed', () => {
    expect(jekyllSite({ title: ' Paper Notes ' }, {}).title).toBe('Paper Notes')
    expect(hugoSite({ title: 'Notes' }, {}).title).toBe('Notes')
  })
})

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

describe('helpers', () => {
  it.each([
    ['', ''],
    ['/', ''],
    ['blog', '/blog'],
    ['/blog/', '/blog'],
    ['//a/b//', '/a/b']
  ])('normaliseBasePath(%j) → %j', (input, output) => {
    expect(normaliseBasePath(input)).toBe(output)
  })

  it.each([
    [true, true],
    [false, false],
    ['true', true],
    ['Yes', true],
    ['on', true],
    ['FALSE', false],
    ['no', false],
    ['off', false],
    ['maybe', undefined],
    [1, undefined]
  ])('booleanValue(%j) → %j', (input, output) => {
    expect(booleanValue(input)).toBe(output)
  })
})

describe('parseConfigText', () => {
  it('reads YAML 1.1, keeping timestamps as strings', () => {
    expect(
      parseConfigText(
        'a: 2021-03-04\nb: yes\nc: 2021-03-04 10:00:00 +01:00\n',
        'yaml',
        'f'
      )
    ).toEqual({
      data: { a: '2021-03-04', b: true, c: '2021-03-04 10:00:00 +01:00' }
    })
  })

  it.each<[string, 'yaml' | 'toml' | 'json', number, RegExp]>([
    ['title: x\nurl: [oops\n', 'yaml', 3, /Invalid YAML/],
    ['title = "x"\nbaseURL = \n', 'toml', 2, /Invalid TOML/],
    ['{\n  "title": "x",\n}\n', 'json', 3, /Invalid JSON/]
  ])('reports %j (%s) at line %d', (text, format, line, message) => {
    const { problem } = parseConfigText(text, format, 'cfg')
    expect(problem?.file).toBe('cfg')
    expect(problem?.line).toBe(line)
    expect(problem?.message).toMatch(message)
  })
})

describe('loadSite', () => {
  let root: string

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'site-config-'))
  })

  afterAll(async () => {
    await rm(root, { recursive: true, force: true })
  })

  async function site(
    name: string,
    files: Record<string, string>
  ): Promise<string> {
    const dir = join(root, name)
    await mkdir(dir, { recursive: true })
    for (const [path, text] of Object.entries(files)) {
      await mkdir(dirname(join(dir, path)), { recursive: true })
      await writeFile(join(dir, path), text)
    }
    return dir
  }

  it('reads a Jekyll _config.yml', async () => {
    const dir = await site('jekyll', {
      '_config.yml':
        'url: https://example.org\nbaseurl: /blog\ntitle: J\ntimezone: UTC\npermalink: pretty\n'
    })
    const { site: s, problems } = await loadSite(dir, {})
    expect(problems).toEqual([])
    expect(s).toMatchObject({
      generator: 'jekyll',
      configFile: '_config.yml',
      url: 'https://example.org/blog',
      title: 'J',
      timezone: 'UTC',
      jekyll: { permalink: 'pretty' }
    })
  })

  it('prefers _config.yml over _config.yaml and _config.toml', async () => {
    const dir = await site('jekyll-order', {
      '_config.toml': 'title = "toml"\n',
      '_config.yaml': 'title: yaml\n',
      '_config.yml': 'title: yml\n'
    })
    expect((await loadSite(dir, {})).site.title).toBe('yml')
  })

  it('reads _config.toml', async () => {
    const dir = await site('jekyll-toml', {
      '_config.toml': 'url = "https://t.org/"\n'
    })
    expect((await loadSite(dir, {})).site).toMatchObject({
      generator: 'jekyll',
      url: 'https://t.org'
    })
  })

  it('detects Jekyll from _posts alone', async () => {
    const dir = await site('jekyll-posts', {
      '_posts/2021-01-01-a.md': '---\n---\n'
    })
    const { site: s } = await loadSite(dir, { siteUrl: 'https://x.org' })
    expect(s.generator).toBe('jekyll')
    expect(s.url).toBe('https://x.org')
  })

  it('reports broken Jekyll config and still detects Jekyll', async () => {
    const dir = await site('jekyll-broken', {
      '_config.yml': 'title: x\nurl: [\n'
    })
    const { site: s, problems } = await loadSite(dir, {})
    expect(s.generator).toBe('jekyll')
    expect(problems).toEqual([
      {
        file: '_config.yml',
        line: expect.any(Number),
        message: expect.stringMatching(/Invalid YAML/)
      }
    ])
  })

  it('reports an unknown time zone', async () => {
    const dir = await site('jekyll-zone', {
      '_config.yml': 'timezone: Mars/Olympus\n'
    })
    const { problems } = await loadSite(dir, {})
    expect(problems[0]?.message).toMatch(/Unknown time zone 'Mars\/Olympus'/)
  })

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

  it('does not take a config.toml without Hugo keys for Hugo', async () => {
    const dir = await site('not-hugo', { 'config.toml': 'foo = 1\n' })
    expect((await loadSite(dir, {})).site.generator).toBe('other')
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

  it('falls back to other with the inputs', async () => {
    const dir = await site('plain', { 'index.html': '' })
    expect(
      await loadSite(dir, {
        siteUrl: 'https://p.org/',
        permalink: '/:title/',
        blogName: 'P'
      })
    ).toEqual({
      site: {
        generator: 'other',
        url: 'https://p.org',
        title: 'P',
        permalink: '/:title/'
      },
      problems: []
    })
  })
})
