/**
 * The Markdown reader (marked's lexer and the HTML entity decoder), loaded
 * on demand: the one place that imports them.
 */
import type { Lexer } from 'marked'

/** The Markdown lexer and the HTML entity decoder (loadMarkdown). */
export interface Markdown {
  Lexer: typeof Lexer
  decodeHTML: (text: string) => string
}
let loading: Promise<Markdown> | undefined
let markdown: Markdown | undefined

/**
 * Loads marked and the HTML entity tables, which every function that reads
 * Markdown or HTML (excerpt.ts's plainText, firstParagraph, excerptOf,
 * openingWords, and so each generator's excerpt rule) needs awaited first.
 * They take about 20 ms to load, so a run loads them only when it reads a
 * post (readChanges awaits this): not for a push that changes no post, nor
 * for a scan's date tests. The first call loads; later calls share it.
 * (Started earlier, while git lists the changes, they did not finish a
 * push's run any sooner.)
 */
export function loadMarkdown(): Promise<void> {
  loading ??= Promise.all([import('marked'), import('entities/decode')]).then(
    ([{ Lexer }, { decodeHTML }]) => (markdown = { Lexer, decodeHTML })
  )
  return loading.then(() => undefined)
}

/** The loaded Markdown reader; throws when loadMarkdown() was not awaited. */
export function loaded(): Markdown {
  if (!markdown) throw new Error('loadMarkdown() was not awaited')
  return markdown
}
