/**
 * The retry rule, in one place. Pure: counts, statuses and verdicts in,
 * decisions out.
 *
 * Within a run a failed try is repeated only where the receiver cannot have
 * stored the ping: the request never left (connection refused, DNS, TLS
 * handshake, a stale kept-alive socket) or the receiver said "not now" (429,
 * 503, a throttling answer). A failure that may have arrived — a timeout or
 * reset after the request went out, a 500/502/504 — is not repeated in the
 * run. Repeats wait a doubling backoff, at least what the receiver asks
 * (Retry-After, WordPress's flood window), and never longer than a run
 * waits.
 *
 * Across runs a failed ping is tried again by later runs until it has had
 * `max-attempts` tries, then given up (the ledger records it).
 *
 * The same backoff paces the post-page checks (wait-for-live) and the
 * GitHub API calls of the ledger ref and the claims.
 */
import { FLOOD_WAIT_MS } from '../constants.js'

// --- Backoff ----------------------------------------------------------------

/** A doubling backoff: the first wait, and the most any wait grows to. */
export interface Backoff {
  startMs: number
  maxMs: number
}

/** Between tries of one ping: 2, 4, 8, 16, 30, 30… s. */
export const PING_BACKOFF: Backoff = { startMs: 2000, maxMs: 30_000 }

/** Between fetches of a post page that is not live yet: 1, 2, 4, 8, 15… s. */
export const LIVE_BACKOFF: Backoff = { startMs: 1000, maxMs: 15_000 }

/** Between tries of a GitHub API call that failed in passing: 1, 2 s. */
export const API_BACKOFF: Backoff = { startMs: 1000, maxMs: 30_000 }

/** Tries of one GitHub API call that keeps failing in passing. */
export const API_MAX_TRIES = 3

/**
 * How long to wait before asking the cache again about a claim it could not
 * decide (another run's claim may still be uploading). Asked once more only.
 */
export const CLAIM_RECHECK_MS = 2000

/** Wait after try number `tries` (≥ 1) before the next one. */
export function backoffMs(tries: number, backoff: Backoff): number {
  return Math.min(backoff.startMs * 2 ** Math.max(0, tries - 1), backoff.maxMs)
}

// --- Which failures may be repeated within a run ---------------------------

/** Whether an HTTP status is transient: worth another try (429, 5xx). */
export function transientStatus(status: number): boolean {
  return status === 429 || status >= 500
}

/**
 * Whether a receiver that answered a transient status may have stored the
 * ping. 429 and 503 say "not now" before doing anything; other 5xx may come
 * after the ping was stored (a plugin dying after the insert, a gateway
 * giving up on a slow backend).
 */
export function statusMayHaveStored(status: number): boolean {
  return status !== 429 && status !== 503
}

/** What the HTTP client saw of a request that failed on the wire. */
export interface WireFailure {
  /** Bytes of the request were written to the socket. */
  written: boolean
  /**
   * A reset of a kept-alive socket the server had already closed, before
   * any answer: the one reset Node documents as safe to retry.
   */
  staleSocket: boolean
  /** The TLS handshake never completed: the request stayed in our buffers. */
  failedHandshake: boolean
}

/** Whether a request that failed on the wire may have reached the receiver. */
export function failureMayHaveArrived(wire: WireFailure): boolean {
  return wire.written && !wire.staleSocket && !wire.failedHandshake
}

/** The wait after a throttling answer: what it asks, at least the flood window. */
export function throttleWaitMs(askedMs: number | undefined): number {
  return Math.max(askedMs ?? 0, FLOOD_WAIT_MS)
}

/**
 * Milliseconds a `Retry-After` value asks for: delta-seconds or an HTTP-date
 * (RFC 9110 §10.2.3). Undefined when absent or unreadable.
 */
export function parseRetryAfter(
  value: string | null | undefined,
  now: Date = new Date()
): number | undefined {
  const text = value?.trim()
  if (!text) return undefined
  if (/^\d+$/.test(text)) return Math.min(Number(text), 86_400 * 365) * 1000
  if (!/[a-z]/i.test(text)) return undefined
  const at = Date.parse(text)
  if (Number.isNaN(at)) return undefined
  return Math.max(0, at - now.getTime())
}

// --- Repeating a ping within the run ----------------------------------------

/** Longest wait for one repeat unless the sender is told otherwise. */
export const DEFAULT_MAX_RETRY_WAIT_MS = 120_000

/** How a run repeats a ping. */
export interface InRunPolicy {
  /** Extra tries after a transient failure (the `retries` input). */
  retries: number
  /** Longest wait for one repeat; a receiver asking more is left for the run. */
  maxWaitMs: number
  backoff: Backoff
}

/** A try whose verdict was `retry` (transient). */
export interface TransientTry {
  message: string
  /** The receiver may have stored the ping although it did not confirm it. */
  ambiguous?: boolean
  /** What the receiver asked to wait (Retry-After, flood window). */
  retryAfterMs?: number
}

/** What to do after a transient failure. */
export type InRunDecision =
  /** Try again after `waitMs`. */
  | { repeat: true; waitMs: number }
  /**
   * Not in this run: the ping ends `failed` with `message` (a later run
   * tries again). With `wait`, the receiver asked for a wait the run cannot
   * give, and the whole host waits that long.
   */
  | { repeat: false; message: string; wait?: { ms: number; why: string } }

/**
 * Whether a transient failure is repeated within the run, after `tries`
 * tries of the ping (≥ 1), with `msLeft` ms before the run stops starting
 * requests (Infinity: no deadline).
 */
export function repeatInRun(
  failed: TransientTry,
  tries: number,
  policy: InRunPolicy,
  msLeft = Number.POSITIVE_INFINITY
): InRunDecision {
  if (failed.ambiguous) {
    return {
      repeat: false,
      message: `${failed.message}; not repeated in this run`
    }
  }
  if (tries > policy.retries) {
    const count = `${tries} attempt${tries === 1 ? '' : 's'}`
    return {
      repeat: false,
      message: `${failed.message}; gave up after ${count}`
    }
  }
  const waitMs = Math.max(
    backoffMs(tries, policy.backoff),
    failed.retryAfterMs ?? 0
  )
  if (waitMs <= policy.maxWaitMs && waitMs < msLeft) {
    return { repeat: true, waitMs }
  }
  const seconds = Math.ceil(waitMs / 1000)
  const limit =
    waitMs > policy.maxWaitMs
      ? `more than the ${Math.ceil(policy.maxWaitMs / 1000)} s a run waits`
      : 'past the run-timeout'
  return {
    repeat: false,
    message: `${failed.message}; would have to wait ${seconds} s (${limit}), will retry next run`,
    wait: { ms: waitMs, why: `asked to wait ${seconds} s (${limit})` }
  }
}

// --- Trying again on later runs ---------------------------------------------

/**
 * The ledger status a failed try leaves: `failed` (a later run tries again)
 * until the pair has had `maxAttempts` tries, then `given-up`.
 */
export function afterFailedTry(
  attempts: number,
  maxAttempts: number
): 'failed' | 'given-up' {
  return attempts >= maxAttempts ? 'given-up' : 'failed'
}

/**
 * Whether a later run takes a ledger entry up again: a `failed` one (tries
 * left) or a `pending` one (held: not live, not claimable, scheduled).
 */
export function laterRunRetries(status: string | undefined): boolean {
  return status === 'failed' || status === 'pending'
}
