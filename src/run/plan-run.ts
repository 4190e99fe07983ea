/**
 * The planning half of a run, shared by the action and the command line:
 * site → changed posts → posts → planned pings. Whatever the action would
 * send, `trackback-action check` shows, because both call `planRun`.
 *
 * Messages go through an injected `Log` (the action's is `@actions/core`,
 * the CLI's writes to the terminal), so this module touches no runner API.
 */
import * as path from 'node:path'
import { urlPolicyError } from '../net/address-policy.js'
import { checkAgainstBuiltSite, findBuiltSite } from '../site/built-site.js'
import { diffSources, scanSources } from '../sources/changes.js'
import { readWorkTree, type RefusedSource } from '../sources/work-tree.js'
import type { SourceContext, SourceResult } from '../sources/changes.js'
import { createGit } from '../sources/git.js'
import type { RepositoryApi } from '../github/api.js'
import { inScanWindow, readChanges } from './read-posts.js'
import type { ReadChangesOptions } from './read-posts.js'
import { ignoredBy, parseIgnore } from '../settings/ignore.js'
import { emptyLedger } from '../ledger/ledger.js'
import { planPings } from './plan.js'
import type { Plan, PostChange } from './plan.js'
import { isPost } from '../post/post.js'
import { resendMatcher } from '../settings/resend.js'
import type { ResendMatcher } from '../settings/resend.js'
import {
  joinPath,
  notPostReason,
  postMatcher,
  relativeTo
} from '../site/post-paths.js'
import { describeRange } from '../sources/range.js'
import type { Range } from '../sources/range.js'
import type { OptionNames } from '../settings/option-names.js'
import type { Settings } from '../settings/settings.js'
import { generatorFor, loadSite } from '../site/generators.js'
import { ConfigError } from '../types.js'
import type { Ledger, Problem, Site } from '../types.js'
import { errorMessage } from '../util.js'

/** Where the pipeline reports what it does. */
export interface Log {
  info(message: string): void
  /** A warning; `at` a file and line of the site when it is about one. */
  warning(message: string, at?: { file: string; line?: number }): void
  /** A problem at a file and line of the site (an annotation in the action). */
  problem(problem: Problem, title: string): void
  /** Run `fn` as one named phase (a folded log group in the action). */
  group<T>(name: string, fn: () => Promise<T>): Promise<T>
  /** `done` of `total` items of a long phase are finished. */
  progress?(what: string, done: number, total: number): void
  /** How messages name options: workflow inputs or CLI flags. */
  names: OptionNames
}

export { ConfigError } from '../types.js'

/** What planning needs to know about where and when it runs. */
export interface PlanInput {
  /** The repository's work tree (absolute). */
  workspace: string
  settings: Settings
  now: Date
  /** What earlier runs recorded (an empty ledger for the CLI). */
  ledger: Ledger
  /** The commits to compare, or why to scan instead. */
  range: Range
  /** `blog_name` when neither the input nor the site config gives one. */
  fallbackBlogName: string
  /**
   * How many days back a scan looks (ledger/coverage.ts's scanWindowDays:
   * shorter than max-age when no saved ledger was found); max-age when
   * omitted.
   */
  scanDays?: number
  /** The checked-out commit, whose text is read from the work tree. */
  checkedOut?: string
  /** The compare API, for commits that are not checked out. */
  api?: RepositoryApi
}

/** The plan and what it was made from. */
export interface PlannedRun {
  site: Site & { url: string }
  blogName: string
  plan: Plan
  /** How the posts were found (for the log). */
  method: string
  /** Lines for the report: how posts were found, fallbacks taken. */
  notes: string[]
}

