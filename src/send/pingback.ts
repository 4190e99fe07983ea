/**
 * One Pingback (Pingback 1.0): the XML-RPC call `pingback.ping(source,
 * target)` to the server the page names (discover.ts), through the same
 * guarded, capped, timed exchange and redirect rules as TrackBack
 * (trackback.ts's postGuarded). The answer is read by the guarded XML
 * parser TrackBack answers use (trackback-answer.ts: no entities, no DTD).
 *
 * What an answer means is pure (`interpretPingback`):
 * - a `<params>` answer is success (WordPress: "Pingback from … registered");
 * - faults 16, 17, 32, 33, 49 are refusals, said plainly;
 * - 48 "already registered" is `already-sent`;
 * - 50 (the receiver could not reach the post) is transient: tried again;
 * - WordPress's fault 429 "posting comments too quickly" is throttling,
 *   waited for as TrackBack's 429;
 * - fault 0 says nothing: WordPress hides every other reason behind it on
 *   purpose, so the message says what the action cannot know and what it
 *   checked on its own side.
 */
import {
  parseRetryAfter,
  statusMayHaveStored,
  throttleWaitMs,
  transientStatus
} from '../net/retry.js'
import {
  guardedXml,
  loadResponseParser,
  plain,
  type Interpretation
} from './trackback-answer.js'
import {
  header,
  postGuarded,
  type Attempt,
  type ClientOptions
} from './trackback.js'
import type { PingRequest } from '../types.js'
import { isRecord } from '../util.js'

/** What the sender knows about the exchange besides the answer. */
export interface PingbackContext {
  source: string
  target: string
  /** What the action checked on its side, for a fault 0 ("the post is live and links to …"). */
  checked?: string
  retryAfter?: string | null
}

/** Send one Pingback. Never throws. */
export function sendPingback(
  request: PingRequest,
  options: ClientOptions
): Promise<Attempt> {
  const source = request.fields.url
  const target = request.target ?? request.ping
  return postGuarded(
    {
      url: request.ping,
      body: pingbackCall(source, target),
      contentType: 'text/xml; charset=utf-8',
      accept: 'text/xml, application/xml;q=0.9, */*;q=0.1',
      what: 'Pingback server',
      read: async (status, text, exchange) => {
        await loadResponseParser()
        return interpretPingback(status, text, {
          source,
          target,
          retryAfter: header(exchange, 'retry-after'),
          ...(request.checked ? { checked: request.checked } : {})
        })
      }
    },
    options
  )
}

/** The XML-RPC `pingback.ping` call. */
export function pingbackCall(source: string, target: string): string {
  const param = (value: string): string =>
    `<param><value><string>${escapeXml(value)}</string></value></param>`
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<methodCall><methodName>pingback.ping</methodName><params>' +
    `${param(source)}${param(target)}</params></methodCall>\n`
  )
}

/** What fault codes mean (Pingback 1.0 §"Error codes", and WordPress's 429). */
const FAULTS: Record<number, { kind: Interpretation['kind']; say: string }> = {
  16: {
    kind: 'rejected',
    say: 'the receiver could not fetch the post (fault 16, source not found)'
  },
  17: {
    kind: 'rejected',
    say: 'the receiver found no link to the target in the post (fault 17)'
  },
  32: {
    kind: 'rejected',
    say: 'the receiver does not know the target page (fault 32)'
  },
  33: {
    kind: 'rejected',
    say: 'the target page does not take pingbacks (fault 33)'
  },
  48: {
    kind: 'already-sent',
    say: 'the pingback is already registered (fault 48)'
  },
  49: { kind: 'rejected', say: 'the receiver denied access (fault 49)' },
  50: {
    kind: 'retry',
    say: 'the receiver could not reach the post or an upstream server (fault 50)'
  }
}

/** What a Pingback server's answer means. */
export function interpretPingback(
  status: number,
  body: string,
  context: PingbackContext,
  now: Date = new Date()
): Interpretation {
  const label = `HTTP ${status}`
  const asked = parseRetryAfter(context.retryAfter, now)
  const answer = readXmlRpc(body)
  if (answer.shape === 'fault') {
    return faultVerdict(answer.code, answer.message, context, asked)
  }
  if (status === 429) {
    return {
      kind: 'retry',
      message: `throttled by the receiver (${label})`,
      retryAfterMs: throttleWaitMs(asked)
    }
  }
  if (transientStatus(status)) {
    const ambiguous = statusMayHaveStored(status)
    return {
      kind: 'retry',
      message: `${label}${answer.shape === 'other' ? `; ${answer.seen}` : ''}`,
      ...(ambiguous ? { ambiguous } : {}),
      ...(asked !== undefined ? { retryAfterMs: asked } : {})
    }
  }
  if (answer.shape === 'params' && status >= 200 && status < 300) {
    return {
      kind: 'sent',
      message: answer.message || 'registered by the receiver'
    }
  }
  const seen = answer.shape === 'other' ? answer.seen : 'an XML-RPC answer'
  return { kind: 'failed', message: `${label} with ${seen}` }
}

