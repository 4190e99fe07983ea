/**
 * TrackBack targets as users write them in front matter: ping URLs and
 * arXiv papers (ids or links), turned into ping URLs or clear errors.
 *
 * Only the syntax is checked here; which hosts and addresses may be pinged
 * is decided where connections are made.
 */
import type { Target } from '../types.js'
import type { FrontMatterEntry } from './front-matter/index.js'
import { DEFAULT_TARGET_LIMIT, MAX_TARGET_LENGTH } from '../constants.js'

const EXPECTED =
  'Expected an http(s) ping URL or an arXiv id such as arXiv:2101.00001.'

/**
 * The archives of arXiv's old-style ids (`archive/YYMMNNN`, before April
 * 2007). Archives created later (q-fin, stat, eess, econ) never had them.
 */
const OLD_ARCHIVES = new Set([
  'acc-phys',
  'adap-org',
  'alg-geom',
  'ao-sci',
  'astro-ph',
  'atom-ph',
  'bayes-an',
  'chao-dyn',
  'chem-ph',
  'cmp-lg',
  'comp-gas',
  'cond-mat',
  'cs',
  'dg-ga',
  'funct-an',
  'gr-qc',
  'hep-ex',
  'hep-lat',
  'hep-ph',
  'hep-th',
  'math',
  'math-ph',
  'mtrl-th',
  'nlin',
  'nucl-ex',
  'nucl-th',
  'patt-sol',
  'physics',
  'plasm-ph',
  'q-alg',
  'q-bio',
  'quant-ph',
  'solv-int',
  'supr-con'
])

const ARXIV_HOSTS = new Set(['arxiv.org', 'www.arxiv.org', 'export.arxiv.org'])

/** Either a versionless id or why the text is not a valid arXiv id. */
type ArxivResult = { id: string } | { error: string }

/**
 * The versionless arXiv id named by text in any form users write, or
 * undefined: `arXiv:2101.00001v2`, `2101.00001`, `hep-th/9901001`,
 * `math.GT/0309136` (→ `math/0309136`: the subject class is not part of the
 * id), `https://arxiv.org/abs/<id>`, `/pdf/<id>[.pdf]`, `/trackback/<id>`,
 * also on www. and export. hosts, over http or https.
 */
export function arxivId(text: string): string | undefined {
  const result = parseArxiv(text.trim())
  return result !== undefined && 'id' in result ? result.id : undefined
}

/** arXiv ping URL for a versionless id: https://arxiv.org/trackback/<id> */
export function arxivPingUrl(id: string): string {
  return `https://arxiv.org/trackback/${id}`
}

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

/** At most `max` code points, with `…` when cut. */
function shorten(text: string, max: number): string {
  const points = Array.from(text.slice(0, max * 2))
  return points.length > max || text.length > max * 2
    ? `${points.slice(0, max).join('')}…`
    : text
}

// ---------------------------------------------------------------- arXiv

/**
 * Read text as an arXiv reference. Undefined when it does not look like
 * one (then it may still be a ping URL); an error when it clearly means an
 * arXiv paper but the id is wrong.
 */
function parseArxiv(text: string): ArxivResult | undefined {
  const prefixed = /^arxiv\s*:\s*(.*)$/is.exec(text)
  if (prefixed) {
    // Listings show `arXiv:2101.00001 [hep-th]`; the category is not needed.
    const id = (prefixed[1] ?? '').replace(/\s*\[[a-z.-]+\]$/i, '')
    return parseArxivId(id)
  }
  if (/^\d{4}\.\d+(?:v\d+)?$/i.test(text)) return parseArxivId(text)
  if (/^[a-z-]+(?:\.[a-z]{2})?\/\d+(?:v\d+)?$/i.test(text)) {
    return parseArxivId(text)
  }
  return parseArxivUrl(text)
}

