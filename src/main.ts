/**
 * The action's adapter to the runner: it reads the run's context and
 * settings, builds the adapters (ledger store, GitHub APIs, the report
 * publisher) and the `@actions/core`-backed log, calls the run
 * (run/run.ts) and fails the step when it should. The run's decisions all
 * live below src/run/; only this file, the report publisher and the
 * settings reader talk to `@actions/core`.
 */
import * as core from '@actions/core'
import { readFileSync } from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { createRunJobsApi } from './github/actions-api.js'
import { createRepositoryApi } from './github/api.js'
import { createLedgerRefApi } from './github/git-data.js'
import { createLedgerRefStore } from './ledger/ref-store.js'
import { createLedgerStore } from './ledger/cache-store.js'
import type { LedgerStore } from './ledger/store.js'
import type { Log } from './run/plan-run.js'
import { publishReport } from './report/publish.js'
import { trackback } from './run/run.js'
import type { RunAdapters, RunContext } from './run/run.js'
import { inputNames } from './settings/option-names.js'
import { getSettings, SettingsError } from './settings/settings.js'
import type { Settings } from './settings/settings.js'
import { ConfigError } from './types.js'
import { errorMessage } from './util.js'

export type { RunContext } from './run/run.js'

/** Read the runner's environment (pure but for reading the event file). */
export function readRunContext(env: NodeJS.ProcessEnv): RunContext {
  let payload: Record<string, unknown> = {}
  if (env.GITHUB_EVENT_PATH) {
    try {
      payload = JSON.parse(
        readFileSync(env.GITHUB_EVENT_PATH, 'utf8')
      ) as Record<string, unknown>
    } catch (error) {
      core.warning(`Cannot read the event payload: ${String(error)}`)
    }
  }
  return {
    eventName: env.GITHUB_EVENT_NAME ?? '',
    payload,
    sha: env.GITHUB_SHA ?? '',
    workspace: path.resolve(env.GITHUB_WORKSPACE || process.cwd()),
    repository: env.GITHUB_REPOSITORY ?? '',
    runId: env.GITHUB_RUN_ID || `local-${Date.now()}`,
    runAttempt: env.GITHUB_RUN_ATTEMPT || '1',
    runnerTemp: env.RUNNER_TEMP || os.tmpdir(),
    apiUrl: env.GITHUB_API_URL
  }
}

/** The action's entry point: never throws; fails the step on bad input. */
export async function run(): Promise<void> {
  try {
    const context = readRunContext(process.env)
    const settings = getSettings(context.eventName)
    core.debug(
      `Settings: ${JSON.stringify({ ...settings, githubToken: settings.githubToken ? '***' : '' })}`
    )
    const failure = await trackback(
      context,
      settings,
      new Date(),
      runAdapters(context, settings),
      actionLog
    )
    if (failure) core.setFailed(failure)
  } catch (error) {
    if (error instanceof SettingsError || error instanceof ConfigError) {
      core.setFailed(error.message)
    } else {
      core.setFailed(errorMessage(error))
      if (error instanceof Error && error.stack) core.debug(error.stack)
    }
  }
}

/**
 * Run one phase in a folded log group. Its duration and end (ms since the
 * process started) go to the debug log, which is how `npm run bench` times
 * the phases: `<name> took <ms> ms, <ms> ms after start`.
 */
async function group<T>(name: string, fn: () => Promise<T>): Promise<T> {
  core.startGroup(name)
  const started = performance.now()
  try {
    return await fn()
  } finally {
    const ended = performance.now()
    core.debug(
      `${name} took ${(ended - started).toFixed(1)} ms, ${ended.toFixed(1)} ms after start`
    )
    core.endGroup()
  }
}

/** The run's log in the action: the runner's log, groups and annotations. */
const actionLog: Log = {
  names: inputNames,
  info: (message) => core.info(message),
  warning: (message, at) =>
    core.warning(
      message,
      at && { title: 'TrackBack', file: at.file, startLine: at.line }
    ),
  problem: (problem, title) =>
    core.error(problem.message, {
      title,
      file: problem.file,
      startLine: problem.line
    }),
  group
}

/** The world the run works in: the ledger's store, GitHub's APIs, the report. */
function runAdapters(context: RunContext, settings: Settings): RunAdapters {
  const [owner, repo] = context.repository.split('/')
  const token = settings.githubToken
  const github = token && owner && repo ? { token, owner, repo } : undefined
  return {
    // Made when the run asks: it may log, after the run's first line.
    openStore: () => ledgerStore(context, settings),
    repositoryApi: github
      ? createRepositoryApi(token, github.owner, github.repo, context.apiUrl)
      : undefined,
    runJobsApi: github
      ? (runId) =>
          createRunJobsApi(
            token,
            github.owner,
            github.repo,
            runId,
            context.apiUrl
          )
      : undefined,
    env: process.env,
    publish: publishReport,
    sleep,
    clock: Date.now
  }
}

/**
 * The ledger's store: the Actions cache, or, when `ledger-ref` names one,
 * that ref alone, its first commit taking in the cache's ledger
 * (ledger/ref-store.ts).
 */
function ledgerStore(context: RunContext, settings: Settings): LedgerStore {
  const cache = createLedgerStore({
    prefix: settings.cacheKey,
    runId: context.runId,
    runAttempt: context.runAttempt,
    dir: path.join(context.runnerTemp, 'trackback-ledger'),
    log: actionLog
  })
  if (!settings.ledgerRef) return cache
  const [owner = '', repo = ''] = context.repository.split('/')
  return createLedgerRefStore({
    api: createLedgerRefApi(
      settings.githubToken,
      owner,
      repo,
      settings.ledgerRef,
      context.apiUrl
    ),
    ref: settings.ledgerRef,
    runId: context.runId,
    runAttempt: context.runAttempt,
    seed: cache,
    log: actionLog
  })
}
