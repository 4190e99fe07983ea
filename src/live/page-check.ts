/**
 * Not before the post is live: before a run pings for a post, it fetches the
 * post's page until it answers 200 (GitHub Pages and other hosts publish a
 * few seconds to minutes after the deploy step), and reads the page's links
 * to check that the post links to what it pings (links.ts).
 *
 * A post that does not come up within `wait-for-live` seconds, or that lacks
 * a link `require-link` asks for, keeps its pings `pending`: the ledger
 * queues them and a later run tries again. They are never sent early.
 *
 * The decisions (what an answer means, which pings to hold) are pure; the
 * backoff between fetches is the retry rule's (net/retry.ts). `fetchPage`
 * is the adapter, and goes through the same address policy as pings
 * (urlPolicyError on every hop, guarded lookups at connect time).
 */
import { setTimeout as sleep } from 'node:timers/promises'
import { ADDRESS_FORBIDDEN, urlPolicyError } from '../net/address-policy.js'
import {
  createAgents,
  destroyAgents,
  httpExchange,
  type ClientAgents
} from '../net/http-client.js'
import { backoffMs, LIVE_BACKOFF } from '../net/retry.js'
import { exactLinkCheck } from './exact-link.js'
import { linkRule, pageLinks } from './links.js'
import type { Plan, PlannedPing } from '../run/plan.js'
import type { Annotation } from '../report/annotations.js'
import { plain } from '../send/trackback-answer.js'
import { errorMessage, pool } from '../util.js'

/** What fetching a post's page gave. */
export type PageAnswer =
  | {
      kind: 'answer'
      status: number
      /** The URL that answered (after redirects). */
      url: string
      contentType: string
      /** Read only for a 200 HTML answer, capped; '' otherwise. */
      body: string
      /** The answer's headers (discovery reads `Link` and `X-Pingback`). */
      headers?: Record<string, string | string[] | undefined>
      /** The body was longer than the cap (the rest was not read). */
      truncated?: boolean
    }
  /** The address policy refuses the URL or a redirect: trying again cannot help. */
  | { kind: 'refused'; message: string }
  /** No usable answer (network, timeout, redirect trouble): may pass. */
  | { kind: 'error'; message: string }

/** What a run knows about a post's page before pinging for it. */
export type PageCheck =
  | {
      live: true
      url: string
      /** The page's links; undefined when the page is not HTML. */
      links?: string[]
    }
  | { live: false; url: string; reason: string }

/** How pages are fetched. */
export interface PageFetchOptions {
  timeoutMs: number
  userAgent: string
  allowPrivateNetworks: boolean
  /** Made by `createAgents` with the same `allowPrivateNetworks`. */
  agents?: ClientAgents
  /** Bytes of page to read (default 2 MiB); links past it are not seen. */
  maxBytes?: number
  /** Redirect hops to follow (default 5). */
  maxRedirects?: number
  /**
   * What else than HTML to read (landed/: arXiv's Turtle export): the
   * `Accept` header and the content types whose body is kept.
   */
  accept?: { header: string; types: RegExp }
  /** Return a redirect's answer (its `Location` in the headers) unfollowed. */
  keepRedirects?: boolean
}

/** How long to keep looking, and the clock. */
export interface WaitOptions {
  /** Keep fetching until this many ms after `start`; 0: one try. */
  waitMs: number
  /** When the wait began (default: the first try); pages checked together share it. */
  start?: number
  fetch: (url: string) => Promise<PageAnswer>
  sleep: (ms: number) => Promise<void>
  now: () => number
}

const DEFAULT_MAX_BYTES = 2 * 1024 * 1024
const DEFAULT_MAX_REDIRECTS = 5
const HTML = /^\s*(text\/html|application\/xhtml\+xml)\s*(;|$)/i
const REDIRECTS = new Set([301, 302, 303, 307, 308])

/** What one answer means: the page is live, may come up later, or never will. */
export function judgeAnswer(
  answer: PageAnswer
):
  | { verdict: 'live' }
  | { verdict: 'retry'; reason: string }
  | { verdict: 'stop'; reason: string } {
  if (answer.kind === 'refused')
    return { verdict: 'stop', reason: answer.message }
  if (answer.kind === 'error')
    return { verdict: 'retry', reason: answer.message }
  if (answer.status === 200) return { verdict: 'live' }
  return { verdict: 'retry', reason: `HTTP ${answer.status}` }
}

/**
 * Fetch a post's page until it answers 200 or `waitMs` has passed (with
 * backoff between tries; the last try starts before the time is up, so the
 * whole wait is bounded by `waitMs` plus one request's timeout).
 */
