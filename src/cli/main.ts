/**
 * The command-line entry (dist/cli.js: `trackback-action check` and
 * `send`): it needs no runner environment and no cache service.
 */
import { HELP, parseArgs } from './args.js'
import type { Command } from './args.js'
import { EXIT_USAGE, runCheck } from './check.js'
import { runSend } from './send.js'
import { UsageError } from '../sources/local-range.js'
import { VERSION } from '../constants.js'

let command: Command | undefined
try {
  command = parseArgs(process.argv.slice(2))
} catch (error) {
  if (!(error instanceof UsageError)) throw error
  process.stderr.write(`error: ${error.message}\n`)
  process.exitCode = EXIT_USAGE
}
if (command?.kind === 'help') process.stdout.write(`${HELP}\n`)
else if (command?.kind === 'version') process.stdout.write(`${VERSION}\n`)
else if (command) {
  const io = {
    cwd: process.cwd(),
    env: process.env,
    stdout: process.stdout,
    stderr: process.stderr
  }
  process.exitCode =
    command.kind === 'send'
      ? await runSend(command, io)
      : await runCheck(command, io)
}
