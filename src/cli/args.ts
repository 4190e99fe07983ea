/**
 * The command line of `trackback-action`: parsing is pure (argv in, a
 * command out) so that it is tested with plain data. Flags named after the
 * action's inputs take the same values as the inputs.
 */
import { UsageError } from '../sources/local-range.js'

/** What the command line asks for. */
export type Command =
  | { kind: 'help' }
  | { kind: 'version' }
  | {
      kind: 'check'
      /** Base commit, branch or tag (`--since`). */
      since?: string
      /** Also fetch each post's public URL (`--live`). */
      live: boolean
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
  'site-dir'
])
/** Input flags that may be given several times (newline-separated inputs). */
const LIST_FLAGS = new Set(['posts', 'ignore', 'resend'])
/** Input flags without a value (the input is set to `true`). */
const SWITCH_INPUTS = new Set(['allow-private-networks', 'require-link'])

/** The help text. */
export const HELP = `Usage: trackback-action check [options]

Shows, for the commits a push would publish, each post's public URL, each
target's ping URL and what the action would do with it. It never sends.
Run it in your blog's repository (a pre-push hook works: the exit code is 1
when something is invalid).

Which commits:
  (default)                 the commits not yet on HEAD's upstream branch,
                            else not on the remote's default branch
  --since <ref>             the commits on HEAD since <ref>

Checks:
  --live                    also fetch the public URL of each post that
                            would be pinged: it must answer 200 (once, no
                            waiting); a missing link to a target's page is
                            shown, and fails only with --require-link

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
  --resend <path|url>       show these as sent again (repeat for several)
  --blog-name <name>        --front-matter-key <key>    --max-age <days>
  --max-pings <n>           --timeout <seconds>          --site-dir <dir>
  --require-link            --allow-private-networks

  -h, --help                this help
  -V, --version             the version

Exit codes: 0 nothing invalid, 1 something invalid (or, with --live, a
post not live), 2 a usage or configuration error.`

/** Parse the arguments after `node cli.js`. Throws UsageError. */
export function parseArgs(argv: string[]): Command {
  let command: string | undefined
  let since: string | undefined
  let live = false
  let json = false
  let verbose = false
  let color: boolean | undefined
  const inputs: Record<string, string> = {}
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
    const eq = arg.indexOf('=')
    const name = (eq === -1 ? arg : arg.slice(0, eq)).replace(/^--?/, '')
    const inline = eq === -1 ? undefined : arg.slice(eq + 1)
    const value = (): string => {
      if (inline !== undefined) return inline
      const next = argv[i + 1]
      if (next === undefined || (next.startsWith('--') && next.length > 2)) {
        throw new UsageError(`--${name} needs a value.`)
      }
      i++
      return next
    }
    const flag = (): true => {
      if (inline !== undefined) {
        throw new UsageError(`--${name} takes no value.`)
      }
      return true
    }
    if (!arg.startsWith('--')) {
      throw new UsageError(`Unknown option '${arg}'. See --help.`)
    }
    if (name === 'since') since = value()
    else if (name === 'live') live = flag()
    else if (name === 'json') json = flag()
    else if (name === 'verbose') verbose = flag()
    else if (name === 'no-color') color = !flag()
    else if (name === 'color') color = flag()
    else if (INPUT_FLAGS.has(name)) inputs[name] = value()
    else if (LIST_FLAGS.has(name)) (lists[name] ??= []).push(value())
    else if (SWITCH_INPUTS.has(name)) inputs[name] = String(flag())
    else throw new UsageError(`Unknown option '--${name}'. See --help.`)
  }

  if (command === undefined) {
    throw new UsageError(
      'Missing command: trackback-action check [options]. See --help.'
    )
  }
  if (command !== 'check') {
    throw new UsageError(
      `Unknown command '${command}': the only command is check. See --help.`
    )
  }
  for (const [name, values] of Object.entries(lists)) {
    inputs[name] = values.join('\n')
  }
  return { kind: 'check', since, live, json, verbose, color, inputs }
}
