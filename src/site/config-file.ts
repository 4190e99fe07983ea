/**
 * Config files, whichever generator reads them: finding them, and parsing
 * YAML, TOML and JSON into plain objects with errors as Problems (file,
 * line, message). `parseConfigText` is pure; the rest read the disk.
 */
import { readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { parse as parseToml, TomlError } from 'smol-toml'
import { parseDocument } from 'yaml'
import type { Problem } from '../types.js'
import { errorMessage } from '../util.js'
import { asRecord, withoutUndefined } from './values.js'

/** A config object parsed from a file, or the problem that stopped it. */
export interface ParsedConfig {
  data?: Record<string, unknown>
  problem?: Problem
}

/** Config file syntaxes the generators accept. */
export type ConfigFormat = 'yaml' | 'toml' | 'json'

/**
 * Pure: parse config text. YAML is read as YAML 1.1 (as Ruby's Psych does) with
 * timestamps left as strings; errors come back as a Problem with a line.
 */
export function parseConfigText(
  text: string,
  format: ConfigFormat,
  file: string
): ParsedConfig {
  if (format === 'yaml') return parseYaml(text, file)
  if (format === 'toml') return parseTomlText(text, file)
  return parseJson(text, file)
}

/** The syntax of a config file, by its extension; undefined for others. */
export function configFormat(name: string): ConfigFormat | undefined {
  if (/\.ya?ml$/i.test(name)) return 'yaml'
  if (/\.toml$/i.test(name)) return 'toml'
  if (/\.json$/i.test(name)) return 'json'
  return undefined
}

/** Read and parse `file` (relative to `root`); a file of no known syntax is {}. */
export async function readConfig(
  root: string,
  file: string
): Promise<ParsedConfig> {
  const format = configFormat(file)
  if (!format) return { data: {} }
  try {
    const text = await readFile(join(root, file), 'utf8')
    return parseConfigText(text, format, file)
  } catch (e) {
    return {
      problem: {
        file,
        message: `Cannot read config: ${errorMessage(e)}`
      }
    }
  }
}

/** The first of `names` that is a file under `root`, or undefined. */
export async function firstExisting(
  root: string,
  names: string[]
): Promise<string | undefined> {
  for (const name of names) {
    try {
      if ((await stat(join(root, name))).isFile()) return name
    } catch {
      // not there: try the next name
    }
  }
  return undefined
}

/** Whether `path` (absolute) is a folder. */
export async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory()
  } catch {
    return false
  }
}

// ---------------------------------------------------------------- parsers

function parseYaml(text: string, file: string): ParsedConfig {
  const doc = parseDocument(text, {
    version: '1.1',
    customTags: (tags) =>
      tags.filter(
        (t) => typeof t === 'string' || t.tag !== 'tag:yaml.org,2002:timestamp'
      )
  })
  const error = doc.errors[0]
  if (error) {
    return {
      problem: {
        file,
        line: error.linePos?.[0].line,
        message: `Invalid YAML: ${firstLine(error.message)}`
      }
    }
  }
  try {
    const data: unknown = doc.toJS()
    return { data: asRecord(data) ?? {} }
  } catch (e) {
    // An alias to an anchor that is not (yet) defined fails only here.
    const message = errorMessage(e)
    const alias = /: (\S+)$/.exec(message)?.[1]
    const at = alias === undefined ? -1 : text.indexOf(`*${alias}`)
    return {
      problem: withoutUndefined({
        file,
        line: at < 0 ? undefined : text.slice(0, at).split('\n').length,
        message: `Invalid YAML: ${firstLine(message)}`
      })
    }
  }
}

function parseTomlText(text: string, file: string): ParsedConfig {
  try {
    return { data: parseToml(text) as Record<string, unknown> }
  } catch (e) {
    const line = e instanceof TomlError ? e.line : undefined
    return {
      problem: withoutUndefined({
        file,
        line,
        message: `Invalid TOML: ${firstLine(errorMessage(e))}`
      })
    }
  }
}

function parseJson(text: string, file: string): ParsedConfig {
  try {
    const data: unknown = JSON.parse(text)
    return { data: asRecord(data) ?? {} }
  } catch (e) {
    const message = errorMessage(e)
    return {
      problem: withoutUndefined({
        file,
        line: jsonErrorLine(text, message),
        message: `Invalid JSON: ${firstLine(message)}`
      })
    }
  }
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message
}

/** V8 reports either `(line N column M)` or `at position N`. */
function jsonErrorLine(text: string, message: string): number | undefined {
  const line = /line (\d+)/.exec(message)
  if (line?.[1]) return Number(line[1])
  const position = /position (\d+)/.exec(message)
  if (position?.[1]) {
    return text.slice(0, Number(position[1])).split('\n').length
  }
  return undefined
}
