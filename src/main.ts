/**
 * The action's run: settings → ledger → plan (site → changed posts → posts
 * → pings: `planRun` in pipeline.ts, which the CLI calls too) → claim and
 * send → record → report. Each arrow is a call whose input and output are
 * plain data; the adapters (git, GitHub API, HTTP, cache, core) are created
 * here and in pipeline.ts, nowhere deeper.
 */
import * as core from '@actions/core'
import { readFileSync } from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { createRunJobsApi } from './github/actions-api.js'
import { createDurableLedgerStore } from './ledger/durable.js'
import { createLedgerRefApi, createRepositoryApi } from './github/api.js'
import {
  attemptsNotRemembered,
  runKey,
  serializeLedger
} from './ledger/ledger.js'
import { createLedgerRefStore } from './ledger/ref-store.js'
import { createLedgerStore } from './ledger/cache-store.js'
import type { LedgerLoad, LedgerStore } from './ledger/cache-store.js'
import type { Log } from './run/plan-run.js'
import type { Plan } from './run/plan.js'
import { pickRange } from './sources/range.js'
import type { EventFacts } from './sources/range.js'
import { annotationsFor } from './report/annotations.js'
import type { Annotation } from './report/annotations.js'
import { publishReport } from './report/publish.js'
import { inputNames } from './settings/option-names.js'
import { getSettings, SettingsError } from './settings/settings.js'
import type { Settings } from './settings/settings.js'
import { ConfigError } from './types.js'
import type { Ledger, Result } from './types.js'
import { USER_AGENT } from './constants.js'
import { errorMessage } from './util.js'

/**
 * Start an import that is awaited later. A run that fails before then must
 * not report a second, unhandled error.
 */
function preload<T>(loading: Promise<T>): Promise<T> {
  loading.catch(() => undefined)
  return loading
}

/** What the runner tells the action through its environment. */
export interface RunContext extends EventFacts {
  workspace: string
  /** `owner/repo`. */
  repository: string
  runId: string
  runAttempt: string
  runnerTemp: string
  apiUrl?: string
}

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
    const failure = await trackback(context, settings, new Date())
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

/**
 * `resend` applies to manual (workflow_dispatch) runs only: a workflow that
 * sets it for every event would otherwise send again on every push.
 */
function withResend(settings: Settings, eventName: string): Settings {
  if (settings.resend.length === 0 || eventName === 'workflow_dispatch') {
    return settings
  }
  core.warning(
    `The resend input is honoured on workflow_dispatch runs only, and this is a ${eventName || 'local'} run: nothing is sent again.`
  )
  return { ...settings, resend: [] }
}

/** The pipeline's log in the action: the runner's log, groups and annotations. */
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

/**
 * The whole run. Returns a failure message for the step (over max-pings,
 * fail-on-error), or undefined.
 */
