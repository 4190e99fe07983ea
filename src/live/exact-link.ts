/**
 * Webmention and Pingback receivers fetch the post and refuse it unless it
 * links to the notified page exactly (not just to its site, which is what
 * links.ts's rule asks of TrackBack targets). Pure: a planned ping and the
 * post's links in, the ping (with what was checked) and warnings out.
 */
import type { Annotation } from '../report/annotations.js'
import type { PlannedPing } from '../run/plan.js'
import { plain } from '../send/trackback-answer.js'

/**
 * For an article page target (notified by Webmention or Pingback, whose
 * receivers refuse a post that does not link to the page exactly): warn
 * when the post links only elsewhere on that site, and note on the request
 * what was checked, for a receiver that refuses without a reason.
 */
export function exactLinkCheck(
  p: PlannedPing,
  links: string[],
  postUrl: string,
  annotations: Annotation[]
): PlannedPing {
  const request = p.request
  if (request?.kind !== 'page') return p
  let target: string
  try {
    const url = new URL(request.ping)
    url.hash = ''
    target = url.href
  } catch {
    return p
  }
  const exact = links.includes(target)
  if (!exact) {
    annotations.push({
      file: p.result.post,
      ...(p.result.line !== undefined ? { line: p.result.line } : {}),
      level: 'warning',
      title: 'TrackBack: no link to the page itself',
      message: `${plain(postUrl)} links to the site of ${plain(target)} but not to that page: Webmention and Pingback receivers refuse a post that does not link to the page exactly.`
    })
  }
  const checked = exact
    ? `the post was live at ${plain(postUrl)} and links to ${plain(target)} exactly`
    : `the post was live at ${plain(postUrl)} but does not link to ${plain(target)} exactly`
  return { ...p, request: { ...request, checked } }
}
