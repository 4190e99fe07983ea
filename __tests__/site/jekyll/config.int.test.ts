import { describe, expect, it } from '@jest/globals'
import {
  jekyllSite,
  JEKYLL_EXCLUDES,
  normaliseBasePath
} from '../../../src/site/jekyll/config.js'
import { loadSite } from '../../../src/site/generators.js'
import { tempSites } from '../../support/site-dirs.js'

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

describe('normaliseBasePath', () => {
  it.each([
    ['', ''],
    ['/', ''],
    ['blog', '/blog'],
    ['/blog/', '/blog'],
    ['//a/b//', '/a/b']
  ])('normaliseBasePath(%j) → %j', (input, output) => {
    expect(normaliseBasePath(input)).toBe(output)
  })
})

describe('loadSite', () => {
  const site = tempSites()

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
})
