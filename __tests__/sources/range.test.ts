import { describe, expect, it } from '@jest/globals'
import { describeRange, pickRange } from '../../src/sources/range.js'

const A = 'a'.repeat(40)
const B = 'b'.repeat(40)
const C = 'c'.repeat(40)
const ZERO = '0'.repeat(40)

describe('pickRange', () => {
  it('uses before → after for a push', () => {
    expect(
      pickRange(
        { eventName: 'push', payload: { before: A, after: B }, sha: B },
        C
      )
    ).toEqual({
      kind: 'diff',
      base: A,
      head: B,
      mergeBase: false,
      source: 'push'
    })
  })

  it('uses base...head (merge base) for a pull request', () => {
    const payload = { pull_request: { base: { sha: A }, head: { sha: B } } }
    expect(pickRange({ eventName: 'pull_request', payload, sha: C })).toEqual({
      kind: 'diff',
      base: A,
      head: B,
      mergeBase: true,
      source: 'pull_request'
    })
  })

  it('falls back to the ledger commit for a new branch', () => {
    const range = pickRange(
      { eventName: 'push', payload: { before: ZERO, after: B }, sha: B },
      A
    )
    expect(range).toMatchObject({
      kind: 'diff',
      base: A,
      head: B,
      source: 'ledger'
    })
  })

  it.each([
    'workflow_dispatch',
    'schedule',
    'workflow_run',
    'deployment_status'
  ])('uses the ledger commit for %s', (eventName) => {
    expect(pickRange({ eventName, payload: {}, sha: B }, A)).toMatchObject({
      kind: 'diff',
      base: A,
      head: B,
      source: 'ledger'
    })
  })

  it('scans when neither the event nor the ledger gives a base', () => {
    const range = pickRange({ eventName: 'schedule', payload: {}, sha: B })
    expect(range.kind).toBe('scan')
    expect(range).toMatchObject({ head: B })
    expect((range as { reason: string }).reason).toContain('schedule')
  })

  it('scans a new branch without a ledger, saying so', () => {
    const range = pickRange({
      eventName: 'push',
      payload: { before: ZERO, after: B },
      sha: B
    })
    expect(range).toMatchObject({ kind: 'scan', head: B })
    expect((range as { reason: string }).reason).toContain('new branch')
  })

  it('does nothing for a deleted branch', () => {
    expect(
      pickRange({
        eventName: 'push',
        payload: { before: A, after: ZERO, deleted: true },
        sha: A
      }).kind
    ).toBe('none')
  })

  it('ignores malformed SHAs in the payload', () => {
    expect(
      pickRange({
        eventName: 'push',
        payload: { before: 'HEAD~1', after: B },
        sha: B
      }).kind
    ).toBe('scan')
  })

  it('has nothing to do without any commit', () => {
    expect(pickRange({ eventName: '', payload: {}, sha: '' }).kind).toBe('none')
  })
})

describe('describeRange', () => {
  const diff = (
    source: 'push' | 'pull_request' | 'ledger' | 'local',
    base = A,
    head = B
  ): Parameters<typeof describeRange>[0] => ({
    kind: 'diff',
    base,
    head,
    mergeBase: source === 'pull_request',
    source
  })

  const cases: Array<['push' | 'pull_request' | 'ledger' | 'local', string]> = [
    ['push', 'Looked at the posts this push changed (aaaaaaa..bbbbbbb).'],
    [
      'pull_request',
      'Looked at the posts this pull request changes (aaaaaaa...bbbbbbb).'
    ],
    [
      'local',
      'Looked at the posts changed by the commits not pushed yet (aaaaaaa..bbbbbbb).'
    ],
    [
      'ledger',
      'Looked at the posts changed since the last run (aaaaaaa..bbbbbbb), and at pings left to retry.'
    ]
  ]
  it.each(cases)('says what a %s range looked at', (source, text) => {
    expect(describeRange(diff(source))).toBe(text)
  })

  it('says when there was no new commit', () => {
    expect(describeRange(diff('ledger', B, B))).toContain('No new commit')
  })

  it('leaves scans and empty ranges to their own notes', () => {
    expect(describeRange({ kind: 'scan', head: B, reason: 'x' })).toBe(
      undefined
    )
    expect(describeRange({ kind: 'none', reason: 'x' })).toBe(undefined)
  })
})
