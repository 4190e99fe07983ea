/**
 * One HTTP exchange over `node:http`/`node:https`: the request, its answer
 * read up to a byte cap, all within one time limit, and what went out on
 * the wire. Pings (trackback-client.ts) and page checks (live.ts) both go
 * through it, over agents whose lookup refuses private addresses.
 *
 * A plain `http.request` rather than a fetch implementation: a run sends
 * up to a thousand small requests while 50 receivers answer at once, and
 * node-fetch spent about 1 ms of CPU per ping on Request/Headers objects,
 * an AbortSignal and stream pipelines, enough to keep the sender from the
 * receivers' pace. Here the ClientRequest is ours, so the wire facts come
 * from its own events.
 */
import http from 'node:http'
import https from 'node:https'
import { guardedLookup } from './address-policy.js'
import {
  proxyFromEnv,
  ProxyHttpAgent,
  ProxyHttpsAgent,
  type ProxySettings
} from './proxy.js'

/** HTTP agents for both protocols, sharing one address guard. */
export interface ClientAgents {
  http: http.Agent
  https: https.Agent
}

/**
 * Make the agents requests connect through: every new connection resolves
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

/** What happened on the wire during one exchange. */
export interface Wire {
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

/** One request to make. */
export interface ExchangeRequest {
  method: 'GET' | 'POST'
  headers: Record<string, string>
  body?: string
  agents: ClientAgents
  /** Time limit for connect, headers and body together. */
  timeoutMs: number
  /** Bytes of answer to read; the rest is dropped with its socket. */
  maxBodyBytes: number
  /**
   * Whether to read this answer's body (default: always). A body not read
   * is dropped with its socket rather than left hanging.
   */
  wantBody?: (status: number, headers: http.IncomingHttpHeaders) => boolean
}

/** One HTTP request and its capped answer, or how it failed. */
export type Exchange =
  | {
      ok: true
      status: number
      statusText: string
      headers: http.IncomingHttpHeaders
      body: Buffer
      /** The answer was longer than `maxBodyBytes`. */
      truncated: boolean
      wire: Wire
    }
  | {
      ok: false
      error: unknown
      /** The time limit ran out (the error is then ours, not the socket's). */
      timedOut: boolean
      /** The answer's status, when it came before the failure. */
      status?: number
      wire: Wire
    }

/**
 * Make one request and read its answer. Never throws: a failure is an
 * `Exchange` with `ok: false`, carrying the socket's error and its `code`.
 */
export function httpExchange(
  url: URL,
  request: ExchangeRequest
): Promise<Exchange> {
  return new Promise((resolve) => {
    const wire: Wire = { written: false, reusedSocket: false, secured: false }
    let status: number | undefined
    let timedOut = false
    let req: http.ClientRequest | undefined
    // The limit settles the exchange itself: destroying a request that has
    // no socket yet (a proxy still silent on CONNECT) emits nothing.
    const timer = setTimeout(() => {
      timedOut = true
      const error = new Error('timed out')
      req?.destroy(error)
      fail(error)
    }, request.timeoutMs)
    let settled = false
    const settle = (result: Exchange): void => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      resolve(result)
    }
    const fail = (error: unknown): void =>
      settle({
        ok: false,
        error,
        timedOut,
        wire,
        ...(status !== undefined ? { status } : {})
      })

    try {
      req = start(url, request)
    } catch (error) {
      // Node refuses some requests before any I/O (a header it cannot send).
      fail(error)
      return
    }
    watchWire(req, wire)
    req.on('error', fail)
    req.once('response', (res) => {
      status = res.statusCode ?? 0
      if (request.wantBody && !request.wantBody(status, res.headers)) {
        res.destroy()
        settle(answer(res, Buffer.alloc(0), false, wire))
        return
      }
      readCapped(res, request.maxBodyBytes, (error, body, truncated) => {
        if (error) fail(error)
        else settle(answer(res, body, truncated, wire))
      })
    })
    req.end(request.body)
  })
}

/** The ClientRequest, on the agent for the URL's protocol. */
function start(url: URL, request: ExchangeRequest): http.ClientRequest {
  const secure = url.protocol === 'https:'
  const headers =
    request.body === undefined
      ? request.headers
      : {
          ...request.headers,
          // A length rather than chunked encoding, as node-fetch sent: some
          // servers answer a chunked POST with 411 Length Required.
          'Content-Length': String(Buffer.byteLength(request.body))
        }
  return (secure ? https : http).request(url, {
    method: request.method,
    headers,
    // Reaches the agent's createConnection: a proxy tunnel's time limit.
    timeout: request.timeoutMs,
    agent: secure ? request.agents.https : request.agents.http
  })
}

/** Record on `wire` when the request reaches a socket and is written out. */
function watchWire(req: http.ClientRequest, wire: Wire): void {
  req.once('socket', (socket) => {
    wire.reusedSocket = req.reusedSocket
    if (req.reusedSocket) wire.secured = true
    else socket.once('secureConnect', () => (wire.secured = true))
  })
  req.once('finish', () => {
    wire.written = true
  })
}

function answer(
  res: http.IncomingMessage,
  body: Buffer,
  truncated: boolean,
  wire: Wire
): Exchange {
  return {
    ok: true,
    status: res.statusCode ?? 0,
    statusText: res.statusMessage ?? '',
    headers: res.headers,
    body,
    truncated,
    wire
  }
}

/**
 * Read at most `maxBytes` of an answer's body. Leaving early destroys the
 * answer and its socket, so a 10 MB answer is never read, let alone
 * buffered. An answer that ends before its length is an error.
 */
function readCapped(
  res: http.IncomingMessage,
  maxBytes: number,
  done: (error: unknown, body: Buffer, truncated: boolean) => void
): void {
  const chunks: Buffer[] = []
  let size = 0
  let finished = false
  const finish = (error: unknown, truncated = false): void => {
    if (finished) return
    finished = true
    done(error, Buffer.concat(chunks), truncated)
  }
  res.on('data', (chunk: Buffer) => {
    if (finished) return
    if (size + chunk.length > maxBytes) {
      chunks.push(chunk.subarray(0, maxBytes - size))
      finish(undefined, true)
      res.destroy()
      return
    }
    chunks.push(chunk)
    size += chunk.length
  })
  res.once('end', () => finish(undefined))
  res.once('error', (error) => finish(error))
  res.once('close', () => {
    // Closed without 'end' and without an error of its own (the request's
    // error, if any, settles the exchange first).
    if (!res.complete) finish(prematureClose())
  })
}

function prematureClose(): Error {
  return Object.assign(new Error('Premature close'), {
    code: 'ERR_STREAM_PREMATURE_CLOSE'
  })
}
