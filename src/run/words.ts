/**
 * The run's words for what kind of run it is: the first log line, saying
 * whether it sends and why.
 */
import type { Settings } from '../settings/settings.js'
import type { RunContext } from './run.js'

/**
 * The run's first line, saying whether it sends and why: `Sending: a push
 * to main (dry-run is auto).` or `Not sending: a pull request (dry-run is
 * auto).`
 */
export function sendingLine(
  settings: Pick<Settings, 'dryRun' | 'dryRunReason'>,
  context: Pick<RunContext, 'eventName' | 'payload'>
): string {
  const what = settings.dryRun ? 'Not sending' : 'Sending'
  return `${what}: ${describeEvent(context)} (${settings.dryRunReason}).`
}

/** The event in words: `a push to main`, `a pull request`, `a manual run`. */
function describeEvent(
  context: Pick<RunContext, 'eventName' | 'payload'>
): string {
  const ref = context.payload.ref
  switch (context.eventName) {
    case 'push':
      return typeof ref === 'string' && ref !== ''
        ? `a push to ${ref.replace(/^refs\/(heads|tags)\//, '')}`
        : 'a push'
    case 'pull_request':
    case 'pull_request_target':
      return 'a pull request'
    case 'schedule':
      return 'a scheduled run'
    case 'workflow_dispatch':
      return 'a manual run'
    case '':
      return 'a local run'
    case 'local':
      return 'a send from this computer'
    default:
      return `a ${context.eventName} event`
  }
}
