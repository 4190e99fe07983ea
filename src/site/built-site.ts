/**
 * The built site as a check on computed URLs. Deploy jobs usually have the
 * generator's output on disk (`_site/`, `public/`); when they do, each
 * published post's URL must name a file in it, or the ping would point at
 * a 404. A URL with no output file is not pinged, nor one outside the
 * site's URL (the built site cannot vouch for it): it becomes invalid, with
 * the page most likely the post's and the nearest pages named (built-pages.ts)
 * so the mismatch can be fixed.
 *
 * `pageFileFor` and `checkAgainstBuiltSite` are pure (a set of file paths
 * in); `builtSiteFiles` is the adapter that lists a folder.
 */
import { readdir, stat } from 'node:fs/promises'
import { join, relative, sep } from 'node:path'
import type { PostChange } from '../run/plan.js'
import { inputNames } from '../settings/option-names.js'
import type { OptionNames } from '../settings/option-names.js'
import { isPost } from '../types.js'
import type { Post } from '../types.js'
import { decodePath, likelyPage, nearestPages } from './built-pages.js'
import type { BuiltRoot } from './generator.js'
import { generatorFor } from './generators.js'
import type { Site } from './site.js'

export { nearestPages } from './built-pages.js'

/** The built site: its folder (for messages) and its files. */
export interface BuiltSite {
  /** The folder as the user knows it, e.g. `_site` or `blog/public`. */
  dir: string
  /** Paths relative to the folder, `/`-separated, not percent-encoded. */
  files: ReadonlySet<string>
  /**
   * The site URLs and the folders below `dir` their pages are in, when not
   * just the site URL in `dir` itself (Hugo's multihost languages).
   */
  roots?: BuiltRoot[]
}

/** Stop listing a built site past this many files (a huge output folder). */
export const MAX_BUILT_FILES = 200_000

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
 * The site URLs a site's pages are under and where the built site has
 * them: the generator's (Hugo multihost: one per language, each in its own
 * folder), else the site URL in the folder itself.
 */
export function builtRoots(site: Site): BuiltRoot[] {
  return (
    generatorFor(site).builtRoots?.(site) ?? [{ url: site.url ?? '', dir: '' }]
  )
}

/**
 * The output file for a post URL, or undefined when the built site has
 * none. A URL outside the site URL (and the other `roots`) cannot be
 * checked here and gives `null`; checkAgainstBuiltSite does not ping it.
 */
export function pageFileFor(
  url: string,
  siteUrl: string,
  files: ReadonlySet<string>,
  roots: BuiltRoot[] = [{ url: siteUrl, dir: '' }]
): string | null | undefined {
  const under = rootOf(url, roots)
  if (under === undefined) return null
  return outputCandidates(under.path)
    .map((file) => joinDir(under.root.dir, file))
    .find((file) => files.has(file))
}

/** The root a URL is under (the longest), with its path below it. */
function rootOf(
  url: string,
  roots: BuiltRoot[]
): { root: BuiltRoot; path: string } | undefined {
  let best: { root: BuiltRoot; path: string } | undefined
  for (const root of roots) {
    const path = pathUnder(url, root.url)
    if (path === undefined || root.url === '') continue
    if (!best || root.url.length > best.root.url.length) best = { root, path }
  }
  return best
}

function joinDir(dir: string, file: string): string {
  return dir === '' ? file : `${dir}/${file}`
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
  const roots = built.roots ?? [{ url: siteUrl, dir: '' }]
  const found = pageFileFor(url, siteUrl, built.files, roots)
  if (found !== undefined && found !== null) return undefined
  const dir = built.dir.replace(/\/+$/, '')
  const notPinged = 'Not pinged, so that no one is sent to a missing page.'
  const under = rootOf(url, roots)
  if (!under) {
    const urls = roots.map((r) => r.url).join(' or ')
    return `${url} is outside the site URL ${urls}, so the built site in ${dir}/ cannot show its page exists. ${notPinged}`
  }
  const { root, path } = under
  const looked = outputCandidates(path)
    .map((file) => `${dir}/${joinDir(root.dir, file)}`)
    .join(' or ')
  const likely = likelyPage(post, path, built.files, root.dir)
  const near = nearestPages(path, built.files, undefined, root.dir).map(
    (p) => root.url + p
  )
  return (
    `${url} is not in the built site: there is no ${looked}. ${notPinged}` +
    (likely
      ? ` The post's page is most likely ${dir}/${likely.file} (${root.url}${likely.urlPath}), named like the post's ${likely.matches}.`
      : '') +
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
  const roots = generatorFor(site).builtRoots?.(site)
  return {
    built: { dir: shown(dir), files, ...(roots ? { roots } : {}) },
    note: `Checking post URLs against the built site in ${shown(dir)}/ (${files.size} files).`
  }
}
