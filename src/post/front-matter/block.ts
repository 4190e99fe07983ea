/**
 * The front-matter block in the file's text, for every format: lines and
 * line numbers, the block between delimiter lines, and the guards against
 * hostile input (size, nesting depth, alias count), since post files come
 * from pull requests anyone can open.
 */
import {
  MAX_FRONT_MATTER_DEPTH,
  MAX_FRONT_MATTER_LENGTH
} from '../../constants.js'
import { FrontMatterError } from './types.js'
import type { FrontMatterEntry } from './types.js'

/** The delimiter lines: YAML opens with `---` and closes with `---` or `...`. */
export const YAML_OPENER = /^---[ \t]*$/
export const YAML_CLOSER = /^(?:---|\.\.\.)[ \t]*$/
/** TOML opens and closes with `+++`. */
export const TOML_DELIMITER = /^\+\+\+[ \t]*$/

/** Alias expansions allowed per document (defuses "billion laughs"). */
export const MAX_ALIAS_COUNT = 100

const BOM = '\uFEFF'

/** The text without a leading byte-order mark. */
export function withoutBom(text: string): string {
  return text.startsWith(BOM) ? text.slice(1) : text
}

/** A line of the text: where its content ends and the next line starts. */
export interface Line {
  start: number
  /** End of the content, before any `\r\n` or `\n`. */
  contentEnd: number
  /** Start of the next line (text.length on the last line). */
  next: number
}

/** The line starting at `start`. */
export function lineAt(text: string, start: number): Line {
  const newline = text.indexOf('\n', start)
  if (newline === -1) {
    return { start, contentEnd: text.length, next: text.length }
  }
  const contentEnd =
    newline > start && text[newline - 1] === '\r' ? newline - 1 : newline
  return { start, contentEnd, next: newline + 1 }
}

/** 1-based line of an offset. */
export function countLines(text: string, offset: number): number {
  let line = 1
  for (
    let i = text.indexOf('\n');
    i !== -1 && i < offset;
    i = text.indexOf('\n', i + 1)
  ) {
    line++
  }
  return line
}

/** The text between an opening and a closing delimiter line. */
export interface Block {
  /** Block source with `\r\n` turned into `\n` (same line count). */
  source: string
  /** File line of the block's first line. */
  firstLine: number
  body: string
  bodyLine: number
}

/**
 * The block after the opening line `opener` (line 1) up to the first line
 * matching `closer`; `delimiter` names the opener in errors.
 *
 * @throws FrontMatterError when no line closes the block or it is too large.
 */
export function delimitedBlock(
  text: string,
  opener: Line,
  closer: RegExp,
  delimiter: string
): Block {
  let line = opener.next
  let lineNumber = 2
  while (line < text.length) {
    const current = lineAt(text, line)
    // Test only lines that can be closers, so a 5 MB line costs one check.
    const head = text.slice(line, line + 3)
    if (
      (head === '---' || head === '...' || head === '+++') &&
      closer.test(text.slice(line, current.contentEnd))
    ) {
      const length = line - opener.next
      if (length > MAX_FRONT_MATTER_LENGTH) throw tooLarge(length)
      return {
        source: text.slice(opener.next, line).replace(/\r\n/g, '\n'),
        firstLine: 2,
        body: text.slice(current.next),
        bodyLine: lineNumber + 1
      }
    }
    line = current.next
    lineNumber++
  }
  throw unterminated(delimiter)
}

function unterminated(delimiter: string): FrontMatterError {
  const closers = delimiter === '---' ? "'---' or '...'" : `'${delimiter}'`
  return new FrontMatterError(
    `Front matter opened with '${delimiter}' on line 1 is never closed: ` +
      `expected a line with only ${closers} after it.`,
    1
  )
}

/**
 * The error for a block over MAX_FRONT_MATTER_LENGTH (UTF-16 code units).
 * Real front matter is a few KB; the YAML parser needs seconds for
 * adversarial blocks of a few MB, so bigger blocks are refused rather than
 * parsed.
 */
export function tooLarge(length: number): FrontMatterError {
  return new FrontMatterError(
    `Front matter is too large (${length} characters; at most ` +
      `${MAX_FRONT_MATTER_LENGTH}). Move big data out of the front matter.`,
    1
  )
}

/**
 * Refuse blocks nested deeper than the parsers can take: the YAML parser
 * runs out of memory on a few hundred thousand unclosed `[`. Counting every
 * bracket, quoted or not, over-counts only for text full of unmatched `[`.
 */
export function checkBracketDepth(source: string, firstLine: number): void {
  let depth = 0
  let line = firstLine
  for (let i = 0; i < source.length; i++) {
    const c = source.charCodeAt(i)
    if (c === 0x0a) line++
    else if (c === 0x5b || c === 0x7b) {
      depth++
      if (depth > MAX_FRONT_MATTER_DEPTH) throw tooDeep(line)
    } else if ((c === 0x5d || c === 0x7d) && depth > 0) depth--
  }
}

/** The error for nesting deeper than MAX_FRONT_MATTER_DEPTH at a line. */
export function tooDeep(line: number): FrontMatterError {
  return new FrontMatterError(
    `Front matter is nested more than ${MAX_FRONT_MATTER_DEPTH} levels deep.`,
    line
  )
}

/** A value's entries when no line is known (see FrontMatter.entries). */
export function entriesWithoutLines(value: unknown): FrontMatterEntry[] {
  if (value === null || value === undefined) return []
  return Array.isArray(value)
    ? value.map((item: unknown) => ({ value: item }))
    : [{ value }]
}
