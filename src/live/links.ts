/**
 * Does a post link to what it pings? arXiv asks that a post pinging a paper
 * link to the paper's abstract page, and a ping from a page that never
 * mentions the receiver looks like spam anywhere. Pure: HTML text in, links
 * and verdicts out. The HTML is read by parse5 (the WHATWG parsing
 * algorithm browsers use), so comments, scripts and broken markup hide or
 * show links exactly as a browser would.
 */
import { arxivId, arxivIdOfPing } from '../post/arxiv.js'

/** Hosts whose `/abs/<id>` pages are a paper's abstract page. */
const ARXIV_ABS_HOSTS = new Set(['arxiv.org', 'www.arxiv.org'])

/** Elements whose `href` is a link a reader can follow. */
const LINK_ELEMENTS = new Set(['a', 'area'])

/** The parts of parse5's tree this module reads. */
interface HtmlNode {
  nodeName: string
  attrs?: Array<{ name: string; value: string }>
  /** parse5 keeps a `<template>`'s content apart: it is not visited. */
  childNodes?: HtmlNode[]
}

/**
 * The absolute http(s) URLs the page links to (`<a href>`, `<area href>`),
 * resolved against the first `<base href>` and the page's URL, without
 * their `#fragment`, in document order, each once.
 */
export async function pageLinks(
  html: string,
  pageUrl: string
): Promise<string[]> {
  // Loaded on first use: only page checks need it, start-up does not.
  const { parse } = await import('parse5')
  const document = parse(html) as unknown as HtmlNode
  const hrefs: string[] = []
  let base: string | undefined
  const visit = (node: HtmlNode): void => {
    const href = node.attrs?.find((a) => a.name === 'href')?.value
    if (href !== undefined) {
      if (node.nodeName === 'base') base ??= href
      else if (LINK_ELEMENTS.has(node.nodeName)) hrefs.push(href)
    }
    for (const child of node.childNodes ?? []) visit(child)
  }
  visit(document)

  const baseUrl = resolve(base, pageUrl) ?? pageUrl
  const links = new Set<string>()
  for (const href of hrefs) {
    const url = resolve(href, baseUrl)
    if (url === undefined) continue
    const parsed = new URL(url)
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') continue
    parsed.hash = ''
    links.add(parsed.href)
  }
  return [...links]
}

function resolve(href: string | undefined, base: string): string | undefined {
  if (href === undefined) return undefined
  try {
    return new URL(href.trim(), base).href
  } catch {
    return undefined
  }
}

/** What a post must link to for one ping, and how to say it. */
export interface LinkRule {
  /** For messages: "arxiv.org/abs/2101.00001" or "blog.example.org". */
  expected: string
  matches(link: string): boolean
}

/**
 * The link a post pinging `ping` should carry: for arXiv, the paper's
 * abstract page `arxiv.org/abs/<id>` (any version, http or https, with or
 * without `www.`); for any other receiver, a page on the ping URL's host
 * (the post pinged, or its site; `www.` and the scheme do not matter).
 */
export function linkRule(ping: string): LinkRule {
  const id = arxivIdOfPing(ping)
  if (id !== undefined) {
    return {
      expected: `arxiv.org/abs/${id}`,
      matches: (link) => {
        const url = parseUrl(link)
        return (
          url !== undefined &&
          ARXIV_ABS_HOSTS.has(url.hostname) &&
          /^\/abs\//i.test(url.pathname) &&
          arxivId(url.href) === id
        )
      }
    }
  }
  const target = parseUrl(ping)
  const host = target ? siteOf(target) : ping
  return {
    expected: host,
    matches: (link) => {
      const url = parseUrl(link)
      return url !== undefined && target !== undefined && siteOf(url) === host
    }
  }
}

/** Whether any of a page's links satisfies the rule for `ping`. */
export function linksTo(links: string[], ping: string): boolean {
  const rule = linkRule(ping)
  return links.some((link) => rule.matches(link))
}

/** host[:port] without `www.`, the port only when it is not the default. */
function siteOf(url: URL): string {
  const host = url.hostname.toLowerCase().replace(/^www\./, '')
  return url.port === '' ? host : `${host}:${url.port}`
}

function parseUrl(text: string): URL | undefined {
  try {
    return new URL(text)
  } catch {
    return undefined
  }
}
