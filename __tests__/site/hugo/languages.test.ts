/**
 * Hugo 0.111's language settings as plain data: which content dirs each
 * language reads, which languages are built, link prefixes (only for a site
 * of several languages), file suffixes (lower case only) and multihost.
 */
import { describe, expect, it } from '@jest/globals'
import { builtRoots } from '../../../src/site/built-site.js'
import { hugoSite } from '../../../src/site/hugo/config.js'
import {
  hugoBuiltRoots,
  hugoLanguageLink
} from '../../../src/site/hugo/languages.js'
import { isHugoPost } from '../../../src/site/hugo/source.js'
import { postUrl } from '../../../src/site/post-rules.js'
import type { Site } from '../../../src/site/site.js'

function site(config: Record<string, unknown>): Site {
  return hugoSite({ baseURL: 'https://example.org/', ...config }, {})
}

function url(
  config: Record<string, unknown>,
  path: string,
  data = {}
): string | undefined {
  const result = postUrl(path, { date: '2021-05-01', ...data }, site(config))
  return result.url ?? result.error
}

describe('Hugo language prefixes', () => {
  it('gives a one-language site no prefix, defaultContentLanguageInSubdir or not', () => {
    const none = {
      defaultContentLanguage: 'fr',
      defaultContentLanguageInSubdir: true
    }
    expect(url(none, 'content/posts/a.md')).toBe('https://example.org/posts/a/')
    expect(url(none, 'content/posts/a.fr.md')).toBe(
      'https://example.org/posts/a/'
    )
    expect(url(none, 'content/posts/a.md', { url: 'rel/' })).toBe(
      'https://example.org/rel/'
    )
    const one = { ...none, languages: { fr: { weight: 1 } } }
    expect(url(one, 'content/posts/a.md')).toBe('https://example.org/posts/a/')
  })

  it('prefixes other languages, and the default one in a subdir', () => {
    const languages = { en: { weight: 1 }, fr: { weight: 2 } }
    expect(url({ languages }, 'content/posts/a.fr.md')).toBe(
      'https://example.org/fr/posts/a/'
    )
    expect(url({ languages }, 'content/posts/a.md')).toBe(
      'https://example.org/posts/a/'
    )
    const subdir = { languages, defaultContentLanguageInSubdir: true }
    expect(url(subdir, 'content/posts/a.md')).toBe(
      'https://example.org/en/posts/a/'
    )
    expect(url(subdir, 'content/posts/a.md', { url: 'en/x/' })).toBe(
      'https://example.org/en/en/x/'
    )
  })

  it('reads a language suffix in lower case only', () => {
    const languages = { en: {}, fr: {} }
    expect(url({ languages }, 'content/posts/a.FR.md')).toBe(
      'https://example.org/posts/a.fr/'
    )
    expect(url({ languages }, 'content/posts/a.es.md')).toBe(
      'https://example.org/posts/a.es/'
    )
  })
})

describe('Hugo content dirs per language', () => {
  const config = {
    defaultContentLanguage: 'en',
    defaultContentLanguageInSubdir: true,
    contentDir: 'content/shared',
    languages: {
      en: { weight: 1, contentDir: 'content/english' },
      fr: { weight: 2, contentDir: './content/french/' },
      de: { weight: 3 }
    }
  }

  it('lists each folder once, in the first language reading it', () => {
    expect(site(config).hugo?.contentMounts).toEqual([
      { dir: 'content/english', lang: 'en' },
      { dir: 'content/french', lang: 'fr' },
      { dir: 'content/shared', lang: 'de' }
    ])
  })

  it.each([
    ['content/english/posts/a.md', 'https://example.org/en/posts/a/'],
    ['content/french/posts/a.md', 'https://example.org/fr/posts/a/'],
    ['content/french/posts/a.en.md', 'https://example.org/en/posts/a/'],
    ['content/shared/posts/a.md', 'https://example.org/de/posts/a/'],
    ['content/shared/posts/a.fr.md', 'https://example.org/fr/posts/a/']
  ])('%s → %s', (path, expected) => {
    expect(isHugoPost(path, site(config))).toBe(true)
    expect(url(config, path)).toBe(expected)
  })

  it('reads no file outside them', () => {
    expect(isHugoPost('content/posts/a.md', site(config))).toBe(false)
  })

  it('keeps the plain form when there is one folder in the default language', () => {
    expect(site({ contentDir: 'src' }).hugo?.contentMounts).toBeUndefined()
  })
})

describe('Hugo disabled languages', () => {
  const config = {
    disableLanguages: ['DE'],
    languages: { en: { weight: 1 }, de: {}, it: { disabled: true }, fr: {} }
  }

  it('builds no page in them', () => {
    expect(site(config).hugo?.disabledLanguages).toEqual(['de', 'it'])
    expect(isHugoPost('content/posts/a.de.md', site(config))).toBe(false)
    expect(isHugoPost('content/posts/a.it.md', site(config))).toBe(false)
    expect(isHugoPost('content/posts/a.fr.md', site(config))).toBe(true)
  })

  it('counts only built languages for the prefix', () => {
    const two = { languages: { en: {}, de: { disabled: true } } }
    expect(hugoLanguageLink('en', site(two)).prefix).toBe('')
  })
})

describe('Hugo multihost', () => {
  const config = {
    baseURL: 'https://example.com/',
    languages: {
      en: { weight: 1, baseURL: 'https://example.org/' },
      fr: { weight: 2, baseURL: 'https://fr.example.org/blog/' }
    }
  }

  it("puts each language's pages under its own base URL, without prefix", () => {
    expect(site(config).url).toBe('https://example.org')
    expect(url(config, 'content/posts/a.md')).toBe(
      'https://example.org/posts/a/'
    )
    expect(url(config, 'content/posts/a.fr.md')).toBe(
      'https://fr.example.org/blog/posts/a/'
    )
    expect(url(config, 'content/posts/a.fr.md', { url: 'rel/' })).toBe(
      'https://fr.example.org/blog/rel/'
    )
    expect(url(config, 'content/posts/a.fr.md', { url: '/abs/' })).toBe(
      'https://fr.example.org/blog/abs/'
    )
  })

  it('finds each language in its own folder of the built site', () => {
    const roots = [
      { url: 'https://example.org', dir: 'en' },
      { url: 'https://fr.example.org/blog', dir: 'fr' }
    ]
    expect(hugoBuiltRoots(site(config))).toEqual(roots)
    expect(builtRoots(site(config))).toEqual(roots)
  })

  it('lets the site-url input move the default language', () => {
    const s = hugoSite(config, { siteUrl: 'https://staging.example.org/' })
    expect(postUrl('content/posts/a.md', {}, s).url).toBe(
      'https://staging.example.org/posts/a/'
    )
  })

  it("is not multihost with one language, whose baseURL is the site's", () => {
    const one = { languages: { en: { baseURL: 'https://example.net/' } } }
    expect(site(one).hugo?.languageBaseUrls).toBeUndefined()
    expect(builtRoots(site(one))).toEqual([
      { url: 'https://example.net', dir: '' }
    ])
  })
})
