/**
 * Whether a re-run may send, on plain data: the refusal rule claimAndSend
 * applies, and when earlierAttempts asks the Actions API.
 */
import { describe, expect, it } from '@jest/globals'
import { emptyLedger } from '../../src/ledger/ledger.js'
import { planPings } from '../../src/run/plan.js'
import {
  earlierAttempts,
  type EarlierAttemptsInput,
  rerunRefusal,
  unaccountedWarning,
  type RerunFacts
} from '../../src/run/rerun.js'
import type { Ledger } from '../../src/types.js'
import { recordingLog } from '../support/log.js'
import { FILE, options, post } from '../support/two-targets.js'

const NOW_ISO = '2026-11-23T12:00:00.000Z'

const rerun: RerunFacts = {
  firstAttempt: false,
  claimedInRef: false,
  storeAvailable: true,
  ledgerRead: true,
  earlierAttemptSaved: true
}

describe('rerunRefusal', () => {
  it('lets a first attempt claim', () => {
    expect(
      rerunRefusal({
        ...rerun,
        firstAttempt: true,
        ledgerRead: false,
        earlierAttemptSaved: false
      })
    ).toBeUndefined()
  })

  it('lets a re-run claim when its earlier attempts are accounted for', () => {
    expect(rerunRefusal(rerun)).toBeUndefined()
  })

  it('refuses a re-run whose ledger load got no answer', () => {
    expect(rerunRefusal({ ...rerun, ledgerRead: false })).toBe('unread')
  })

  it('refuses a re-run whose ledger lacks an earlier attempt', () => {
    expect(rerunRefusal({ ...rerun, earlierAttemptSaved: false })).toBe(
      'unaccounted'
    )
  })

  it('lets claims made in an older ledger ref decide', () => {
    expect(
      rerunRefusal({
        ...rerun,
        claimedInRef: true,
        ledgerRead: false,
        earlierAttemptSaved: false
      })
    ).toBeUndefined()
  })

  it('leaves a run without a cache service to its claims', () => {
    expect(
      rerunRefusal({
        ...rerun,
        storeAvailable: false,
        ledgerRead: false,
        earlierAttemptSaved: false
      })
    ).toBeUndefined()
  })

  it('adds the hint to the warning', () => {
    expect(unaccountedWarning()).toMatch(/nothing is sent \(at most once\)/)
    expect(unaccountedWarning('Grant actions: read.')).toMatch(
      / Grant actions: read\.$/
    )
  })
})

describe('earlierAttempts', () => {
  const plan = planPings(
    [{ file: FILE, after: post, reason: 'diff' }],
    emptyLedger(),
    options
  )
  const input = (ledger: Ledger, runAttempt: string): EarlierAttemptsInput => ({
    runId: '42',
    runAttempt,
    ledger,
    ledgerRead: true,
    plan,
    env: {},
    sleep: async () => undefined
  })

  it('accounts for a first attempt without asking', async () => {
    const log = recordingLog()
    expect(await earlierAttempts(input(emptyLedger(), '1'), log)).toEqual({
      accounted: true
    })
    expect(log.lines).toEqual([])
  })

  it('accounts for attempts the ledger remembers', async () => {
    const ledger = { ...emptyLedger(), runs: { '42.1': NOW_ISO } }
    expect(await earlierAttempts(input(ledger, '2'), recordingLog())).toEqual({
      accounted: true
    })
  })

  it('does not ask when the ledger was not read', async () => {
    const log = recordingLog()
    expect(
      await earlierAttempts(
        { ...input(emptyLedger(), '2'), ledgerRead: false },
        log
      )
    ).toEqual({ accounted: false })
    expect(log.lines).toEqual([])
  })

  it('says why it cannot ask without a jobs API', async () => {
    const log = recordingLog()
    expect(await earlierAttempts(input(emptyLedger(), '3'), log)).toEqual({
      accounted: false
    })
    expect(log.lines).toEqual([
      'Re-run attempt 3: the ledger holds no record of attempt(s) 1, 2, and without github-token and a GitHub run id the Actions API cannot say whether they reached this step.'
    ])
  })
})
