/**
 * Hugo as a SiteGenerator: its config (config.ts), its content files and
 * sections (source.ts), page URLs (permalink.ts), dates and publication
 * (publication.ts), and here its summary rule.
 */
import {
  excerptSource,
  frontMatterText,
  openingWords,
  plainText,
  truncate
} from '../../post/excerpt.js'
import type { SiteGenerator } from '../generator.js'
import type { Site } from '../site.js'
import { loadHugo } from './config.js'
import { hugoBuiltRoots } from './languages.js'
import { hugoPath } from './permalink.js'
import { hugoDate, hugoDecidesDate, hugoPublication } from './publication.js'
import { hugoNotPostReason, hugoPostGlobs, isHugoPost } from './source.js'

/** Hugo's manual summary divider. */
const HUGO_SUMMARY_DIVIDER = '<!--more-->'

/** Hugo's default `summaryLength` (words of an automatic summary). */
export const HUGO_SUMMARY_LENGTH = 70

export const hugo: SiteGenerator = {
  name: 'hugo',
  builtDir: 'public',
  builtRoots: hugoBuiltRoots,
  siteUrlHint: " or `baseURL` in Hugo's config",
  frontMatterYaml: '1.2',
  keysAnyCase: true,
  load: loadHugo,
  postGlobs: hugoPostGlobs,
  isPost: isHugoPost,
  notPostReason: hugoNotPostReason,
  excluded: () => () => false,
  frontMatter: (_path, data) => data,
  urlPath: hugoPath,
  date: (_path, data, site) => hugoDate(data, site),
  publication: (_path, data, site, now) => hugoPublication(data, site, now),
  decidesDate: hugoDecidesDate,
  excerpt: hugoSummary
}

/**
 * Hugo's summary: front matter `summary` (any case), else the body before
 * `<!--more-->`, else its opening `summaryLength` words.
 */
export function hugoSummary(
  data: Record<string, unknown>,
  body: string,
  site: Site,
  max: number
): string {
  const own = frontMatterText(data, 'summary', true)
  if (own !== '') return truncate(own, max)
  const source = excerptSource(body)
  const divider = source.indexOf(HUGO_SUMMARY_DIVIDER)
  if (divider >= 0) return truncate(plainText(source.slice(0, divider)), max)
  const words = site.hugo?.summaryLength ?? HUGO_SUMMARY_LENGTH
  return truncate(openingWords(source, words), max)
}