export async function trackback(
  context: RunContext,
  settings: Settings,
  now: Date
): Promise<string | undefined> {
  // The run's overall budget starts with the step (the real clock: `now`
  // is the planning clock).
  const deadline = Date.now() + settings.runTimeoutMs
  const annotations: Annotation[] = []
  // Planning's modules (YAML, TOML, Luxon, marked, picomatch and the code
  // that reads posts) are most of what the action parses, and sending's
  // (the HTTP client) only runs that send need, so the entry does not
  // import them. They load from here on, while the ledger is restored (from
  // a cache service, over the network), instead of before the first line.
  const planningModules = preload(
    Promise.all([import('./run/plan-run.js'), import('./run/dispatch.js')])
  )
  const sendingModules = settings.dryRun
    ? undefined
    : preload(
        Promise.all([
          import('./send/sender.js'),
          import('./live/page-check.js')
        ])
      )
  core.info(settings.dryRunReason.replace(/^./, (c) => c.toUpperCase()) + '.')

  const store = ledgerStore(context, settings)
  const loaded = await group('Ledger', async () => {
    const result = await store.load()
    for (const w of result.warnings) core.warning(w)
    const count = Object.keys(result.ledger.entries).length
    core.info(
      result.restoredKey
        ? `Restored ${result.restoredKey}: ${count} pings remembered, last commit ${result.ledger.lastCommit ?? 'none'}.`
        : result.available
          ? 'No ledger yet: starting a new one.'
          : 'No cache service: working without a ledger.'
    )
    return result
  })
  let ledger: Ledger = loaded.ledger

  const [owner, repo] = context.repository.split('/')
  const range = pickRange(context, ledger.lastCommit)
  const [{ planRun }, dispatch] = await planningModules
  const {
    claimAndSend,
    finishLedger,
    ledgerWasRead,
    refPredatesRun,
    scanWindowDays
  } = dispatch
  const planned = await planRun(
    {
      workspace: context.workspace,
      settings: withResend(settings, context.eventName),
      now,
      ledger,
      range,
      fallbackBlogName: repo || 'Blog',
      scanDays: scanWindowDays(
        settings.maxAgeDays,
        loaded,
        settings.dryRun,
        now
      ),
      checkedOut: context.sha || undefined,
      api:
        settings.githubToken && owner && repo
          ? createRepositoryApi(
              settings.githubToken,
              owner,
              repo,
              context.apiUrl
            )
          : undefined
    },
    actionLog
  )
  const notes = planned.notes
  // Loaded when this run sends: not a dry run, and not over max-pings.
  const send =
    sendingModules && !planned.plan.overLimit ? await sendingModules : undefined
  const plan = send
    ? await holdUnready(
        planned.plan,
        settings,
        annotations,
        { now, deadline },
        send[1]
      )
    : planned.plan

  const results: Result[] = plan.pings.map((p) => p.result)
  let failure = plan.overLimit
  let sentSomething = false
  try {
    if (send && !plan.overLimit) {
      const [{ sendPings }] = send
      await group('Sending', async () => {
        const earlier = await earlierAttempts(
          context,
          settings,
          loaded,
          ledgerWasRead(loaded),
          plan
        )
        sentSomething = await claimAndSend(plan, {
          claim: (name) => store.claim(name),
          claimMany: store.claimMany,
          claimsPredateRun: refPredatesRun(loaded.durable, context.payload),
          send: (requests, onOutcome) =>
            sendPings(
              requests,
              {
                timeoutMs: settings.timeoutMs,
                retries: settings.retries,
                concurrency: settings.concurrency,
                hostDelayMs: settings.hostDelayMs,
                allowPrivateNetworks: settings.allowPrivateNetworks,
                userAgent: USER_AGENT,
                deadline
              },
              { onOutcome }
            ),
          sleep,
          cacheAvailable: loaded.durable?.cacheAvailable ?? loaded.available,
          ledgerRead: ledgerWasRead(loaded),
          earlierAttemptSaved: earlier.accounted,
          rerunHint: earlier.hint,
          range,
          now,
          runAttempt: context.runAttempt,
          runId: context.runId,
          maxAttempts: settings.maxAttempts,
          update: (fn) => (ledger = fn(ledger)),
          results
        })
      })
    }
  } finally {
    if (!settings.dryRun) {
      ledger = finishLedger(ledger, plan, {
        maxAttempts: settings.maxAttempts,
        now,
        range,
        run: runKey(context.runId, context.runAttempt)
      })
      const changed =
        serializeLedger(ledger) !== serializeLedger(loaded.ledger) ||
        loaded.durable?.behind === true
      if (changed && loaded.available) {
        await group('Saving the ledger', async () => {
          const saved = await store.save(ledger)
          for (const w of saved.warnings) core.warning(w)
          if (saved.saved) core.info(`Saved the ledger as ${saved.key}.`)
          else if (sentSomething)
            core.warning(
              'The ledger could not be saved. Pings sent in this run are listed in the results output; the next push does not resend them (its diff excludes them).'
            )
        })
      }
    }
  }

  annotations.push(...annotationsFor(results))
  const counts = await publishReport(
    {
      results,
      dryRun: settings.dryRun,
      pullRequest: context.eventName.startsWith('pull_request'),
      notes
    },
    annotations
  )
  core.info(
    `${counts.sent} sent, ${counts.failed} failed or invalid, ${counts.pending} pending, ${counts.skipped} skipped${settings.dryRun ? `, ${counts.wouldSend} would be sent` : ''}.`
  )
  if (!failure && settings.failOnError && counts.failed > 0) {
    failure = `${counts.failed} ping(s) failed, were rejected or were invalid (fail-on-error is true).`
  }
  return failure
}

/**
 * Whether the earlier attempts of this run are accounted for: the ledger
 * holds their outcomes, or the Actions API shows that those it lacks never
 * reached this step (run-attempts.ts). The API is asked only when that
 * decides something: a re-run with pings to send and a ledger that was
 * read (an unread one holds every ping pending anyway).
 */
