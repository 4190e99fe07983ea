// A published blog on loopback for tests and demos: serves the pages it is
// given (a post "goes live" when the test sets its page), answers 404 for
// everything else, and records every request. Plain ESM JavaScript so the
// TypeScript tests and plain-node scripts can both use it; types live in
// blog-server.d.mts.
import http from 'node:http'

/**
 * Start a blog server on 127.0.0.1 (an ephemeral port).
 * @returns {Promise<import('./blog-server.d.mts').BlogServer>}
 */
export async function startBlogServer() {
  /** @type {Map<string, import('./blog-server.d.mts').Page>} */
  const pages = new Map()
  /** @type {import('./blog-server.d.mts').BlogRequest[]} */
  const requests = []
  const sockets = new Set()

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://blog.invalid')
    const path = url.pathname + url.search
    requests.push({ method: req.method ?? '', path, headers: req.headers })
    const page = pages.get(path)
    if (!page) {
      res.writeHead(404, { 'Content-Type': 'text/html; charset=utf-8' })
      res.end('<!doctype html><title>Not found</title><h1>404</h1>')
      return
    }
    if (page.hang) return
    const headers = {
      'Content-Type': page.contentType ?? 'text/html; charset=utf-8'
    }
    if (page.location) headers.Location = page.location
    res.writeHead(page.status ?? (page.location ? 301 : 200), headers)
    res.end(req.method === 'HEAD' ? undefined : (page.body ?? ''))
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = /** @type {import('node:net').AddressInfo} */ (
    server.address()
  )
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    setPage(path, page) {
      if (page === undefined) pages.delete(path)
      else pages.set(path, page)
    },
    async close() {
      for (const socket of sockets) socket.destroy()
      await new Promise((resolve) => server.close(() => resolve(undefined)))
    }
  }
}

/**
 * A post's page: a title and links, as a generator would render it.
 * @param {string} title
 * @param {string[]} links
 */
export function postPage(title, links = []) {
  const anchors = links.map((href) => `<p><a href="${href}">${href}</a></p>`)
  return {
    body: [
      '<!doctype html>',
      `<html><head><meta charset="utf-8"><title>${title}</title></head>`,
      `<body><article><h1>${title}</h1>`,
      ...anchors,
      '</article></body></html>'
    ].join('\n')
  }
}
