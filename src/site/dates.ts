/**
 * Reading the dates of posts, for every generator: front-matter values and
 * dated file names as Luxon DateTimes in a zone, and the ISO instants the
 * rest of the action keeps. Pure (but for the process's zone); which keys and
 * which zone count is each generator's rule.
 *
 * Front matter dates arrive as the strings the author wrote. Each generator
 * reads a date without an offset in its own zone: Jekyll in `timezone` (else
 * the zone of the build process), Hugo in `timeZone` (else UTC).
 */
import { DateTime } from 'luxon'

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

/** The first of `keys` that holds a date (or a broken one), as readDate reads it. */
export function firstDate(
  data: Record<string, unknown>,
  keys: readonly string[],
  zone: string,
  convert: boolean
): DateReading {
  for (const key of keys) {
    const reading = readDate(data[key], zone, key, convert)
    if (reading.date || reading.error) return reading
  }
  return {}
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

/** The zone of this process: `TZ` when set, else the system's. */
export function processZone(): string {
  const tz = process.env.TZ
  if (tz !== undefined && tz !== '' && DateTime.local().setZone(tz).isValid) {
    return tz
  }
  return Intl.DateTimeFormat().resolvedOptions().timeZone
}

/** A date as an absolute instant (ISO 8601 UTC, whole seconds unless not). */
export function isoInstant(date: DateTime | undefined): string | undefined {
  return date
    ? (date.toUTC().toISO({ suppressMilliseconds: true }) ?? undefined)
    : undefined
}

/** The `date` and `problem` of a publication, each only when there is one. */
export function withDate(
  date: DateTime | undefined,
  problem: string | undefined
): { date?: string; problem?: string } {
  const out: { date?: string; problem?: string } = {}
  const iso = isoInstant(date)
  if (iso !== undefined) out.date = iso
  if (problem !== undefined) out.problem = problem
  return out
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