export async function checkPage(
  url: string,
  options: WaitOptions
): Promise<PageCheck> {
  const start = options.start ?? options.now()
  for (let attempt = 1; ; attempt++) {
    const answer = await options.fetch(url)
    const judged = judgeAnswer(answer)
    if (judged.verdict === 'live' && answer.kind === 'answer') {
      return HTML.test(answer.contentType) || answer.contentType === ''
        ? { live: true, url, links: await pageLinks(answer.body, answer.url) }
        : { live: true, url }
    }
    if (judged.verdict === 'stop') {
      return { live: false, url, reason: judged.reason }
    }
    const reason = judged.verdict === 'retry' ? judged.reason : ''
    const pause = backoffMs(attempt, LIVE_BACKOFF)
    if (options.now() + pause - start > options.waitMs) {
      const tries = `${attempt} ${attempt === 1 ? 'try' : 'tries'}`
      return {
        live: false,
        url,
        reason:
          options.waitMs > 0
            ? `no 200 answer within ${Math.round(options.waitMs / 1000)} s (${tries}; last: ${reason})`
            : reason
      }
    }
    await options.sleep(pause)
  }
}

/** What deciding about live posts needs from the settings. */
export interface LiveOptions {
  /** `wait-for-live` in ms; 0 turns waiting off. */
  waitForLiveMs: number
  /** `require-link`: hold a ping whose post does not link to its target. */
  requireLink: boolean
}

/**
 * The post URLs to fetch before sending: each post with a ping to send,
 * once. None when waiting is off and no link is required (the link check
 * then has no page to read, and the run makes no extra request).
 */
export function pagesToCheck(plan: Plan, options: LiveOptions): string[] {
  if (options.waitForLiveMs <= 0 && !options.requireLink) return []
  const urls = new Set<string>()
  for (const p of plan.pings) {
    if (p.request) urls.add(p.request.fields.url)
  }
  return [...urls]
}

/**
 * Hold the pings whose post is not live (or, with `require-link`, does not
 * link to the target) as `pending` until the next run, and warn about every
 * missing link. Pure: returns a new plan and the annotations.
 */
export function applyPageChecks(
  plan: Plan,
  checks: Map<string, PageCheck>,
  options: LiveOptions & { now: Date }
): { plan: Plan; annotations: Annotation[] } {
  const annotations: Annotation[] = []
  const unreachable = new Set<string>()
  const hold = (p: PlannedPing, message: string): PlannedPing => {
    const { request: _sent, ...rest } = p
    return {
      ...rest,
      result: { ...p.result, status: 'pending', message },
      pendingUntil: options.now.toISOString()
    }
  }
  const pings = plan.pings.map((p): PlannedPing => {
    const check = p.request ? checks.get(p.request.fields.url) : undefined
    if (!p.request || !check) return p
    const where = { file: p.result.post, line: p.result.line }
    if (!check.live) {
      // Once per post: a page that never comes up is most often a wrong
      // URL (site-url, permalink), which only the user can fix.
      if (!unreachable.has(check.url)) {
        unreachable.add(check.url)
        annotations.push({
          ...where,
          level: 'warning',
          title: 'TrackBack: post not live',
          message: `${plain(check.url)}: ${check.reason}. Its pings wait for the next run; if this is not the post's address, check the site-url and permalink inputs.`
        })
      }
      const message =
        options.waitForLiveMs > 0
          ? `The post is not live yet: ${check.reason}. Not sent; the next run tries again.`
          : `Cannot read the post to check its links: ${check.reason}. Held (require-link is true); the next run tries again.`
      return hold(p, message)
    }
    const rule = linkRule(p.request.ping)
    const links = check.links ?? []
    if (links.some((link) => rule.matches(link))) {
      return exactLinkCheck(p, links, check.url, annotations)
    }
    const why = check.links ? '' : ' (the page is not HTML)'
    const arxiv = rule.expected.startsWith('arxiv.org/')
      ? "; arXiv asks that a post link to the paper's abstract page"
      : ''
    annotations.push({
      ...where,
      level: 'warning',
      title: 'TrackBack: no link to the target',
      message: `${plain(check.url)} does not link to ${plain(rule.expected)}${why}${arxiv}.${options.requireLink ? ' Held until it does (require-link is true).' : ''}`
    })
    return options.requireLink
      ? hold(
          p,
          `The post does not link to ${plain(rule.expected)}${why}. Held (require-link is true); the next run tries again.`
        )
      : p
  })
  return { plan: { ...plan, pings }, annotations }
}

