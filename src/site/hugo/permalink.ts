/**
 * Page URLs exactly as Hugo publishes them (`page.CreateTargetPaths`,
 * `PermalinkExpander`, `paths.Sanitize`). Pure: a content path (relative to
 * the site root, `/`-separated), its front matter and the Site in; the URL
 * path out.
 */
import type { DateTime } from 'luxon'
import type { Site } from '../site.js'
import { ABSOLUTE_URL, escapeUrlPath, joinUrlPath } from '../url.js'
import type { UrlPath } from '../url.js'
import { lowerKeys, nonEmptyString, stringOf } from '../values.js'
import { hugoDate } from './publication.js'
import { hugoSections, hugoSource, sliceSections } from './source.js'
import type { HugoSource } from './source.js'

/** The URL path Hugo gives a page (`page.CreateTargetPaths`). */
export function hugoPath(
  path: string,
  data: Record<string, unknown>,
  site: Site
): UrlPath {
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
        hugoTokens(data, source, site)
      )
      elements = [expanded]
    } else {
      const slug = nonEmptyString(fm.slug)
      elements = [...source.dirs, slug ?? source.baseName]
    }
  }
  const body = joinUrlPath(elements)
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
function hugoFrontMatterUrl(url: string, prefix: string): UrlPath {
  if (ABSOLUTE_URL.test(url)) return { absolute: url }
  const relative = !url.startsWith('/')
  const hasSlash = url.endsWith('/')
  const hasDot = url.includes('.')
  let link = joinUrlPath([url])
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
  data: Record<string, unknown>,
  source: HugoSource,
  site: Site
): (attr: string) => string | undefined {
  const fm = lowerKeys(data)
  // Values are sanitized here and escaped once the whole path is built.
  const urlize = (s: string): string => hugoPathSanitize(s, site)
  const date = (): DateTime => {
    const reading = hugoDate(data, site)
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
