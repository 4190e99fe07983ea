/**
 * Front matter of a post file: YAML (`---`), TOML (`+++`) or JSON (`{`),
 * parsed into plain data, with file line numbers for annotations.
 *
 * Everything that can go wrong with a user's file becomes a
 * FrontMatterError; the parsers are fenced in (size, nesting and alias
 * caps) because post files come from pull requests anyone can open.
 */
import {
  isAlias,
  isCollection,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  Scalar
} from 'yaml'
import type {
  Document,
  Node as YamlNode,
  ParsedNode,
  ScalarTag,
  Tags
} from 'yaml'
import { parse as parseToml, TomlDate, TomlError } from 'smol-toml'
import { errorMessage, isRecord } from '../util.js'
import {
  MAX_FRONT_MATTER_DEPTH,
  MAX_FRONT_MATTER_LENGTH
} from '../constants.js'

/** The syntax of a file's front matter. */
export type FrontMatterFormat = 'yaml' | 'toml' | 'json' | 'none'

/** One entry of a front-matter value: a scalar or each item of a list. */
export interface FrontMatterEntry {
  /** The parsed value (strings for dates, see parseFrontMatter). */
  value: unknown
  /** Raw source text of a plain (unquoted) YAML scalar, else undefined. */
  text?: string
  /** 1-based line in the file. */
  line?: number
}

/** A file's front matter and the body that follows it. */
export interface FrontMatter {
  format: FrontMatterFormat
  /** The top-level keys and their values as plain data. */
  data: Record<string, unknown>
  /** The file's text after the front matter. */
  body: string
  /** 1-based line in the file where the body starts. */
  bodyLine: number
  /** 1-based file line of a top-level key, if present. */
  keyLine(key: string): number | undefined
  /**
   * The key's value as entries: one per item when it is a list, else one
   * entry; [] when absent or null. Nested lists/maps come back as one entry
   * whose value is that list/map.
   */
  entries(key: string): FrontMatterEntry[]
}

/** A front-matter problem in the user's file. */
export class FrontMatterError extends Error {
  /** 1-based line in the file, when known. */
  readonly line?: number

  constructor(message: string, line?: number) {
    super(message)
    this.name = 'FrontMatterError'
    if (line !== undefined) this.line = line
  }
}

/** How to read front matter. */
export interface FrontMatterOptions {
  /**
   * YAML version: '1.1' for Jekyll (Ruby's Psych: yes/no/on/off are
   * booleans, `1:20` is sexagesimal), '1.2' (core schema, the default) for
   * everything else.
   */
  yaml?: '1.1' | '1.2'
}

/**
 * Largest front-matter block accepted, in UTF-16 code units. Real front
 * matter is a few KB; the YAML parser needs seconds for adversarial blocks
 * of a few MB, so bigger blocks are refused rather than parsed.
 */

/** Alias expansions allowed per document (defuses "billion laughs"). */
const MAX_ALIAS_COUNT = 100

const BOM = '\uFEFF'

/**
 * Parse the front matter at the start of a post file.
 *
 * - YAML between `---` lines (closed by `---` or `...`), TOML between `+++`
 *   lines, JSON as a `{…}` object starting the file (Hugo). The opening
 *   delimiter must start the file (after an optional BOM), as in Jekyll.
 * - No front matter: format 'none', data {}, body the whole text.
 * - Dates stay strings so the caller can apply the site's time zone: YAML
 *   timestamps keep their source text (`2021-03-04 10:00:00 +0100`); TOML
 *   dates and times become smol-toml's ISO form, which keeps whether there
 *   was an offset: `2021-03-04T10:00:00.000+01:00` (offset as written, `Z`
 *   kept), `2021-03-04T10:00:00.000` (local date-time), `2021-03-04` (local
 *   date), `10:00:00.000` (local time).
 * - Duplicate keys: with YAML 1.1 (Jekyll) the last one wins, as in Psych;
 *   otherwise they are an error, as in Hugo and the YAML/TOML/JSON specs
 *   (JSON.parse keeps the last, so JSON duplicates are not detected).
 * - The body keeps the file's line endings (CRLF stays CRLF).
 *
 * @throws FrontMatterError for an unterminated or oversized block, invalid
 *   YAML/TOML/JSON, or front matter that is not a mapping; never anything
 *   else.
 */
