/**
 * Whether a post is live, and its dates, by the rules of the generator that
 * builds the site. Pure: front matter in, state and ISO instants out.
 *
 * Front matter dates arrive as the strings the author wrote. Each generator
 * reads a date without an offset in its own zone: Jekyll in `timezone` (else
 * the zone of the build process), Hugo in `timeZone` (else UTC).
 */
import { DateTime } from 'luxon'
import { applyJekyllDefaults, booleanValue } from './config.js'
import type { Generator, PostState, Site } from '../types.js'

/** A date read from front matter or a file name, or why it could not be. */
export interface DateReading {
  /** In the zone the generator formats URL parts in. */
  date?: DateTime
  /** Why a written date could not be read. */
  error?: string
}

/** Jekyll post file names: `YYYY-M-D-slug.ext` (`Document::DATE_FILENAME_MATCHER`). */
const DATED_FILE_NAME = /^(\d{2,4})-(\d{1,2})-(\d{1,2})-(.*)\.([^./]+)$/

/**
 * ISO-like date strings Jekyll (Ruby `Time.parse`) and Hugo both accept:
 * `2021-03-04`, `2021-03-04 10:00`, `2021-03-04T10:00:00.5`, each time with an
 * optional `Z`, `+01:00`, `+0100` or `+01` offset.
 */
const DATE_STRING =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:[Tt]|\s+)(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*(Z|z|UTC|GMT|[+-]\d{1,2}(?::?\d{2})?)?)?$/

/**
 * Whether the post is live at `now`, per the generator's rules, plus its
 * dates as ISO strings.
 *
 * A date that cannot be read is reported in `problem` and otherwise ignored:
 * the post counts as published unless something else (draft flag, a file-name
 * date in the future) says otherwise. Jekyll would stop the build on such a
 * date and Hugo would fail the page, so nothing is pinged for it silently.
 */
export function publication(
  path: string,
  data: Record<string, unknown>,
  site: Site,
  now: Date
): { state: PostState; date?: string; dueAt?: string; problem?: string } {
  switch (site.generator) {
    case 'jekyll':
      return jekyllPublication(path, data, site, now)
    case 'hugo':
      return hugoPublication(data, site, now)
    default:
      return otherPublication(path, data, site, now)
  }
}

/** The post's date as an absolute instant (ISO 8601 UTC), or undefined. */
export function postDate(
  path: string,
  data: Record<string, unknown>,
  site: Site
): string | undefined {
  return isoInstant(postDateTime(path, data, site).date)
}

/**
 * The date a generator uses for the post's URL parts (`:year`, `:month`…),
 * in the zone it formats them in:
 * - Jekyll: front matter `date`, else the file name; converted to the site
 *   zone (Jekyll calls `Time#localtime` after setting `TZ`).
 * - Hugo: `date`, else `publishDate`/`pubdate`/`published`, else `lastmod`/
 *   `modified` (Hugo's default `[frontmatter]` date order); a written offset
 *   is kept (Go's `time.Time` keeps it), otherwise the site zone.
 * - Other: `date`, else a date at the start of the file name.
 */
export function postDateTime(
  path: string,
  data: Record<string, unknown>,
  site: Site
): DateReading {
  switch (site.generator) {
    case 'jekyll':
      return jekyllDate(path, data, site)
    case 'hugo': {
      const fm = lowerKeys(data)
      return firstDate(fm, HUGO_DATE_KEYS, hugoZone(site), false)
    }
    default: {
      const zone = otherZone(site)
      const written = readDate(data.date, zone, 'date', true)
      if (written.date || written.error) return written
      return { date: fileNameDate(path, zone) }
    }
  }
}

/**
 * Jekyll's date for a post: front matter `date` (read in the site zone
 * unless it has an offset), else the file name's date at midnight; moved
 * into the site zone. Jekyll keeps whole seconds only (it re-reads the date
 * from `Time#to_s`), so fractions are dropped.
 */
export function jekyllDate(
  path: string,
  data: Record<string, unknown>,
  site: Site
): DateReading {
  const zone = jekyllZone(site)
  const written = readDate(data.date, zone, 'date', true)
  const date = (written.date ?? fileNameDate(path, zone))?.startOf('second')
  const out: DateReading = {}
  if (date) out.date = date
  if (written.error !== undefined) out.error = written.error
  return out
}

/**
 * Read one front-matter date value written as a string (or, defensively, a
 * Date or epoch number). Without an offset the wall time is read in `zone`.
 * With `convert`, the result is moved into `zone` (Jekyll); otherwise it keeps
 * the written offset (Hugo).
 */
