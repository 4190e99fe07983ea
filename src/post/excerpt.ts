/**
 * Plain-text title and excerpt for TrackBack pings, from a post's front
 * matter and Markdown/HTML body. Receivers store plain text (WordPress cuts
 * to 252 characters, arXiv keeps 255), so no markup may leak through.
 * Which part of a post is its excerpt is the site generator's rule
 * (`excerpt` of site/generator.ts), made of the pieces here.
 */
import type { Token, Tokens } from 'marked'
import { loaded } from './markdown.js'
import { stripTags, withoutTemplateTags } from './markup.js'

export { loadMarkdown } from './markdown.js'

/** WordPress cuts a TrackBack excerpt to this many characters. */
export const DEFAULT_EXCERPT_LENGTH = 252

/** Front-matter keys that hold a hand-written excerpt, by preference. */
const EXCERPT_KEYS = ['excerpt', 'description', 'summary'] as const

/**
 * Bodies are lexed in growing prefixes: the first paragraph is near the top,
 * and lexing a whole post (a few KB) to find it was most of the time a run
 * spends reading posts.
 */
const FIRST_PREFIX_LENGTH = 2 * 1024

/** A summary's opening words (Hugo's, 70 by default) are taken from this much. */
const SUMMARY_PREFIX_LENGTH = 16 * 1024

/**
 * How far into a body the first paragraph is looked for. The Markdown lexer
 * is superlinear on deeply nested lists and quotes (seconds for 256 KB), so
 * the search is bounded; no real post opens with 64 KB of non-paragraphs.
 */
export const PARAGRAPH_SEARCH_LENGTH = 64 * 1024

/** Only the start of a hand-written excerpt can survive truncation. */
const EXCERPT_SOURCE_LENGTH = 16 * 1024

/**
 * Plain text of Markdown/HTML source: no markup (Markdown, HTML tags and
 * comments, Liquid and Hugo template tags, kramdown attribute lists),
 * entities decoded, images dropped, whitespace folded to single spaces.
 */
export function plainText(source: string): string {
  const tokens = lex(withoutTemplateTags(source))
  // When the lexer gives up (nesting beyond its stack), drop tags only.
  return fold(
    tokens === undefined ? stripTags(source).text : textOfTokens(tokens)
  )
}

/**
 * The first paragraph of a post body as plain text, or '' when there is
 * none. Skips headings, rules, code blocks, lists, quotes, tables, HTML
 * comments, paragraphs that are only images, and paragraphs that are only
 * Liquid `{% %}`/`{{ }}` tags or Hugo `{{< >}}`/`{{% %}}` shortcodes. An
 * HTML block with text (`<p>…</p>`) counts as a paragraph. Only the first
 * PARAGRAPH_SEARCH_LENGTH characters are searched.
 */
export function firstParagraph(body: string): string {
  const source = body
    .slice(0, PARAGRAPH_SEARCH_LENGTH + 1)
    .replace(/\r\n?/g, '\n')
    .slice(0, PARAGRAPH_SEARCH_LENGTH)
  // Lex a prefix cut at a blank line, growing it only while no complete
  // paragraph is found, so a long post costs little more than its top.
  for (let size = FIRST_PREFIX_LENGTH; ; size *= 4) {
    const whole = size >= source.length
    const cut = whole ? source.length : blankLineBefore(source, size)
    // A prefix without a blank line is one unfinished block, or nearly:
    // the next, longer prefix finds whatever it could (and pathological
    // input, deep nesting without blank lines, is lexed once, not per step).
    if (cut === undefined) continue
    const found = firstParagraphIn(source.slice(0, cut), whole)
    if (found !== undefined) return found
    if (whole) return ''
  }
}

/**
 * Cut text to at most `max` characters (code points, so a surrogate pair is
 * never split) at a word boundary and append `…` when cut: the result has
 * at most max + 1 characters. Trailing spaces and `,;:` before the `…` go.
 * When the last word boundary is in the first half (long words, or scripts
 * written without spaces) the text is cut at `max` instead.
 */
