/**
 * YAML parser errors in the words of the person who wrote the front matter:
 * at the line where the problem starts (an unclosed quote or bracket where
 * it opened, not where the block ends) and saying what to do ("put the
 * value in quotes") instead of the parser's terms. Errors not recognised
 * here keep the parser's message.
 */
import { isMap, isPair, isScalar, isSeq, Scalar } from 'yaml'
import type { Document, YAMLError } from 'yaml'
import { shorten } from '../../util.js'

/** Where a YAML problem starts (an offset in the block) and what to do. */
export interface YamlProblem {
  offset: number
  message: string
}

/** A value longer than this is not repeated in quotes in a message. */
const MAX_SHOWN_VALUE = 80

/** The problem the parser's first error points to, explained. */
export function explainYamlError(
  error: YAMLError,
  source: string,
  doc: Document.Parsed
): YamlProblem {
  const at = error.pos[0]
  const said = error.message
  const problem = (message: string, offset = at): YamlProblem => ({
    offset,
    message
  })
  switch (error.code) {
    case 'MISSING_CHAR':
      if (/closing "quote/.test(said)) return unclosedQuote(doc, at, '"')
      if (/closing 'quote/.test(said)) return unclosedQuote(doc, at, "'")
      return problem(NOT_KEY_VALUE)
    case 'BLOCK_AS_IMPLICIT_KEY':
      if (/block sequence/i.test(said)) return problem(LIST_ITEM_INDENT)
      return colonInValue(source, at)
    case 'MULTILINE_IMPLICIT_KEY':
      if (/flow sequence/i.test(said)) return unclosedFlow(doc, at, '[')
      if (/^-(?:\s|$)/.test(source.slice(at))) return problem(LIST_WITHOUT_KEY)
      return problem(NO_COLON)
    case 'TAB_AS_INDENT':
      return problem(
        'this line is indented with a tab, and YAML indents with spaces ' +
          'only: replace the tab with spaces.'
      )
    case 'BAD_SCALAR_START':
      return problem(
        `a value cannot start with ${said.slice(-1)} unless it is quoted: ` +
          'put the value in quotes.'
      )
    case 'BAD_DQ_ESCAPE':
      return problem(
        `${said.replace(/^.*sequence /, '')} is not an escape sequence in ` +
          'double quotes: write a backslash as \\\\, or use single quotes, ' +
          'in which a backslash is just a backslash.'
      )
    case 'BAD_INDENT':
      if (/^Flow sequence/.test(said)) return unclosedFlow(doc, at, '[')
      if (/^Flow map/.test(said)) return unclosedFlow(doc, at, '{')
      if (/same column/.test(said)) return problem(KEY_INDENT)
      return problem(said)
    case 'UNEXPECTED_TOKEN':
      return unexpectedToken(source, at, said)
    default:
      return problem(said)
  }
}

const NOT_KEY_VALUE =
  "this line is not 'key: value': add a colon and a space after the key " +
  '(or, if the line continues the value above, indent it).'
const NO_COLON =
  'this line has no colon after its key, so YAML reads it together with ' +
  "the next line: write 'key: value', with a colon and a space."
const LIST_WITHOUT_KEY =
  'this list item belongs to no key: put it under a key that has nothing ' +
  'after its colon (tags:), indented.'
const LIST_ITEM_INDENT =
  'this list item is indented differently from the items above it: start ' +
  'the "- " of every item of a list in the same column.'
const KEY_INDENT =
  'this key is not lined up with the keys above it: start the keys of one ' +
  'mapping in the same column.'

/** The line of the text around an offset: its start and its text. */
function lineOf(
  source: string,
  offset: number
): { start: number; text: string } {
  const start = source.lastIndexOf('\n', offset - 1) + 1
  const end = source.indexOf('\n', offset)
  return { start, text: source.slice(start, end === -1 ? undefined : end) }
}

/** The innermost node of a kind whose range runs from before `at` to it. */
function openedBefore(
  doc: Document.Parsed,
  at: number,
  wanted: (node: unknown) => boolean
): number | undefined {
  let found: number | undefined
  const stack: unknown[] = [doc.contents]
  while (stack.length > 0) {
    const node = stack.pop()
    if (isPair(node)) stack.push(node.key, node.value)
    else if (isMap(node) || isSeq(node)) stack.push(...node.items)
    const range = (node as { range?: [number, number, number] } | null)?.range
    if (!range || !wanted(node)) continue
    if (range[0] < at && range[1] >= at && (found ?? -1) < range[0]) {
      found = range[0]
    }
  }
  return found
}

/** A quoted value that is never closed: where its quote opened. */
function unclosedQuote(
  doc: Document.Parsed,
  at: number,
  quote: '"' | "'"
): YamlProblem {
  const type = quote === '"' ? Scalar.QUOTE_DOUBLE : Scalar.QUOTE_SINGLE
  const opened = openedBefore(
    doc,
    at,
    (node) => isScalar(node) && node.type === type
  )
  const kind = quote === '"' ? 'double-quoted' : 'single-quoted'
  const inside = quote === '"' ? '\\"' : "''"
  return {
    offset: opened ?? at,
    message:
      `a ${kind} value opens on this line and is never closed: end it ` +
      `with ${quote}, and write a ${quote} inside it as ${inside}.`
  }
}

function isFlow(node: unknown): boolean {
  return (node as { flow?: boolean }).flow === true
}

/** A `[…]` or `{…}` that is never closed: where it opened. */
function unclosedFlow(
  doc: Document.Parsed,
  at: number,
  bracket: '[' | '{'
): YamlProblem {
  const list = bracket === '['
  const opened = openedBefore(
    doc,
    at,
    (node) => (list ? isSeq(node) : isMap(node)) && isFlow(node)
  )
  const closer = list ? ']' : '}'
  return {
    offset: opened ?? at,
    message:
      `the ${list ? 'list' : 'map'} opened with ${bracket} on this line is ` +
      `never closed: end it with ${closer} on the same line.`
  }
}

/**
 * `title: Colons: everywhere`: a value holding `: `, read as a nested key;
 * or a line indented under a key that already has a value on its line.
 */
function colonInValue(source: string, at: number): YamlProblem {
  const line = lineOf(source, at)
  const key = line.text
    .slice(0, at - line.start)
    .replace(/:\s*$/, '')
    .replace(/^\s*-\s+/, '')
    .trim()
  const value = line.text.slice(at - line.start).trimEnd()
  if (/:(?:\s|$)/.test(value)) {
    const quoted = /["\\]/.test(value)
      ? `'${value.replace(/'/g, "''")}'`
      : `"${value}"`
    const example =
      quoted.length <= MAX_SHOWN_VALUE ? `: ${key}: ${quoted}` : ''
    return {
      offset: at,
      message:
        `the value of '${shorten(key, 60)}' contains ": ", which YAML reads ` +
        `as the start of another key. Put the value in quotes${example}.`
    }
  }
  // The value is alone on its line: the next line is indented under it.
  const next = source.slice(line.start + line.text.length + 1)
  const skipped = /^(?:[ \t]*(?:#.*)?\n)*/.exec(next)?.[0].length ?? 0
  return {
    offset: Math.min(
      line.start + line.text.length + 1 + skipped,
      source.length
    ),
    message:
      `this line is indented under '${shorten(key, 60)}', which already has ` +
      'a value on its line: line it up with the keys above, or put a value ' +
      'that runs over several lines in quotes.'
  }
}

/** The parser met a token it did not expect: say what it means here. */
function unexpectedToken(
  source: string,
  at: number,
  said: string
): YamlProblem {
  const problem = (message: string): YamlProblem => ({ offset: at, message })
  if (/at node end$/.test(said)) {
    const closing = /["']\s*$/.exec(source.slice(0, at))?.[0][0]
    if (closing === '"') {
      return problem(
        'text follows the closing " of a quoted value: write a " inside ' +
          'the value as \\", or quote the value with \' instead.'
      )
    }
    if (closing === "'") {
      return problem(
        "text follows the closing ' of a quoted value: write a ' inside " +
          "the value as '', or quote the value with \" instead."
      )
    }
  }
  const stray = /(flow-seq-end|flow-map-end) token/.exec(said)?.[1]
  if (stray !== undefined) {
    const [closer, opener] = stray === 'flow-seq-end' ? [']', '['] : ['}', '{']
    return problem(
      `this ${closer} closes no ${opener}: remove it, or put the value in ` +
        'quotes.'
    )
  }
  if (/^Block scalar header/.test(said)) {
    return problem(
      'only -, + or a digit may follow | or > on the line of the key: start ' +
        'the text on the next line, indented.'
    )
  }
  if (/block-seq-ind on same line with key/.test(said)) {
    return problem(
      'a list cannot start on the line of its key: put each "- " item on a ' +
        'line of its own, indented under the key, or put the value in quotes.'
    )
  }
  return problem(said)
}
