/**
 * `trackback-action check`: the action's planning run on a developer's
 * machine, for the commits a push would publish. It calls the same
 * `planRun` as the action (with an empty ledger, in dry-run mode) and never
 * sends: a local send would be unknown to the action's ledger in the cache.
 */
import { realpath } from 'node:fs/promises'
import * as path from 'node:path'
import type { Command } from './args.js'
import { createGit } from '../sources/git.js'
import { emptyLedger } from '../ledger/ledger.js'
import { linkRule } from '../live/links.js'
import { checkPages } from '../live/page-check.js'
import { localRange, UsageError } from '../sources/local-range.js'
import { ConfigError, planRun } from '../run/plan-run.js'
import type { Log, PlannedRun } from '../run/plan-run.js'
import { parseSettings, SettingsError } from '../settings/settings.js'
import type { Settings } from '../settings/settings.js'
import { flagNames } from '../settings/option-names.js'
import type { Result, ResultStatus } from '../types.js'
import { USER_AGENT } from '../constants.js'

/** A stream the CLI writes to. */
export interface Output {
  write(text: string): unknown
  isTTY?: boolean
}

/** What the check runs with: the process's, or a test's. */
export interface CheckIo {
  cwd: string
  env: NodeJS.ProcessEnv
  stdout: Output
  stderr: Output
  now?: Date
}

/** One row of the check's answer: a result, plus the live check when asked. */
export interface CheckedRow extends Result {
  /**
   * `--live`: whether the post answers 200 (`ok`) and links to the
   * target's page (`linked`, when it is live).
   */
  live?: { ok: boolean; linked?: boolean; message: string }
}

/** Exit codes. */
export const EXIT_OK = 0
export const EXIT_INVALID = 1
export const EXIT_USAGE = 2

type CheckCommand = Extract<Command, { kind: 'check' }>

/** Run `check`; returns the exit code. Never throws for user errors. */
export async function runCheck(
  command: CheckCommand,
  io: CheckIo
): Promise<number> {
  const paint = painter(
    command.color ?? (!!io.stdout.isTTY && !io.env.NO_COLOR)
  )
  const say = (text: string): void => void io.stderr.write(`${text}\n`)
  const progress = new Progress(io.stderr)
  const terminal = terminalLog(command, paint, say, progress)
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
    if (command.live) await checkLive(rows, settings, progress)
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
        `${JSON.stringify(jsonReport(planned, rows, description, invalid), null, 2)}\n`
      )
    } else {
      io.stdout.write(renderCheck(planned, rows, description, paint))
    }
    return invalid ? EXIT_INVALID : EXIT_OK
  } catch (error) {
    progress.clear()
    if (
      error instanceof UsageError ||
      error instanceof ConfigError ||
      error instanceof SettingsError
    ) {
      say(`${paint.red('error:')} ${error.message}`)
      return EXIT_USAGE
    }
    throw error
  }
}

/**
 * The planning Log on a terminal: warnings and problems on stderr with
 * their file and line, the rest only with --verbose; counts the problems.
 */
