/**
 * How a page wants to be told that a post links to it. Pure: the page's
 * final URL, its HTTP headers and its HTML in, the endpoints it offers out.
 *
 * - TrackBack: the `trackback:ping` of an embedded RDF block (inside an HTML
 *   comment) whose `rdf:Description` names this page by `dc:identifier` or
 *   `rdf:about` (http/https, `www.` and a `#fragment` do not matter), else
 *   the first `<link rel="trackback" href>`.
 * - Webmention (W3C Recommendation, §3.1.2): the first `Link` header with
 *   `rel` webmention, else the first `<link>` or `<a>` with that `rel` in
 *   document order. Relative URLs resolve against the page's final URL; an
 *   empty `href` is the page itself; query strings are kept.
 * - Pingback (Pingback 1.0): the `X-Pingback` header, else the first
 *   `<link rel="pingback" href>`.
 *
 * The HTML is read by parse5 (the parsing algorithm browsers use), so links
 * inside comments, scripts or escaped markup do not count; only the RDF
 * comment is read on purpose, itself parsed by parse5 as a fragment.
 *
 * One protocol per target: `chooseProtocol` takes TrackBack first (the
 * receiver shows the post's title and excerpt), then Webmention (a W3C
 * Recommendation whose receivers verify the link), then Pingback.
 */

import type { Protocol } from '../types.js'

export type { Protocol }

/** The notification protocols, in the order they are preferred. */
export const PROTOCOLS: readonly Protocol[] = [
  'trackback',
  'webmention',
  'pingback'
]

/** The endpoint a page offers for each protocol it takes. */
export type Endpoints = Partial<Record<Protocol, string>>

/** What discovery reads of a fetched page. */
export interface PageFacts {
  /** The URL that answered, after redirects: relative URLs resolve against it. */
  url: string
  /** The URL as the user wrote it: the RDF may name this one instead. */
  requested?: string
  /** Response headers as Node gives them (lower-case names). */
  headers: Record<string, string | string[] | undefined>
  /** The page's HTML ('' when it is not HTML). */
  html: string
}

/** The parts of parse5's tree read here. */
interface Node {
  nodeName: string
  data?: string
  attrs?: Array<{ name: string; value: string }>
  childNodes?: Node[]
}

/** Every endpoint the page offers (absolute http(s) URLs). */
export async function discoverEndpoints(page: PageFacts): Promise<Endpoints> {
  const { parse, parseFragment } = await import('parse5')
  const document = parse(page.html) as unknown as Node
  const found = readDocument(document, page.url)
  const names = [page.url, page.requested ?? page.url]
  let rdfPing: string | undefined
  for (const comment of found.comments) {
    if (rdfPing !== undefined) break
    if (!comment.includes('rdf:Description')) continue
    const fragment = parseFragment(comment) as unknown as Node
    rdfPing = rdfPingFor(fragment, names, page.url)
  }
  const endpoints: Endpoints = {}
  const trackback = rdfPing ?? found.links.trackback
  if (trackback !== undefined) endpoints.trackback = trackback
  const webmention =
    linkHeaderEndpoint(page.headers.link, 'webmention', page.url) ??
    found.links.webmention
  if (webmention !== undefined) endpoints.webmention = webmention
  const pingback =
    pingbackHeader(page.headers['x-pingback'], page.url) ?? found.links.pingback
  if (pingback !== undefined) endpoints.pingback = pingback
  return endpoints
}

/** The protocol to use and its endpoint, or undefined when none is allowed. */
export function chooseProtocol(
  endpoints: Endpoints,
  allowed: readonly Protocol[] = PROTOCOLS
): { protocol: Protocol; endpoint: string } | undefined {
  for (const protocol of PROTOCOLS) {
    const endpoint = endpoints[protocol]
    if (endpoint !== undefined && allowed.includes(protocol)) {
      return { protocol, endpoint }
    }
  }
  return undefined
}

/** What one walk of the document finds. */
interface Found {
  /** The first usable `href` per rel, from `<link>` (and `<a>` for Webmention). */
  links: Endpoints
  /** The text of every HTML comment, in document order. */
  comments: string[]
}

/** Walk the document once, in document order. */
function readDocument(document: Node, pageUrl: string): Found {
  const found: Found = { links: {}, comments: [] }
  const visit = (node: Node): void => {
    if (node.nodeName === '#comment') {
      if (node.data !== undefined) found.comments.push(node.data)
      return
    }
    if (node.nodeName === 'link' || node.nodeName === 'a') {
      readLinkElement(node, pageUrl, found.links)
    }
    for (const child of node.childNodes ?? []) visit(child)
  }
  visit(document)
  return found
}

/** Record what one `<link>` or `<a>` offers, where nothing came earlier. */
function readLinkElement(node: Node, pageUrl: string, links: Endpoints): void {
  const rels = relTokens(attr(node, 'rel'))
  if (rels.length === 0) return
  const href = attr(node, 'href')
  // An element without href offers nothing; an empty href is the page.
  if (href === undefined) return
  const isLink = node.nodeName === 'link'
  const take = (protocol: Protocol): void => {
    if (links[protocol] !== undefined || !rels.includes(protocol)) return
    const url = resolveHttp(href, pageUrl)
    if (url !== undefined) links[protocol] = url
  }
  take('webmention')
  if (isLink) {
    take('trackback')
    take('pingback')
  }
}

