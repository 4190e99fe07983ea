/** A Log for tests of code that logs through an injected one. */
import type { Log } from '../../src/run/plan-run.js'
import { inputNames } from '../../src/settings/option-names.js'

/** Keeps every line, and runs groups straight through. */
export interface RecordingLog extends Log {
  lines: string[]
}

/** A Log that writes nothing and remembers what it was told. */
export function recordingLog(): RecordingLog {
  const lines: string[] = []
  return {
    lines,
    names: inputNames,
    info: (message) => void lines.push(message),
    warning: (message) => void lines.push(`warning: ${message}`),
    problem: (problem) => void lines.push(`problem: ${problem.message}`),
    group: (_name, fn) => fn()
  }
}

/** A Log that writes and keeps nothing. */
export const quietLog: Log = {
  names: inputNames,
  info: () => undefined,
  warning: () => undefined,
  problem: () => undefined,
  group: (_name, fn) => fn()
}
