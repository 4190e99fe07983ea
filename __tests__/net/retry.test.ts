/**
 * The retry rule as plain data: the backoffs, which failures a run repeats,
 * the waits receivers ask for, and what a later run does with a failed ping.
 */
import { describe, expect, it } from '@jest/globals'
import { FLOOD_WAIT_MS } from '../../src/constants.js'
import {
  afterFailedTry,
  API_BACKOFF,
  API_MAX_TRIES,
  backoffMs,
  failureMayHaveArrived,
  laterRunRetries,
  LIVE_BACKOFF,
  parseRetryAfter,
  PING_BACKOFF,
  repeatInRun,
  statusMayHaveStored,
  throttleWaitMs,
  transientStatus,
  type InRunPolicy
} from '../../src/net/retry.js'

const policy: InRunPolicy = {
  retries: 2,
  maxWaitMs: 120_000,
  backoff: PING_BACKOFF
}

describe('backoffMs', () => {
  it('backs pings off 2, 4, 8, 16 s, then every 30 s', () => {
    expect(
      [1, 2, 3, 4, 5, 6, 9].map((n) => backoffMs(n, PING_BACKOFF))
    ).toEqual([2000, 4000, 8000, 16000, 30000, 30000, 30000])
  })

  it('backs post pages off 1, 2, 4, 8 s, then every 15 s', () => {
    expect(
      [1, 2, 3, 4, 5, 6, 9].map((n) => backoffMs(n, LIVE_BACKOFF))
    ).toEqual([1000, 2000, 4000, 8000, 15000, 15000, 15000])
  })

  it('backs API calls off 1 s, then 2 s, over 3 tries', () => {
    const waits = Array.from({ length: API_MAX_TRIES - 1 }, (_, i) =>
      backoffMs(i + 1, API_BACKOFF)
    )
    expect(waits).toEqual([1000, 2000])
  })

  it('treats a try count below 1 as the first', () => {
    expect(backoffMs(0, { startMs: 500, maxMs: 900 })).toBe(500)
    expect(backoffMs(2, { startMs: 500, maxMs: 900 })).toBe(900)
  })
})

describe('which failures may have stored the ping', () => {
  it.each<[number, boolean]>([
    [200, false],
    [403, false],
    [404, false],
    [429, true],
    [500, true],
    [502, true],
    [503, true],
    [504, true]
  ])('HTTP %p transient: %p', (status, expected) => {
    expect(transientStatus(status)).toBe(expected)
  })

  it.each<[number, boolean]>([
    [429, false],
    [503, false],
    [500, true],
    [502, true],
    [504, true]
  ])('HTTP %p may have stored it: %p', (status, expected) => {
    expect(statusMayHaveStored(status)).toBe(expected)
  })

  it.each<[string, boolean, boolean, boolean, boolean]>([
    ['never written (refused, DNS)', false, false, false, false],
    ['written, then lost', true, false, false, true],
    ['written to a stale kept-alive socket', true, true, false, false],
    ['written, TLS handshake failed', true, false, true, false]
  ])('%s → may have arrived: %p', (_, written, stale, handshake, expected) => {
    expect(
      failureMayHaveArrived({
        written,
        staleSocket: stale,
        failedHandshake: handshake
      })
    ).toBe(expected)
  })
})

describe('waits receivers ask for', () => {
  it('waits at least the flood window after a throttling answer', () => {
    expect(throttleWaitMs(undefined)).toBe(FLOOD_WAIT_MS)
    expect(throttleWaitMs(1000)).toBe(FLOOD_WAIT_MS)
    expect(throttleWaitMs(60_000)).toBe(60_000)
  })
})

describe('parseRetryAfter', () => {
  const now = new Date('2026-11-01T12:00:00Z')
  it.each([
    ['0', 0],
    [' 5 ', 5000],
    ['Sun, 01 Nov 2026 11:00:00 GMT', 0],
    ['Sun, 01 Nov 2026 12:01:00 GMT', 60000],
    ['-5', undefined],
    ['1.5', undefined],
    ['', undefined],
    [null, undefined]
  ])('%p → %p', (value, expected) => {
    expect(parseRetryAfter(value, now)).toBe(expected)
  })
})

describe('repeatInRun', () => {
  it('repeats a "not now" after the backoff', () => {
    expect(repeatInRun({ message: 'HTTP 503' }, 1, policy)).toEqual({
      repeat: true,
      waitMs: 2000
    })
    expect(repeatInRun({ message: 'HTTP 503' }, 2, policy)).toEqual({
      repeat: true,
      waitMs: 4000
    })
  })

  it('waits what the receiver asks when that is longer', () => {
    expect(
      repeatInRun({ message: 'HTTP 429', retryAfterMs: 15_000 }, 1, policy)
    ).toEqual({ repeat: true, waitMs: 15_000 })
  })

  it('never repeats what may have arrived', () => {
    expect(
      repeatInRun({ message: 'HTTP 500', ambiguous: true }, 1, policy)
    ).toEqual({
      repeat: false,
      message: 'HTTP 500; not repeated in this run'
    })
  })

  it('stops after the retries', () => {
    expect(repeatInRun({ message: 'HTTP 503' }, 3, policy)).toEqual({
      repeat: false,
      message: 'HTTP 503; gave up after 3 attempts'
    })
    expect(
      repeatInRun({ message: 'HTTP 503' }, 1, { ...policy, retries: 0 })
    ).toEqual({ repeat: false, message: 'HTTP 503; gave up after 1 attempt' })
  })

  it('leaves a wait longer than a run waits to a later run', () => {
    expect(
      repeatInRun({ message: 'HTTP 429', retryAfterMs: 600_000 }, 1, policy)
    ).toEqual({
      repeat: false,
      message:
        'HTTP 429; would have to wait 600 s (more than the 120 s a run waits), will retry next run',
      wait: {
        ms: 600_000,
        why: 'asked to wait 600 s (more than the 120 s a run waits)'
      }
    })
  })

  it('leaves a wait that reaches the deadline to a later run', () => {
    const failed = { message: 'throttled', retryAfterMs: 15_000 }
    expect(repeatInRun(failed, 1, policy, 15_001)).toEqual({
      repeat: true,
      waitMs: 15_000
    })
    expect(repeatInRun(failed, 1, policy, 15_000)).toEqual({
      repeat: false,
      message:
        'throttled; would have to wait 15 s (past the run-timeout), will retry next run',
      wait: { ms: 15_000, why: 'asked to wait 15 s (past the run-timeout)' }
    })
  })

  it('accepts a wait of exactly the most a run waits', () => {
    expect(
      repeatInRun({ message: 'x', retryAfterMs: 120_000 }, 1, policy)
    ).toEqual({ repeat: true, waitMs: 120_000 })
  })
})

describe('trying again on later runs', () => {
  it('keeps a failed ping for later runs until max-attempts, then gives up', () => {
    expect(afterFailedTry(1, 3)).toBe('failed')
    expect(afterFailedTry(2, 3)).toBe('failed')
    expect(afterFailedTry(3, 3)).toBe('given-up')
    expect(afterFailedTry(1, 1)).toBe('given-up')
  })

  it.each<[string | undefined, boolean]>([
    ['failed', true],
    ['pending', true],
    ['sent', false],
    ['rejected', false],
    ['given-up', false],
    [undefined, false]
  ])('a later run takes up %p: %p', (status, expected) => {
    expect(laterRunRetries(status)).toBe(expected)
  })
})