function faultVerdict(
  code: number | undefined,
  message: string,
  context: PingbackContext,
  asked: number | undefined
): Interpretation {
  const said = message ? `: ${message}` : ''
  if (code === 429 || /too quickly/i.test(message)) {
    return {
      kind: 'retry',
      message: `throttled by the receiver (fault ${code ?? '?'})${said}`,
      retryAfterMs: throttleWaitMs(asked)
    }
  }
  const known = code === undefined ? undefined : FAULTS[code]
  if (known) return { kind: known.kind, message: `${known.say}${said}` }
  if (code === 0) {
    const checked = context.checked
      ? ` Checked here: ${context.checked}.`
      : ` Check that ${plain(context.source)} is live, has a <title>, and links to ${plain(context.target)} exactly, inside a paragraph.`
    return {
      kind: 'rejected',
      message:
        `refused by the receiver without a reason (fault 0${said ? `, ${message}` : ''}). ` +
        `WordPress gives every refusal this way (pingbacks closed, no link to the target, ` +
        `no title, an unknown target), so which one cannot be known from here.${checked}`
    }
  }
  return {
    kind: 'rejected',
    message: `refused by the receiver (fault ${code ?? 'without a code'})${said}`
  }
}

type XmlRpc =
  | { shape: 'params'; message: string }
  | { shape: 'fault'; code?: number; message: string }
  | { shape: 'other'; seen: string }

/** Read an XML-RPC `methodResponse`; needs `loadResponseParser` first. */
function readXmlRpc(body: string): XmlRpc {
  const text = body.replace(/^\uFEFF/, '').trim()
  if (text === '') return { shape: 'other', seen: 'an empty body' }
  if (/<!(DOCTYPE|ENTITY)/i.test(text)) {
    return /<!DOCTYPE\s+html/i.test(text)
      ? { shape: 'other', seen: 'an HTML page' }
      : { shape: 'other', seen: 'an XML document with a DTD (ignored)' }
  }
  const xml = guardedXml()
  let tree: unknown
  try {
    if (xml.validator.validate(text) !== true) throw new Error('malformed')
    tree = xml.parser.parse(text)
  } catch {
    return { shape: 'other', seen: 'no XML-RPC answer (malformed XML)' }
  }
  const response = isRecord(tree) ? tree.methodResponse : undefined
  if (!isRecord(response)) {
    return { shape: 'other', seen: 'no XML-RPC <methodResponse>' }
  }
  if (isRecord(response.fault)) {
    const struct = valueOf(response.fault.value)
    const members = isRecord(struct) ? struct.member : undefined
    const list = Array.isArray(members) ? members : [members]
    let code: number | undefined
    let message = ''
    for (const member of list) {
      if (!isRecord(member)) continue
      const value = valueOf(member.value)
      if (member.name === 'faultCode' && typeof value === 'string') {
        const number = Number(value.trim())
        if (Number.isInteger(number)) code = number
      }
      if (member.name === 'faultString' && typeof value === 'string') {
        message = plain(value)
      }
    }
    return { shape: 'fault', ...(code !== undefined ? { code } : {}), message }
  }
  if (isRecord(response.params)) {
    const param = response.params.param
    const value = isRecord(param) ? valueOf(param.value) : undefined
    return {
      shape: 'params',
      message: typeof value === 'string' ? plain(value) : ''
    }
  }
  return { shape: 'other', seen: 'an XML-RPC answer without params or fault' }
}

/** An XML-RPC `<value>`'s content: typed (`<string>`, `<int>`…) or bare text. */
function valueOf(value: unknown): unknown {
  if (typeof value === 'string') return value
  if (!isRecord(value)) return undefined
  for (const type of ['string', 'int', 'i4', 'struct', 'boolean']) {
    if (type in value) {
      const inner = value[type]
      return inner === undefined || inner === '' ? '' : inner
    }
  }
  return undefined
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}
