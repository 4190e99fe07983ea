/**
 * Hugo's dates and publication rules: its default `[frontmatter]` date
 * orders, the site zone, drafts, future and expired pages. Front matter
 * keys are case-insensitive in Hugo. Pure.
 */
import { firstDate, isoInstant, withDate } from '../dates.js'
import type { DateReading } from '../dates.js'
import type { Publication } from '../generator.js'
import type { Site } from '../site.js'
import { booleanValue, lowerKeys } from '../values.js'

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

/** The zone Hugo reads dates without offset in: `timeZone` else UTC. */
export function hugoZone(site: Site): string {
  return site.timezone ?? 'UTC'
}

/**
 * Hugo's date for a page's URL parts: `date`, else `publishDate`/
 * `pubdate`/`published`, else `lastmod`/`modified` (Hugo's default
 * `[frontmatter]` date order); a written offset is kept (Go's `time.Time`
 * keeps it), otherwise the site zone.
 */
export function hugoDate(
  data: Record<string, unknown>,
  site: Site
): DateReading {
  return firstDate(lowerKeys(data), HUGO_DATE_KEYS, hugoZone(site), false)
}

/**
 * Whether a front-matter key takes part in the date `hugoPublication`
 * gives: the publish-date keys, in any case.
 */
export function hugoDecidesDate(key: string): boolean {
  return HUGO_PUBLISH_KEYS.includes(key.toLowerCase())
}

/**
 * Hugo: `draft: true` unless `buildDrafts`; a publish date after now unless
 * `buildFuture`; an expiry date before now unless `buildExpired`.
 */
export function hugoPublication(
  raw: Record<string, unknown>,
  site: Site,
  now: Date
): Publication {
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
