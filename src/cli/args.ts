/**
 * The command line of `trackback-action`: parsing is pure (argv in, a
 * command out) so that it is tested with plain data. Flags named after the
 * action's inputs take the same values as the inputs.
 */
import { UsageError } from '../sources/local-range.js'

/** What the command line asks for. */
export type Command = { kind: 'help' } | { kind: 'version' } | RunCommand

/** `check` or `send`, with their options. */
export interface RunCommand {
  /** `check` previews; `send` sends and records (cli/send.ts). */
  kind: 'check' | 'send'
  /** Base commit, branch or tag (`--since`). */
  since?: string
  /** Also fetch each post's public URL (`--live`, check only). */
  live: boolean
  /** `send --dry-run`: plan and show, send nothing, record nothing. */
  dryRun: boolean
  /** `send --no-commit`: leave the ledger file uncommitted. */
  commit: boolean
  /** Print JSON instead of text (`--json`). */
  json: boolean
  /** Log every step to stderr (`--verbose`). */
  verbose: boolean
  /** false with `--no-color`; undefined lets the terminal decide. */
  color?: boolean
  /** Action inputs by name, as `getInput` would return them. */
  inputs: Record<string, string>
}

/** Flags that set one of the action's inputs and take a value. */
const INPUT_FLAGS = new Set([
  'site-url',
  'permalink',
  'working-directory',
  'blog-name',
  'front-matter-key',
  'max-age',
  'max-pings',
  'timeout',
  'site-dir',
  'landed-days'
])
/** Input flags that may be given several times (newline-separated inputs). */
const LIST_FLAGS = new Set(['posts', 'ignore', 'resend'])
/** Input flags without a value (the input is set to `true`). */
const SWITCH_INPUTS = new Set(['allow-private-networks', 'require-link'])

/** The help text. */
export const HELP = `Usage: trackback-action check [options]
       trackback-action send [--dry-run] [options]

check  Shows, for the commits a push would publish, each post's public URL,
       each target's ping URL and what the action would do with it. It
       never sends. A pre-push hook works: the exit code is 1 when
       something is invalid.
send   Sends, from this computer, the pings of the posts committed since
       the last send (the first time: the posts dated within --max-age),
       once each post is live, and records them in .trackback-ledger.json
       at the repository's root, which it commits (the action reads it, so
       neither sends a ping twice). Posts with uncommitted changes are
       refused. When a workflow runs the action, send reads the action's
       ledger ref first, and refuses without one.

Run either in your blog's repository. Neither needs \`npm ci\`: they run
from the committed dist/.

Which commits:
  (default)                 check: the commits not yet on HEAD's upstream
                            branch, else not on the remote's default branch;
                            send: the commits since the last send
  --since <ref>             the commits on HEAD since <ref>

Checks:
  --live                    check: also fetch the public URL of each post
                            that would be pinged: it must answer 200 (once,
                            no waiting); a missing link to a target's page
                            is shown, and fails only with --require-link;
                            and read each article page a target names, to
                            show the protocol and endpoint it would get;
                            and whether past pings (.trackback-ledger.json,
                            the action's ledger ref) show on their receivers
  --dry-run                 send: show what would be sent; send nothing
  --no-commit               send: leave .trackback-ledger.json uncommitted

Output:
  --json                    print the results as JSON
  --verbose                 log each step to stderr
  --no-color                no colours (also: NO_COLOR=1; colours are only
                            used on a terminal)

Action inputs (same values as in the workflow):
  --site-url <url>          the published site's base URL
  --permalink <pattern>     URL pattern for posts (Eleventy, Astro, ...)
  --working-directory <dir> the site's root, relative to the repository
                            root (default: the current directory)
  --posts <glob>            post sources, relative to the site root
                            (repeat for several)
  --ignore <pattern>        targets never to ping (repeat for several)
  --resend <path|url>       send these again (repeat for several)
  --blog-name <name>        --front-matter-key <key>    --max-age <days>
  --max-pings <n>           --timeout <seconds>          --site-dir <dir>
  --landed-days <days>      --require-link       --allow-private-networks

  -h, --help                this help
  -V, --version             the version

Exit codes: 0 nothing invalid or failed, 1 something invalid or failed
(check --live: a post not live), 2 a usage or configuration error.`

