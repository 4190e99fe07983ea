/**
 * Hugo 0.111's languages: reading `[languages]` (weights, `contentDir`,
 * `baseURL`, `disabled`) and `disableLanguages` into the content folders
 * each language reads (`modules.ApplyProjectConfigDefaults`), and a
 * language's link prefix and base URL (`getLanguagePermalinkLang`,
 * multihost). Pure.
 */
import type { BuiltRoot } from '../generator.js'
import type { Site } from '../site.js'
import { normaliseSiteUrl } from '../site.js'
import { asRecord, booleanValue, stringList, stringValue } from '../values.js'

/** A content folder and the language of the files in it without a suffix. */
export interface ContentMount {
  /** Relative to the site root, `/`-separated; `.` for the root. */
  dir: string
  lang: string
}

/** What the language settings decide for page URLs. */
export interface HugoLanguageSettings {
  /** Configured language codes (lower case), enabled or not. */
  languages: string[]
  /** Languages switched off (`disableLanguages`, `disabled: true`). */
  disabledLanguages: string[]
  /** Content folders, each with its language, in Hugo's order. */
  contentMounts: ContentMount[]
  /**
   * Each language's own `baseURL` (no trailing slash) when every language
   * has one (multihost): each is its own site, built into `public/<lang>/`.
   */
  languageBaseUrls?: Record<string, string>
  /** The default language's own `baseURL`, when it has one. */
  defaultBaseUrl?: string
}

interface LanguageEntry {
  code: string
  weight: number
  contentDir?: string
  baseUrl?: string
  disabled: boolean
}

/** `./a/b/` → `a/b`; the root is `.` (Go's `filepath.Clean`, roughly). */
export function cleanDir(dir: string): string {
  const parts = dir.split('/').filter((p) => p !== '' && p !== '.')
  return parts.length === 0 ? '.' : parts.join('/')
}

/**
 * Pure: the language settings from a config whose keys are lower-cased:
 * `languages` sorted as Hugo sorts them (weight, 0 last, then code), the
 * default language first for the content folders; a language without its
 * own `contentDir` reads the global one, and each folder is read once, in
 * the language of the first language reading it.
 */
export function hugoLanguageSettings(
  c: Record<string, unknown>,
  defaultLang: string,
  contentDir: string
): HugoLanguageSettings {
  const table = asRecord(c.languages) ?? {}
  const off = stringList(c.disablelanguages).map((l) => l.toLowerCase())
  const entries: LanguageEntry[] = Object.entries(table).map(([key, raw]) => {
    const code = key.toLowerCase()
    const l = asRecord(raw) ?? {}
    const dir = stringValue(l.contentdir)
    const base = stringValue(l.baseurl)
    return {
      code,
      weight: Number(l.weight) || 0,
      ...(dir !== undefined ? { contentDir: cleanDir(dir) } : {}),
      ...(base !== undefined ? { baseUrl: normaliseSiteUrl(base) } : {}),
      disabled: booleanValue(l.disabled) === true || off.includes(code)
    }
  })
  entries.sort(byWeight)
  const all = entries.length > 0 ? entries : [defaultEntry(defaultLang)]
  const defaultFirst = [
    ...all.filter((e) => e.code === defaultLang),
    ...all.filter((e) => e.code !== defaultLang)
  ]
  const contentMounts: ContentMount[] = []
  for (const e of defaultFirst) {
    const dir = e.contentDir ?? contentDir
    if (!contentMounts.some((m) => m.dir === dir)) {
      contentMounts.push({ dir, lang: e.code })
    }
  }
  const settings: HugoLanguageSettings = {
    languages: entries.map((e) => e.code),
    disabledLanguages: entries.filter((e) => e.disabled).map((e) => e.code),
    contentMounts
  }
  const ownBase = entries.find((e) => e.code === defaultLang)?.baseUrl
  if (ownBase !== undefined) settings.defaultBaseUrl = ownBase
  if (entries.length > 1 && entries.some((e) => e.baseUrl !== undefined)) {
    settings.languageBaseUrls = Object.fromEntries(
      entries.map((e) => [e.code, e.baseUrl ?? ''])
    )
  }
  return settings
}

function defaultEntry(code: string): LanguageEntry {
  return { code, weight: 0, disabled: false }
}

/** `Languages.Less`: by weight (0 last), then by code. */
function byWeight(a: LanguageEntry, b: LanguageEntry): number {
  if (a.weight === b.weight) return a.code < b.code ? -1 : 1
  if (a.weight === 0) return 1
  if (b.weight === 0) return -1
  return a.weight - b.weight
}

/** The languages Hugo builds: configured (or the default) minus disabled. */
export function hugoEnabledLanguages(site: Site): string[] {
  const hugo = site.hugo
  if (!hugo) return []
  const configured =
    hugo.languages.length > 0 ? hugo.languages : [hugo.defaultContentLanguage]
  const off = hugo.disabledLanguages ?? []
  return configured.filter((l) => !off.includes(l))
}

/** Where a language's links go: a path prefix, and its own base URL. */
export interface LanguageLink {
  /** `/fr`, or '' (the default language at the root, or multihost). */
  prefix: string
  /** The language's own site URL (multihost), without trailing slash. */
  baseUrl?: string
}

/**
 * A language's link prefix (`getLanguagePermalinkLang`): none for a site
 * that builds one language; `/fr` for other languages, and for the default
 * one with `defaultContentLanguageInSubdir`. Multihost: no prefix, the
 * language's base URL instead (the default language's is the site URL).
 */
export function hugoLanguageLink(lang: string, site: Site): LanguageLink {
  const hugo = site.hugo
  if (!hugo) return { prefix: '' }
  const bases = hugo.languageBaseUrls
  if (bases) {
    const own = lang === hugo.defaultContentLanguage ? site.url : bases[lang]
    return own ? { prefix: '', baseUrl: own } : { prefix: '' }
  }
  if (hugoEnabledLanguages(site).length <= 1) return { prefix: '' }
  if (lang !== hugo.defaultContentLanguage) return { prefix: `/${lang}` }
  return hugo.defaultContentLanguageInSubdir
    ? { prefix: `/${lang}` }
    : { prefix: '' }
}

/**
 * Multihost: each language Hugo builds has its pages under its own base
 * URL and in its own folder of the built site (`public/fr/`).
 */
export function hugoBuiltRoots(site: Site): BuiltRoot[] | undefined {
  if (!site.hugo?.languageBaseUrls) return undefined
  return hugoEnabledLanguages(site).flatMap((lang) => {
    const url = hugoLanguageLink(lang, site).baseUrl
    return url ? [{ url, dir: lang }] : []
  })
}
