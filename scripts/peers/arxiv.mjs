// A loopback stand-in for arXiv's TrackBack service, for tests and demos:
// it takes TrackBack pings at /trackback/<id> and holds them for
// moderation; only pings a test accepts (`moderate`) are listed, as arXiv
// lists them: on the /tb/<id> page (shaped like arxiv-browse's
// browse/templates/tb/tb.html and tb/macros.html: titles and shortened
// URLs linking through /tb/redirect/<trackback id>/<hash>, which answers
// 301 to the post) and in the Turtle export
// /data/trackbacks/trackback_<id>.ttl (Open Annotation: one oa:Annotation
// per TrackBack, oa:hasBody the post, oa:hasTarget the abstract page).
// Plain ESM JavaScript; types live in arxiv.d.mts.
import { createHash } from 'node:crypto'
import http from 'node:http'

const XML = 'text/xml; charset=UTF-8'

/**
 * Start the stand-in.
 * @param {import('./arxiv.d.mts').ArxivOptions} [options]
 * @returns {Promise<import('./arxiv.d.mts').ArxivStandIn>}
 */
export async function startArxiv(options = {}) {
  /** @type {import('./arxiv.d.mts').ArxivPing[]} */
  const pings = []
  /** @type {import('./arxiv.d.mts').ArxivRequest[]} */
  const requests = []
  let exportBroken = options.exportBroken ?? false

  const server = http.createServer((req, res) => {
    let body = ''
    req.setEncoding('utf8')
    req.on('data', (chunk) => (body += chunk))
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://stand-in')
      requests.push({ method: req.method ?? '', path: url.pathname })
      answer(req.method ?? '', url.pathname, body, res)
    })
  })

  const answer = (method, path, body, res) => {
    const ping = /^\/trackback\/(.+)$/.exec(path)
    if (ping && method === 'POST')
      return takePing(decodeURIComponent(ping[1]), body, res)
    const tb = /^\/tb\/redirect\/(\d+)\/([0-9a-f]+)$/.exec(path)
    if (tb) return redirect(Number(tb[1]), tb[2], res)
    const page = /^\/tb\/(.+)$/.exec(path)
    if (page && method === 'GET')
      return tbPage(decodeURIComponent(page[1]), res)
    const ttl = /^\/data\/trackbacks\/trackback_(.+)\.ttl$/.exec(path)
    if (ttl && method === 'GET') return turtle(decodeURIComponent(ttl[1]), res)
    res.writeHead(404, { 'content-type': 'text/html' }).end('<p>Not found</p>')
  }

  const takePing = (id, body, res) => {
    const fields = Object.fromEntries(new URLSearchParams(body))
    if (!fields.url) {
      res.writeHead(200, { 'content-type': XML })
      return res.end(xmlAnswer(1, 'No url given'))
    }
    pings.push({
      trackbackId: 1000 + pings.length,
      id,
      url: fields.url,
      title: fields.title ?? '',
      blogName: fields.blog_name ?? '',
      status: 'pending',
      postedAt: new Date()
    })
    res.writeHead(200, { 'content-type': XML }).end(xmlAnswer(0))
  }

  const accepted = (id) =>
    pings.filter((p) => p.id === id && p.status === 'accepted')

  const tbPage = (id, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
    res.end(tbPageHtml(id, accepted(id)))
  }

  const turtle = (id, res) => {
    const listed = accepted(id)
    if (exportBroken) {
      res.writeHead(500, { 'content-type': 'text/plain' }).end('export down')
      return
    }
    if (listed.length === 0) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not Found')
      return
    }
    res.writeHead(200, { 'content-type': 'text/turtle; charset=utf-8' })
    res.end(trackbackTurtle(id, listed))
  }

  const redirect = (trackbackId, hash, res) => {
    const ping = pings.find((p) => p.trackbackId === trackbackId)
    if (!ping || documentHash(ping.id) !== hash) {
      res
        .writeHead(404, { 'content-type': 'text/html' })
        .end('<p>Not found</p>')
      return
    }
    res.writeHead(301, { location: ping.url }).end()
  }

  await new Promise((resolve) =>
    server.listen(options.port ?? 0, '127.0.0.1', resolve)
  )
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  return {
    url: `http://127.0.0.1:${port}`,
    pings,
    requests,
    moderate(url, status = 'accepted', id = undefined) {
      for (const p of pings) {
        if (p.url === url && (id === undefined || p.id === id))
          p.status = status
      }
    },
    setExportBroken(broken) {
      exportBroken = broken
    },
    close() {
      server.closeAllConnections()
      return new Promise((resolve) => server.close(() => resolve()))
    }
  }
}

