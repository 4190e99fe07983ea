import { describe, expect, it } from '@jest/globals'
import {
  ABSOLUTE_URL,
  escapeUrlPath,
  joinUrlPath,
  percentEncode
} from '../../src/site/url.js'

describe('URL paths', () => {
  it.each([
    [['a', 'b'], '/a/b'],
    [['/a/', '/b/'], '/a/b'],
    [['./a', '.', ''], '/a'],
    [[], '/']
  ])('joinUrlPath(%j) → %j', (parts, path) => {
    expect(joinUrlPath(parts)).toBe(path)
  })

  it('escapes what a path cannot hold, keeping %XX', () => {
    expect(escapeUrlPath('/a b/é#%20%zz')).toBe('/a%20b/%C3%A9%23%20%25zz')
    expect(percentEncode('a b%20')).toBe('a%20b%2520')
    expect(percentEncode('ab', /a/)).toBe('a%62')
  })

  it('tells absolute URLs from paths', () => {
    expect(ABSOLUTE_URL.test('https://x.org/p')).toBe(true)
    expect(ABSOLUTE_URL.test('git+ssh://x/p')).toBe(true)
    expect(ABSOLUTE_URL.test('/p/')).toBe(false)
    expect(ABSOLUTE_URL.test('x.org/p')).toBe(false)
  })
})
