/**
 * Post URLs exactly as the generators publish them. Pure: a source path
 * (relative to the site root, `/`-separated), its front matter and the Site
 * in; the absolute public URL, or why it cannot be known, out.
 *
 * One function per concern so each rule can be checked against the real
 * generator: Jekyll (`Jekyll::URL`, `Drops::UrlDrop`, `Utils.slugify`) and
 * Hugo (`page.CreateTargetPaths`, `PermalinkExpander`, `paths.Sanitize`).
 */
import type { DateTime } from 'luxon'
import { postDateTime } from './publication.js'
import {
  applyJekyllDefaults,
  categoryList,
  JEKYLL_PERMALINK_STYLES
} from './config.js'
import { inputNames } from '../settings/option-names.js'
import type { OptionNames } from '../settings/option-names.js'
import type { Site } from '../types.js'
import { errorMessage } from '../util.js'

/** A URL path relative to the site URL, or why it cannot be built. */
interface PathResult {
  path?: string
  /** An absolute URL that must not get the site URL prefix. */
  absolute?: string
  error?: string
}

/** Lazily computed placeholder values: dates are only needed when used. */
type Placeholders = Record<string, () => string>

/** Jekyll post file names (`Document::DATE_FILENAME_MATCHER`). */
const JEKYLL_POST_NAME = /^(\d{2,4}-\d{1,2}-\d{1,2})-([^/]*)(\.[^./]+)$/

/** Source extensions the action treats as posts. */
/**
 * Jekyll post extensions the action reads: its default `markdown_ext`
 * (matched in any case, as Jekyll's converter does) and HTML; all are
 * written as `.html`. Other extensions (`.txt`…) are posts to Jekyll too,
 * but keep their own output extension and are not read by the action.
 */
const JEKYLL_POST_EXTENSIONS = new Set([
  'md',
  'markdown',
  'mkdown',
  'mkdn',
  'mkd',
  'html',
  'htm'
])

/**
 * Names Jekyll's reader skips (`EntryFilter#special?`, `#backup?`): a
 * leading `.`, `_`, `#` or `~`, or a trailing `~`.
 */
