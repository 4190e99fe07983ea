/**
 * JSON front matter (Hugo): a `{…}` object starting the file, judged by
 * JSON.parse, with the file lines of keys and entries read by the YAML
 * parser (JSON is YAML 1.2 flow syntax).
 */
import { MAX_FRONT_MATTER_LENGTH } from '../../constants.js'
import { errorMessage, isRecord } from '../../util.js'
import {
  checkBracketDepth,
  countLines,
  entriesWithoutLines,
  lineAt,
  tooLarge
} from './block.js'
import { FrontMatterError } from './types.js'
import type { FrontMatter } from './types.js'
import { parseYaml, yamlPositions } from './yaml.js'
import type { Positions } from './yaml.js'

/** The front matter of a file (BOM removed) that starts with `{`. */
export function fromJson(source: string): FrontMatter {
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
  const view = (): Positions => (positions ??= jsonPositions(block))
  return {
    format: 'json',
    data: record,
    body: blankRest ? source.slice(rest.next) : source.slice(end),
    bodyLine: blankRest ? closingLine + 1 : closingLine,
    keyLine: (key) => view().keyLine(key),
    entries: (key) => view().entries(key, record)
  }
}

/**
 * Where keys and items are in a JSON block, as the YAML parser finds them;
 * JSON.parse stays the judge of validity and values.
 */
function jsonPositions(block: string): Positions {
  const { doc, lines } = parseYaml(block, '1.2')
  return doc.errors.length === 0
    ? yamlPositions(doc, (offset) => lines.linePos(offset).line, false)
    : {
        keyLine: () => undefined,
        entries: (k, d) => entriesWithoutLines(d[k])
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
