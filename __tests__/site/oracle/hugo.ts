/**
 * The oracle's Hugo fixture sites: one set of pages (names, slugs, urls,
 * bundles, dates, drafts, front-matter formats, bodies) under several
 * configs, permalink patterns, and languages by suffix and content dir.
 */
import { LONG_BODY, QUOTES_BODY, RICH_BODY } from './bodies.js'
import { post, raw } from './fixture.js'
import type { OracleSite, SiteFile } from './fixture.js'

const toml = { format: 'toml' } as const
const json = { format: 'json' } as const

/** Pages every Hugo default-URL site carries (under content/). */
const HUGO_PAGES: SiteFile[] = [
  post('content/posts/hello-world.md', 'title: Hello World\ndate: 2021-03-04'),
  post(
    'content/posts/Mixed Case Name.md',
    'title: Mixed\ndate: 2021-03-04T10:00:00'
  ),
  post('content/posts/héllo wörld.md', 'title: Accents\ndate: 2021-03-05'),
  post(
    'content/posts/日本語のタイトル.md',
    'title: Japanese\ndate: 2021-03-06'
  ),
  post('content/posts/with.dots.md', 'title: Dots\ndate: 2021-03-07'),
  post('content/posts/under_score #hash+plus~tilde@at.md', 'date: 2021-03-08'),
  post("content/posts/punct !$&'()*,;=.md", 'date: 2021-03-09'),
  post('content/posts/percent 100%.md', 'date: 2021-03-10'),
  post('content/posts/  spaced   out  .md', 'date: 2021-03-11'),
  post('content/posts/slugged.md', 'slug: My Custom Slug!\ndate: 2021-03-12'),
  post('content/posts/empty-slug.md', 'slug: ""\ndate: 2021-03-12'),
  post('content/posts/url-abs.md', 'url: /custom/Path/\ndate: 2021-03-13'),
  post('content/posts/url-no-slash.md', 'url: /custom/file\ndate: 2021-03-13'),
  post('content/posts/url-ext.md', 'url: /custom/file.html\ndate: 2021-03-13'),
  post(
    'content/posts/url-relative.md',
    'url: relative/Path/\ndate: 2021-03-13'
  ),
  post('content/posts/url-space.md', 'url: /with space/ü/\ndate: 2021-03-13'),
  post('content/posts/bundle/index.md', 'title: Bundle\ndate: 2021-03-14'),
  post(
    'content/posts/Bundle Two/index.md',
    'title: Bundle Two\ndate: 2021-03-14'
  ),
  post(
    'content/posts/bundle-slug/index.md',
    'slug: Slug Of Bundle\ndate: 2021-03-14'
  ),
  post(
    'content/posts/nested/deeper/page.md',
    'title: Nested\ndate: 2021-03-15'
  ),
  post('content/posts/_index.md', 'title: Posts list'),
  post('content/blog/_index.md', 'title: Blog'),
  post('content/blog/entry.md', 'title: Entry\ndate: 2021-03-16'),
  post('content/blog/sub/_index.md', 'title: Sub section'),
  post('content/blog/sub/entry.md', 'title: Sub entry\ndate: 2021-03-16'),
  post('content/About Me.md', 'title: About\ndate: 2021-03-17'),
  post('content/posts/draft.md', 'title: Draft\ndraft: true\ndate: 2021-03-18'),
  post('content/posts/draft-false.md', 'draft: false\ndate: 2021-03-18'),
  post('content/posts/draft-yes.md', 'draft: yes\ndate: 2021-03-18'),
  post('content/posts/draft-string.md', 'draft: "true"\ndate: 2021-03-18'),
  post('content/posts/draft-case.md', 'Draft: true\nDate: 2021-03-18'),
  post('content/posts/future.md', 'title: Future\ndate: 2099-01-01'),
  post(
    'content/posts/publish-future.md',
    'date: 2021-03-19\npublishDate: 2099-01-01'
  ),
  post(
    'content/posts/publish-past.md',
    'date: 2099-03-19\npublishDate: 2021-01-01'
  ),
  post('content/posts/expired.md', 'date: 2021-03-20\nexpiryDate: 2022-01-01'),
  post(
    'content/posts/not-expired.md',
    'date: 2021-03-20\nexpiryDate: 2099-01-01'
  ),
  post(
    'content/posts/unpublishdate.md',
    'date: 2021-03-20\nunpublishdate: 2022-01-01'
  ),
  post('content/posts/publishdate-only.md', 'publishDate: 2021-03-21T08:00:00'),
  post('content/posts/pubdate.md', 'pubdate: 2021-03-21T08:00:00Z'),
  post('content/posts/lastmod-only.md', 'lastmod: 2021-03-22'),
  post('content/posts/no-date.md', 'title: No date'),
  post('content/posts/offset.md', 'date: 2021-03-23T23:30:00-08:00'),
  post('content/posts/no-offset.md', 'date: 2021-03-23T23:30:00'),
  post('content/posts/space-time.md', 'date: 2021-03-23 23:30:00'),
  post('content/posts/quoted-date.md', 'date: "2021-03-24"'),
  post(
    'content/posts/toml.md',
    'title = "TOML"\ndate = 2021-03-25T10:00:00Z',
    toml
  ),
  post(
    'content/posts/toml-local.md',
    'title = "Local"\ndate = 2021-03-25T23:00:00',
    toml
  ),
  post(
    'content/posts/toml-date.md',
    'date = 2021-03-25\nslug = "Toml Slug"',
    toml
  ),
  post(
    'content/posts/toml-string.md',
    'date = "2021-03-25T10:00:00+05:00"',
    toml
  ),
  post('content/posts/toml-draft.md', 'date = 2021-03-25\ndraft = true', toml),
  post(
    'content/posts/json.md',
    '{"title": "JSON", "date": "2021-03-26T10:00:00+02:00"}',
    json
  ),
  post(
    'content/posts/json-draft.md',
    '{"date": "2021-03-26", "draft": true}',
    json
  ),
  post('content/posts/bom.md', 'title: BOM\ndate: 2021-03-27', { bom: true }),
  post('content/posts/crlf.md', 'title: CRLF\ndate: 2021-03-27', {
    crlf: true
  }),
  post('content/posts/bom-crlf-toml.md', 'date = 2021-03-27', {
    ...toml,
    bom: true,
    crlf: true
  }),
  post('content/posts/crlf-json.md', '{"date": "2021-03-27"}', {
    ...json,
    crlf: true
  }),
  post('content/posts/upper.MD', 'title: Upper\ndate: 2021-03-28'),
  post('content/posts/markdown-ext.markdown', 'date: 2021-03-28'),
  post('content/posts/html-page.html', 'title: HTML\ndate: 2021-03-28'),
  post('content/posts/text.txt', 'title: Text\ndate: 2021-03-28'),
  post('content/posts/Title Case/index.md', 'date: 2021-03-29'),
  post('content/Section Upper/page.md', 'date: 2021-03-30'),
  post('content/posts/no-front-matter.md'),
  // Bodies for the summary.
  post(
    'content/posts/rich-body.md',
    'title: Rich <em>body</em> &amp; more\ndate: 2021-04-10',
    { body: RICH_BODY }
  ),
  post('content/posts/long-body.md', 'title: Long\ndate: 2021-04-10', {
    body: LONG_BODY
  }),
  post('content/posts/divider.md', 'title: Divider\ndate: 2021-04-10', {
    body: 'Intro *one*.\n\nIntro [two](/x/).\n\n<!--more-->\n\nRest.\n'
  }),
  post(
    'content/posts/summary.md',
    'title: Summary\nsummary: A *hand-written* summary.\ndate: 2021-04-10'
  ),
  post('content/posts/heading-first.md', 'title: Heading\ndate: 2021-04-10', {
    body: '## A heading\n\nShort text.\n'
  }),
  post('content/posts/quotes.md', 'title: Quotes\ndate: 2021-04-10', {
    body: QUOTES_BODY
  }),
  post(
    'content/posts/toml-summary.md',
    'title = "TOML summary"\nsummary = "From TOML."\ndate = 2021-04-10',
    { ...toml, body: 'Body.\n' }
  )
]

