/**
 * The action's run, as a sequence of steps whose inputs and outputs are
 * plain data: ledger → range → site, posts and plan (plan-run.ts, shared
 * with the CLI) → live check (live/hold.ts) → claim and send
 * (send-plan.ts) → record the ledger → report. The adapters (ledger store,
 * GitHub APIs, report publisher, clock) and the log come in from main.ts,
 * which alone talks to the runner.
 */
import { attemptId, scanWindowDays } from '../ledger/coverage.js'
import { takeInLedgerFile } from '../ledger/file-store.js'
import { serializeLedger } from '../ledger/ledger.js'
import type { LedgerLoad, LedgerStore } from '../ledger/store.js'
import type { RunJobsApi } from '../ledger/run-attempts.js'
import type { RepositoryApi } from '../github/api.js'
import { annotationsFor } from '../report/annotations.js'
import type { Annotation } from '../report/annotations.js'
import type { Counts, RunReport } from '../report/summary.js'
import type { Settings } from '../settings/settings.js'
import { pickRange } from '../sources/range.js'
import type { EventFacts, Range } from '../sources/range.js'
import type { Ledger, Result } from '../types.js'
import { USER_AGENT } from '../constants.js'
import { landedReport, withVisible } from '../landed/report.js'
import { lookForLanded } from '../landed/step.js'
import { finishLedger } from './finish.js'
import type { SendPlanInput } from './send-plan.js'
import { sendingLine } from './words.js'
import type { Log, PlanInput } from './plan-run.js'
import type { Plan } from './plan.js'

/** What the runner tells the action through its environment. */
export interface RunContext extends EventFacts {
  workspace: string
  /** `owner/repo`. */
  repository: string
  runId: string
  runAttempt: string
  runnerTemp: string
  apiUrl?: string
  /** The commits to look at, when the caller chose them (`send --since`). */
  range?: Range
}

/** The world as the run sees it (main.ts builds it). */
export interface RunAdapters {
  /** Makes the store the ledger is loaded from, claimed in and saved to. */
  openStore: () => LedgerStore
  /** The compare API, when a token allows it. */
  repositoryApi?: RepositoryApi
  /** This workflow run's jobs, when a token allows asking (rerun.ts). */
  runJobsApi?: (run: number) => RunJobsApi
  /** The runner's environment (names this step for the jobs API). */
  env: NodeJS.ProcessEnv
  /** Sets the outputs, writes the summary and annotations; returns the counts. */
  publish: (report: RunReport, annotations: Annotation[]) => Promise<Counts>
  sleep: (ms: number) => Promise<void>
  /** The real clock, in epoch ms (the run's time budget). */
  clock: () => number
}

/**
 * Start an import that is awaited later. A run that fails before then must
 * not report a second, unhandled error.
 */
function preload<T>(loading: Promise<T>): Promise<T> {
  loading.catch(() => undefined)
  return loading
}

/**
 * The whole run. Returns a failure message for the step (over max-pings,
 * fail-on-error), or undefined. `now` is the planning clock.
 */
export async function trackback(
  context: RunContext,
  settings: Settings,
  now: Date,
  adapters: RunAdapters,
  log: Log
): Promise<string | undefined> {
  // The run's overall budget starts with the step (the real clock).
  const deadline = adapters.clock() + settings.runTimeoutMs
  // Planning's modules (YAML, TOML, Luxon, marked, picomatch and the code
  // that reads posts) are most of what the action parses, and sending's
  // (the HTTP client) only runs that send need, so the entry does not
  // import them. They load from here on, while the ledger is restored (from
  // a cache service, over the network), instead of before the first line.
  const planning = preload(import('./plan-run.js'))
  const sending = settings.dryRun
    ? undefined
    : preload(import('./send-plan.js'))
  log.info(sendingLine(settings, context))

  const store = adapters.openStore()
  const loaded = await loadLedger(store, context, log)
  const range = await runRange(context, loaded, adapters, log)
  const { planRun } = await planning
  const planned = await planRun(
    planInput(context, settings, { now, loaded, range }, adapters, log),
    log
  )
  await previewArticlePages(planned.plan, settings, log)
  // Loaded when this run sends: not a dry run, and not over max-pings.
  const send = sending && !planned.plan.overLimit ? await sending : undefined
  const { plan, annotations } = send
    ? await send.holdUnready(planned.plan, settings, { now, deadline }, log)
    : { plan: planned.plan, annotations: [] }

  const results = plan.pings.map((p) => p.result)
  const ledger = { current: loaded.ledger }
  const run = { context, settings, adapters }
  const sent = { any: false }
  try {
    const step = { store, loaded, ledger, results, range, now, deadline }
    await sendThenLook(send, plan, { ...step, sent }, run, log)
  } finally {
    if (!settings.dryRun) {
      const attempt = attemptId(context.runId, context.runAttempt)
      const facts = { plan, range, now, run: attempt, sentSomething: sent.any }
      await recordLedger(store, loaded, ledger, facts, settings, log)
    }
  }
  annotations.push(...annotationsFor(results))
  const report = runReport(results, ledger.current, planned.notes, {
    settings,
    context,
    now
  })
  const counts = await adapters.publish(report, annotations)
  log.info(countsLine(counts, settings.dryRun))
  return plan.overLimit ?? stepFailure(counts, settings)
}

