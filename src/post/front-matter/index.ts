/**
 * Front matter of a post file: YAML (`---`), TOML (`+++`) or JSON (`{`),
 * parsed into plain data, with file line numbers for annotations. This
 * module tells the formats apart and is the one to import; each format has
 * its module beside it (yaml.ts, toml.ts, json.ts), and block.ts holds
 * what they share.
 *
 * Everything that can go wrong with a user's file becomes a
 * FrontMatterError; the parsers are fenced in (size, nesting and alias
 * caps) because post files come from pull requests anyone can open.
 */
import { errorMessage } from '../../util.js'
import {
  delimitedBlock,
  lineAt,
  TOML_DELIMITER,
  withoutBom,
  YAML_CLOSER,
  YAML_OPENER
} from './block.js'
import { fromJson } from './json.js'
import { fromToml } from './toml.js'
import { FrontMatterError } from './types.js'
import type { FrontMatter, FrontMatterOptions } from './types.js'
import { fromYaml } from './yaml.js'

export { FrontMatterError } from './types.js'
export type {
  FrontMatter,
  FrontMatterEntry,
  FrontMatterFormat,
  FrontMatterOptions
} from './types.js'
export { simpleYamlStrings } from './simple-yaml.js'
export type { SimpleYamlKey } from './simple-yaml.js'

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

/** parseFrontMatter, letting through errors that are not FrontMatterErrors. */
function parseUnchecked(
  text: string,
  options: FrontMatterOptions
): FrontMatter {
  const source = withoutBom(text)
  const first = lineAt(source, 0)
  const opener = source.slice(0, first.contentEnd)
  if (YAML_OPENER.test(opener)) {
    const block = delimitedBlock(source, first, YAML_CLOSER, '---')
    return fromYaml(block, options.yaml ?? '1.2')
  }
  if (TOML_DELIMITER.test(opener)) {
    return fromToml(delimitedBlock(source, first, TOML_DELIMITER, '+++'))
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
