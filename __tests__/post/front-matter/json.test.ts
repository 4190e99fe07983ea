import { describe, expect, it } from '@jest/globals'
import { parseFrontMatter } from '../../../src/post/front-matter/index.js'
import { errorOf, expectError } from './support.js'

describe('JSON', () => {
  it('finds the end of the object past braces in strings', () => {
    const text =
      '{\n  "title": "a } {\\" }",\n  "tb": ["x", \n "y"]\n}\nBody {}\n'
    const fm = parseFrontMatter(text)
    expect(fm.data).toEqual({ title: 'a } {" }', tb: ['x', 'y'] })
    expect(fm.body).toBe('Body {}\n')
    expect(fm.bodyLine).toBe(6)
    expect(fm.keyLine('title')).toBe(2)
    expect(fm.keyLine('tb')).toBe(3)
    expect(fm.entries('tb')).toEqual([
      { value: 'x', line: 3 },
      { value: 'y', line: 4 }
    ])
  })

  it('starts the body right after } when text follows on that line', () => {
    const fm = parseFrontMatter('{"a": 2101.00010} Body')
    expect(fm.data).toEqual({ a: 2101.0001 })
    expect(fm.body).toBe(' Body')
    expect(fm.bodyLine).toBe(1)
    expect(fm.entries('a')).toEqual([{ value: 2101.0001, line: 1 }])
  })
})

describe('errors', () => {
  it.each([
    ['unterminated json', '{"a": "}', 1, /no matching '}'/],
    ['json closed by ]', '{"a": 1]]', 1, /no matching '}'/],
    ['bad json', '{\n"a": 1,\n"b": 2,\n}\n', 4, /^Invalid JSON/],
    ['json missing comma', '{\n"a": 1\n"b": 2\n}\n', 3, /^Invalid JSON/],
    [
      'json bad token, line from the YAML parser',
      '{\n"a": 1,\n"b": @}\n',
      3,
      /^Invalid JSON.*Unexpected token/
    ],
    [
      'json bad token, no line known',
      '{\n"a": 1,\n"b": tru}\n',
      undefined,
      /^Invalid JSON.*Unexpected token/
    ]
  ])('%s', (_name, text, line, message) => {
    expectError(text, line, message)
  })

  it('does not quote the whole JSON text in the message', () => {
    const error = errorOf(`{"a": tru, "b": "${'x'.repeat(500)}"}`)
    expect(error.message.length).toBeLessThan(100)
  })
})

describe('hostile input finishes quickly with a FrontMatterError or data', () => {
  const M = 60_000
  it.each([
    [
      'json nesting',
      `${'{"a":'.repeat(M / 5)}1${'}'.repeat(M / 5)}`,
      /nested more than 100/
    ]
  ])('%s', (_name, text, message) => {
    expect(errorOf(text).message).toMatch(message)
  })
})
