/**
 * Finding a post's page among a built site's files when its computed URL
 * names none: the pages nearest to the URL (edit distance), and the page
 * most likely to be the post's, named like its source file or its title.
 * Pure: sets of file paths (relative to the built folder, `/`-separated,
 * not percent-encoded) in, paths out.
 */
import { percentEncode } from './url.js'
import { editDistance } from '../util.js'

/** How many near misses a message names. */
export const NEAREST_COUNT = 3

/** A built page: its file and its URL path below the folder (`a/b/`). */
interface Page {
  file: string
  page: string
}

/** The HTML pages among `files` under `dir` ('' for all), as page paths. */
function htmlPages(files: Iterable<string>, dir: string): Page[] {
  const prefix = dir === '' ? '' : `${dir}/`
  const out: Page[] = []
  for (const file of files) {
    if (!file.endsWith('.html') || !file.startsWith(prefix)) continue
    const rel = file.slice(prefix.length)
    const page = rel.endsWith('index.html')
      ? rel.slice(0, -'index.html'.length)
      : rel
    out.push({ file, page })
  }
  return out
}

/**
 * The pages of the built site nearest to a URL path: HTML files ranked by
 * edit distance between their page paths (`a/b/index.html` → `a/b/`), at
 * most `count`, as URL paths. `dir` limits them to one folder (a language
 * built into its own, multihost), given as paths below it.
 */
export function nearestPages(
  urlPath: string,
  files: ReadonlySet<string>,
  count: number = NEAREST_COUNT,
  dir = ''
): string[] {
  const wanted = decodePath(urlPath).replace(/^\/+/, '')
  // The best `count` so far, nearest first; a page whose length alone puts
  // it further away than the worst of them is not measured.
  const best: Array<{ page: string; distance: number }> = []
  for (const { page } of htmlPages(files, dir)) {
    const bound = best.length < count ? Infinity : (best.at(-1)?.distance ?? 0)
    if (Math.abs(wanted.length - page.length) >= bound) continue
    const distance = editDistance(wanted, page)
    if (distance >= bound) continue
    const at = best.findIndex((b) => b.distance > distance)
    best.splice(at < 0 ? best.length : at, 0, { page, distance })
    if (best.length > count) best.pop()
  }
  return best.map((r) => `/${encodePath(r.page)}`)
}

/** What a post is known by: its source path and its title. */
export interface PostNames {
  path: string
  title: string
}

/** The built page most likely a post's, and what its name matches. */
export interface LikelyPage {
  /** The file, relative to the built folder. */
  file: string
  /** Its URL path below the folder (or `dir`), encoded: `/a/b/`. */
  urlPath: string
  matches: 'file name' | 'title'
}

/**
 * The built page most likely the post's: an HTML page whose last name
 * (`…/name/index.html`, `…/name.html`), letters and digits only, in lower
 * case, without accents, is the post's source name (extension and language
 * suffix removed, with or without its `YYYY-MM-DD-` prefix; a bundle's
 * folder for `index.*`) or its title. Of several, one whose path ends
 * `urlPath` (a wrong base path); then the nearest to `urlPath`; then one
 * named exactly so (`+plus` over `+plus+`); then a file-name match over a
 * title one. Undefined when no page is named so.
 */
export function likelyPage(
  post: PostNames,
  urlPath: string,
  files: ReadonlySet<string>,
  dir = ''
): LikelyPage | undefined {
  const names: Array<[string, LikelyPage['matches']]> = [
    ...sourceNames(post.path).map((n): [string, LikelyPage['matches']] => [
      n,
      'file name'
    ]),
    [post.title, 'title']
  ]
  const wanted = decodePath(urlPath).replace(/^\/+/, '')
  let best:
    { page: Page; rank: number[]; matches: LikelyPage['matches'] } | undefined
  for (const page of htmlPages(files, dir)) {
    const last = lastName(page.page)
    const key = nameKey(last)
    if (key === '') continue
    const match = names.find(([name]) => nameKey(name) === key)
    if (!match) continue
    const exact = names.some(
      ([name]) => name.toLowerCase() === last.toLowerCase()
    )
    const suffix = wanted === page.page || wanted.endsWith(`/${page.page}`)
    const rank = [
      suffix ? 0 : 1,
      editDistance(wanted, page.page),
      exact ? 0 : 1,
      match[1] === 'file name' ? 0 : 1
    ]
    if (!best || before(rank, best.rank))
      best = { page, rank, matches: match[1] }
  }
  if (!best) return undefined
  return {
    file: best.page.file,
    urlPath: `/${encodePath(best.page.page)}`,
    matches: best.matches
  }
}

/** Whether rank `a` comes before `b` (compared element by element). */
function before(a: number[], b: number[]): boolean {
  for (let i = 0; i < a.length; i++) {
    if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) < (b[i] ?? 0)
  }
  return false
}

/**
 * A source file's names as a page would carry them: no folders or
 * extension (a bundle's folder for `index.*`); with and without a `.xx`
 * language suffix and a `YYYY-MM-DD-` prefix, most likely first.
 */
export function sourceNames(path: string): string[] {
  const parts = path.split('/')
  let name = (parts.pop() ?? '').replace(/\.[^.]*$/, '')
  if (/^_?index(\.[a-z]{2,3}(-[a-z0-9]+)?)?$/i.test(name)) {
    name = parts.pop() ?? ''
  }
  const stem = name.replace(/\.[a-z]{2,3}(-[a-z0-9]+)?$/i, '')
  const undated = (s: string): string =>
    s.replace(/^\d{2,4}-\d{1,2}-\d{1,2}-/, '')
  return [...new Set([undated(stem), stem, undated(name), name])]
}

/** The last name of a page path: `a/b/` → `b`, `a/b.html` → `b`. */
function lastName(page: string): string {
  const parts = page.replace(/\/+$/, '').split('/')
  return (parts.pop() ?? '').replace(/\.html$/, '')
}

/** Letters and digits only, lower case, accents removed. */
function nameKey(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[^\p{L}\p{N}]+/gu, '')
    .toLowerCase()
}

/** A page path as a URL path: each character a path cannot hold encoded. */
export function encodePath(path: string): string {
  return percentEncode(path)
}

/** A URL path's segments percent-decoded (a bad escape left as is). */
export function decodePath(path: string): string {
  return path
    .split('/')
    .map((segment) => {
      try {
        return decodeURIComponent(segment)
      } catch {
        return segment
      }
    })
    .join('/')
}
