/**
 * URL paths of posts, whichever generator makes them: what a generator's
 * URL rule gives back, and the escaping and joining of URL paths. Pure.
 */

/** A URL path relative to the site URL, or why it cannot be built. */
export interface UrlPath {
  path?: string
  /** An absolute URL that must not get the site URL prefix. */
  absolute?: string
  error?: string
}

/** An absolute URL (`https://…`, any scheme) rather than a path. */
export const ABSOLUTE_URL = /^[a-z][a-z0-9+.-]*:\/\//i

/** The characters RFC 3986 allows in a path (`pchar`, `/` and `?`). */
const PATH_CHARACTER = /[A-Za-z0-9\-._~!$&'()*+,;=:@/?]/

/** Percent-encode (UTF-8, upper-case hex) every character not `keep`. */
export function percentEncode(
  value: string,
  keep: RegExp = PATH_CHARACTER
): string {
  let out = ''
  const chars = Array.from(value)
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i] ?? ''
    if (keep.test(c)) {
      out += c
    } else {
      out += Array.from(new TextEncoder().encode(c))
        .map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`)
        .join('')
    }
  }
  return out
}

/** Go's path escaping as Hugo applies it to links: keeps `%XX`, encodes `#`, `\`, spaces and non-ASCII. */
export function escapeUrlPath(value: string): string {
  let out = ''
  const chars = Array.from(value)
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i] ?? ''
    if (
      c === '%' &&
      /^[0-9a-fA-F]{2}$/.test((chars[i + 1] ?? '') + (chars[i + 2] ?? ''))
    ) {
      out += c
    } else {
      out += percentEncode(c)
    }
  }
  return out
}

/** `path.Join`-like: one leading slash, no empty segments, no trailing slash. */
export function joinUrlPath(parts: string[]): string {
  const segments = parts
    .join('/')
    .split('/')
    .filter((s) => s !== '' && s !== '.')
  return `/${segments.join('/')}`
}
