/**
 * YAML front matter (`---`): parsed by the `yaml` package inside the
 * guards (nesting, collection keys, duplicate keys, aliases), YAML 1.1 read
 * as Jekyll's SafeYAML reads it, and the file lines of keys and entries.
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
import { MAX_FRONT_MATTER_DEPTH } from '../../constants.js'
import { errorMessage, isRecord } from '../../util.js'
import {
  checkBracketDepth,
  entriesWithoutLines,
  MAX_ALIAS_COUNT,
  tooDeep
} from './block.js'
import type { Block } from './block.js'
import { FrontMatterError } from './types.js'
import type { FrontMatter, FrontMatterEntry, YamlVersion } from './types.js'
import { explainYamlError } from './yaml-errors.js'

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

/** A plain scalar as Jekyll reads it: with ` Z` when a UTC timestamp. */
export function jekyllTimestamp(text: string): string {
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

/** A parsed document and where its offsets are. */
export interface ParsedYaml {
  doc: YamlDocument
  lines: LineCounter
}

/** Parse YAML text without throwing; problems are in `doc.errors`. */
export function parseYaml(source: string, version: YamlVersion): ParsedYaml {
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

/** The front matter of a `---` block. */
export function fromYaml(block: Block, version: YamlVersion): FrontMatter {
  checkBracketDepth(block.source, block.firstLine)
  const { doc, lines } = parseYaml(block.source, version)
  const fileLine = (offset: number): number =>
    lines.linePos(offset).line + block.firstLine - 1
  checkYamlDocument(doc, block.source, fileLine)
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
 * Refuse a document the parser found errors in (explained where it starts,
 * see yaml-errors.ts), or that is no mapping.
 */
function checkYamlDocument(
  doc: YamlDocument,
  source: string,
  fileLine: (offset: number) => number
): void {
  const problem = doc.errors[0]
  if (problem !== undefined) {
    // The parser reports its own stack overflow (deep block nesting) as an
    // error; say what it means for the user.
    if (problem.message.includes('call stack')) {
      throw tooDeep(fileLine(problem.pos[0]))
    }
    const { offset, message } = explainYamlError(problem, source, doc)
    throw new FrontMatterError(
      `Invalid YAML front matter: ${message}`,
      fileLine(offset)
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
export interface Positions {
  keyLine(key: string): number | undefined
  entries(key: string, data: Record<string, unknown>): FrontMatterEntry[]
}

/**
 * Where the top-level keys and their entries are in the file; `withText`
 * keeps the source text of plain scalars (FrontMatterEntry.text).
 */
export function yamlPositions(
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
