/**
 * Page URLs exactly as Hugo 0.111 publishes them (`page.CreateTargetPaths`,
 * `PermalinkExpander`; Go's path handling in paths.ts, languages in
 * languages.ts). Pure: a content path (relative to the site root,
 * `/`-separated), its front matter and the Site in; the URL path (or a
 * multihost language's absolute URL) out.
 */
import { DateTime } from 'luxon'
import type { Site } from '../site.js'
import { joinUrlPath, percentEncode } from '../url.js'
import type { UrlPath } from '../url.js'
import { lowerKeys, stringValue } from '../values.js'
import { hugoLanguageLink } from './languages.js'
import { hugoPathSanitize, hugoQueryUnescape, hugoUrlize } from './paths.js'
import { hugoDate } from './publication.js'
import {
  hugoContentMounts,
  hugoSections,
  hugoSource,
  sliceSections
} from './source.js'
import type { HugoSource } from './source.js'

export { hugoPathSanitize } from './paths.js'

/** The URL path Hugo gives a page (`page.CreateTargetPaths`). */
export function hugoPath(
  path: string,
  data: Record<string, unknown>,
  site: Site
): UrlPath {
  const source = hugoSource(path, site)
  if (!source) {
    const dirs = hugoContentMounts(site).map((m) => `'${m.dir}'`)
    return {
      error: `${path} is not under Hugo's content dir ${dirs.join(' or ')}.`
    }
  }
  const fm = lowerKeys(data)
  const language = hugoLanguageLink(source.lang, site)
  const url = stringValue(fm.url) ?? ''
  if (url !== '') {
    return withBase(hugoFrontMatterUrl(url, language.prefix), language.baseUrl)
  }

  let elements: string[]
  let note: string | undefined
  if (source.kind === 'list') {
    elements = [...source.dirs]
  } else {
    const pattern = hugoPermalinkFor(source, site)
    const tokens = hugoTokens(data, source, site)
    const expanded =
      pattern !== undefined
        ? expandHugoPattern(pattern, tokens.value)
        : undefined
    // Hugo query-unescapes the expansion; a malformed `%` drops it.
    const unescaped =
      expanded !== undefined ? hugoQueryUnescape(expanded) : undefined
    if (unescaped !== undefined) {
      elements = [unescaped]
      if (tokens.undated()) note = UNDATED_NOTE
    } else {
      elements = [...source.dirs, hugoSlug(fm) ?? source.baseName]
    }
  }
  const body = joinUrlPath(elements)
  // Hugo sanitizes the whole target path, suffix included: spaces before
  // the `/` or `.html` that ends it become a hyphen (`a /` → `a-/`).
  let link: string
  if (site.hugo?.uglyURLs && source.kind !== 'list') {
    // `uglyURLs`: `/posts/foo.html` instead of `/posts/foo/index.html`.
    link = body === '/' ? '/.html' : `${body}.html`
  } else {
    link = body === '/' ? '/' : `${body}/`
  }
  // Deliberate difference: every character a path cannot hold is escaped,
  // `%` too. Hugo writes the page under the sanitized name as is (a `%41`
  // from a file name or slug stays `%41` on disk) but keeps `%41` in its
  // link, which a server reads as `A`; the action's URL reaches the page.
  const urlPath = percentEncode(language.prefix + hugoPathSanitize(link, site))
  return withBase(
    { path: urlPath, ...(note ? { note } : {}) },
    language.baseUrl
  )
}

/**
 * Why an undated page's URL reads `1/01/01`: a note for the run's summary.
 */
export const UNDATED_NOTE =
  'The page has no date (`date`, `publishDate` or `lastmod`), so Hugo dates it 0001-01-01 and the date parts of its URL read year 1.'

/** A multihost language's page: its own base URL before the path. */
function withBase(url: UrlPath, baseUrl: string | undefined): UrlPath {
  if (baseUrl === undefined || url.path === undefined) return url
  const { path, ...rest } = url
  return { ...rest, absolute: baseUrl + path }
}

/**
 * Hugo's `slug`: front matter `slug` as a string, hyphens trimmed from
 * both ends (`--x--` → `x`); undefined when that leaves nothing.
 */
export function hugoSlug(fm: Record<string, unknown>): string | undefined {
  const slug = (stringValue(fm.slug) ?? '').replace(/^-+|-+$/g, '')
  return slug === '' ? undefined : slug
}

/**
 * Front matter `url`: used as written, case kept (Hugo skips sanitizing it),
 * `.` and `..` resolved. Without a dot or with a trailing slash it names a
 * folder (`index.html` inside, link ends in `/`); a relative one gets the
 * language prefix. Hugo refuses an `http://` or `https://` one. A `%` is
 * escaped too: Hugo writes `url: /a%20b/` to `a%20b/index.html`.
 */
function hugoFrontMatterUrl(url: string, prefix: string): UrlPath {
  if (url.startsWith('http://') || url.startsWith('https://')) {
    return {
      error: `Hugo does not build a page whose \`url\` has a protocol (${url}): URLs with protocol (http*) are not supported.`
    }
  }
  const relative = !url.startsWith('/')
  const hasSlash = url.endsWith('/')
  const hasDot = url.includes('.')
  let link = joinUrlPath([url])
  if ((hasSlash || !hasDot) && link !== '/') link += '/'
  if (relative) link = prefix + link
  return { path: percentEncode(link) }
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

/** Go's zero time, which Hugo gives a page without any date. */
const ZERO_TIME = DateTime.fromObject(
  { year: 1, month: 1, day: 1 },
  { zone: 'UTC' }
)

/**
 * The values Hugo's `PermalinkExpander` offers a page, and whether a date
 * token fell back to the zero time (year 1) for want of a date.
 */
function hugoTokens(
  data: Record<string, unknown>,
  source: HugoSource,
  site: Site
): { value: (attr: string) => string | undefined; undated: () => boolean } {
  const fm = lowerKeys(data)
  // Values are sanitized here and escaped once the whole path is built.
  const urlize = (s: string): string => hugoUrlize(s, site)
  let undated = false
  const date = (): DateTime => {
    const reading = hugoDate(data, site)
    if (reading.error !== undefined) throw new Error(reading.error)
    if (!reading.date) undated = true
    return (reading.date ?? ZERO_TIME).setLocale('en-US')
  }
  const title = (): string => urlize(stringValue(fm.title) ?? '')
  const slug = hugoSlug(fm)
  const filename = (): string => urlize(source.baseName)
  const sections = hugoSections(source, site)
  const value = (attr: string): string | undefined => {
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
  return { value, undated: () => undated }
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
