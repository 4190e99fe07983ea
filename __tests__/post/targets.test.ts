import { describe, expect, it } from '@jest/globals'
import { resolveTarget, targetsFromEntries } from '../../src/post/targets.js'
import { MAX_TARGET_LENGTH } from '../../src/constants.js'
import type { FrontMatterEntry } from '../../src/post/front-matter/index.js'

const EXPECTED =
  'Expected an http(s) ping URL or an arXiv id such as arXiv:2101.00001.'

describe('resolveTarget', () => {
  it('resolves an arXiv target to its ping URL and id', () => {
    expect(resolveTarget('https://arxiv.org/abs/2101.00001v2', 7)).toEqual({
      written: 'https://arxiv.org/abs/2101.00001v2',
      line: 7,
      ping: 'https://arxiv.org/trackback/2101.00001',
      arxivId: '2101.00001'
    })
  })

  it.each([
    'https://example.org/wp-trackback.php?p=42',
    'http://example.org/trackback/',
    'https://Example.ORG/post/42/trackback?x=1&y=%20z#frag',
    'https://example.org:8080/tb',
    'https://xn--bcher-kva.example/tb',
    'https://bücher.example/tb',
    'http://192.0.2.7/tb',
    'http://[2001:db8::1]/tb',
    'https://example.org/tb;jsessionid=1?a=b?c',
    'https://example.org'
  ])('keeps the ping URL %s exactly as written', (url) => {
    expect(resolveTarget(url)).toEqual({ written: url, ping: url })
  })

  it('trims surrounding whitespace from the ping URL but not from written', () => {
    expect(resolveTarget('  https://example.org/tb\t\n', 3)).toEqual({
      written: '  https://example.org/tb\t\n',
      line: 3,
      ping: 'https://example.org/tb'
    })
  })

  it('leaves line off when unknown', () => {
    expect(resolveTarget('https://example.org/tb')).not.toHaveProperty('line')
    expect(resolveTarget('foo')).not.toHaveProperty('line')
  })

  it.each([
    ['foo', `Invalid target 'foo'. ${EXPECTED}`],
    ['/trackback/1', `Invalid target '/trackback/1'. ${EXPECTED}`],
    ['example.org/tb', `Invalid target 'example.org/tb'. ${EXPECTED}`],
    ['//example.org/tb', `Invalid target '//example.org/tb'. ${EXPECTED}`],
    ['', `Empty target. ${EXPECTED}`],
    ['   \t ', `Empty target. ${EXPECTED}`]
  ])('%p is invalid with the exact message', (text, error) => {
    expect(resolveTarget(text, 2)).toEqual({ written: text, line: 2, error })
  })

  it.each([
    ['javascript:alert(1)', 'only http and https', 'javascript:'],
    ['JAVASCRIPT:alert(1)', 'only http and https', 'javascript:'],
    ['file:///etc/passwd', 'only http and https', 'file:'],
    ['data:text/plain,hi', 'only http and https', 'data:'],
    ['ftp://example.org/tb', 'only http and https', 'ftp:'],
    ['mailto:a@example.org', 'only http and https', 'mailto:'],
    ['https://user:pw@example.org/tb', 'user name or password', ''],
    ['https://user@example.org/tb', 'user name or password', ''],
    ['https://:pw@example.org/tb', 'user name or password', ''],
    ['https:example.org/tb', 'starting with https://', ''],
    ['http:///example.org/tb', 'starting with https://', ''],
    ['https://exa mple.org/tb', 'spaces or control characters', ''],
    ['https://example.org/t\u0000b', 'spaces or control characters', ''],
    ['https://example.org\\@evil.example/', 'backslashes', ''],
    ['https://', '', '']
  ])('%p is invalid (%s)', (text, problem, scheme) => {
    const target = resolveTarget(text)
    expect(target.ping).toBeUndefined()
    expect(target.error).toContain(problem)
    expect(target.error).toContain(scheme)
    expect(target.error).toContain(EXPECTED)
  })

  it('rejects overlong targets and keeps the message short', () => {
    const url = `https://example.org/${'a'.repeat(MAX_TARGET_LENGTH)}`
    const target = resolveTarget(url)
    expect(target.ping).toBeUndefined()
    expect(target.error).toMatch(/too long \(2068 characters; at most 2048\)/)
    expect(target.error?.length).toBeLessThan(300)
    expect(target.written).toBe(url)
  })

  it('accepts a URL of exactly the maximum length', () => {
    const url = `https://example.org/${'a'.repeat(MAX_TARGET_LENGTH - 20)}`
    expect(url.length).toBe(MAX_TARGET_LENGTH)
    expect(resolveTarget(url).ping).toBe(url)
  })
})

