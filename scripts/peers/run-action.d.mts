/** Types for run-action.mjs (plain JavaScript shared by tests and the demo). */
export interface RunOptions {
  workspace: string
  eventName: string
  payload?: Record<string, unknown>
  sha: string
  inputs?: Record<string, string>
  env?: Record<string, string>
  runId?: string
  runAttempt?: string
  runnerTemp?: string
  repository?: string
  script?: string
  /** Run as if this many days later (scripts/peers/shift-clock.mjs). */
  daysLater?: number
}
export interface ActionResult {
  code: number
  stdout: string
  stderr: string
  outputs: Record<string, string>
  results: Array<{
    post: string
    url: string
    target: string
    ping: string
    status: string
    message: string
    line?: number
    protocol?: string
    endpoint?: string
    visible?: boolean
    visibleSince?: string
  }>
  summary: string
}
export function parseOutputFile(text: string): Record<string, string>
export function runAction(options: RunOptions): Promise<ActionResult>
