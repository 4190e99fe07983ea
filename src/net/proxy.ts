/**
 * Pings (and post-page fetches) through an HTTP proxy, for self-hosted
 * runners that reach the internet only that way: `HTTPS_PROXY` for https
 * URLs, `HTTP_PROXY` for http URLs (lower-case names first, as
 * @actions/http-client reads them), `NO_PROXY` for hosts to reach directly.
 *
 * The address policy still holds with a proxy: before anything is sent to
 * the proxy, the *target* host is resolved here and every address checked
 * (the proxy itself is the runner's own configuration and is not checked).
 *
 * - https targets go through a CONNECT tunnel to the checked IP address
 *   (`CONNECT 93.184.216.34:443`), with TLS to the host name inside it. The
 *   proxy never resolves the name, so DNS cannot answer the proxy with an
 *   internal address after answering us with a public one (rebinding).
 *   A proxy that allows CONNECT by host name only refuses these.
 * - http targets are forwarded (`POST http://host/path`): the proxy
 *   resolves the name again, so a rebinding answer could still send a plain
 *   http ping somewhere else than the address checked here. Pinning the
 *   address is not possible there (the proxy would send the address as the
 *   Host), so use https ping URLs or a proxy that refuses private
 *   destinations where that matters.
 *
 * NO_PROXY: comma- or space-separated host names (each also covers its
 * subdomains; a leading `.` or `*.` is allowed), optionally with `:port`,
 * IP addresses, or `*` for every host. CIDR ranges are not read.
 */
import http from 'node:http'
import https from 'node:https'
import type { LookupFunction } from 'node:net'
import net from 'node:net'
import type { Duplex } from 'node:stream'
import tls from 'node:tls'

/** Where proxies are configured. */
export interface ProxySettings {
  http?: URL
  https?: URL
  /** NO_PROXY entries, lower-case. */
  noProxy: string[]
}

/** `code` of a proxy that refused or broke a tunnel. */
export const PROXY_FAILED = 'ERR_TRACKBACK_PROXY'

