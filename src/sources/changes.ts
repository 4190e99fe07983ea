/**
 * Finding the post sources a run looks at, with their previous and current
 * text: from local git when both commits are present, else from the compare
 * API, else (no base commit at all) by scanning the posts on disk.
 */
import { readdir } from 'node:fs/promises'
import * as path from 'node:path'
import { setImmediate as yieldToLoop } from 'node:timers/promises'
import type { FileChange, Git } from './git.js'
import type { RepositoryApi } from '../github/api.js'
import type { Range } from './range.js'
import {
  readWorkTree,
  readWorkTreeSync,
  type RefusedSource
} from './work-tree.js'

/** The previous and current text of one post source. */
export interface SourceChange {
  /** Current path (or the deleted path), relative to the repository root. */
  file: string
  /** Previous path when it differs (renames). */
  previousFile?: string
  /** Previous text; undefined when the file did not exist or was not a post source. */
  before?: string
  /** Current text; undefined when the file was deleted or moved out of the posts. */
  after?: string
  reason: 'diff' | 'scan'
}

/** Where to look, and how. */
export interface SourceContext {
  /** The repository's work tree (absolute). */
  workspace: string
  /** The site root relative to the repository root ('' for the root). */
  siteDir: string
  /** Whether a repository-relative path is a post source. */
  isPost: (file: string) => boolean
  /** The checked-out commit (`GITHUB_SHA`), when known. */
  checkedOut?: string
  git?: Git
  api?: RepositoryApi
  /** Told of files that are not read: symbolic links and unsafe paths. */
  refused?: RefusedSource
  /** Why a changed file that is not a post is not one, when it looks like one. */
  whyNotPost?: (file: string) => string | undefined
}

/** What was found, and how, for the log. */
export interface SourceResult {
  changes: SourceChange[]
  /** How the changes were found (for the log and summary). */
  method: string
  /** Changed files that look like posts but are not, and why. */
  notPosts?: Array<{ file: string; why: string }>
}

/** Keep the changes that touch post sources, as before/after path pairs. */
export function relevantChanges(
  changes: FileChange[],
  isPost: (file: string) => boolean
): Array<{
  file: string
  previousFile?: string
  before: boolean
  after: boolean
}> {
  const out: Array<{
    file: string
    previousFile?: string
    before: boolean
    after: boolean
  }> = []
  for (const change of changes) {
    const oldPath =
      change.status === 'renamed' ? change.previousPath : change.path
    const hadPost =
      change.status !== 'added' && oldPath !== undefined && isPost(oldPath)
    const hasPost = change.status !== 'deleted' && isPost(change.path)
    if (!hadPost && !hasPost) continue
    out.push({
      file: change.path,
      previousFile: oldPath !== change.path ? oldPath : undefined,
      before: hadPost,
      after: hasPost
    })
  }
  return out
}

/**
 * The post sources changed in a diff range, read locally when possible,
 * else through the API. Throws when neither can answer.
 */
export async function diffSources(
  range: Extract<Range, { kind: 'diff' }>,
  context: SourceContext
): Promise<SourceResult> {
  const { git, api, siteDir } = context
  const local =
    git !== undefined &&
    (await git.hasCommit(range.base)) &&
    (await git.hasCommit(range.head))
  let fileChanges: FileChange[]
  let method: string
  if (local && git) {
    fileChanges = await git.diff(
      range.base,
      range.head,
      siteDir,
      range.mergeBase
    )
    method = `git diff ${range.base.slice(0, 7)}${range.mergeBase ? '...' : '..'}${range.head.slice(0, 7)}`
  } else if (api) {
    const listed = await api.compare(range.base, range.head)
    if (!listed) throw new Error('the compare API listed too many files')
    const prefix = siteDir ? `${siteDir}/` : ''
    fileChanges = listed.filter(
      (c) => c.path.startsWith(prefix) || c.previousPath?.startsWith(prefix)
    )
    method = `compare API ${range.base.slice(0, 7)}...${range.head.slice(0, 7)}`
  } else {
    throw new Error(
      `commit ${range.base.slice(0, 7)} is not checked out and there is no token for the compare API`
    )
  }

  const pairs = relevantChanges(fileChanges, context.isPost)
  const notPosts = notPostsAmong(fileChanges, context)
  // The current text comes from the head commit, or from the work tree when
  // that is the head (or the head is not available locally).
  const headLocal = local && range.head !== context.checkedOut
  // For a pull request the previous version is the one at the merge base,
  // which is what the three-dot diff compared against.
  const baseRev =
    local && git && range.mergeBase
      ? ((await git.mergeBase(range.base, range.head)) ?? range.base)
      : range.base
  const beforeTexts = await readVersions(
    pairs.map((p) => (p.before ? (p.previousFile ?? p.file) : undefined)),
    baseRev,
    local ? git : undefined,
    api,
    undefined
  )
  const afterTexts = await readVersions(
    pairs.map((p) => (p.after ? p.file : undefined)),
    range.head,
    headLocal ? git : undefined,
    undefined,
    context.workspace,
    context.refused
  )
  const changes = pairs.map((p, i) => ({
    file: p.file,
    previousFile: p.previousFile,
    before: beforeTexts[i],
    after: afterTexts[i],
    reason: 'diff' as const
  }))
  return { changes, method, ...(notPosts.length > 0 ? { notPosts } : {}) }
}