/** A Hugo site with one config file. */
function hugo(
  name: string,
  tz: string,
  config: [string, string],
  files: SiteFile[]
): OracleSite {
  return {
    name,
    generator: 'hugo',
    tz,
    files: [raw(config[0], `${config[1]}\n`), ...files]
  }
}

/** Pages of one section, for permalink patterns. */
function sectionPages(section: string): SiteFile[] {
  const dir = `content/${section}`
  return [
    post(`${dir}/plain.md`, 'title: Plain Title\ndate: 2021-04-01'),
    post(
      `${dir}/Upper Name.md`,
      'title: Ça Va? Très Bien!\ndate: 2021-12-31T23:30:00-05:00'
    ),
    post(
      `${dir}/slugged.md`,
      'title: Has Slug\nslug: Custom Slug\ndate: 2020-02-29'
    ),
    post(`${dir}/untitled.md`, 'date: 2021-01-03'),
    post(`${dir}/bundle/index.md`, 'title: Bundle\ndate: 2021-07-04T05:06:07'),
    post(`${dir}/nested/page.md`, 'title: Nested\ndate: 2021-08-09'),
    post(`${dir}/sub/_index.md`, 'title: Sub'),
    post(`${dir}/sub/leaf.md`, 'title: In sub section\ndate: 2021-09-10'),
    post(`${dir}/sub/subsub/_index.md`, 'title: Sub sub'),
    post(`${dir}/sub/subsub/leaf.md`, 'title: Deepest\ndate: 2021-10-11'),
    post(`${dir}/url.md`, 'title: URL wins\nurl: /url-wins/\ndate: 2021-04-01'),
    post(
      `${dir}/toml.md`,
      'title = "TOML one"\ndate = 2021-05-06T07:08:09+09:00',
      toml
    )
  ]
}