export function parseFrontMatter(
  text: string,
  options: FrontMatterOptions = {}
): FrontMatter {
  try {
    return parseUnchecked(text, options)
  } catch (error) {
    if (error instanceof FrontMatterError) throw error
    // A parser bug or a stack overflow on input we did not foresee: still
    // the user's file that caused it, so report it as such.
    const reason = errorMessage(error)
    throw new FrontMatterError(`Could not read the front matter: ${reason}`)
  }
}

function parseUnchecked(
  text: string,
  options: FrontMatterOptions
): FrontMatter {
  const source = text.startsWith(BOM) ? text.slice(1) : text
  const first = lineAt(source, 0)
  const opener = source.slice(0, first.contentEnd)
  if (/^---[ \t]*$/.test(opener)) {
    const block = delimitedBlock(source, first, /^(?:---|\.\.\.)[ \t]*$/, '---')
    return fromYaml(block, options.yaml ?? '1.2')
  }
  if (/^\+\+\+[ \t]*$/.test(opener)) {
    return fromToml(delimitedBlock(source, first, /^\+\+\+[ \t]*$/, '+++'))
  }
  if (source.startsWith('{')) return fromJson(source)
  return {
    format: 'none',
    data: {},
    body: source,
    bodyLine: 1,
    keyLine: () => undefined,
    entries: () => []
  }
}

/** A line of the text: where its content ends and the next line starts. */
interface Line {
  start: number
  /** End of the content, before any `\r\n` or `\n`. */
  contentEnd: number
  /** Start of the next line (text.length on the last line). */
  next: number
}

function lineAt(text: string, start: number): Line {
  const newline = text.indexOf('\n', start)
  if (newline === -1) {
    return { start, contentEnd: text.length, next: text.length }
  }
  const contentEnd =
    newline > start && text[newline - 1] === '\r' ? newline - 1 : newline
  return { start, contentEnd, next: newline + 1 }
}

/** The text between an opening and a closing delimiter line. */
interface Block {
  /** Block source with `\r\n` turned into `\n` (same line count). */
  source: string
  /** File line of the block's first line. */
  firstLine: number
  body: string
  bodyLine: number
}

