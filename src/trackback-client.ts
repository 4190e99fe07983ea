/**
 * One TrackBack ping over HTTP: POST the form, follow the redirects that are
 * safe to follow, read a capped answer, and say what it means.
 *
 * Every hop is checked by `urlPolicyError` and connects through agents whose
 * lookup refuses private addresses. The client also records whether the
 * request actually went out, because a ping that may have arrived must not
 * be repeated blindly.
 */
import { AsyncLocalStorage } from 'node:async_hooks'
import diagnostics from 'node:diagnostics_channel'
import http from 'node:http'
import https from 'node:https'
import type { Response } from 'node-fetch'
import {
  ADDRESS_FORBIDDEN,
  guardedLookup,
  urlPolicyError
} from './address-guard.js'
import {
  proxyFromEnv,
  ProxyHttpAgent,
  ProxyHttpsAgent,
  type ProxySettings
} from './proxy.js'
import {
  interpretResponse,
  loadResponseParser,
  plain,
  type Interpretation
} from './response.js'
import type { PingRequest } from './types.js'

/** HTTP agents for both protocols, sharing one address guard. */
export interface ClientAgents {
  http: http.Agent
  https: https.Agent
}

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
}

/** The result of one `postPing`: the verdict plus what happened on the wire. */
export type Attempt = Interpretation & {
  /** Status of the last HTTP answer, when there was one. */
  httpStatus?: number
  /** Whether any request of this attempt may have reached a receiver. */
  requestSent: boolean
  /** HTTP requests started (redirect hops count; 0 when refused up front). */
  requests?: number
}

const DEFAULT_MAX_REDIRECTS = 3
const DEFAULT_MAX_BODY_BYTES = 64 * 1024
const ACCEPT = 'text/xml, application/xml;q=0.9, */*;q=0.1'

/**
 * Make the agents `postPing` connects through: every new connection resolves
 * the host with `guardedLookup`, so the address actually used is the one
 * checked.
 */
export function createAgents(
  allowPrivateNetworks: boolean,
  keepAlive = false,
  proxies: ProxySettings = proxyFromEnv(process.env)
): ClientAgents {
  const lookup = guardedLookup(allowPrivateNetworks)
  const options = { keepAlive, lookup, maxSockets: 4 }
  // With a proxy (proxy.ts) the same lookup checks the target's addresses
  // before the proxy is asked to connect.
  if (proxies.http || proxies.https) {
    return {
      http: new ProxyHttpAgent(proxies, lookup, options),
      https: new ProxyHttpsAgent(proxies, lookup, options)
    }
  }
  return { http: new http.Agent(options), https: new https.Agent(options) }
}

/** Close the agents' sockets so nothing keeps the process alive. */
export function destroyAgents(agents: ClientAgents): void {
  agents.http.destroy()
  agents.https.destroy()
}

type Fetch = typeof import('node-fetch').default
let nodeFetch: Promise<Fetch> | undefined

/**
 * node-fetch, loaded with the first request (a dry run never needs it, and
 * start-up does not parse it).
 */
export function loadFetch(): Promise<Fetch> {
  nodeFetch ??= import('node-fetch').then((module) => module.default)
  return nodeFetch
}

/** What we learn about the request node-fetch makes for one exchange. */
interface Wire {
  /** The request body has been handed to the socket. */
  written: boolean
  /** The request went out on a kept-alive socket. */
  reusedSocket: boolean
  /**
   * A TLS handshake completed on the request's socket. Before that no byte
   * of the request can have reached the receiver's application.
   */
  secured: boolean
}

// node-fetch does not expose its ClientRequest. Node publishes every new one
// on this channel, synchronously inside fetch(), so the async context tells
// which exchange it belongs to.
const wires = new AsyncLocalStorage<Wire>()
diagnostics.subscribe('http.client.request.start', (message) => {
  const wire = wires.getStore()
  const request = (message as { request?: http.ClientRequest }).request
  if (!wire || !request) return
  request.once('socket', (socket) => {
    wire.reusedSocket = request.reusedSocket
    if (request.reusedSocket) wire.secured = true
    else socket.once('secureConnect', () => (wire.secured = true))
  })
  request.once('finish', () => {
    wire.written = true
  })
})

