/**
 * The `ignore` input: targets never to ping, e.g. a host that asked you to
 * stop. Each line is either
 *
 * - a host name, `example.org`: ping URLs on that host or any of its
 *   subdomains (`www.example.org`, `blog.example.org`), as NO_PROXY reads
 *   host names; or
 * - a URL prefix, `https://example.org/trackback/`: ping URLs that start
 *   with it.
 *
 * `*` in either matches any run of characters (`blog*.example.org`,
 * `https://example.org/*?p=12`). Matching ignores case. Blank lines and
 * lines starting with `#` are skipped. There are no other glob characters
 * on purpose: `?`, `[`, `]`, `{` and `}` are ordinary parts of URLs (query
 * strings, IPv6 hosts), so a glob syntax would misread
 * `wp-trackback.php?p=1`.
 */

/** One compiled line of the `ignore` input. */
export interface IgnoreRule {
  /** The line as written, for messages. */
  pattern: string
  /** Whether the rule covers a ping URL. */
  matches(ping: string): boolean
}

/** The lines of a list input, without blanks and `#` comments. */
export function inputLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
}

/** A regular expression for `text` where `*` matches anything. */
function wildcard(text: string): string {
  return text
    .split('*')
    .map((part) => part.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&'))
    .join('.*')
}

const HOST_PATTERN = /^[a-z0-9*]([a-z0-9*.-]*[a-z0-9*])?\.?$/i

/**
 * Compile the `ignore` lines. Returns the rules and one message per line
 * that is neither a host name nor an http(s) URL prefix.
 */
export function parseIgnore(lines: string[]): {
  rules: IgnoreRule[]
  problems: string[]
} {
  const rules: IgnoreRule[] = []
  const problems: string[] = []
  for (const pattern of lines) {
    if (/^https?:\/\//i.test(pattern)) {
      const prefix = new RegExp(`^${wildcard(pattern)}`, 'i')
      rules.push({ pattern, matches: (ping) => prefix.test(ping) })
    } else if (HOST_PATTERN.test(pattern)) {
      const host = wildcard(pattern.replace(/\.$/, '').toLowerCase())
      const name = new RegExp(`^(.+\\.)?${host}$`)
      rules.push({
        pattern,
        matches: (ping) => {
          const hostname = hostOf(ping)
          return hostname !== undefined && name.test(hostname)
        }
      })
    } else {
      problems.push(
        `Invalid input 'ignore': '${pattern}'. Expected a host name (example.org, *.example.org) or a URL prefix (https://example.org/trackback/).`
      )
    }
  }
  return { rules, problems }
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname.replace(/\.$/, '').toLowerCase()
  } catch {
    return undefined
  }
}

/** The first rule covering `ping`, or undefined. */
export function ignoredBy(
  rules: IgnoreRule[],
  ping: string
): IgnoreRule | undefined {
  return rules.find((rule) => rule.matches(ping))
}
