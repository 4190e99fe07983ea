/**
 * `trackback-action send`: the action's run (run/run.ts, the very same
 * sequence) from a blog's repository on a computer, for blogs that do not
 * deploy from GitHub Actions, or to send once by hand. What it sent goes to
 * the ledger file, `.trackback-ledger.json` at the repository's root
 * (ledger/file-store.ts), which it commits: the action reads that file, so
 * a ping sent from here is never sent again by a workflow.
 *
 * Before anything is sent:
 * - posts with uncommitted changes are refused (the ledger records commits);
 * - when a workflow runs the action, its ledger ref is fetched and counts
 *   (cli/action-ledger.ts); without a ledger ref, send refuses;
 * - one send at a time per repository (a lock in the git directory).
 */
import { realpath } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import type { RunCommand } from './args.js'
import {
  cacheOnlyRefusal,
  fetchActionLedger,
  findActionSteps,
  type ActionLedger
} from './action-ledger.js'
import { checkSettings } from './check.js'
import {
  EXIT_INVALID,
  EXIT_OK,
  openTerminal,
  usageExit,
  renderPosts,
  type CheckIo,
  type Paint
} from './terminal.js'
import {
  FileLedgerStore,
  LEDGER_FILE,
  lockSends
} from '../ledger/file-store.js'
import type { Log } from '../run/plan-run.js'
import { trackback, type RunContext } from '../run/run.js'
import { countResults, type Counts, type RunReport } from '../report/summary.js'
import type { Settings } from '../settings/settings.js'
import { createGit, gitText } from '../sources/git.js'
import { UsageError } from '../sources/local-range.js'
import type { Range } from '../sources/range.js'
import { loadSite } from '../site/generators.js'
import { postMatcher, relativeTo } from '../site/post-paths.js'
import { errorMessage } from '../util.js'

/** Run `send`; returns the exit code. Never throws for user errors. */
export async function runSend(
  command: RunCommand,
  io: CheckIo
): Promise<number> {
  const terminal = openTerminal(command, io)
  const { paint, say, progress } = terminal
  try {
    const top = await createGit(io.cwd).topLevel()
    if (!top) {
      throw new UsageError(
        "Not inside a git repository: run send in your blog's repository."
      )
    }
    const here = path.relative(await realpath(top), await realpath(io.cwd))
    const settings = checkSettings(command, here.split(path.sep).join('/'))
    const git = (args: string[]): Promise<string> => gitText(top, args)
    const gitDir = (await git(['rev-parse', '--absolute-git-dir'])).trim()
    const release = await lockSends(gitDir)
    if (!release) {
      throw new UsageError(
        `Another send is running in this repository. If none is, a send was killed: delete ${path.join(gitDir, 'trackback-action.lock')} and run send again.`
      )
    }
    try {
      const sent = await sendFrom(top, command, settings, git, terminal.log)
      progress.clear()
      return await finish(command, sent, git, { io, paint, say })
    } finally {
      await release()
    }
  } catch (error) {
    progress.clear()
    return usageExit(error, say, paint)
  }
}

/** The checks before sending, then the action's run with the file ledger. */
async function sendFrom(
  top: string,
  command: RunCommand,
  settings: Settings,
  git: (args: string[]) => Promise<string>,
  log: Log
): Promise<Sent> {
  const head = (
    await git(['rev-parse', '--verify', '--quiet', 'HEAD']).catch(() => '')
  ).trim()
  if (!head)
    throw new UsageError('The repository has no commit yet: nothing to send.')
  await refuseUncommittedPosts(top, settings, git)
  const action = await actionLedger(top, git, log)
  const now = new Date()
  const store = new FileLedgerStore(path.join(top, LEDGER_FILE), {
    also: action?.ledger,
    alsoClaimed: action?.claimed,
    now: () => new Date()
  })
  // A file that cannot be read stops the send before anything else.
  const { ledger } = await store.read()
  const context: RunContext = {
    eventName: 'local',
    payload: {},
    sha: head,
    workspace: top,
    repository: `local/${path.basename(top)}`,
    runId: `local-${now.getTime()}`,
    runAttempt: '1',
    runnerTemp: tmpdir(),
    range: command.since
      ? await sinceRange(git, command.since, head)
      : undefined
  }
  let published: RunReport | undefined
  const failure = await trackback(
    context,
    settings,
    now,
    {
      openStore: () => store,
      env: {},
      publish: async (report): Promise<Counts> => {
        published = report
        return countResults(report.results)
      },
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      clock: () => Date.now()
    },
    log
  )
  if (!published) throw new Error('The run ended without a report.')
  return {
    failure,
    report: published,
    description: describe(command, settings, ledger.lastCommit, head)
  }
}

/** The output's first line: which commits this send looked at. */
function describe(
  command: RunCommand,
  settings: Settings,
  lastCommit: string | undefined,
  head: string
): string {
  const span = (base: string): string =>
    `${base.slice(0, 7)}..${head.slice(0, 7)}`
  if (command.since) {
    return `Sending for the commits on HEAD since ${command.since}.`
  }
  if (lastCommit) {
    return lastCommit === head
      ? `No commit since the last send (${LEDGER_FILE}): only pings left to retry.`
      : `Sending for the commits since the last send (${span(lastCommit)}), and pings left to retry.`
  }
  return `First send from this repository (no ${LEDGER_FILE} yet): the posts dated within the last ${settings.maxAgeDays} days (--max-age).`
}

