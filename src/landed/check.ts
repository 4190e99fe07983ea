/**
 * The landed check's adapter: it reads where each sent ping should show
 * (where.ts) and says whether it does, one request at a time, each host
 * spaced by `host-delay`, through the same guarded GET as the live check
 * (live/page-check.ts's fetchPage: the address policy on every hop, the
 * body cap, the time limit). It only reads; nothing is ever sent again.
 *
 * `checkLanded` looks at the entries it is given (the CLI can hand it any);
 * `lookAtDue` is the run's step: the entries due under the schedule
 * (schedule.ts), at most `landed-checks` of them, written back into the
 * ledger.
 */
import { LANDED_MAX_BYTES } from '../constants.js'
import { ledgerKey } from '../ledger/ledger.js'
import { pageLinks } from '../live/links.js'
import { fetchPage } from '../live/page-check.js'
import type { PageAnswer, PageFetchOptions } from '../live/page-check.js'
import { createAgents, destroyAgents } from '../net/http-client.js'
import type { Ledger, LedgerEntry } from '../types.js'
import { tbCandidates, tbListings, turtleLists } from './arxiv.js'
import { dueLooks, recordLook } from './schedule.js'
import {
  linksToPost,
  lookable,
  lookAt,
  samePage,
  type LookAt
} from './where.js'

/** How a landed check reads the receivers, and when it is. */
export interface LandedOptions {
  /** The time of the look (recorded as `checked`, `visible`). */
  now: Date
  /** `landed-days`: the last look is this many days after sending. */
  days: number
  timeoutMs: number
  userAgent: string
  allowPrivateNetworks: boolean
  /** Gap between two requests to the same host, in ms. */
  hostDelayMs: number
  sleep: (ms: number) => Promise<void>
  /** No look starts after this epoch ms on `clock` (the run's deadline). */
  deadline?: number
  clock?: () => number
}

/** What one look found. */
export interface LandedLook {
  /** `ledgerKey(post, ping)`. */
  key: string
  /** The entry with the look recorded (schedule.ts's recordLook). */
  entry: LedgerEntry
  /** Shown (true), not shown (false), or the receiver could not be read. */
  seen: boolean | undefined
  /** One line for people: where it looked and what it found. */
  message: string
}

/** The Turtle export's media type, and what servers may call it. */
const TURTLE = {
  header: 'text/turtle, application/x-turtle;q=0.9, text/plain;q=0.5',
  types: /^\s*(text\/turtle|application\/x-turtle|text\/plain)\s*(;|$)/i
}

/** Most `/tb/redirect/` links followed for one ping. */
const MAX_REDIRECTS_FOLLOWED = 3

/**
 * Look whether each entry's ping shows on its receiver, in order, and
 * return each entry with the look recorded. Never throws; never sends.
 */
export async function checkLanded(
  entries: readonly LedgerEntry[],
  options: LandedOptions
): Promise<LandedLook[]> {
  const agents = createAgents(options.allowPrivateNetworks, true)
  const get = pacedGet(options, agents)
  const looks: LandedLook[] = []
  try {
    for (const entry of entries) {
      const clock = options.clock ?? Date.now
      if (options.deadline !== undefined && clock() >= options.deadline) break
      const where = lookAt(entry)
      const found = where
        ? await lookOnce(entry.post, where, get)
        : { seen: undefined, message: 'no page shows pings of this ping URL' }
      // A Webmention receiver's status page, when the post does not show
      // yet: what it says is reported; whether the ping shows stays the
      // target page's to say.
      if (found.seen !== true && entry.statusUrl) {
        found.message += await statusPageSays(entry.statusUrl, get)
      }
      looks.push({
        key: ledgerKey(entry.post, entry.ping),
        entry: recordLook(entry, found.seen, options.now, options.days),
        ...found
      })
    }
  } finally {
    destroyAgents(agents)
  }
  return looks
}

/**
 * The run's step: look at the entries due (at most `budget`), and return
 * the ledger with the looks recorded.
 */
export async function lookAtDue(
  ledger: Ledger,
  options: LandedOptions & { budget: number }
): Promise<{ ledger: Ledger; looks: LandedLook[] }> {
  const due = dueLooks(ledger.entries, options.now, {
    days: options.days,
    budget: options.budget,
    lookable
  })
  if (due.length === 0) return { ledger, looks: [] }
  const looks = await checkLanded(
    due.map((d) => d.entry),
    options
  )
  const entries = { ...ledger.entries }
  for (const look of looks) entries[look.key] = look.entry
  return { ledger: { ...ledger, entries }, looks }
}

export type Get = (
  url: string,
  extra?: Partial<PageFetchOptions>
) => Promise<PageAnswer>

/** GET through the guarded client, spacing requests to one host. */
function pacedGet(
  options: LandedOptions,
  agents: ReturnType<typeof createAgents>
): Get {
  const asked = new Set<string>()
  return async (url, extra = {}) => {
    let host = ''
    try {
      host = new URL(url).host
    } catch {
      // An unusable URL: fetchPage refuses it without a request.
    }
    if (asked.has(host) && options.hostDelayMs > 0) {
      await options.sleep(options.hostDelayMs)
    }
    asked.add(host)
    return fetchPage(url, {
      timeoutMs: options.timeoutMs,
      userAgent: options.userAgent,
      allowPrivateNetworks: options.allowPrivateNetworks,
      agents,
      maxBytes: LANDED_MAX_BYTES,
      ...extra
    })
  }
}

