/**
 * Jekyll's configuration: finding and reading `_config.yml` into the Site,
 * with Jekyll's defaults. `jekyllSite` is pure; `loadJekyll` reads files.
 */
import { join } from 'node:path'
import { firstExisting, isDirectory, readConfig } from '../config-file.js'
import { configuredSite, siteUrlFrom } from '../site.js'
import type { LoadedSite, Site, SiteOverrides } from '../site.js'
import {
  asRecord,
  booleanValue,
  stringList,
  stringValue,
  trimSlashes
} from '../values.js'
import { jekyllDefaults } from './defaults.js'
import type { JekyllDefaults } from './defaults.js'
import type { Problem } from '../../types.js'

/** Jekyll settings that decide post URLs and publication (from `_config.yml`). */
export interface JekyllSettings {
  /** `permalink:` (a built-in style name or a pattern); default `date`. */
  permalink: string
  /** `collections.posts.permalink`, which wins over `permalink` for posts. */
  collectionPermalink?: string
  /** `baseurl:` (path prefix), '' when unset. */
  baseurl: string
  /** Front matter defaults: applied when the scope matches the post. */
  defaults: JekyllDefaults
  /** `future: true` publishes future-dated posts. */
  future: boolean
  /** `excerpt_separator:`; default a blank line (first paragraph). */
  excerptSeparator: string
  /**
   * `exclude:` patterns with Jekyll's defaults added (Jekyll 4 always adds
   * them); paths matching one are not read, posts included.
   */
  exclude?: string[]
  /** `include:` patterns, which win over `exclude:`. */
  include?: string[]
}

/** Jekyll looks for these, first one found wins (`Configuration#config_files`). */
const JEKYLL_CONFIG_FILES = ['_config.yml', '_config.yaml', '_config.toml']

/**
 * What Jekyll 4 excludes on top of a site's own `exclude:` list
 * (`Configuration::DEFAULT_EXCLUDES`, added even when the site sets one).
 */
export const JEKYLL_EXCLUDES = [
  '.sass-cache',
  '.jekyll-cache',
  'gemfiles',
  'Gemfile',
  'Gemfile.lock',
  'node_modules',
  'vendor/bundle/',
  'vendor/cache/',
  'vendor/gems/',
  'vendor/ruby/'
]

/**
 * A Jekyll site: one with a `_config.*` file or a `_posts` folder, read
 * into a Site; undefined for any other site.
 */
export async function loadJekyll(
  root: string,
  overrides: SiteOverrides
): Promise<LoadedSite | undefined> {
  const file = await firstExisting(root, JEKYLL_CONFIG_FILES)
  if (file === undefined && !(await isDirectory(join(root, '_posts')))) {
    return undefined
  }
  const problems: Problem[] = []
  let config: Record<string, unknown> = {}
  if (file !== undefined) {
    const parsed = await readConfig(root, file)
    if (parsed.problem) problems.push(parsed.problem)
    config = parsed.data ?? {}
  }
  return { site: jekyllSite(config, overrides, file), problems }
}

/** Pure: build a Jekyll Site from a parsed `_config.yml`. */
export function jekyllSite(
  config: Record<string, unknown>,
  overrides: SiteOverrides,
  configFile?: string
): Site {
  const baseurl = normaliseBasePath(stringValue(config.baseurl) ?? '')
  const url = siteUrlFrom(overrides, stringValue(config.url), baseurl)

  const collections = asRecord(config.collections)
  const posts = asRecord(collections?.posts)
  const collectionPermalink = stringValue(posts?.permalink)

  const jekyll: JekyllSettings = {
    permalink: overrides.permalink ?? stringValue(config.permalink) ?? 'date',
    // The input is the user's last word: it must win over the collection's
    // pattern too, which Jekyll would otherwise prefer for posts.
    collectionPermalink:
      overrides.permalink !== undefined ? undefined : collectionPermalink,
    baseurl,
    defaults: jekyllDefaults(config.defaults),
    future: booleanValue(config.future) ?? false,
    excerptSeparator: stringValue(config.excerpt_separator) ?? '\n\n',
    exclude: [...new Set([...stringList(config.exclude), ...JEKYLL_EXCLUDES])],
    include: stringList(config.include)
  }

  const { title, timezone } = config
  const read = { configFile, url, title, timezone }
  return { ...configuredSite('jekyll', read, overrides), jekyll }
}

/** Pure: Jekyll's `baseurl` as `/path` (or '' for none): `blog/` → `/blog`. */
export function normaliseBasePath(baseurl: string): string {
  const trimmed = trimSlashes(baseurl.trim())
  return trimmed === '' ? '' : `/${trimmed}`
}
