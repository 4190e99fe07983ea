/**
 * Targets that are article pages, not ping URLs. Bloggers have the URL of
 * the article they discuss; the page says how it wants to be told
 * (discover.ts).
 *
 * The plan sorts targets (ping-url.ts: arXiv and the explicit TrackBack
 * forms are ping URLs, anything else a page). A **page** gets one guarded,
 * capped GET (the address policy on every hop, redirects, the body cap,
 * the time limit), then the request of the one protocol it offers, chosen
 * in discover.ts's order among the allowed ones. A page offering none gets
 * no POST: the ping ends refused with `nothingFound`, which the run reports
 * as an invalid target (not tried again until the target changes).
 *
 * Each HTTP exchange is an `Exchange` naming the URL it contacts, so the
 * sender paces the GET by the page's host and the POST by the endpoint's
 * (host-queues.ts); `notify` runs them back to back, unpaced.
 *
 * No URL shape is assumed for ping URLs: a "page" that does not answer the
 * GET with a 200 HTML page is a ping URL after all and gets its TrackBack
 * POST. And a TrackBack POST to a ping URL answered by an HTML page was
 * sent to a page: that URL is then read as a page (never a second protocol
 * for a target that took one).
 */
import { fetchPage, type PageAnswer } from '../live/page-check.js'
import {
  chooseProtocol,
  discoverEndpoints,
  PROTOCOLS,
  type Endpoints
} from './discover.js'
import { SENDERS } from './protocol.js'
import { plain } from './trackback-answer.js'
import { postPing, type Attempt, type ClientOptions } from './trackback.js'
import type { PingRequest, Protocol } from '../types.js'
import { transientStatus } from '../net/retry.js'
import { DISCOVERY_PAGE_BYTES } from '../constants.js'

const HTML = /^\s*(text\/html|application\/xhtml\+xml)\s*(;|$)/i

/** What discovery found for a page. */
interface Found {
  protocol: Protocol
  endpoint: string
}

/**
 * One HTTP exchange of a ping's sending: the URL it contacts (the sender
 * paces by its host) and how it is made. A page target is two: the GET of
 * the page, then the POST to the endpoint it advertises, which may be on
 * another host (many blogs use one Webmention service).
 */
export interface Exchange {
  url: string
  /** The ping's verdict, or the exchange that comes next. Never throws. */
  run(options: ClientOptions): Promise<Attempt | Next>
}

/** An exchange that did not end the ping, and what comes after it. */
export interface Next {
  next: Exchange
  /** HTTP requests the finished exchange made. */
  requests: number
}

/** Whether an exchange's result is a next exchange rather than a verdict. */
export function isNext(result: Attempt | Next): result is Next {
  return 'next' in result
}

/**
 * The first exchange of a request, by its target: a protocol already
 * chosen, a ping URL (TrackBack; an HTML answer leads to discovery on that
 * URL) or a page (discovery first). A request without a `kind` (not sorted
 * by the plan) is a TrackBack ping as before.
 */
export function firstExchange(request: PingRequest): Exchange {
  const { protocol } = request
  if (protocol !== undefined) {
    return {
      url: request.ping,
      run: (options) => SENDERS[protocol](request, options)
    }
  }
  if (request.kind === 'page') return pageExchange(request, '')
  return {
    url: request.ping,
    run: async (options) => {
      const attempt = await postPing(request, options)
      // A request the plan did not sort (kind undefined) stays a TrackBack.
      // Results name protocol and endpoint only for pages: a ping URL is
      // TrackBack to the URL as written.
      if (!attempt.htmlPage || request.kind !== 'ping-url') return attempt
      const note =
        ' (its TrackBack POST was answered with an HTML page, so it was read as a page)'
      return {
        next: pageExchange(request, note),
        requests: attempt.requests ?? 1
      }
    }
  }
}

/**
 * Send a request through all its exchanges at once, with no pacing
 * between them (the sender makes them one by one). Never throws.
 */
export async function notify(
  request: PingRequest,
  options: ClientOptions
): Promise<Attempt> {
  let exchange = firstExchange(request)
  let before = 0
  for (;;) {
    const result = await exchange.run(options)
    if (!isNext(result)) {
      return { ...result, requests: (result.requests ?? 1) + before }
    }
    before += result.requests
    exchange = result.next
  }
}

/**
 * One guarded, capped GET of a page and what it offers (readPage): the
 * discovery a run makes before sending, and a preview makes alone.
 */