type Found = { seen: boolean | undefined; message: string }

async function lookOnce(post: string, where: LookAt, get: Get): Promise<Found> {
  if (where.kind === 'page') return lookOnPage(post, where.url, get)
  const exported = await lookInTurtle(post, where.turtle, get)
  return exported ?? lookOnTbPage(post, where.page, get)
}

/** A blog page: does it link to the post? */
async function lookOnPage(post: string, url: string, get: Get): Promise<Found> {
  const answer = await get(url)
  if (answer.kind !== 'answer' || answer.status !== 200) {
    return { seen: undefined, message: `${url}: ${failure(answer)}` }
  }
  const links = await pageLinks(answer.body, answer.url)
  return linksToPost(links, post)
    ? { seen: true, message: `${url} links to the post` }
    : { seen: false, message: `${url} does not link to the post yet` }
}

/**
 * arXiv's Turtle export: listed or not; undefined (look at the `/tb/`
 * page instead) when it cannot be read. A 404 means the paper has no
 * accepted TrackBack yet.
 */
async function lookInTurtle(
  post: string,
  url: string,
  get: Get
): Promise<Found | undefined> {
  const answer = await get(url, { accept: TURTLE })
  if (answer.kind === 'answer' && answer.status === 404) {
    return {
      seen: false,
      message: `not listed yet (${url}: no TrackBack accepted)`
    }
  }
  if (answer.kind !== 'answer' || answer.status !== 200 || answer.truncated) {
    return undefined
  }
  const listed = await turtleLists(answer.body, answer.url, post)
  if (listed === undefined) return undefined
  return listed
    ? { seen: true, message: `listed in arXiv's TrackBack export (${url})` }
    : { seen: false, message: `not listed yet (${url})` }
}

/**
 * arXiv's `/tb/` page: its links lead through `/tb/redirect/…`, so the
 * ones whose shortened URL could be the post are followed one hop (their
 * `Location` is the listed post).
 */
async function lookOnTbPage(
  post: string,
  url: string,
  get: Get
): Promise<Found> {
  const answer = await get(url)
  if (answer.kind !== 'answer' || answer.status !== 200) {
    return { seen: undefined, message: `${url}: ${failure(answer)}` }
  }
  const found = tbCandidates(await tbListings(answer.body, answer.url), post)
  if (found.listed) return { seen: true, message: `listed on ${url}` }
  for (const redirect of found.redirects.slice(0, MAX_REDIRECTS_FOLLOWED)) {
    const hop = await get(redirect, { keepRedirects: true })
    const location = hop.kind === 'answer' ? hop.headers?.location : undefined
    const target = Array.isArray(location) ? location[0] : location
    if (target !== undefined && samePage(absolute(target, redirect), post)) {
      return { seen: true, message: `listed on ${url}` }
    }
  }
  return { seen: false, message: `not listed yet (${url})` }
}

/** JSON or plain text, as Webmention status pages answer. */
const STATUS_TYPES = {
  header: 'application/json, text/plain;q=0.9, text/html;q=0.5',
  types: /^\s*(application\/([\w.+-]+\+)?json|text\/plain)\s*(;|$)/i
}

/**
 * What a Webmention receiver's status page (the `Location` of its 201 or
 * 202) says, as a clause for the look's message. The format is the
 * receiver's own (the spec leaves it open): a JSON `status` (or `state`)
 * field, else the first line of a short text; else only the HTTP status.
 */
export async function statusPageSays(url: string, get: Get): Promise<string> {
  const answer = await get(url, { accept: STATUS_TYPES })
  if (answer.kind !== 'answer') return `; its status page: ${answer.message}`
  if (answer.status !== 200) {
    return `; its status page answers HTTP ${answer.status}`
  }
  const said = statusText(answer.body)
  return said ? `; its status page says "${said}"` : ''
}

/** The status a status page's body gives, shortened, or undefined. */
export function statusText(body: string): string | undefined {
  const text = body.trim()
  let value: unknown
  try {
    const data: unknown = JSON.parse(text)
    value =
      data !== null && typeof data === 'object'
        ? ((data as Record<string, unknown>).status ??
          (data as Record<string, unknown>).state)
        : undefined
  } catch {
    value = text.startsWith('<') ? undefined : text.split('\n')[0]
  }
  if (typeof value !== 'string' || value.trim() === '') return undefined
  const one = value.trim().replace(/\s+/g, ' ')
  return one.length > 80 ? `${one.slice(0, 79)}…` : one
}

function absolute(location: string, base: string): string {
  try {
    return new URL(location, base).href
  } catch {
    return location
  }
}

function failure(answer: PageAnswer): string {
  return answer.kind === 'answer' ? `HTTP ${answer.status}` : answer.message
}
