/**
 * A post source read and understood: front matter, publication state,
 * public URL, title, excerpt and targets. Pure: text in, plain data out.
 */
import { plainText, titleFromFileName, truncate } from './excerpt.js'
import {
  FrontMatterError,
  parseFrontMatter,
  simpleYamlStrings
} from './front-matter/index.js'
import type { FrontMatter, SimpleYamlKey } from './front-matter/index.js'
import {
  decidesDate,
  effectiveFrontMatter,
  frontMatterYaml,
  postExcerpt,
  postField,
  postUrl,
  publication
} from '../site/post-rules.js'
import type { Site } from '../site/site.js'
import { misspelledKeys } from './key-spelling.js'
import { targetsFromEntries } from './targets.js'
import type { OptionNames } from '../settings/option-names.js'
import type { Post, PostFailure } from '../types.js'
export { isPost } from '../types.js'

/** TrackBack receivers keep at most about this many title characters. */
const TITLE_LIMIT = 250

/** What reading a post needs besides its text. */
export interface ReadOptions {
  /** The front-matter key holding the targets. */
  key: string
  /** The moment that decides whether a dated post is live. */
  now: Date
  /** How messages name settings (the action's inputs when omitted). */
  names?: OptionNames
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
  const {
    url,
    error: urlError,
    note: urlNote
  } = postUrl(path, data, site, options.names)
  const written = postField(data, 'title', site)
  const rawTitle =
    typeof written === 'string' || typeof written === 'number'
      ? plainText(String(written))
      : ''
  const title = truncate(rawTitle || titleFromFileName(path), TITLE_LIMIT)
  const warnings = misspelledKeys(matter, options.key)
  // Why the URL looks odd (Hugo's year 1 for an undated page), for the
  // log, the annotation and the summary.
  if (urlNote !== undefined && url !== undefined) {
    warnings.push({ message: `${url}: ${urlNote}` })
  }
  return {
    path,
    state: when.state,
    dueAt: when.dueAt,
    date: when.date,
    title,
    excerpt: postExcerpt(data, matter.body, site),
    url,
    urlError,
    targets: targetsFromEntries(matter.entries(options.key)),
    targetsLine: matter.keyLine(options.key),
    ...(warnings.length > 0 ? { warnings } : {})
  }
}

/**
 * Only the date of a post source (as `readPost` gives it), or undefined
 * when it has none or its front matter cannot be read. A scan tests every
 * post's date; this skips the excerpt, URL and targets of the many that are
 * too old, and for the simple front matter most posts have, the YAML parser
 * too (simpleYamlStrings: the keys that decide the date are read from their
 * lines). Such a front matter may still be one readPost refuses (a
 * duplicate key in YAML 1.2): then this gives the date it states.
 */
export function readPostDate(
  path: string,
  text: string,
  site: Site,
  now: Date
): string | undefined {
  const simple = simpleYamlStrings(text, frontMatterYaml(site))
  const fields = simple && dateFields(simple, site)
  if (fields) {
    const data = effectiveFrontMatter(path, fields, site)
    return publication(path, data, site, now).date
  }
  const read = readMatter(path, text, site)
  if ('message' in read) return undefined
  return publication(path, read.data, site, now).date
}

/**
 * The keys of a simple front matter that decide the post's date, when each
 * is there once with a string value (else undefined: parse the front
 * matter). The rest of the front matter cannot change that date.
 */
function dateFields(
  keys: SimpleYamlKey[],
  site: Site
): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {}
  for (const { key, value } of keys) {
    if (!decidesDate(site, key)) continue
    if (value === undefined || Object.hasOwn(out, key)) return undefined
    out[key] = value
  }
  return out
}

/** The front matter, with the generator's defaults applied. */
function readMatter(
  path: string,
  text: string,
  site: Site
): { matter: FrontMatter; data: Record<string, unknown> } | PostFailure {
  let matter
  try {
    matter = parseFrontMatter(text, { yaml: frontMatterYaml(site) })
  } catch (error) {
    if (error instanceof FrontMatterError) {
      return { path, line: error.line, message: error.message }
    }
    return { path, message: `Cannot read the front matter: ${String(error)}` }
  }
  return { matter, data: effectiveFrontMatter(path, matter.data, site) }
}