export async function discoverPage(
  url: string,
  options: Pick<
    ClientOptions,
    'timeoutMs' | 'userAgent' | 'allowPrivateNetworks' | 'agents' | 'protocols'
  >
): Promise<Found | Attempt | 'not-a-page'> {
  const answer = await fetchPage(url, {
    timeoutMs: options.timeoutMs,
    userAgent: options.userAgent,
    allowPrivateNetworks: options.allowPrivateNetworks,
    maxBytes: DISCOVERY_PAGE_BYTES,
    ...(options.agents ? { agents: options.agents } : {})
  })
  return readPage(url, answer, options.protocols)
}

/** Read the page to discover how it takes notifications. */
function pageExchange(request: PingRequest, note: string): Exchange {
  return {
    url: request.ping,
    run: async (options) => {
      const outcome = await discoverPage(request.ping, options)
      if (outcome === 'not-a-page') {
        // No URL shape is assumed for ping URLs: one that is not an HTML
        // page gets its TrackBack POST, as a ping URL always did.
        const post: Exchange = {
          url: request.ping,
          run: async (again) => noted(await postPing(request, again), note)
        }
        return { next: post, requests: 1 }
      }
      if ('kind' in outcome) return noted({ ...outcome, requests: 1 }, note)
      return { next: endpointExchange(request, outcome, note), requests: 1 }
    }
  }
}

/** Send the page the one protocol it offers, to its endpoint. */
function endpointExchange(
  request: PingRequest,
  found: Found,
  note: string
): Exchange {
  return {
    url: found.endpoint,
    run: async (options) => {
      const sent = await SENDERS[found.protocol](
        {
          ...request,
          protocol: found.protocol,
          ping: found.endpoint,
          target: request.ping
        },
        options
      )
      return noted(
        { ...sent, protocol: found.protocol, endpoint: found.endpoint },
        note
      )
    }
  }
}

function noted(attempt: Attempt, note: string): Attempt {
  return note ? { ...attempt, message: `${attempt.message}${note}` } : attempt
}

/**
 * The protocol a fetched page offers; the attempt's verdict when there is
 * none or the page could not be read (a GET stores nothing anywhere, so a
 * failed one is never ambiguous); or `not-a-page` when the URL answered
 * with something other than a 200 HTML page (a ping URL of a shape not
 * recognised answers a GET with an XML error, a redirect or a 405).
 */
export async function readPage(
  url: string,
  answer: PageAnswer,
  allowed: readonly Protocol[] = PROTOCOLS
): Promise<Found | Attempt | 'not-a-page'> {
  const read = 'reading the page to find how it takes notifications'
  if (answer.kind === 'refused') {
    return {
      kind: 'failed',
      message: `${read}: ${answer.message}`,
      requestSent: false
    }
  }
  if (answer.kind === 'error') {
    return {
      kind: 'retry',
      message: `${read}: ${answer.message}`,
      requestSent: true
    }
  }
  if (transientStatus(answer.status)) {
    return {
      kind: 'retry',
      message: `${read}: HTTP ${answer.status}`,
      httpStatus: answer.status,
      requestSent: true
    }
  }
  if (answer.status !== 200 || !HTML.test(answer.contentType)) {
    return 'not-a-page'
  }
  const endpoints = await discoverEndpoints({
    url: answer.url,
    requested: url,
    headers: answer.headers ?? {},
    html: answer.body
  })
  const chosen = chooseProtocol(endpoints, allowed)
  if (chosen) return chosen
  return {
    kind: 'rejected',
    nothingFound: true,
    message: nothingFoundMessage(url, endpoints, allowed),
    httpStatus: 200,
    requestSent: true
  }
}

/** Why nothing is sent to a page, and what the blogger can do. */
export function nothingFoundMessage(
  url: string,
  endpoints: Endpoints,
  allowed: readonly Protocol[]
): string {
  const offered = PROTOCOLS.filter((p) => endpoints[p] !== undefined)
  const looked =
    'a TrackBack ping URL (RDF or <link rel="trackback">), a Webmention endpoint ' +
    '(Link header, <link> or <a rel="webmention">) or a Pingback server ' +
    '(X-Pingback header or <link rel="pingback">)'
  const notAllowed =
    offered.length > 0
      ? ` It offers ${offered.join(', ')}, which the protocols input leaves out (allowed: ${allowed.join(', ')}).`
      : ''
  return (
    `${plain(url)} offers no way to be notified: looked for ${looked}.${notAllowed} ` +
    'Nothing was sent. If the site gives a TrackBack URL for the article, write that URL as the target instead.'
  )
}