/**
 * Send the plan (when this run sends), then look whether earlier pings
 * landed (landed/: looks only, never a send). `step.sent.any` says, as soon
 * as sending ends, whether any request went out.
 */
async function sendThenLook(
  send: typeof import('./send-plan.js') | undefined,
  plan: Plan,
  step: Pick<
    SendPlanInput,
    'store' | 'loaded' | 'ledger' | 'results' | 'range' | 'now' | 'deadline'
  > & { sent: { any: boolean } },
  run: { context: RunContext; settings: Settings; adapters: RunAdapters },
  log: Log
): Promise<void> {
  const { context, settings, adapters } = run
  if (send && !plan.overLimit) {
    step.sent.any = await send.sendPlan(
      {
        ...step,
        runJobsApi: adapters.runJobsApi,
        env: adapters.env,
        sleep: adapters.sleep,
        plan,
        settings,
        runId: context.runId,
        runAttempt: context.runAttempt,
        payload: context.payload
      },
      log
    )
  }
  await lookForLanded(
    step.ledger,
    settings,
    {
      now: step.now,
      sleep: adapters.sleep,
      deadline: step.deadline,
      clock: adapters.clock,
      skip: isPullRequest(context) || !step.loaded.available
    },
    log
  )
}

/**
 * The commits this run covers: the caller's (`send --since`), else the
 * event's or the ledger's (sources/range.ts); a push whose base is past the
 * ledger's last commit goes through sources/widen.ts.
 */
async function runRange(
  context: RunContext,
  loaded: LedgerLoad,
  adapters: RunAdapters,
  log: Log
): Promise<Range> {
  if (context.range) return context.range
  const ledgerCommit = loaded.ledger.lastCommit
  const range = pickRange(context, ledgerCommit)
  if (
    range.kind !== 'diff' ||
    range.source !== 'push' ||
    ledgerCommit === undefined ||
    ledgerCommit === range.base
  ) {
    return range
  }
  const { widenedPushRange } = await import('../sources/widen.js')
  const widened = await widenedPushRange(range, {
    ledgerCommit,
    exact: loaded.durable?.ref === 'found',
    workspace: context.workspace,
    api: adapters.repositoryApi
  })
  if (widened.note) log.warning(widened.note)
  return widened.range
}

/** What the run reports: its rows, with what the ledger knows of landing. */
function runReport(
  results: Result[],
  ledger: Ledger,
  notes: string[],
  run: { settings: Settings; context: RunContext; now: Date }
): RunReport {
  const { settings, context, now } = run
  const days = settings.dryRun ? 0 : settings.landedDays
  return {
    results: withVisible(results, ledger, now, days),
    dryRun: settings.dryRun,
    pullRequest: isPullRequest(context),
    notes,
    landed: landedReport(ledger, now, days)
  }
}

/**
 * A dry run (a pull request's preview) reads the article pages it would
 * notify, GETs only (send/preview.ts), so that each row names the protocol
 * and the endpoint, or shows a page that offers nothing as invalid.
 */
async function previewArticlePages(
  plan: Plan,
  settings: Settings,
  log: Log
): Promise<void> {
  if (!settings.dryRun || plan.overLimit) return
  const pages = plan.pings.filter(
    (p) => p.request?.kind === 'page' && p.result.status === 'dry-run'
  )
  if (pages.length === 0) return
  const { previewPages } = await import('../send/preview.js')
  await log.group('Reading article pages', async () => {
    await previewPages(pages, {
      timeoutMs: settings.timeoutMs,
      userAgent: USER_AGENT,
      allowPrivateNetworks: settings.allowPrivateNetworks,
      concurrency: settings.concurrency,
      protocols: settings.protocols
    })
    log.info(
      `Read ${pages.length} article page(s) to find how each takes notifications; nothing was sent.`
    )
  })
}

