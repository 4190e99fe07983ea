/**
 * What a TrackBack receiver's answer means. Pure: status, body and two
 * header values in, a verdict out.
 *
 * The TrackBack spec defines no HTTP status codes, so the verdict comes from
 * `<response><error>` first; the status only decides whether a failure is
 * worth retrying (by the retry rule, net/retry.ts). Only an explicit
 * `<error>0</error>` is success.
 */
import type { XMLParser, XMLValidator } from 'fast-xml-parser'
import {
  parseRetryAfter,
  statusMayHaveStored,
  throttleWaitMs,
  transientStatus
} from '../net/retry.js'
import { isRecord } from '../util.js'

/** The verdict on one receiver answer. */
export interface Interpretation {
  /**
   * `sent`: explicit `<error>0</error>`. `already-sent`: the receiver already
   * has a ping from this URL. `rejected`: a permanent `<error>1</error>`.
   * `retry`: transient (throttled, 5xx, network). `failed`: anything else
   * (no TrackBack answer at all).
   */
  kind: 'sent' | 'already-sent' | 'rejected' | 'retry' | 'failed'
  /** One line for people: what the receiver said or what was seen. */
  message: string
  /** How long the receiver asks us to wait before trying again. */
  retryAfterMs?: number
  /**
   * For `retry`: the receiver may have stored the ping although it did not
   * confirm it (a 500 after the insert, a gateway timeout, a connection lost
   * after the request went out). Repeating it could send it twice, so the
   * sender does not repeat it within the run.
   */
  ambiguous?: boolean
  /** For a Webmention `sent`: the receiver's status page (`Location`). */
  statusUrl?: string
}

/** The parts of the HTTP answer besides status and body that matter. */
export interface ResponseMeta {
  /** The `Retry-After` header: seconds or an HTTP-date. */
  retryAfter?: string | null
  /** The status line's reason phrase (Movable Type says `403 Throttled`). */
  statusText?: string
}

/** A TrackBack answer is a few hundred bytes; anything past this is noise. */
export const MAX_RESPONSE_CHARS = 64 * 1024
/** Longest receiver message we pass on. */
export const MAX_MESSAGE_CHARS = 200

/**
 * The answer nearly every accepting receiver sends (WordPress, arXiv,
 * Movable Type): an optional plain XML declaration, then
 * `<response><error>0</error></response>` with XML whitespace between the
 * tags. The parser would find exactly `error: '0'` in it; recognising it
 * first saves a parse and a validation per ping (a fifth of the sender's
 * CPU in a 1,000-ping run). Anything else, however close, is parsed.
 */
const PLAIN_SUCCESS =
  /^(?:<\?xml version=(["'])1\.[01]\1(?: encoding=(["'])[A-Za-z][\w.-]*\2)?(?: standalone=(["'])(?:yes|no)\3)? ?\?>[ \t\r\n]*)?<response>[ \t\r\n]*<error>[ \t\r\n]*0[ \t\r\n]*<\/error>[ \t\r\n]*<\/response>$/

const ALREADY_PINGED = /already a ping from that URL/i
const TOO_QUICKLY = /too quickly|throttl/i

/** fast-xml-parser, loaded on first use so that start-up does not parse it. */
let xml: { parser: XMLParser; validator: typeof XMLValidator } | undefined

/**
 * Load the XML parser `interpretResponse` reads answers with. Call (and
 * await) it once before `interpretResponse`; later calls return at once.
 */
export async function loadResponseParser(): Promise<void> {
  if (xml) return
  const { XMLParser, XMLValidator } = await import('fast-xml-parser')
  xml ??= {
    parser: new XMLParser({
      // Entity expansion is where the parser's advisories live; the five XML
      // entities are decoded by hand below, only in text we keep.
      processEntities: false,
      htmlEntities: false,
      parseTagValue: false,
      ignoreAttributes: true,
      ignoreDeclaration: true,
      ignorePiTags: true,
      trimValues: true,
      // WordPress and b2evolution do not escape markup inside <message>.
      stopNodes: ['response.message', 'error.message']
    }),
    validator: XMLValidator
  }
}

/**
 * Whether `interpretResponse` needs the XML parser for this body. The plain
 * success answer does not, so a run whose receivers all accept never loads
 * it: loading it when the first answers arrive delayed every host's next
 * ping.
 */
export function needsResponseParser(body: string): boolean {
  return !PLAIN_SUCCESS.test(fromDeclaration(bare(body)))
}

/**
 * The guarded XML parser and validator (no entities, no DTDs expanded),
 * for other answers read as XML (Pingback's XML-RPC). After
 * `loadResponseParser`.
 */
export function guardedXml(): NonNullable<typeof xml> {
  return loaded()
}

