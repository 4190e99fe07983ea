/**
 * Front-matter keys that look like a misspelling of the key holding a
 * post's TrackBack targets (`trackbacks:`, `track_back:`, `pings:`): the
 * targets under them would be ignored without a word, so each such key is
 * named with its line and the key it should be.
 */
import type { FrontMatter } from './front-matter/index.js'
import type { PostWarning } from '../types.js'
import { editDistance, shorten } from '../util.js'

/**
 * Names (letters and digits only, lower case) people give the targets key:
 * the default key's plural and `_url(s)` forms, and pings.
 */
const KNOWN_NAMES = new Set([
  'trackback',
  'trackbacks',
  'trackbackurl',
  'trackbackurls',
  'ping',
  'pings',
  'pingurl',
  'pingurls'
])

/** The key with case, `_`, `-`, spaces and the like left out. */
function normalise(key: string): string {
  return key.toLowerCase().replace(/[^a-z0-9]/g, '')
}

/** Typos allowed for a name of this length: none for short names. */
function typosAllowed(name: string): number {
  return name.length >= 8 ? 2 : name.length >= 5 ? 1 : 0
}

/** Whether `written` (normalised) is close to `name` (normalised). */
function near(written: string, name: string): boolean {
  if (written === name) return true
  if ([`${name}s`, `${name}url`, `${name}urls`].includes(written)) return true
  if (name.endsWith('s') && written === name.slice(0, -1)) return true
  const limit = typosAllowed(name)
  return (
    limit > 0 && editDistance(written, name, { limit, swaps: true }) <= limit
  )
}

/** Whether a value could hold targets: a string or a list. */
function couldBeTargets(value: unknown): boolean {
  return (
    (typeof value === 'string' && value.trim() !== '') ||
    (Array.isArray(value) && value.length > 0)
  )
}

/**
 * A warning for each top-level key of the front matter that is not `key`
 * but looks like it was meant to be (case and separators aside, a known
 * other name, or a typo or two), and holds what could be targets.
 */
export function misspelledKeys(
  matter: Pick<FrontMatter, 'data' | 'keyLine'>,
  key: string
): PostWarning[] {
  const wanted = normalise(key)
  const hasKey = Object.hasOwn(matter.data, key)
  const warnings: PostWarning[] = []
  for (const [written, value] of Object.entries(matter.data)) {
    if (written === key || !couldBeTargets(value)) continue
    const name = normalise(written)
    if (name === '') continue
    const likely =
      KNOWN_NAMES.has(name) || near(name, wanted) || near(name, 'trackback')
    if (!likely) continue
    const shown = `'${shorten(written, 60)}'`
    const message = hasKey
      ? `Front-matter key ${shown} is not read: TrackBack targets are read ` +
        `from '${key}' only. Move its targets under '${key}'.`
      : `Front-matter key ${shown} is not read, so its targets are not ` +
        `pinged: TrackBack targets are read from '${key}'. Rename ` +
        `${shown} to '${key}'.`
    const line = matter.keyLine(written)
    warnings.push(line === undefined ? { message } : { line, message })
  }
  return warnings
}
