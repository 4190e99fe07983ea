/**
 * Hugo's content files: where one sits under `contentDir`, what kind of
 * page it makes (page, leaf bundle, list), its language, its sections, and
 * so which files are posts. Pure.
 */
import { POST_EXTENSIONS, POST_EXTENSIONS_GLOB } from '../site.js'
import type { Site } from '../site.js'

/** Where a Hugo content file sits and what kind of page it makes. */
export interface HugoSource {
  /** `page`, a leaf bundle (`index.*`) or a list page (`_index.*`). */
  kind: 'page' | 'bundle' | 'list'
  /** Folders between the content dir and the page (bundle dir excluded). */
  dirs: string[]
  /** File name without language and extension; a bundle's folder name. */
  baseName: string
  /** Language code, from the file name (`post.fr.md`) or the default. */
  lang: string
  /** Extension without the dot. */
  ext: string
}

/** Hugo content the action reads: Markdown and HTML, lower case. */
const HUGO_CONTENT_EXTENSIONS: ReadonlySet<string> = new Set(POST_EXTENSIONS)

/** The default post globs: Markdown and HTML under the content dir. */
export function hugoPostGlobs(site: Site): string[] {
  const dir = site.hugo?.contentDir.replace(/^\.?\/+|\/+$/g, '') || 'content'
  return [`${dir}/**/*.${POST_EXTENSIONS_GLOB}`]
}

/**
 * Whether a file is a Hugo post source: under `contentDir`,
 * `.md`/`.markdown`/`.html` (lower case), not a list page (`_index.*`).
 */
export function isHugoPost(path: string, site: Site): boolean {
  const source = hugoSource(path, site)
  if (!source || source.kind === 'list') return false
  return HUGO_CONTENT_EXTENSIONS.has(source.ext)
}

/** Parse a path under Hugo's `contentDir`, or undefined when outside it. */
export function hugoSource(path: string, site: Site): HugoSource | undefined {
  const hugo = site.hugo
  const contentDir = hugo?.contentDir ?? 'content'
  let rel = path
  if (contentDir !== '.' && contentDir !== '') {
    if (!path.startsWith(`${contentDir}/`)) return undefined
    rel = path.slice(contentDir.length + 1)
  }
  const parts = rel.split('/').filter(Boolean)
  const file = parts.pop()
  if (file === undefined) return undefined
  const dot = file.lastIndexOf('.')
  const ext = dot > 0 ? file.slice(dot + 1) : ''
  let stem = dot > 0 ? file.slice(0, dot) : file
  const defaultLang = hugo?.defaultContentLanguage ?? 'en'
  let lang = defaultLang
  const langDot = stem.lastIndexOf('.')
  if (langDot > 0) {
    const code = stem.slice(langDot + 1).toLowerCase()
    const known = [defaultLang, ...(hugo?.languages ?? [])].map((l) =>
      l.toLowerCase()
    )
    if (known.includes(code)) {
      lang = code
      stem = stem.slice(0, langDot)
    }
  }
  if (stem === '_index')
    return { kind: 'list', dirs: parts, baseName: '', lang, ext }
  if (stem === 'index' && parts.length > 0) {
    const dir = parts.pop() ?? ''
    return { kind: 'bundle', dirs: parts, baseName: dir, lang, ext }
  }
  return { kind: 'page', dirs: parts, baseName: stem, lang, ext }
}

/**
 * A page's sections (`.CurrentSection.SectionsEntries`): the top-level
 * folder, then each folder below it that holds an `_index.*` file.
 */
export function hugoSections(source: HugoSource, site: Site): string[] {
  const known = new Set((site.hugo?.sections ?? []).map((d) => d.toLowerCase()))
  const out: string[] = []
  for (const [i, dir] of source.dirs.entries()) {
    const path = source.dirs.slice(0, i + 1).join('/')
    if (i > 0 && !known.has(path.toLowerCase())) break
    out.push(dir)
  }
  return out
}

/**
 * `:sections[…]` slices as current Hugo cuts them: `[n]` one section,
 * `[a:b]` a range (either end may be left out), `last` the last index;
 * out-of-range indexes give nothing.
 *
 * Hugo 0.111 (the oracle's version) differs for a page in a top-level
 * section only: there `last` counts as 1, so `[last]` is empty and
 * `[:last]` is the section. Current Hugo (`toSliceFunc`) reads `last` as
 * len - 1; the action follows it (see the oracle's documented differences).
 */
export function sliceSections(sections: string[], cut: string): string[] {
  const spec = cut.trim().toLowerCase()
  if (spec === '') return sections
  if (!/^\[.*\]$/.test(spec) || spec.length < 3) return []
  if (sections.length === 0) return []
  const inner = spec.slice(1, -1)
  const len = sections.length
  const index = (s: string, low: boolean): number => {
    if (s === '') return low ? 0 : len
    if (s === 'last') return len - 1
    const n = Math.max(0, Number.parseInt(s, 10) || 0)
    if (n >= len) return low ? -1 : len
    return n
  }
  if (!inner.includes(':')) {
    const n = index(inner, true)
    return n < 0 ? [] : sections.slice(n, n + 1)
  }
  const [a = '', b = ''] = inner.split(':')
  const from = index(a, true)
  const to = index(b, false)
  return from < 0 || to < 0 ? [] : sections.slice(from, to)
}
