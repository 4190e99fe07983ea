/**
 * One Webmention (W3C Recommendation, 12 January 2017): POST the form
 * `source` (the post) and `target` (the page it links to) to the endpoint
 * the page offers (discover.ts), through the same guarded, capped, timed
 * exchange and redirect rules as TrackBack (trackback.ts's postGuarded).
 *
 * What an answer means is pure (`interpretWebmention`): any 2xx is success
 * (§3.1.4: 201 with a `Location` status page, 202 queued), a 400 is a
 * refusal with the receiver's words, a throttle waits as for TrackBack, and
 * the rest follows the retry rule (net/retry.ts): a 5xx other than 503 may
 * come after the receiver stored the mention, so it is not repeated blindly.
 */
import {
  parseRetryAfter,
  statusMayHaveStored,
  throttleWaitMs,
  transientStatus
} from '../net/retry.js'
import { plain, type Interpretation } from './trackback-answer.js'
import {
  header,
  postGuarded,
  type Attempt,
  type ClientOptions
} from './trackback.js'
import type { PingRequest } from '../types.js'
import { isRecord } from '../util.js'

/** The headers of a Webmention answer that matter. */
export interface WebmentionMeta {
  /** `Location`, resolved against the endpoint: the status page of a 201/202. */
  location?: string
  retryAfter?: string | null
  contentType?: string
}

/** Send one Webmention. Never throws. */
export function sendWebmention(
  request: PingRequest,
  options: ClientOptions
): Promise<Attempt> {
  const target = request.target ?? request.ping
  return postGuarded(
    {
      url: request.ping,
      body: new URLSearchParams({
        source: request.fields.url,
        target
      }).toString(),
      contentType: 'application/x-www-form-urlencoded; charset=utf-8',
      accept: 'application/json, text/plain;q=0.9, */*;q=0.1',
      what: 'Webmention endpoint',
      read: (status, text, exchange) => {
        const location = header(exchange, 'location')
        return interpretWebmention(status, text, {
          ...(location ? { location: resolve(location, request.ping) } : {}),
          retryAfter: header(exchange, 'retry-after'),
          contentType: exchange.headers['content-type'] ?? ''
        })
      }
    },
    options
  )
}

/** What a Webmention endpoint's answer means. */
export function interpretWebmention(
  status: number,
  body: string,
  meta: WebmentionMeta = {},
  now: Date = new Date()
): Interpretation {
  const label = `HTTP ${status}`
  const said = answerText(body, meta.contentType ?? '')
  const saidText = said ? `: ${said}` : ''
  if (status >= 200 && status < 300) {
    const how =
      status === 202 ? 'queued by the receiver' : 'accepted by the receiver'
    const where = meta.location ? `; status at ${plain(meta.location)}` : ''
    return {
      kind: 'sent',
      message: `${how} (${label})${where}`,
      ...(meta.location ? { statusUrl: meta.location } : {})
    }
  }
  const asked = parseRetryAfter(meta.retryAfter, now)
  if (status === 429) {
    return {
      kind: 'retry',
      message: `throttled by the receiver (${label})${saidText}`,
      retryAfterMs: throttleWaitMs(asked)
    }
  }
  if (transientStatus(status)) {
    const ambiguous = statusMayHaveStored(status)
    return {
      kind: 'retry',
      message: `${label}${saidText}`,
      ...(ambiguous ? { ambiguous } : {}),
      ...(asked !== undefined ? { retryAfterMs: asked } : {})
    }
  }
  if (status === 400) {
    return {
      kind: 'rejected',
      message: `refused by the receiver (${label})${saidText || ' without a reason'}`
    }
  }
  if (status >= 400) {
    return {
      kind: 'rejected',
      message: `the Webmention endpoint answered ${label}${saidText}`
    }
  }
  return { kind: 'failed', message: `${label} is no Webmention answer` }
}

/**
 * The receiver's reason in a few words: the `error_description` or `error`
 * of a JSON answer (webmention.io, the OAuth-style errors many use), else
 * the text; an HTML page is only named, not quoted.
 */
function answerText(body: string, contentType: string): string {
  const text = body.trim()
  if (text === '') return ''
  if (/json/i.test(contentType) || text.startsWith('{')) {
    try {
      const json: unknown = JSON.parse(text)
      if (isRecord(json)) {
        const reason = json.error_description ?? json.error ?? json.message
        if (typeof reason === 'string') return plain(reason)
      }
    } catch {
      // Not JSON after all: shown as text below.
    }
  }
  if (/html/i.test(contentType) || /^<(!doctype|html)/i.test(text)) {
    return 'an HTML page'
  }
  return plain(text)
}

function resolve(location: string, base: string): string {
  try {
    return new URL(location, base).href
  } catch {
    return location
  }
}