/** Read the site, find and read the posts in range, and plan the pings. */
export async function planRun(input: PlanInput, log: Log): Promise<PlannedRun> {
  const { settings, workspace, now, ledger, range } = input
  const siteDir = settings.workingDirectory
  const notes: string[] = []

  const site = await log.group('Site', () =>
    readSite(path.join(workspace, siteDir), siteDir, settings, log)
  )
  const blogName = settings.blogName ?? site.title ?? input.fallbackBlogName
  log.info(
    `Site: ${site.url} (${site.generator}${site.configFile ? `, ${site.configFile}` : ''}), blog name "${blogName}"`
  )

  const refused: RefusedSource = (file, why) =>
    log.warning(`Not reading ${file}: ${why}.`)
  const sources = await sourceContext(input, site, refused)

  const scanDays = input.scanDays ?? settings.maxAgeDays
  const readOptions: ReadChangesOptions = {
    site,
    siteDir,
    frontMatterKey: settings.frontMatterKey,
    names: log.names,
    maxAgeDays: scanDays,
    now,
    readFile: (file) => readWorkTree(workspace, file, refused),
    progress: (done, total) => log.progress?.('Reading posts', done, total)
  }
  const found = await log.group('Finding posts', async () => {
    const result = await findSources(
      range,
      sources,
      scanDays,
      settings,
      scanKeeps(settings, readOptions),
      notes,
      log
    )
    log.info(result.method)
    // Every changed file that looks like a post and is not one says why.
    for (const { file, why } of result.notPosts ?? []) {
      const message = `${file} is not a post: ${why}.`
      log.info(message)
      notes.push(message)
    }
    return result
  })
  const changes = await readChanges(found.changes, ledger, readOptions)
  warnAboutPosts(changes, log, notes)
  const resend = resendMatcher(settings.resend, siteDir)
  if (settings.resend.length > 0) {
    const head = range.kind === 'none' ? undefined : range.head
    changes.push(
      ...(await resendChanges(changes, resend, sources, head, readOptions))
    )
  }
  log.info(`${changes.length} post source(s) to look at.`)
  const checked = await checkUrls(
    changes,
    site,
    workspace,
    siteDir,
    settings,
    log
  )
  const plan = await log.group('Planning', async () =>
    planLogged(checked, input, { blogName, resend }, log)
  )
  for (const line of resend.unused()) {
    const message = `${log.names.setTo('resend', `'${line}'`)} names no post source, ping URL or post URL of a post in the work tree; nothing was sent again for it.`
    log.warning(message)
    notes.push(message)
  }
  const looked = describeRange(range)
  if (looked) notes.push(looked)
  return { site, blogName, plan, method: found.method, notes }
}

/**
 * Each read post's warnings (a misspelled targets key, a URL that looks odd
 * for a reason), at its file and line; those of posts with targets go to
 * the summary's notes too.
 */
function warnAboutPosts(
  changes: PostChange[],
  log: Log,
  notes: string[]
): void {
  for (const { file, after } of changes) {
    if (!after || !isPost(after)) continue
    for (const w of after.warnings ?? []) {
      log.warning(w.message, { file, line: w.line })
      if (after.targets.length > 0) notes.push(`${file}: ${w.message}`)
    }
  }
}

/** Where the run finds its post sources: git, the work tree, the API. */
async function sourceContext(
  input: PlanInput,
  site: Site,
  refused: RefusedSource
): Promise<SourceContext> {
  const { workspace, settings } = input
  const siteDir = settings.workingDirectory
  const matcher = postMatcher(settings.posts, site)
  const why = notPostReason(settings.posts, site)
  const git = createGit(workspace)
  return {
    workspace,
    siteDir,
    isPost: (file) => {
      const rel = relativeTo(siteDir, file)
      return rel !== undefined && matcher(rel)
    },
    whyNotPost: (file) => {
      const rel = relativeTo(siteDir, file)
      return rel === undefined ? undefined : why(rel)
    },
    checkedOut: input.checkedOut,
    git: (await git.topLevel()) ? git : undefined,
    api: input.api,
    refused
  }
}

/** Plan the pings of the checked changes, one log line per pair. */
function planLogged(
  checked: PostChange[],
  input: PlanInput,
  run: { blogName: string; resend: ResendMatcher },
  log: Log
): Plan {
  const { settings } = input
  const ignore = parseIgnore(settings.ignore).rules
  const plan = planPings(checked, input.ledger, {
    now: input.now,
    dryRun: settings.dryRun,
    blogName: run.blogName,
    maxPings: settings.maxPings,
    names: log.names,
    resend: (pair) => run.resend.matches(pair),
    ignore: (ping) => ignoredBy(ignore, ping)?.pattern,
    addressPolicy: (ping) =>
      addressPolicy(ping, settings.allowPrivateNetworks, log.names)
  })
  for (const p of plan.pings) {
    log.info(
      `${p.result.post} → ${p.result.ping || p.result.target}: ${p.result.status} ${p.result.message}`
    )
  }
  return plan
}

/** Check the published posts' URLs against the built site, when at hand. */
async function checkUrls(
  changes: PostChange[],
  site: Site & { url: string },
  workspace: string,
  siteDir: string,
  settings: Settings,
  log: Log
): Promise<PostChange[]> {
  const siteRoot = path.join(workspace, siteDir)
  const found = await findBuiltSite(
    siteRoot,
    settings.siteDir,
    site,
    (dir) => joinPath(siteDir, dir),
    log.names
  )
  if (found.warning) log.warning(found.warning)
  log.info(found.note)
  return found.built
    ? checkAgainstBuiltSite(changes, found.built, site.url)
    : changes
}