/** One HTTP request and its capped answer, or how it failed. */
type Exchange =
  | {
      ok: true
      status: number
      statusText: string
      location: string | null
      retryAfter: string | null
      body: string
      truncated: boolean
    }
  | { ok: false; error: unknown; timedOut: boolean; status?: number }

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
  const maxRedirects = options.maxRedirects ?? DEFAULT_MAX_REDIRECTS
  const agents = options.agents ?? createAgents(options.allowPrivateNetworks)
  const body = new URLSearchParams({
    title: request.fields.title,
    url: request.fields.url,
    excerpt: request.fields.excerpt,
    blog_name: request.fields.blog_name,
    charset: 'UTF-8'
  }).toString()

  let current = request.ping
  const visited = new Set<string>()
  let requests = 0
  let requestSent = false
  try {
    for (;;) {
      const refused = urlPolicyError(current, options.allowPrivateNetworks)
      if (refused !== undefined) {
        const what =
          requests === 0
            ? 'ping URL refused'
            : `redirect to ${showUrl(current)} refused`
        return {
          kind: 'failed',
          message: `${what}: ${refused}`,
          requestSent,
          requests
        }
      }
      visited.add(withoutHash(current))
      requests += 1
      const wire: Wire = { written: false, reusedSocket: false, secured: false }
      const exchange = await exchangeOnce(current, body, options, agents, wire)
      if (!exchange.ok) {
        const failure = describeFailure(exchange, options.timeoutMs, wire)
        if (errorCode(exchange.error) === ADDRESS_FORBIDDEN) {
          // Refused at connect time: no request was made to anyone.
          requests -= 1
          if (requests > 0) {
            failure.message = `redirect to ${showUrl(current)} refused: ${failure.message}`
          }
        }
        return {
          ...failure,
          requestSent: requestSent || wire.written,
          requests,
          ...(exchange.status !== undefined
            ? { httpStatus: exchange.status }
            : {})
        }
      }
      requestSent = true
      const status = exchange.status
      if (status >= 300 && status < 400) {
        const next = nextHop(current, exchange, status)
        if (typeof next !== 'string') {
          return { ...next, httpStatus: status, requestSent, requests }
        }
        if (visited.has(withoutHash(next))) {
          return {
            kind: 'failed',
            message: `redirect loop: HTTP ${status} back to ${showUrl(next)}`,
            httpStatus: status,
            requestSent,
            requests
          }
        }
        if (requests > maxRedirects) {
          return {
            kind: 'failed',
            message: `too many redirects (more than ${maxRedirects}); last to ${showUrl(next)}`,
            httpStatus: status,
            requestSent,
            requests
          }
        }
        current = next
        continue
      }
      await loadResponseParser()
      const verdict = interpretResponse(status, exchange.body, {
        retryAfter: exchange.retryAfter,
        statusText: exchange.statusText
      })
      const cut =
        exchange.truncated && verdict.kind !== 'sent'
          ? ` (answer cut at ${options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES} bytes)`
          : ''
      return {
        ...verdict,
        message: verdict.message + cut,
        httpStatus: status,
        requestSent,
        requests
      }
    }
  } finally {
    if (agents !== options.agents) destroyAgents(agents)
  }
}

/** POST once, read at most maxBodyBytes, all within one time limit. */
async function exchangeOnce(
  url: string,
  body: string,
  options: ClientOptions,
  agents: ClientAgents,
  wire: Wire
): Promise<Exchange> {
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES
  const controller = new AbortController()
  const timer = setTimeout(() => controller.abort(), options.timeoutMs)
  let response: Response | undefined
  try {
    const fetch = await loadFetch()
    response = await wires.run(wire, () =>
      fetch(url, {
        method: 'POST',
        body,
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8',
          'User-Agent': options.userAgent,
          Accept: ACCEPT
        },
        redirect: 'manual',
        // Without compression the byte cap is the real cap (no gzip bombs).
        compress: false,
        agent: (parsed: URL) =>
          parsed.protocol === 'https:' ? agents.https : agents.http,
        signal: controller.signal
      })
    )
    const { bytes, truncated } = await readCapped(response, maxBodyBytes)
    return {
      ok: true,
      status: response.status,
      statusText: response.statusText,
      location: response.headers.get('location'),
      retryAfter: response.headers.get('retry-after'),
      body: decodeText(bytes),
      truncated
    }
  } catch (error) {
    return {
      ok: false,
      error,
      timedOut: controller.signal.aborted,
      ...(response ? { status: response.status } : {})
    }
  } finally {
    clearTimeout(timer)
  }
}