function loaded(): NonNullable<typeof xml> {
  if (!xml) throw new Error('loadResponseParser() was not awaited')
  return xml
}

type Parsed =
  | { shape: 'response'; error?: string; message?: string }
  | { shape: 'wp_die'; message?: string }
  | { shape: 'other'; seen: string }

/**
 * Decide what a receiver's answer means.
 *
 * @param httpStatus the HTTP status code
 * @param body the body as text (Content-Type and the XML declaration's
 *   encoding are ignored on purpose: receivers get them wrong)
 * @param headers `Retry-After` and the reason phrase, when known
 * @param now the clock for HTTP-date `Retry-After` values
 */
export function interpretResponse(
  httpStatus: number,
  body: string,
  headers: ResponseMeta = {},
  now: Date = new Date()
): Interpretation {
  const parsed = parseBody(body)
  const said = parsed.shape === 'other' ? undefined : parsed.message
  if (parsed.shape === 'response' && parsed.error !== undefined) {
    if (parsed.error === '0') {
      return { kind: 'sent', message: said ?? 'accepted' }
    }
    if (said && ALREADY_PINGED.test(said)) {
      return { kind: 'already-sent', message: said }
    }
  }
  return (
    transientVerdict(httpStatus, parsed, headers, now) ??
    refusalVerdict(httpStatus, parsed)
  )
}

/**
 * The verdict on a "not now" or a server error: `retry`, with the wait the
 * receiver asks and whether it may have stored the ping (net/retry.ts).
 * Undefined for any other answer.
 */
function transientVerdict(
  httpStatus: number,
  parsed: Parsed,
  headers: ResponseMeta,
  now: Date
): Interpretation | undefined {
  const statusLabel = `HTTP ${httpStatus}`
  const askedWait = parseRetryAfter(headers.retryAfter, now)
  const said = parsed.shape === 'other' ? undefined : parsed.message
  const saidText = said ? `: ${said}` : ''
  const throttled =
    (said !== undefined && TOO_QUICKLY.test(said)) ||
    (httpStatus === 403 && /throttl/i.test(headers.statusText ?? ''))
  if (throttled) {
    return withWait(
      {
        kind: 'retry',
        message: `throttled by the receiver (${statusLabel})${saidText}`
      },
      throttleWaitMs(askedWait)
    )
  }
  if (!transientStatus(httpStatus)) return undefined
  const ambiguous = statusMayHaveStored(httpStatus)
  const seen = parsed.shape === 'other' ? `; ${parsed.seen}` : saidText
  return withWait(
    {
      kind: 'retry',
      message: `${statusLabel}${seen}`,
      ...(ambiguous ? { ambiguous } : {})
    },
    askedWait
  )
}

/** The verdict on an answer that is neither success nor transient. */
function refusalVerdict(httpStatus: number, parsed: Parsed): Interpretation {
  const statusLabel = `HTTP ${httpStatus}`
  if (parsed.shape === 'response') {
    const said = parsed.message
    if (parsed.error === undefined) {
      return {
        kind: 'failed',
        message: `${statusLabel} with a <response> that has no <error>`
      }
    }
    if (/^[1-9]\d{0,8}$/.test(parsed.error)) {
      return { kind: 'rejected', message: said ?? `error ${parsed.error}` }
    }
    return {
      kind: 'failed',
      message: `${statusLabel} with <error> ${quote(plain(parsed.error, 20))}, neither 0 nor 1`
    }
  }
  if (parsed.shape === 'wp_die') {
    const saidText = parsed.message ? `: ${parsed.message}` : ''
    if (httpStatus === 409) {
      // wp_new_comment's "Duplicate comment detected": same author and text
      // as a stored comment under another URL (a ping from the same URL is
      // caught earlier as "already a ping"). Sending it again gets the same.
      return {
        kind: 'rejected',
        message: `${statusLabel} duplicate refused by WordPress${saidText}`
      }
    }
    return {
      kind: 'failed',
      message: `${statusLabel} with a WordPress error page${saidText}`
    }
  }
  return {
    kind: 'failed',
    message: `${statusLabel} without a TrackBack answer; ${parsed.seen}`
  }
}

function withWait(
  result: Interpretation,
  waitMs: number | undefined
): Interpretation {
  return waitMs === undefined ? result : { ...result, retryAfterMs: waitMs }
}

/** The answer capped, without a byte-order mark and outer whitespace. */
function bare(body: string): string {
  return body
    .slice(0, MAX_RESPONSE_CHARS)
    .replace(/^\uFEFF/, '')
    .trim()
}

/**
 * PHP notices printed before the answer are common on WordPress hosts; the
 * answer itself starts at its XML declaration.
 */