export function readDate(
  value: unknown,
  zone: string,
  key: string,
  convert: boolean
): DateReading {
  if (value === undefined || value === null || value === '') return {}
  if (value instanceof Date) {
    const date = DateTime.fromJSDate(value)
    return date.isValid ? { date: date.setZone(zone) } : invalid(key, value)
  }
  if (typeof value === 'number') {
    return { date: DateTime.fromSeconds(value, { zone }) }
  }
  if (typeof value !== 'string') return invalid(key, value)
  const date = parseDateString(value, zone)
  if (!date) return invalid(key, value)
  return { date: convert ? date.setZone(zone) : date }
}

/**
 * Parse an ISO-like date string; without an offset the wall time is in
 * `zone`. Returns undefined for anything else (including impossible dates
 * such as `2021-02-30`).
 */
export function parseDateString(
  text: string,
  zone: string
): DateTime | undefined {
  const m = DATE_STRING.exec(text.trim())
  if (!m) return undefined
  const [, y, mo, d, h, mi, s, frac, offset] = m
  const fields = {
    year: Number(y),
    month: Number(mo),
    day: Number(d),
    hour: Number(h ?? 0),
    minute: Number(mi ?? 0),
    second: Number(s ?? 0),
    millisecond: frac ? Math.floor(Number(`0.${frac}`) * 1000) : 0
  }
  const setZone = offset ? offsetZone(offset) : zone
  const date = DateTime.fromObject(fields, { zone: setZone })
  // Luxon rejects impossible fields (day 31 in April) and moves wall times
  // that fall in a DST gap forward, as Ruby and Go do.
  return date.isValid ? date : undefined
}

/**
 * The date in a Jekyll-style post file name (`2021-3-4-title.md`) as
 * midnight in `zone`, or undefined.
 */
export function fileNameDate(path: string, zone: string): DateTime | undefined {
  const name = path.split('/').pop() ?? ''
  const m = DATED_FILE_NAME.exec(name)
  if (!m) return undefined
  const date = DateTime.fromObject(
    { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) },
    { zone }
  )
  return date.isValid && date.day === Number(m[3]) ? date : undefined
}

/** The zone Jekyll reads dates in: `timezone:` else the build process's. */
export function jekyllZone(site: Site): string {
  return site.timezone ?? processZone()
}

/** The zone Hugo reads dates without offset in: `timeZone` else UTC. */
export function hugoZone(site: Site): string {
  return site.timezone ?? 'UTC'
}

/** Other generators: the configured zone, else the build process's. */
export function otherZone(site: Site): string {
  return site.timezone ?? processZone()
}

/** The zone of this process: `TZ` when set, else the system's. */
export function processZone(): string {
  const tz = process.env.TZ
  if (tz !== undefined && tz !== '' && DateTime.local().setZone(tz).isValid) {
    return tz
  }
  return Intl.DateTimeFormat().resolvedOptions().timeZone
}

// ------------------------------------------------------------- generators

/** Hugo's default `[frontmatter] date` order (keys lower-cased). */
const HUGO_DATE_KEYS = [
  'date',
  'publishdate',
  'pubdate',
  'published',
  'lastmod',
  'modified'
]
/** Hugo's default `[frontmatter] publishDate` order. */
const HUGO_PUBLISH_KEYS = ['publishdate', 'pubdate', 'published', 'date']
/** Hugo's default `[frontmatter] expiryDate` order. */
const HUGO_EXPIRY_KEYS = ['expirydate', 'unpublishdate']

/**
 * Whether a front-matter key takes part in the date `publication` gives:
 * Hugo's publish-date keys (in any case), else `date`. Of most posts, a scan
 * reads only these keys (post.ts's readPostDate).
 */
export function decidesDate(generator: Generator, key: string): boolean {
  return generator === 'hugo'
    ? HUGO_PUBLISH_KEYS.includes(key.toLowerCase())
    : key === 'date'
}

/**
 * Jekyll: drafts live in `_drafts/`; `published: false` hides a post; a post
 * dated after the build time is skipped unless `future: true`
 * (`Publisher#hidden_in_the_future?`, compared in whole seconds).
 */
