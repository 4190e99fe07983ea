/**
 * arXiv papers: the ids in every form users write them (new-style
 * `YYMM.NNNNN`, old-style `archive/YYMMNNN`, versions, `arXiv:` prefixes,
 * arxiv.org links) and the ping URL of a paper, both ways.
 */
import { shorten } from '../util.js'

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

/** Hosts whose links name arXiv papers. */
const ARXIV_HOSTS = new Set(['arxiv.org', 'www.arxiv.org', 'export.arxiv.org'])

/** Either a versionless id or why the text is not a valid arXiv id. */
export type ArxivResult = { id: string } | { error: string }

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

const ARXIV_PING = /^https:\/\/arxiv\.org\/trackback\/(.+)$/

/** The arXiv id of a ping URL to arXiv (see arxivPingUrl), or undefined. */
export function arxivIdOfPing(ping: string): string | undefined {
  return ARXIV_PING.exec(ping)?.[1]
}

/**
 * Read trimmed text as an arXiv reference. Undefined when it does not look
 * like one (then it may still be a ping URL); an error when it clearly
 * means an arXiv paper but the id is wrong.
 */
export function parseArxiv(text: string): ArxivResult | undefined {
  const prefixed = /^arxiv\s*:\s*(.*)$/is.exec(text)
  if (prefixed) {
    return parseArxivId(withoutCategory(prefixed[1] ?? ''))
  }
  // `arxiv 2101.00001`, `arXiv2101.00001`: an id without its colon.
  const spaced = /^arxiv\s*(\d.*|[a-z-]+(?:\.[a-z]{2})?\/.*)$/is.exec(text)
  if (spaced) return withoutColon(withoutCategory(spaced[1] ?? ''))
  if (/^\d{4}\.\d+(?:v\d+)?$/i.test(text)) return parseArxivId(text)
  if (/^[a-z-]+(?:\.[a-z]{2})?\/\d+(?:v\d+)?$/i.test(text)) {
    return parseArxivId(text)
  }
  return parseArxivUrl(text)
}

/** Listings show `arXiv:2101.00001 [hep-th]`; the category is not needed. */
function withoutCategory(id: string): string {
  return id.replace(/\s*\[[a-z.-]+\]$/i, '')
}

/**
 * An id written after `arxiv` without the colon: always an error, which
 * suggests the form that works when the id is valid.
 */
function withoutColon(id: string): ArxivResult {
  const parsed = parseArxivId(id)
  if ('error' in parsed) return parsed
  return {
    error:
      `this is not a URL; to name the arXiv paper, write arXiv:${id} ` +
      '(with a colon)'
  }
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
