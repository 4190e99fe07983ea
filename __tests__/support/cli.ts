/** The bundled CLI (dist/cli.js) run as a child process, as a user runs it. */
import { spawn } from 'node:child_process'
import * as path from 'node:path'

export const CLI = path.resolve('dist/cli.js')

export interface CliResult {
  code: number | null
  stdout: string
  stderr: string
}

/** Run `trackback-action <args>` in `cwd`, with a developer's environment. */
export function cli(
  cwd: string,
  args: string[],
  env: Record<string, string> = {}
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd,
      // No GITHUB_*, RUNNER_* or ACTIONS_* variables: a developer's shell.
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        ...env
      }
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}
