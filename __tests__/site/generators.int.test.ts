/**
 * The factory: loadSite finds the generator that builds a site, and
 * generatorFor gives each Site its generator's module; a generator the
 * action does not ship plugs in through the same interface.
 */
import { describe, expect, it } from '@jest/globals'
import { firstExisting } from '../../src/site/config-file.js'
import type { SiteGenerator } from '../../src/site/generator.js'
import {
  GENERATORS,
  generatorFor,
  loadSite
} from '../../src/site/generators.js'
import { generic, otherSite } from '../../src/site/generic.js'
import { hugoSite } from '../../src/site/hugo/config.js'
import { hugo } from '../../src/site/hugo/index.js'
import { jekyllSite } from '../../src/site/jekyll/config.js'
import { jekyll } from '../../src/site/jekyll/index.js'
import { postMatcher } from '../../src/site/post-paths.js'
import { inputNames } from '../../src/settings/option-names.js'
import { postUrl } from '../../src/site/post-rules.js'
import { siteUrlFrom } from '../../src/site/site.js'
import { tempSites } from '../support/site-dirs.js'

const site = tempSites()

describe('loadSite', () => {
  it('reports an unknown time zone', async () => {
    const dir = await site('jekyll-zone', {
      '_config.yml': 'timezone: Mars/Olympus\n'
    })
    const { problems } = await loadSite(dir, {})
    expect(problems[0]?.message).toMatch(/Unknown time zone 'Mars\/Olympus'/)
  })

  it('does not take a config.toml without Hugo keys for Hugo', async () => {
    const dir = await site('not-hugo', { 'config.toml': 'foo = 1\n' })
    expect((await loadSite(dir, {})).site.generator).toBe('other')
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

  it('falls back to other without a generic generator to try', async () => {
    const dir = await site('plain-only', { 'index.html': '' })
    expect(await loadSite(dir, {}, [jekyll, hugo])).toEqual({
      site: { generator: 'other' },
      problems: []
    })
  })
})

describe('generatorFor', () => {
  it.each([
    ['jekyll', jekyll],
    ['hugo', hugo],
    ['other', generic]
  ])('%s → its module', (name, module) => {
    expect(generatorFor({ generator: name })).toBe(module)
    expect(module.name).toBe(name)
  })

  it('gives each loader’s Site its own generator', () => {
    expect(generatorFor(jekyllSite({}, {}))).toBe(jekyll)
    expect(generatorFor(hugoSite({}, {}))).toBe(hugo)
    expect(generatorFor(otherSite({}))).toBe(generic)
  })

  it('tries the generic generator, which takes any site, last', () => {
    expect(GENERATORS).toEqual([jekyll, hugo, generic])
  })

  it('refuses a name no generator has', () => {
    expect(() => generatorFor({ generator: 'eleventy' })).toThrow(
      /Unknown site generator 'eleventy'/
    )
  })
})

describe('a generator plugged in through the interface', () => {
  /** Notes in `notes/*.txt`, published at `/notes/<name>/`; no dates. */
  const notes: SiteGenerator = {
    name: 'notes',
    builtDir: 'out',
    siteUrlHint: ' or `url` in notes.json',
    frontMatterYaml: '1.2',
    keysAnyCase: false,
    load: async (root, overrides) =>
      (await firstExisting(root, ['notes.json'])) === undefined
        ? undefined
        : {
            site: {
              generator: 'notes',
              url: siteUrlFrom(overrides, 'https://notes.example/')
            },
            problems: []
          },
    postGlobs: () => ['notes/*.txt'],
    isPost: (path) => !path.endsWith('-draft.txt'),
    excluded: () => (path) => path.includes('secret'),
    frontMatter: (_path, data) => data,
    urlPath: (path) => ({ path: `/${path.replace(/\.txt$/, '/')}` }),
    date: () => ({}),
    publication: () => ({ state: 'published' }),
    decidesDate: () => false,
    excerpt: () => 'A note.'
  }
  const generators = [notes, ...GENERATORS]

  it('is found by loadSite, and its rules say the posts and URLs', async () => {
    const dir = await site('notes', { 'notes.json': '{}' })
    const { site: s, problems } = await loadSite(dir, {}, generators)
    expect(problems).toEqual([])
    expect(s).toEqual({ generator: 'notes', url: 'https://notes.example' })
    expect(generatorFor(s, generators)).toBe(notes)

    const isPost = postMatcher([], s, notes)
    expect(isPost('notes/a.txt')).toBe(true)
    expect(isPost('notes/a-draft.txt')).toBe(false)
    expect(isPost('notes/secret.txt')).toBe(false)
    expect(isPost('notes/a.md')).toBe(false)
    expect(postUrl('notes/a.txt', {}, s, inputNames, notes)).toEqual({
      url: 'https://notes.example/notes/a/'
    })
  })

  it('leaves the sites it does not build to the others', async () => {
    const dir = await site('jekyll-not-notes', {
      '_posts/2021-01-01-a.md': '---\n---\n'
    })
    expect((await loadSite(dir, {}, generators)).site.generator).toBe('jekyll')
  })
})