/**
 * The `trackback:ping` of the first `rdf:Description` that names one of
 * `names`, as an attribute or as a `<trackback:ping rdf:resource>` child.
 */
function rdfPingFor(
  fragment: Node,
  names: string[],
  pageUrl: string
): string | undefined {
  const wanted = new Set(names.map(sameness))
  let ping: string | undefined
  const visit = (node: Node): void => {
    if (ping !== undefined) return
    if (node.nodeName === 'rdf:description') {
      const ids = [attr(node, 'dc:identifier'), attr(node, 'rdf:about')]
      if (ids.some((id) => id !== undefined && wanted.has(sameness(id)))) {
        const value =
          attr(node, 'trackback:ping') ??
          node.childNodes
            ?.filter((child) => child.nodeName === 'trackback:ping')
            .map((child) => attr(child, 'rdf:resource'))
            .find((value) => value !== undefined)
        if (value !== undefined && value.trim() !== '') {
          ping = resolveHttp(value, pageUrl)
          return
        }
      }
    }
    for (const child of node.childNodes ?? []) visit(child)
  }
  visit(fragment)
  return ping
}

/**
 * A URL reduced to what the RDF must match: no scheme, no `www.`, no
 * `#fragment`, the host in lower case. Unparseable text stays as it is.
 */
export function sameness(text: string): string {
  try {
    const url = new URL(text.trim())
    const host = url.host.toLowerCase().replace(/^www\./, '')
    return `${host}${url.pathname}${url.search}`
  } catch {
    return text.trim()
  }
}

/**
 * The first link of a `Link` header (RFC 8288) whose `rel` has `relation`
 * among its space-separated values, resolved against `pageUrl`. Node joins
 * repeated `Link` headers with ", ", which the grammar reads as one list.
 */
export function linkHeaderEndpoint(
  header: string | string[] | undefined,
  relation: string,
  pageUrl: string
): string | undefined {
  if (header === undefined) return undefined
  const text = Array.isArray(header) ? header.join(', ') : header
  for (const link of parseLinkHeader(text)) {
    if (relTokens(link.params.rel).includes(relation)) {
      const url = resolveHttp(link.target, pageUrl)
      if (url !== undefined) return url
    }
  }
  return undefined
}

/** One link of a `Link` header: its target and its parameters (lower-case names). */
interface HeaderLink {
  target: string
  params: Record<string, string>
}

/**
 * Read a `Link` header: `<uri>; name=value; name="quoted, value", <uri>…`.
 * Characters are scanned one by one because commas and semicolons may sit
 * inside quoted values and inside the `<uri>`.
 */
export function parseLinkHeader(text: string): HeaderLink[] {
  const links: HeaderLink[] = []
  let i = 0
  const skipSpace = (): void => {
    while (i < text.length && /\s/.test(text[i] as string)) i++
  }
  while (i < text.length) {
    const open = text.indexOf('<', i)
    if (open === -1) break
    const close = text.indexOf('>', open + 1)
    if (close === -1) break
    const link: HeaderLink = { target: text.slice(open + 1, close), params: {} }
    i = close + 1
    for (;;) {
      skipSpace()
      if (text[i] !== ';') break
      i++
      skipSpace()
      let name = ''
      while (i < text.length && !/[=;,\s]/.test(text[i] as string)) {
        name += text[i]
        i++
      }
      skipSpace()
      let value = ''
      if (text[i] === '=') {
        i++
        skipSpace()
        value = readParamValue()
      }
      name = name.toLowerCase()
      // RFC 8288 §3: only the first occurrence of a parameter counts.
      if (name !== '' && !(name in link.params)) link.params[name] = value
    }
    links.push(link)
    // Past anything unreadable up to the next link.
    while (i < text.length && text[i] !== ',') i++
    i++
  }
  return links

  function readParamValue(): string {
    let value = ''
    if (text[i] === '"') {
      i++
      while (i < text.length && text[i] !== '"') {
        if (text[i] === '\\' && i + 1 < text.length) i++
        value += text[i]
        i++
      }
      i++
      return value
    }
    while (i < text.length && !/[;,\s]/.test(text[i] as string)) {
      value += text[i]
      i++
    }
    return value
  }
}

/** The `X-Pingback` header's URL (the first, if repeated), resolved. */
function pingbackHeader(
  header: string | string[] | undefined,
  pageUrl: string
): string | undefined {
  const value = Array.isArray(header) ? header[0] : header
  if (value === undefined || value.trim() === '') return undefined
  return resolveHttp(value, pageUrl)
}

/** A `rel` value's tokens: ASCII-whitespace separated, case-insensitive. */
function relTokens(rel: string | undefined): string[] {
  if (rel === undefined) return []
  return rel
    .toLowerCase()
    .split(/[\t\n\f\r ]+/)
    .filter((token) => token !== '')
}

function attr(node: Node, name: string): string | undefined {
  return node.attrs?.find((a) => a.name === name)?.value
}

/** `href` resolved against `base` (empty: the base itself), http(s) only. */
function resolveHttp(href: string, base: string): string | undefined {
  try {
    const url = new URL(href.trim(), base)
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined
    return url.href
  } catch {
    return undefined
  }
}
