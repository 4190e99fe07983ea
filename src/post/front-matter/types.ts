/**
 * What reading front matter gives back, whatever the format: the parsed
 * data with its file lines, the options, and FrontMatterError for every
 * problem in the user's file.
 */

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

/** A YAML version front matter can be read with. */
export type YamlVersion = NonNullable<FrontMatterOptions['yaml']>