function fromDeclaration(text: string): string {
  const declaration = text.indexOf('<?xml')
  return declaration > 0 ? text.slice(declaration) : text
}

/** Classify the body; throws only when the parser is needed and not loaded. */
function parseBody(body: string): Parsed {
  let text = bare(body)
  if (text === '') return { shape: 'other', seen: 'empty body' }
  if (/^<!DOCTYPE\s+html|<html[\s>]/i.test(text)) {
    const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(text)?.[1]
    const titled = title ? ` titled ${quote(plain(title, 80))}` : ''
    return { shape: 'other', seen: `an HTML page${titled}` }
  }
  text = fromDeclaration(text)
  if (!text.startsWith('<')) {
    return { shape: 'other', seen: `text starting ${quote(plain(text, 60))}` }
  }
  if (PLAIN_SUCCESS.test(text)) return { shape: 'response', error: '0' }
  if (/<!(DOCTYPE|ENTITY)/i.test(text)) {
    // No TrackBack receiver sends a DTD; one here is at best noise and at
    // worst an entity-expansion attack.
    return { shape: 'other', seen: 'an XML document with a DTD (ignored)' }
  }
  // Outside the try: a parser that was not loaded is the caller's mistake,
  // not a malformed answer.
  const { parser } = loaded()
  let tree: unknown
  try {
    tree = parser.parse(text)
  } catch {
    return { shape: 'other', seen: 'malformed XML' }
  }
  if (!isRecord(tree)) return { shape: 'other', seen: 'malformed XML' }

  const response = tree.response
  if (response !== undefined) {
    // A cut-off document (`<response><error>0</error>` and nothing more)
    // parses leniently; insist on the closing tag before believing it.
    if (!/<\/response\s*>/.test(text)) {
      return { shape: 'other', seen: 'a <response> that is cut off' }
    }
    if (Array.isArray(response)) {
      return { shape: 'other', seen: 'several <response> elements' }
    }
    if (!wellFormed(text)) return { shape: 'other', seen: 'malformed XML' }
    if (!isRecord(response)) return { shape: 'response' }
    const error = response.error
    const message = readMessage(response.message)
    if (Array.isArray(error)) {
      return { shape: 'other', seen: 'a <response> with several <error>s' }
    }
    return {
      shape: 'response',
      ...(typeof error === 'string' && error.trim() !== ''
        ? { error: error.trim() }
        : {}),
      ...(message ? { message } : {})
    }
  }
  const die = tree.error
  if (isRecord(die) && die.code === 'wp_die' && wellFormed(text)) {
    const message = readMessage(die.message)
    return { shape: 'wp_die', ...(message ? { message } : {}) }
  }
  const root = Object.keys(tree).find((key) => key !== '' && key !== '#text')
  return {
    shape: 'other',
    seen: root
      ? `XML with root <${plain(root, 40)}> instead of <response>`
      : 'malformed XML'
  }
}

/**
 * Whether the document is well-formed XML apart from `<message>`'s content,
 * which WordPress and b2evolution do not escape. The parser alone is
 * lenient: it reads `<error>0</eror>` as an error of 0.
 */
function wellFormed(text: string): boolean {
  const skeleton = text.replace(
    /(<message(?:\s[^>]*)?>)[\s\S]*?(<\/message\s*>)/g,
    '$1$2'
  )
  try {
    return loaded().validator.validate(skeleton) === true
  } catch {
    return false
  }
}

function readMessage(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined
  const text = plain(value, MAX_MESSAGE_CHARS)
  return text === '' ? undefined : text
}

/**
 * Receiver text made safe to log: CDATA unwrapped, markup stripped, the five
 * XML entities and numeric references decoded (after stripping, so escaped
 * markup stays visible as text), control characters dropped, whitespace
 * folded, length capped.
 */
export function plain(raw: string, max: number = MAX_MESSAGE_CHARS): string {
  const text = raw
    .replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1')
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<\/?[a-zA-Z][^>]*>/g, ' ')
    .replace(/&(lt|gt|amp|quot|apos|#\d{1,7}|#x[0-9a-f]{1,6});/gi, decode)
    .replace(/[\p{Cc}\u2028\u2029]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text
}

const NAMED: Record<string, string> = {
  lt: '<',
  gt: '>',
  amp: '&',
  quot: '"',
  apos: "'"
}

function decode(entity: string, name: string): string {
  const named = NAMED[name.toLowerCase()]
  if (named !== undefined) return named
  const code =
    name[1] === 'x' || name[1] === 'X'
      ? parseInt(name.slice(2), 16)
      : parseInt(name.slice(1), 10)
  const valid =
    code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff)
  return valid ? String.fromCodePoint(code) : entity
}

function quote(text: string): string {
  return `'${text}'`
}
