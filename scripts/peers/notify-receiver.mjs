// A loopback site whose article pages take notifications, for tests and
// demos: a Webmention receiver written from the W3C Recommendation (§3.2:
// it checks source and target, fetches the source and accepts only when
// the source links to the target), a Pingback server (Pingback 1.0 over
// XML-RPC, faults as WordPress gives them) and a TrackBack receiver found
// through RDF. Plain ESM JavaScript; types in notify-receiver.d.mts.
//
// Pages (GET):
//   /webmention/<name>  <link rel="webmention" href="/webmention-endpoint">
//   /wm-header/<name>   Link: </webmention-endpoint>; rel="webmention"
//   /pingback/<name>    X-Pingback: <origin>/xmlrpc and <link rel="pingback">
//   /rdf/<name>         TrackBack RDF in a comment → /trackback/<name>
//   /nothing/<name>     a page that offers nothing
// Endpoints (POST): /webmention-endpoint, /xmlrpc, /trackback/<name>
import http from 'node:http'
import { parse } from 'parse5'
import { XMLParser } from 'fast-xml-parser'

/**
 * @param {import('./notify-receiver.d.mts').NotifyOptions} [options]
 * @returns {Promise<import('./notify-receiver.d.mts').NotifyReceiver>}
 */
export async function startNotifyReceiver(options = {}) {
  /** @type {import('./notify-receiver.d.mts').Notification[]} */
  const notifications = []
  /** @type {import('./notify-receiver.d.mts').NotifyRequest[]} */
  const requests = []
  const stored = new Set()
  /** Approved notifications (`source target`): their pages link to the source. */
  const approved = new Set()
  let origin = ''

  const server = http.createServer((req, res) => {
    let body = ''
    req.setEncoding('utf8')
    req.on('data', (chunk) => (body += chunk))
    req.on('end', () => {
      const path = req.url ?? '/'
      requests.push({ method: req.method ?? '', path, headers: req.headers })
      handle(req.method ?? '', path, body, res).catch((error) => {
        res.writeHead(500, { 'Content-Type': 'text/plain' })
        res.end(String(error))
      })
    })
  })

  async function handle(method, path, body, res) {
    const [, kind, name] = path.split('?')[0].split('/')
    if (method === 'GET') return servePage(kind, name, path, res)
    if (method !== 'POST') return send(res, 405, 'text/plain', 'POST only')
    if (path === '/webmention-endpoint') return webmention(body, res)
    if (path === '/xmlrpc') return pingback(body, res)
    if (kind === 'trackback') return trackback(name, body, res)
    // Someone else's article page answers a POST with the page itself.
    return servePage(kind, name, path, res)
  }

  function servePage(kind, name, path, res) {
    const self = `${origin}${path.split('?')[0]}`
    // Approved mentions show under the article as links to their sources,
    // the way blogs list approved Webmentions, Pingbacks and TrackBacks.
    const mentions = [...approved]
      .map((key) => key.split(' '))
      .filter(([, target]) => target === self)
      .map(([source]) => `<li><a href="${source}">${source}</a></li>`)
      .join('')
    const page = (head, body) =>
      `<!doctype html><html><head><meta charset="utf-8"><title>${name}</title>${head}</head><body><article><h1>${name}</h1>${body}</article>${mentions ? `<ol class="mentions">${mentions}</ol>` : ''}</body></html>`
    const headers = { 'Content-Type': 'text/html; charset=utf-8' }
    switch (kind) {
      case 'webmention':
        return send(
          res,
          200,
          headers,
          page('<link rel="webmention" href="/webmention-endpoint">', '')
        )
      case 'wm-header':
        return send(
          res,
          200,
          { ...headers, Link: '</webmention-endpoint>; rel="webmention"' },
          page('', '')
        )
      case 'pingback':
        return send(
          res,
          200,
          { ...headers, 'X-Pingback': `${origin}/xmlrpc` },
          page(`<link rel="pingback" href="${origin}/xmlrpc">`, '')
        )
      case 'rdf':
        return send(
          res,
          200,
          headers,
          page(
            '',
            `<!--\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:trackback="http://madskills.com/public/xml/rss/module/trackback/">\n<rdf:Description rdf:about="${self}" dc:identifier="${self}" dc:title="${name}" trackback:ping="${origin}/trackback/${name}" />\n</rdf:RDF>\n-->`
          )
        )
      case 'nothing':
        return send(
          res,
          200,
          headers,
          page('', '<p>No notifications here.</p>')
        )
      default:
        return send(res, 404, headers, page('', 'Not found'))
    }
  }

  /** Webmention §3.2: validate, verify the source links to the target, store. */
  async function webmention(body, res) {
    const form = new URLSearchParams(body)
    const source = form.get('source')
    const target = form.get('target')
    const bad = (why) => send(res, 400, 'text/plain', why)
    if (!source || !target) return bad('source and target are required')
    if (!isHttp(source) || !isHttp(target))
      return bad('source and target must be http(s) URLs')
    if (source === target) return bad('source and target are the same')
    if (!target.startsWith(`${origin}/`))
      return bad('target is not on this site')
    const verified = await linksTo(source, target)
    if (verified !== true) return bad(verified)
    const key = `webmention ${source} ${target}`
    const first = !stored.has(key)
    stored.add(key)
    notifications.push({ protocol: 'webmention', source, target, first })
    res.writeHead(201, {
      Location: `${origin}/status/${notifications.length}`,
      'Content-Type': 'text/plain'
    })
    res.end('created')
  }

  /** Pingback 1.0 over XML-RPC, with WordPress's faults. */
  async function pingback(body, res) {
    let call
    try {
      call = new XMLParser({
        processEntities: true,
        htmlEntities: false,
        parseTagValue: false
      }).parse(body)
    } catch {
      return fault(res, -32700, 'parse error. not well formed')
    }
    const method = call?.methodCall?.methodName
    const params = [].concat(call?.methodCall?.params?.param ?? [])
    const value = (p) =>
      typeof p?.value === 'object' ? p.value.string : p?.value
    if (method !== 'pingback.ping')
      return fault(
        res,
        -32601,
        'server error. requested method does not exist.'
      )
    const [source, target] = params.map(value)
    if (!target?.startsWith(`${origin}/pingback/`)) return fault(res, 0, '')
    const key = `pingback ${source} ${target}`
    if (stored.has(key))
      return fault(res, 48, 'The pingback has already been registered.')
    const verified = await linksTo(source, target)
    if (verified !== true) return fault(res, 0, '')
    stored.add(key)
    notifications.push({ protocol: 'pingback', source, target, first: true })
    send(
      res,
      200,
      'text/xml; charset=UTF-8',
      `<?xml version="1.0" encoding="UTF-8"?>\n<methodResponse><params><param><value><string>Pingback from ${escapeXml(source)} to ${escapeXml(target)} registered. Keep the web talking! :-)</string></value></param></params></methodResponse>`
    )
  }

  function trackback(name, body, res) {
    const form = new URLSearchParams(body)
    const url = form.get('url')
    const xml = (error, message) =>
      send(
        res,
        200,
        'text/xml; charset=UTF-8',
        `<?xml version="1.0" encoding="utf-8"?>\n<response>\n<error>${error}</error>\n${message ? `<message>${message}</message>\n` : ''}</response>`
      )
    if (!url || !form.get('title')) return send(res, 200, 'text/html', '')
    const key = `trackback ${url} ${name}`
    if (stored.has(key))
      return xml(1, 'There is already a ping from that URL for this post.')
    stored.add(key)
    notifications.push({
      protocol: 'trackback',
      source: url,
      target: `${origin}/rdf/${name}`,
      first: true,
      title: form.get('title') ?? ''
    })
    xml(0)
  }

  /** Fetch the source (loopback only) and look for <a href="target">: true, or why not. */
  async function linksTo(source, target) {
    if (options.verify === false) return true
    let html
    try {
      const answer = await fetch(source, {
        redirect: 'follow',
        signal: AbortSignal.timeout(5000)
      })
      if (!answer.ok) return `source answered HTTP ${answer.status}`
      html = await answer.text()
    } catch (error) {
      return `source could not be fetched: ${error.message}`
    }
    let found = false
    const visit = (node) => {
      if (found) return
      if (node.nodeName === 'a') {
        const href = node.attrs?.find((a) => a.name === 'href')?.value
        try {
          if (href !== undefined && new URL(href, source).href === target)
            found = true
        } catch {
          // not a URL
        }
      }
      for (const child of node.childNodes ?? []) visit(child)
    }
    visit(parse(html))
    return found || 'source does not link to target'
  }

  function fault(res, code, message) {
    send(
      res,
      200,
      'text/xml; charset=UTF-8',
      `<?xml version="1.0" encoding="UTF-8"?>\n<methodResponse><fault><value><struct><member><name>faultCode</name><value><int>${code}</int></value></member><member><name>faultString</name><value><string>${escapeXml(message)}</string></value></member></struct></value></fault></methodResponse>`
    )
  }

  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  origin = `http://127.0.0.1:${server.address().port}`
  return {
    url: origin,
    notifications,
    requests,
    approve(source, target) {
      approved.add(`${source} ${target}`)
    },
    reset() {
      notifications.length = 0
      requests.length = 0
      stored.clear()
      approved.clear()
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}

function send(res, status, type, body) {
  res.writeHead(
    status,
    typeof type === 'string' ? { 'Content-Type': type } : type
  )
  res.end(body)
}

function isHttp(text) {
  try {
    return ['http:', 'https:'].includes(new URL(text).protocol)
  } catch {
    return false
  }
}

function escapeXml(text) {
  return String(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
}