/** urlPolicyError, saying when allow-private-networks would permit it. */
function addressPolicy(
  ping: string,
  allowPrivate: boolean,
  names: OptionNames
): string | undefined {
  const refused = urlPolicyError(ping, allowPrivate)
  if (refused === undefined || allowPrivate) return refused
  return urlPolicyError(ping, true) === undefined
    ? `${refused} (allowed only with ${names.setTo('allow-private-networks', 'true')})`
    : refused
}

async function readSite(
  siteRoot: string,
  siteDir: string,
  settings: Settings,
  log: Log
): Promise<Site & { url: string }> {
  const { site, problems } = await loadSite(siteRoot, {
    siteUrl: settings.siteUrl,
    permalink: settings.permalink,
    blogName: settings.blogName
  })
  // Reported at once (not with the results): a config without a site URL
  // ends the run before there are any.
  for (const p of problems) {
    log.problem(
      { file: joinPath(siteDir, p.file), line: p.line, message: p.message },
      'TrackBack: site configuration'
    )
  }
  if (!site.url) {
    const where = generatorFor(site).siteUrlHint
    throw new ConfigError(
      `Cannot work out the site's public URL. Set ${log.names.phrase('site-url')} (for example https://me.github.io/blog)${where}.`
    )
  }
  return { ...site, url: site.url }
}

/**
 * What a scan keeps of the posts it reads, tested as each is read so that a
 * scan of a big blog holds only the posts that matter, never all of them.
 * First the text: targets come only from the post's own front matter,
 * under the key, so a text without the key's name has none (unless the name
 * is written with escapes, which no one does). Then the date (readChanges
 * reads only posts in the scan window).
 */
function scanKeeps(
  settings: Settings,
  options: ReadChangesOptions
): (text: string, file: string) => boolean {
  return (text, file) =>
    text.includes(settings.frontMatterKey) && inScanWindow(file, text, options)
}

async function findSources(
  range: Range,
  sources: SourceContext,
  scanDays: number,
  settings: Settings,
  keep: (text: string, file: string) => boolean,
  notes: string[],
  log: Log
): Promise<SourceResult> {
  const window =
    scanDays === settings.maxAgeDays
      ? `posts dated within ${log.names.name('max-age')} (${scanDays} days)`
      : scanDays === 0
        ? 'no post: without a cache service nothing remembers what an earlier scan sent, so only pushed changes are pinged'
        : `posts dated within ${scanDays} days, not ${log.names.name('max-age')} (${settings.maxAgeDays}): no saved ledger was found, and an older post may have been pinged by a run whose ledger the cache has since evicted`
  if (range.kind === 'none') {
    notes.push(`Nothing to look at: ${range.reason}.`)
    return { changes: [], method: range.reason }
  }
  if (range.kind === 'diff') {
    try {
      return await diffSources(range, sources)
    } catch (error) {
      const message = `Cannot list the changes ${range.base.slice(0, 7)}..${range.head.slice(0, 7)} (${errorMessage(error)}); considering ${window} instead.`
      log.warning(message)
      notes.push(message)
      return scanSources(sources, range.head, keep)
    }
  }
  const message = `No base commit: ${range.reason}. Considering ${window}.`
  log.info(message)
  notes.push(message)
  return scanSources(sources, range.head, keep)
}

/**
 * The posts the `resend` input names that the range did not bring: every
 * post source is read (a ping URL may be in any post) and those with a
 * covered pair are kept, as `resend` changes without a previous version.
 */
async function resendChanges(
  changes: PostChange[],
  resend: ResendMatcher,
  sources: SourceContext,
  head: string | undefined,
  options: ReadChangesOptions
): Promise<PostChange[]> {
  const looked = new Set(changes.map((c) => c.file))
  const listed = await scanSources(sources, head)
  const unread = listed.changes
    .filter((c) => !looked.has(c.file))
    .map((c) => ({ ...c, reason: 'diff' as const }))
  const read = await readChanges(unread, emptyLedger(), options)
  return read.flatMap((change): PostChange[] => {
    const post = change.after
    if (!post || !isPost(post) || post.url === undefined) return []
    const url = post.url
    const covered = post.targets.some(
      (t) =>
        t.ping !== undefined &&
        resend.matches({
          post: url,
          ping: t.ping,
          source: change.file,
          target: t.written
        })
    )
    return covered ? [{ file: change.file, after: post, reason: 'resend' }] : []
  })
}
