/**
 * `trackback-action check`: the action's planning run on a developer's
 * machine, for the commits a push would publish. It calls the same
 * `planRun` as the action (with an empty ledger, in dry-run mode) and never
 * sends: a local send would be unknown to the action's ledger in the cache.
 */
import { realpath } from 'node:fs/promises'
import * as path from 'node:path'
import type { RunCommand } from './args.js'
import { createGit, gitText } from '../sources/git.js'
import {
  landedSection,
  pastLedger,
  renderLanded,
  type LandedSection
} from './landed.js'
import { emptyLedger } from '../ledger/ledger.js'
import { linkRule } from '../live/links.js'
import { checkPages } from '../live/page-check.js'
import { localRange, UsageError } from '../sources/local-range.js'
import { planRun } from '../run/plan-run.js'
import type { PlannedRun } from '../run/plan-run.js'
import { parseSettings, SettingsError } from '../settings/settings.js'
import type { Settings } from '../settings/settings.js'
import type { Result } from '../types.js'
import { USER_AGENT } from '../constants.js'
import { previewPages } from '../send/preview.js'
import {
  EXIT_INVALID,
  EXIT_OK,
  openTerminal,
  painter,
  Progress,
  usageExit,
  renderPosts,
  type CheckedRow,
  type CheckIo,
  type Paint
} from './terminal.js'

export {
  Progress,
  type CheckedRow,
  type CheckIo,
  type Output
} from './terminal.js'

export { EXIT_INVALID, EXIT_OK, EXIT_USAGE } from './terminal.js'

type CheckCommand = RunCommand

/** Run `check`; returns the exit code. Never throws for user errors. */
export async function runCheck(
  command: CheckCommand,
  io: CheckIo
): Promise<number> {
  const terminal = openTerminal(command, io)
  const { paint, say, progress } = terminal
  try {
    const git = createGit(io.cwd)
    const top = await git.topLevel()
    if (!top) {
      throw new UsageError(
        "Not inside a git repository: run check in your blog's repository."
      )
    }
    const here = path.relative(await realpath(top), await realpath(io.cwd))
    const settings = checkSettings(command, here.split(path.sep).join('/'))
    const { range, description } = await localRange(git, command.since)
    const planned = await planRun(
      {
        workspace: top,
        settings,
        now: io.now ?? new Date(),
        ledger: emptyLedger(),
        range,
        fallbackBlogName: path.basename(top)
      },
      terminal.log
    )
    progress.clear()
    const rows: CheckedRow[] = planned.plan.pings.map((p) => ({ ...p.result }))
    if (command.live) await checkLive(planned, rows, settings, progress)
    const landed = command.live
      ? await landedFor(top, settings, io.now ?? new Date(), progress)
      : undefined
    const invalid =
      terminal.problems() > 0 ||
      planned.plan.overLimit !== undefined ||
      rows.some(
        (r) =>
          r.status === 'invalid' ||
          r.live?.ok === false ||
          (settings.requireLink && r.live?.linked === false)
      )
    if (command.json) {
      io.stdout.write(
        `${JSON.stringify({ ...jsonReport(planned, rows, description, invalid), ...(landed ? { landed } : {}) }, null, 2)}\n`
      )
    } else {
      io.stdout.write(renderCheck(planned, rows, description, paint))
      if (landed) io.stdout.write(`${renderLanded(landed, paint).join('\n')}\n`)
    }
    return invalid ? EXIT_INVALID : EXIT_OK
  } catch (error) {
    progress.clear()
    return usageExit(error, say, paint)
  }
}

/**
 * The action's settings from the flags: the same parser and defaults as the
 * workflow's inputs, always a dry run, no token (local git only).
 */
export function checkSettings(
  command: CheckCommand,
  workingDirectory: string
): Settings {
  const read = (name: string): string => {
    // check never sends; send does unless --dry-run.
    if (name === 'dry-run') {
      return command.kind === 'send' && !command.dryRun ? 'false' : 'true'
    }
    if (name === 'github-token') return ''
    if (name === 'working-directory') {
      return command.inputs[name] ?? workingDirectory
    }
    return command.inputs[name] ?? ''
  }
  try {
    return parseSettings(read, '')
  } catch (error) {
    if (error instanceof SettingsError) {
      throw new SettingsError(
        error.problems.map((p) =>
          p.replace(/^Invalid input '([^']+)'/, 'Invalid --$1')
        )
      )
    }
    throw error
  }
}

