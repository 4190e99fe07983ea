/**
 * Reading arXiv's listings of a paper's accepted TrackBacks. Pure: text in,
 * what it lists out.
 *
 * - The Turtle export (`trackback_<id>.ttl`), Open Annotation data: each
 *   accepted TrackBack an annotation whose `oa:hasBody` is the blog post
 *   and whose `oa:hasTarget` the paper. Read with n3 (a maintained,
 *   spec-conformant RDF 1.1 Turtle parser), never by pattern.
 * - The `/tb/<id>` page (arxiv-browse's browse/templates/tb/tb.html and
 *   tb/macros.html): one `<h3 class="trackback-title">` and one
 *   `<p class="trackback-source">` per TrackBack, both linking not to the
 *   post but to `/tb/redirect/<trackback id>/<hash>`, which answers 301 to
 *   it; the source line shows the post's URL cut to about 30 characters.
 *   So the page names candidates, and their redirects say which is ours.
 */
import type { Quad } from 'n3'
import { samePage } from './where.js'

const OA = 'http://www.w3.org/ns/oa#'

/**
 * The pages a Turtle export says link to the paper: the `oa:hasBody` of
 * each annotation (or, for a body described as a resource, its
 * `oa:hasSource`). Undefined when the text is not Turtle.
 */
export async function turtleBodies(
  text: string,
  base: string
): Promise<string[] | undefined> {
  const { Parser } = await import('n3')
  let quads: Quad[]
  try {
    quads = new Parser({ baseIRI: base, format: 'text/turtle' }).parse(text)
  } catch {
    return undefined
  }
  const sources = new Map<string, string>()
  for (const q of quads) {
    if (
      q.predicate.value === `${OA}hasSource` &&
      q.object.termType === 'NamedNode'
    ) {
      sources.set(q.subject.value, q.object.value)
    }
  }
  const bodies: string[] = []
  for (const q of quads) {
    if (q.predicate.value !== `${OA}hasBody`) continue
    const body =
      q.object.termType === 'NamedNode'
        ? q.object.value
        : sources.get(q.object.value)
    if (body !== undefined && !bodies.includes(body)) bodies.push(body)
  }
  return bodies
}

/** Whether the export lists the post. Undefined when it cannot be read. */
export async function turtleLists(
  text: string,
  base: string,
  post: string
): Promise<boolean | undefined> {
  const bodies = await turtleBodies(text, base)
  return bodies?.some((body) => samePage(body, post))
}

/** One TrackBack as the `/tb/` page shows it. */
export interface TbListing {
  /** The absolute `/tb/redirect/…` URL (or a direct link, if one is given). */
  href: string
  /** The link's text: the title, or the post's URL cut short. */
  text: string
}

/** The parts of parse5's tree read here. */
interface HtmlNode {
  nodeName: string
  value?: string
  attrs?: Array<{ name: string; value: string }>
  childNodes?: HtmlNode[]
}

/** Every link of the `/tb/` page that leads to a listed TrackBack. */
export async function tbListings(
  html: string,
  pageUrl: string
): Promise<TbListing[]> {
  const { parse } = await import('parse5')
  const listings: TbListing[] = []
  const visit = (node: HtmlNode): void => {
    const href = node.attrs?.find((a) => a.name === 'href')?.value
    if (node.nodeName === 'a' && href !== undefined) {
      const absolute = resolve(href, pageUrl)
      if (absolute) listings.push({ href: absolute, text: textOf(node).trim() })
      return
    }
    for (const child of node.childNodes ?? []) visit(child)
  }
  visit(parse(html) as unknown as HtmlNode)
  return listings.filter(
    (l) =>
      /\/tb\/redirect\//.test(new URL(l.href).pathname) ||
      isExternal(l, pageUrl)
  )
}

/**
 * What the `/tb/` page says of our post: `listed` when it links to it
 * outright, else the redirect links whose shortened URL could be it (to be
 * followed), and none when nothing could.
 */
export function tbCandidates(
  listings: readonly TbListing[],
  post: string
): { listed: true } | { listed: false; redirects: string[] } {
  if (listings.some((l) => samePage(l.href, post))) return { listed: true }
  const redirects: string[] = []
  for (const l of listings) {
    if (!/\/tb\/redirect\//.test(l.href)) continue
    if (shortUrlMatches(l.text, post) && !redirects.includes(l.href)) {
      redirects.push(l.href)
    }
  }
  return { listed: false, redirects }
}

/**
 * Whether a URL as arXiv shows it, cut short with `...` and perhaps
 * without its scheme, can be the post's URL.
 */
export function shortUrlMatches(shown: string, post: string): boolean {
  const cut = shown.trim().replace(/(\.\.\.|…)$/, '')
  if (cut.length < 8) return false
  const bare = (u: string): string =>
    u
      .replace(/^https?:\/\//i, '')
      .replace(/^www\./i, '')
      .toLowerCase()
  return bare(post).startsWith(bare(cut))
}

function textOf(node: HtmlNode): string {
  if (node.nodeName === '#text') return node.value ?? ''
  return (node.childNodes ?? []).map(textOf).join('')
}

function resolve(href: string, base: string): string | undefined {
  try {
    const url = new URL(href.trim(), base)
    return url.protocol === 'http:' || url.protocol === 'https:'
      ? url.href
      : undefined
  } catch {
    return undefined
  }
}

/** A link off arXiv's own site (a listing that links the post itself). */
function isExternal(listing: TbListing, pageUrl: string): boolean {
  return new URL(listing.href).host !== new URL(pageUrl).host
}
