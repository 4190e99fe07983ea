/**
 * What differs from one static site generator to the next, as one
 * interface: each generator (jekyll/, hugo/, generic.ts) is one module
 * implementing it, and generators.ts picks the one for `site.generator`.
 * Teaching the action another generator is writing another such module and
 * adding it to the list there.
 *
 * Generators are stateless: every rule takes the Site it applies to, which
 * stays plain data.
 */
import type { DateReading } from './dates.js'
import type { LoadedSite, Site, SiteOverrides } from './site.js'
import type { UrlPath } from './url.js'
import type { OptionNames } from '../settings/option-names.js'
import type { PostState } from '../types.js'

/** Whether a post is live, and its dates as ISO instants. */
export interface Publication {
  state: PostState
  /** The publication date, when the post has one. */
  date?: string
  /** When a `future` post goes live. */
  dueAt?: string
  /** Why a written date could not be read (the post counts as undated). */
  problem?: string
}

/** A site URL and the folder of the built site holding its pages. */
export interface BuiltRoot {
  /** The base URL, without trailing slash. */
  url: string
  /** The folder below the built site's, '' for the built site's own. */
  dir: string
}

export interface SiteGenerator {
  /** Its `site.generator` name, shown in the log: `jekyll`, `hugo`… */
  readonly name: string
  /** Where it writes the built site, relative to the site root, if fixed. */
  readonly builtDir?: string
  /**
   * Where in the built site the pages of each site URL are, when not all
   * under the site URL in the built folder itself (Hugo's multihost).
   */
  builtRoots?(site: Site): BuiltRoot[] | undefined
  /**
   * Where else than the site-url input the site URL is set, for the message
   * when there is none: " or `baseURL` in Hugo's config"; '' for nowhere.
   */
  readonly siteUrlHint: string
  /** The YAML version it reads front matter as. */
  readonly frontMatterYaml: '1.1' | '1.2'
  /** Whether it reads front-matter keys in any case (`Title` = `title`). */
  readonly keysAnyCase: boolean

  /**
   * Read its config under `root` (absolute) and build the Site, or
   * undefined when the site is not built with this generator. Never throws
   * for broken config: its problems come back with what could be read.
   */
  load(root: string, overrides: SiteOverrides): Promise<LoadedSite | undefined>

  /** Globs of the files that may be posts, relative to the site root. */
  postGlobs(site: Site): string[]
  /** Whether a file (site-relative, `/`-separated) is a post by its own rules. */
  isPost(path: string, site: Site): boolean
  /**
   * Why a file among postGlobs is not a post by its rules, in the words of
   * a person who thought it was; undefined when it is one (or no reason is
   * known).
   */
  notPostReason?(path: string, site: Site): string | undefined
  /**
   * The site's own exclusions (Jekyll's `exclude:`) as a predicate, made
   * once per run; applied, like isPost, to the default globs' files only.
   */
  excluded(site: Site): (path: string) => boolean

  /** Front matter as it sees it: its defaults applied under the post's own. */
  frontMatter(
    path: string,
    data: Record<string, unknown>,
    site: Site
  ): Record<string, unknown>
  /**
   * The post's URL path (or an absolute URL, or why there is none); an
   * error that asks for a setting words it with `names`.
   */
  urlPath(
    path: string,
    data: Record<string, unknown>,
    site: Site,
    names: OptionNames
  ): UrlPath

  /** The date it uses for URL parts, in the zone it formats them in. */
  date(path: string, data: Record<string, unknown>, site: Site): DateReading
  /** Whether the post is live at `now` (drafts, future, expiry). */
  publication(
    path: string,
    data: Record<string, unknown>,
    site: Site,
    now: Date
  ): Publication
  /** Whether a front-matter key can change the date `publication` gives. */
  decidesDate(key: string): boolean

  /**
   * Its summary of the post as plain text cut to `max` characters plus `…`
   * (the Markdown machinery of post/excerpt.ts, its rule for which part).
   */
  excerpt(
    data: Record<string, unknown>,
    body: string,
    site: Site,
    max: number
  ): string
}
