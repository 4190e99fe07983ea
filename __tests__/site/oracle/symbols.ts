/**
 * Oracle sites for punctuation and symbols in every permalink token that
 * takes text (Jekyll `:title`, `:slug`, `:name`, `:categories`,
 * `:slugified_categories`; Hugo `:title`, `:slug`, `:filename`,
 * `:slugorfilename`) and in Hugo's path from the file name, which sanitizes
 * differently from its tokens. Each string comes in as a file name, a title,
 * a slug and a category where the generator allows it.
 */
import { post, raw } from './fixture.js'
import type { OracleSite, SiteFile } from './fixture.js'

/** Texts for titles, slugs and categories (YAML-quoted where written). */
export const SYMBOL_TEXTS = [
  'C++',
  'C#',
  'a + b',
  'x/y',
  'a#b',
  '50% off',
  "it's",
  'say "hi"',
  '😀 smile',
  '❤️ love',
  'é ü ñ',
  'İstanbul ΟΔΟΣ',
  '!!bang!!',
  '--dash--',
  '  spaced  ',
  '#lead',
  'trail#',
  '+plus+',
  '..',
  'x/../y',
  '%41 hex',
  '-'
]

/**
 * The texts as titles. Not `-`: the action reads a title as Markdown, where
 * `-` alone is an empty list item (its title falls back to the file name;
 * the generators keep `-`); a title matter, not a URL one.
 */
const TITLE_TEXTS = SYMBOL_TEXTS.filter((t) => t !== '-')

/** File names (without extension) a file system can hold. */
export const SYMBOL_NAMES = [
  'C++',
  'C#',
  'a + b',
  'a#b',
  '50% off',
  "it's",
  'say "hi"',
  '😀 smile',
  '❤️ love',
  'é ü ñ',
  'İstanbul ΟΔΟΣ',
  '!!bang!!',
  '--dash--',
  '(paren)',
  '@at',
  '~tilde',
  '+plus',
  'trail#',
  'a&b=c;d'
]

/** `key: "text"` as YAML (a JSON string is a YAML double-quoted one). */
export function yamlLine(key: string, text: string): string {
  return `${key}: ${JSON.stringify(text)}`
}

/** Two-digit day (or any index) 1-based: 0 → `01`. */
function two(i: number): string {
  return String(i + 1).padStart(2, '0')
}

// ================================================================== Jekyll

/** Posts named with symbols, and posts whose slug has them. */
const JEKYLL_NAMED: SiteFile[] = [
  ...SYMBOL_NAMES.map((name, i) =>
    post(`_posts/2021-02-${two(i)}-${name}.md`, yamlLine('title', name))
  ),
  ...SYMBOL_TEXTS.map((text, i) =>
    post(`_posts/2021-03-${two(i)}-slug-${i}.md`, yamlLine('slug', text))
  ),
  // Jekyll has no front-matter `url` or `aliases`: both change nothing.
  post('_posts/2021-04-01-url.md', 'url: /elsewhere/\nslug: "C# & C++"'),
  post('_posts/2021-04-02-aliases.md', 'aliases: [/old/, "C++"]')
]

/** Posts whose categories (front matter and folders) have symbols. */
const JEKYLL_CATEGORIZED: SiteFile[] = [
  ...SYMBOL_TEXTS.map((text, i) =>
    post(
      `_posts/2021-05-${two(i)}-cat-${i}.md`,
      `categories: [${JSON.stringify(text)}]`
    )
  ),
  post(
    '_posts/2021-06-01-all-cats.md',
    `categories: [${SYMBOL_TEXTS.slice(0, 8)
      .map((t) => JSON.stringify(t))
      .join(', ')}]`
  ),
  post('C++/_posts/2021-06-02-dir-cat.md', 'title: Folder C++'),
  post('a b/é/_posts/2021-06-03-dir-cats.md', 'title: Folders'),
  post('x#y/_posts/2021-06-04-dir-hash.md', 'category: "50% off"'),
  post('_posts/2021-06-05-what.md', 'categories: ["what?", "a:b", "[x]"]')
]

function jekyllSite(
  name: string,
  config: string,
  files: SiteFile[]
): OracleSite {
  return {
    name,
    generator: 'jekyll',
    tz: 'UTC',
    files: [
      raw('_config.yml', `url: https://example.org\n${config}\n`),
      ...files
    ]
  }
}

export const JEKYLL_SYMBOL_SITES: OracleSite[] = [
  jekyllSite(
    'jekyll-symbols-names',
    'permalink: /:title/:slug/:name/',
    JEKYLL_NAMED
  ),
  jekyllSite(
    'jekyll-symbols-categories',
    'permalink: /:categories/c/:slugified_categories/:title:output_ext',
    JEKYLL_CATEGORIZED
  )
]