export function truncate(
  text: string,
  max: number = DEFAULT_EXCERPT_LENGTH
): string {
  const limit = Number.isFinite(max)
    ? Math.max(1, Math.floor(max))
    : DEFAULT_EXCERPT_LENGTH
  if (text.length <= limit) return text
  // 2 code units per code point at most: this head has limit+1 points or
  // is the whole text.
  const head = Array.from(text.slice(0, 2 * limit + 2))
  if (head.length <= limit) return text
  let boundary = limit
  while (boundary > 0 && !/\s/u.test(head[boundary] ?? '')) boundary--
  const cut = boundary >= Math.ceil(limit / 2) ? boundary : limit
  const kept = head
    .slice(0, cut)
    .join('')
    .replace(/[\s,;:]+$/u, '')
  return `${kept}…`
}

/**
 * Excerpt for a TrackBack ping: the first of the `excerpt`, `description`,
 * `summary` front-matter strings with text (as plain text), else the first
 * paragraph of the body; truncated to `max` characters plus `…`.
 */
export function excerptOf(
  data: Record<string, unknown>,
  body: string,
  max: number = DEFAULT_EXCERPT_LENGTH
): string {
  for (const key of EXCERPT_KEYS) {
    const text = frontMatterText(data, key)
    if (text !== '') return truncate(text, max)
  }
  return truncate(firstParagraph(body), max)
}

/**
 * The part of a body where generators look for a summary: its first
 * PARAGRAPH_SEARCH_LENGTH characters, line endings as `\n`.
 */
export function excerptSource(body: string): string {
  return body.slice(0, PARAGRAPH_SEARCH_LENGTH).replace(/\r\n?/g, '\n')
}

/**
 * The opening `count` words (at least one) of a body as plain text. They
 * sit near the top, so only a prefix cut at a blank line is lexed.
 */
export function openingWords(source: string, count: number): string {
  const top =
    source.length > SUMMARY_PREFIX_LENGTH
      ? source.slice(
          0,
          blankLineBefore(source, SUMMARY_PREFIX_LENGTH) ??
            SUMMARY_PREFIX_LENGTH
        )
      : source
  return plainText(top).split(' ').slice(0, Math.max(count, 1)).join(' ')
}

/**
 * A front-matter value by key; with `anyCase` (Hugo, whose keys are case
 * insensitive) the first key that matches ignoring case. Own keys only.
 */
export function frontMatterField(
  data: Record<string, unknown>,
  key: string,
  anyCase = false
): unknown {
  if (Object.hasOwn(data, key)) return data[key]
  if (!anyCase) return undefined
  const found = Object.keys(data).find((k) => k.toLowerCase() === key)
  return found === undefined ? undefined : data[found]
}

/** A front-matter string as plain text ('' when absent or not a string). */
export function frontMatterText(
  data: Record<string, unknown>,
  key: string,
  anyCase = false
): string {
  const value = frontMatterField(data, key, anyCase)
  return typeof value === 'string'
    ? plainText(value.slice(0, EXCERPT_SOURCE_LENGTH))
    : ''
}

/**
 * Title for a post without one, as Jekyll makes it: the file name without
 * its last extension and without a `YYYY-MM-DD-` date, trailing dots
 * removed, split at `-`, each word capitalized like Ruby's String#capitalize
 * (first letter upper case, the rest lower case):
 * `_posts/2021-01-02-my-first-post.md` → `My First Post`. For a Hugo page
 * bundle (`…/my-post/index.md`, `_index.md`) the directory name is used.
 */
export function titleFromFileName(path: string): string {
  const parts = path.split(/[\\/]/).filter((part) => part !== '')
  let name = parts.pop() ?? ''
  const dot = name.lastIndexOf('.')
  let slug = dot > 0 ? name.slice(0, dot) : name
  if ((slug === 'index' || slug === '_index') && parts.length > 0) {
    name = parts.pop() ?? ''
    slug = name
  }
  slug = slug.replace(/^\d{2,4}-\d{1,2}-\d{1,2}-/, '').replace(/\.+$/, '')
  return slug
    .split('-')
    .filter((word) => word !== '')
    .map(capitalize)
    .join(' ')
}