function proxyUrl(value: string | undefined): URL | undefined {
  const text = value?.trim()
  if (!text) return undefined
  try {
    const url = new URL(
      /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`
    )
    return url.protocol === 'http:' || url.protocol === 'https:'
      ? url
      : undefined
  } catch {
    return undefined
  }
}

/** Read the proxy variables (lower-case names win, as curl and the toolkit do). */
export function proxyFromEnv(env: NodeJS.ProcessEnv): ProxySettings {
  return {
    http: proxyUrl(env.http_proxy ?? env.HTTP_PROXY),
    https: proxyUrl(env.https_proxy ?? env.HTTPS_PROXY),
    noProxy: (env.no_proxy ?? env.NO_PROXY ?? '')
      .split(/[\s,]+/)
      .map((entry) => entry.trim().toLowerCase())
      .filter(Boolean)
  }
}

/** The proxy for a request to `host:port` over `protocol`, or undefined (direct). */
export function proxyFor(
  settings: ProxySettings,
  protocol: string,
  host: string,
  port: number
): URL | undefined {
  const proxy = protocol === 'https:' ? settings.https : settings.http
  if (!proxy) return undefined
  const name = host
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '')
    .toLowerCase()
  for (const entry of settings.noProxy) {
    if (entry === '*') return undefined
    const colon = entry.lastIndexOf(':')
    const hasPort =
      colon > 0 &&
      /^\d+$/.test(entry.slice(colon + 1)) &&
      entry.indexOf(':') === colon
    const pattern = (hasPort ? entry.slice(0, colon) : entry)
      .replace(/^\[|\]$/g, '')
      .replace(/^\*?\./, '')
    if (hasPort && Number(entry.slice(colon + 1)) !== port) continue
    if (name === pattern || name.endsWith(`.${pattern}`)) return undefined
  }
  return proxy
}

function authorization(proxy: URL): string | undefined {
  if (!proxy.username && !proxy.password) return undefined
  const user = decodeURIComponent(proxy.username)
  const password = decodeURIComponent(proxy.password)
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`
}

function proxyError(message: string): Error {
  return Object.assign(new Error(message), { code: PROXY_FAILED })
}

/** Resolve and check the target host; IP literals are checked by the URL policy. */
function checkedAddress(
  lookup: LookupFunction,
  host: string,
  callback: (error: Error | null, address?: string) => void
): void {
  const bare = host.replace(/^\[|\]$/g, '')
  if (net.isIP(bare)) {
    callback(null, bare)
    return
  }
  lookup(bare, { all: false }, (error, address) => {
    if (error) callback(error)
    else callback(null, String(address))
  })
}

/** Connect to the proxy itself. */
function connectProxy(proxy: URL): net.Socket {
  const port = Number(proxy.port) || (proxy.protocol === 'https:' ? 443 : 80)
  const host = proxy.hostname.replace(/^\[|\]$/g, '')
  return proxy.protocol === 'https:'
    ? tls.connect({ host, port, servername: net.isIP(host) ? undefined : host })
    : net.connect({ host, port })
}

/**
 * Open a CONNECT tunnel to `authority` (`ip:port`); the socket once the
 * proxy said 200. It always settles, within `timeoutMs` at the latest: a
 * proxy that never answers, closes the connection before answering, or
 * drips its answer is a failure with the tunnel's socket destroyed.
 */
function openTunnel(
  proxy: URL,
  authority: string,
  timeoutMs: number,
  callback: (error: Error | null, socket?: net.Socket) => void
): void {
  const socket = connectProxy(proxy)
  const auth = authorization(proxy)
  let head = Buffer.alloc(0)
  let settled = false
  const timer = setTimeout(
    () =>
      fail(
        proxyError(
          `the proxy did not answer CONNECT ${authority} within ${timeoutMs / 1000} s`
        )
      ),
    timeoutMs
  )
  timer.unref()
  const closed = (): void =>
    fail(
      proxyError(
        `the proxy closed the connection before answering CONNECT ${authority}`
      )
    )
  const finish = (): void => {
    settled = true
    clearTimeout(timer)
    socket.off('data', onData)
    socket.off('error', fail)
    socket.off('end', closed)
    socket.off('close', closed)
  }
  function fail(error: Error): void {
    if (settled) return
    finish()
    socket.destroy()
    callback(error)
  }
  function onData(chunk: Buffer): void {
    head = Buffer.concat([head, chunk])
    const end = head.indexOf('\r\n\r\n')
    if (end === -1) {
      if (head.length > 16 * 1024)
        fail(proxyError('the proxy sent an endless answer to CONNECT'))
      return
    }
    const status = /^HTTP\/1\.[01] (\d{3})/.exec(
      head.subarray(0, end).toString('latin1')
    )?.[1]
    if (status !== '200') {
      fail(
        proxyError(
          `the proxy refused CONNECT ${authority} (${status ? `HTTP ${status}` : 'no HTTP answer'})`
        )
      )
      return
    }
    finish()
    const rest = head.subarray(end + 4)
    if (rest.length > 0) socket.unshift(rest)
    callback(null, socket)
  }
  socket.on('data', onData)
  socket.once('error', fail)
  socket.once('end', closed)
  socket.once('close', closed)
  socket.write(
    `CONNECT ${authority} HTTP/1.1\r\nHost: ${authority}\r\n` +
      (auth ? `Proxy-Authorization: ${auth}\r\n` : '') +
      '\r\n'
  )
}

/** A tunnel's time limit when the request names none (Node passes `timeout`). */
const DEFAULT_TUNNEL_TIMEOUT_MS = 30_000

type ConnectionCallback = (error: Error | null, socket: Duplex) => void
type ConnectOptions = http.ClientRequestArgs & tls.ConnectionOptions

/** The agent's connection callback, called with an error alone too. */
function reporter(
  onCreate: ConnectionCallback | undefined
): (error: Error | null, socket?: Duplex) => void {
  return (error, socket) => onCreate?.(error, socket as Duplex)
}

/** http: forward through the proxy (absolute-form request line) after the check. */
export class ProxyHttpAgent extends http.Agent {
  constructor(
    private readonly proxies: ProxySettings,
    private readonly check: LookupFunction,
    options: http.AgentOptions
  ) {
    super(options)
  }

  private route(options: {
    host?: string | null
    port?: number | string | null
  }): URL | undefined {
    return proxyFor(
      this.proxies,
      'http:',
      options.host ?? '',
      Number(options.port) || 80
    )
  }

  /** Node's (undocumented) hook every request passes through: http-proxy-agent's place too. */
  addRequest(request: http.ClientRequest, options: ConnectOptions): void {
    const proxy = this.route(options)
    if (proxy) {
      const host = options.host ?? ''
      const port = Number(options.port) || 80
      const authority = `${host.includes(':') ? `[${host}]` : host}${port === 80 ? '' : `:${port}`}`
      request.path = `http://${authority}${request.path}`
      const auth = authorization(proxy)
      if (auth) request.setHeader('Proxy-Authorization', auth)
    }
    const base = http.Agent.prototype as unknown as {
      addRequest(request: http.ClientRequest, options: ConnectOptions): void
    }
    base.addRequest.call(this, request, options)
  }

  override createConnection(
    options: ConnectOptions,
    onCreate?: ConnectionCallback
  ): Duplex | undefined {
    const callback = reporter(onCreate)
    const proxy = this.route(options)
    if (!proxy) return super.createConnection(options) ?? undefined
    checkedAddress(this.check, options.host ?? '', (error) => {
      if (error) callback(error)
      else callback(null, connectProxy(proxy))
    })
    return undefined
  }
}

/** https: a CONNECT tunnel to the checked address, TLS to the host name inside. */
export class ProxyHttpsAgent extends https.Agent {
  constructor(
    private readonly proxies: ProxySettings,
    private readonly check: LookupFunction,
    options: https.AgentOptions
  ) {
    super(options)
  }

  override createConnection(
    options: ConnectOptions,
    onCreate?: ConnectionCallback
  ): Duplex | undefined {
    const callback = reporter(onCreate)
    const host = options.host ?? ''
    const port = Number(options.port) || 443
    const proxy = proxyFor(this.proxies, 'https:', host, port)
    if (!proxy) return super.createConnection(options) ?? undefined
    checkedAddress(this.check, host, (error, address) => {
      if (error || !address) {
        callback(error ?? proxyError(`no address for ${host}`))
        return
      }
      const authority = `${net.isIPv6(address) ? `[${address}]` : address}:${port}`
      const timeoutMs = options.timeout || DEFAULT_TUNNEL_TIMEOUT_MS
      openTunnel(proxy, authority, timeoutMs, (tunnelError, socket) => {
        if (tunnelError || !socket) {
          callback(tunnelError ?? proxyError('no tunnel'))
          return
        }
        // TLS to the name the URL gave: SNI for a host name, and the
        // certificate checked against it, or against the IP address of an
        // IP-literal URL (Node would check 'localhost' without a host).
        const bare = host.replace(/^\[|\]$/g, '')
        const servername =
          options.servername ?? (net.isIP(bare) ? undefined : bare)
        callback(
          null,
          tls.connect({
            ...options,
            socket,
            servername,
            host: bare,
            port: undefined
          })
        )
      })
    })
    return undefined
  }
}
