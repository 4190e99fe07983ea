/**
 * Site configuration: which generator builds the site and the settings that
 * decide post URLs and publication.
 *
 * `loadSite` is the adapter (it reads files); everything else here is pure and
 * works on already-parsed config objects, so tests hand in plain data.
 */
import { readdir, readFile, stat } from 'node:fs/promises'
import { join, relative, sep } from 'node:path'
import { IANAZone } from 'luxon'
import picomatch from 'picomatch'
import { parse as parseToml, TomlError } from 'smol-toml'
import { parseDocument } from 'yaml'
import type { HugoSettings, JekyllSettings, Problem, Site } from '../types.js'
import { errorMessage } from '../util.js'

/** What the action's inputs say about the site; each wins over the config. */
export interface SiteOverrides {
  /** The published base URL (with any sub-path), replacing the config's. */
  siteUrl?: string
  /** URL pattern; for Jekyll it also replaces the config's `permalink`. */
  permalink?: string
  /** Blog name, replacing the config's `title`. */
  blogName?: string
}

/** A config object parsed from a file, or the problem that stopped it. */
export interface ParsedConfig {
  data?: Record<string, unknown>
  problem?: Problem
}

/** Config file syntaxes the generators accept. */
export type ConfigFormat = 'yaml' | 'toml' | 'json'

/** Jekyll looks for these, first one found wins (`Configuration#config_files`). */
const JEKYLL_CONFIG_FILES = ['_config.yml', '_config.yaml', '_config.toml']

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

/** Jekyll's built-in permalink styles (`Configuration#style_to_permalink`). */
export const JEKYLL_PERMALINK_STYLES: Readonly<Record<string, string>> = {
  date: '/:categories/:year/:month/:day/:title:output_ext',
  pretty: '/:categories/:year/:month/:day/:title/',
  ordinal: '/:categories/:year/:y_day/:title:output_ext',
  weekdate: '/:categories/:year/W:week/:short_day/:title:output_ext',
  none: '/:categories/:title:output_ext'
}

/**
 * Read the generator's config under `root` (absolute) and build the Site.
 * Never throws for broken config: returns problems (file + line + message)
 * and a Site with what could be read.
 */
export async function loadSite(
  root: string,
  overrides: SiteOverrides
): Promise<{ site: Site; problems: Problem[] }> {
  const problems: Problem[] = []

  const jekyllFile = await firstExisting(root, JEKYLL_CONFIG_FILES)
  if (jekyllFile !== undefined || (await isDirectory(join(root, '_posts')))) {
    let config: Record<string, unknown> = {}
    if (jekyllFile !== undefined) {
      const parsed = await readConfig(root, jekyllFile)
      if (parsed.problem) problems.push(parsed.problem)
      config = parsed.data ?? {}
    }
    const site = jekyllSite(config, overrides, jekyllFile)
    problems.push(...zoneProblems(site, jekyllFile))
    return { site, problems }
  }

  const hugo = await readHugoConfig(root)
  problems.push(...hugo.problems)
  if (hugo.found) {
    const site = hugoSite(hugo.config, overrides, hugo.configFile)
    problems.push(...zoneProblems(site, hugo.configFile))
    if (site.hugo) {
      site.hugo.sections = await hugoSectionDirs(root, site.hugo.contentDir)
    }
    return { site, problems }
  }

  return { site: otherSite(overrides), problems }
}

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

/** Pure: build a Jekyll Site from a parsed `_config.yml`. */
export function jekyllSite(
  config: Record<string, unknown>,
  overrides: SiteOverrides,
  configFile?: string
): Site {
  const baseurl = normaliseBasePath(stringValue(config.baseurl) ?? '')
  const configUrl = stringValue(config.url)
  const url =
    overrides.siteUrl !== undefined && overrides.siteUrl.trim() !== ''
      ? normaliseSiteUrl(overrides.siteUrl)
      : configUrl !== undefined && configUrl.trim() !== ''
        ? normaliseSiteUrl(configUrl) + baseurl
        : undefined

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

  return withoutUndefined({
    generator: 'jekyll',
    configFile,
    url,
    title: overrides.blogName ?? siteTitle(config.title),
    timezone: stringValue(config.timezone),
    permalink: overrides.permalink,
    jekyll
  })
}

