/**
 * What a failed exchange means for a ping: a message people understand
 * (connection refused, DNS, TLS, timeout) and a `retry` verdict that says
 * whether the request may have reached the receiver, by the retry rule
 * (net/retry.ts's failureMayHaveArrived).
 */
import { ADDRESS_FORBIDDEN } from '../net/address-policy.js'
import type { Exchange } from '../net/http-client.js'
import { failureMayHaveArrived } from '../net/retry.js'
import { plain, type Interpretation } from './trackback-answer.js'
import { errorMessage } from '../util.js'

/** Turn a failed exchange into a verdict with a message people understand. */
export function describeFailure(
  exchange: Extract<Exchange, { ok: false }>,
  timeoutMs: number,
  secure: boolean
): Interpretation {
  const wire = exchange.wire
  const code = errorCode(exchange.error)
  if (code === ADDRESS_FORBIDDEN) {
    return { kind: 'failed', message: reason(exchange.error) }
  }
  const answered = exchange.status !== undefined
  const tls = tlsMessage(code)
  let message: string
  if (exchange.timedOut) {
    const seconds = Math.round(timeoutMs / 100) / 10
    message = `timed out after ${seconds} s${answered ? ` while reading the answer (HTTP ${exchange.status})` : ''}`
  } else {
    message =
      NETWORK_MESSAGES[code ?? ''] ??
      tls ??
      `network error: ${reason(exchange.error)}`
  }
  // Whether it may have arrived is the retry rule's (net/retry.ts).
  const ambiguous = failureMayHaveArrived({
    written: wire.written,
    staleSocket: code === 'ECONNRESET' && wire.reusedSocket && !answered,
    // Over https, a handshake that never completed (a TLS error, or a
    // connection or proxy tunnel closed during it) kept the request here.
    failedHandshake: (tls !== undefined || secure) && !wire.secured && !answered
  })
  return {
    kind: 'retry',
    message: ambiguous
      ? `${message} (the receiver may have got the ping)`
      : message,
    ...(ambiguous ? { ambiguous } : {})
  }
}

const NETWORK_MESSAGES: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  EPIPE: 'connection closed while sending',
  ENOTFOUND: 'host not found (DNS)',
  EAI_AGAIN: 'DNS lookup failed (temporary)',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ETIMEDOUT: 'connection timed out',
  ECONNABORTED: 'connection aborted',
  ERR_STREAM_PREMATURE_CLOSE: 'connection closed before the answer ended'
}

function tlsMessage(code: string | undefined): string | undefined {
  if (!code) return undefined
  return /^(ERR_TLS|ERR_SSL|CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED|EPROTO|HOSTNAME_MISMATCH|ERR_CERT)/.test(
    code
  )
    ? `TLS failure (${code})`
    : undefined
}

export function errorCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const code = (error as { code: unknown }).code
    return typeof code === 'string' ? code : undefined
  }
  return undefined
}

/** The underlying reason of an error, fit for a log line. */
function reason(error: unknown): string {
  return plain(errorMessage(error))
}