const PERMALINK_SECTIONS = [
  'posts',
  'blog',
  'notes',
  'docs',
  'go',
  'deep',
  'plain'
]

export const HUGO_SITES: OracleSite[] = [
  hugo(
    'hugo-defaults-toml',
    'America/New_York',
    ['hugo.toml', 'baseURL = "https://example.org/"\ntitle = "Defaults"'],
    HUGO_PAGES
  ),
  hugo(
    'hugo-subpath-yaml',
    'Asia/Kolkata',
    [
      'config.yaml',
      'baseURL: https://example.org/blog\ntimeZone: Europe/Oslo\nremovePathAccents: true'
    ],
    HUGO_PAGES
  ),
  hugo(
    'hugo-ugly-json',
    'UTC',
    [
      'config.json',
      '{"baseURL": "https://example.org/sub/dir/", "uglyURLs": true, "disablePathToLower": true, "timeZone": "America/Los_Angeles"}'
    ],
    HUGO_PAGES
  ),
  hugo(
    'hugo-permalinks',
    'Australia/Adelaide',
    [
      'hugo.yaml',
      [
        'baseURL: https://example.org/b/',
        'timeZone: Asia/Tokyo',
        'permalinks:',
        '  posts: /:year/:month/:day/:title/',
        '  blog: /:section/:slugorfilename/',
        '  notes: /:yearday/:weekday/:weekdayname/:monthname/:filename/',
        '  docs: /:sections/:slug/',
        '  go: /:2006/:01/:02/:Jan/:January/:Monday/:Mon/:15/:04/:05/:06/:slug/',
        '  deep: /:sections[1:]/:sections[0]/:title',
        '  tail: /a/:sections[last]/b/:sections[:last]/c/:title/',
        '  plain: /fixed/:filename.html'
      ].join('\n')
    ],
    [
      ...PERMALINK_SECTIONS.flatMap(sectionPages),
      post('content/tail/one.md', 'title: One\ndate: 2021-11-01'),
      post('content/tail/sub/_index.md', 'title: Sub'),
      post('content/tail/sub/two.md', 'title: Two\ndate: 2021-11-02'),
      post('content/tail/sub/subsub/_index.md', 'title: Subsub'),
      post('content/tail/sub/subsub/three.md', 'title: Three\ndate: 2021-11-03')
    ]
  ),
  hugo(
    'hugo-permalinks-ugly',
    'UTC',
    [
      'config.toml',
      [
        'baseURL = "https://example.org"',
        'uglyURLs = true',
        'disablePathToLower = true',
        '[permalinks]',
        '  posts = "/:year/:monthname/:slug"',
        '  blog = "/:section/:title/"',
        '  notes = "/n/:slugorfilename/"',
        '  docs = "/:sections/:filename"',
        '  go = "/:2006-:01-:02/:title/"',
        '  deep = "/:sections[1:2]/:sections[0:1]/:title/"',
        '  plain = "/:year/:filename/"'
      ].join('\n')
    ],
    PERMALINK_SECTIONS.flatMap(sectionPages)
  ),
  {
    name: 'hugo-languages-subdir',
    generator: 'hugo',
    tz: 'UTC',
    files: [
      raw(
        'config/_default/hugo.toml',
        'baseURL = "https://example.org/site/"\ndefaultContentLanguage = "en"\ndefaultContentLanguageInSubdir = true\n'
      ),
      raw(
        'config/_default/languages.toml',
        '[en]\nweight = 1\n[fr]\nweight = 2\n[de]\nweight = 3\n'
      ),
      raw('config/_default/permalinks.toml', 'notes = "/:year/:title/"\n'),
      post('content/posts/hello.md', 'title: Hello\ndate: 2021-05-01'),
      post('content/posts/hello.fr.md', 'title: Bonjour\ndate: 2021-05-01'),
      post('content/posts/hello.de.md', 'title: Hallo\ndate: 2021-05-01'),
      post('content/posts/only.en.md', 'title: Only English\ndate: 2021-05-02'),
      post(
        'content/posts/seul.fr.md',
        'title: Seul\nslug: Le Slug\ndate: 2021-05-03'
      ),
      post('content/posts/bundle/index.md', 'title: Bundle\ndate: 2021-05-04'),
      post(
        'content/posts/bundle/index.fr.md',
        'title: Paquet\ndate: 2021-05-04'
      ),
      post('content/posts/url.fr.md', 'url: /absolu/\ndate: 2021-05-05'),
      post('content/posts/url-rel.fr.md', 'url: relatif/\ndate: 2021-05-05'),
      post('content/notes/note.md', 'title: A Note\ndate: 2021-05-06'),
      post('content/notes/note.fr.md', 'title: Une Note\ndate: 2021-05-06'),
      post(
        'content/notes/draft.fr.md',
        'title: Brouillon\ndraft: true\ndate: 2021-05-06'
      ),
      post('content/posts/unknown.es.md', 'title: Spanish\ndate: 2021-05-07')
    ]
  },
  hugo(
    'hugo-languages-root',
    'Europe/Paris',
    [
      'hugo.json',
      JSON.stringify({
        baseURL: 'https://example.org',
        defaultContentLanguage: 'de',
        contentDir: 'src',
        timeZone: 'Asia/Tokyo',
        languages: { de: { weight: 1 }, en: { weight: 2 } }
      })
    ],
    [
      post('src/posts/hallo.md', 'title: Hallo\ndate: 2021-06-01'),
      post('src/posts/hallo.en.md', 'title: Hello\ndate: 2021-06-01T23:00:00'),
      post('src/posts/nur.de.md', 'title: Nur Deutsch\ndate: 2021-06-02'),
      post('src/posts/Groß.md', 'date: 2021-06-03'),
      post(
        'content/posts/outside.md',
        'title: Not in contentDir\ndate: 2021-06-04'
      )
    ]
  )
]
