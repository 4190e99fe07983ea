/**
 * claimAndSend's world for tests on plain data: a first attempt of a push,
 * claims the cache wins, and a sender that records what it was given and
 * answers `sent`. Tests override what they are about.
 */
import type { ClaimAndSendDeps } from '../../src/run/claim-send.js'
import type { Plan } from '../../src/run/plan.js'
import type { PingRequest } from '../../src/types.js'
import { recordingLog } from './log.js'
import { NOW } from './two-targets.js'

/** The deps, and the requests the sender was given (into `sent`). */
export function claimDeps(
  plan: Plan,
  overrides: Partial<ClaimAndSendDeps> = {},
  sent: PingRequest[] = []
): { deps: ClaimAndSendDeps; sent: PingRequest[] } {
  const deps: ClaimAndSendDeps = {
    claim: async () => 'won',
    send: async (requests, onOutcome) => {
      sent.push(...requests)
      for (const r of requests) {
        onOutcome({ id: r.id, status: 'sent', message: 'ok', requests: 1 })
      }
    },
    sleep: async () => undefined,
    log: recordingLog(),
    storeAvailable: true,
    ledgerRead: true,
    earlierAttemptSaved: true,
    runAttempt: '1',
    range: {
      kind: 'diff',
      base: 'a',
      head: 'b',
      mergeBase: false,
      source: 'push'
    },
    now: NOW,
    maxAttempts: 5,
    update: () => undefined,
    results: plan.pings.map((p) => p.result),
    ...overrides
  }
  return { deps, sent }
}
