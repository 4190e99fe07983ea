import { describe, expect, it } from '@jest/globals'
import { editDistance, plural, shorten } from '../src/util.js'

describe('shorten', () => {
  it.each([
    ['abc', 3, 'abc'],
    ['abcd', 3, 'abc…'],
    ['', 0, ''],
    ['😀😀😀', 3, '😀😀😀'],
    ['😀😀😀😀', 3, '😀😀😀…'],
    // Code points, not UTF-16 units: a pair is never split.
    ['a😀b', 2, 'a😀…']
  ])('%j to %p: %j', (text, max, short) => {
    expect(shorten(text, max)).toBe(short)
  })

  it('reads no more than twice max characters of a huge text', () => {
    expect(shorten('x'.repeat(1_000_000), 5)).toBe('xxxxx…')
  })
})

describe('plural', () => {
  it.each([
    [0, '0 links'],
    [1, '1 link'],
    [2, '2 links']
  ])('%d → %s', (count, text) => {
    expect(plural(count, 'link')).toBe(text)
  })
})

describe('editDistance', () => {
  it.each([
    ['trackback', 'trackback', 0],
    ['trackbak', 'trackback', 1],
    ['trackbcak', 'trackback', 1],
    ['trakbak', 'trackback', 2],
    ['feedback', 'trackback', 3]
  ])('%s → %s: %d (capped at 2)', (a, b, d) => {
    expect(editDistance(a, b, { limit: 2, swaps: true })).toBe(d)
  })

  it.each([
    ['trackbcak', 'trackback', 2],
    ['kitten', 'sitting', 3],
    ['', 'abc', 3]
  ])('Levenshtein by default: %s → %s: %d', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d)
  })
})
