import { describe, expect, it } from '@jest/globals'
import {
  ignoredBy,
  inputLines,
  parseIgnore
} from '../../src/settings/ignore.js'

const rules = (...lines: string[]): ReturnType<typeof parseIgnore>['rules'] => {
  const { rules, problems } = parseIgnore(lines)
  expect(problems).toEqual([])
  return rules
}
const hit = (lines: string[], ping: string): string | undefined =>
  ignoredBy(rules(...lines), ping)?.pattern

describe('parseIgnore', () => {
  it('reads a host name as that host and its subdomains', () => {
    const host = ['example.org']
    expect(hit(host, 'https://example.org/tb/1')).toBe('example.org')
    expect(hit(host, 'http://www.example.org:8080/tb/1')).toBe('example.org')
    expect(hit(host, 'https://a.b.EXAMPLE.org/x')).toBe('example.org')
    expect(hit(host, 'https://notexample.org/tb/1')).toBeUndefined()
    expect(hit(host, 'https://example.org.evil.net/tb/1')).toBeUndefined()
    expect(hit(host, 'https://evil.net/example.org')).toBeUndefined()
  })

  it('lets * stand for any characters in a host', () => {
    const lines = ['blog*.example.net']
    expect(hit(lines, 'https://blog2.example.net/tb')).toBe(lines[0])
    expect(hit(lines, 'https://blog.example.net/tb')).toBe(lines[0])
    expect(hit(lines, 'https://news.example.net/tb')).toBeUndefined()
  })

  it('reads an http(s) line as a ping-URL prefix, ? and all', () => {
    const lines = ['https://example.org/wp-trackback.php?p=1']
    expect(hit(lines, 'https://example.org/wp-trackback.php?p=1')).toBe(
      lines[0]
    )
    expect(hit(lines, 'https://example.org/wp-trackback.php?p=12')).toBe(
      lines[0]
    )
    // `?` is not a wildcard: it must be there.
    expect(
      hit(lines, 'https://example.org/wp-trackback.phpXp=1')
    ).toBeUndefined()
    expect(
      hit(lines, 'http://example.org/wp-trackback.php?p=1')
    ).toBeUndefined()
  })

  it('lets * in a prefix cross path segments, and ignores case', () => {
    const lines = ['https://EXAMPLE.org/*/trackback/']
    expect(hit(lines, 'https://example.org/2026/01/trackback/7')).toBe(lines[0])
    expect(hit(lines, 'https://example.org/trackback/7')).toBeUndefined()
  })

  it('treats [ ] { } ( ) + | literally', () => {
    const lines = ['https://x.org/a+(b)|[c]{d}']
    expect(hit(lines, 'https://x.org/a+(b)|[c]{d}/tb')).toBe(lines[0])
    expect(hit(lines, 'https://x.org/aa(b)|[c]{d}/tb')).toBeUndefined()
  })

  it('takes the first matching rule', () => {
    const lines = ['https://arxiv.org/trackback/2101.00001', 'arxiv.org']
    expect(hit(lines, 'https://arxiv.org/trackback/2101.00001')).toBe(lines[0])
    expect(hit(lines, 'https://arxiv.org/trackback/2202.00002')).toBe(
      'arxiv.org'
    )
  })

  it('names every line it cannot read', () => {
    const { rules, problems } = parseIgnore([
      'ftp://example.org/',
      'example.org/tb',
      'two words',
      'fine.example'
    ])
    expect(rules.map((r) => r.pattern)).toEqual(['fine.example'])
    expect(problems).toEqual([
      expect.stringMatching(
        /^Invalid input 'ignore': 'ftp:\/\/example\.org\/'\. Expected a host name/
      ),
      expect.stringContaining("'example.org/tb'"),
      expect.stringContaining("'two words'")
    ])
  })
})

describe('inputLines', () => {
  it('drops blank lines and # comments and trims', () => {
    expect(inputLines('  a \n\n# why\r\nb\n')).toEqual(['a', 'b'])
  })
})