/** The changed files (still there) that look like posts but are not. */
function notPostsAmong(
  fileChanges: FileChange[],
  context: SourceContext
): Array<{ file: string; why: string }> {
  const out: Array<{ file: string; why: string }> = []
  for (const change of fileChanges) {
    if (change.status === 'deleted' || context.isPost(change.path)) continue
    const why = context.whyNotPost?.(change.path)
    if (why !== undefined) out.push({ file: change.path, why })
  }
  return out
}

async function readVersions(
  files: Array<string | undefined>,
  rev: string,
  git: Git | undefined,
  api: RepositoryApi | undefined,
  workspace: string | undefined,
  refused?: RefusedSource
): Promise<Array<string | undefined>> {
  const wanted = files.flatMap((file, i) =>
    file === undefined ? [] : [{ file, i }]
  )
  const out: Array<string | undefined> = files.map(() => undefined)
  if (git) {
    const blobs = await git.readBlobs(
      wanted.map((w) => ({ rev, path: w.file }))
    )
    wanted.forEach((w, n) => (out[w.i] = blobs[n]))
  } else if (api) {
    for (const w of wanted) out[w.i] = await api.fileAt(rev, w.file)
  } else if (workspace) {
    await Promise.all(
      wanted.map(async (w) => {
        out[w.i] = await readWorkTree(workspace, w.file, refused)
      })
    )
  }
  return out
}

/** Files a scan reads at once from a slow disk: enough to keep it busy, few enough for file handles. */
const SCAN_READS = 32
/** Files a scan reads one after another before it lets the event loop run. */
const SCAN_SLICE = 256
/**
 * A read that takes longer waited for the disk: one from the page cache
 * takes 10–50 µs, and is rarely the one a busy CPU interrupts.
 */
const WAITED_MS = 0.25
/** Share of a slice's reads that may wait before the disk counts as slow. */
const WAITING_READS = 1 / 8

/**
 * Every post source in the work tree (scan mode: no base commit known).
 * `keep` may drop a post on its text as soon as it is read, so that a scan
 * of a big blog holds only the posts that matter, never all of them.
 */
export async function scanSources(
  context: SourceContext,
  head: string | undefined,
  keep: (text: string, file: string) => boolean = () => true
): Promise<SourceResult> {
  let files: string[] | undefined
  if (context.git && head && (await context.git.hasCommit(head))) {
    files = await context.git.listFiles(head, context.siteDir)
  }
  if (!files) files = await walk(context.workspace, context.siteDir)
  const posts = files.filter(context.isPost)
  const texts = await readSources(context.workspace, posts, keep, {
    refused: context.refused
  })
  return {
    changes: posts.flatMap((file, i) =>
      texts[i] === undefined
        ? []
        : [{ file, after: texts[i], reason: 'scan' as const }]
    ),
    method: 'scan of all post sources'
  }
}

/** How readSources reads; the defaults suit every disk (tests force the slow path). */
export interface ReadSourcesOptions {
  /** Files read one after another before the event loop may run. */
  slice?: number
  /** A read taking longer (ms) waited for the disk. */
  waitedMs?: number
  /** Share of a slice's reads that may wait before the disk counts as slow. */
  waitingReads?: number
  refused?: RefusedSource
}

/**
 * The text of each work-tree file (undefined when missing, or when `keep`
 * drops it).
 *
 * A fresh checkout is in the page cache, where reading one file after
 * another (about 15 µs a file) beats reading many at once through the
 * thread pool (about 100 µs a file: four round trips each); a disk that
 * makes each read wait is the other way round. So files are read one after
 * another, a slice at a time, until a slice has many reads that waited for
 * the disk; the rest are then read SCAN_READS at a time. (Reads are timed
 * one by one: on a busy machine a whole slice takes long without waiting
 * for the disk, and the process's context switches count its other
 * threads too.)
 */
export async function readSources(
  workspace: string,
  files: string[],
  keep: (text: string, file: string) => boolean,
  options: ReadSourcesOptions = {}
): Promise<Array<string | undefined>> {
  const slice = options.slice ?? SCAN_SLICE
  const waitedMs = options.waitedMs ?? WAITED_MS
  const waitingReads = options.waitingReads ?? WAITING_READS
  const texts: Array<string | undefined> = new Array(files.length)
  const take = (i: number, text: string | undefined): void => {
    texts[i] =
      text !== undefined && keep(text, files[i] as string) ? text : undefined
  }
  let next = 0
  while (next < files.length) {
    const end = Math.min(files.length, next + slice)
    const count = end - next
    let waited = 0
    for (; next < end; next++) {
      const started = performance.now()
      const text = readWorkTreeSync(
        workspace,
        files[next] as string,
        options.refused
      )
      if (performance.now() - started > waitedMs) waited++
      take(next, text)
    }
    if (waited > count * waitingReads) break
    await yieldToLoop()
  }
  const reader = async (): Promise<void> => {
    while (next < files.length) {
      const i = next++
      take(
        i,
        await readWorkTree(workspace, files[i] as string, options.refused)
      )
    }
  }
  await Promise.all(Array.from({ length: SCAN_READS }, reader))
  return texts
}

/** Files under `dir` (repository-relative, `/`-separated), skipping dot and dependency folders. */
async function walk(workspace: string, dir: string): Promise<string[]> {
  const out: string[] = []
  const visit = async (rel: string): Promise<void> => {
    let entries
    try {
      entries = await readdir(path.join(workspace, rel), {
        withFileTypes: true
      })
    } catch {
      return
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue
      const child = rel ? `${rel}/${entry.name}` : entry.name
      if (entry.isDirectory()) await visit(child)
      else if (entry.isFile()) out.push(child)
    }
  }
  await visit(dir)
  return out
}