/**
 * Restore the ledger, saying what was found; then take in the pings that
 * `send` recorded from a computer (the checked-out ledger file).
 */
async function loadLedger(
  store: LedgerStore,
  context: Pick<RunContext, 'eventName' | 'workspace'>,
  log: Log
): Promise<LedgerLoad> {
  const loaded = await log.group('Ledger', async () => {
    const result = await store.load()
    for (const w of result.warnings) log.warning(w)
    const count = Object.keys(result.ledger.entries).length
    log.info(
      result.restoredKey
        ? `Restored ${result.restoredKey}: ${count} pings remembered, last commit ${result.ledger.lastCommit ?? 'none'}.`
        : result.available
          ? 'No ledger yet: starting a new one.'
          : 'No cache service: working without a ledger.'
    )
    return result
  })
  // `send` itself keeps its ledger in that file (its store).
  if (context.eventName !== 'local') {
    await takeInLedgerFile(loaded, context.workspace, log)
  }
  return loaded
}

/** What planning (plan-run.ts) gets from the run. */
function planInput(
  context: RunContext,
  settings: Settings,
  run: { now: Date; loaded: LedgerLoad; range: Range },
  adapters: RunAdapters,
  log: Log
): PlanInput {
  const { now, loaded } = run
  const [, repo] = context.repository.split('/')
  return {
    workspace: context.workspace,
    settings: withResend(settings, context.eventName, log),
    now,
    ledger: loaded.ledger,
    range: run.range,
    fallbackBlogName: repo || 'Blog',
    scanDays: scanWindowDays(settings.maxAgeDays, loaded, settings.dryRun),
    checkedOut: context.sha || undefined,
    api: adapters.repositoryApi
  }
}

/**
 * `resend` applies to manual runs only (workflow_dispatch, or `send` from
 * a computer): a workflow that sets it for every event would otherwise send
 * again on every push.
 */
function withResend(settings: Settings, eventName: string, log: Log): Settings {
  if (
    settings.resend.length === 0 ||
    eventName === 'workflow_dispatch' ||
    eventName === 'local'
  ) {
    return settings
  }
  log.warning(
    `The resend input is honoured on workflow_dispatch runs only, and this is a ${eventName || 'local'} run: nothing is sent again.`
  )
  return { ...settings, resend: [] }
}

/**
 * Record what the run leaves for later runs (finish.ts) and save the
 * ledger when the run changed it (or the ledger ref is behind the cache).
 */
async function recordLedger(
  store: LedgerStore,
  loaded: LedgerLoad,
  ledger: { current: Ledger },
  run: {
    plan: Plan
    range: Range
    now: Date
    /** `attemptId(run id, attempt)`. */
    run: string
    sentSomething: boolean
  },
  settings: Settings,
  log: Log
): Promise<void> {
  ledger.current = finishLedger(ledger.current, run.plan, {
    maxAttempts: settings.maxAttempts,
    now: run.now,
    range: run.range,
    run: run.run
  })
  const changed =
    serializeLedger(ledger.current) !== serializeLedger(loaded.ledger) ||
    loaded.durable?.behind === true
  if (!changed || !loaded.available) return
  await log.group('Saving the ledger', async () => {
    const saved = await store.save(ledger.current)
    for (const w of saved.warnings) log.warning(w)
    if (saved.saved) log.info(`Saved the ledger as ${saved.key}.`)
    else if (run.sentSomething)
      log.warning(
        'The ledger could not be saved. Pings sent in this run are listed in the results output; the next push does not resend them (its diff excludes them).'
      )
  })
}

/** The run's last log line: the counts. */
function countsLine(counts: Counts, dryRun: boolean): string {
  return `${counts.sent} sent, ${counts.failed} failed or invalid, ${counts.pending} pending, ${counts.skipped} skipped${dryRun ? `, ${counts.wouldSend} would be sent` : ''}.`
}

/** The step's failure under fail-on-error, or undefined. */
function stepFailure(counts: Counts, settings: Settings): string | undefined {
  if (!settings.failOnError || counts.failed === 0) return undefined
  return `${counts.failed} ping(s) failed, were rejected or were invalid (fail-on-error is true).`
}

/** A pull-request event: no landed looks, and a preview's summary. */
function isPullRequest(context: Pick<RunContext, 'eventName'>): boolean {
  return context.eventName.startsWith('pull_request')
}
