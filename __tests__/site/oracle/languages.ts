/**
 * Oracle sites for Hugo's language settings: `defaultContentLanguage` and
 * `defaultContentLanguageInSubdir` with and without a `[languages]` table,
 * one language or several, a `baseURL` per language (multihost), content in
 * a folder per language (`contentDir`) and by file suffix (`post.fr.md`),
 * disabled languages; each with front-matter `url`, `slug` and `aliases`.
 */
import { post, raw } from './fixture.js'
import type { OracleSite, SiteFile } from './fixture.js'

/**
 * Pages with `url`, `slug` and `aliases` in language `lang` (file suffix
 * `.lang`, or none when ''), in `dir`.
 */
function frontMatterPages(dir: string, lang: string): SiteFile[] {
  const s = lang === '' ? '' : `.${lang}`
  const tag = lang === '' ? 'none' : lang
  return [
    post(`${dir}/plain${s}.md`, `title: Plain ${tag}\ndate: 2021-05-01`),
    post(`${dir}/slugged${s}.md`, `slug: Slug ${tag}\ndate: 2021-05-02`),
    post(`${dir}/url-abs${s}.md`, `url: /abs-${tag}/\ndate: 2021-05-03`),
    post(`${dir}/url-rel${s}.md`, `url: rel-${tag}/x\ndate: 2021-05-04`),
    post(
      `${dir}/url-lang${s}.md`,
      `url: ${lang || 'en'}/prefixed-${tag}/\ndate: 2021-05-05`
    ),
    post(
      `${dir}/aliased${s}.md`,
      `aliases: [/old-${tag}/, "older-${tag}", /fr/x/]\ndate: 2021-05-06`
    ),
    post(
      `${dir}/all${s}.md`,
      `slug: All ${tag}\nurl: /all-${tag}/\naliases: [/all-old-${tag}/]\ndate: 2021-05-07`
    ),
    post(`${dir}/note${s}.md`, `title: Note ${tag}\ndate: 2021-05-08`)
  ]
}

function site(name: string, config: SiteFile, files: SiteFile[]): OracleSite {
  return { name, generator: 'hugo', tz: 'UTC', files: [config, ...files] }
}

const NOTES_PERMALINK = '[permalinks]\n  notes = "/:section/:year/:slug/"\n'

