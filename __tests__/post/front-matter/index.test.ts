import { describe, expect, it } from '@jest/globals'
import { parseFrontMatter } from '../../../src/post/front-matter/index.js'
import { MAX_FRONT_MATTER_LENGTH } from '../../../src/constants.js'
import { errorOf, expectError } from './support.js'

describe('format detection', () => {
  it.each([
    ['yaml', '---\ntitle: Hi\n---\nBody\n', 'yaml'],
    ['yaml closed by ...', '---\ntitle: Hi\n...\nBody\n', 'yaml'],
    [
      'yaml delimiters with trailing blanks',
      '--- \ntitle: Hi\n---\t\nBody\n',
      'yaml'
    ],
    ['toml', '+++\ntitle = "Hi"\n+++\nBody\n', 'toml'],
    ['json', '{\n"title": "Hi"\n}\nBody\n', 'json']
  ])('%s', (_name, text, format) => {
    const fm = parseFrontMatter(text)
    expect(fm.format).toBe(format)
    expect(fm.data).toEqual({ title: 'Hi' })
    expect(fm.body).toBe('Body\n')
    expect(fm.bodyLine).toBe(4)
  })

  it.each([
    ['plain text', 'Just text\n'],
    ['a Markdown rule that is not ---', '----\ntitle: x\n----\n'],
    ['--- not on the first line', '\n---\ntitle: x\n---\n'],
    ['--- followed by text', '--- title\nx\n---\n'],
    ['empty file', ''],
    ['json not at the start', ' {"a": 1}']
  ])('no front matter: %s', (_name, text) => {
    const fm = parseFrontMatter(text)
    expect(fm).toMatchObject({ format: 'none', data: {}, body: text })
    expect(fm.bodyLine).toBe(1)
    expect(fm.keyLine('title')).toBeUndefined()
    expect(fm.entries('title')).toEqual([])
  })

  it('body keeps everything after the closing line, including more ---', () => {
    const fm = parseFrontMatter('---\na: 1\n---\n\nText\n---\nmore\n')
    expect(fm.body).toBe('\nText\n---\nmore\n')
    expect(fm.bodyLine).toBe(4)
  })

  it('closing line at end of file without newline gives an empty body', () => {
    const fm = parseFrontMatter('---\na: 1\n---')
    expect(fm.data).toEqual({ a: 1 })
    expect(fm.body).toBe('')
    expect(fm.bodyLine).toBe(4)
  })

  it.each([
    ['yaml', '---\n---\nBody'],
    ['yaml with only comments', '---\n# nothing\n---\nBody'],
    ['yaml null document', '---\n~\n---\nBody'],
    ['toml', '+++\n+++\nBody'],
    ['json', '{}\nBody']
  ])('empty front matter: %s', (_name, text) => {
    const fm = parseFrontMatter(text)
    expect(fm.data).toEqual({})
    expect(fm.body).toBe('Body')
  })
})

describe('BOM and CRLF', () => {
  it.each([
    [
      'yaml',
      '\uFEFF---\r\ntitle: Hi\r\ntags:\r\n  - a\r\n  - b\r\n---\r\nBody\r\n'
    ],
    [
      'toml',
      '\uFEFF+++\r\ntitle = "Hi"\r\ntags = [\r\n  "a",\r\n  "b"]\r\n+++\r\nBody\r\n'
    ],
    [
      'json',
      '\uFEFF{\r\n"title": "Hi",\r\n"tags": [\r\n  "a",\r\n  "b"]\r\n}\r\nBody\r\n'
    ]
  ])('%s', (_name, text) => {
    const fm = parseFrontMatter(text)
    expect(fm.data).toEqual({ title: 'Hi', tags: ['a', 'b'] })
    expect(fm.keyLine('title')).toBe(2)
    expect(fm.entries('tags').map((e) => e.line)).toEqual([4, 5])
    expect(fm.body).toBe('Body\r\n')
    expect(fm.bodyLine).toBe(7)
  })

  it('a BOM alone is not front matter', () => {
    const fm = parseFrontMatter('\uFEFFHello')
    expect(fm.format).toBe('none')
    expect(fm.body).toBe('Hello')
  })
})

describe('errors', () => {
  it.each([
    [
      'unterminated yaml',
      '---\ntitle: x\n',
      1,
      /never closed.*'---' or '\.\.\.'/
    ],
    ['yaml with only an opener', '---', 1, /never closed/],
    [
      'unterminated toml',
      '+++\ntitle = "x"\n---\n',
      1,
      /never closed.*'\+\+\+'/
    ]
  ])('%s', (_name, text, line, message) => {
    expectError(text, line, message)
  })

  it('refuses blocks over the size cap with a clear message', () => {
    const big = `---\na: "${'x'.repeat(MAX_FRONT_MATTER_LENGTH)}"\n---\n`
    expect(errorOf(big).message).toMatch(/too large/)
    const bigJson = `{"a": "${'x'.repeat(MAX_FRONT_MATTER_LENGTH)}"}`
    expect(errorOf(bigJson).message).toMatch(/too large/)
  })

  it('accepts a block just under the size cap', () => {
    const value = 'x'.repeat(MAX_FRONT_MATTER_LENGTH - 20)
    expect(parseFrontMatter(`---\na: ${value}\n---\n`).data.a).toBe(value)
  })
})

describe('hostile input finishes quickly with a FrontMatterError or data', () => {
  it.each([
    ['huge front matter', `---\n${'a'.repeat(5_000_000)}\n---\n`, /too large/]
  ])('%s', (_name, text, message) => {
    expect(errorOf(text).message).toMatch(message)
  })

  it('rejects nesting deeper than 100 levels at the line where it happens', () => {
    const error = errorOf(`---\na: 1\nb: ${'['.repeat(101)}\n---\n`)
    expect(error.message).toMatch(/nested more than 100 levels/)
    expect(error.line).toBe(3)
  })

  it('reads a 5 MB body', () => {
    const body = 'word '.repeat(1_000_000)
    const fm = parseFrontMatter(`---\ntitle: x\n---\n${body}`)
    expect(fm.body.length).toBe(body.length)
    expect(parseFrontMatter(body).format).toBe('none')
    expect(errorOf(`---\n${body}`).message).toMatch(/never closed/)
    expect(errorOf(`{"a": "${body}`).message).toMatch(/no matching/)
  })
})