/** The text report: one block per post, then the totals. */
export function renderCheck(
  planned: Pick<PlannedRun, 'plan'>,
  rows: CheckedRow[],
  description: string,
  paint: Paint = painter(false)
): string {
  const out: string[] = [description, ...renderPosts(rows, paint)]
  const counts = checkCounts(rows)
  if (rows.length === 0) out.push('', 'No post with TrackBack targets changed.')
  out.push(
    '',
    `${counts.wouldSend} ping(s) would be sent, ${counts.invalid} invalid, ${counts.pending} pending, ${counts.skipped} skipped. Nothing was sent (check never sends).`
  )
  if (planned.plan.overLimit) out.push(paint.red(planned.plan.overLimit))
  return `${out.join('\n')}\n`
}

/** The check's counts, the same in the text and in JSON. */
export interface CheckCounts {
  /** Pings a push would send (`dry-run` rows). */
  wouldSend: number
  invalid: number
  /** Drafts, scheduled and unpublished posts: sent once live. */
  pending: number
  /** Not sent, and not to be: unchanged, ignored, over max-pings. */
  skipped: number
}

/**
 * Count the check's rows, each in exactly one count. Check never sends and
 * starts from an empty ledger, so the other statuses (sent, failed,
 * already-sent, ...) do not occur; any would count as skipped (not sent).
 */
export function checkCounts(rows: Result[]): CheckCounts {
  const counts: CheckCounts = {
    wouldSend: 0,
    invalid: 0,
    pending: 0,
    skipped: 0
  }
  for (const r of rows) {
    if (r.status === 'dry-run') counts.wouldSend++
    else if (r.status === 'invalid') counts.invalid++
    else if (r.status === 'pending') counts.pending++
    else counts.skipped++
  }
  return counts
}

function jsonReport(
  planned: PlannedRun,
  rows: CheckedRow[],
  description: string,
  invalid: boolean
): Record<string, unknown> {
  return {
    ok: !invalid,
    commits: description,
    site: { url: planned.site.url, generator: planned.site.generator },
    blogName: planned.blogName,
    results: rows,
    counts: checkCounts(rows),
    overLimit: planned.plan.overLimit ?? null,
    notes: planned.notes
  }
}

/** `--live`: the Landed section of the blog's past pings (cli/landed.ts). */
async function landedFor(
  top: string,
  settings: Settings,
  now: Date,
  progress: Progress
): Promise<LandedSection> {
  const { ledger, notes } = await pastLedger(top, (args) => gitText(top, args))
  progress.show('Looking whether past pings landed', 0, 1)
  const lines = await landedSection(ledger, settings, now)
  progress.clear()
  return { lines, notes }
}

/**
 * `--live`: fetch each post that would be pinged, once, through the same
 * address policy and page reader as the action's wait-for-live (one try,
 * no waiting), and check its links with the action's link rule; then read
 * each article page a target names, as a dry run does.
 */
async function checkLive(
  planned: PlannedRun,
  rows: CheckedRow[],
  settings: Settings,
  progress: Progress
): Promise<void> {
  const wanted = rows.filter((r) => r.status === 'dry-run' && r.url)
  const urls = [...new Set(wanted.map((r) => r.url))]
  progress.show(`Fetching ${urls.length} post page(s)`, 0, urls.length)
  const checks = await checkPages(urls, {
    timeoutMs: settings.timeoutMs,
    userAgent: USER_AGENT,
    allowPrivateNetworks: settings.allowPrivateNetworks,
    waitMs: 0,
    concurrency: settings.concurrency
  })
  progress.clear()
  for (const row of wanted) {
    const check = checks.get(row.url)
    if (!check) continue
    if (!check.live) {
      row.live = { ok: false, message: check.reason }
      continue
    }
    const rule = linkRule(row.ping)
    const linked = (check.links ?? []).some((link) => rule.matches(link))
    row.live = {
      ok: true,
      linked,
      message: linked
        ? `answers 200 and links to ${rule.expected}`
        : `answers 200 but does not link to ${rule.expected}${check.links ? '' : ' (the page is not HTML)'}${settings.requireLink ? ' (--require-link)' : ''}`
    }
  }
  // Article pages: the same GET a run makes, so each row names the
  // protocol and endpoint it would get (send/preview.ts).
  progress.show('Reading article pages', 0, rows.length)
  await previewPages(
    planned.plan.pings.map((p, i) => ({
      result: rows[i] as CheckedRow,
      request: p.request
    })),
    {
      timeoutMs: settings.timeoutMs,
      userAgent: USER_AGENT,
      allowPrivateNetworks: settings.allowPrivateNetworks,
      concurrency: settings.concurrency,
      protocols: settings.protocols
    }
  )
  progress.clear()
}
