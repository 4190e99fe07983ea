/**
 * TrackBack targets as users write them in front matter: ping URLs and
 * arXiv papers (ids or links, read by arxiv.ts), turned into ping URLs or
 * clear errors, at most a post's limit of them.
 *
 * Only the syntax is checked here; which hosts and addresses may be pinged
 * is decided where connections are made.
 */
import type { Target } from '../types.js'
import type { FrontMatterEntry } from './front-matter/index.js'
import { DEFAULT_TARGET_LIMIT, MAX_TARGET_LENGTH } from '../constants.js'
import { shorten } from '../util.js'
import { arxivPingUrl, parseArxiv } from './arxiv.js'

const EXPECTED =
  'Expected an http(s) ping URL or an arXiv id such as arXiv:2101.00001.'

/**
 * Turn one written target into a Target: an arXiv paper (ping URL built
 * from the versionless id), an absolute http(s) ping URL (kept exactly as
 * written, surrounding whitespace trimmed), or an error saying what is
 * wrong and what is expected.
 */
export function resolveTarget(written: string, line?: number): Target {
  const base: Target = line === undefined ? { written } : { written, line }
  const invalid = (error: string): Target => ({ ...base, error })
  const text = written.trim()
  if (text === '') return invalid(`Empty target. ${EXPECTED}`)
  if (text.length > MAX_TARGET_LENGTH) {
    return invalid(
      `Target ${quote(text)} is too long (${text.length} characters; at ` +
        `most ${MAX_TARGET_LENGTH}). ${EXPECTED}`
    )
  }
  const arxiv = parseArxiv(text)
  if (arxiv !== undefined) {
    if ('error' in arxiv) {
      return invalid(
        `Invalid target ${quote(text)}: ${arxiv.error}. ${EXPECTED}`
      )
    }
    return { ...base, ping: arxivPingUrl(arxiv.id), arxivId: arxiv.id }
  }
  const problem = urlProblem(text)
  if (problem !== undefined) {
    return invalid(
      problem === ''
        ? `Invalid target ${quote(text)}. ${EXPECTED}`
        : `Invalid target ${quote(text)}: ${problem}. ${EXPECTED}`
    )
  }
  return { ...base, ping: text }
}

/**
 * All targets of a post from the front-matter entries of its key, in the
 * order written. Non-strings are invalid Targets; duplicates (same ping
 * URL) collapse keeping the first; at most `limit` entries are considered
 * and the rest reported as one invalid Target explaining the cap.
 */
export function targetsFromEntries(
  entries: FrontMatterEntry[],
  limit: number = DEFAULT_TARGET_LIMIT
): Target[] {
  const cap =
    Number.isFinite(limit) && limit >= 0
      ? Math.floor(limit)
      : DEFAULT_TARGET_LIMIT
  const targets: Target[] = []
  const seen = new Set<string>()
  for (const entry of entries.slice(0, cap)) {
    const target = targetFromEntry(entry)
    if (target.ping !== undefined) {
      if (seen.has(target.ping)) continue
      seen.add(target.ping)
    }
    targets.push(target)
  }
  if (entries.length > cap) {
    const rest = entries.length - cap
    const line = entries[cap]?.line
    const target: Target = {
      written: `${rest} more target${rest === 1 ? '' : 's'}`,
      error:
        `Too many targets: only the first ${cap} of ${entries.length} are ` +
        `used and the other ${rest} are ignored. Remove some targets.`
    }
    if (line !== undefined) target.line = line
    targets.push(target)
  }
  return targets
}

function targetFromEntry(entry: FrontMatterEntry): Target {
  // The raw text wins: YAML reads an unquoted 2101.00010 as 2101.0001.
  if (entry.text !== undefined) return resolveTarget(entry.text, entry.line)
  if (typeof entry.value === 'string') {
    return resolveTarget(entry.value, entry.line)
  }
  const written = describe(entry.value)
  const kind = kindOf(entry.value)
  const hint =
    typeof entry.value === 'number' || typeof entry.value === 'boolean'
      ? ' Put it in quotes.'
      : ''
  const target: Target = {
    written,
    error:
      `Invalid target ${written}: a target must be a string (an http(s) ` +
      `ping URL or an arXiv id such as arXiv:2101.00001), not ${kind}.${hint}`
  }
  if (entry.line !== undefined) target.line = entry.line
  return target
}

function kindOf(value: unknown): string {
  if (value === null || value === undefined) return 'an empty value'
  if (Array.isArray(value)) return 'a list'
  if (typeof value === 'object') return 'a map'
  return `a ${typeof value}`
}

/** A non-string value as the user would recognise it, kept short. */
function describe(value: unknown): string {
  let text: string
  try {
    text =
      typeof value === 'object' && value !== null
        ? JSON.stringify(value)
        : String(value)
  } catch {
    text = String(value)
  }
  return shorten(text ?? String(value), 200)
}

function quote(text: string): string {
  return `'${shorten(text, 100)}'`
}

/**
 * Why text is not an absolute http(s) URL that can be pinged as written:
 * undefined when it is, '' when it is no URL at all.
 */
function urlProblem(text: string): string | undefined {
  // eslint-disable-next-line no-control-regex
  if (/[\s\u0000-\u001f\u007f]/.test(text)) {
    return 'a URL cannot contain spaces or control characters'
  }
  if (text.includes('\\')) return 'a URL cannot contain backslashes'
  let url: URL
  try {
    url = new URL(text)
  } catch {
    return ''
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return `only http and https URLs can be pinged, not ${url.protocol}`
  }
  // `https:example.org` and `http:///x` parse, but only by URL repair.
  if (!/^https?:\/\/[^/?#]/i.test(text)) {
    return 'write the full URL, starting with https://'
  }
  if (url.username !== '' || url.password !== '') {
    return 'a ping URL must not contain a user name or password'
  }
  return undefined
}
