/**
 * The fast path for YAML front matter: the top-level keys of the simple
 * form most posts have, and their one-line string values, read without the
 * YAML parser (a scan of a big blog tests the date of every post).
 */
import {
  delimitedBlock,
  lineAt,
  withoutBom,
  YAML_CLOSER,
  YAML_OPENER
} from './block.js'
import type { Block } from './block.js'
import type { YamlVersion } from './types.js'
import { jekyllTimestamp } from './yaml.js'

/** One top-level key of a simple YAML front matter (`simpleYamlStrings`). */
export interface SimpleYamlKey {
  key: string
  /** The value, when it is a one-line string (see simpleYamlStrings). */
  value?: string
}

/** `key:` or `key: value` at column 0, the key plain. */
const SIMPLE_KEY_LINE = /^([A-Za-z_][\w-]*):(?: +(.*?))? *$/
/** What makes a line a YAML line break, indentation or escape but `\n` and spaces. */
const NOT_SIMPLE_TEXT = /[\t\r\\\u0085\u2028\u2029]/
/** Characters that may open a quoted scalar or a flow collection. */
const MAY_SPAN_LINES = /["'[\]{}]/
/** First characters with a meaning in YAML (indicators). */
const INDICATOR = /^[-?:,[\]{}#&*!|>'"%@`]/

/**
 * The top-level keys of a YAML front matter of the simple form most posts
 * have, each with its value when that is a one-line string, found without
 * the YAML parser (about 100 µs a post). Undefined when the text has no
 * YAML front matter or it is not simple; then only parseFrontMatter can
 * tell.
 *
 * Simple means: no tab, CR or backslash; the first content line and every
 * other line at column 0 is a comment or `key: value` with a plain key and
 * a value that is empty, plain, quoted or a `[…]` list, closed on its line;
 * indented lines open no quote or bracket. Nothing can then carry a line at
 * column 0 into another value, so each such line is a key of the top-level
 * mapping, whatever the indented lines hold. A value is given only when
 * the YAML parser reads it as that one string: quoted on its line, or plain
 * and starting like a date (`2021-…`, which only timestamp tags match;
 * Jekyll's is applied), with no indented line after it. Whenever the parser
 * accepts a simple front matter, it finds these keys and values; when it
 * refuses one, the caller learns that on reading the post.
 */
export function simpleYamlStrings(
  text: string,
  version: YamlVersion
): SimpleYamlKey[] | undefined {
  const source = withoutBom(text)
  const first = lineAt(source, 0)
  if (!YAML_OPENER.test(source.slice(0, first.contentEnd))) return undefined
  let block: Block
  try {
    block = delimitedBlock(source, first, YAML_CLOSER, '---')
  } catch {
    return undefined
  }
  if (NOT_SIMPLE_TEXT.test(block.source)) return undefined
  const keys: SimpleYamlKey[] = []
  let last: SimpleYamlKey | undefined
  for (const line of block.source.split('\n')) {
    if (line.trim() === '') continue
    if (line.startsWith(' ')) {
      // An indented line belongs to the value of the key above it.
      if (!last || MAY_SPAN_LINES.test(line)) return undefined
      delete last.value
      continue
    }
    if (line.startsWith('#')) continue
    const m = SIMPLE_KEY_LINE.exec(line)
    if (!m) return undefined
    const value = simpleValue(m[2] ?? '', version)
    if (value === false) return undefined
    last =
      value === undefined
        ? { key: m[1] as string }
        : { key: m[1] as string, value }
    keys.push(last)
  }
  return keys
}

/**
 * A one-line value: the string it is, undefined for any other value, false
 * when the line is not simple.
 */
function simpleValue(
  rest: string,
  version: YamlVersion
): string | undefined | false {
  if (rest === '') return undefined
  const first = rest[0]
  if (first === '"' || first === "'") {
    const quoted = first === '"' ? /^"([^"]*)"$/ : /^'([^']*)'$/
    return quoted.exec(rest)?.[1] ?? false
  }
  if (first === '[') return /^\[[^[\]{}"'#]*\]$/.test(rest) ? undefined : false
  if (INDICATOR.test(rest) || rest.includes(': ') || rest.endsWith(':')) {
    return false
  }
  if (rest.includes(' #') || !/^\d{4}-/.test(rest)) return undefined
  return version === '1.1' ? jekyllTimestamp(rest) : rest
}