// ==================================================================== Hugo

/** Pages named with symbols, with slugs and `url`s with symbols. */
function hugoPathPages(dir: string): SiteFile[] {
  return [
    ...SYMBOL_NAMES.map((name, i) =>
      post(`${dir}/${name}.md`, `title: Name ${i}\ndate: 2021-02-${two(i)}`)
    ),
    ...SYMBOL_TEXTS.map((text, i) =>
      post(
        `${dir}/slug-${i}.md`,
        `${yamlLine('slug', text)}\ndate: 2021-03-${two(i)}`
      )
    ),
    post(`${dir}/C# bundle/index.md`, 'title: Bundle\ndate: 2021-04-01'),
    post(`${dir}/é+ü/index.md`, 'slug: "--Ça va--"\ndate: 2021-04-02'),
    post(`${dir}/blank-slug.md`, 'slug: "   "\ndate: 2021-04-03'),
    post(`${dir}/url-plus.md`, 'url: "/C++/a b/"\ndate: 2021-04-04'),
    post(`${dir}/url-accents.md`, 'url: "/é/ü ñ/"\ndate: 2021-04-05'),
    post(`${dir}/url-dots.md`, 'url: "/x/../y/./z/"\ndate: 2021-04-06'),
    post(`${dir}/url-rel.md`, 'url: "rel+x/Ça"\ndate: 2021-04-07'),
    post(`${dir}/url-slug.md`, 'url: /u/\nslug: s\ndate: 2021-04-08'),
    post(
      `${dir}/aliased.md`,
      'aliases: [/old/aliased/, "C++/", "../up"]\ndate: 2021-04-09'
    )
  ]
}

/** One page per title and per slug, for a permalink section. */
function hugoTokenPages(section: string): SiteFile[] {
  return [
    ...TITLE_TEXTS.map((text, i) =>
      post(
        `content/${section}/title-${i}.md`,
        `${yamlLine('title', text)}\ndate: 2021-05-${two(i)}`
      )
    ),
    ...SYMBOL_TEXTS.map((text, i) =>
      post(
        `content/${section}/slug-${i}.md`,
        `title: Slug ${i}\n${yamlLine('slug', text)}\ndate: 2021-06-${two(i)}`
      )
    ),
    ...SYMBOL_NAMES.map((name, i) =>
      post(`content/${section}/${name}.md`, `date: 2021-07-${two(i)}`)
    ),
    post(`content/${section}/C# b/index.md`, 'title: B\ndate: 2021-08-01')
  ]
}

const HUGO_TOKEN_SECTIONS = ['t', 's', 'f', 'sf']

const HUGO_PERMALINKS = [
  '[permalinks]',
  '  t = "/t/:title/"',
  '  s = "/s/:slug/"',
  '  f = "/f/:filename/"',
  '  sf = "/sf/:slugorfilename/"',
  '  lit = "/a+b/c%2Bd/:title/"',
  '  bad = "/100%/:title/"'
].join('\n')

function hugoSite(name: string, config: string, files: SiteFile[]): OracleSite {
  return {
    name,
    generator: 'hugo',
    tz: 'UTC',
    files: [raw('hugo.toml', `${config}\n`), ...files]
  }
}

export const HUGO_SYMBOL_SITES: OracleSite[] = [
  hugoSite('hugo-symbols-paths', 'baseURL = "https://example.org/"', [
    ...hugoPathPages('content/posts'),
    post('content/C++ & C#/page.md', 'title: Section\ndate: 2021-04-10')
  ]),
  hugoSite(
    'hugo-symbols-paths-cased',
    'baseURL = "https://example.org/"\ndisablePathToLower = true\nremovePathAccents = true\nuglyURLs = true',
    hugoPathPages('content/posts')
  ),
  hugoSite(
    'hugo-symbols-tokens',
    `baseURL = "https://example.org/"\n${HUGO_PERMALINKS}`,
    [
      ...HUGO_TOKEN_SECTIONS.flatMap(hugoTokenPages),
      post('content/lit/x.md', 'title: A + B\ndate: 2021-09-01'),
      post('content/bad/x.md', 'title: Bad\ndate: 2021-09-02')
    ]
  ),
  hugoSite(
    'hugo-symbols-tokens-cased',
    `baseURL = "https://example.org/"\ndisablePathToLower = true\nremovePathAccents = true\nuglyURLs = true\n${HUGO_PERMALINKS}`,
    HUGO_TOKEN_SECTIONS.flatMap(hugoTokenPages)
  )
]
