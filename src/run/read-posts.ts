/**
 * Reading the changed posts a run plans with: the found sources read as
 * posts (a scan keeps only recent ones with targets), plus the sources of
 * ledger entries that are due again. The file reader comes in as a
 * parameter, so the simulation test drives this code with a fake one.
 */
import type { SourceChange } from '../sources/changes.js'
import { dueEntries } from '../ledger/ledger.js'
import type { PostChange } from './plan.js'
import { loadMarkdown } from '../post/excerpt.js'
import { isPost, readPost, readPostDate } from '../post/post.js'
import type { OptionNames } from '../settings/option-names.js'
import { relativeTo } from '../site/post-paths.js'
import type { Ledger, Site } from '../types.js'

/** What reading the changed sources needs. */
export interface ReadChangesOptions {
  site: Site
  /** The site root relative to the repository root ('' for the root). */
  siteDir: string
  frontMatterKey: string
  /** How messages name settings: workflow inputs or CLI flags. */
  names?: OptionNames
  /** How far back a scan looks (`scanWindowDays`). */
  maxAgeDays: number
  now: Date
  /** Reads a repository-relative file of the work tree (undefined: missing). */
  readFile: (file: string) => Promise<string | undefined>
  /** Told after each found source is read (the CLI's progress line). */
  progress?: (done: number, total: number) => void
}

/**
 * Whether a scan looks further at a post source: dated within the window
 * (maxAgeDays), or later (scheduled posts are queued). Only the date is
 * read, so most posts of a big blog cost little. The scan tests each file
 * as it reads it (and keeps only those that pass), and readChanges again.
 */
export function inScanWindow(
  file: string,
  text: string,
  options: Pick<ReadChangesOptions, 'site' | 'siteDir' | 'maxAgeDays' | 'now'>
): boolean {
  const { site, siteDir, now } = options
  const rel = relativeTo(siteDir, file) ?? file
  const date = readPostDate(rel, text, site, now)
  const oldest = now.getTime() - options.maxAgeDays * 86_400_000
  return Boolean(date) && !(Date.parse(date as string) < oldest)
}

/**
 * The post changes a run plans with: the found sources read as posts (scan
 * mode keeps recent posts with targets only), plus the sources of ledger
 * entries that are due again (failed pings, scheduled posts now live).
 */
export async function readChanges(
  found: SourceChange[],
  ledger: Ledger,
  options: ReadChangesOptions
): Promise<PostChange[]> {
  const changes: PostChange[] = []
  if (found.length > 0) await loadMarkdown()
  for (const [index, change] of found.entries()) {
    options.progress?.(index + 1, found.length)
    const read = readFound(change, options)
    if (read) changes.push(read)
  }
  // Pings an earlier run left to retry, and scheduled posts now due.
  const looked = new Set(changes.map((c) => c.file))
  const due = [
    ...new Set(dueEntries(ledger, options.now).map((e) => e.source))
  ].filter((file) => !looked.has(file))
  if (due.length > 0) await loadMarkdown()
  for (const file of due) {
    const text = await options.readFile(file)
    changes.push({ file, after: readAs(file, text, options), reason: 'ledger' })
  }
  return changes
}

/** One found source as a change, or undefined when a scan passes it by. */
function readFound(
  change: SourceChange,
  options: ReadChangesOptions
): PostChange | undefined {
  if (change.reason === 'scan') {
    // Scan mode: recent posts only (and scheduled ones, to queue them).
    if (change.after === undefined) return undefined
    if (!inScanWindow(change.file, change.after, options)) return undefined
  }
  const after = readAs(change.file, change.after, options)
  if (change.reason === 'scan') {
    if (!after || !isPost(after) || after.targets.length === 0) {
      return undefined
    }
  }
  return {
    file: change.file,
    before: readAs(change.previousFile ?? change.file, change.before, options),
    after,
    reason: change.reason
  }
}

/** A source's text read as a post at its repository path. */
function readAs(
  file: string,
  text: string | undefined,
  options: ReadChangesOptions
): PostChange['after'] {
  if (text === undefined) return undefined
  const { site, siteDir, now } = options
  const rel = relativeTo(siteDir, file) ?? file
  const post = readPost(rel, text, site, {
    key: options.frontMatterKey,
    now,
    names: options.names
  })
  if (!isPost(post)) return { ...post, path: file }
  return post
}