/** Parse the arguments after `node cli.js`. Throws UsageError. */
export function parseArgs(argv: string[]): Command {
  let command: string | undefined
  const options: Options = {
    live: false,
    dryRun: false,
    commit: true,
    json: false,
    verbose: false,
    inputs: {}
  }
  const lists: Record<string, string[]> = {}
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string
    if (arg === '-h' || arg === '--help') return { kind: 'help' }
    if (arg === '-V' || arg === '--version') return { kind: 'version' }
    if (!arg.startsWith('-') || arg === '-') {
      if (command !== undefined) {
        throw new UsageError(`Unexpected argument '${arg}'.`)
      }
      command = arg
      continue
    }
    if (arg === '--') {
      if (i + 1 < argv.length) {
        throw new UsageError(`Unexpected argument '${argv[i + 1]}'.`)
      }
      break
    }
    i = readOption(argv, i, options, lists)
  }
  for (const [name, values] of Object.entries(lists)) {
    options.inputs[name] = values.join('\n')
  }
  return { kind: commandName(command, options), ...options }
}

/** A RunCommand's options, as parsing fills them in. */
type Options = Omit<RunCommand, 'kind'>

/**
 * Read the option at argv[i] into `options` (list flags into `lists`);
 * returns the index of the last argument it used.
 */
function readOption(
  argv: string[],
  i: number,
  options: Options,
  lists: Record<string, string[]>
): number {
  const arg = argv[i] as string
  if (!arg.startsWith('--')) {
    throw new UsageError(`Unknown option '${arg}'. See --help.`)
  }
  const eq = arg.indexOf('=')
  const name = (eq === -1 ? arg : arg.slice(0, eq)).slice(2)
  const inline = eq === -1 ? undefined : arg.slice(eq + 1)
  let used = i
  const value = (): string => {
    if (inline !== undefined) return inline
    const next = argv[i + 1]
    if (next === undefined || (next.startsWith('--') && next.length > 2)) {
      throw new UsageError(`--${name} needs a value.`)
    }
    used = i + 1
    return next
  }
  const flag = (): true => {
    if (inline !== undefined) {
      throw new UsageError(`--${name} takes no value.`)
    }
    return true
  }
  if (name === 'since') options.since = value()
  else if (name === 'live') options.live = flag()
  else if (name === 'dry-run') options.dryRun = flag()
  else if (name === 'no-commit') options.commit = !flag()
  else if (name === 'json') options.json = flag()
  else if (name === 'verbose') options.verbose = flag()
  else if (name === 'no-color') options.color = !flag()
  else if (name === 'color') options.color = flag()
  else if (INPUT_FLAGS.has(name)) options.inputs[name] = value()
  else if (LIST_FLAGS.has(name)) (lists[name] ??= []).push(value())
  else if (SWITCH_INPUTS.has(name)) options.inputs[name] = String(flag())
  else throw new UsageError(`Unknown option '--${name}'. See --help.`)
  return used
}

/** The command named, checked against the options given with it. */
function commandName(
  command: string | undefined,
  options: Options
): RunCommand['kind'] {
  if (command === undefined) {
    throw new UsageError(
      'Missing command: trackback-action check|send [options]. See --help.'
    )
  }
  if (command !== 'check' && command !== 'send') {
    throw new UsageError(
      `Unknown command '${command}': the commands are check and send. See --help.`
    )
  }
  if (command === 'check' && (options.dryRun || !options.commit)) {
    throw new UsageError(
      `--${options.dryRun ? 'dry-run' : 'no-commit'} is an option of send: check never sends.`
    )
  }
  if (command === 'send' && options.live) {
    throw new UsageError(
      '--live is an option of check: send always checks that each post is live before pinging it.'
    )
  }
  return command
}
