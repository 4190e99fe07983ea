/**
 * Any other generator, as a SiteGenerator: the action knows nothing of its
 * config, so the inputs say the site URL and the URL pattern (with Jekyll's
 * placeholders), and common front-matter conventions say the rest. It takes
 * any site, so generators.ts tries it last.
 */
import { excerptOf } from '../post/excerpt.js'
import {
  fileNameDate,
  isoInstant,
  processZone,
  readDate,
  withDate
} from './dates.js'
import type { DateReading } from './dates.js'
import type { Publication, SiteGenerator } from './generator.js'
import { expandJekyllTemplate, jekyllPlaceholders } from './jekyll/permalink.js'
import { configuredSite, POST_EXTENSIONS_GLOB, siteUrlFrom } from './site.js'
import type { Site, SiteOverrides } from './site.js'
import { ABSOLUTE_URL } from './url.js'
import type { UrlPath } from './url.js'
import { booleanValue, nonEmptyString } from './values.js'
import { inputNames } from '../settings/option-names.js'
import type { OptionNames } from '../settings/option-names.js'

export const generic: SiteGenerator = {
  name: 'other',
  siteUrlHint: '',
  frontMatterYaml: '1.2',
  keysAnyCase: false,
  load: (_root, overrides) =>
    Promise.resolve({ site: otherSite(overrides), problems: [] }),
  postGlobs: () => [`**/*.${POST_EXTENSIONS_GLOB}`],
  isPost: () => true,
  excluded: () => () => false,
  frontMatter: (_path, data) => data,
  urlPath: otherPath,
  date: otherDate,
  publication: otherPublication,
  decidesDate: (key) => key === 'date',
  excerpt: (data, body, _site, max) => excerptOf(data, body, max)
}

/** Pure: the Site of a generator we know nothing about: inputs only. */
export function otherSite(overrides: SiteOverrides): Site {
  return configuredSite('other', { url: siteUrlFrom(overrides) }, overrides)
}

/**
 * Generators the action does not know: front matter `permalink` or `url`
 * wins; else the `permalink` input with Jekyll-style placeholders (`:title`
 * from `slug`, else the file name without a leading date). `names` words
 * the setting the error asks for.
 */
export function otherPath(
  path: string,
  data: Record<string, unknown>,
  site: Site,
  names: OptionNames = inputNames
): UrlPath {
  const written = nonEmptyString(data.permalink) ?? nonEmptyString(data.url)
  if (written !== undefined && ABSOLUTE_URL.test(written)) {
    return { absolute: written }
  }
  const template = written ?? nonEmptyString(site.permalink)
  if (template === undefined) {
    return {
      error: `Cannot tell the URL of ${path}: set ${names.phrase('permalink')} (e.g. /:year/:month/:day/:title/) or a \`permalink\` in its front matter.`
    }
  }
  const reading = otherDate(path, data, site)
  if (reading.error !== undefined) return { error: reading.error }
  const placeholders = jekyllPlaceholders(path, data, reading.date)
  return { path: expandJekyllTemplate(template, placeholders) }
}

/** Other generators: the configured zone, else the build process's. */
export function otherZone(site: Site): string {
  return site.timezone ?? processZone()
}

/** Other generators: `date`, else a date at the start of the file name. */
export function otherDate(
  path: string,
  data: Record<string, unknown>,
  site: Site
): DateReading {
  const zone = otherZone(site)
  const written = readDate(data.date, zone, 'date', true)
  if (written.date || written.error) return written
  return { date: fileNameDate(path, zone) }
}

/** Other generators: `draft: true` / `published: false`, and future dates. */
export function otherPublication(
  path: string,
  data: Record<string, unknown>,
  site: Site,
  now: Date
): Publication {
  const reading = otherDate(path, data, site)
  const result = withDate(reading.date, reading.error)
  if (booleanValue(data.draft) === true) return { state: 'draft', ...result }
  if (booleanValue(data.published) === false) {
    return { state: 'unpublished', ...result }
  }
  if (reading.date && reading.date.toMillis() > now.getTime()) {
    return { state: 'future', ...result, dueAt: isoInstant(reading.date) }
  }
  return { state: 'published', ...result }
}
