/**
 * Hugo's content files: which content dir holds one (a `contentDir` per
 * language, or the one), what kind of page it makes (page, leaf bundle,
 * list), its language, its sections, and so which files are posts. Pure.
 */
import { POST_EXTENSIONS, POST_EXTENSIONS_GLOB } from '../site.js'
import type { Site } from '../site.js'
import type { ContentMount } from './languages.js'

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

/** The content folders and their languages (`contentDir` by default). */
export function hugoContentMounts(site: Site): ContentMount[] {
  const hugo = site.hugo
  return (
    hugo?.contentMounts ?? [
      {
        dir: hugo?.contentDir ?? 'content',
        lang: hugo?.defaultContentLanguage ?? 'en'
      }
    ]
  )
}

/** The default post globs: Markdown and HTML under each content dir. */
export function hugoPostGlobs(site: Site): string[] {
  return hugoContentMounts(site).map((m) =>
    m.dir === '.'
      ? `**/*.${POST_EXTENSIONS_GLOB}`
      : `${m.dir}/**/*.${POST_EXTENSIONS_GLOB}`
  )
}

/**
 * Whether a file is a Hugo post source: under a content dir,
 * `.md`/`.markdown`/`.html` (lower case), not a list page (`_index.*`),
 * in a language Hugo builds.
 */
export function isHugoPost(path: string, site: Site): boolean {
  const source = hugoSource(path, site)
  if (!source || source.kind === 'list') return false
  if (site.hugo?.disabledLanguages?.includes(source.lang)) return false
  return HUGO_CONTENT_EXTENSIONS.has(source.ext)
}

/** Why a file under a content dir is not a Hugo page (see isHugoPost). */
export function hugoNotPostReason(
  path: string,
  site: Site
): string | undefined {
  const source = hugoSource(path, site)
  if (!source || isHugoPost(path, site)) return undefined
  if (source.kind === 'list') {
    return 'an _index file is a list page of its section, not a post'
  }
  if (site.hugo?.disabledLanguages?.includes(source.lang)) {
    return `its language '${source.lang}' is disabled in the Hugo config`
  }
  return `the action reads .md, .markdown and .html pages only, not '.${source.ext}'`
}

/**
 * Parse a path under one of Hugo's content dirs (the deepest that holds
 * it), or undefined when outside them all. Its language is the file name's
 * suffix when that is a configured language code, written in lower case
 * (`post.fr.md`; `post.FR.md` is a page named `post.FR`), else the content
 * dir's.
 */
export function hugoSource(path: string, site: Site): HugoSource | undefined {
  const hugo = site.hugo
  const mounts = [...hugoContentMounts(site)].sort(
    (a, b) => depth(b.dir) - depth(a.dir)
  )
  const mount = mounts.find(
    (m) => m.dir === '.' || path.startsWith(`${m.dir}/`)
  )
  if (!mount) return undefined
  const rel = mount.dir === '.' ? path : path.slice(mount.dir.length + 1)
  const parts = rel.split('/').filter(Boolean)
  const file = parts.pop()
  if (file === undefined) return undefined
  const dot = file.lastIndexOf('.')
  const ext = dot > 0 ? file.slice(dot + 1) : ''
  let stem = dot > 0 ? file.slice(0, dot) : file
  let lang = mount.lang
  const langDot = stem.lastIndexOf('.')
  if (langDot > 0) {
    const code = stem.slice(langDot + 1)
    const known = [
      hugo?.defaultContentLanguage ?? 'en',
      ...(hugo?.languages ?? [])
    ]
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

/** Folder depth for the deepest-first order; the root `.` is 0. */
function depth(dir: string): number {
  return dir === '.' ? 0 : dir.split('/').length
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
