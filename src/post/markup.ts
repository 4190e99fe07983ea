/**
 * Markup that is not Markdown, taken out of text: HTML tags, comments and
 * hidden elements (entities decoded), and Liquid/Hugo template tags. Linear
 * scans, not regular expressions, so hostile input costs little.
 */
import { loaded } from './markdown.js'

// ---------------------------------------------------------------- HTML

/** Tags that separate words: their removal leaves a space. */
const BLOCK_TAGS = new Set(
  (
    'address article aside blockquote br dd div dl dt figcaption figure ' +
    'footer h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section ' +
    'table tbody td tfoot th thead tr ul'
  ).split(' ')
)

/** Elements whose content is not text. */
const HIDDEN_ELEMENTS = new Set(['script', 'style', 'template', 'noscript'])

/**
 * Text of an HTML fragment with entities decoded. A linear scan, not a
 * regex: `<` that starts no tag stays text. `skipping` names an element
 * whose content is being dropped (`script`) across fragments.
 */
export function stripTags(
  html: string,
  skipping?: string
): { text: string; skipping?: string } {
  const out: string[] = []
  let i = 0
  let hidden = skipping
  while (i < html.length) {
    if (hidden !== undefined) {
      const close = html.toLowerCase().indexOf(`</${hidden}`, i)
      if (close === -1) return { text: decode(out), skipping: hidden }
      hidden = undefined
      i = tagEnd(html, close)
      continue
    }
    const open = html.indexOf('<', i)
    if (open === -1) {
      out.push(html.slice(i))
      break
    }
    out.push(html.slice(i, open))
    if (html.startsWith('<!--', open)) {
      const end = html.indexOf('-->', open + 4)
      i = end === -1 ? html.length : end + 3
      continue
    }
    const name = /^<(\/?)([a-z][a-z0-9-]*)/i.exec(html.slice(open, open + 40))
    if (name === null) {
      if (/^<[!?]/.test(html.slice(open, open + 2))) {
        i = tagEnd(html, open) // doctype, CDATA, processing instruction
      } else {
        out.push('<')
        i = open + 1
      }
      continue
    }
    const tag = (name[2] ?? '').toLowerCase()
    i = tagEnd(html, open)
    if (BLOCK_TAGS.has(tag)) out.push(' ')
    if (name[1] === '' && HIDDEN_ELEMENTS.has(tag)) hidden = tag
  }
  return hidden === undefined
    ? { text: decode(out) }
    : { text: decode(out), skipping: hidden }
}

/** Index after the `>` ending the tag at `start`, skipping quoted values. */
function tagEnd(html: string, start: number): number {
  let quote: string | undefined
  for (let i = start + 1; i < html.length; i++) {
    const c = html[i]
    if (quote !== undefined) {
      if (c === quote) quote = undefined
    } else if (c === '"' || c === "'") quote = c
    else if (c === '>') return i + 1
  }
  return html.length
}

function decode(parts: string[]): string {
  return loaded().decodeHTML(parts.join(''))
}

// ---------------------------------------------------------------- templates

/** Liquid/Hugo block tags whose whole content is dropped, by opening tag. */
const DROPPED_BLOCKS: Array<{ open: RegExp; close: RegExp }> = [
  {
    open: /^\{%-?\s*comment\b/,
    close: /\{%-?\s*endcomment\s*-?%\}/g
  },
  {
    open: /^\{%-?\s*highlight\b/,
    close: /\{%-?\s*endhighlight\s*-?%\}/g
  },
  {
    open: /^\{\{[<%]\s*highlight\b/,
    close: /\{\{[<%]\s*\/highlight\s*[>%]\}\}/g
  }
]

/**
 * Remove Liquid tags (`{% … %}`, `{{ … }}`), Hugo shortcodes (`{{< … >}}`,
 * `{{% … %}}`) and kramdown attribute lists (`{: … }` on one line); drop the
 * content of comment and highlight blocks. A linear scan: an unclosed tag
 * ends the scan and stays as text.
 */
export function withoutTemplateTags(source: string): string {
  const out: string[] = []
  const opener = /\{[{%:]/g
  let i = 0
  for (;;) {
    opener.lastIndex = i
    const found = opener.exec(source)
    if (found === null) break
    const start = found.index
    const kind = source[start + 1]
    let end: number
    if (kind === ':') {
      const close = source.indexOf('}', start + 2)
      const newline = source.indexOf('\n', start + 2)
      if (close === -1 || (newline !== -1 && newline < close)) {
        out.push(source.slice(i, start + 2))
        i = start + 2
        continue
      }
      end = close + 1
    } else {
      const close = source.indexOf(kind === '{' ? '}}' : '%}', start + 2)
      if (close === -1) break
      end = close + 2
      const head = source.slice(start, Math.min(end, start + 40))
      const block = DROPPED_BLOCKS.find((b) => b.open.test(head))
      if (block !== undefined) {
        block.close.lastIndex = end
        const closing = block.close.exec(source)
        end =
          closing === null ? source.length : closing.index + closing[0].length
      }
    }
    out.push(source.slice(i, start))
    i = end
  }
  out.push(source.slice(i))
  return out.join('')
}
