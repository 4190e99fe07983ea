import { describe, expect, it } from '@jest/globals'
import { errorOf } from './support.js'

/** A Jekyll post whose front matter holds these lines (from line 2). */
const post = (...lines: string[]): string =>
  ['---', ...lines, '---', 'Body.', ''].join('\n')

const INVALID = 'Invalid YAML front matter: '

describe('YAML errors say where the problem starts and what to do', () => {
  it.each([
    [
      'an unclosed double quote, where it opened (not at the closing ---)',
      post('title: "Unclosed', 'date: 2021-01-02', 'tags: [a]'),
      2,
      'a double-quoted value opens on this line and is never closed: end it ' +
        'with ", and write a " inside it as \\".'
    ],
    [
      'an unclosed single quote inside a list',
      post('title: T', "tags: ['a', 'b", 'date: 2021-01-02'),
      3,
      "a single-quoted value opens on this line and is never closed: end it with ', and write a ' inside it as ''."
    ],
    [
      'a value with a colon and a space',
      post('date: 2021-01-02', 'title: Colons: everywhere'),
      3,
      `the value of 'title' contains ": ", which YAML reads as the start of ` +
        'another key. Put the value in quotes: title: "Colons: everywhere".'
    ],
    [
      'a value with a colon and a double quote',
      post('title: Say "hi": now'),
      2,
      `the value of 'title' contains ": ", which YAML reads as the start of ` +
        `another key. Put the value in quotes: title: 'Say "hi": now'.`
    ],
    [
      'a key indented under a key that has a value',
      post('title: T', 'date: 2021-01-02', '  tags: a'),
      4,
      "this line is indented under 'date', which already has a value on its " +
        'line: line it up with the keys above, or put a value that runs over ' +
        'several lines in quotes.'
    ],
    [
      'an unclosed [',
      post('tags: [a, b', 'title: T'),
      2,
      'the list opened with [ on this line is never closed: end it with ] on ' +
        'the same line.'
    ],
    [
      'an unclosed {',
      post('title: T', 'meta: {a: 1', 'b: 2'),
      3,
      'the map opened with { on this line is never closed: end it with } on ' +
        'the same line.'
    ],
    [
      'a tab as indentation',
      post('tags:', '\t- a'),
      3,
      'this line is indented with a tab, and YAML indents with spaces only: ' +
        'replace the tab with spaces.'
    ],
    [
      'a line without a colon',
      post('title: T', 'draft'),
      3,
      "this line is not 'key: value': add a colon and a space after the key " +
        '(or, if the line continues the value above, indent it).'
    ],
    [
      'a line without a colon before a key',
      post('title T', 'date: 2021-01-02'),
      2,
      'this line has no colon after its key, so YAML reads it together with ' +
        "the next line: write 'key: value', with a colon and a space."
    ],
    [
      'a list item under no key',
      post('title: T', '- a'),
      3,
      'this list item belongs to no key: put it under a key that has nothing ' +
        'after its colon (tags:), indented.'
    ],
    [
      'a list item out of line',
      post('trackback:', '  - a', ' - b'),
      4,
      'this list item is indented differently from the items above it: ' +
        'start the "- " of every item of a list in the same column.'
    ],
    [
      'a key out of line',
      post('a:', '  b: 1', ' c: 2'),
      4,
      'this key is not lined up with the keys above it: start the keys of ' +
        'one mapping in the same column.'
    ],
    [
      'a value starting with a reserved character',
      post('title: @home'),
      2,
      'a value cannot start with @ unless it is quoted: put the value in quotes.'
    ],
    [
      'an unknown escape in double quotes',
      post('path: "C:\\web"'),
      2,
      '\\w is not an escape sequence in double quotes: write a backslash as ' +
        '\\\\, or use single quotes, in which a backslash is just a backslash.'
    ],
    [
      'text after a closing double quote',
      post('title: "Say "hi""'),
      2,
      'text follows the closing " of a quoted value: write a " inside the ' +
        'value as \\", or quote the value with \' instead.'
    ],
    [
      'an apostrophe in single quotes',
      post("title: 'It's here'"),
      2,
      "text follows the closing ' of a quoted value: write a ' inside the " +
        `value as '', or quote the value with " instead.`
    ],
    [
      'a stray ]',
      post('tags: [a]]'),
      2,
      'this ] closes no [: remove it, or put the value in quotes.'
    ],
    [
      'text after a block scalar indicator',
      post('summary: |x'),
      2,
      'only -, + or a digit may follow | or > on the line of the key: start ' +
        'the text on the next line, indented.'
    ],
    [
      'a list on the line of its key',
      post('tags: - a'),
      2,
      'a list cannot start on the line of its key: put each "- " item on a ' +
        'line of its own, indented under the key, or put the value in quotes.'
    ]
  ])('%s', (_name, text, line, message) => {
    const error = errorOf(text)
    expect(error.message).toBe(INVALID + message)
    expect(error.line).toBe(line)
  })

  it('keeps the parser message for errors it has no advice for', () => {
    const error = errorOf(post('a: &x &y 1'))
    expect(error.message).toBe(`${INVALID}A node can have at most one anchor`)
    expect(error.line).toBe(2)
  })

  it('counts lines after a BOM and CRLF line ends', () => {
    const error = errorOf('\uFEFF---\r\na: 1\r\nb: "open\r\nc: 2\r\n---\r\n')
    expect(error.line).toBe(3)
  })
})
