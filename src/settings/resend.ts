/**
 * The `resend` input: pings to send again although the ledger says they
 * were sent (for a `workflow_dispatch` run, e.g. after a receiver lost
 * them). Each line names a post source, by its path relative to the
 * repository root or to the site root (`_posts/2026-01-02-x.md`), or a URL:
 * a ping URL (`https://arxiv.org/trackback/2101.00001`) or a post's public
 * URL. A post path covers all the post's targets; a ping URL covers that
 * target in every post that has it.
 */
import type { PingPair } from '../run/plan.js'
import { joinPath } from '../site/post-paths.js'

/** Which pairs the `resend` lines cover, and which lines covered nothing. */
export interface ResendMatcher {
  matches(pair: PingPair): boolean
  /** Lines that matched no pair so far. */
  unused(): string[]
}

/** URLs compared by their normal form (case of scheme and host, default port). */
function normalUrl(text: string): string | undefined {
  try {
    return new URL(text).href
  } catch {
    return undefined
  }
}

/** Compile the `resend` lines for a site rooted at `siteDir`. */
export function resendMatcher(lines: string[], siteDir: string): ResendMatcher {
  const used = new Set<string>()
  const keys = lines.map((line) => {
    if (/^https?:\/\//i.test(line)) return { line, url: normalUrl(line) }
    const file = line.replace(/\\/g, '/').replace(/^(\.\/)+/, '')
    return { line, files: [file, joinPath(siteDir, file)] }
  })
  return {
    matches(pair): boolean {
      const post = normalUrl(pair.post)
      const ping = normalUrl(pair.ping)
      let hit = false
      for (const key of keys) {
        const covers =
          key.url !== undefined
            ? key.url === ping || key.url === post
            : (key.files?.includes(pair.source) ?? false)
        if (covers) {
          used.add(key.line)
          hit = true
        }
      }
      return hit
    },
    unused: () => lines.filter((line) => !used.has(line))
  }
}
