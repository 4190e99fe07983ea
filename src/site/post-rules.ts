/**
 * A post as its site's generator sees it: its front matter, URL, date,
 * publication and excerpt. What callers outside site/ ask about a post,
 * each answered through the generator's module (generators.ts), so no
 * caller tells generators apart. Pure.
 */
import { DEFAULT_EXCERPT_LENGTH, frontMatterField } from '../post/excerpt.js'
import { inputNames } from '../settings/option-names.js'
import type { OptionNames } from '../settings/option-names.js'
import { isoInstant } from './dates.js'
import type { DateReading } from './dates.js'
import type { Publication, SiteGenerator } from './generator.js'
import { generatorFor } from './generators.js'
import type { Site } from './site.js'
import type { UrlPath } from './url.js'
import { errorMessage } from '../util.js'

/**
 * Front matter as the generator sees it for this post: Jekyll `defaults`
 * whose scope matches the path (and type `posts`) applied under the post's
 * own values. Other generators: data unchanged.
 */
export function effectiveFrontMatter(
  path: string,
  data: Record<string, unknown>,
  site: Site
): Record<string, unknown> {
  return generatorFor(site).frontMatter(path, data, site)
}

/**
 * The post's absolute public URL (site URL + path), or an error message (no
 * site URL, unknown placeholder, missing or invalid date…); with a note
 * when the generator's URL looks odd for a reason the reader should know
 * (Hugo's year 1 for an undated page). `names` words the settings the
 * messages ask for.
 */
export function postUrl(
  path: string,
  data: Record<string, unknown>,
  site: Site,
  names: OptionNames = inputNames,
  generator: SiteGenerator = generatorFor(site)
): { url?: string; error?: string; note?: string } {
  let result: UrlPath
  try {
    result = generator.urlPath(path, data, site, names)
  } catch (e) {
    return { error: errorMessage(e) }
  }
  if (result.error !== undefined) return { error: result.error }
  const note = result.note !== undefined ? { note: result.note } : {}
  if (result.absolute !== undefined) return { url: result.absolute, ...note }
  if (site.url === undefined || site.url === '') {
    return {
      error: `The site URL is unknown. Set ${names.phrase('site-url')} (or \`url\` in _config.yml / \`baseURL\` in the Hugo config).`
    }
  }
  return { url: site.url + (result.path ?? '/'), ...note }
}

/**
 * Whether the post is live at `now`, per the generator's rules, plus its
 * dates as ISO strings.
 *
 * A date that cannot be read is reported in `problem` and otherwise ignored:
 * the post counts as published unless something else (draft flag, a file-name
 * date in the future) says otherwise. Jekyll would stop the build on such a
 * date and Hugo would fail the page, so nothing is pinged for it silently.
 */
export function publication(
  path: string,
  data: Record<string, unknown>,
  site: Site,
  now: Date
): Publication {
  return generatorFor(site).publication(path, data, site, now)
}

/**
 * The date a generator uses for the post's URL parts (`:year`, `:month`…),
 * in the zone it formats them in.
 */
export function postDateTime(
  path: string,
  data: Record<string, unknown>,
  site: Site
): DateReading {
  return generatorFor(site).date(path, data, site)
}

/** The post's date as an absolute instant (ISO 8601 UTC), or undefined. */
export function postDate(
  path: string,
  data: Record<string, unknown>,
  site: Site
): string | undefined {
  return isoInstant(postDateTime(path, data, site).date)
}

/**
 * Whether a front-matter key takes part in the date `publication` gives:
 * Hugo's publish-date keys (in any case), else `date`. Of most posts, a scan
 * reads only these keys (post.ts's readPostDate).
 */
export function decidesDate(site: Site, key: string): boolean {
  return generatorFor(site).decidesDate(key)
}

/** The YAML version the generator reads front matter as. */
export function frontMatterYaml(site: Site): '1.1' | '1.2' {
  return generatorFor(site).frontMatterYaml
}

/** A front-matter value by key, in any case where the generator allows it. */
export function postField(
  data: Record<string, unknown>,
  key: string,
  site: Site
): unknown {
  return frontMatterField(data, key, generatorFor(site).keysAnyCase)
}

/**
 * The excerpt a reader of the generator's own summary would see, as plain
 * text cut to `max` characters plus `…` (loadMarkdown must be awaited).
 */
export function postExcerpt(
  data: Record<string, unknown>,
  body: string,
  site: Site,
  max: number = DEFAULT_EXCERPT_LENGTH
): string {
  return generatorFor(site).excerpt(data, body, site, max)
}
