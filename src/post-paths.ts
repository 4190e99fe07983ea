/**
 * Which files are post sources: the `posts` globs (or the generator's
 * defaults) and the generator's own rules for what it publishes as a post.
 */
import picomatch from 'picomatch'
import { isPostSource } from './permalink.js'
import type { Site } from './types.js'

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
  return (path: string): boolean =>
    include(path) && !exclude(path) && (custom || isPostSource(path, site))
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
