// A TrackBack receiver on loopback for tests and demos. It answers like the
// real receivers described in shared/notes/trackback-facts.md (WordPress 6.1,
// arXiv, Movable Type) and has a fault route for everything a hostile or
// broken receiver can do. Plain ESM JavaScript so the TypeScript tests and
// plain-node scripts can both use it; types live in receiver.d.mts.
import http from 'node:http'

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
  const floodSeconds = options.floodSeconds ?? 15
  const wp = options.wordpress ?? {}
  const mt = options.mt ?? {}

  /** @type {import('./receiver.d.mts').ReceivedPing[]} */
  const pings = []
  const stats = { active: 0, maxActive: 0, requests: 0 }
  /** Stored pings per target (`wp:1`, `arxiv:2101.00001`, `mt:7`) → urls. */
  const stored = new Map()
  let lastWpAccept = -Infinity
  let lastMtPing = -Infinity
  /** @type {Map<string, import('./receiver.d.mts').Fault[]>} */
  const faults = new Map(Object.entries(options.faults ?? {}))
  const faultHits = new Map()
  const sockets = new Set()

  const store = (key, url) => {
    const urls = stored.get(key) ?? new Set()
    stored.set(key, urls)
    if (urls.has(url)) return false
    urls.add(url)
    return true
  }

  const server = http.createServer((req, res) => {
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
      route(req, res, url, ping)
    })
  })
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
  const wpDie = (res, status, message) =>
    send(
      res,
      status,
      XML,
      `<?xml version="1.0" encoding="UTF-8"?>\n<error>\n  <code>wp_die</code>\n  <title><![CDATA[WordPress &rsaquo; Error]]></title>\n  <message><![CDATA[${message}]]></message>\n  <data>\n    <status>${status}</status>\n  </data>\n</error>\n`
    )

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
    if (floodSeconds > 0 && Date.now() - lastWpAccept < floodSeconds * 1000) {
      ping.result = 'flood'
      return wpDie(res, 429, 'You are posting comments too quickly. Slow down.')
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
    if (spec.delayMs) await sleep(spec.delayMs)
    if (spec.reset) {
      req.socket.resetAndDestroy()
      return
    }
    if (spec.hang) return
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

  return {
    url: `http://${host}:${port}`,
    port,
    pings,
    stats,
    accepted: () => pings.filter((p) => p.result === 'accepted'),
    setFault: (name, spec) => {
      faults.set(name, Array.isArray(spec) ? spec : [spec])
      faultHits.delete(name)
      return `http://${host}:${port}/fault/${encodeURIComponent(name)}`
    },
    reset: () => {
      pings.length = 0
      stored.clear()
      faultHits.clear()
      lastWpAccept = -Infinity
      lastMtPing = -Infinity
      stats.requests = 0
      stats.maxActive = stats.active
    },
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve(undefined))
      })
  }
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