function delimitedBlock(
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

function tooLarge(length: number): FrontMatterError {
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
function checkBracketDepth(source: string, firstLine: number): void {
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

function tooDeep(line: number): FrontMatterError {
  return new FrontMatterError(
    `Front matter is nested more than ${MAX_FRONT_MATTER_DEPTH} levels deep.`,
    line
  )
}

// ---------------------------------------------------------------- YAML

/** YAML 1.1 tags that would turn values into Dates, Uint8Arrays, Sets, Maps. */
const DROPPED_YAML_TAGS = new Set([
  'tag:yaml.org,2002:timestamp',
  'tag:yaml.org,2002:binary',
  'tag:yaml.org,2002:omap',
  'tag:yaml.org,2002:set'
])

/** The booleans Jekyll's loader (SafeYAML) knows, in any letter case. */
const JEKYLL_BOOLEAN: ScalarTag = {
  tag: 'tag:yaml.org,2002:bool',
  default: true,
  test: /^(?:yes|true|on|no|false|off)$/i,
  resolve: (text: string) => /^(?:yes|true|on)$/i.test(text)
}

/**
 * Plain (unquoted) date-times with seconds, as SafeYAML recognises them.
 * It reads one without an offset as UTC (a quoted one, or one without
 * seconds, stays a string that Jekyll reads in the site's zone), so the
 * source text is kept with ` Z` added to say so.
 */
const JEKYLL_TIMESTAMP_TEXT =
  /^\d{4}-\d{1,2}-\d{1,2}(?:[Tt]|[ \t]+)\d{1,2}:\d{2}:\d{2}(?:\.\d*)?[ \t]*(?:Z|[-+]\d{1,2}(?::?\d{2})?)?$/
const JEKYLL_TIMESTAMP: ScalarTag = {
  tag: 'tag:yaml.org,2002:timestamp',
  default: true,
  test: JEKYLL_TIMESTAMP_TEXT,
  resolve: (text: string) => jekyllTimestamp(text)
}

function jekyllTimestamp(text: string): string {
  return !JEKYLL_TIMESTAMP_TEXT.test(text) ||
    /(?:Z|[-+]\d{1,2}(?::?\d{2})?)$/.test(text.slice(19))
    ? text
    : `${text} Z`
}

/**
 * YAML 1.1 as Jekyll reads it: no Dates, binaries, sets or ordered maps;
 * booleans and timestamps as SafeYAML has them (`y`/`n` stay strings).
 */
function withoutDroppedTags(tags: Tags): Tags {
  const kept = tags.filter((tag) => {
    const name = typeof tag === 'string' ? tag : tag.tag
    return !DROPPED_YAML_TAGS.has(name) && name !== JEKYLL_BOOLEAN.tag
  })
  return [JEKYLL_BOOLEAN, JEKYLL_TIMESTAMP, ...kept]
}

type YamlDocument = Document.Parsed<ParsedNode, true>

interface ParsedYaml {
  doc: YamlDocument
  lines: LineCounter
}

function parseYaml(source: string, version: '1.1' | '1.2'): ParsedYaml {
  const lines = new LineCounter()
  const doc = parseDocument(source, {
    version,
    lineCounter: lines,
    prettyErrors: false,
    // Checked below in linear time; the parser's own check is quadratic.
    uniqueKeys: false,
    logLevel: 'silent',
    ...(version === '1.1' ? { customTags: withoutDroppedTags } : {})
  })
  return { doc, lines }
}

function fromYaml(block: Block, version: '1.1' | '1.2'): FrontMatter {
  checkBracketDepth(block.source, block.firstLine)
  const { doc, lines } = parseYaml(block.source, version)
  const fileLine = (offset: number): number =>
    lines.linePos(offset).line + block.firstLine - 1

  const problem = doc.errors[0]
  if (problem !== undefined) {
    // The parser reports its own stack overflow (deep block nesting) as an
    // error; say what it means for the user.
    if (problem.message.includes('call stack')) {
      throw tooDeep(fileLine(problem.pos[0]))
    }
    throw new FrontMatterError(
      `Invalid YAML front matter: ${problem.message}`,
      fileLine(problem.pos[0])
    )
  }
  const contents = doc.contents
  if (contents !== null && !isMap(contents)) {
    if (!(isScalar(contents) && contents.value === null)) {
      const what = isSeq(contents) ? 'a list' : 'a single value'
      throw new FrontMatterError(
        `Front matter must be a YAML mapping of keys to values, not ${what}.`,
        fileLine(contents.range[0])
      )
    }
  }
  checkYamlTree(doc, version === '1.2', fileLine)

  let data: unknown
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT })
  } catch (error) {
    const reason = errorMessage(error)
    throw new FrontMatterError(`Invalid YAML front matter: ${reason}`)
  }
  const record = isRecord(data) ? data : {}
  const positions = yamlPositions(doc, fileLine, true)
  return {
    format: 'yaml',
    data: record,
    body: block.body,
    bodyLine: block.bodyLine,
    keyLine: (key) => positions.keyLine(key),
    entries: (key) => positions.entries(key, record)
  }
}

/**
 * Walk the YAML tree without recursion: refuse deep nesting, keys that are
 * lists or maps (turning those into object keys stringifies them, which is
 * exponential for nested ones) and, when asked, duplicate keys.
 */
function checkYamlTree(
  doc: YamlDocument,
  uniqueKeys: boolean,
  fileLine: (offset: number) => number
): void {
  const stack: Array<{ node: unknown; depth: number }> = [
    { node: doc.contents, depth: 0 }
  ]
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const { node, depth } = item
    if (isAlias(node) && node.resolve(doc) === undefined) {
      throw new FrontMatterError(
        `Invalid YAML front matter: unknown alias *${node.source}.`,
        fileLine(node.range?.[0] ?? 0)
      )
    }
    if (!isCollection(node)) continue
    if (depth >= MAX_FRONT_MATTER_DEPTH) {
      throw tooDeep(fileLine(node.range?.[0] ?? 0))
    }
    const seen = new Set<string>()
    for (const child of node.items) {
      if (!isPair(child)) {
        stack.push({ node: child, depth: depth + 1 })
        continue
      }
      const key = child.key
      if (isCollection(key)) {
        throw new FrontMatterError(
          'Front matter keys must be plain values, not lists or maps.',
          fileLine(key.range?.[0] ?? 0)
        )
      }
      if (uniqueKeys && isScalar(key)) {
        const name = String(key.value)
        if (seen.has(name)) {
          throw new FrontMatterError(
            `Duplicate key '${name}' in the front matter.`,
            fileLine(key.range?.[0] ?? 0)
          )
        }
        seen.add(name)
      }
      stack.push({ node: child.value, depth: depth + 1 })
    }
  }
}