/** `--since <ref>`: the commits on HEAD since it. */
async function sinceRange(
  git: (args: string[]) => Promise<string>,
  since: string,
  head: string
): Promise<Range> {
  const base = (
    await git(['rev-parse', '--verify', '--quiet', `${since}^{commit}`]).catch(
      () => ''
    )
  ).trim()
  if (!base) {
    throw new UsageError(
      `--since ${since}: no such commit, branch or tag in this repository.`
    )
  }
  return { kind: 'diff', base, head, mergeBase: false, source: 'ledger' }
}

/**
 * Refuse to send while post sources have uncommitted changes: the ledger
 * would record a commit whose posts are not what was sent.
 */
async function refuseUncommittedPosts(
  top: string,
  settings: Settings,
  git: (args: string[]) => Promise<string>
): Promise<void> {
  const siteDir = settings.workingDirectory
  const { site } = await loadSite(path.join(top, siteDir), {
    siteUrl: settings.siteUrl,
    permalink: settings.permalink,
    blogName: settings.blogName
  })
  const isPost = postMatcher(settings.posts, site)
  const status = await git([
    'status',
    '--porcelain=v1',
    '-z',
    '--untracked-files=all'
  ])
  const changed: string[] = []
  const fields = status.split('\0')
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i] as string
    if (field.length < 4) continue
    // A rename's entry is followed by its old path.
    if (field[0] === 'R' || field[0] === 'C') i++
    const file = field.slice(3)
    const inSite = relativeTo(siteDir, file)
    if (inSite !== undefined && isPost(inSite)) changed.push(file)
  }
  if (changed.length === 0) return
  const list = changed.slice(0, 10).join(', ')
  const more = changed.length > 10 ? ` and ${changed.length - 10} more` : ''
  throw new UsageError(
    `Posts have uncommitted changes: ${list}${more}. Commit them (or stash them) and run send again: send pings what is committed, and records it by commit. Nothing was sent.`
  )
}

/** The action's ledger when a workflow runs the action; refuses without one. */
async function actionLedger(
  top: string,
  git: (args: string[]) => Promise<string>,
  log: Log
): Promise<ActionLedger | undefined> {
  const steps = await findActionSteps(top)
  if (steps.length === 0) return undefined
  const refusal = cacheOnlyRefusal(steps)
  if (refusal) throw new UsageError(refusal)
  const refs = [...new Set(steps.map((s) => s.ledgerRef))]
  let merged: ActionLedger | undefined
  for (const ref of refs) {
    let read: ActionLedger
    try {
      read = await fetchActionLedger(git, ref)
    } catch (error) {
      throw new UsageError(errorMessage(error))
    }
    log.info(
      `Read the action's ledger from ${read.from}: ${Object.keys(read.ledger.entries).length} pings.`
    )
    merged = merged ? joinActionLedgers(merged, read) : read
  }
  return merged
}

function joinActionLedgers(a: ActionLedger, b: ActionLedger): ActionLedger {
  return {
    from: `${a.from}, ${b.from}`,
    ledger: {
      version: 1,
      entries: { ...a.ledger.entries, ...b.ledger.entries }
    },
    claimed: (name) => a.claimed(name) || b.claimed(name)
  }
}

/** What a send did: the report, which commits, and a failure (over max-pings). */
interface Sent {
  report: RunReport
  description: string
  failure?: string
}

/** Print the results, commit the ledger file, and give the exit code. */
async function finish(
  command: RunCommand,
  sent: Sent,
  git: (args: string[]) => Promise<string>,
  out: { io: CheckIo; paint: Paint; say: (text: string) => void }
): Promise<number> {
  const { io, paint, say } = out
  const { report, description, failure } = sent
  const counts = countResults(report.results)
  const bad = counts.failed > 0 || failure !== undefined
  if (command.json) {
    io.stdout.write(
      `${JSON.stringify({ ok: !bad, dryRun: report.dryRun, commits: description, results: report.results, counts, failure: failure ?? null }, null, 2)}\n`
    )
  } else {
    const lines = [description, ...renderPosts(report.results, paint)]
    if (report.results.length === 0) lines.push('', 'No ping to send.')
    lines.push(
      '',
      report.dryRun
        ? `${counts.wouldSend} ping(s) would be sent, ${counts.failed} invalid, ${counts.pending} pending, ${counts.skipped - counts.wouldSend} skipped. Nothing was sent (--dry-run).`
        : `${counts.sent} sent, ${counts.failed} failed or invalid, ${counts.pending} pending, ${counts.skipped} skipped.`
    )
    io.stdout.write(`${lines.join('\n')}\n`)
  }
  if (failure) say(`${paint.red('error:')} ${failure}`)
  if (!report.dryRun) await commitLedger(command, git, say)
  return bad ? EXIT_INVALID : EXIT_OK
}

/** Commit the ledger file when the send changed it (unless --no-commit). */
async function commitLedger(
  command: RunCommand,
  git: (args: string[]) => Promise<string>,
  say: (text: string) => void
): Promise<void> {
  const changed = await git(['status', '--porcelain', '--', LEDGER_FILE])
  if (changed.trim() === '') return
  if (!command.commit) {
    say(
      `${LEDGER_FILE} records this send: commit and push it (git add ${LEDGER_FILE} && git commit -m "Record sent pings"), so that the action never sends these again.`
    )
    return
  }
  try {
    await git(['add', '--', LEDGER_FILE])
    await git([
      'commit',
      '--quiet',
      '--no-verify',
      '-m',
      'trackback-action: record sent pings',
      '--',
      LEDGER_FILE
    ])
    say(
      `Committed ${LEDGER_FILE}. Push it, so that the action never sends these again.`
    )
  } catch (error) {
    say(
      `${LEDGER_FILE} records this send, but committing it failed (${errorMessage(error)}): commit and push it yourself.`
    )
  }
}
