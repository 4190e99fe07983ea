/**
 * One TrackBack ping over HTTP: POST the form, follow the redirects that are
 * safe to follow, read a capped answer, and say what it means.
 *
 * Every hop is checked by `urlPolicyError` and connects through agents whose
 * lookup refuses private addresses. The client also records whether the
 * request actually went out, because a ping that may have arrived must not
 * be repeated blindly (failure.ts says what a failed exchange means).
 */
import { ADDRESS_FORBIDDEN, urlPolicyError } from '../net/address-policy.js'
import {
  createAgents,
  destroyAgents,
  httpExchange,
  type ClientAgents,
  type Exchange
} from '../net/http-client.js'
import { decodeText, isHtmlPage } from './answer-text.js'
import { describeFailure, errorCode } from './failure.js'
import {
  interpretResponse,
  loadResponseParser,
  needsResponseParser,
  plain,
  type Interpretation
} from './trackback-answer.js'
import type { PingRequest, Protocol } from '../types.js'
import { MAX_RESPONSE_BYTES } from '../constants.js'

/** How `postPing` talks to receivers. */
export interface ClientOptions {
  /** Time limit per HTTP request: connect, headers and body together. */
  timeoutMs: number
  userAgent: string
  /** Allow loopback/private targets and any port (tests, intranets). */
  allowPrivateNetworks: boolean
  /** Redirect hops to follow (default 3). */
  maxRedirects?: number
  /** Bytes of answer to read (default 64 KiB); the rest is dropped. */
  maxBodyBytes?: number
  /**
   * Agents to reuse (keep-alive across pings). They must have been made by
   * `createAgents` with the same `allowPrivateNetworks`. Without them each
   * call makes its own and destroys them afterwards.
   */
  agents?: ClientAgents
  /** Protocols a page target may be sent by (default all; page-target.ts). */
  protocols?: readonly Protocol[]
}

/** The result of one `postPing`: the verdict plus what happened on the wire. */
export type Attempt = Interpretation & {
  /** Status of the last HTTP answer, when there was one. */
  httpStatus?: number
  /** Whether any request of this attempt may have reached a receiver. */
  requestSent: boolean
  /** HTTP requests started (redirect hops count; 0 when refused up front). */
  requests?: number
  /** A 2xx answer that is an HTML page: the URL is a page, not a ping URL. */
  htmlPage?: boolean
  /** The protocol used and the URL it was sent to, when discovered. */
  protocol?: Protocol
  endpoint?: string
  /** A page that offers no protocol (allowed): reported as an invalid target. */
  nothingFound?: boolean
}

/** A verdict on an answer, as `GuardedPost.read` gives it. */
export type Verdict = Interpretation & { htmlPage?: boolean }

const DEFAULT_MAX_REDIRECTS = 3
const ACCEPT = 'text/xml, application/xml;q=0.9, */*;q=0.1'

/** Where one ping has got to along its redirects. */
interface Hops {
  /** The URL to POST to next. */
  current: string
  /** URLs posted to (without #fragment): a redirect back to one is a loop. */
  visited: Set<string>
  /** HTTP requests started. */
  requests: number
  /** Whether any request may have reached a receiver. */
  requestSent: boolean
}

/** A POST to make along guarded redirects, and how to read its answer. */
export interface GuardedPost {
  /** Where to POST first. */
  url: string
  body: string
  contentType: string
  accept: string
  /** What the first URL is called in messages ("ping URL"). */
  what: string
  /** The verdict on a non-redirect answer (body decoded, capped). */
  read(
    status: number,
    text: string,
    exchange: Extract<Exchange, { ok: true }>
  ): Verdict | Promise<Verdict>
}

/**
 * Send one TrackBack ping and interpret the answer.
 *
 * Never throws: network trouble becomes `retry` (with `ambiguous` when the
 * request may have arrived), an address the policy forbids becomes `failed`.
 */