function xmlAnswer(error, message) {
  const text = message ? `<message>${message}</message>` : ''
  return `<?xml version="1.0" encoding="UTF-8"?>\n<response><error>${error}</error>${text}</response>\n`
}

/** The stand-in's hashed document id (arXiv's is a hash too; any hex will do). */
export function documentHash(id) {
  return createHash('sha256').update(id).digest('hex').slice(0, 8)
}

function escapeHtml(text) {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
}

/** Jinja's `truncate(n, False)` for a string without spaces: cut, then `...`. */
function truncate(text, length) {
  if (text.length <= length + 5) return text
  const cut = text.slice(0, length - 3)
  const space = cut.lastIndexOf(' ')
  return `${space > 0 ? cut.slice(0, space) : cut}...`
}

/**
 * The /tb/<id> page as arxiv-browse renders it: per TrackBack an
 * h3.trackback-title and a p.trackback-source, both linking to
 * /tb/redirect/<trackback id>/<hash>, the source showing the URL shortened.
 */
export function tbPageHtml(id, listed) {
  const head = `<!DOCTYPE html><html lang="en"><head><title>Article Trackbacks</title></head><body>
<div class="columns"><div class="column"><h1>arXiv<br><span style="color:grey;">Trackbacks</span></h1></div></div>
<div class="large-data-list bold-divided-list trackback-styles">`
  if (listed.length === 0) {
    return `${head}<p><em>There are no trackback pings recorded for <a href="/abs/${id}">${id}</a>.</em></p></div></body></html>`
  }
  const items = listed.map((p) => {
    const href = `/tb/redirect/${p.trackbackId}/${documentHash(p.id)}`
    const shown = p.url.replace(/^https?:\/\//, '')
    return `<h3 class="trackback-title">
  <a class="mathjax" rel="external nofollow" href="${href}">${escapeHtml(truncate(p.title, 150))}</a>
</h3>
<p class="trackback-source">
  [${p.blogName ? `\n    ${escapeHtml(truncate(p.blogName, 50))} @` : ''}
    <a class="mathjax" rel="external nofollow" href="${href}">${escapeHtml(truncate(shown, 30))}</a>
  ]
    <small>trackback posted ${p.postedAt.toUTCString()}</small>
</p>`
  })
  return `${head}<h2 class="trackback-heading">Trackbacks for <a href="/abs/${id}">${id}</a></h2>
${items.join('\n')}
</div></body></html>`
}

/** The Turtle export: one Open Annotation per accepted TrackBack. */
export function trackbackTurtle(id, listed) {
  const literal = (text) => JSON.stringify(text)
  const annotations = listed.map(
    (p) => `<http://arxiv.org/tb/${p.trackbackId}> a oa:Annotation ;
    oa:hasBody <${p.url}> ;
    oa:hasTarget <http://arxiv.org/abs/${id}> ;
    oa:motivatedBy oa:linking ;
    oa:annotatedAt ${literal(p.postedAt.toISOString())}^^xsd:dateTime .

<${p.url}> dc:title ${literal(p.title)} .
`
  )
  return `@prefix oa: <http://www.w3.org/ns/oa#> .
@prefix dc: <http://purl.org/dc/elements/1.1/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

${annotations.join('\n')}`
}