function capitalize(word: string): string {
  const [first = '', ...rest] = Array.from(word)
  return first.toUpperCase() + rest.join('').toLowerCase()
}

// ---------------------------------------------------------------- Markdown

/** Markdown tokens, or undefined when the lexer fails (stack overflow). */
function lex(source: string): Token[] | undefined {
  const { Lexer } = loaded()
  try {
    // A fresh options object: the lexer writes into it, and the global
    // defaults may carry someone else's extensions.
    return Lexer.lex(source, { gfm: true, breaks: false, pedantic: false })
  } catch {
    return undefined
  }
}

function firstParagraphIn(source: string, whole: boolean): string | undefined {
  const tokens = lex(withoutTemplateTags(source))
  if (tokens === undefined) return whole ? '' : undefined
  let last = tokens.length - 1
  while (last >= 0 && tokens[last]?.type === 'space') last--
  for (let i = 0; i <= last; i++) {
    const token = tokens[i]
    if (token === undefined) continue
    if (token.type !== 'paragraph' && token.type !== 'html') continue
    if (token.type === 'html' && (token as Tokens.HTML).pre) continue
    const text = fold(textOfTokens([token]))
    if (text === '') continue
    // The last token of a prefix may continue past the cut.
    if (!whole && i === last) return undefined
    return text
  }
  return undefined
}

/** End of the last blank line before `size`, or undefined when there is none. */
function blankLineBefore(source: string, size: number): number | undefined {
  const blank = source.lastIndexOf('\n\n', size)
  return blank > 0 ? blank + 1 : undefined
}

/**
 * Text of tokens, walked without recursion. `skipping` tracks an open
 * `<script>`/`<style>` whose content arrives as separate inline tokens.
 */
function textOfTokens(tokens: Token[]): string {
  const out: string[] = []
  const stack: Token[] = [...tokens].reverse()
  let skipping: string | undefined
  for (let token = stack.pop(); token !== undefined; token = stack.pop()) {
    if (token.type === 'html') {
      const html = stripTags(token.text, skipping)
      skipping = html.skipping
      out.push(html.text)
      continue
    }
    if (skipping !== undefined) continue
    const children = childrenOf(token)
    if (children !== undefined) {
      out.push(' ')
      for (let i = children.length - 1; i >= 0; i--) {
        const child = children[i]
        if (child !== undefined) stack.push(child)
      }
      continue
    }
    out.push(leafText(token))
  }
  return out.join('')
}

/** Child tokens of a container; undefined for leaves. */
function childrenOf(token: Token): Token[] | undefined {
  switch (token.type) {
    case 'image':
      return []
    case 'list':
      return (token as Tokens.List).items
    case 'table': {
      const table = token as Tokens.Table
      return [...table.header, ...table.rows.flat()].flatMap((cell) => [
        ...cell.tokens,
        { type: 'br', raw: '' }
      ])
    }
    default:
      return 'tokens' in token && Array.isArray(token.tokens)
        ? (token.tokens as Token[])
        : undefined
  }
}

function leafText(token: Token): string {
  switch (token.type) {
    case 'space':
    case 'hr':
    case 'def':
    case 'checkbox':
      return ' '
    case 'br':
      return ' '
    case 'codespan':
    case 'escape':
      // Shown exactly as written: entities in code are literal text.
      return (token as Tokens.Codespan).text
    case 'code':
      return ` ${(token as Tokens.Code).text} `
    default:
      return 'text' in token && typeof token.text === 'string'
        ? loaded().decodeHTML(token.text)
        : ''
  }
}

function fold(text: string): string {
  return text.replace(/\s+/gu, ' ').trim()
}