describe('targetsFromEntries', () => {
  it('resolves entries in order, preferring raw YAML text', () => {
    const entries: FrontMatterEntry[] = [
      { value: 2101.0001, text: '2101.00010', line: 5 },
      { value: 'https://example.org/tb', line: 6 },
      { value: 'arXiv:hep-th/9901001' }
    ]
    expect(targetsFromEntries(entries)).toEqual([
      {
        written: '2101.00010',
        line: 5,
        ping: 'https://arxiv.org/trackback/2101.00010',
        arxivId: '2101.00010'
      },
      {
        written: 'https://example.org/tb',
        line: 6,
        ping: 'https://example.org/tb'
      },
      {
        written: 'arXiv:hep-th/9901001',
        ping: 'https://arxiv.org/trackback/hep-th/9901001',
        arxivId: 'hep-th/9901001'
      }
    ])
  })

  it.each([
    [2101.0001, '2101.0001', 'not a number. Put it in quotes.'],
    [true, 'true', 'not a boolean. Put it in quotes.'],
    [null, 'null', 'not an empty value.'],
    [['a', 'b'], '["a","b"]', 'not a list.'],
    [{ url: 'x' }, '{"url":"x"}', 'not a map.']
  ])('a %p value is invalid', (value, written, ending) => {
    const [target] = targetsFromEntries([{ value, line: 9 }])
    expect(target).toEqual({
      written,
      line: 9,
      error: expect.stringContaining('must be a string')
    })
    expect(target?.error).toMatch(new RegExp(`${escape(ending)}$`))
    expect(target?.error).toContain(`Invalid target ${written}:`)
  })

  it('collapses duplicates by ping URL, keeping the first', () => {
    const targets = targetsFromEntries([
      { value: 'arXiv:2101.00001', line: 1 },
      { value: 'https://example.org/tb', line: 2 },
      { value: 'https://arxiv.org/abs/2101.00001v2', line: 3 },
      { value: ' https://example.org/tb ', line: 4 },
      { value: 'https://example.org/tb?x', line: 5 },
      { value: 2101.0001, text: '2101.00001', line: 6 },
      { value: 'foo', line: 7 },
      { value: 'foo', line: 8 }
    ])
    expect(targets.map((t) => t.line)).toEqual([1, 2, 5, 7, 8])
    expect(targets.map((t) => t.ping)).toEqual([
      'https://arxiv.org/trackback/2101.00001',
      'https://example.org/tb',
      'https://example.org/tb?x',
      undefined,
      undefined
    ])
  })

  it('reports entries past the cap as one invalid target', () => {
    const entries = Array.from({ length: 105 }, (_, i) => ({
      value: `https://example.org/tb/${i}`,
      line: i + 10
    }))
    const targets = targetsFromEntries(entries)
    expect(targets).toHaveLength(101)
    expect(targets[99]?.ping).toBe('https://example.org/tb/99')
    expect(targets[100]).toEqual({
      written: '5 more targets',
      line: 110,
      error:
        'Too many targets: only the first 100 of 105 are used and the ' +
        'other 5 are ignored. Remove some targets.'
    })
  })

  it('counts duplicates towards the cap', () => {
    const entries = [
      { value: 'arXiv:2101.00001' },
      { value: 'arXiv:2101.00001' },
      { value: 'arXiv:2101.00002' }
    ]
    const targets = targetsFromEntries(entries, 2)
    expect(targets.map((t) => t.arxivId ?? t.written)).toEqual([
      '2101.00001',
      '1 more target'
    ])
    expect(targets[1]).not.toHaveProperty('line')
  })

  it.each([
    [3, 3, false],
    [2, 2, true],
    [0, 0, true],
    [2.7, 2, true],
    [Number.NaN, 3, false],
    [-1, 3, false]
  ])(
    'limit %p considers %p entries (cap reported: %p)',
    (limit, used, capped) => {
      const entries = ['a', 'b', 'c'].map((x) => ({
        value: `https://example.org/${x}`
      }))
      const targets = targetsFromEntries(entries, limit)
      expect(targets.filter((t) => t.ping !== undefined)).toHaveLength(used)
      expect(targets.some((t) => t.error?.startsWith('Too many'))).toBe(capped)
    }
  )

  it('gives [] for no entries', () => {
    expect(targetsFromEntries([])).toEqual([])
  })

  it('shortens huge non-string values in written', () => {
    const [target] = targetsFromEntries([{ value: ['x'.repeat(1000)] }])
    expect(target?.written.length).toBeLessThanOrEqual(201)
    expect(target?.written.endsWith('…')).toBe(true)
  })
})

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