/**
 * Read at most `maxBytes` of an answer's body. Leaving early destroys the
 * stream and its socket, so a 10 MB answer is never read, let alone
 * buffered.
 */
export async function readCapped(
  response: Response,
  maxBytes: number
): Promise<{ bytes: Buffer; truncated: boolean }> {
  const chunks: Buffer[] = []
  let size = 0
  if (response.body) {
    for await (const chunk of response.body) {
      const piece = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk)
      if (size + piece.length > maxBytes) {
        chunks.push(piece.subarray(0, maxBytes - size))
        return { bytes: Buffer.concat(chunks), truncated: true }
      }
      chunks.push(piece)
      size += piece.length
    }
  }
  return { bytes: Buffer.concat(chunks), truncated: false }
}

/**
 * The next URL for a redirect, or the verdict when it must not be followed.
 * node-fetch (like browsers) would turn a POST into a GET on 301/302/303 and
 * drop the ping, so only 307/308 and a 301/302 to the same ping URL are
 * re-POSTed.
 */
function nextHop(
  current: string,
  exchange: Extract<Exchange, { ok: true }>,
  status: number
): string | Interpretation {
  if (!exchange.location) {
    return {
      kind: 'failed',
      message: `HTTP ${status} redirect without a Location`
    }
  }
  let next: string
  try {
    next = withoutHash(new URL(exchange.location, current).href)
  } catch {
    return {
      kind: 'failed',
      message: `HTTP ${status} redirect to an invalid Location ${quoteUrl(exchange.location)}`
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

/** Turn a failed exchange into a verdict with a message people understand. */
function describeFailure(
  exchange: Extract<Exchange, { ok: false }>,
  timeoutMs: number,
  wire: Wire
): Interpretation {
  const code = errorCode(exchange.error)
  if (code === ADDRESS_FORBIDDEN) {
    return { kind: 'failed', message: reason(exchange.error) }
  }
  const answered = exchange.status !== undefined
  const tls = tlsMessage(code)
  let message: string
  if (exchange.timedOut) {
    const seconds = Math.round(timeoutMs / 100) / 10
    message = `timed out after ${seconds} s${answered ? ` while reading the answer (HTTP ${exchange.status})` : ''}`
  } else {
    message =
      NETWORK_MESSAGES[code ?? ''] ??
      tls ??
      `network error: ${reason(exchange.error)}`
  }
  // A request that never left is safe to repeat. A kept-alive socket the
  // server had already closed is the one reset Node documents as safe to
  // retry; a TLS handshake that failed kept the request in our buffers;
  // anything else after the request went out might have arrived.
  const staleSocket = code === 'ECONNRESET' && wire.reusedSocket && !answered
  const failedHandshake = tls !== undefined && !wire.secured && !answered
  const ambiguous = wire.written && !staleSocket && !failedHandshake
  return {
    kind: 'retry',
    message: ambiguous
      ? `${message} (the receiver may have got the ping)`
      : message,
    ...(ambiguous ? { ambiguous } : {})
  }
}

const NETWORK_MESSAGES: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  EPIPE: 'connection closed while sending',
  ENOTFOUND: 'host not found (DNS)',
  EAI_AGAIN: 'DNS lookup failed (temporary)',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ETIMEDOUT: 'connection timed out',
  ECONNABORTED: 'connection aborted',
  ERR_STREAM_PREMATURE_CLOSE: 'connection closed before the answer ended'
}

function tlsMessage(code: string | undefined): string | undefined {
  if (!code) return undefined
  return /^(ERR_TLS|ERR_SSL|CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED|EPROTO|HOSTNAME_MISMATCH|ERR_CERT)/.test(
    code
  )
    ? `TLS failure (${code})`
    : undefined
}

function errorCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const code = (error as { code: unknown }).code
    return typeof code === 'string' ? code : undefined
  }
  return undefined
}

/** The underlying reason of a node-fetch error, without its URL preamble. */
function reason(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error)
  return plain(text.replace(/^request to .* failed, reason: /, ''))
}

/** Bodies are UTF-8 when valid, else Latin-1 (Serendipity's ISO-8859-1). */
function decodeText(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return bytes.toString('latin1')
  }
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
