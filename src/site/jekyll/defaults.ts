/**
 * Jekyll's front matter defaults (`defaults:` in `_config.yml`): which
 * scopes apply to a post and how their values merge under its own
 * (`FrontmatterDefaults`, `Document#merge_data!`). Pure.
 */
import picomatch from 'picomatch'
import type { Site } from '../site.js'
import {
  asRecord,
  deepMerge,
  stringValue,
  withoutUndefined
} from '../values.js'

/** A `defaults:` scope: a path prefix or glob, and a document type. */
interface Scope {
  path?: string
  type?: string
}

/** The `defaults:` list: values applied when the scope matches the post. */
export type JekyllDefaults = Array<{
  scope: Scope
  values: Record<string, unknown>
}>

/** Pure: the `defaults:` list, keeping only well-formed entries. */
export function jekyllDefaults(value: unknown): JekyllDefaults {
  if (!Array.isArray(value)) return []
  const out: JekyllDefaults = []
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
  let winner: Scope | undefined
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

function hasPrecedence(old: Scope | undefined, next: Scope): boolean {
  if (old === undefined) return true
  const oldPath = (old.path ?? '').replace(/^\.?\/+/, '')
  const newPath = (next.path ?? '').replace(/^\.?\/+/, '')
  if (newPath.length !== oldPath.length) return newPath.length >= oldPath.length
  if (next.type !== undefined) return true
  return old.type === undefined
}
