/**
 * Hugo's configuration: finding and merging its config files (root
 * `hugo.*`/`config.*`, the `config/_default` folder) into the Site, with
 * Hugo's defaults, and listing its sections. `hugoSite` and
 * `hugoPagePermalinks` are pure; `loadHugo` reads files.
 */
import { readdir } from 'node:fs/promises'
import { join, relative, sep } from 'node:path'
import {
  configFormat,
  firstExisting,
  isDirectory,
  readConfig
} from '../config-file.js'
import { configuredSite, siteUrlFrom } from '../site.js'
import type { LoadedSite, Site, SiteOverrides } from '../site.js'
import {
  asRecord,
  booleanValue,
  deepMerge,
  stringValue,
  trimSlashes,
  withoutUndefined
} from '../values.js'
import type { Problem } from '../../types.js'

/** Hugo settings that decide page URLs and publication. */
export interface HugoSettings {
  /** `[permalinks]` (section → pattern; also `page` sub-table forms). */
  permalinks: Record<string, string>
  uglyURLs: boolean
  disablePathToLower: boolean
  removePathAccents: boolean
  /** `contentDir`, default `content`. */
  contentDir: string
  buildFuture: boolean
  buildDrafts: boolean
  buildExpired: boolean
  defaultContentLanguage: string
  defaultContentLanguageInSubdir: boolean
  /** Language codes configured under `[languages]`. */
  languages: string[]
  /**
   * Folders under the content dir (relative, `/`-separated) holding an
   * `_index.*` file: below the top level, only these are sections.
   */
  sections?: string[]
  /** `summaryLength`: words in an automatic summary (default 70). */
  summaryLength?: number
}

/** Hugo's root config names, in the order Hugo tries them. */
const HUGO_CONFIG_FILES = [
  'hugo.toml',
  'hugo.yaml',
  'hugo.yml',
  'hugo.json',
  'config.toml',
  'config.yaml',
  'config.yml',
  'config.json'
]

/**
 * Top-level keys that mark a `config.*` file as Hugo's (lower-cased, as Hugo
 * treats config keys case-insensitively). A bare `config.toml` may belong to
 * another tool, so we ask for at least one of these.
 */
const HUGO_KEYS = new Set([
  'baseurl',
  'languagecode',
  'theme',
  'contentdir',
  'permalinks',
  'params',
  'taxonomies',
  'defaultcontentlanguage',
  'module',
  'markup',
  'menus',
  'menu',
  'uglyurls',
  'disablepathtolower',
  'builddrafts',
  'buildfuture',
  'languages',
  'outputs',
  'timezone',
  'paginate',
  'pagination'
])

/** The config folder Hugo merges under the root config file. */
const HUGO_CONFIG_DIR = 'config/_default'

/** The merged Hugo config, or nothing found; with the problems met. */
interface HugoConfig {
  found: boolean
  config: Record<string, unknown>
  configFile?: string
  problems: Problem[]
}

/**
 * A Hugo site: one with a Hugo config, read into a Site with its sections;
 * undefined for any other site.
 */
export async function loadHugo(
  root: string,
  overrides: SiteOverrides
): Promise<LoadedSite | undefined> {
  const dir = await readHugoConfigDir(root)
  const hugo = await readHugoRootConfig(root, dir)
  if (!hugo.found) return undefined
  const site = hugoSite(hugo.config, overrides, hugo.configFile)
  if (site.hugo) {
    site.hugo.sections = await hugoSectionDirs(root, site.hugo.contentDir)
  }
  return { site, problems: hugo.problems }
}

/** Pure: build a Hugo Site from a parsed (merged) Hugo config. */
export function hugoSite(
  config: Record<string, unknown>,
  overrides: SiteOverrides,
  configFile?: string
): Site {
  // Hugo treats config keys case-insensitively (`baseURL` = `baseurl`).
  const c = lowerCaseKeys(config)
  const url = siteUrlFrom(overrides, stringValue(c.baseurl))

  const hugo: HugoSettings = {
    permalinks: hugoPagePermalinks(c.permalinks),
    // `uglyURLs` may also be a per-section map in recent Hugo; a map cannot
    // be represented by the shared boolean, so it counts as false.
    uglyURLs: booleanValue(c.uglyurls) ?? false,
    disablePathToLower: booleanValue(c.disablepathtolower) ?? false,
    removePathAccents: booleanValue(c.removepathaccents) ?? false,
    contentDir: trimSlashes(stringValue(c.contentdir) ?? 'content') || '.',
    buildFuture: booleanValue(c.buildfuture) ?? false,
    buildDrafts: booleanValue(c.builddrafts) ?? false,
    buildExpired: booleanValue(c.buildexpired) ?? false,
    defaultContentLanguage: (
      stringValue(c.defaultcontentlanguage) ?? 'en'
    ).toLowerCase(),
    defaultContentLanguageInSubdir:
      booleanValue(c.defaultcontentlanguageinsubdir) ?? false,
    languages: Object.keys(asRecord(c.languages) ?? {})
  }
  const summaryLength = Number(c.summarylength)
  if (Number.isInteger(summaryLength) && summaryLength >= 0) {
    hugo.summaryLength = summaryLength
  }

  const read = { configFile, url, title: c.title, timezone: c.timezone }
  return { ...configuredSite('hugo', read, overrides), hugo }
}