const JEKYLL_SKIPPED_NAME = /^[._#~]|~$/
const HUGO_CONTENT_EXTENSIONS = new Set(['md', 'markdown', 'html'])

/**
 * Front matter as the generator sees it for this post: Jekyll `defaults`
 * whose scope matches the path (and type `posts`) applied under the post's
 * own values. Other generators: data unchanged.
 */
export function effectiveFrontMatter(
  path: string,
  data: Record<string, unknown>,
  site: Site
): Record<string, unknown> {
  return site.generator === 'jekyll'
    ? applyJekyllDefaults(path, data, site)
    : data
}

/**
 * Whether a file (path relative to the site root, `/`-separated) is a post
 * source for the generator:
 * - Jekyll: in a `_posts/` folder at any depth, named `YYYY-M-D-title.ext`
 *   with a Markdown or HTML extension in any case, no folder or name that
 *   Jekyll's reader skips (what `PostReader` reads, limited to the formats
 *   the action understands).
 * - Hugo: under `contentDir`, `.md`/`.markdown`/`.html` (lower case), not a
 *   list page (`_index.*`).
 * - Other: every file handed in.
 */
export function isPostSource(path: string, site: Site): boolean {
  const parts = path.split('/')
  const name = parts[parts.length - 1] ?? ''
  switch (site.generator) {
    case 'jekyll': {
      if (!parts.slice(0, -1).includes('_posts')) return false
      if (parts.some((p) => p !== '_posts' && JEKYLL_SKIPPED_NAME.test(p))) {
        return false
      }
      const m = JEKYLL_POST_NAME.exec(name)
      const ext = (m?.[3] ?? '').slice(1).toLowerCase()
      return m !== null && JEKYLL_POST_EXTENSIONS.has(ext)
    }
    case 'hugo': {
      const source = hugoSource(path, site)
      if (!source || source.kind === 'list') return false
      return HUGO_CONTENT_EXTENSIONS.has(source.ext)
    }
    default:
      return true
  }
}

/**
 * The post's absolute public URL (site URL + path), or an error message (no
 * site URL, unknown placeholder, missing or invalid date…); `names` words
 * the settings the messages ask for.
 */
export function postUrl(
  path: string,
  data: Record<string, unknown>,
  site: Site,
  names: OptionNames = inputNames
): { url?: string; error?: string } {
  let result: PathResult
  try {
    result =
      site.generator === 'jekyll'
        ? jekyllPath(path, data, site)
        : site.generator === 'hugo'
          ? hugoPath(path, data, site)
          : otherPath(path, data, site, names)
  } catch (e) {
    return { error: errorMessage(e) }
  }
  if (result.error !== undefined) return { error: result.error }
  if (result.absolute !== undefined) return { url: result.absolute }
  if (site.url === undefined || site.url === '') {
    return {
      error: `The site URL is unknown. Set ${names.phrase('site-url')} (or \`url\` in _config.yml / \`baseURL\` in the Hugo config).`
    }
  }
  return { url: site.url + (result.path ?? '/') }
}

// ================================================================== Jekyll

/** The URL path Jekyll gives a post (`Document#url`). */
export function jekyllPath(
  path: string,
  data: Record<string, unknown>,
  site: Site
): PathResult {
  const fm = applyJekyllDefaults(path, data, site)
  const reading = postDateTime(path, fm, site)
  if (reading.error !== undefined) return { error: reading.error }
  const written = nonEmptyString(fm.permalink)
  const template = written ?? jekyllTemplate(site)
  const placeholders = jekyllPlaceholders(path, fm, reading.date)
  return { path: expandJekyllTemplate(template, placeholders) }
}

/**
 * The posts collection's URL template: `collections.posts.permalink`, else
 * the `permalink` setting with style names expanded.
 */
export function jekyllTemplate(site: Site): string {
  const jekyll = site.jekyll
  if (jekyll?.collectionPermalink) return jekyll.collectionPermalink
  const style = jekyll?.permalink ?? 'date'
  return JEKYLL_PERMALINK_STYLES[style] ?? style
}

/**
 * The values `Drops::UrlDrop` offers a post's URL template. Dates are in the
 * site zone; names follow Ruby's `strftime` (`%b` → `Mar`, `%a` → `Thu`).
 */
export function jekyllPlaceholders(
  path: string,
  fm: Record<string, unknown>,
  date: DateTime | undefined
): Placeholders {
  const file = path.split('/').pop() ?? ''
  const stem = file.replace(/\.[^.]*$/, '')
  const slugSource = jekyllSlugSource(file, fm)
  const categories = jekyllCategories(path, fm)
  const d = (format: string) => (): string => {
    if (!date)
      throw new Error(
        `The post has no date: name it YYYY-MM-DD-title.md or set \`date\`.`
      )
    return date.setLocale('en-US').toFormat(format)
  }
  return {
    collection: () => 'posts',
    path: () => cleanedRelativePath(path),
    output_ext: () => '.html',
    name: () => jekyllSlugify(stem, 'default', false),
    title: () => jekyllSlugify(slugSource, 'pretty', true),
    slug: () => jekyllSlugify(slugSource, 'default', false),
    categories: () => unique(categories.map((c) => c.toLowerCase())).join('/'),
    slugified_categories: () =>
      unique(categories.map((c) => jekyllSlugify(c, 'default', false))).join(
        '/'
      ),
    year: d('yyyy'),
    month: d('MM'),
    day: d('dd'),
    hour: d('HH'),
    minute: d('mm'),
    second: d('ss'),
    i_day: d('d'),
    i_month: d('L'),
    short_month: d('LLL'),
    long_month: d('LLLL'),
    short_year: d('yy'),
    w_year: d('kkkk'),
    week: d('WW'),
    w_day: d('E'),
    short_day: d('ccc'),
    long_day: d('cccc'),
    y_day: d('ooo')
  }
}

/**
 * What `:title`/`:slug` are made from: front matter `slug`, else the file
 * name without date and extension, trailing dots removed
 * (`Document#populate_title`).
 */
export function jekyllSlugSource(
  file: string,
  fm: Record<string, unknown>
): string {
  const own = fm.slug
  if (own !== undefined && own !== null && own !== false && own !== '') {
    return String(own)
  }
  const m = JEKYLL_POST_NAME.exec(file)
  const slug = m ? (m[2] ?? '') : file.replace(/\.[^.]*$/, '')
  return slug.replace(/\.+$/, '')
}

/**
 * A post's categories in Jekyll's order: folders above `_posts` (or
 * `_drafts`), then `categories:` (defaults and front matter, already merged),
 * then `category:`; duplicates dropped.
 */
export function jekyllCategories(
  path: string,
  fm: Record<string, unknown>
): string[] {
  const parts = path.split('/')
  const special = parts.findIndex((p) => p === '_posts' || p === '_drafts')
  const fromPath = special > 0 ? parts.slice(0, special).filter(Boolean) : []
  const singular = fm.category
  const fromCategory =
    singular === undefined || singular === null ? [] : categoryList([singular])
  return unique([...fromPath, ...categoryList(fm.categories), ...fromCategory])
}

/**
 * `Utils.slugify`: `default` replaces every run of characters other than
 * letters, marks and digits with `-`; `pretty` also keeps `._~!$&'()+,;=@`.
 * One leading and one trailing hyphen are removed; lower-cased unless cased.
 */
export function jekyllSlugify(
  text: string,
  mode: 'default' | 'pretty',
  cased: boolean
): string {
  const pattern =
    mode === 'pretty'
      ? /[^\p{M}\p{L}\p{Nd}._~!$&'()+,;=@]+/gu
      : /[^\p{M}\p{L}\p{Nd}]+/gu
  const slug = text.replace(pattern, '-').replace(/^-|-$/g, '')
  return cased ? slug : slug.toLowerCase()
}

/**
 * Expand a Jekyll URL template (`URL#generate_url_from_drop`): each
 * `:name` is replaced by its escaped value; a name ending in `_` may stand
 * for the name without it (`/:month_:day`). An unknown name is an error, as
 * in Jekyll. The result is sanitized like `URL#sanitize_url`.
 */
export function expandJekyllTemplate(
  template: string,
  placeholders: Placeholders
): string {
  const expanded = template.replace(/:([a-z_]+)/g, (match, name: string) => {
    const pool = name.endsWith('_') ? [name, name.slice(0, -1)] : [name]
    const winner = pool.find((key) => Object.hasOwn(placeholders, key))
    const value = winner !== undefined ? placeholders[winner] : undefined
    if (winner === undefined || value === undefined) {
      throw new Error(
        `The URL template '${template}' has an unknown placeholder :${pool.join(' or :')}.`
      )
    }
    // A function, so `$&` in a value is not a replacement pattern.
    const escaped = escapeJekyllPath(value())
    return match.replace(`:${winner}`, () => escaped)
  })
  // Jekyll writes literal template text as is; its `absolute_url` filter
  // (Addressable's `normalize`) percent-encodes what a URL path cannot hold,
  // such as spaces and non-ASCII letters.
  return escapeUrlPath(sanitizeJekyllUrl(expanded))
}

/**
 * `URL.escape_path`: values of only `[a-zA-Z0-9./-]` stay; otherwise
 * characters outside RFC 3986 `pchar` and `/` are percent-encoded (UTF-8),
 * `#` included; `?` is left as Addressable leaves it.
 */
export function escapeJekyllPath(value: string): string {
  if (/^[a-zA-Z0-9./-]*$/.test(value)) return value
  return percentEncode(value, /[A-Za-z0-9\-._~!$&'()*+,;=:@/?]/)
}

/** `URL#sanitize_url`: leading slash, `..` → `/`, no `./`, no `//`. */
export function sanitizeJekyllUrl(url: string): string {
  return `/${url}`
    .split('..')
    .join('/')
    .split('./')
    .join('')
    .replace(/\/{2,}/g, '/')
}

function cleanedRelativePath(path: string): string {
  return path.replace(/\.[^./]*$/, '').replace('_posts', '')
}

// ==================================================================== Hugo

/** Where a Hugo content file sits and what kind of page it makes. */
export interface HugoSource {
  /** `page`, a leaf bundle (`index.*`) or a list page (`_index.*`). */
  kind: 'page' | 'bundle' | 'list'
  /** Folders between the content dir and the page (bundle dir excluded). */
  dirs: string[]
  /** File name without language and extension; a bundle's folder name. */
  baseName: string
  /** Language code, from the file name (`post.fr.md`) or the default. */
  lang: string
  /** Extension without the dot. */
  ext: string
}

/** Parse a path under Hugo's `contentDir`, or undefined when outside it. */
export function hugoSource(path: string, site: Site): HugoSource | undefined {
  const hugo = site.hugo
  const contentDir = hugo?.contentDir ?? 'content'
  let rel = path
  if (contentDir !== '.' && contentDir !== '') {
    if (!path.startsWith(`${contentDir}/`)) return undefined
    rel = path.slice(contentDir.length + 1)
  }
  const parts = rel.split('/').filter(Boolean)
  const file = parts.pop()
  if (file === undefined) return undefined
  const dot = file.lastIndexOf('.')
  const ext = dot > 0 ? file.slice(dot + 1) : ''
  let stem = dot > 0 ? file.slice(0, dot) : file
  const defaultLang = hugo?.defaultContentLanguage ?? 'en'
  let lang = defaultLang
  const langDot = stem.lastIndexOf('.')
  if (langDot > 0) {
    const code = stem.slice(langDot + 1).toLowerCase()
    const known = [defaultLang, ...(hugo?.languages ?? [])].map((l) =>
      l.toLowerCase()
    )
    if (known.includes(code)) {
      lang = code
      stem = stem.slice(0, langDot)
    }
  }
  if (stem === '_index')
    return { kind: 'list', dirs: parts, baseName: '', lang, ext }
  if (stem === 'index' && parts.length > 0) {
    const dir = parts.pop() ?? ''
    return { kind: 'bundle', dirs: parts, baseName: dir, lang, ext }
  }
  return { kind: 'page', dirs: parts, baseName: stem, lang, ext }
}

/** The URL path Hugo gives a page (`page.CreateTargetPaths`). */
export function hugoPath(
  path: string,
  data: Record<string, unknown>,
  site: Site
): PathResult {
  const source = hugoSource(path, site)
  if (!source) {
    return {
      error: `${path} is not under Hugo's content dir '${site.hugo?.contentDir ?? 'content'}'.`
    }
  }
  const fm = lowerKeys(data)
  const prefix = hugoLanguagePrefix(source.lang, site)
  const url = nonEmptyString(fm.url)
  if (url !== undefined) return hugoFrontMatterUrl(url, prefix)

  let elements: string[]
  if (source.kind === 'list') {
    elements = [...source.dirs]
  } else {
    const pattern = hugoPermalinkFor(source, site)
    if (pattern !== undefined) {
      const expanded = expandHugoPattern(
        pattern,
        hugoTokens(path, data, source, site)
      )
      elements = [expanded]
    } else {
      const slug = nonEmptyString(fm.slug)
      elements = [...source.dirs, slug ?? source.baseName]
    }
  }
  const body = joinPath(elements)
  // Hugo sanitizes the whole target path, suffix included: spaces before
  // the `/` or `.html` that ends it become a hyphen (`a /` → `a-/`).
  let link: string
  if (site.hugo?.uglyURLs && source.kind !== 'list' && body !== '/') {
    // `uglyURLs`: `/posts/foo.html` instead of `/posts/foo/index.html`.
    link = `${body}.html`
  } else {
    link = body === '/' ? '/' : `${body}/`
  }
  return { path: escapeUrlPath(prefix + hugoPathSanitize(link, site)) }
}

/**
 * Front matter `url`: used as written, case kept (Hugo skips sanitizing it).
 * Without a dot or with a trailing slash it names a folder (`index.html`
 * inside, link ends in `/`); a relative one gets the language prefix.
 */
function hugoFrontMatterUrl(url: string, prefix: string): PathResult {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) return { absolute: url }
  const relative = !url.startsWith('/')
  const hasSlash = url.endsWith('/')
  const hasDot = url.includes('.')
  let link = joinPath([url])
  if ((hasSlash || !hasDot) && link !== '/') link += '/'
  if (relative) link = prefix + link
  return { path: escapeUrlPath(link) }
}

/**
 * The `[permalinks]` pattern for a page: a key names a section and covers
 * pages at any depth below it (`/{posts,posts/**}`); `/` covers pages at the
 * content root. When several keys match, the longest (most specific) wins.
 */
export function hugoPermalinkFor(
  source: HugoSource,
  site: Site
): string | undefined {
  const permalinks = site.hugo?.permalinks ?? {}
  const dirs = source.dirs.map((d) => d.toLowerCase())
  let best: { key: string; pattern: string } | undefined
  for (const [rawKey, pattern] of Object.entries(permalinks)) {
    const key = rawKey.replace(/^[\s/]+|[\s/]+$/g, '').toLowerCase()
    const keyParts = key === '' ? [] : key.split('/')
    const matches =
      key === ''
        ? dirs.length === 0
        : keyParts.every((part, i) => dirs[i] === part)
    if (matches && (best === undefined || key.length > best.key.length)) {
      best = { key, pattern }
    }
  }
  return best?.pattern
}

/** The values Hugo's `PermalinkExpander` offers a page. */
function hugoTokens(
  path: string,
  data: Record<string, unknown>,
  source: HugoSource,
  site: Site
): (attr: string) => string | undefined {
  const fm = lowerKeys(data)
  // Values are sanitized here and escaped once the whole path is built.
  const urlize = (s: string): string => hugoPathSanitize(s, site)
  const date = (): DateTime => {
    const reading = postDateTime(path, data, site)
    if (reading.error !== undefined) throw new Error(reading.error)
    if (!reading.date)
      throw new Error(
        'The page has no date (`date` or `publishDate`), which its permalink pattern needs.'
      )
    return reading.date.setLocale('en-US')
  }
  const title = (): string => urlize(stringOf(fm.title))
  const slug = nonEmptyString(fm.slug)
  const filename = (): string => urlize(source.baseName)
  const sections = hugoSections(source, site)
  return (attr: string): string | undefined => {
    switch (attr) {
      case 'year':
        return String(date().year)
      case 'month':
        return date().toFormat('MM')
      case 'monthname':
        return date().toFormat('LLLL')
      case 'day':
        return date().toFormat('dd')
      case 'weekday':
        return String(date().weekday % 7)
      case 'weekdayname':
        return date().toFormat('cccc')
      case 'yearday':
        return String(date().ordinal)
      case 'section':
        return (source.dirs[0] ?? '').toLowerCase()
      case 'sections':
        return sections.join('/').toLowerCase()
      case 'title':
        return title()
      case 'slug':
        return slug !== undefined ? urlize(slug) : title()
      case 'filename':
        return filename()
      case 'slugorfilename':
        return slug !== undefined ? urlize(slug) : filename()
      case 'contentbasename':
        return filename()
      case 'slugorcontentbasename':
        return slug !== undefined ? urlize(slug) : filename()
    }
    if (attr.startsWith('sections[')) {
      return sliceSections(sections, attr.slice('sections'.length))
        .join('/')
        .toLowerCase()
    }
    return formatGoLayout(date, attr)
  }
}

/**
 * Expand a Hugo permalink pattern. `\:` is a literal colon; each `:name`
 * (optionally with a `[slice]`) is a token; an unknown one is an error, as
 * in Hugo ("permalink attribute not recognised").
 */
export function expandHugoPattern(
  pattern: string,
  token: (attr: string) => string | undefined
): string {
  const escaped = pattern.split('\\:').join('\u0000')
  const out = escaped.replace(/:\w+(\[.+?\])?/g, (match) => {
    const value = token(match.slice(1))
    if (value === undefined) {
      throw new Error(
        `Error expanding '${pattern}': permalink attribute ${match} not recognised.`
      )
    }
    return value
  })
  return out.split('\u0000').join(':')
}

/**
 * `PathSpec.MakePathSanitized`: keep letters, digits, marks, `. / \ _ # + ~
 * - @` and `%XX`; runs of spaces between kept characters become one `-`;
 * everything else is dropped. Accents removed when `removePathAccents`;
 * lower-cased unless `disablePathToLower`.
 */
export function hugoPathSanitize(text: string, site: Site): string {
  let s = text
  if (site.hugo?.removePathAccents) {
    s = s
      .normalize('NFD')
      .replace(/\p{Mn}/gu, '')
      .normalize('NFC')
  }
  const chars = Array.from(s)
  let out = ''
  let prependHyphen = false
  let wasHyphen = false
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i] ?? ''
    const allowed =
      /[\p{L}\p{Nd}\p{M}./\\_#+~\-@]/u.test(c) ||
      (c === '%' &&
        /^[0-9a-fA-F]{2}$/.test((chars[i + 1] ?? '') + (chars[i + 2] ?? '')))
    if (allowed) {
      wasHyphen = c === '-'
      if (prependHyphen) {
        if (!wasHyphen) out += '-'
        prependHyphen = false
      }
      out += c
    } else if (out.length > 0 && !wasHyphen && /\s/u.test(c)) {
      prependHyphen = true
    }
  }
  return site.hugo?.disablePathToLower ? out : out.toLowerCase()
}

/** Hugo's language prefix for links: `/fr` for other languages, and for the default one with `defaultContentLanguageInSubdir`. */
export function hugoLanguagePrefix(lang: string, site: Site): string {
  const hugo = site.hugo
  if (!hugo) return ''
  const defaultLang = hugo.defaultContentLanguage.toLowerCase()
  if (lang.toLowerCase() !== defaultLang) return `/${lang}`
  return hugo.defaultContentLanguageInSubdir ? `/${defaultLang}` : ''
}

/**
 * Go time layouts used as permalink tokens (`:2006`, `:01`, `:Jan`…): the
 * common layout elements, or undefined when the name holds none of them.
 */
export function formatGoLayout(
  date: () => DateTime,
  layout: string
): string | undefined {
  const element =
    /January|Jan|Monday|Mon|2006|002|01|02|03|04|05|06|15|_2|PM|pm|1|2|3|4|5/g
  if (!element.test(layout)) return undefined
  element.lastIndex = 0
  const d = date()
  const formats: Record<string, string> = {
    January: 'LLLL',
    Jan: 'LLL',
    Monday: 'cccc',
    Mon: 'ccc',
    '2006': 'yyyy',
    '002': 'ooo',
    '01': 'LL',
    '02': 'dd',
    '03': 'hh',
    '04': 'mm',
    '05': 'ss',
    '06': 'yy',
    '15': 'HH',
    '1': 'L',
    '2': 'd',
    '3': 'h',
    '4': 'm',
    '5': 's',
    PM: 'a'
  }
  return layout.replace(element, (el) => {
    if (el === '_2') return String(d.day).padStart(2, ' ')
    if (el === 'pm') return d.toFormat('a').toLowerCase()
    return d.toFormat(formats[el] ?? '')
  })
}

/**
 * A page's sections (`.CurrentSection.SectionsEntries`): the top-level
 * folder, then each folder below it that holds an `_index.*` file.
 */
export function hugoSections(source: HugoSource, site: Site): string[] {
  const known = new Set((site.hugo?.sections ?? []).map((d) => d.toLowerCase()))
  const out: string[] = []
  for (const [i, dir] of source.dirs.entries()) {
    const path = source.dirs.slice(0, i + 1).join('/')
    if (i > 0 && !known.has(path.toLowerCase())) break
    out.push(dir)
  }
  return out
}

/**
 * `:sections[…]` slices as current Hugo cuts them: `[n]` one section,
 * `[a:b]` a range (either end may be left out), `last` the last index;
 * out-of-range indexes give nothing.
 *
 * Hugo 0.111 (the oracle's version) differs for a page in a top-level
 * section only: there `last` counts as 1, so `[last]` is empty and
 * `[:last]` is the section. Current Hugo (`toSliceFunc`) reads `last` as
 * len - 1; the action follows it (see the oracle's documented differences).
 */
export function sliceSections(sections: string[], cut: string): string[] {
  const spec = cut.trim().toLowerCase()
  if (spec === '') return sections
  if (!/^\[.*\]$/.test(spec) || spec.length < 3) return []
  if (sections.length === 0) return []
  const inner = spec.slice(1, -1)
  const len = sections.length
  const index = (s: string, low: boolean): number => {
    if (s === '') return low ? 0 : len
    if (s === 'last') return len - 1
    const n = Math.max(0, Number.parseInt(s, 10) || 0)
    if (n >= len) return low ? -1 : len
    return n
  }
  if (!inner.includes(':')) {
    const n = index(inner, true)
    return n < 0 ? [] : sections.slice(n, n + 1)
  }
  const [a = '', b = ''] = inner.split(':')
  const from = index(a, true)
  const to = index(b, false)
  return from < 0 || to < 0 ? [] : sections.slice(from, to)
}

// =================================================================== Other

/**
 * Generators the action does not know: front matter `permalink` or `url`
 * wins; else the `permalink` input with Jekyll-style placeholders (`:title`
 * from `slug`, else the file name without a leading date).
 */
export function otherPath(
  path: string,
  data: Record<string, unknown>,
  site: Site,
  names: OptionNames = inputNames
): PathResult {
  const written = nonEmptyString(data.permalink) ?? nonEmptyString(data.url)
  if (written !== undefined && /^[a-z][a-z0-9+.-]*:\/\//i.test(written)) {
    return { absolute: written }
  }
  const template = written ?? nonEmptyString(site.permalink)
  if (template === undefined) {
    return {
      error: `Cannot tell the URL of ${path}: set ${names.phrase('permalink')} (e.g. /:year/:month/:day/:title/) or a \`permalink\` in its front matter.`
    }
  }
  const reading = postDateTime(path, data, site)
  if (reading.error !== undefined) return { error: reading.error }
  const placeholders = jekyllPlaceholders(path, data, reading.date)
  return { path: expandJekyllTemplate(template, placeholders) }
}

// ================================================================= helpers

/** Percent-encode (UTF-8, upper-case hex) every character not `keep`, leaving valid `%XX` alone. */
function percentEncode(value: string, keep: RegExp): string {
  let out = ''
  const chars = Array.from(value)
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i] ?? ''
    if (keep.test(c)) {
      out += c
    } else {
      out += Array.from(new TextEncoder().encode(c))
        .map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`)
        .join('')
    }
  }
  return out
}

/** Go's path escaping as Hugo applies it to links: keeps `%XX`, encodes `#`, `\`, spaces and non-ASCII. */
function escapeUrlPath(value: string): string {
  let out = ''
  const chars = Array.from(value)
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i] ?? ''
    if (
      c === '%' &&
      /^[0-9a-fA-F]{2}$/.test((chars[i + 1] ?? '') + (chars[i + 2] ?? ''))
    ) {
      out += c
    } else {
      out += percentEncode(c, /[A-Za-z0-9\-._~!$&'()*+,;=:@/?]/)
    }
  }
  return out
}

/** `path.Join`-like: one leading slash, no empty segments, no trailing slash. */
function joinPath(parts: string[]): string {
  const segments = parts
    .join('/')
    .split('/')
    .filter((s) => s !== '' && s !== '.')
  return `/${segments.join('/')}`
}

function unique(values: string[]): string[] {
  return [...new Set(values)]
}

function nonEmptyString(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() === '' ? undefined : value
  if (typeof value === 'number') return String(value)
  return undefined
}

function stringOf(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number'
    ? String(value)
    : ''
}

function lowerKeys(data: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(data))
    out[key.toLowerCase()] ??= value
  return out
}