export async function postPing(
  request: PingRequest,
  options: ClientOptions
): Promise<Attempt> {
  const body = new URLSearchParams({
    title: request.fields.title,
    url: request.fields.url,
    excerpt: request.fields.excerpt,
    blog_name: request.fields.blog_name,
    charset: 'UTF-8'
  }).toString()
  return postGuarded(
    {
      url: request.ping,
      body,
      contentType: 'application/x-www-form-urlencoded; charset=utf-8',
      accept: ACCEPT,
      what: 'ping URL',
      read: async (status, text, exchange) => {
        if (needsResponseParser(text)) await loadResponseParser()
        const verdict = interpretResponse(status, text, {
          retryAfter: header(exchange, 'retry-after'),
          statusText: exchange.statusText
        })
        return verdict.kind === 'failed' && isHtmlPage(status, text, exchange)
          ? { ...verdict, htmlPage: true }
          : verdict
      }
    },
    options
  )
}

/**
 * POST once, following the redirects that are safe to follow for a POST
 * (nextHop), every hop checked by the address policy; the answer read by
 * `post.read`. Never throws. Webmention and Pingback use it too.
 */
export async function postGuarded(
  post: GuardedPost,
  options: ClientOptions
): Promise<Attempt> {
  const agents = options.agents ?? createAgents(options.allowPrivateNetworks)
  const hops: Hops = {
    current: post.url,
    visited: new Set(),
    requests: 0,
    requestSent: false
  }
  try {
    for (;;) {
      const attempt = await postHop(hops, post, options, agents)
      if (attempt) return attempt
    }
  } finally {
    if (agents !== options.agents) destroyAgents(agents)
  }
}

/**
 * POST to the current hop. Returns the attempt's verdict, or undefined
 * after moving `hops` on to a redirect worth following.
 */
async function postHop(
  hops: Hops,
  post: GuardedPost,
  options: ClientOptions,
  agents: ClientAgents
): Promise<Attempt | undefined> {
  const { current } = hops
  const refused = urlPolicyError(current, options.allowPrivateNetworks)
  if (refused !== undefined) {
    const what =
      hops.requests === 0
        ? `${post.what} refused`
        : `redirect to ${showUrl(current)} refused`
    return {
      kind: 'failed',
      message: `${what}: ${refused}`,
      requestSent: hops.requestSent,
      requests: hops.requests
    }
  }
  hops.visited.add(withoutHash(current))
  hops.requests += 1
  const exchange = await postOnce(current, post, options, agents)
  if (!exchange.ok) return failedHop(hops, exchange, options.timeoutMs)
  hops.requestSent = true
  const status = exchange.status
  if (status >= 300 && status < 400) {
    return redirectHop(hops, exchange, options)
  }
  const text = decodeText(exchange.body)
  const verdict = await post.read(status, text, exchange)
  const cut =
    exchange.truncated && verdict.kind !== 'sent'
      ? ` (answer cut at ${options.maxBodyBytes ?? MAX_RESPONSE_BYTES} bytes)`
      : ''
  return {
    ...verdict,
    message: verdict.message + cut,
    httpStatus: status,
    requestSent: hops.requestSent,
    requests: hops.requests
  }
}

/** The attempt after an exchange that failed (network, timeout, refused). */
function failedHop(
  hops: Hops,
  exchange: Extract<Exchange, { ok: false }>,
  timeoutMs: number
): Attempt {
  const failure = describeFailure(
    exchange,
    timeoutMs,
    hops.current.startsWith('https:')
  )
  if (errorCode(exchange.error) === ADDRESS_FORBIDDEN) {
    // Refused at connect time: no request was made to anyone.
    hops.requests -= 1
    if (hops.requests > 0) {
      failure.message = `redirect to ${showUrl(hops.current)} refused: ${failure.message}`
    }
  }
  return {
    ...failure,
    requestSent: hops.requestSent || exchange.wire.written,
    requests: hops.requests,
    ...(exchange.status !== undefined ? { httpStatus: exchange.status } : {})
  }
}

/**
 * Follow a redirect answer: undefined after moving `hops` on, or the
 * attempt's verdict when it must not be followed (nextHop), loops or goes
 * past the hop limit.
 */
