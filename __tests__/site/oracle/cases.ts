/**
 * The oracle's fixture sites, gathered from their modules (jekyll.ts,
 * hugo.ts, symbols.ts, undated.ts, languages.ts), and the action's
 * deliberate differences. Each post is one line: `post(path, front matter,
 * options)`. A new case is a new line in the right list; a new site is a
 * new entry in its module's list. The suite builds every site with the real
 * generator and checks the action agrees on every file listed.
 */
import type { OracleSite } from './fixture.js'
import { HUGO_SITES } from './hugo.js'
import { JEKYLL_SITES } from './jekyll.js'
import { LANGUAGE_SITES } from './languages.js'
import { HUGO_SYMBOL_SITES, JEKYLL_SYMBOL_SITES } from './symbols.js'
import { UNDATED_SITES } from './undated.js'

export const SITES: OracleSite[] = [
  ...JEKYLL_SITES,
  ...HUGO_SITES,
  ...JEKYLL_SYMBOL_SITES,
  ...HUGO_SYMBOL_SITES,
  ...UNDATED_SITES,
  ...LANGUAGE_SITES
]

/**
 * Where the action deliberately differs from the oracle's generator: the
 * URL it computes instead, and why. The suite checks both that the action
 * gives this URL and that the generator still gives another one.
 */
export interface Difference {
  site: string
  path: string
  url: string
  reason: string
}

/** Hugo writes `%41` from a slug to disk as is; its link's `%41` reads `A`. */
const PERCENT_REASON =
  'Hugo 0.111 keeps a `%XX` from a slug or file name in its link (`/posts/%41-hex/`), which a server decodes to `/posts/A-hex/`, while it writes the page to `posts/%41-hex/index.html`; the action escapes the `%` so its URL reaches that page'

export const DIFFERENCES: Difference[] = [
  {
    site: 'hugo-symbols-paths',
    path: 'content/posts/slug-20.md',
    url: 'https://example.org/posts/%2541-hex/',
    reason: PERCENT_REASON
  },
  {
    site: 'hugo-symbols-paths-cased',
    path: 'content/posts/slug-20.md',
    url: 'https://example.org/posts/%2541-hex.html',
    reason: PERCENT_REASON
  },
  {
    site: 'hugo-permalinks',
    path: 'content/tail/one.md',
    url: 'https://example.org/b/a/tail/b/c/one/',
    reason:
      'current Hugo reads `last` in :sections[last] as the last index; 0.111 gives a page in a top-level section an empty [last] and the whole section for [:last] (/a/b/tail/c/one/)'
  }
]