/** An arxiv.org URL naming a paper; undefined for other hosts. */
function parseArxivUrl(text: string): ArxivResult | undefined {
  // Accept `arxiv.org/abs/…` without a scheme too: it can only mean arXiv.
  const withScheme = /^(?:www\.|export\.)?arxiv\.org\//i.test(text)
    ? `https://${text}`
    : text
  let url: URL
  try {
    url = new URL(withScheme)
  } catch {
    return undefined
  }
  if (!ARXIV_HOSTS.has(url.hostname)) return undefined
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined
  if (url.username !== '' || url.password !== '') return undefined
  const path = /^\/(?:abs|pdf|html|trackback|tb)\/(.+?)(?:\.pdf)?\/?$/i.exec(
    url.pathname
  )
  if (!path) {
    return {
      error:
        'this arXiv address does not name a paper; link its abstract page, ' +
        'https://arxiv.org/abs/<id>'
    }
  }
  let id: string
  try {
    id = decodeURIComponent(path[1] ?? '')
  } catch {
    id = path[1] ?? ''
  }
  return parseArxivId(id.replace(/^arxiv:/i, ''))
}

/** Validate an id (with optional version) and return it versionless. */
function parseArxivId(text: string): ArxivResult {
  const newStyle = /^(\d{2})(\d{2})\.(\d+)(?:v(\d+))?$/i.exec(text)
  if (newStyle) {
    const [, yy = '', mm = '', number = '', version] = newStyle
    const problem =
      monthProblem(mm) ??
      versionProblem(version) ??
      newIdProblem(`${yy}${mm}`, number)
    return problem === undefined
      ? { id: `${yy}${mm}.${number}` }
      : { error: problem }
  }
  const oldStyle =
    /^([a-z-]+)(?:\.([a-z]{2}))?\/(\d{2})(\d{2})(\d+?)(?:v(\d+))?$/i.exec(text)
  if (oldStyle) {
    const [, archive = '', , yy = '', mm = '', number = '', version] = oldStyle
    const name = archive.toLowerCase()
    const problem =
      (OLD_ARCHIVES.has(name)
        ? undefined
        : `'${archive}' is not an arXiv archive of old-style ids such as hep-th/9901001`) ??
      (number.length === 3
        ? undefined
        : 'an old-style arXiv id has 7 digits after the slash (YYMMNNN)') ??
      monthProblem(mm) ??
      versionProblem(version) ??
      oldIdProblem(Number(yy), Number(mm), number)
    return problem === undefined
      ? { id: `${name}/${yy}${mm}${number}` }
      : { error: problem }
  }
  return { error: `'${shorten(text, 60)}' is not an arXiv id` }
}

function monthProblem(mm: string): string | undefined {
  const month = Number(mm)
  return month >= 1 && month <= 12
    ? undefined
    : `month ${mm} in the arXiv id does not exist (YYMM: 01 to 12)`
}

function versionProblem(version: string | undefined): string | undefined {
  return version === undefined || /^[1-9]\d*$/.test(version)
    ? undefined
    : `arXiv versions start at v1, not v${version}`
}

/** New-style ids run from 0704 on, 4 digits after the dot until 1412. */
function newIdProblem(yymm: string, number: string): string | undefined {
  if (yymm < '0704') {
    return (
      `arXiv ids of the form YYMM.NNNNN start in April 2007 (0704); ` +
      `older papers have ids such as hep-th/9901001`
    )
  }
  const digits = yymm <= '1412' ? 4 : 5
  if (number.length !== digits) {
    return yymm <= '1412'
      ? 'arXiv ids up to 1412 have 4 digits after the dot'
      : 'arXiv ids from 1501 on have 5 digits after the dot'
  }
  if (/^0+$/.test(number)) return 'arXiv paper numbers start at 1'
  return undefined
}

/** Old-style ids run from August 1991 (9108) to March 2007 (0703). */
function oldIdProblem(
  yy: number,
  mm: number,
  number: string
): string | undefined {
  const year = yy >= 91 ? 1900 + yy : 2000 + yy
  const month = year * 12 + mm
  if (month < 1991 * 12 + 8 || month > 2007 * 12 + 3) {
    return 'old-style arXiv ids run from 9108 (August 1991) to 0703 (March 2007)'
  }
  if (number === '000') return 'arXiv paper numbers start at 1'
  return undefined
}

// ---------------------------------------------------------------- URLs

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
