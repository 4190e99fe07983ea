/**
 * Jekyll as a SiteGenerator: its config (config.ts, defaults.ts), which
 * files are posts (posts.ts), their URLs (permalink.ts), dates and
 * publication (publication.ts), and here its excerpt rule.
 */
import {
  excerptSource,
  firstParagraph,
  frontMatterText,
  plainText,
  truncate
} from '../../post/excerpt.js'
import type { SiteGenerator } from '../generator.js'
import type { Site } from '../site.js'
import { loadJekyll } from './config.js'
import { applyJekyllDefaults } from './defaults.js'
import { jekyllPath } from './permalink.js'
import {
  isJekyllPost,
  jekyllNotPostReason,
  jekyllExclusion,
  JEKYLL_POST_GLOBS
} from './posts.js'
import { jekyllDate, jekyllPublication } from './publication.js'

export const jekyll: SiteGenerator = {
  name: 'jekyll',
  builtDir: '_site',
  siteUrlHint: ' or `url` (and `baseurl`) in _config.yml',
  // Ruby's Psych reads YAML 1.1.
  frontMatterYaml: '1.1',
  keysAnyCase: false,
  load: loadJekyll,
  postGlobs: () => JEKYLL_POST_GLOBS,
  isPost: isJekyllPost,
  notPostReason: jekyllNotPostReason,
  excluded: (site) =>
    site.jekyll ? jekyllExclusion(site.jekyll) : () => false,
  frontMatter: applyJekyllDefaults,
  urlPath: jekyllPath,
  date: jekyllDate,
  publication: jekyllPublication,
  decidesDate: (key) => key === 'date',
  excerpt: jekyllExcerpt
}

/**
 * Jekyll's excerpt: front matter `excerpt`, else the body before the post's
 * (or the site's) `excerpt_separator`; with the default blank-line
 * separator, the first paragraph.
 */
export function jekyllExcerpt(
  data: Record<string, unknown>,
  body: string,
  site: Site,
  max: number
): string {
  const own = frontMatterText(data, 'excerpt')
  if (own !== '') return truncate(own, max)
  const source = excerptSource(body)
  const written = Object.hasOwn(data, 'excerpt_separator')
    ? data.excerpt_separator
    : site.jekyll?.excerptSeparator
  const separator =
    typeof written === 'string' ? written.replace(/\r\n?/g, '\n') : '\n\n'
  // The default separator makes the first paragraph the excerpt; an empty
  // one turns Jekyll's excerpts off, so the first paragraph stands in.
  // Deliberate difference: Jekyll's literal excerpt is the first block,
  // even a heading or an image, and the whole post when CRLF line endings
  // hide its `\n\n`; the action takes the first paragraph of text.
  if (separator === '\n\n' || separator === '') {
    return truncate(firstParagraph(source), max)
  }
  const at = source.indexOf(separator)
  return truncate(plainText(at < 0 ? source : source.slice(0, at)), max)
}
