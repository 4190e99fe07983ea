import { describe, expect, it } from '@jest/globals'
import { tomlLines } from '../../../src/post/front-matter/toml-lines.js'
import type { TomlLines } from '../../../src/post/front-matter/toml-lines.js'

type Found = Record<string, TomlLines extends Map<string, infer V> ? V : never>

const lines = (...source: string[]): Found =>
  Object.fromEntries(tomlLines(source.join('\n')))

describe('tomlLines', () => {
  it('finds each top-level key once, up to the first table', () => {
    expect(
      lines(
        '# comment', // 1
        'a = 1', // 2
        '', // 3
        'b = "x" # note', // 4
        'a = 2', // 5
        '[table]', // 6
        'c = 3' // 7
      )
    ).toEqual({ a: { line: 2 }, b: { line: 4 } })
  })

  it('gives the lines of the items of a top-level array', () => {
    expect(
      lines(
        'tb = [ "a", # ]', // 1
        '  "b", [1,', // 2
        '  2], { x = "]" },', // 3
        '', // 4
        '  3', // 5
        ']' // 6
      )
    ).toEqual({ tb: { line: 1, items: [1, 2, 2, 3, 5] } })
  })

  it('counts the lines of multi-line strings', () => {
    expect(
      lines(
        'a = """one', // 1
        'two""""', // 2
        "b = '''x", // 3
        "y'''", // 4
        'c = "\\', // 5
        '  z"', // 6
        'd = [', // 7
        '"""p', // 8
        'q"""]' // 9
      )
    ).toEqual({
      a: { line: 1 },
      b: { line: 3 },
      c: { line: 5 },
      d: { line: 7, items: [8] }
    })
  })

  it('names dotted and quoted keys by their first part, without items', () => {
    expect(
      lines(
        'site.name = "x"', // 1
        '"quo\\u0074ed" . b = [1]', // 2
        "'lit' = [1, 2]", // 3
        '"bad\\q" = 1' // 4
      )
    ).toEqual({
      site: { line: 1 },
      quoted: { line: 2 },
      lit: { line: 3, items: [3, 3] },
      'bad\\q': { line: 4 }
    })
  })

  it('stops at a line it cannot read as a key', () => {
    expect(lines('a = 1', 'oops', 'b = 2')).toEqual({ a: { line: 1 } })
    expect(lines('= 1', 'b = 2')).toEqual({ b: { line: 2 } })
  })
})
