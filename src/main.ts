/**
 * The action's run: settings → site → ledger → changed posts → plan → claim
 * and send → record → report. Each arrow is a call whose input and output
 * are plain data; the adapters (git, GitHub API, HTTP, cache, core) are
 * created here and nowhere deeper.
 */
import * as core from '@actions/core'
import { readFileSync } from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { diffSources, readWorkTree, scanSources } from './changes.js'
import type { SourceContext, SourceResult } from './changes.js'
import { claimAndSend, finishLedger, readChanges } from './dispatch.js'
import { createGit } from './git.js'
import { createRepositoryApi } from './github-api.js'
import { serializeLedger } from './ledger.js'
import { createLedgerStore } from './ledger-store.js'
import { planPings } from './plan.js'
import { joinPath, postMatcher, relativeTo } from './post-paths.js'
import { pickRange } from './range.js'
import type { EventFacts, Range } from './range.js'
import { annotationsFor, publishReport } from './report.js'
import type { Annotation } from './report.js'
import { sendPings } from './sender.js'
import { getSettings, SettingsError } from './settings.js'
import type { Settings } from './settings.js'
import { loadSite } from './site-config.js'
import type { Ledger, Result, Site } from './types.js'
import { USER_AGENT } from './version.js'

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

const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms))

/** Raised for bad configuration: the step fails with this message. */
class ConfigError extends Error {}

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
      core.setFailed(error instanceof Error ? error.message : String(error))
      if (error instanceof Error && error.stack) core.debug(error.stack)
    }
  }
}

async function group<T>(name: string, fn: () => Promise<T>): Promise<T> {
  core.startGroup(name)
  try {
    return await fn()
  } finally {
    core.endGroup()
  }
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
  const siteDir = settings.workingDirectory
  const siteRoot = path.join(context.workspace, siteDir)
  const notes: string[] = []
  const annotations: Annotation[] = []

  const site = await group('Site', () => readSite(siteRoot, siteDir, settings))
  const blogName =
    settings.blogName ??
    site.title ??
    (context.repository.split('/')[1] || 'Blog')
  core.info(
    `Site: ${site.url} (${site.generator}${site.configFile ? `, ${site.configFile}` : ''}), blog name "${blogName}"`
  )
  core.info(settings.dryRunReason.replace(/^./, (c) => c.toUpperCase()) + '.')

  const store = createLedgerStore({
    prefix: settings.cacheKey,
    runId: context.runId,
    runAttempt: context.runAttempt,
    dir: path.join(context.runnerTemp, 'trackback-ledger')
  })
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

  const isPostFile = (file: string): boolean => {
    const rel = relativeTo(siteDir, file)
    return rel !== undefined && matcher(rel)
  }
  const matcher = postMatcher(settings.posts, site)
  const git = createGit(context.workspace)
  const [owner, repo] = context.repository.split('/')
  const sources: SourceContext = {
    workspace: context.workspace,
    siteDir,
    isPost: isPostFile,
    checkedOut: context.sha || undefined,
    git: (await git.topLevel()) ? git : undefined,
    api:
      settings.githubToken && owner && repo
        ? createRepositoryApi(settings.githubToken, owner, repo, context.apiUrl)
        : undefined
  }

  const range = pickRange(context, ledger.lastCommit)
  const changes = await group('Finding posts', async () => {
    const found = await findSources(range, sources, settings, notes)
    core.info(found.method)
    return readChanges(found.changes, ledger, {
      site,
      siteDir,
      frontMatterKey: settings.frontMatterKey,
      maxAgeDays: settings.maxAgeDays,
      now,
      readFile: (file) => readWorkTree(context.workspace, file)
    })
  })
  core.info(`${changes.length} post source(s) to look at.`)

  const plan = await group('Planning', async () => {
    const result = planPings(changes, ledger, {
      now,
      dryRun: settings.dryRun,
      blogName,
      maxPings: settings.maxPings
    })
    for (const p of result.pings) {
      core.info(
        `${p.result.post} → ${p.result.ping || p.result.target}: ${p.result.status} ${p.result.message}`
      )
    }
    return result
  })

  const results: Result[] = plan.pings.map((p) => p.result)
  let failure = plan.overLimit
  let sentSomething = false
  try {
    if (!settings.dryRun && !plan.overLimit) {
      await group('Sending', async () => {
        sentSomething = await claimAndSend(plan, {
          claim: (name) => store.claim(name),
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
          cacheAvailable: loaded.available,
          range,
          now,
          runAttempt: context.runAttempt,
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
        range
      })
      const changed = serializeLedger(ledger) !== serializeLedger(loaded.ledger)
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
      notes: [
        ...notes,
        `Posts found by ${range.kind === 'diff' ? range.source : range.kind}.`
      ]
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

async function readSite(
  siteRoot: string,
  siteDir: string,
  settings: Settings
): Promise<Site & { url: string }> {
  const { site, problems } = await loadSite(siteRoot, {
    siteUrl: settings.siteUrl,
    permalink: settings.permalink,
    blogName: settings.blogName
  })
  // Annotated at once (not with the report): a config without a site URL
  // ends the run before the report.
  for (const p of problems) {
    core.error(p.message, {
      title: 'TrackBack: site configuration',
      file: joinPath(siteDir, p.file),
      startLine: p.line
    })
  }
  if (!site.url) {
    const where =
      site.generator === 'jekyll'
        ? ' or `url` (and `baseurl`) in _config.yml'
        : site.generator === 'hugo'
          ? " or `baseURL` in Hugo's config"
          : ''
    throw new ConfigError(
      `Cannot work out the site's public URL. Set the site-url input (for example https://me.github.io/blog)${where}.`
    )
  }
  return { ...site, url: site.url }
}

async function findSources(
  range: Range,
  sources: SourceContext,
  settings: Settings,
  notes: string[]
): Promise<SourceResult> {
  if (range.kind === 'none') {
    notes.push(`Nothing to look at: ${range.reason}.`)
    return { changes: [], method: range.reason }
  }
  if (range.kind === 'diff') {
    try {
      return await diffSources(range, sources)
    } catch (error) {
      const message = `Cannot list the changes ${range.base.slice(0, 7)}..${range.head.slice(0, 7)} (${error instanceof Error ? error.message : String(error)}); considering posts dated within max-age (${settings.maxAgeDays} days) instead.`
      core.warning(message)
      notes.push(message)
      return scanSources(sources, range.head)
    }
  }
  const message = `No base commit: ${range.reason}. Considering posts dated within max-age (${settings.maxAgeDays} days).`
  core.info(message)
  notes.push(message)
  return scanSources(sources, range.head)
}