function jekyllPublication(
  path: string,
  raw: Record<string, unknown>,
  site: Site,
  now: Date
): { state: PostState; date?: string; dueAt?: string; problem?: string } {
  const data = applyJekyllDefaults(path, raw, site)
  const { date, error } = jekyllDate(path, data, site)
  const result = withDate(date, error)
  if (/(^|\/)_drafts\//.test(path)) return { state: 'draft', ...result }
  // Only a real `false` hides a post (`data.fetch("published", true)`):
  // `published: "no"` is a string, and strings are true in Ruby.
  if (data.published === false) {
    return { state: 'unpublished', ...result }
  }
  if (
    date &&
    site.jekyll?.future !== true &&
    Math.floor(date.toSeconds()) > Math.floor(now.getTime() / 1000)
  ) {
    return { state: 'future', ...result, dueAt: isoInstant(date) }
  }
  return { state: 'published', ...result }
}

/**
 * Hugo: `draft: true` unless `buildDrafts`; a publish date after now unless
 * `buildFuture`; an expiry date before now unless `buildExpired`. Front
 * matter keys are case-insensitive in Hugo.
 */
function hugoPublication(
  raw: Record<string, unknown>,
  site: Site,
  now: Date
): { state: PostState; date?: string; dueAt?: string; problem?: string } {
  const data = lowerKeys(raw)
  const zone = hugoZone(site)
  const hugo = site.hugo
  const publish = firstDate(data, HUGO_PUBLISH_KEYS, zone, false)
  const expiry = firstDate(data, HUGO_EXPIRY_KEYS, zone, false)
  const problem = [publish.error, expiry.error].filter(Boolean).join('; ')
  const result = withDate(publish.date, problem || undefined)
  if (booleanValue(data.draft) === true && hugo?.buildDrafts !== true) {
    return { state: 'draft', ...result }
  }
  if (
    publish.date &&
    hugo?.buildFuture !== true &&
    publish.date.toMillis() > now.getTime()
  ) {
    return { state: 'future', ...result, dueAt: isoInstant(publish.date) }
  }
  if (
    expiry.date &&
    hugo?.buildExpired !== true &&
    expiry.date.toMillis() < now.getTime()
  ) {
    return { state: 'expired', ...result }
  }
  return { state: 'published', ...result }
}

/** Other generators: `draft: true` / `published: false`, and future dates. */
function otherPublication(
  path: string,
  data: Record<string, unknown>,
  site: Site,
  now: Date
): { state: PostState; date?: string; dueAt?: string; problem?: string } {
  const reading = postDateTime(path, data, site)
  const result = withDate(reading.date, reading.error)
  if (booleanValue(data.draft) === true) return { state: 'draft', ...result }
  if (booleanValue(data.published) === false) {
    return { state: 'unpublished', ...result }
  }
  if (reading.date && reading.date.toMillis() > now.getTime()) {
    return { state: 'future', ...result, dueAt: isoInstant(reading.date) }
  }
  return { state: 'published', ...result }
}

// ---------------------------------------------------------------- helpers

function firstDate(
  data: Record<string, unknown>,
  keys: string[],
  zone: string,
  convert: boolean
): DateReading {
  for (const key of keys) {
    const reading = readDate(data[key], zone, key, convert)
    if (reading.date || reading.error) return reading
  }
  return {}
}

function withDate(
  date: DateTime | undefined,
  problem: string | undefined
): { date?: string; problem?: string } {
  const out: { date?: string; problem?: string } = {}
  const iso = isoInstant(date)
  if (iso !== undefined) out.date = iso
  if (problem !== undefined) out.problem = problem
  return out
}

function isoInstant(date: DateTime | undefined): string | undefined {
  return date
    ? (date.toUTC().toISO({ suppressMilliseconds: true }) ?? undefined)
    : undefined
}

function invalid(key: string, value: unknown): DateReading {
  const shown = typeof value === 'string' ? value : JSON.stringify(value)
  return {
    error: `Invalid date '${shown}' in front matter '${key}'. Expected a form like 2021-03-04, 2021-03-04 10:00:00 +0100 or 2021-03-04T10:00:00Z.`
  }
}

function offsetZone(offset: string): string {
  if (/^(z|utc|gmt)$/i.test(offset)) return 'UTC'
  const m = /^([+-])(\d{1,2}):?(\d{2})?$/.exec(offset)
  if (!m) return 'UTC'
  const hours = (m[2] ?? '00').padStart(2, '0')
  const minutes = m[3] ?? '00'
  if (hours === '00' && minutes === '00') return 'UTC'
  return `UTC${m[1]}${hours}:${minutes}`
}

function lowerKeys(data: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(data)) {
    out[key.toLowerCase()] ??= value
  }
  return out
}
