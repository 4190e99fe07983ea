import { describe, expect, it } from '@jest/globals'
import { parseFrontMatter } from '../../../src/post/front-matter/index.js'
import { errorOf, expectError } from './support.js'

describe('TOML', () => {
  const text = [
    '+++', // 1
    'title = "Hello"', // 2
    'date = 2021-03-04T10:00:00+01:00', // 3
    'utc = 1979-05-27T07:32:00Z', // 4
    'local = 2021-03-04T10:00:00', // 5
    'day = 2021-03-04', // 6
    'time = 10:30:00', // 7
    'tb = ["https://a.example/tb", # comment [', // 8
    '  "arXiv:2101.00001",', // 9
    '', // 10
    "  '''multi", // 11
    "line''',", // 12
    '  2101.00010, [1, 2], { x = "]" },', // 13
    ']', // 14
    'one = ["a", "b"]', // 15
    '"quoted key" = 1', // 16
    'site.name = "x"', // 17
    '', // 18
    '[params]', // 19
    'tb = "not top level"', // 20
    '+++', // 21
    'Body' // 22
  ].join('\n')
  const fm = parseFrontMatter(text)

  it('parses values with dates as ISO strings that keep the offset', () => {
    expect(fm.data).toEqual({
      title: 'Hello',
      date: '2021-03-04T10:00:00.000+01:00',
      utc: '1979-05-27T07:32:00.000Z',
      local: '2021-03-04T10:00:00.000',
      day: '2021-03-04',
      time: '10:30:00.000',
      tb: [
        'https://a.example/tb',
        'arXiv:2101.00001',
        'multi\nline',
        2101.0001,
        [1, 2],
        { x: ']' }
      ],
      one: ['a', 'b'],
      'quoted key': 1,
      site: { name: 'x' },
      params: { tb: 'not top level' }
    })
    expect(Object.getPrototypeOf(fm.data)).toBe(Object.prototype)
    expect(Object.getPrototypeOf(fm.data.site)).toBe(Object.prototype)
    expect(fm.bodyLine).toBe(22)
    expect(fm.body).toBe('Body')
  })

  it('gives top-level key lines', () => {
    expect(
      ['title', 'date', 'tb', 'one', 'quoted key', 'site', 'params'].map((k) =>
        fm.keyLine(k)
      )
    ).toEqual([2, 3, 8, 15, 16, 17, undefined])
  })

  it('gives array item lines', () => {
    expect(fm.entries('tb').map((e) => e.line)).toEqual([8, 9, 11, 13, 13, 13])
    expect(fm.entries('tb').map((e) => e.text)).toEqual(
      Array(6).fill(undefined)
    )
    expect(fm.entries('one')).toEqual([
      { value: 'a', line: 15 },
      { value: 'b', line: 15 }
    ])
    expect(fm.entries('date')).toEqual([
      { value: '2021-03-04T10:00:00.000+01:00', line: 3 }
    ])
    expect(fm.entries('params')).toEqual([{ value: { tb: 'not top level' } }])
    expect(fm.entries('missing')).toEqual([])
  })

  it('keeps a __proto__ key as data', () => {
    const f = parseFrontMatter('+++\n__proto__ = { polluted = 1 }\n+++\n')
    expect(Object.getPrototypeOf(f.data)).toBe(Object.prototype)
    expect(Object.keys(f.data)).toEqual(['__proto__'])
  })
})

describe('errors', () => {
  it.each([
    ['bad toml', '+++\na = 1\nb = \n+++\n', 3, /^Invalid TOML.*invalid value/],
    ['toml duplicate', '+++\na = 1\n\na = 2\n+++\n', 4, /^Invalid TOML/]
  ])('%s', (_name, text, line, message) => {
    expectError(text, line, message)
  })
})

describe('hostile input finishes quickly with a FrontMatterError or data', () => {
  const M = 60_000
  it.each([
    [
      'toml nesting',
      `+++\na = ${'['.repeat(M)}${']'.repeat(M)}\n+++\n`,
      /nested more than 100/
    ]
  ])('%s', (_name, text, message) => {
    expect(errorOf(text).message).toMatch(message)
  })
})
