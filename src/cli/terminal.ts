/**
 * The command line's terminal: colours, the progress line, and the planning
 * Log that writes warnings and problems with their file and line. Shared by
 * `check` and `send`.
 */
import { LedgerFileError } from '../ledger/file-store.js'
import type { Log } from '../run/plan-run.js'
import { SettingsError } from '../settings/settings.js'
import { UsageError } from '../sources/local-range.js'
import { ConfigError } from '../types.js'
import { flagNames } from '../settings/option-names.js'
import type { Result, ResultStatus } from '../types.js'

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

/** ANSI colours, or none. */
export interface Paint {
  red(text: string): string
  green(text: string): string
  yellow(text: string): string
  dim(text: string): string
  bold(text: string): string
}

export function painter(enabled: boolean): Paint {
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
export const LABEL: Record<ResultStatus, [string, keyof Paint]> = {
  'dry-run': ['would send', 'green'],
  sent: ['sent', 'green'],
  'already-sent': ['already sent', 'dim'],
  pending: ['pending', 'yellow'],
  skipped: ['skipped', 'yellow'],
  invalid: ['invalid', 'red'],
  rejected: ['rejected', 'red'],
  failed: ['failed', 'red']
}
export const LABEL_WIDTH = 12

/** One block per post: its source, its URL, then a line or more per target. */
export function renderPosts(rows: CheckedRow[], paint: Paint): string[] {
  const out: string[] = []
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
  return out
}

/**
 * The planning Log on a terminal: warnings and problems on stderr with
 * their file and line, the rest only with --verbose; counts the problems.
 */
export function terminalLog(
  command: { verbose: boolean },
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

/** Exit codes. */
export const EXIT_OK = 0
export const EXIT_INVALID = 1
export const EXIT_USAGE = 2

/**
 * A user's error (usage, configuration, settings, an unreadable ledger
 * file) as one line on stderr and exit code 2; anything else is a bug and
 * is thrown on.
 */
export function usageExit(
  error: unknown,
  say: (text: string) => void,
  paint: Paint
): number {
  if (
    error instanceof UsageError ||
    error instanceof ConfigError ||
    error instanceof SettingsError ||
    error instanceof LedgerFileError
  ) {
    say(`${paint.red('error:')} ${error.message}`)
    return EXIT_USAGE
  }
  throw error
}

/** A command's terminal: colours, a line on stderr, progress, the Log. */
export interface Terminal {
  paint: Paint
  say: (text: string) => void
  progress: Progress
  log: Log
  /** Problems the Log reported (file and line errors). */
  problems: () => number
}

/**
 * The terminal of `check` or `send`: colours when asked, else on a
 * terminal without NO_COLOR.
 */
export function openTerminal(
  command: { color?: boolean; verbose: boolean },
  io: CheckIo
): Terminal {
  const paint = painter(
    command.color ?? (!!io.stdout.isTTY && !io.env.NO_COLOR)
  )
  const say = (text: string): void => void io.stderr.write(`${text}\n`)
  const progress = new Progress(io.stderr)
  const { log, problems } = terminalLog(command, paint, say, progress)
  return { paint, say, progress, log, problems }
}
