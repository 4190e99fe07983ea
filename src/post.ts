/**
 * A post source read and understood: front matter, publication state,
 * public URL, title, excerpt and targets. Pure: text in, plain data out.
 */
import {
  frontMatterField,
  generatorExcerpt,
  plainText,
  titleFromFileName,
  truncate
} from './excerpt.js'
import { FrontMatterError, parseFrontMatter } from './front-matter.js'
import type { FrontMatter } from './front-matter.js'
import { effectiveFrontMatter, postUrl } from './permalink.js'
import { publication } from './publication.js'
import { targetsFromEntries } from './targets.js'
import type { Post, PostFailure, Site } from './types.js'
export { isPost } from './types.js'

/** TrackBack receivers keep at most about this many title characters. */
const TITLE_LIMIT = 250

/** What reading a post needs besides its text. */
export interface ReadOptions {
  /** The front-matter key holding the targets. */
  key: string
  /** The moment that decides whether a dated post is live. */
  now: Date
}

/**
 * Read one post source. `path` is relative to the site root. Broken front
 * matter gives a PostFailure with the file line, never an exception.
 */
export function readPost(
  path: string,
  text: string,
  site: Site,
  options: ReadOptions
): Post | PostFailure {
  const read = readMatter(path, text, site)
  if ('message' in read) return read
  const { matter, data } = read
  const when = publication(path, data, site, options.now)
  const { url, error: urlError } = postUrl(path, data, site)
  const written = frontMatterField(data, 'title', site.generator === 'hugo')
  const rawTitle =
    typeof written === 'string' || typeof written === 'number'
      ? plainText(String(written))
      : ''
  const title = truncate(rawTitle || titleFromFileName(path), TITLE_LIMIT)
  return {
    path,
    state: when.state,
    dueAt: when.dueAt,
    date: when.date,
    title,
    excerpt: generatorExcerpt(data, matter.body, {
      generator: site.generator,
      excerptSeparator: site.jekyll?.excerptSeparator,
      summaryLength: site.hugo?.summaryLength
    }),
    url,
    urlError,
    targets: targetsFromEntries(matter.entries(options.key)),
    targetsLine: matter.keyLine(options.key)
  }
}

/**
 * Only the date of a post source (as `readPost` gives it), or undefined
 * when it has none or its front matter cannot be read. A scan tests every
 * post's date; this skips the excerpt, URL and targets of the many that are
 * too old.
 */
export function readPostDate(
  path: string,
  text: string,
  site: Site,
  now: Date
): string | undefined {
  const read = readMatter(path, text, site)
  if ('message' in read) return undefined
  return publication(path, read.data, site, now).date
}

/** The front matter, with the generator's defaults applied. */
function readMatter(
  path: string,
  text: string,
  site: Site
): { matter: FrontMatter; data: Record<string, unknown> } | PostFailure {
  let matter
  try {
    matter = parseFrontMatter(text, {
      yaml: site.generator === 'jekyll' ? '1.1' : '1.2'
    })
  } catch (error) {
    if (error instanceof FrontMatterError) {
      return { path, line: error.line, message: error.message }
    }
    return { path, message: `Cannot read the front matter: ${String(error)}` }
  }
  return { matter, data: effectiveFrontMatter(path, matter.data, site) }
}
