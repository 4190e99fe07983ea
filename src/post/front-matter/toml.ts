/**
 * TOML front matter (`+++`, Hugo): parsed by smol-toml inside the guards,
 * copied into plain data with dates as ISO strings, with the file lines of
 * keys and entries found by the scan in toml-lines.ts.
 */
import { parse as parseToml, TomlDate, TomlError } from 'smol-toml'
import { MAX_FRONT_MATTER_DEPTH } from '../../constants.js'
import { isRecord } from '../../util.js'
import { checkBracketDepth, entriesWithoutLines } from './block.js'
import type { Block } from './block.js'
import { tomlLines } from './toml-lines.js'
import type { TomlLines } from './toml-lines.js'
import { FrontMatterError } from './types.js'
import type { FrontMatter, FrontMatterEntry } from './types.js'

/** The front matter of a `+++` block. */
export function fromToml(block: Block): FrontMatter {
  checkBracketDepth(block.source, block.firstLine)
  const data = plainToml(parseBlock(block))
  let lines: TomlLines | undefined
  const positions = (): TomlLines => (lines ??= tomlLines(block.source))
  const offset = block.firstLine - 1
  return {
    format: 'toml',
    data,
    body: block.body,
    bodyLine: block.bodyLine,
    keyLine(key) {
      const found = positions().get(key)
      return found === undefined ? undefined : found.line + offset
    },
    entries(key) {
      if (!Object.hasOwn(data, key)) return []
      return tomlEntries(data[key], positions().get(key), offset)
    }
  }
}

/** smol-toml's reading of the block, its errors as FrontMatterErrors. */
function parseBlock(block: Block): Record<string, unknown> {
  try {
    return parseToml(block.source, { maxDepth: MAX_FRONT_MATTER_DEPTH })
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
}

/**
 * A top-level value's entries, on the lines the scan found for its key
 * (block lines, `offset` before the file lines).
 */
function tomlEntries(
  value: unknown,
  found: { line: number; items?: number[] } | undefined,
  offset: number
): FrontMatterEntry[] {
  if (found === undefined) return entriesWithoutLines(value)
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