/** Pure: build a Hugo Site from a parsed (merged) Hugo config. */
export function hugoSite(
  config: Record<string, unknown>,
  overrides: SiteOverrides,
  configFile?: string
): Site {
  // Hugo treats config keys case-insensitively (`baseURL` = `baseurl`).
  const c = lowerCaseKeys(config)
  const baseURL = stringValue(c.baseurl)
  const url =
    overrides.siteUrl !== undefined && overrides.siteUrl.trim() !== ''
      ? normaliseSiteUrl(overrides.siteUrl)
      : baseURL !== undefined && baseURL.trim() !== ''
        ? normaliseSiteUrl(baseURL)
        : undefined

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

  return withoutUndefined({
    generator: 'hugo',
    configFile,
    url,
    title: overrides.blogName ?? siteTitle(c.title),
    timezone: stringValue(c.timezone),
    permalink: overrides.permalink,
    hugo
  })
}

/** Pure: the Site of a generator we know nothing about: inputs only. */
export function otherSite(overrides: SiteOverrides): Site {
  return withoutUndefined({
    generator: 'other',
    url:
      overrides.siteUrl !== undefined && overrides.siteUrl.trim() !== ''
        ? normaliseSiteUrl(overrides.siteUrl)
        : undefined,
    title: overrides.blogName,
    permalink: overrides.permalink
  })
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

/** Pure: the `defaults:` list, keeping only well-formed entries. */
export function jekyllDefaults(value: unknown): JekyllSettings['defaults'] {
  if (!Array.isArray(value)) return []
  const out: JekyllSettings['defaults'] = []
  for (const entry of value) {
    const record = asRecord(entry)
    const values = asRecord(record?.values)
    if (!record || !values) continue
    const scope = asRecord(record.scope) ?? {}
    const path = stringValue(scope.path)
    const type = stringValue(scope.type)
    out.push({
      scope: withoutUndefined({ path, type }),
      values
    })
  }
  return out
}

/**
 * Pure: Jekyll front matter defaults that apply to a source file, merged in
 * Jekyll's order of precedence (`FrontmatterDefaults#all`): a longer scope
 * path wins; with equal paths a scope naming a type wins; otherwise the later
 * entry wins.
 */
export function jekyllDefaultsFor(
  path: string,
  site: Site
): Record<string, unknown> {
  const sets = site.jekyll?.defaults ?? []
  const type = jekyllDocumentType(path)
  let merged: Record<string, unknown> = {}
  let winner: { path?: string; type?: string } | undefined
  for (const set of sets) {
    if (!scopeAppliesToPath(set.scope.path, path)) continue
    if (!scopeAppliesToType(set.scope.type, type)) continue
    if (hasPrecedence(winner, set.scope)) {
      merged = deepMerge(merged, set.values)
      winner = set.scope
    } else {
      merged = deepMerge(set.values, merged)
    }
  }
  return merged
}

/**
 * Pure: front matter as Jekyll sees it: defaults under the file's own values
 * (hashes merged deeply, `null` keeping the default) and `categories` as the
 * union of both, the way `Document#merge_data!` combines them.
 */
export function applyJekyllDefaults(
  path: string,
  data: Record<string, unknown>,
  site: Site
): Record<string, unknown> {
  const defaults = jekyllDefaultsFor(path, site)
  const merged = deepMerge(defaults, data)
  if ('categories' in defaults || 'categories' in data) {
    const union: string[] = []
    for (const list of [defaults.categories, data.categories]) {
      for (const c of categoryList(list)) if (!union.includes(c)) union.push(c)
    }
    merged.categories = union
  }
  return merged
}

/** Pure: `categories:` as a list; a string is split on whitespace. */
export function categoryList(value: unknown): string[] {
  if (value === undefined || value === null) return []
  if (typeof value === 'string') return value.split(/\s+/).filter(Boolean)
  if (Array.isArray(value)) {
    return value
      .flat(Infinity)
      .filter((v) => v !== null && v !== undefined)
      .map((v) => String(v))
  }
  return [String(value)]
}

/**
 * Pure: parse config text. YAML is read as YAML 1.1 (as Ruby's Psych does) with
 * timestamps left as strings; errors come back as a Problem with a line.
 */
export function parseConfigText(
  text: string,
  format: ConfigFormat,
  file: string
): ParsedConfig {
  if (format === 'yaml') {
    const doc = parseDocument(text, {
      version: '1.1',
      customTags: (tags) =>
        tags.filter(
          (t) =>
            typeof t === 'string' || t.tag !== 'tag:yaml.org,2002:timestamp'
        )
    })
    const error = doc.errors[0]
    if (error) {
      return {
        problem: {
          file,
          line: error.linePos?.[0].line,
          message: `Invalid YAML: ${firstLine(error.message)}`
        }
      }
    }
    try {
      const data: unknown = doc.toJS()
      return { data: asRecord(data) ?? {} }
    } catch (e) {
      // An alias to an anchor that is not (yet) defined fails only here.
      const message = errorMessage(e)
      const alias = /: (\S+)$/.exec(message)?.[1]
      const at = alias === undefined ? -1 : text.indexOf(`*${alias}`)
      return {
        problem: withoutUndefined({
          file,
          line: at < 0 ? undefined : text.slice(0, at).split('\n').length,
          message: `Invalid YAML: ${firstLine(message)}`
        })
      }
    }
  }
  if (format === 'toml') {
    try {
      return { data: parseToml(text) as Record<string, unknown> }
    } catch (e) {
      const line = e instanceof TomlError ? e.line : undefined
      return {
        problem: withoutUndefined({
          file,
          line,
          message: `Invalid TOML: ${firstLine(errorMessage(e))}`
        })
      }
    }
  }
  try {
    const data: unknown = JSON.parse(text)
    return { data: asRecord(data) ?? {} }
  } catch (e) {
    const message = errorMessage(e)
    return {
      problem: withoutUndefined({
        file,
        line: jsonErrorLine(text, message),
        message: `Invalid JSON: ${firstLine(message)}`
      })
    }
  }
}

/**
 * Pure: a base URL without trailing slashes: `https://example.org/blog/` →
 * `https://example.org/blog`.
 */
export function normaliseSiteUrl(url: string): string {
  return url.trim().replace(/\/+$/, '')
}

/** Pure: Jekyll's `baseurl` as `/path` (or '' for none): `blog/` → `/blog`. */
export function normaliseBasePath(baseurl: string): string {
  const trimmed = trimSlashes(baseurl.trim())
  return trimmed === '' ? '' : `/${trimmed}`
}

/**
 * Pure: a YAML-1.1-style boolean: real booleans, or (defensively) the strings
 * Psych reads as booleans: true/yes/on and false/no/off, any case.
 */
export function booleanValue(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value
  if (typeof value !== 'string') return undefined
  const v = value.trim().toLowerCase()
  if (v === 'true' || v === 'yes' || v === 'on') return true
  if (v === 'false' || v === 'no' || v === 'off') return false
  return undefined
}

// ---------------------------------------------------------------- adapters

async function readHugoConfig(root: string): Promise<{
  found: boolean
  config: Record<string, unknown>
  configFile?: string
  problems: Problem[]
}> {
  const problems: Problem[] = []
  let found = false
  let config: Record<string, unknown> = {}
  let configFile: string | undefined

  // The config directory: `config/_default/hugo.*|config.*` plus one file per
  // top-level key (`permalinks.toml` → `[permalinks]`).
  const dir = 'config/_default'
  if (await isDirectory(join(root, dir))) {
    found = true
    const names = (await readdir(join(root, dir))).sort()
    for (const name of names) {
      const format = configFormat(name)
      if (!format) continue
      const file = `${dir}/${name}`
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
  }

  // A root config file wins over the config directory.
  const rootFile = await firstExisting(root, HUGO_CONFIG_FILES)
  if (rootFile !== undefined) {
    const parsed = await readConfig(root, rootFile)
    const isHugoName = rootFile.startsWith('hugo.')
    if (parsed.problem) {
      // A broken `hugo.*`/`config.*` is still Hugo's: report it as such.
      problems.push(parsed.problem)
      found = true
      configFile = rootFile
    } else if (
      isHugoName ||
      found ||
      Object.keys(parsed.data ?? {}).some((k) => HUGO_KEYS.has(k.toLowerCase()))
    ) {
      found = true
      config = deepMerge(config, parsed.data ?? {})
      configFile = rootFile
    }
  }
  return withoutUndefined({ found, config, configFile, problems })
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

async function readConfig(root: string, file: string): Promise<ParsedConfig> {
  const format = configFormat(file)
  if (!format) return { data: {} }
  try {
    const text = await readFile(join(root, file), 'utf8')
    return parseConfigText(text, format, file)
  } catch (e) {
    return {
      problem: {
        file,
        message: `Cannot read config: ${errorMessage(e)}`
      }
    }
  }
}

async function firstExisting(
  root: string,
  names: string[]
): Promise<string | undefined> {
  for (const name of names) {
    try {
      if ((await stat(join(root, name))).isFile()) return name
    } catch {
      // not there: try the next name
    }
  }
  return undefined
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory()
  } catch {
    return false
  }
}

function zoneProblems(site: Site, file: string | undefined): Problem[] {
  if (site.timezone === undefined || IANAZone.isValidZone(site.timezone)) {
    return []
  }
  return [
    {
      file: file ?? '',
      message: `Unknown time zone '${site.timezone}'. Expected an IANA zone name such as Europe/Berlin.`
    }
  ]
}

// ---------------------------------------------------------------- helpers

function configFormat(name: string): ConfigFormat | undefined {
  if (/\.ya?ml$/i.test(name)) return 'yaml'
  if (/\.toml$/i.test(name)) return 'toml'
  if (/\.json$/i.test(name)) return 'json'
  return undefined
}

/** Jekyll's document type for defaults: posts (and drafts) or pages. */
function jekyllDocumentType(path: string): string {
  return /(^|\/)_(posts|drafts)\//.test(path) ? 'posts' : 'pages'
}

/**
 * Jekyll matches a scope path as a plain string prefix of the file's path
 * (`path_is_subpath?`), and a path with `*` as a glob over existing files and
 * folders; a glob matching the file or one of its folders applies.
 */
function scopeAppliesToPath(
  scopePath: string | undefined,
  path: string
): boolean {
  if (scopePath === undefined || scopePath === '') return true
  const scope = scopePath.replace(/^\.?\/+/, '')
  if (scope === '') return true
  if (scope.includes('*')) {
    const isMatch = picomatch(scope.replace(/\/+$/, ''), { dot: true })
    const parts = path.split('/')
    for (let i = 1; i <= parts.length; i++) {
      if (isMatch(parts.slice(0, i).join('/'))) return true
    }
    return false
  }
  return path.startsWith(scope)
}

/** Jekyll still accepts the singular legacy type names. */
function scopeAppliesToType(
  scopeType: string | undefined,
  type: string
): boolean {
  if (scopeType === undefined) return true
  const legacy: Record<string, string> = { post: 'posts', page: 'pages' }
  return (legacy[scopeType] ?? scopeType) === type
}

function hasPrecedence(
  old: { path?: string; type?: string } | undefined,
  next: { path?: string; type?: string }
): boolean {
  if (old === undefined) return true
  const oldPath = (old.path ?? '').replace(/^\.?\/+/, '')
  const newPath = (next.path ?? '').replace(/^\.?\/+/, '')
  if (newPath.length !== oldPath.length) return newPath.length >= oldPath.length
  if (next.type !== undefined) return true
  return old.type === undefined
}

/** Hash-deep merge where `over` wins, except that `null` keeps the base. */
export function deepMerge(
  base: Record<string, unknown>,
  over: Record<string, unknown>
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base }
  for (const [key, value] of Object.entries(over)) {
    const old = out[key]
    if (value === null || value === undefined) {
      if (!(key in out)) out[key] = value
      continue
    }
    const a = asRecord(old)
    const b = asRecord(value)
    out[key] = a && b ? deepMerge(a, b) : value
  }
  return out
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

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof Date)
    ? (value as Record<string, unknown>)
    : undefined
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

function stringValue(value: unknown): string | undefined {
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') {
    return String(value)
  }
  return undefined
}

/** A config list of strings (Jekyll refuses anything but an array). */
function stringList(value: unknown): string[] {
  if (!Array.isArray(value)) return []
  return value.flatMap((v) => {
    const s = stringValue(v)
    return s === undefined || s === '' ? [] : [s]
  })
}

function trimSlashes(value: string): string {
  return value.replace(/^\/+|\/+$/g, '')
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message
}

/** V8 reports either `(line N column M)` or `at position N`. */
function jsonErrorLine(text: string, message: string): number | undefined {
  const line = /line (\d+)/.exec(message)
  if (line?.[1]) return Number(line[1])
  const position = /position (\d+)/.exec(message)
  if (position?.[1]) {
    return text.slice(0, Number(position[1])).split('\n').length
  }
  return undefined
}

function withoutUndefined<T extends object>(value: T): T {
  const out: Record<string, unknown> = {}
  for (const [key, entry] of Object.entries(value)) {
    if (entry !== undefined) out[key] = entry
  }
  return out as T
}