/**
 * GET a page, following redirects (each hop checked by the address policy),
 * and read a 200 HTML answer up to `maxBytes`. Never throws.
 */
export async function fetchPage(
  url: string,
  options: PageFetchOptions
): Promise<PageAnswer> {
  const agents = options.agents ?? createAgents(options.allowPrivateNetworks)
  const maxRedirects = options.maxRedirects ?? DEFAULT_MAX_REDIRECTS
  const seen = new Set<string>()
  let current = url
  try {
    for (let hop = 0; ; hop++) {
      const refused = urlPolicyError(current, options.allowPrivateNetworks)
      if (refused !== undefined) {
        const what = hop === 0 ? 'post URL' : `redirect to ${plain(current)}`
        return { kind: 'refused', message: `${what} refused: ${refused}` }
      }
      seen.add(current)
      const { answer, location } = await getOnce(current, options, agents)
      if (
        answer.kind !== 'answer' ||
        !REDIRECTS.has(answer.status) ||
        options.keepRedirects === true
      ) {
        return answer
      }
      let next: string | undefined
      try {
        next = location ? new URL(location, current).href : undefined
      } catch {
        next = undefined
      }
      if (next === undefined) {
        return {
          kind: 'error',
          message: `HTTP ${answer.status} redirect without a usable Location`
        }
      }
      if (seen.has(next)) {
        return { kind: 'error', message: `redirect loop at ${plain(next)}` }
      }
      if (hop >= maxRedirects) {
        return {
          kind: 'error',
          message: `more than ${maxRedirects} redirects`
        }
      }
      current = next
    }
  } finally {
    if (agents !== options.agents) destroyAgents(agents)
  }
}

/** One GET within the time limit; the body only for a 200 HTML answer. */
async function getOnce(
  url: string,
  options: PageFetchOptions,
  agents: ClientAgents
): Promise<{ answer: PageAnswer; location?: string }> {
  const readable = (status: number, type: string): boolean =>
    status === 200 &&
    (type === '' ||
      HTML.test(type) ||
      options.accept?.types.test(type) === true)
  const exchange = await httpExchange(new URL(url), {
    method: 'GET',
    headers: {
      'User-Agent': options.userAgent,
      Accept:
        options.accept?.header ??
        'text/html, application/xhtml+xml;q=0.9, */*;q=0.1'
    },
    agents,
    timeoutMs: options.timeoutMs,
    maxBodyBytes: options.maxBytes ?? DEFAULT_MAX_BYTES,
    wantBody: (status, headers) =>
      readable(status, headers['content-type'] ?? '')
  })
  if (!exchange.ok) {
    if (exchange.timedOut) {
      const seconds = Math.round(options.timeoutMs / 100) / 10
      return {
        answer: { kind: 'error', message: `timed out after ${seconds} s` }
      }
    }
    const error = exchange.error
    const code = (error as { code?: unknown }).code
    const message = plain(errorMessage(error))
    return {
      answer:
        code === ADDRESS_FORBIDDEN
          ? { kind: 'refused', message }
          : { kind: 'error', message }
    }
  }
  const contentType = exchange.headers['content-type'] ?? ''
  return {
    answer: {
      kind: 'answer',
      status: exchange.status,
      url,
      contentType,
      body: readable(exchange.status, contentType)
        ? new TextDecoder('utf-8').decode(exchange.body)
        : '',
      headers: exchange.headers,
      truncated: exchange.truncated
    },
    ...(exchange.headers.location !== undefined
      ? { location: exchange.headers.location }
      : {})
  }
}

/**
 * Check every page, a few at a time, with the run's shared agents. The wait
 * is shared too: every page gets one try, and retries only within `waitMs`
 * of the start, so many posts do not multiply the run's time.
 */
export async function checkPages(
  urls: string[],
  options: Omit<PageFetchOptions, 'agents'> & {
    waitMs: number
    concurrency: number
    sleep?: (ms: number) => Promise<void>
    now?: () => number
  }
): Promise<Map<string, PageCheck>> {
  const checks = new Map<string, PageCheck>()
  if (urls.length === 0) return checks
  const agents = createAgents(options.allowPrivateNetworks, true)
  const wait: WaitOptions = {
    waitMs: options.waitMs,
    start: (options.now ?? Date.now)(),
    fetch: (url) => fetchPage(url, { ...options, agents }),
    sleep: options.sleep ?? sleep,
    now: options.now ?? Date.now
  }
  try {
    await pool(urls, options.concurrency, async (url) => {
      checks.set(url, await checkPage(url, wait))
    })
  } finally {
    destroyAgents(agents)
  }
  return checks
}