function redirectHop(
  hops: Hops,
  exchange: Extract<Exchange, { ok: true }>,
  options: ClientOptions
): Attempt | undefined {
  const maxRedirects = options.maxRedirects ?? DEFAULT_MAX_REDIRECTS
  const status = exchange.status
  const seen = {
    httpStatus: status,
    requestSent: hops.requestSent,
    requests: hops.requests
  }
  const next = nextHop(hops.current, exchange, status)
  if (typeof next !== 'string') return { ...next, ...seen }
  if (hops.visited.has(withoutHash(next))) {
    return {
      kind: 'failed',
      message: `redirect loop: HTTP ${status} back to ${showUrl(next)}`,
      ...seen
    }
  }
  if (hops.requests > maxRedirects) {
    return {
      kind: 'failed',
      message: `too many redirects (more than ${maxRedirects}); last to ${showUrl(next)}`,
      ...seen
    }
  }
  hops.current = next
  return undefined
}

/** POST once, read at most maxBodyBytes, all within one time limit. */
function postOnce(
  url: string,
  post: GuardedPost,
  options: ClientOptions,
  agents: ClientAgents
): Promise<Exchange> {
  return httpExchange(new URL(url), {
    method: 'POST',
    headers: {
      'Content-Type': post.contentType,
      'User-Agent': options.userAgent,
      Accept: post.accept
    },
    body: post.body,
    agents,
    timeoutMs: options.timeoutMs,
    // No Accept-Encoding is sent, so the byte cap is the real cap (no gzip
    // bombs).
    maxBodyBytes: options.maxBodyBytes ?? MAX_RESPONSE_BYTES
  })
}

/**
 * A header of the answer, or null. Node keeps the first of repeated
 * Location and Retry-After headers (fetch joined them with commas, which
 * made a repeated Location unusable).
 */
export function header(
  answer: Extract<Exchange, { ok: true }>,
  name: 'location' | 'retry-after'
): string | null {
  return answer.headers[name] ?? null
}

/**
 * The next URL for a redirect, or the verdict when it must not be followed.
 * Browsers and fetch turn a POST into a GET on 301/302/303 and would drop
 * the ping, so only 307/308 and a 301/302 to the same ping URL are
 * re-POSTed.
 */
function nextHop(
  current: string,
  exchange: Extract<Exchange, { ok: true }>,
  status: number
): string | Interpretation {
  const location = header(exchange, 'location')
  if (!location) {
    return {
      kind: 'failed',
      message: `HTTP ${status} redirect without a Location`
    }
  }
  let next: string
  try {
    next = withoutHash(new URL(location, current).href)
  } catch {
    return {
      kind: 'failed',
      message: `HTTP ${status} redirect to an invalid Location ${quoteUrl(location)}`
    }
  }
  if (status === 307 || status === 308) return next
  if ((status === 301 || status === 302) && isSamePing(current, next)) {
    return next
  }
  const why =
    status === 301 || status === 302
      ? 'not the same ping URL, so not followed (update the ping URL if it moved)'
      : 'not followed: a POST must not become a GET'
  return {
    kind: 'failed',
    message: `HTTP ${status} redirect to ${showUrl(next)}: ${why}`
  }
}

/**
 * Whether `next` is `current` with only an http→https upgrade, a `www.`
 * added or removed, or a trailing slash added or removed. A downgrade to
 * http is not followed.
 */
export function isSamePing(current: string, next: string): boolean {
  let a: URL
  let b: URL
  try {
    a = new URL(current)
    b = new URL(next)
  } catch {
    return false
  }
  const schemeOk =
    a.protocol === b.protocol ||
    (a.protocol === 'http:' && b.protocol === 'https:')
  const bare = (host: string): string => host.replace(/^www\./, '')
  const portOk =
    a.port === b.port ||
    (a.protocol !== b.protocol && a.port === '' && b.port === '')
  const slashless = (path: string): string => path.replace(/\/+$/, '')
  return (
    schemeOk &&
    portOk &&
    bare(a.hostname) === bare(b.hostname) &&
    slashless(a.pathname) === slashless(b.pathname) &&
    a.search === b.search
  )
}

function withoutHash(url: string): string {
  const hash = url.indexOf('#')
  return hash === -1 ? url : url.slice(0, hash)
}

/** A URL fit for a log line: capped, no control characters. */
function showUrl(url: string): string {
  return plain(url, 200)
}

function quoteUrl(url: string): string {
  return `'${showUrl(url)}'`
}