async function earlierAttempts(
  context: RunContext,
  settings: Settings,
  loaded: LedgerLoad,
  ledgerRead: boolean,
  plan: Plan
): Promise<{ accounted: boolean; hint?: string }> {
  const { runId, runAttempt } = context
  const missing = attemptsNotRemembered(loaded.ledger, runId, runAttempt)
  if (missing.length === 0) return { accounted: true }
  if (!ledgerRead || !plan.pings.some((p) => p.request)) {
    return { accounted: false }
  }
  const [owner, repo] = context.repository.split('/')
  const run = Number(runId)
  if (!settings.githubToken || !owner || !repo || !Number.isSafeInteger(run)) {
    core.info(
      `Re-run attempt ${runAttempt}: the ledger holds no record of attempt(s) ${missing.join(', ')}, and without github-token and a GitHub run id the Actions API cannot say whether they reached this step.`
    )
    return { accounted: false }
  }
  // Loaded here: only re-runs without a full ledger get this far.
  const { checkEarlierAttempts, stepIdentity } =
    await import('./ledger/run-attempts.js')
  const check = await checkEarlierAttempts(
    createRunJobsApi(settings.githubToken, owner, repo, run, context.apiUrl),
    {
      attempt: Number(runAttempt),
      missing,
      identity: stepIdentity(process.env),
      sleep
    }
  )
  core.info(
    `Re-run attempt ${runAttempt}, no ledger record of attempt(s) ${missing.join(', ')}: ${check.reason}${check.notReached ? '; sending as a first attempt would, through claims.' : '.'}`
  )
  return { accounted: check.notReached, hint: check.hint }
}

/**
 * The ledger's store: the cache, and the ledger ref beside it when the
 * inputs name one and give a token to write it (durable-ledger.ts).
 */
function ledgerStore(context: RunContext, settings: Settings): LedgerStore {
  const cache = createLedgerStore({
    prefix: settings.cacheKey,
    runId: context.runId,
    runAttempt: context.runAttempt,
    dir: path.join(context.runnerTemp, 'trackback-ledger')
  })
  const [owner, repo] = context.repository.split('/')
  if (!settings.ledgerRef) return cache
  if (!settings.githubToken || !owner || !repo) {
    core.info(
      `No github-token or repository: the ledger is kept in the cache only, not in ${settings.ledgerRef}.`
    )
    return cache
  }
  const api = createLedgerRefApi(
    settings.githubToken,
    owner,
    repo,
    settings.ledgerRef,
    context.apiUrl
  )
  return createDurableLedgerStore({
    cache,
    refName: settings.ledgerRef,
    ref: createLedgerRefStore({
      api,
      ref: settings.ledgerRef,
      runId: context.runId,
      runAttempt: context.runAttempt
    })
  })
}

/**
 * Fetch the page of each post about to be pinged: pings for a post that is
 * not live yet (or, with require-link, that does not link to the target)
 * are held as pending for the next run; missing links are annotated.
 */
async function holdUnready(
  plan: Plan,
  settings: Settings,
  annotations: Annotation[],
  clock: { now: Date; deadline: number },
  live: typeof import('./live/page-check.js')
): Promise<Plan> {
  const { applyPageChecks, checkPages, pagesToCheck } = live
  const options = {
    waitForLiveMs: settings.waitForLiveMs,
    requireLink: settings.requireLink
  }
  const urls = pagesToCheck(plan, options)
  if (urls.length === 0) return plan
  return group('Checking that the posts are live', async () => {
    // Waiting never eats the run's whole budget: sending needs some too.
    const waitMs = Math.max(
      0,
      Math.min(settings.waitForLiveMs, (clock.deadline - Date.now()) / 2)
    )
    core.info(
      `Fetching ${urls.length} post page(s)${waitMs > 0 ? `, for up to ${Math.round(waitMs / 1000)} s until each answers 200` : ''}.`
    )
    const checks = await checkPages(urls, {
      timeoutMs: settings.timeoutMs,
      userAgent: USER_AGENT,
      allowPrivateNetworks: settings.allowPrivateNetworks,
      waitMs,
      concurrency: settings.concurrency
    })
    for (const check of checks.values()) {
      core.info(
        check.live
          ? `${check.url}: live${check.links ? ` (${check.links.length} links)` : ''}`
          : `${check.url}: not live (${check.reason})`
      )
    }
    const applied = applyPageChecks(plan, checks, {
      ...options,
      now: clock.now
    })
    annotations.push(...applied.annotations)
    return applied.plan
  })
}
