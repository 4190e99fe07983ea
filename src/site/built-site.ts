/**
 * The built site as a check on computed URLs. Deploy jobs usually have the
 * generator's output on disk (`_site/`, `public/`); when they do, each
 * published post's URL must name a file in it, or the ping would point at
 * a 404. A URL with no output file is not pinged: it becomes invalid, with
 * the nearest existing pages named so the mismatch can be fixed.
 *
 * `pageFileFor`, `nearestPages` and `checkAgainstBuiltSite` are pure (a set
 * of file paths in); `builtSiteFiles` is the adapter that lists a folder.
 */
import { readdir, stat } from 'node:fs/promises'
import { join, relative, sep } from 'node:path'
import type { PostChange } from '../run/plan.js'
import { inputNames } from '../settings/option-names.js'
import type { OptionNames } from '../settings/option-names.js'
import { isPost } from '../types.js'
import type { Post } from '../types.js'
import { generatorFor } from './generators.js'
import type { Site } from './site.js'

/** The built site: its folder (for messages) and its files. */
export interface BuiltSite {
  /** The folder as the user knows it, e.g. `_site` or `blog/public`. */
  dir: string
  /** Paths relative to the folder, `/`-separated, not percent-encoded. */
  files: ReadonlySet<string>
}

/** Stop listing a built site past this many files (a huge output folder). */
export const MAX_BUILT_FILES = 200_000

/** How many near misses a message names. */
const NEAREST_COUNT = 3

/** The built folder the generator writes, relative to the site root. */
export function defaultBuiltDir(site: Site): string | undefined {
  return generatorFor(site).builtDir
}

/**
 * The files that may serve a URL path (relative to the site URL, starting
 * with `/`), most likely first: `…/` is `…/index.html`; a name with an
 * extension is that file; a name without one is what Jekyll writes for it
 * (`….html`), a folder's `index.html`, or the bare file.
 */
