import { describe, expect, it } from '@jest/globals'
import { widenPushRange } from '../../src/sources/widen.js'
import type { Range } from '../../src/sources/range.js'

const [A, B, C, D] = ['a', 'b', 'c', 'd'].map((c) => c.repeat(40)) as [
  string,
  string,
  string,
  string
]
const push: Range = {
  kind: 'diff',
  base: C,
  head: D,
  mergeBase: false,
  source: 'push'
}

describe('widenPushRange', () => {
  it("looks from the ledger's last commit when it is behind the base and the ledger is exact", () => {
    const widened = widenPushRange(push, {
      ledgerCommit: B,
      ancestor: true,
      exact: true
    })
    expect(widened.range).toEqual({ ...push, base: B, source: 'ledger' })
    expect(widened.note).toMatch(
      /^No run looked at the commits bbbbbbb\.\.ccccccc/
    )
  })

  it('keeps the push range with the cache alone, and says so', () => {
    const widened = widenPushRange(push, {
      ledgerCommit: B,
      ancestor: true,
      exact: false
    })
    expect(widened.range).toBe(push)
    expect(widened.note).toMatch(
      /^No run recorded looking at the commits bbbbbbb\.\.ccccccc .* resend/
    )
  })

  it.each([
    ['the ledger commit is the base', { ledgerCommit: C, ancestor: true }],
    ['the ledger commit is the head', { ledgerCommit: D, ancestor: true }],
    ['no ledger commit', { ledgerCommit: undefined, ancestor: true }],
    ['not an ancestor (a force-push)', { ledgerCommit: A, ancestor: false }],
    ['ancestry unknown', { ledgerCommit: A, ancestor: undefined }]
  ])('changes nothing when %s', (_, facts) => {
    expect(widenPushRange(push, { ...facts, exact: true })).toEqual({
      range: push
    })
  })

  it('changes nothing for other ranges', () => {
    const pr: Range = { ...push, mergeBase: true, source: 'pull_request' }
    const scan: Range = { kind: 'scan', head: D, reason: 'x' }
    for (const range of [pr, scan]) {
      expect(
        widenPushRange(range, { ledgerCommit: B, ancestor: true, exact: true })
      ).toEqual({ range })
    }
  })
})
