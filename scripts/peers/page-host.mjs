// A loopback host of article pages that take Webmentions, for the sender's
// pacing tests and the bench's discovery scenario. Every GET is answered
// with an article page whose <link rel="webmention"> points to the endpoint
// origin it is given (itself by default, or another host: one service for
// many blogs, as webmention.io); a POST to /webmention is queued (202).
// Both answer after `delayMs`. It records when each request arrived and was
// answered, and the most requests it had at once. Plain ESM JavaScript;
// types in page-host.d.mts.
import http from 'node:http'

/**
 * @param {import('./page-host.d.mts').PageHostOptions} [options]
 * @returns {Promise<import('./page-host.d.mts').PageHost>}
 */
export async function startPageHost(options = {}) {
  const delayMs = options.delayMs ?? 0
  /** @type {import('./page-host.d.mts').HostRequest[]} */
  const requests = []
  const stats = { active: 0, maxActive: 0 }
  const sockets = new Set()
  let endpoint = ''

  const server = http.createServer((req, res) => {
    const seen = {
      method: req.method ?? '',
      path: req.url ?? '/',
      at: Date.now(),
      body: ''
    }
    requests.push(seen)
    stats.active += 1
    stats.maxActive = Math.max(stats.maxActive, stats.active)
    req.setEncoding('utf8')
    req.on('data', (chunk) => (seen.body += chunk))
    req.on('end', () => setTimeout(() => answer(seen, res), delayMs))
    res.on('close', () => {
      stats.active -= 1
      seen.doneAt = Date.now()
    })
  })

  function answer(seen, res) {
    if (seen.method === 'POST' && seen.path === '/webmention') {
      res.writeHead(202, { 'Content-Type': 'text/plain' })
      return res.end('Queued.')
    }
    if (seen.method !== 'GET') {
      res.writeHead(405, { 'Content-Type': 'text/plain' })
      return res.end('GET or POST /webmention')
    }
    const name = seen.path.split('?')[0]
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' })
    res.end(
      `<!doctype html><html><head><meta charset="utf-8"><title>${name}</title>` +
        `<link rel="webmention" href="${endpoint}/webmention"></head>` +
        `<body><article><h1>${name}</h1><p>An article.</p></article></body></html>`
    )
  }

  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  const host = options.host ?? '127.0.0.1'
  await new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, host, () => resolve(undefined))
  })
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  const url = `http://${host}:${port}`
  endpoint = url
  return {
    url,
    requests,
    stats,
    setEndpoint(origin) {
      endpoint = origin
    },
    reset() {
      requests.length = 0
      stats.maxActive = stats.active
    },
    close() {
      for (const socket of sockets) socket.destroy()
      return new Promise((resolve) => server.close(() => resolve()))
    }
  }
}
