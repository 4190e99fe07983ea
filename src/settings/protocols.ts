/**
 * The `protocols` input: which notifications an article page may be sent
 * (TrackBack, Webmention, Pingback), always in that order of preference.
 */
import type { Protocol } from '../types.js'

const PROTOCOL_NAMES: readonly Protocol[] = [
  'trackback',
  'webmention',
  'pingback'
]

/**
 * The `protocols` input: names separated by commas, spaces or lines, any
 * case, in the preference order whatever order they are written in; empty
 * means all.
 */
export function parseProtocols(raw: string, problems: string[]): Protocol[] {
  const names = raw
    .toLowerCase()
    .split(/[\s,]+/)
    .filter((name) => name !== '')
  if (names.length === 0) return [...PROTOCOL_NAMES]
  const unknown = names.filter(
    (name) => !(PROTOCOL_NAMES as readonly string[]).includes(name)
  )
  if (unknown.length > 0) {
    problems.push(
      `Invalid input 'protocols': '${raw.trim()}'. Expected one or more of trackback, webmention, pingback (separated by commas).`
    )
  }
  return PROTOCOL_NAMES.filter((name) => names.includes(name))
}
