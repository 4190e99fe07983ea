/**
 * Post URLs exactly as Jekyll publishes them (`Jekyll::URL`,
 * `Drops::UrlDrop`, `Utils.slugify`). Pure: a source path (relative to the
 * site root, `/`-separated), its front matter and the Site in; the URL path
 * out. The generic generator borrows the placeholders and the expansion
 * for its `permalink` input.
 */
import type { DateTime } from 'luxon'
import type { Site } from '../site.js'
import { escapeUrlPath, percentEncode } from '../url.js'
import type { UrlPath } from '../url.js'
import { nonEmptyString, unique } from '../values.js'
import { applyJekyllDefaults, categoryList } from './defaults.js'
import { JEKYLL_POST_NAME } from './posts.js'
import { jekyllDate } from './publication.js'

/** Lazily computed placeholder values: dates are only needed when used. */
export type Placeholders = Record<string, () => string>

/** Jekyll's built-in permalink styles (`Configuration#style_to_permalink`). */
export const JEKYLL_PERMALINK_STYLES: Readonly<Record<string, string>> = {
  date: '/:categories/:year/:month/:day/:title:output_ext',
  pretty: '/:categories/:year/:month/:day/:title/',
  ordinal: '/:categories/:year/:y_day/:title:output_ext',
  weekdate: '/:categories/:year/W:week/:short_day/:title:output_ext',
  none: '/:categories/:title:output_ext'
}

/** The URL path Jekyll gives a post (`Document#url`). */
export function jekyllPath(
  path: string,
  data: Record<string, unknown>,
  site: Site
): UrlPath {
  const fm = applyJekyllDefaults(path, data, site)
  const reading = jekyllDate(path, fm, site)
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
  return percentEncode(value)
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