export const LANGUAGE_SITES: OracleSite[] = [
  // No [languages] table: one language, never in a subdir.
  site(
    'hugo-lang-none-subdir',
    raw(
      'hugo.toml',
      `baseURL = "https://example.org/"\ndefaultContentLanguage = "fr"\ndefaultContentLanguageInSubdir = true\n${NOTES_PERMALINK}`
    ),
    [
      ...frontMatterPages('content/posts', ''),
      ...frontMatterPages('content/notes', 'fr'),
      post(
        'content/posts/other.en.md',
        'title: Unknown suffix\ndate: 2021-05-09'
      )
    ]
  ),
  site(
    'hugo-lang-none-root',
    raw('config.yaml', 'baseURL: https://example.org/blog/\ntitle: No table\n'),
    [
      ...frontMatterPages('content/posts', ''),
      ...frontMatterPages('content/notes', 'en')
    ]
  ),
  // A table with one language: still one language, no subdir.
  site(
    'hugo-lang-one-subdir',
    raw(
      'hugo.toml',
      `baseURL = "https://example.org/sub/"\ndefaultContentLanguage = "de"\ndefaultContentLanguageInSubdir = true\n[languages.de]\nweight = 1\n`
    ),
    [
      ...frontMatterPages('content/posts', ''),
      ...frontMatterPages('content/notes', 'de')
    ]
  ),
  // One language with its own baseURL: that is the site's.
  site(
    'hugo-lang-one-baseurl',
    raw(
      'hugo.toml',
      'baseURL = "https://example.com/"\n[languages.en]\nbaseURL = "https://example.net/sub/"\n'
    ),
    frontMatterPages('content/posts', '')
  ),
  // Several languages, the default (not the first by weight) at the root.
  site(
    'hugo-lang-many-root',
    raw(
      'hugo.yaml',
      [
        'baseURL: https://example.org/',
        'defaultContentLanguage: fr',
        'defaultContentLanguageInSubdir: false',
        'languages:',
        '  en: {weight: 1}',
        '  fr: {weight: 2}',
        '  pt-BR: {weight: 3}',
        'permalinks:',
        '  notes: /:section/:year/:slug/',
        ''
      ].join('\n')
    ),
    [
      ...frontMatterPages('content/posts', ''),
      ...frontMatterPages('content/posts', 'en'),
      ...frontMatterPages('content/notes', 'pt-br'),
      post(
        'content/posts/upper.EN.md',
        'title: Upper suffix\ndate: 2021-05-10'
      ),
      post('content/posts/bundle/index.md', 'title: Paquet\ndate: 2021-05-11'),
      post(
        'content/posts/bundle/index.en.md',
        'title: Bundle\ndate: 2021-05-11'
      )
    ]
  ),
  // A content folder per language; one language on the global contentDir.
  site(
    'hugo-lang-contentdirs',
    raw(
      'hugo.toml',
      [
        'baseURL = "https://example.org/"',
        'defaultContentLanguage = "en"',
        'defaultContentLanguageInSubdir = true',
        'contentDir = "content/shared"',
        '[languages.en]',
        'weight = 1',
        'contentDir = "content/english"',
        '[languages.fr]',
        'weight = 2',
        'contentDir = "content/french"',
        '[languages.de]',
        'weight = 3',
        NOTES_PERMALINK
      ].join('\n')
    ),
    [
      ...frontMatterPages('content/english/posts', ''),
      ...frontMatterPages('content/french/posts', ''),
      ...frontMatterPages('content/french/notes', ''),
      ...frontMatterPages('content/shared/notes', ''),
      post(
        'content/french/posts/moved.en.md',
        'title: Suffix\ndate: 2021-05-12'
      ),
      post(
        'content/shared/posts/s.fr.md',
        'title: Shared fr\ndate: 2021-05-13'
      ),
      post('content/posts/outside.md', 'title: Outside\ndate: 2021-05-14')
    ]
  ),
  // A baseURL per language: each language is its own site (multihost).
  site(
    'hugo-lang-multihost',
    raw(
      'hugo.toml',
      [
        'baseURL = "https://example.com/"',
        'defaultContentLanguage = "en"',
        '[languages.en]',
        'baseURL = "https://example.org/"',
        'weight = 1',
        '[languages.fr]',
        'baseURL = "https://fr.example.org/blog/"',
        'weight = 2',
        NOTES_PERMALINK
      ].join('\n')
    ),
    [
      ...frontMatterPages('content/posts', ''),
      ...frontMatterPages('content/posts', 'fr'),
      ...frontMatterPages('content/notes', 'fr'),
      post('content/posts/bundle/index.md', 'title: Bundle\ndate: 2021-05-11'),
      post(
        'content/posts/bundle/index.fr.md',
        'title: Paquet\ndate: 2021-05-11'
      )
    ]
  ),
  // Languages switched off: their pages are not built.
  site(
    'hugo-lang-disabled',
    raw(
      'hugo.toml',
      [
        'baseURL = "https://example.org/"',
        'disableLanguages = ["de"]',
        '[languages.en]',
        'weight = 1',
        '[languages.de]',
        'weight = 2',
        '[languages.it]',
        'weight = 3',
        'disabled = true',
        '[languages.fr]',
        'weight = 4',
        ''
      ].join('\n')
    ),
    [
      ...frontMatterPages('content/posts', ''),
      ...frontMatterPages('content/posts', 'de'),
      ...frontMatterPages('content/posts', 'it'),
      ...frontMatterPages('content/posts', 'fr')
    ]
  )
]
