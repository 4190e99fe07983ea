/**
 * Which files are post sources: the `posts` globs (or the generator's
 * defaults) and the generator's own rules for what it publishes as a post.
 */
import picomatch from 'picomatch'
import { isPostSource } from './permalink.js'
import type { Site } from '../types.js'

const EXTENSIONS = '{md,markdown,html}'

/** The default globs for a generator, relative to the site root. */
export function defaultPostGlobs(site: Site): string[] {
  switch (site.generator) {
    case 'jekyll':
      // `_posts` folders at any depth; the folders above are categories.
      // Any extension: isPostSource keeps Jekyll's (in any case).
      return ['**/_posts/**/*']
    case 'hugo': {
      const dir =
        site.hugo?.contentDir.replace(/^\.?\/+|\/+$/g, '') || 'content'
      return [`${dir}/**/*.${EXTENSIONS}`]
    }
    default:
      return [`**/*.${EXTENSIONS}`]
  }
}

/** Folders never holding post sources for the catch-all default. */
const NEVER = [
  '**/node_modules/**',
  '**/.git/**',
  '_site/**',
  'public/**',
  'dist/**',
  '.*/**'
]

/**
 * A predicate on paths relative to the site root (`/`-separated) telling
 * whether a file is a post source. User globs are trusted as given; the
 * default globs also apply the generator's rules (e.g. Jekyll's
 * `YYYY-MM-DD-title` names), since the generator publishes nothing else.
 */
export function postMatcher(
  globs: string[],
  site: Site
): (path: string) => boolean {
  const custom = globs.length > 0
  const include = picomatch(custom ? globs : defaultPostGlobs(site), {
    dot: false
  })
  const exclude = picomatch(custom ? [] : NEVER, { dot: true })
  const excludedByJekyll =
    !custom && site.jekyll ? jekyllExclusion(site.jekyll) : () => false
  return (path: string): boolean =>
    include(path) &&
    !exclude(path) &&
    (custom || isPostSource(path, site)) &&
    !excludedByJekyll(path)
}

/**
 * Jekyll's `exclude:`/`include:` rule (`EntryFilter`) as a predicate on
 * site-relative post paths (`…/_posts/…`). Jekyll checks each folder on its
 * way down to a `_posts` folder, then each file under it by its whole path
 * (not the folders below `_posts`). An entry is excluded when an `exclude:`
 * pattern (minus those also listed in `include:`) matches it as a glob whose
 * `*` crosses `/` (Ruby's `File.fnmatch` without flags), is a plain string
 * prefix of it (`vendor` also excludes `vendors/`), or names the folder with
 * a trailing `/`; unless an `include:` pattern matches the entry as Jekyll
 * lists it (a folder's name; a file's path below `_posts`) or its name.
 */
export function jekyllExclusion(settings: {
  exclude?: string[]
  include?: string[]
}): (path: string) => boolean {
  const includes = settings.include ?? []
  const excludes = (settings.exclude ?? []).filter((p) => !includes.includes(p))
  if (excludes.length === 0) return () => false
  const glob = (patterns: string[]): ((path: string) => boolean) =>
    patterns.length === 0
      ? () => false
      : picomatch(patterns, { bash: true, nobrace: true, dot: true })
  const excludedGlob = glob(excludes)
  const includedGlob = glob(includes)
  const excluded = (path: string, isDir: boolean): boolean =>
    excludedGlob(path) ||
    excludes.some((p) => path.startsWith(p) || (isDir && p === `${path}/`))
  const included = (listed: string): boolean =>
    includedGlob(listed) ||
    includedGlob(listed.slice(listed.lastIndexOf('/') + 1))
  return (path: string): boolean => {
    const parts = path.split('/')
    const posts = parts.indexOf('_posts')
    // The folders walked down to `_posts`: "a", "a/b"…
    for (let i = 1; i <= posts; i++) {
      const dir = parts.slice(0, i).join('/')
      if (excluded(dir, true) && !included(parts[i - 1] ?? '')) return true
    }
    const listed = parts.slice(posts + 1).join('/')
    return excluded(path, false) && !included(listed)
  }
}

/** `a/b` + `c/d.md` → `a/b/c/d.md`; '' is the repository root. */
export function joinPath(dir: string, path: string): string {
  return dir ? `${dir}/${path}` : path
}

/** Path relative to `dir` when inside it, else undefined. */
export function relativeTo(dir: string, path: string): string | undefined {
  if (!dir) return path
  return path.startsWith(`${dir}/`) ? path.slice(dir.length + 1) : undefined
}
