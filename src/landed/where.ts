/**
 * Where a sent ping shows once its receiver accepts it, and whether a page
 * is our post. Pure: a ledger entry in, URLs out.
 *
 * - arXiv lists accepted TrackBacks at `https://arxiv.org/tb/<id>` and
 *   exports them as Turtle at
 *   `http://export.arxiv.org/data/trackbacks/trackback_<id>.ttl`. A ping
 *   URL of arXiv's shape (`<origin>/trackback/<arXiv id>`) on another host
 *   is read as a mirror with the same layout at its own origin (the tests'
 *   loopback stand-in, scripts/peers/arxiv.mjs).
 * - A page notified by Webmention or Pingback, or discovered, is the
 *   ledger's `ping` itself; WordPress's ping URL `<post>/trackback/` and
 *   `wp-trackback.php?p=<id>` name their post. Blogs show approved
 *   TrackBacks, Pingbacks and Webmentions as links to the source there.
 * - Any other ping URL names no page: the ping is not followed.
 */
import { arxivId, arxivIdOfPing } from '../post/arxiv.js'
import { isPingUrl } from '../send/ping-url.js'
import type { LedgerEntry } from '../types.js'

/** Where to look for a sent ping. */
export type LookAt =
  | {
      kind: 'arxiv'
      id: string
      /** The Turtle export of the paper's accepted TrackBacks. */
      turtle: string
      /** The paper's TrackBack page (`/tb/<id>`). */
      page: string
    }
  | { kind: 'page'; url: string }

const ARXIV_MIRROR = /^\/trackback\/(.+)$/

/** Whether a ledger entry's receiver shows pings where a run can read. */
export function lookable(entry: LedgerEntry): boolean {
  return lookAt(entry) !== undefined
}

/** Where a sent ping shows, or undefined when no page can tell. */
export function lookAt(entry: LedgerEntry): LookAt | undefined {
  const arxiv = arxivListing(entry.ping)
  if (arxiv) return arxiv
  if (entry.protocol === 'webmention' || entry.protocol === 'pingback') {
    return httpUrl(entry.ping)
  }
  if (!isPingUrl(entry.ping)) return httpUrl(entry.ping)
  return wordpressPost(entry.ping)
}

/** arXiv's listing of a paper's TrackBacks for an arXiv-shaped ping URL. */
export function arxivListing(ping: string): LookAt | undefined {
  const real = arxivIdOfPing(ping)
  if (real !== undefined) {
    return {
      kind: 'arxiv',
      id: real,
      turtle: `http://export.arxiv.org/data/trackbacks/trackback_${real}.ttl`,
      page: `https://arxiv.org/tb/${real}`
    }
  }
  let url: URL
  try {
    url = new URL(ping)
  } catch {
    return undefined
  }
  const path = ARXIV_MIRROR.exec(url.pathname)?.[1]
  if (path === undefined || url.search !== '') return undefined
  const id = arxivId(decodeURIComponent(path))
  if (id === undefined || id !== decodeURIComponent(path)) return undefined
  return {
    kind: 'arxiv',
    id,
    turtle: `${url.origin}/data/trackbacks/trackback_${id}.ttl`,
    page: `${url.origin}/tb/${id}`
  }
}

/** The post a WordPress ping URL belongs to. */
function wordpressPost(ping: string): LookAt | undefined {
  let url: URL
  try {
    url = new URL(ping)
  } catch {
    return undefined
  }
  if (/\/trackback\/?$/i.test(url.pathname)) {
    url.pathname = url.pathname.replace(/trackback\/?$/i, '')
    return httpUrl(url.href)
  }
  const id = url.searchParams.get('p')
  if (/\/wp-trackback\.php$/i.test(url.pathname) && id && /^\d+$/.test(id)) {
    return httpUrl(new URL(`./?p=${id}`, url).href)
  }
  return undefined
}

function httpUrl(text: string): LookAt | undefined {
  return /^https?:\/\//i.test(text) ? { kind: 'page', url: text } : undefined
}

/**
 * Whether two URLs name the same page as a receiver shows it: the scheme,
 * `www.`, a default port, a trailing slash and the fragment do not matter.
 */
export function samePage(a: string, b: string): boolean {
  const ka = pageKey(a)
  return ka !== undefined && ka === pageKey(b)
}

function pageKey(text: string): string | undefined {
  let url: URL
  try {
    url = new URL(text.trim())
  } catch {
    return undefined
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined
  const host = url.hostname.toLowerCase().replace(/^www\./, '')
  const port = url.port === '' ? '' : `:${url.port}`
  const path = url.pathname.replace(/\/+$/, '')
  return `${host}${port}${path}${url.search}`
}

/** Whether a list of links holds one to the post. */
export function linksToPost(links: readonly string[], post: string): boolean {
  return links.some((link) => samePage(link, post))
}
