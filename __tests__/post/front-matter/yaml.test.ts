import { describe, expect, it } from '@jest/globals'
import { parseFrontMatter } from '../../../src/post/front-matter/index.js'
import { errorOf, expectError } from './support.js'

describe('YAML values', () => {
  it('keeps timestamps as their source text', () => {
    const text = [
      '---',
      'date: 2021-03-04 10:00:00 +0100',
      'day: 2021-03-04',
      'iso: 2021-03-04T10:00:00Z',
      'updated: 2021-03-04T10:00:00.5-05:00',
      '---',
      ''
    ].join('\n')
    for (const yaml of ['1.1', '1.2'] as const) {
      expect(parseFrontMatter(text, { yaml }).data).toEqual({
        date: '2021-03-04 10:00:00 +0100',
        day: '2021-03-04',
        iso: '2021-03-04T10:00:00Z',
        updated: '2021-03-04T10:00:00.5-05:00'
      })
    }
  })

  it.each([
    ['2021-03-04 10:00:00', '2021-03-04 10:00:00 Z'],
    ['2021-03-04T10:00:00.5', '2021-03-04T10:00:00.5 Z'],
    ['2021-03-04 10:00:00 +01:00', '2021-03-04 10:00:00 +01:00'],
    ['2021-03-04 10:00:00Z', '2021-03-04 10:00:00Z'],
    ['2021-03-04 10:00', '2021-03-04 10:00'],
    ["'2021-03-04 10:00:00'", '2021-03-04 10:00:00'],
    ['2021-03-04', '2021-03-04']
  ])('Jekyll reads plain %s without an offset as UTC: %j', (source, value) => {
    const fm = parseFrontMatter(`---\nd: ${source}\n---\n`, { yaml: '1.1' })
    expect(fm.data.d).toBe(value)
  })

  it('explicit !!timestamp stays a string too', () => {
    const fm = parseFrontMatter('---\nd: !!timestamp 2021-03-04\n---\n', {
      yaml: '1.1'
    })
    expect(fm.data.d).toBe('2021-03-04')
  })

  it.each([
    ['yes', true, 'yes'],
    ['no', false, 'no'],
    ['on', true, 'on'],
    ['off', false, 'off'],
    // SafeYAML (Jekyll's loader) knows yes/no/on/off in any case, not y/n.
    ['y', 'y', 'y'],
    ['n', 'n', 'n'],
    ['Yes', true, 'Yes'],
    ['YeS', true, 'YeS'],
    ['oFF', false, 'oFF'],
    ['true', true, true],
    ['false', false, false],
    ['~', null, null],
    ['1:20', 80, '1:20'],
    ['0o17', '0o17', 15],
    ['017', 15, 17],
    ['"yes"', 'yes', 'yes']
  ])('%s reads as %p in YAML 1.1 and %p in 1.2', (source, v11, v12) => {
    const text = `---\nv: ${source}\n---\n`
    expect(parseFrontMatter(text, { yaml: '1.1' }).data.v).toBe(v11)
    expect(parseFrontMatter(text, { yaml: '1.2' }).data.v).toBe(v12)
    expect(parseFrontMatter(text).data.v).toBe(v12)
  })

  it('supports merge keys in YAML 1.1 (Jekyll)', () => {
    const text = '---\nbase: &b {a: 1, b: 2}\nx:\n  <<: *b\n  b: 3\n---\n'
    expect(parseFrontMatter(text, { yaml: '1.1' }).data.x).toEqual({
      a: 1,
      b: 3
    })
  })

  it('returns plain objects and arrays, not Maps or Sets', () => {
    const text = '---\ns: !!set {a, b}\no: !!omap [{a: 1}]\n---\n'
    const data = parseFrontMatter(text, { yaml: '1.1' }).data
    expect(data.s).toEqual({ a: null, b: null })
    expect(data.o).toEqual([{ a: 1 }])
    expect(data.s).not.toBeInstanceOf(Set)
  })

  it('keeps a __proto__ key as data without touching prototypes', () => {
    const fm = parseFrontMatter('---\n__proto__: {polluted: 1}\n---\n')
    expect(Object.getPrototypeOf(fm.data)).toBe(Object.prototype)
    expect(Object.keys(fm.data)).toEqual(['__proto__'])
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('resolves aliases', () => {
    const fm = parseFrontMatter('---\na: &x [1, 2]\nb: *x\n---\n')
    expect(fm.data.b).toEqual([1, 2])
    expect(fm.entries('b').map((e) => e.value)).toEqual([1, 2])
  })

  it('YAML 1.1 keeps the last of duplicate keys, like Jekyll', () => {
    const fm = parseFrontMatter('---\na: 1\nb: 2\na: 3\n---\n', {
      yaml: '1.1'
    })
    expect(fm.data).toEqual({ a: 3, b: 2 })
    expect(fm.keyLine('a')).toBe(4)
    expect(fm.entries('a')).toEqual([{ value: 3, text: '3', line: 4 }])
  })
})

describe('keyLine and entries', () => {
  const text = [
    '---', // 1
    'title: "Hello"', // 2
    'arxiv: 2101.00010', // 3
    'trackback:', // 4
    '  - 2101.00010', // 5
    '  - "arXiv:2101.00001"', // 6
    '', // 7
    '  - https://example.org/tb?id=1', // 8
    '  - [a, b]', // 9
    '  - {k: v}', // 10
    '  - 42', // 11
    '  -', // 12
    'flow: [2101.00010, "b",', // 13
    '  c]', // 14
    'block: |', // 15
    '  text', // 16
    'empty:', // 17
    'multi: plain', // 18
    '  continued', // 19
    '---', // 20
    'Body' // 21
  ].join('\n')
  const fm = parseFrontMatter(text)

  it('gives each top-level key its line', () => {
    expect(
      ['title', 'arxiv', 'trackback', 'flow', 'block', 'empty', 'multi'].map(
        (k) => fm.keyLine(k)
      )
    ).toEqual([2, 3, 4, 13, 15, 17, 18])
    expect(fm.keyLine('missing')).toBeUndefined()
    expect(fm.keyLine('text')).toBeUndefined()
    expect(fm.bodyLine).toBe(21)
  })

  it('gives a block list one entry per item with raw text and line', () => {
    expect(fm.entries('trackback')).toEqual([
      { value: 2101.0001, text: '2101.00010', line: 5 },
      { value: 'arXiv:2101.00001', line: 6 },
      {
        value: 'https://example.org/tb?id=1',
        text: 'https://example.org/tb?id=1',
        line: 8
      },
      { value: ['a', 'b'], line: 9 },
      { value: { k: 'v' }, line: 10 },
      { value: 42, text: '42', line: 11 },
      { value: null, line: 12 }
    ])
  })

  it('gives flow list items their own lines', () => {
    expect(fm.entries('flow')).toEqual([
      { value: 2101.0001, text: '2101.00010', line: 13 },
      { value: 'b', line: 13 },
      { value: 'c', text: 'c', line: 14 }
    ])
  })

  it('gives a scalar one entry on the key line', () => {
    expect(fm.entries('arxiv')).toEqual([
      { value: 2101.0001, text: '2101.00010', line: 3 }
    ])
    expect(fm.entries('title')).toEqual([{ value: 'Hello', line: 2 }])
    expect(fm.entries('block')).toEqual([{ value: 'text\n', line: 15 }])
    expect(fm.entries('multi')).toEqual([
      { value: 'plain continued', text: 'plain continued', line: 18 }
    ])
  })

  it('gives [] for absent and null keys', () => {
    expect(fm.entries('missing')).toEqual([])
    expect(fm.entries('empty')).toEqual([])
  })

  it('leaves raw text off tagged and anchored scalars only when quoted', () => {
    const f = parseFrontMatter(
      "---\nt: [&a 2101.00010, !!str 0704.0001, '1']\n---\n"
    )
    expect(f.entries('t')).toEqual([
      { value: 2101.0001, text: '2101.00010', line: 2 },
      { value: '0704.0001', text: '0704.0001', line: 2 },
      { value: '1', line: 2 }
    ])
  })

  it('counts lines from the opening delimiter after a BOM', () => {
    const f = parseFrontMatter('\uFEFF---\n\n\nk:\n- a\n---\n')
    expect(f.keyLine('k')).toBe(4)
    expect(f.entries('k')).toEqual([{ value: 'a', text: 'a', line: 5 }])
  })
})

describe('errors', () => {
  it.each([
    // The unclosed [ opens on line 3, where the error now points.
    [
      'bad yaml',
      '---\na: 1\nb: [\nc: d: e\n---\n',
      3,
      /^Invalid YAML front matter: the list opened with \[ on this line is never closed/
    ],
    [
      'bad yaml indentation',
      '---\na:\n  b: 1\n c: 2\n---\n',
      4,
      /^Invalid YAML/
    ],
    ['yaml tab indentation', '---\na:\n\tb: 1\n---\n', 3, /^Invalid YAML/],
    ['yaml list', '---\n- a\n- b\n---\n', 2, /mapping.*not a list/],
    ['yaml scalar', '---\n\njust text\n---\n', 3, /mapping.*single value/],
    [
      'yaml duplicate (1.2)',
      '---\na: 1\nb:\n  c: 1\n  c: 2\n---\n',
      5,
      /Duplicate key 'c'/
    ],
    ['yaml collection key', '---\n? [a]\n: 1\n---\n', 2, /keys must be plain/],
    ['yaml unknown alias', '---\na: *nope\n---\n', 2, /^Invalid YAML/]
  ])('%s', (_name, text, line, message) => {
    expectError(text, line, message)
  })

  it('reports YAML errors at the file line when a BOM and CRLF come first', () => {
    expect(errorOf('\uFEFF---\r\na: 1\r\nb: @x\r\n---\r\n').line).toBe(3)
  })
})

describe('hostile input finishes quickly with a FrontMatterError or data', () => {
  const M = 60_000
  const deepMaps = Array.from(
    { length: 300 },
    (_, i) => `${' '.repeat(i)}k:`
  ).join('\n')
  it.each([
    [
      'unclosed flow nesting',
      `---\na: ${'['.repeat(M)}\n---\n`,
      /nested more than 100/
    ],
    [
      'closed flow nesting',
      `---\na: ${'['.repeat(M)}${']'.repeat(M)}\n---\n`,
      /nested more than 100/
    ],
    [
      'deep block lists',
      `---\n${'- '.repeat(M)}x\n---\n`,
      /nested more than 100/
    ],
    [
      'deep block lists under a key',
      `---\na:\n${'  - '.repeat(M)}x\n---\n`,
      /nested more than 100/
    ],
    ['deep block maps', `---\n${deepMaps} x\n---\n`, /nested more than 100/],
    [
      'deep complex keys',
      `---\n${'? '.repeat(200)}\n---\n`,
      /keys must be plain/
    ],
    [
      'alias bomb',
      '---\na: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\n---\n',
      /alias count/
    ]
  ])('%s', (_name, text, message) => {
    expect(errorOf(text).message).toMatch(message)
  })

  it.each([
    ['NUL bytes', '---\na: \0\0\n\0: x\n---\n', 2],
    [
      'many keys',
      `---\n${Array.from({ length: 15_000 }, (_, i) => `k${i}: v`).join('\n')}\n---\n`,
      15_000
    ],
    ['many list items', `---\nk:\n${'- x\n'.repeat(50_000)}---\n`, 1]
  ])('%s', (_name, text, keys) => {
    expect(Object.keys(parseFrontMatter(text).data)).toHaveLength(keys)
  })

  it('keeps tabs and NUL in values', () => {
    const fm = parseFrontMatter('---\na: "x\\ty\\0"\nb: "\ttab"\n---\n')
    expect(fm.data).toEqual({ a: 'x\ty\0', b: '\ttab' })
  })
})
