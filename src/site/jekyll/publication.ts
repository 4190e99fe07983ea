/**
 * Jekyll's dates and publication rules: a post's date from its front
 * matter or file name in the site zone, drafts, `published: false` and
 * future posts (`Publisher`). Pure.
 */
import {
  fileNameDate,
  isoInstant,
  processZone,
  readDate,
  withDate
} from '../dates.js'
import type { DateReading } from '../dates.js'
import type { Publication } from '../generator.js'
import type { Site } from '../site.js'
import { applyJekyllDefaults } from './defaults.js'

/** The zone Jekyll reads dates in: `timezone:` else the build process's. */
export function jekyllZone(site: Site): string {
  return site.timezone ?? processZone()
}

/**
 * Jekyll's date for a post: front matter `date` (read in the site zone
 * unless it has an offset), else the file name's date at midnight; moved
 * into the site zone (Jekyll calls `Time#localtime` after setting `TZ`).
 * Jekyll keeps whole seconds only (it re-reads the date from `Time#to_s`),
 * so fractions are dropped.
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
 * Jekyll: drafts live in `_drafts/`; `published: false` hides a post; a post
 * dated after the build time is skipped unless `future: true`
 * (`Publisher#hidden_in_the_future?`, compared in whole seconds).
 */
export function jekyllPublication(
  path: string,
  raw: Record<string, unknown>,
  site: Site,
  now: Date
): Publication {
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
