// A TrackBack receiver on loopback for tests and demos. It answers like the
// real receivers described in shared/notes/trackback-facts.md (WordPress 6.1,
// arXiv, Movable Type) and has a fault route for everything a hostile or
// broken receiver can do. Plain ESM JavaScript so the TypeScript tests and
// plain-node scripts can both use it; types live in receiver.d.mts.
import http from 'node:http'
import https from 'node:https'

const XML = 'text/xml; charset=UTF-8'

/** WordPress accepts these charset names (mb_convert_encoding knows them). */
const WP_CHARSETS = new Set([
  'utf-8',
  'utf8',
  'ascii',
  'us-ascii',
  'iso-8859-1',
  'latin1',
  'windows-1252',
  'jis',
  'euc-jp',
  'sjis',
  'shift_jis'
])

/**
 * Start a receiver.
 * @param {import('./receiver.d.mts').ReceiverOptions} [options]
 * @returns {Promise<import('./receiver.d.mts').Receiver>}
 */
export async function startReceiver(options = {}) {
  const host = options.host ?? '127.0.0.1'
  let floodSeconds = options.floodSeconds ?? 15
  const delayMs = options.delayMs ?? 0
  const wp = options.wordpress ?? {}
  const mt = options.mt ?? {}

  /** @type {import('./receiver.d.mts').ReceivedPing[]} */
  const pings = []
  const stats = {
    active: 0,
    maxActive: 0,
    requests: 0,
    connections: 0,
    tlsErrors: 0
  }
  /** Stored pings per target (`wp:1`, `arxiv:2101.00001`, `mt:7`) → urls. */
  const stored = new Map()
  let lastWpAccept = -Infinity
  let lastMtPing = -Infinity
  /** The promise a held request of `name` waits for. */
  const gate = (name) => {
    let open = gates.get(name)
    if (!open) {
      let release
      const promise = new Promise((resolve) => (release = resolve))
      open = { promise, release }
      gates.set(name, open)
    }
    return open.promise
  }

  /** @type {Map<string, import('./receiver.d.mts').Fault[]>} */
  const faults = new Map(Object.entries(options.faults ?? {}))
  const faultHits = new Map()
  /** Open gates of `hold` faults by name: a held request waits for one. */
  const gates = new Map()
  const held = new Map()
  const sockets = new Set()

  const store = (key, url) => {
    const urls = stored.get(key) ?? new Set()
    stored.set(key, urls)
    if (urls.has(url)) return false
    urls.add(url)
    return true
  }

  const handler = (req, res) => {
    stats.requests += 1
    stats.active += 1
    stats.maxActive = Math.max(stats.maxActive, stats.active)
    let finished = false
    const done = () => {
      if (finished) return
      finished = true
      stats.active -= 1
    }
    res.on('close', done)
    const chunks = []
    req.on('data', (chunk) => chunks.push(chunk))
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8')
      const url = new URL(req.url ?? '/', 'http://receiver.invalid')
      const fields = Object.fromEntries(new URLSearchParams(raw))
      /** @type {import('./receiver.d.mts').ReceivedPing} */
      const ping = {
        method: req.method ?? '',
        path: url.pathname + url.search,
        fields,
        body: raw,
        headers: req.headers,
        at: Date.now(),
        result: 'ignored'
      }
      pings.push(ping)
      res.on('close', () => {
        ping.doneAt = Date.now()
      })
      if (delayMs > 0) setTimeout(() => route(req, res, url, ping), delayMs)
      else route(req, res, url, ping)
    })
  }
  const server = options.tls
    ? https.createServer(
        { key: options.tls.key, cert: options.tls.cert },
        handler
      )
    : http.createServer(handler)
  // Count every socket, TLS ones before their handshake too.
  server.on(options.tls ? 'secureConnection' : 'connection', () => {
    stats.connections += 1
  })
  if (options.tls) {
    server.on('tlsClientError', () => {
      stats.tlsErrors += 1
    })
  }
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })

  const send = (res, status, type, body, headers = {}, reason) => {
    const head = { 'Content-Type': type, ...headers }
    if (reason) res.writeHead(status, reason, head)
    else res.writeHead(status, head)
    res.end(body)
  }
  const tbAnswer = (res, status, error, message) => {
    const msg = message === undefined ? '' : `<message>${message}</message>\n`
    send(
      res,
      status,
      XML,
      `<?xml version="1.0" encoding="utf-8"?>\n<response>\n<error>${error}</error>\n${msg}</response>\n`
    )
  }
  const wpDie = (res, status, message, headers = {}) =>
    send(res, status, XML, wpDieBody(status, message), headers)

  const route = (req, res, url, ping) => {
    const path = url.pathname
    if (path === '/wp-trackback.php') return wordpress(req, res, url, ping)
    if (path.startsWith('/trackback/')) return arxiv(req, res, path, ping)
    if (path.startsWith('/mt/')) return movableType(req, res, path, ping)
    if (path.startsWith('/fault/')) return fault(req, res, path, ping)
    ping.result = 'not-found'
    send(res, 404, 'text/html', '<html><title>Not Found</title></html>')
  }

  // WordPress 6.1 wp-trackback.php, in its order of checks.
  const wordpress = (req, res, url, ping) => {
    const id = url.searchParams.get('p') ?? ''
    const post = `${wp.postPage ?? '/?p='}${id}`
    const f = ping.fields
    if (req.method !== 'POST') {
      ping.result = 'redirected'
      return send(res, 302, 'text/html; charset=UTF-8', '', { Location: post })
    }
    const charset = (f.charset ?? 'UTF-8').toLowerCase()
    if (f.charset !== undefined && !WP_CHARSETS.has(charset)) {
      ping.result = 'error'
      return wpDie(res, 500, 'There has been a critical error on this website.')
    }
    const known = wp.posts
      ? wp.posts.map(String).includes(id)
      : /^[1-9]\d*$/.test(id)
    if (!known) {
      ping.result = 'no-id'
      return tbAnswer(res, 404, 1, 'I really need an ID for this to work.')
    }
    if (!f.title && !f.url && !f.blog_name) {
      ping.result = 'redirected'
      return send(res, 302, 'text/html; charset=UTF-8', '', { Location: post })
    }
    if (!f.title || !f.url) {
      ping.result = 'ignored'
      return send(res, 200, 'text/html; charset=UTF-8', '')
    }
    if ((wp.closed ?? []).map(String).includes(id)) {
      ping.result = 'closed'
      return tbAnswer(
        res,
        200,
        1,
        'Sorry, trackbacks are closed for this item.'
      )
    }
    if (stored.get(`wp:${id}`)?.has(f.url)) {
      ping.result = 'duplicate'
      return tbAnswer(
        res,
        200,
        1,
        'There is already a ping from that URL for this post.'
      )
    }
    const sinceAccept = Date.now() - lastWpAccept
    if (floodSeconds > 0 && sinceAccept < floodSeconds * 1000) {
      ping.result = 'flood'
      // Stock WordPress sends no Retry-After; `floodRetryAfter` adds one
      // with the seconds left in the window.
      const left = Math.ceil((floodSeconds * 1000 - sinceAccept) / 1000)
      return wpDie(
        res,
        429,
        'You are posting comments too quickly. Slow down.',
        wp.floodRetryAfter ? { 'Retry-After': String(left) } : {}
      )
    }
    store(`wp:${id}`, f.url)
    lastWpAccept = Date.now()
    ping.result = 'accepted'
    tbAnswer(res, 200, 0)
  }

  // arXiv: every well-formed ping gets error 0; duplicates (by url) are not
  // stored again.
  const arxiv = (req, res, path, ping) => {
    if (req.method !== 'POST') {
      ping.result = 'ignored'
      return send(
        res,
        405,
        'text/html',
        '<html><title>Method Not Allowed</title></html>'
      )
    }
    const id = decodeURIComponent(path.slice('/trackback/'.length))
    if (!ping.fields.url) {
      ping.result = 'error'
      return tbAnswer(res, 200, 1, 'No url given')
    }
    ping.result = store(`arxiv:${id}`, ping.fields.url)
      ? 'accepted'
      : 'duplicate'
    tbAnswer(res, 200, 0)
  }

  // Movable Type: error 0 for duplicates too; throttling is 403 Throttled.
  const movableType = (req, res, path, ping) => {
    const id = path.slice('/mt/'.length)
    const now = Date.now()
    const throttled =
      mt.throttled === true ||
      (mt.throttleSeconds !== undefined &&
        now - lastMtPing < mt.throttleSeconds * 1000)
    lastMtPing = now
    if (throttled) {
      ping.result = 'throttled'
      return send(
        res,
        403,
        'text/xml; charset=utf-8',
        '<?xml version="1.0" encoding="utf-8"?>\n<response>\n<error>1</error>\n<message>You are pinging trackbacks too quickly. Please try again later.</message>\n</response>\n',
        {},
        'Throttled'
      )
    }
    if (!ping.fields.url) {
      ping.result = 'error'
      return tbAnswer(res, 200, 1, 'Need a TrackBack ID (tb_id).')
    }
    ping.result = store(`mt:${id}`, ping.fields.url) ? 'accepted' : 'duplicate'
    send(
      res,
      200,
      'text/xml; charset=utf-8',
      '<?xml version="1.0" encoding="utf-8"?>\n<response>\n<error>0</error>\n</response>\n'
    )
  }

  // /fault/<name>: the nth request takes the nth fault; the last repeats.
  // A new kind of misbehaviour is one more optional field on `Fault` (in
  // receiver.d.mts) and one more branch here, before the plain answer.
  const fault = async (req, res, path, ping) => {
    const name = decodeURIComponent(path.slice('/fault/'.length))
    const list = faults.get(name)
    if (!list || list.length === 0) {
      ping.result = 'not-found'
      return send(
        res,
        404,
        'text/html',
        '<html><title>No such fault</title></html>'
      )
    }
    const hit = faultHits.get(name) ?? 0
    faultHits.set(name, hit + 1)
    const spec = list[Math.min(hit, list.length - 1)]
    ping.result = spec.result ?? 'fault'
    if (spec.hold) {
      const count = (held.get(name) ?? 0) + 1
      held.set(name, count)
      await gate(name)
      held.set(name, (held.get(name) ?? 1) - 1)
      if (res.destroyed) return
    }
    if (spec.delayMs) await sleep(spec.delayMs)
    if (spec.reset) {
      req.socket.resetAndDestroy()
      return
    }
    if (spec.hang) return
    if (spec.resetAfterBody !== undefined) {
      // Status line, headers and the start of the body, then a TCP RST.
      res.writeHead(spec.status ?? 200, {
        'Content-Type': spec.contentType ?? XML,
        'Content-Length': '4096'
      })
      res.write(spec.resetAfterBody)
      await sleep(20)
      req.socket.resetAndDestroy()
      return
    }
    if (spec.wpDie) {
      send(
        res,
        spec.status ?? 500,
        XML,
        wpDieBody(spec.status ?? 500, spec.wpDie),
        spec.retryAfter !== undefined
          ? { 'Retry-After': String(spec.retryAfter) }
          : {}
      )
      return
    }
    const headers = { ...(spec.headers ?? {}) }
    if (spec.retryAfter !== undefined)
      headers['Retry-After'] = String(spec.retryAfter)
    if (spec.redirect) headers.Location = spec.redirect
    const status = spec.status ?? (spec.redirect ? 307 : 200)
    const type = spec.contentType ?? XML
    if (spec.hugeBytes) {
      res.writeHead(status, { 'Content-Type': type, ...headers })
      return writeHuge(res, spec.hugeBytes)
    }
    if (spec.trickle) {
      res.writeHead(status, { 'Content-Type': type, ...headers })
      const body = spec.body ?? '<response><error>0</error></response>'
      for (const char of body) {
        if (res.destroyed) return
        res.write(char)
        await sleep(spec.trickle)
      }
      return res.end()
    }
    send(res, status, type, spec.body ?? '', headers, spec.reason)
  }

  await new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, host, () => resolve(undefined))
  })
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0

  const scheme = options.tls ? 'https' : 'http'
  return {
    url: `${scheme}://${host}:${port}`,
    port,
    pings,
    stats,
    accepted: () => pings.filter((p) => p.result === 'accepted'),
    setFault: (name, spec) => {
      faults.set(name, Array.isArray(spec) ? spec : [spec])
      faultHits.delete(name)
      return `${scheme}://${host}:${port}/fault/${encodeURIComponent(name)}`
    },
    release: (name) => {
      gate(name)
      gates.get(name).release()
    },
    held: (name) => held.get(name) ?? 0,
    setFloodSeconds: (seconds) => {
      floodSeconds = seconds
    },
    reset: () => {
      pings.length = 0
      stored.clear()
      faultHits.clear()
      gates.clear()
      held.clear()
      lastWpAccept = -Infinity
      lastMtPing = -Infinity
      stats.requests = 0
      stats.connections = 0
      stats.tlsErrors = 0
      stats.maxActive = stats.active
    },
    close: () =>
      new Promise((resolve) => {
        for (const { release } of gates.values()) release()
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve(undefined))
      })
  }
}

/** WordPress's `wp_die` answer to an XML request. */
function wpDieBody(status, message) {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<error>\n  <code>wp_die</code>\n  <title><![CDATA[WordPress &rsaquo; Error]]></title>\n  <message><![CDATA[${message}]]></message>\n  <data>\n    <status>${status}</status>\n  </data>\n</error>\n`
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

/** Write `total` bytes in 64 KiB chunks, honouring back-pressure. */
async function writeHuge(res, total) {
  const chunk = Buffer.alloc(64 * 1024, 'x')
  let left = total
  while (left > 0 && !res.destroyed) {
    const piece = left >= chunk.length ? chunk : chunk.subarray(0, left)
    left -= piece.length
    if (!res.write(piece)) {
      await new Promise((resolve) => {
        res.once('drain', resolve)
        res.once('close', resolve)
      })
    }
  }
  if (!res.destroyed) res.end()
}