function terminalLog(
  command: CheckCommand,
  paint: ReturnType<typeof painter>,
  say: (text: string) => void,
  progress: Progress
): { log: Log; problems: () => number } {
  let problems = 0
  const log: Log = {
    names: flagNames,
    info: (message) => {
      if (command.verbose) say(message)
    },
    warning: (message, at) => {
      progress.clear()
      const where = at ? `${at.file}${at.line ? `:${at.line}` : ''}: ` : ''
      say(`${paint.yellow('warning:')} ${where}${message}`)
    },
    problem: (problem, title) => {
      problems++
      progress.clear()
      say(
        `${paint.red('error:')} ${problem.file}${problem.line ? `:${problem.line}` : ''}: ${title}: ${problem.message}`
      )
    },
    group: async (name, fn) => {
      if (command.verbose) say(paint.bold(`[${name}]`))
      return fn()
    },
    progress: (what, done, total) => progress.show(what, done, total)
  }
  return { log, problems: () => problems }
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
    if (name === 'dry-run') return 'true'
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

/** ANSI colours, or none. */
interface Paint {
  red(text: string): string
  green(text: string): string
  yellow(text: string): string
  dim(text: string): string
  bold(text: string): string
}

function painter(enabled: boolean): Paint {
  const sgr =
    (on: number, off: number) =>
    (text: string): string =>
      enabled ? `\x1b[${on}m${text}\x1b[${off}m` : text
  return {
    red: sgr(31, 39),
    green: sgr(32, 39),
    yellow: sgr(33, 39),
    dim: sgr(2, 22),
    bold: sgr(1, 22)
  }
}

/** How each status reads in the terminal. */
const LABEL: Record<ResultStatus, [string, keyof Paint]> = {
  'dry-run': ['would send', 'green'],
  sent: ['sent', 'green'],
  'already-sent': ['already sent', 'dim'],
  pending: ['pending', 'yellow'],
  skipped: ['skipped', 'yellow'],
  invalid: ['invalid', 'red'],
  rejected: ['rejected', 'red'],
  failed: ['failed', 'red']
}
const LABEL_WIDTH = 12

/** The text report: one block per post, then the totals. */
export function renderCheck(
  planned: Pick<PlannedRun, 'plan'>,
  rows: CheckedRow[],
  description: string,
  paint: Paint = painter(false)
): string {
  const out: string[] = [description]
  const byPost = new Map<string, CheckedRow[]>()
  for (const r of rows) byPost.set(r.post, [...(byPost.get(r.post) ?? []), r])
  for (const [post, list] of byPost) {
    const url = list.find((r) => r.url)?.url
    out.push('', paint.bold(post))
    if (url) out.push(`  ${url}`)
    for (const r of list) {
      const [label, colour] = LABEL[r.status]
      const head = `  ${paint[colour](label.padEnd(LABEL_WIDTH))} ${r.target || '(post)'}`
      out.push(head)
      if (r.ping && r.ping !== r.target) {
        out.push(`  ${' '.repeat(LABEL_WIDTH)} ${paint.dim(`ping ${r.ping}`)}`)
      }
      const message =
        r.status === 'dry-run' && r.message === 'Would be sent.'
          ? ''
          : r.status === 'invalid' && r.line !== undefined
            ? `line ${r.line}: ${r.message}`
            : r.message
      if (message) out.push(`  ${' '.repeat(LABEL_WIDTH)} ${message}`)
      if (r.live) {
        const mark = !r.live.ok
          ? paint.red('not live')
          : r.live.linked
            ? paint.green('live')
            : paint.yellow('live, no link')
        out.push(`  ${' '.repeat(LABEL_WIDTH)} ${mark}: ${r.live.message}`)
      }
    }
  }
  const counts = checkCounts(rows)
  if (byPost.size === 0) out.push('', 'No post with TrackBack targets changed.')
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
): unknown {
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

/**
 * `--live`: fetch each post that would be pinged, once, through the same
 * address policy and page reader as the action's wait-for-live (one try,
 * no waiting), and check its links with the action's link rule.
 */
async function checkLive(
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
}

/** A one-line progress counter on stderr, only on a terminal. */
export class Progress {
  private shown = false
  constructor(private readonly stream: Output) {}

  /**
   * Long phases only: a handful of posts is read before it could be seen.
   * `done` 0 announces a phase whose items are not counted one by one.
   */
  show(what: string, done: number, total: number): void {
    if (!this.stream.isTTY || (done > 0 && total < 20)) return
    this.stream.write(`\r\x1b[K${what}${done > 0 ? ` ${done}/${total}` : '…'}`)
    this.shown = true
    if (done >= total && done > 0) this.clear()
  }

  clear(): void {
    if (!this.shown) return
    this.stream.write('\r\x1b[K')
    this.shown = false
  }
}
