/**
 * The file lines of TOML keys and array items, which smol-toml does not
 * report: a scan of the top-level `key = value` lines of a block that has
 * already parsed.
 */

/** Where each top-level TOML key and its array items start (block lines). */
export type TomlLines = Map<string, { line: number; items?: number[] }>

/**
 * Scan the top-level `key = value` lines of a TOML block (up to the first
 * table header) for line numbers. The block already parsed, so the scan
 * can trust the syntax; anything it gets wrong only costs a line number
 * (entries then fall back to the key's line).
 */
export function tomlLines(source: string): TomlLines {
  const found: TomlLines = new Map()
  const scan = new TomlScanner(source)
  for (;;) {
    scan.skipSpace()
    if (scan.done() || scan.at('[')) return found
    const keyLine = scan.line
    const key = scan.readKey()
    scan.skipUntil('=\n')
    if (!scan.at('=')) return found
    scan.i++
    scan.skipBlanks()
    const items: number[] = []
    const isArray = scan.at('[')
    scan.skipValue(items)
    if (key !== undefined && !found.has(key.first)) {
      found.set(
        key.first,
        key.dotted || !isArray ? { line: keyLine } : { line: keyLine, items }
      )
    }
    scan.skipUntil('\n#')
  }
}

/** A position in TOML text and its 1-based line, moved by skipping syntax. */
class TomlScanner {
  i = 0
  line = 1

  constructor(private readonly source: string) {}

  done(): boolean {
    return this.i >= this.source.length
  }

  at(c: string): boolean {
    return this.source[this.i] === c
  }

  /** Skip to the next of `stops` (one character each) or the end. */
  skipUntil(stops: string): void {
    const { source } = this
    while (this.i < source.length && !stops.includes(source[this.i] ?? '')) {
      this.i++
    }
  }

  /** Skip spaces and tabs. */
  skipBlanks(): void {
    while (this.at(' ') || this.at('\t')) this.i++
  }

  /** Skip white space, line breaks and comments. */
  skipSpace(): void {
    const { source } = this
    for (;;) {
      const c = source[this.i]
      if (c === ' ' || c === '\t' || c === '\r') this.i++
      else if (c === '\n') {
        this.line++
        this.i++
      } else if (c === '#') {
        while (this.i < source.length && source[this.i] !== '\n') this.i++
      } else return
    }
  }

  /** Skip a basic or literal string, one-line or multi-line. */
  skipString(): void {
    const { source } = this
    const quote = source[this.i] ?? '"'
    const triple = source.startsWith(quote.repeat(3), this.i)
    this.i += triple ? 3 : 1
    while (this.i < source.length) {
      const c = source[this.i]
      if (c === '\\' && quote === '"') {
        if (source[this.i + 1] === '\n') this.line++
        this.i += 2
      } else if (
        c === quote &&
        (!triple || source.startsWith(quote.repeat(3), this.i))
      ) {
        this.i += triple ? 3 : 1
        // A closing `"""` may be followed by up to two more quotes (content).
        if (triple) {
          for (let k = 0; k < 2 && source[this.i] === quote; k++) this.i++
        }
        return
      } else {
        if (c === '\n') this.line++
        this.i++
      }
    }
  }

  /** Skip one value; record the lines of the items if it is an array. */
  skipValue(items?: number[]): void {
    const { source } = this
    const c = source[this.i]
    if (c === '"' || c === "'") return this.skipString()
    if (c !== '[' && c !== '{') return this.skipUntil('\n#,]}')
    const open: string[] = []
    let expectItem = false
    do {
      const d = source[this.i] ?? ''
      const topArray = open.length === 1 && open[0] === '['
      if (d === ' ' || d === '\t' || d === '\r' || d === '\n' || d === '#') {
        this.skipSpace()
        continue
      }
      if (topArray && expectItem && d !== ']' && d !== ',') {
        items?.push(this.line)
        expectItem = false
      }
      if (d === '"' || d === "'") this.skipString()
      else if (d === '[' || d === '{') {
        open.push(d)
        if (open.length === 1) expectItem = d === '['
        this.i++
      } else if (d === ']' || d === '}') {
        open.pop()
        this.i++
      } else {
        if (d === ',' && topArray) expectItem = true
        this.i++
      }
    } while (open.length > 0 && this.i < source.length)
  }

  /** Read a (possibly dotted) key; the first part is the top-level key. */
  readKey(): { first: string; dotted: boolean } | undefined {
    let first: string | undefined
    let dotted = false
    for (;;) {
      const part = this.readKeyPart()
      if (part === undefined) return undefined
      first ??= part
      this.skipBlanks()
      if (!this.at('.')) return { first, dotted }
      dotted = true
      this.i++
      this.skipBlanks()
    }
  }

  /** One part of a key: bare, or quoted (then decoded). */
  private readKeyPart(): string | undefined {
    const { source } = this
    const c = source[this.i]
    if (c === '"' || c === "'") {
      const start = this.i
      this.skipString()
      const raw = source.slice(start, this.i)
      return c === '"' ? decodeBasicKey(raw) : raw.slice(1, -1)
    }
    const match = /^[A-Za-z0-9_-]+/.exec(source.slice(this.i, this.i + 1024))
    if (match === null) return undefined
    this.i += match[0].length
    return match[0]
  }
}

/** A `"…"` key's text, escapes decoded. */
function decodeBasicKey(raw: string): string {
  try {
    const decoded: unknown = JSON.parse(raw)
    return typeof decoded === 'string' ? decoded : raw.slice(1, -1)
  } catch {
    return raw.slice(1, -1)
  }
}
