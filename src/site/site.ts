/**
 * The Site: what the site's configuration and the action's inputs say about
 * the site, whichever generator builds it, and the generator-neutral rules
 * for its public URL, title and time zone.
 */
import { IANAZone } from 'luxon'
import type { HugoSettings } from './hugo/config.js'
import type { JekyllSettings } from './jekyll/config.js'
import { stringValue, withoutUndefined } from './values.js'
import type { Problem } from '../types.js'

/** What the site's configuration and the action's inputs say about the site. */
export interface Site {
  /**
   * The name of the generator module that builds the site
   * (generators.ts): `jekyll`, `hugo` or `other`.
   */
  generator: string
  /** The config file the settings came from, relative to the site root. */
  configFile?: string
  /**
   * The published site's base URL including any sub-path, without a
   * trailing slash: `https://example.org/blog`. Undefined when neither the
   * input nor the config gives one.
   */
  url?: string
  /** Site title (TrackBack `blog_name`), when the config has one. */
  title?: string
  /** IANA zone the generator uses for dates without an offset. */
  timezone?: string
  /** URL pattern for generators other than Jekyll and Hugo (`permalink` input). */
  permalink?: string
  jekyll?: JekyllSettings
  hugo?: HugoSettings
}

/** What the action's inputs say about the site; each wins over the config. */
export interface SiteOverrides {
  /** The published base URL (with any sub-path), replacing the config's. */
  siteUrl?: string
  /** URL pattern; for Jekyll it also replaces the config's `permalink`. */
  permalink?: string
  /** Blog name, replacing the config's `title`. */
  blogName?: string
}

/** A Site read from its config, and the problems met on the way. */
export interface LoadedSite {
  site: Site
  problems: Problem[]
}

/** What a generator's config says of the site as a whole. */
export interface SiteConfig {
  /** The config file read, relative to the site root. */
  configFile?: string
  /** The base URL (siteUrlFrom's). */
  url?: string
  /** The config's title and time zone settings, as written. */
  title?: unknown
  timezone?: unknown
}

/**
 * Pure: the generator-neutral part of a Site from its config; the inputs'
 * blog name and permalink win over it. Keys without a value are left out.
 */
export function configuredSite(
  generator: string,
  config: SiteConfig,
  overrides: SiteOverrides
): Site {
  return withoutUndefined({
    generator,
    configFile: config.configFile,
    url: config.url,
    title: overrides.blogName ?? siteTitle(config.title),
    timezone: stringValue(config.timezone),
    permalink: overrides.permalink
  })
}

/** The extensions of the post sources the action reads (Markdown, HTML). */
export const POST_EXTENSIONS = ['md', 'markdown', 'html'] as const

/** The same as a glob alternative: `{md,markdown,html}`. */
export const POST_EXTENSIONS_GLOB = `{${POST_EXTENSIONS.join(',')}}`

/**
 * Pure: the site's base URL: the site-url input when set, else the
 * config's URL (plus `path`, e.g. Jekyll's `baseurl`), else undefined.
 */
export function siteUrlFrom(
  overrides: SiteOverrides,
  configured?: string,
  path = ''
): string | undefined {
  if (overrides.siteUrl !== undefined && overrides.siteUrl.trim() !== '') {
    return normaliseSiteUrl(overrides.siteUrl)
  }
  if (configured !== undefined && configured.trim() !== '') {
    return normaliseSiteUrl(configured) + path
  }
  return undefined
}

/**
 * Pure: a base URL without trailing slashes: `https://example.org/blog/` →
 * `https://example.org/blog`.
 */
export function normaliseSiteUrl(url: string): string {
  return url.trim().replace(/\/+$/, '')
}

/**
 * A config's `title`, or undefined when blank: `jekyll new --blank` writes
 * `title: ""`, and a ping's blog_name should then fall back to the
 * repository name rather than be empty.
 */
function siteTitle(value: unknown): string | undefined {
  const title = stringValue(value)?.trim()
  return title ? title : undefined
}

/** The problem with the site's time zone, when it names none Luxon knows. */
export function zoneProblems(site: Site): Problem[] {
  if (site.timezone === undefined || IANAZone.isValidZone(site.timezone)) {
    return []
  }
  return [
    {
      file: site.configFile ?? '',
      message: `Unknown time zone '${site.timezone}'. Expected an IANA zone name such as Europe/Berlin.`
    }
  ]
}