export function outputCandidates(urlPath: string): string[] {
  const path = decodePath(urlPath.split(/[?#]/)[0] ?? '').replace(/^\/+/, '')
  if (path === '' || path.endsWith('/')) return [`${path}index.html`]
  const last = path.slice(path.lastIndexOf('/') + 1)
  if (last.includes('.')) return [path, `${path}/index.html`]
  return [`${path}.html`, `${path}/index.html`, path]
}

/**
 * The output file for a post URL, or undefined when the built site has
 * none. A URL outside the site URL cannot be checked and counts as found
 * (`null`).
 */
export function pageFileFor(
  url: string,
  siteUrl: string,
  files: ReadonlySet<string>
): string | null | undefined {
  const path = pathUnder(url, siteUrl)
  if (path === undefined) return null
  return outputCandidates(path).find((file) => files.has(file))
}

/**
 * The pages of the built site nearest to a URL path: HTML files ranked by
 * edit distance between their page paths (`a/b/index.html` → `a/b/`), at
 * most `count`, as URL paths.
 */
export function nearestPages(
  urlPath: string,
  files: ReadonlySet<string>,
  count: number = NEAREST_COUNT
): string[] {
  const wanted = decodePath(urlPath).replace(/^\/+/, '')
  // The best `count` so far, nearest first; a page whose length alone puts
  // it further away than the worst of them is not measured.
  const best: Array<{ page: string; distance: number }> = []
  for (const file of files) {
    if (!file.endsWith('.html')) continue
    const page = file.endsWith('index.html')
      ? file.slice(0, -'index.html'.length)
      : file
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

/**
 * Check the published posts of a run against the built site. A post whose
 * URL has no output file loses its URL (so it is not pinged) and gets a
 * `urlError` naming the URL, the files looked for and the nearest pages.
 * Posts that are not live yet, and earlier versions, are left alone.
 */
export function checkAgainstBuiltSite(
  changes: PostChange[],
  built: BuiltSite,
  siteUrl: string
): PostChange[] {
  return changes.map((change) => {
    const post = change.after
    if (!post || !isPost(post) || post.state !== 'published' || !post.url) {
      return change
    }
    const problem = missingPage(post, built, siteUrl)
    if (problem === undefined) return change
    const after: Post = { ...post, url: undefined, urlError: problem }
    return { ...change, after }
  })
}

function missingPage(
  post: Post,
  built: BuiltSite,
  siteUrl: string
): string | undefined {
  const url = post.url ?? ''
  const found = pageFileFor(url, siteUrl, built.files)
  if (found !== undefined) return undefined
  const path = pathUnder(url, siteUrl) ?? url
  const dir = built.dir.replace(/\/+$/, '')
  const looked = outputCandidates(path)
    .map((file) => `${dir}/${file}`)
    .join(' or ')
  const near = nearestPages(path, built.files).map((p) => siteUrl + p)
  return (
    `${url} is not in the built site: there is no ${looked}. Not pinged, ` +
    `so that no one is sent to a missing page.` +
    (near.length > 0 ? ` Nearest pages: ${near.join(', ')}.` : '')
  )
}

// ----------------------------------------------------------------- adapter

/**
 * List a built site's files, or undefined when `dir` (absolute) is not a
 * folder. Stops at MAX_BUILT_FILES entries.
 */
export async function builtSiteFiles(
  dir: string
): Promise<Set<string> | undefined> {
  try {
    if (!(await stat(dir)).isDirectory()) return undefined
  } catch {
    return undefined
  }
  const entries = await readdir(dir, { recursive: true, withFileTypes: true })
  const files = new Set<string>()
  for (const entry of entries) {
    if (files.size >= MAX_BUILT_FILES) break
    if (!entry.isFile()) continue
    const rel = relative(dir, join(entry.parentPath, entry.name))
    files.add(rel.split(sep).join('/'))
  }
  return files
}

// ----------------------------------------------------------------- helpers

/** The URL's path below the site URL (`/…`), or undefined when outside it. */
function pathUnder(url: string, siteUrl: string): string | undefined {
  const base = siteUrl.replace(/\/+$/, '')
  if (url === base) return '/'
  if (!url.startsWith(`${base}/`)) return undefined
  return url.slice(base.length)
}

function decodePath(path: string): string {
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

function encodePath(path: string): string {
  return path
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/')
}

/** Levenshtein distance over UTF-16 code units, two rows. */
function editDistance(a: string, b: string): number {
  if (a === b) return 0
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      current[j] = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + cost
      )
    }
    previous = current
  }
  return previous[b.length] ?? 0
}

/**
 * The built site the `site-dir` setting names, under the site root
 * (absolute): `auto` → the generator's folder when present, `none` → no
 * check, else that folder. `shown` is how the folder is named to the user,
 * `names` how the setting is. A folder named explicitly but missing gives a
 * warning instead.
 */
export async function findBuiltSite(
  siteRoot: string,
  setting: string,
  site: Site,
  shown: (dir: string) => string,
  names: OptionNames = inputNames
): Promise<{ built?: BuiltSite; note: string; warning?: string }> {
  const option = names.name('site-dir')
  if (setting === 'none') {
    return { note: `${option} is none: post URLs are not checked.` }
  }
  const dir = setting === 'auto' ? defaultBuiltDir(site) : setting
  if (dir === undefined) {
    return {
      note: `No built site to check post URLs against (set ${option} to check them).`
    }
  }
  const files = await builtSiteFiles(join(siteRoot, dir))
  if (files === undefined || files.size === 0) {
    const note = `No built site in ${shown(dir)}/: post URLs are not checked.`
    return setting === 'auto'
      ? { note }
      : {
          note,
          warning: `${option} ${shown(dir)} is not a built site. ${note}`
        }
  }
  return {
    built: { dir: shown(dir), files },
    note: `Checking post URLs against the built site in ${shown(dir)}/ (${files.size} files).`
  }
}
