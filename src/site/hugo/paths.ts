/**
 * Go's path and URL handling as Hugo 0.111 applies it to page URLs:
 * `PathSpec.UnicodeSanitize` and `MakePathSanitized` (with Go's
 * lower-casing), `URLize` as its permalink tokens use it, and
 * `url.QueryUnescape` of an expanded permalink (`path.Join` is url.ts's
 * joinUrlPath). Pure.
 */
import type { Site } from '../site.js'

/**
 * `PathSpec.MakePathSanitized`: keep letters, digits, marks, `. / \ _ # + ~
 * - @` and `%XX`; runs of spaces between kept characters become one `-`;
 * everything else is dropped. Accents removed when `removePathAccents`;
 * lower-cased (as Go does) unless `disablePathToLower`.
 */
export function hugoPathSanitize(text: string, site: Site): string {
  let s = text
  if (site.hugo?.removePathAccents) {
    s = s
      .normalize('NFD')
      .replace(/\p{Mn}/gu, '')
      .normalize('NFC')
  }
  const chars = Array.from(s)
  let out = ''
  let prependHyphen = false
  let wasHyphen = false
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i] ?? ''
    const allowed =
      /[\p{L}\p{Nd}\p{M}./\\_#+~\-@]/u.test(c) ||
      (c === '%' &&
        /^[0-9a-fA-F]{2}$/.test((chars[i + 1] ?? '') + (chars[i + 2] ?? '')))
    if (allowed) {
      wasHyphen = c === '-'
      if (prependHyphen) {
        if (!wasHyphen) out += '-'
        prependHyphen = false
      }
      out += c
    } else if (out.length > 0 && !wasHyphen && /\p{White_Space}/u.test(c)) {
      // Go's unicode.IsSpace is the White_Space property (JavaScript's \s
      // adds U+FEFF and leaves out U+0085).
      prependHyphen = true
    }
  }
  return site.hugo?.disablePathToLower ? out : goLowerCase(out)
}

/**
 * Go's `strings.ToLower`: each code point's simple lower case. JavaScript's
 * full mapping differs for `İ` (to `i̇`, two code points; Go gives `i`) and
 * for a final `Σ` (to `ς`; Go gives `σ`).
 */
export function goLowerCase(text: string): string {
  let out = ''
  for (const c of text) out += c === 'İ' ? 'i' : c.toLowerCase()
  return out
}

/**
 * `PathSpec.URLize` as a permalink token value: sanitized, then through
 * Go's `url.Parse(…).String()`, which drops an empty fragment (`c#` → `c`;
 * `a#b` stays). Its escaping is undone by the `QueryUnescape` that follows
 * the expansion (hugoQueryUnescape), so it is not applied here.
 */
export function hugoUrlize(text: string, site: Site): string {
  const sanitized = hugoPathSanitize(text, site)
  const hash = sanitized.indexOf('#')
  return hash === sanitized.length - 1 ? sanitized.slice(0, hash) : sanitized
}

/**
 * Go's `url.QueryUnescape`, which Hugo applies to an expanded permalink:
 * `+` is a space and `%XX` a byte (text and tokens alike). Undefined for a
 * malformed `%` escape, where Hugo drops the permalink and falls back to
 * the page's path from its file name.
 */
export function hugoQueryUnescape(text: string): string | undefined {
  if (/%(?![0-9a-fA-F]{2})/.test(text)) return undefined
  const bytes: number[] = []
  const encoder = new TextEncoder()
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? ''
    if (c === '%') {
      bytes.push(Number.parseInt(text.slice(i + 1, i + 3), 16))
      i += 2
    } else if (c === '+') {
      bytes.push(0x20)
    } else {
      const code = text.codePointAt(i) ?? 0
      const char = String.fromCodePoint(code)
      bytes.push(...encoder.encode(char))
      i += char.length - 1
    }
  }
  return new TextDecoder().decode(new Uint8Array(bytes))
}