/**
 * Pure: the `[permalinks]` patterns that apply to regular pages, keyed by
 * section. Hugo accepts the legacy `section = pattern` form (which applies to
 * pages and terms) and the newer `[permalinks.page]` table; the latter wins
 * when both name a section. Section/taxonomy/term tables are not for posts.
 * The `[permalinks.page]` form follows the current Hugo documentation:
 * Hugo 0.111 (the oracle suite's) cannot build it, so it is unit-tested.
 * Not read: the newest list form (`[[permalinks]]` with `target`/`pattern`).
 */
export function hugoPagePermalinks(value: unknown): Record<string, string> {
  const table = asRecord(value)
  if (!table) return {}
  const legacy: Record<string, string> = {}
  const page: Record<string, string> = {}
  for (const [key, entry] of Object.entries(table)) {
    if (typeof entry === 'string') {
      legacy[key.toLowerCase()] = entry
    } else if (key.toLowerCase() === 'page') {
      for (const [section, pattern] of Object.entries(asRecord(entry) ?? {})) {
        if (typeof pattern === 'string') page[section.toLowerCase()] = pattern
      }
    }
  }
  return { ...legacy, ...page }
}

// ---------------------------------------------------------------- adapters

/**
 * The config directory: `config/_default/hugo.*|config.*` plus one file per
 * top-level key (`permalinks.toml` → `[permalinks]`).
 */
async function readHugoConfigDir(root: string): Promise<HugoConfig> {
  const problems: Problem[] = []
  let config: Record<string, unknown> = {}
  let configFile: string | undefined
  if (!(await isDirectory(join(root, HUGO_CONFIG_DIR)))) {
    return { found: false, config, problems }
  }
  const names = (await readdir(join(root, HUGO_CONFIG_DIR))).sort()
  for (const name of names) {
    if (!configFormat(name)) continue
    const file = `${HUGO_CONFIG_DIR}/${name}`
    const parsed = await readConfig(root, file)
    if (parsed.problem) problems.push(parsed.problem)
    const data = parsed.data ?? {}
    const key = name.slice(0, name.lastIndexOf('.')).toLowerCase()
    if (key === 'hugo' || key === 'config') {
      config = deepMerge(config, data)
      configFile ??= file
    } else {
      config = deepMerge(config, { [key]: data })
    }
  }
  return withoutUndefined({ found: true, config, configFile, problems })
}

/** The root config file, which wins over the config directory `dir`. */
async function readHugoRootConfig(
  root: string,
  dir: HugoConfig
): Promise<HugoConfig> {
  const rootFile = await firstExisting(root, HUGO_CONFIG_FILES)
  if (rootFile === undefined) return dir
  const parsed = await readConfig(root, rootFile)
  const problems = [...dir.problems]
  if (parsed.problem) {
    // A broken `hugo.*`/`config.*` is still Hugo's: report it as such.
    problems.push(parsed.problem)
    return { ...dir, found: true, configFile: rootFile, problems }
  }
  const data = parsed.data ?? {}
  if (
    rootFile.startsWith('hugo.') ||
    dir.found ||
    Object.keys(data).some((k) => HUGO_KEYS.has(k.toLowerCase()))
  ) {
    const config = deepMerge(dir.config, data)
    return { found: true, config, configFile: rootFile, problems }
  }
  return dir
}

/**
 * Folders under the content dir holding an `_index.*` file (branch
 * bundles), relative to it: Hugo's nested sections. [] when unreadable.
 */
async function hugoSectionDirs(
  root: string,
  contentDir: string
): Promise<string[]> {
  const dir = join(root, contentDir)
  try {
    const entries = await readdir(dir, { recursive: true, withFileTypes: true })
    const out = new Set<string>()
    for (const entry of entries) {
      if (!entry.isFile() || !/^_index\.[^/]+$/.test(entry.name)) continue
      const rel = relative(dir, entry.parentPath).split(sep).join('/')
      if (rel !== '') out.add(rel)
    }
    return [...out].sort()
  } catch {
    return []
  }
}

function lowerCaseKeys(
  value: Record<string, unknown>
): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [key, entry] of Object.entries(value)) {
    const record = asRecord(entry)
    out[key.toLowerCase()] = record ? lowerCaseKeys(record) : entry
  }
  return out
}
