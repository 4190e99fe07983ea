/**
 * Which files Jekyll publishes as posts: `_posts` folders, dated names,
 * the names its reader skips, and the site's `exclude:`/`include:`. Pure.
 */
import picomatch from 'picomatch'

/** Jekyll post file names (`Document::DATE_FILENAME_MATCHER`). */
export const JEKYLL_POST_NAME = /^(\d{2,4}-\d{1,2}-\d{1,2})-([^/]*)(\.[^./]+)$/

/**
 * `_posts` folders at any depth; the folders above are categories. Any
 * extension: isJekyllPost keeps Jekyll's (in any case).
 */
export const JEKYLL_POST_GLOBS = ['**/_posts/**/*']

/**
 * Jekyll post extensions the action reads: its default `markdown_ext`
 * (matched in any case, as Jekyll's converter does) and HTML; all are
 * written as `.html`. Other extensions (`.txt`…) are posts to Jekyll too,
 * but keep their own output extension and are not read by the action.
 */
const JEKYLL_POST_EXTENSIONS = new Set([
  'md',
  'markdown',
  'mkdown',
  'mkdn',
  'mkd',
  'html',
  'htm'
])

/**
 * Names Jekyll's reader skips (`EntryFilter#special?`, `#backup?`): a
 * leading `.`, `_`, `#` or `~`, or a trailing `~`.
 */
const JEKYLL_SKIPPED_NAME = /^[._#~]|~$/

/**
 * Whether a file is a Jekyll post source: in a `_posts/` folder at any
 * depth, named `YYYY-M-D-title.ext` with a Markdown or HTML extension in
 * any case, no folder or name that Jekyll's reader skips (what `PostReader`
 * reads, limited to the formats the action understands).
 */
export function isJekyllPost(path: string): boolean {
  const parts = path.split('/')
  const name = parts[parts.length - 1] ?? ''
  if (!parts.slice(0, -1).includes('_posts')) return false
  if (parts.some((p) => p !== '_posts' && JEKYLL_SKIPPED_NAME.test(p))) {
    return false
  }
  const m = JEKYLL_POST_NAME.exec(name)
  const ext = (m?.[3] ?? '').slice(1).toLowerCase()
  return m !== null && JEKYLL_POST_EXTENSIONS.has(ext)
}

/** Why a file in a `_posts` folder is not a Jekyll post (see isJekyllPost). */
export function jekyllNotPostReason(path: string): string | undefined {
  if (isJekyllPost(path)) return undefined
  const parts = path.split('/')
  const name = parts[parts.length - 1] ?? ''
  if (!parts.slice(0, -1).includes('_posts')) return undefined
  const skipped = parts.find(
    (p) => p !== '_posts' && JEKYLL_SKIPPED_NAME.test(p)
  )
  if (skipped !== undefined) {
    return `Jekyll skips '${skipped}' (a name starting with . _ # or ~, or ending with ~)`
  }
  const m = JEKYLL_POST_NAME.exec(name)
  if (m === null) {
    return 'Jekyll publishes a file in _posts only when its name starts with a date: YYYY-MM-DD-title.md'
  }
  return `the action reads Markdown and HTML posts only, not '${m[3] ?? ''}'`
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
