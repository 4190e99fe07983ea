// Runs the bundled action (dist/index.js) as a child process with the
// environment a GitHub runner provides, and reads back its outputs and job
// summary. Used by the end-to-end tests and by `npm run demo`.
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

/** Parse a $GITHUB_OUTPUT file (`name<<DELIM` heredocs and `name=value` lines). */
export function parseOutputFile(text) {
  const outputs = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line)
    if (heredoc) {
      const [, name, delimiter] = heredoc
      const value = []
      for (i++; i < lines.length && lines[i] !== delimiter; i++)
        value.push(lines[i])
      outputs[name] = value.join('\n')
    } else if (line.includes('=')) {
      const at = line.indexOf('=')
      outputs[line.slice(0, at)] = line.slice(at + 1)
    }
  }
  return outputs
}

/**
 * Run the action once. Its event, output and summary files live in a
 * temporary folder (`trackback-run-*`) removed before this returns.
 * @param {object} options
 * @param {string} options.workspace  the checked-out repository
 * @param {string} options.eventName  e.g. 'push'
 * @param {object} options.payload    the event payload
 * @param {string} options.sha        GITHUB_SHA
 * @param {Record<string,string>} [options.inputs]  action inputs by name
 * @param {Record<string,string>} [options.env]     extra environment (cache service…)
 * @param {string} [options.runId]
 * @param {string} [options.runAttempt]
 * @param {string} [options.script]   defaults to dist/index.js
 * @param {number} [options.daysLater] run as if this many days later (shift-clock.mjs)
 */
export async function runAction(options) {
  const temp = mkdtempSync(path.join(tmpdir(), 'trackback-run-'))
  try {
    return await runIn(temp, options)
  } finally {
    rmSync(temp, { recursive: true, force: true })
  }
}

/** runAction with its files in `temp`. */
async function runIn(temp, options) {
  const eventPath = path.join(temp, 'event.json')
  const outputPath = path.join(temp, 'output.txt')
  const summaryPath = path.join(temp, 'summary.md')
  writeFileSync(eventPath, JSON.stringify(options.payload ?? {}))
  writeFileSync(outputPath, '')
  writeFileSync(summaryPath, '')
  const inputs = {}
  for (const [name, value] of Object.entries(options.inputs ?? {})) {
    inputs[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value
  }
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    TZ: process.env.TZ ?? 'UTC',
    GITHUB_ACTIONS: 'true',
    CI: 'true',
    GITHUB_EVENT_NAME: options.eventName,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_SHA: options.sha,
    GITHUB_REF: 'refs/heads/main',
    GITHUB_REPOSITORY: options.repository ?? 'octo/blog',
    GITHUB_WORKSPACE: options.workspace,
    GITHUB_RUN_ID: options.runId ?? '1',
    GITHUB_RUN_ATTEMPT: options.runAttempt ?? '1',
    GITHUB_OUTPUT: outputPath,
    GITHUB_STEP_SUMMARY: summaryPath,
    GITHUB_API_URL: 'http://127.0.0.1:9/api',
    RUNNER_TEMP:
      options.runnerTemp ?? path.join(tmpdir(), 'trackback-runner-temp'),
    'INPUT_GITHUB-TOKEN': '',
    // The posts of these runs are not served anywhere unless a test serves
    // them (scripts/peers/blog-server.mjs), so the harness turns waiting for
    // them off; a test of wait-for-live passes the input.
    'INPUT_WAIT-FOR-LIVE': '0',
    ...inputs,
    ...(options.env ?? {})
  }
  const script = options.script ?? path.join(ROOT, 'dist', 'index.js')
  const shifted = options.daysLater
    ? ['--import', new URL('./shift-clock.mjs', import.meta.url).href, script]
    : [script]
  if (options.daysLater) {
    env.SHIFT_CLOCK_MS = String(options.daysLater * 24 * 60 * 60 * 1000)
  }
  const child = spawn(process.execPath, shifted, {
    cwd: options.workspace,
    env
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (d) => (stdout += d))
  child.stderr.on('data', (d) => (stderr += d))
  const code = await new Promise((resolve) => child.on('close', resolve))
  const outputs = parseOutputFile(readFileSync(outputPath, 'utf8'))
  const summary = readFileSync(summaryPath, 'utf8')
  let results = []
  try {
    results = JSON.parse(outputs.results ?? '[]')
  } catch {
    results = []
  }
  return { code, stdout, stderr, outputs, results, summary }
}
