/**
 * claims.json's pure rules (ref-files.ts): which claims a run wins, and the
 * file's text, both ways.
 */
import { describe, expect, it } from '@jest/globals'
import {
  addClaims,
  claimKey,
  parseClaims,
  serializeClaims
} from '../../src/ledger/ref-files.js'

const CREATED = '2026-11-01T00:00:00.000Z'

describe('claims.json', () => {
  it('wins names nobody holds, and says taken for the others', () => {
    const file = { created: CREATED, claims: { [claimKey('a#0')]: 'x 1.1' } }
    const { results, next } = addClaims(file, ['a#0', 'b#0'], 'y 2.1')
    expect(results).toEqual(['taken', 'won'])
    expect(next?.claims).toEqual({
      [claimKey('a#0')]: 'x 1.1',
      [claimKey('b#0')]: 'y 2.1'
    })
  })

  it('wins again what the same call wrote before (an answer lost on the way)', () => {
    const file = { created: CREATED, claims: { [claimKey('a#0')]: 'y 2.1' } }
    expect(addClaims(file, ['a#0'], 'y 2.1')).toEqual({ results: ['won'] })
    expect(addClaims(file, ['a#0'], 'z 2.1').results).toEqual(['taken'])
  })

  it('writes nothing when every name is taken', () => {
    const file = { created: CREATED, claims: { [claimKey('a#0')]: 'x 1.1' } }
    expect(addClaims(file, ['a#0'], 'y 2.1').next).toBeUndefined()
  })

  it('round-trips, keys sorted, and keeps claims whatever their value', () => {
    const file = { created: CREATED, claims: { b: '2', a: '1' } }
    const text = serializeClaims(file)
    expect(text.indexOf('"a"')).toBeLessThan(text.indexOf('"b"'))
    expect(parseClaims(text)).toEqual(file)
    expect(
      parseClaims(
        JSON.stringify({ version: 1, created: CREATED, claims: { a: 7 } })
      ).claims
    ).toEqual({ a: '7' })
  })

  it('refuses text that is not a claims file', () => {
    expect(() => parseClaims('{')).toThrow(/not valid JSON/)
    expect(() => parseClaims('{"version":2}')).toThrow(/version 2/)
    expect(() => parseClaims('{"version":1}')).toThrow(/lacks/)
  })
})