/** Key lines and entry lines read from a YAML syntax tree. */
interface Positions {
  keyLine(key: string): number | undefined
  entries(key: string, data: Record<string, unknown>): FrontMatterEntry[]
}

function yamlPositions(
  doc: YamlDocument,
  fileLine: (offset: number) => number,
  withText: boolean
): Positions {
  const pairs = new Map<string, { keyOffset: number; value: unknown }>()
  const contents = doc.contents
  if (isMap(contents)) {
    for (const pair of contents.items) {
      if (!isScalar(pair.key)) continue
      // Later duplicates win, as in the data (YAML 1.1 allows them).
      pairs.set(String(pair.key.value), {
        keyOffset: pair.key.range?.[0] ?? 0,
        value: pair.value
      })
    }
  }
  const resolve = (node: unknown): unknown =>
    isAlias(node) ? (node.resolve(doc) ?? node) : node
  const entryOf = (node: unknown, value: unknown): FrontMatterEntry => {
    const entry: FrontMatterEntry = { value }
    const target = resolve(node)
    if (
      withText &&
      isScalar(target) &&
      target.type === Scalar.PLAIN &&
      typeof target.source === 'string' &&
      target.source !== ''
    ) {
      entry.text = target.source
    }
    const range = (node as YamlNode | null)?.range
    if (range) entry.line = fileLine(range[0])
    return entry
  }
  return {
    keyLine(key) {
      const pair = pairs.get(key)
      return pair === undefined ? undefined : fileLine(pair.keyOffset)
    },
    entries(key, data) {
      if (!Object.hasOwn(data, key)) return []
      const value = data[key]
      if (value === null || value === undefined) return []
      const pair = pairs.get(key)
      if (pair === undefined) return entriesWithoutLines(value)
      const node = resolve(pair.value)
      if (Array.isArray(value)) {
        if (!isSeq(node) || node.items.length !== value.length) {
          return entriesWithoutLines(value)
        }
        return node.items.map((item, i) => entryOf(item, value[i]))
      }
      return [entryOf(pair.value, value)]
    }
  }
}

function entriesWithoutLines(value: unknown): FrontMatterEntry[] {
  if (value === null || value === undefined) return []
  return Array.isArray(value)
    ? value.map((item: unknown) => ({ value: item }))
    : [{ value }]
}

