/**
 * Which files are post sources: the `posts` globs (or the generator's
 * defaults) and the generator's own rules for what it publishes as a post;
 * and the site folder's paths within the repository.
 */
import picomatch from 'picomatch'
import type { SiteGenerator } from './generator.js'
import { generatorFor } from './generators.js'
import type { Site } from './site.js'

/** The default globs for a generator, relative to the site root. */
export function defaultPostGlobs(site: Site): string[] {
  return generatorFor(site).postGlobs(site)
}

/**
 * Whether a file (path relative to the site root, `/`-separated) is a post
 * source by the generator's own rules:
 * - Jekyll: in a `_posts/` folder at any depth, named `YYYY-M-D-title.ext`
 *   with a Markdown or HTML extension in any case, no folder or name that
 *   Jekyll's reader skips.
 * - Hugo: under a content dir, `.md`/`.markdown`/`.html` (lower case), not a
 *   list page (`_index.*`).
 * - Other: every file handed in.
 */
export function isPostSource(path: string, site: Site): boolean {
  return generatorFor(site).isPost(path, site)
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
 * `YYYY-MM-DD-title` names and `exclude:`), since the generator publishes
 * nothing else.
 */
export function postMatcher(
  globs: string[],
  site: Site,
  generator: SiteGenerator = generatorFor(site)
): (path: string) => boolean {
  if (globs.length > 0) {
    const include = picomatch(globs, { dot: false })
    return (path: string): boolean => include(path)
  }
  const include = picomatch(generator.postGlobs(site), { dot: false })
  const exclude = picomatch(NEVER, { dot: true })
  const excluded = generator.excluded(site)
  return (path: string): boolean =>
    include(path) &&
    !exclude(path) &&
    generator.isPost(path, site) &&
    !excluded(path)
}

/**
 * Why a file (site-relative) is not a post although it lies where posts
 * do, for a changed file that will not be pinged: the generator's rule it
 * breaks, or the site's exclusion. Undefined for posts, for files outside
 * the post globs, and with user globs (which are trusted as given).
 */
export function notPostReason(
  globs: string[],
  site: Site,
  generator: SiteGenerator = generatorFor(site)
): (path: string) => string | undefined {
  if (globs.length > 0) return () => undefined
  const include = picomatch(generator.postGlobs(site), { dot: false })
  const exclude = picomatch(NEVER, { dot: true })
  const excluded = generator.excluded(site)
  return (path: string): string | undefined => {
    if (!include(path) || exclude(path)) return undefined
    if (!generator.isPost(path, site)) {
      return generator.notPostReason?.(path, site)
    }
    return excluded(path)
      ? 'the site config excludes it (exclude: in _config.yml)'
      : undefined
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
