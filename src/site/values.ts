/**
 * Reading the loosely typed values of config files and front matter: the
 * strings, booleans, lists and tables the generators accept, and merging
 * them. Pure and generator-neutral.
 */
import { isRecord } from '../util.js'

/** A table (plain object), not a list, date or scalar. */
export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return isRecord(value) && !(value instanceof Date) ? value : undefined
}

/** A scalar as a string: strings, numbers and booleans. */
export function stringValue(value: unknown): string | undefined {
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') {
    return String(value)
  }
  return undefined
}

/** A string with text, or a number as a string; else undefined. */
export function nonEmptyString(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() === '' ? undefined : value
  if (typeof value === 'number') return String(value)
  return undefined
}

/** A string or number as a string; '' for anything else. */
export function stringOf(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number'
    ? String(value)
    : ''
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

/** A config list of strings (Jekyll refuses anything but an array). */
export function stringList(value: unknown): string[] {
  if (!Array.isArray(value)) return []
  return value.flatMap((v) => {
    const s = stringValue(v)
    return s === undefined || s === '' ? [] : [s]
  })
}

/**
 * Front matter with lower-cased keys (for generators whose keys are case
 * insensitive); of keys differing only in case, the first one written wins.
 */
export function lowerKeys(
  data: Record<string, unknown>
): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(data)) {
    out[key.toLowerCase()] ??= value
  }
  return out
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

/** A copy without the keys whose value is undefined. */
export function withoutUndefined<T extends object>(value: T): T {
  const out: Record<string, unknown> = {}
  for (const [key, entry] of Object.entries(value)) {
    if (entry !== undefined) out[key] = entry
  }
  return out as T
}

/** `/a/b/` → `a/b`. */
export function trimSlashes(value: string): string {
  return value.replace(/^\/+|\/+$/g, '')
}

/** The values in their first order, each once. */
export function unique(values: string[]): string[] {
  return [...new Set(values)]
}