// ------------------------------------------------- simple YAML, quickly

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
 * the YAML parser (about 100 µs a post: a scan of a big blog tests the date
 * of every post). Undefined when the text has no YAML front matter or it is
 * not simple; then only parseFrontMatter can tell.
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
  version: '1.1' | '1.2'
): SimpleYamlKey[] | undefined {
  const source = text.startsWith(BOM) ? text.slice(1) : text
  const first = lineAt(source, 0)
  if (!/^---[ \t]*$/.test(source.slice(0, first.contentEnd))) return undefined
  let block: Block
  try {
    block = delimitedBlock(source, first, /^(?:---|\.\.\.)[ \t]*$/, '---')
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
  version: '1.1' | '1.2'
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

// ---------------------------------------------------------------- TOML

function fromToml(block: Block): FrontMatter {
  checkBracketDepth(block.source, block.firstLine)
  let parsed: Record<string, unknown>
  try {
    parsed = parseToml(block.source, { maxDepth: MAX_FRONT_MATTER_DEPTH })
  } catch (error) {
    if (error instanceof TomlError) {
      // The message carries a code excerpt with block-relative line numbers
      // that would mislead; keep its first line only.
      const reason = error.message.split('\n')[0] ?? error.message
      throw new FrontMatterError(
        `Invalid TOML front matter: ${reason}`,
        error.line + block.firstLine - 1
      )
    }
    throw error
  }
  const data = plainToml(parsed)
  let lines: TomlLines | undefined
  const positions = (): TomlLines => (lines ??= tomlLines(block.source))
  return {
    format: 'toml',
    data,
    body: block.body,
    bodyLine: block.bodyLine,
    keyLine(key) {
      const found = positions().get(key)
      return found === undefined ? undefined : found.line + block.firstLine - 1
    },
    entries(key) {
      if (!Object.hasOwn(data, key)) return []
      const value = data[key]
      const found = positions().get(key)
      if (found === undefined) return entriesWithoutLines(value)
      const offset = block.firstLine - 1
      if (Array.isArray(value)) {
        const items = found.items
        return value.map((item: unknown, i) => ({
          value: item,
          // Fall back to the key's line if the scan disagrees with the parser.
          line:
            ((items?.length === value.length ? items[i] : undefined) ??
              found.line) + offset
        }))
      }
      return [{ value, line: found.line + offset }]
    }
  }
}

/**
 * Copy smol-toml's output into plain objects (it makes null-prototype ones)
 * with dates as strings. Keys are defined, not assigned, so a `__proto__`
 * key stays a key. Depth is bounded by maxDepth, so recursion is safe.
 */
function plainToml(table: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(table)) {
    Object.defineProperty(result, key, {
      value: plainTomlValue(value),
      enumerable: true,
      writable: true,
      configurable: true
    })
  }
  return result
}

function plainTomlValue(value: unknown): unknown {
  if (value instanceof TomlDate) return value.toISOString()
  if (Array.isArray(value)) return value.map(plainTomlValue)
  if (isRecord(value)) return plainToml(value)
  return value
}

/** Where each top-level TOML key and its array items start (block lines). */
type TomlLines = Map<string, { line: number; items?: number[] }>

/**
 * Scan the top-level `key = value` lines of a TOML block (up to the first
 * table header) for line numbers, which smol-toml does not report. The block
 * already parsed, so the scan can trust the syntax; anything it gets wrong
 * only costs a line number (entries then fall back to the key's line).
 */
function tomlLines(source: string): TomlLines {
  const found: TomlLines = new Map()
  let i = 0
  let line = 1
  const skipSpace = (): void => {
    for (;;) {
      const c = source[i]
      if (c === ' ' || c === '\t' || c === '\r') i++
      else if (c === '\n') {
        line++
        i++
      } else if (c === '#') {
        while (i < source.length && source[i] !== '\n') i++
      } else return
    }
  }
  const skipString = (): void => {
    const quote = source[i] ?? '"'
    const triple = source.startsWith(quote.repeat(3), i)
    i += triple ? 3 : 1
    while (i < source.length) {
      const c = source[i]
      if (c === '\\' && quote === '"') {
        if (source[i + 1] === '\n') line++
        i += 2
      } else if (
        c === quote &&
        (!triple || source.startsWith(quote.repeat(3), i))
      ) {
        i += triple ? 3 : 1
        // A closing `"""` may be followed by up to two more quotes (content).
        if (triple) for (let k = 0; k < 2 && source[i] === quote; k++) i++
        return
      } else {
        if (c === '\n') line++
        i++
      }
    }
  }
  /** Skip one value; record the lines of the items if it is an array. */
  const skipValue = (items?: number[]): void => {
    const c = source[i]
    if (c === '"' || c === "'") return skipString()
    if (c !== '[' && c !== '{') {
      while (i < source.length && !'\n#,]}'.includes(source[i] ?? '')) i++
      return
    }
    const open: string[] = []
    let expectItem = false
    do {
      const d = source[i] ?? ''
      const topArray = open.length === 1 && open[0] === '['
      if (d === ' ' || d === '\t' || d === '\r' || d === '\n' || d === '#') {
        skipSpace()
        continue
      }
      if (topArray && expectItem && d !== ']' && d !== ',') {
        items?.push(line)
        expectItem = false
      }
      if (d === '"' || d === "'") skipString()
      else if (d === '[' || d === '{') {
        open.push(d)
        if (open.length === 1) expectItem = d === '['
        i++
      } else if (d === ']' || d === '}') {
        open.pop()
        i++
      } else {
        if (d === ',' && topArray) expectItem = true
        i++
      }
    } while (open.length > 0 && i < source.length)
  }
  /** Read a (possibly dotted) key; the first part is the top-level key. */
  const readKey = (): { first: string; dotted: boolean } | undefined => {
    let first: string | undefined
    let dotted = false
    for (;;) {
      const c = source[i]
      let part: string
      if (c === '"' || c === "'") {
        const start = i
        skipString()
        const raw = source.slice(start, i)
        part = c === '"' ? decodeBasicKey(raw) : raw.slice(1, -1)
      } else {
        const match = /^[A-Za-z0-9_-]+/.exec(source.slice(i, i + 1024))
        if (match === null) return undefined
        part = match[0]
        i += part.length
      }
      first ??= part
      while (source[i] === ' ' || source[i] === '\t') i++
      if (source[i] !== '.') return { first, dotted }
      dotted = true
      i++
      while (source[i] === ' ' || source[i] === '\t') i++
    }
  }
  for (;;) {
    skipSpace()
    if (i >= source.length || source[i] === '[') return found
    const keyLine = line
    const key = readKey()
    while (i < source.length && source[i] !== '=' && source[i] !== '\n') i++
    if (source[i] !== '=') return found
    i++
    while (source[i] === ' ' || source[i] === '\t') i++
    const items: number[] = []
    const isArray = source[i] === '['
    skipValue(items)
    if (key !== undefined && !found.has(key.first)) {
      found.set(
        key.first,
        key.dotted || !isArray ? { line: keyLine } : { line: keyLine, items }
      )
    }
    while (i < source.length && source[i] !== '\n') {
      if (source[i] === '#') break
      i++
    }
  }
}

function decodeBasicKey(raw: string): string {
  try {
    const decoded: unknown = JSON.parse(raw)
    return typeof decoded === 'string' ? decoded : raw.slice(1, -1)
  } catch {
    return raw.slice(1, -1)
  }
}

// ---------------------------------------------------------------- JSON

function fromJson(source: string): FrontMatter {
  const end = jsonObjectEnd(source)
  if (end === undefined) {
    throw new FrontMatterError(
      "JSON front matter starting with '{' on line 1 has no matching '}'.",
      1
    )
  }
  if (end > MAX_FRONT_MATTER_LENGTH) throw tooLarge(end)
  const block = source.slice(0, end).replace(/\r\n/g, '\n')
  checkBracketDepth(block, 1)
  let data: unknown
  try {
    data = JSON.parse(block)
  } catch (error) {
    const reason = errorMessage(error)
    throw new FrontMatterError(
      `Invalid JSON front matter: ${shortJsonReason(reason)}`,
      jsonErrorLine(block, reason)
    )
  }
  // The scan ended at a '}' that closes the '{' at 0, so it is an object.
  const record = isRecord(data) ? data : {}
  // The body starts after the '}', on the next line if only blanks follow.
  const rest = lineAt(source, end)
  const blankRest = source.slice(end, rest.contentEnd).trim() === ''
  const closingLine = countLines(source, end)
  let positions: Positions | undefined
  const yamlView = (): Positions => {
    // JSON is YAML 1.2 flow syntax, so the YAML parser can report where
    // keys and items are; JSON.parse stays the judge of validity and values.
    if (positions === undefined) {
      const { doc, lines } = parseYaml(block, '1.2')
      positions =
        doc.errors.length === 0
          ? yamlPositions(doc, (offset) => lines.linePos(offset).line, false)
          : {
              keyLine: () => undefined,
              entries: (k, d) => entriesWithoutLines(d[k])
            }
    }
    return positions
  }
  return {
    format: 'json',
    data: record,
    body: blankRest ? source.slice(rest.next) : source.slice(end),
    bodyLine: blankRest ? closingLine + 1 : closingLine,
    keyLine: (key) => yamlView().keyLine(key),
    entries: (key) => yamlView().entries(key, record)
  }
}

/** Index after the `}` closing the object that starts the text. */
function jsonObjectEnd(text: string): number | undefined {
  let depth = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (inString) {
      if (c === 0x5c)
        i++ // backslash: skip the escaped character
      else if (c === 0x22) inString = false
    } else if (c === 0x22) inString = true
    else if (c === 0x7b || c === 0x5b) depth++
    else if (c === 0x7d || c === 0x5d) {
      depth--
      if (depth === 0) return c === 0x7d ? i + 1 : undefined
    }
  }
  return undefined
}

/** V8 quotes the whole input in some messages; keep only the reason. */
function shortJsonReason(reason: string): string {
  const quoted = /^(Unexpected token .+?), ".*" is not valid JSON$/s.exec(
    reason
  )
  return quoted?.[1] ?? reason
}

/** The file line of a JSON.parse error, from its message or the YAML parser. */
function jsonErrorLine(block: string, reason: string): number | undefined {
  const lineColumn = /\(line (\d+) column \d+\)/.exec(reason)
  if (lineColumn) return Number(lineColumn[1])
  const position = /at position (\d+)/.exec(reason)
  if (position) return countLines(block, Number(position[1]))
  // Older V8 gives no position for "Unexpected token"; where the YAML parser
  // stumbles over the same text is a good guess.
  const { doc, lines } = parseYaml(block, '1.2')
  const problem = doc.errors[0]
  return problem === undefined ? undefined : lines.linePos(problem.pos[0]).line
}

// ---------------------------------------------------------------- helpers

/** 1-based line of an offset. */
function countLines(text: string, offset: number): number {
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
