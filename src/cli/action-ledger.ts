/**
 * What `send` must know of the action before sending from a computer: does
 * a workflow of this repository run trackback-action, and if so, what has
 * it sent? The action's ledger is in the Actions cache (which only a runner
 * can read) unless the workflow sets `ledger-ref`; then it is a git ref of
 * the repository, which `send` fetches from `origin` and reads.
 *
 * - No workflow runs the action: the ledger file alone decides.
 * - One does, with `ledger-ref`: its ledger and claims count as done.
 * - One does, without: `send` refuses, since it cannot know what the action
 *   sent, and sending twice is spam.
 */
import { readdir, readFile } from 'node:fs/promises'
import * as path from 'node:path'
import { parse } from 'yaml'
import { emptyLedger } from '../ledger/ledger.js'
import { claimKey, headOf } from '../ledger/ref-files.js'
import type { Ledger } from '../types.js'
import { errorMessage, isRecord } from '../util.js'

/** A step of a workflow that runs the action. */
export interface ActionStep {
  /** The workflow file, relative to the repository root. */
  file: string
  /** Its `ledger-ref` input, trimmed ('' when unset or `none`). */
  ledgerRef: string
}

/** The action's ledger, as `send` takes it into account. */
export interface ActionLedger {
  /** Where it was read (`<ref>@<commit>`), for the log. */
  from: string
  ledger: Ledger
  /** Whether the action's ref holds a claim of this name. */
  claimed: (name: string) => boolean
}

/** Reads git for ActionLedger (sources/git.ts's runner, or a test's). */
export type GitRun = (args: string[]) => Promise<string>

/**
 * The steps of `.github/workflows/*.yml` whose `uses` names
 * trackback-action (any owner, any version), with their `ledger-ref`;
 * not those whose `dry-run` is literally true (they never send).
 * Unreadable workflow files are skipped: GitHub would not run them either.
 */
export async function findActionSteps(top: string): Promise<ActionStep[]> {
  const dir = path.join(top, '.github', 'workflows')
  let names: string[]
  try {
    names = await readdir(dir)
  } catch {
    return []
  }
  const steps: ActionStep[] = []
  for (const name of names.sort()) {
    if (!/\.ya?ml$/.test(name)) continue
    const file = `.github/workflows/${name}`
    let text: string
    try {
      text = await readFile(path.join(dir, name), 'utf8')
    } catch {
      continue
    }
    steps.push(...actionSteps(text, file))
  }
  return steps
}

/** The action's steps in one workflow's text (pure). */
export function actionSteps(text: string, file: string): ActionStep[] {
  let data: unknown
  try {
    data = parse(text)
  } catch {
    return []
  }
  const jobs = isRecord(data) && isRecord(data.jobs) ? data.jobs : {}
  const found: ActionStep[] = []
  for (const job of Object.values(jobs)) {
    const list = isRecord(job) && Array.isArray(job.steps) ? job.steps : []
    for (const step of list) {
      if (!isRecord(step) || typeof step.uses !== 'string') continue
      const uses = step.uses.split('@')[0] ?? ''
      if (!/(^|\/)trackback-action(\/|$)/.test(uses)) continue
      const inputs = isRecord(step.with) ? step.with : {}
      // A step that is always a dry run never sends (an expression may).
      const dryRun = inputs['dry-run']
      if (dryRun === true || String(dryRun).trim() === 'true') continue
      const raw = inputs['ledger-ref']
      const ledgerRef = typeof raw === 'string' ? raw.trim() : ''
      found.push({
        file,
        ledgerRef: ledgerRef.toLowerCase() === 'none' ? '' : ledgerRef
      })
    }
  }
  return found
}

/**
 * Why `send` must not run beside these steps, or undefined when it may:
 * some step keeps its ledger in the cache only.
 */
export function cacheOnlyRefusal(steps: ActionStep[]): string | undefined {
  const cacheOnly = steps.filter((s) => s.ledgerRef === '')
  if (cacheOnly.length === 0) return undefined
  const files = [...new Set(cacheOnly.map((s) => s.file))].join(', ')
  return `${files} runs trackback-action with its ledger in the Actions cache, which only a workflow run can read: a send from this computer could repeat the pings it sent. Set \`ledger-ref: refs/trackback-action/ledger\` in that step (the action then keeps its ledger in the repository, where send reads it), or send from the workflow only. Nothing was sent.`
}

/**
 * Fetch the action's ledger ref from `origin` and read it. Throws an Error
 * in the user's words when it cannot be read; a ref that does not exist
 * yet (the action has not saved a ledger) is an empty ledger.
 */
export async function fetchActionLedger(
  git: GitRun,
  ref: string
): Promise<ActionLedger> {
  const local = `refs/trackback-action-remote/${ref.replace(/^refs\//, '')}`
  const listed = await git(['ls-remote', 'origin', ref]).catch((error) => {
    throw new Error(
      `Could not ask origin for the action's ledger ${ref}: ${errorMessage(error)} Nothing was sent.`
    )
  })
  if (listed.trim() === '') {
    return {
      from: `${ref} (not created yet)`,
      ledger: emptyLedger(),
      claimed: () => false
    }
  }
  await git(['fetch', '--quiet', '--no-tags', 'origin', `+${ref}:${local}`])
  const commit = (await git(['rev-parse', local])).trim()
  const show = (name: string): Promise<string | undefined> =>
    git(['show', `${commit}:${name}`]).catch(() => undefined)
  const head = headOf(
    ref,
    commit,
    await show('ledger.json'),
    await show('claims.json')
  )
  if (head.refusal) throw new Error(`${head.refusal}. Nothing was sent.`)
  const claims = head.claims?.claims ?? {}
  return {
    from: `${ref}@${commit.slice(0, 7)}`,
    ledger: head.ledger,
    claimed: (name) => Object.hasOwn(claims, claimKey(name))
  }
}
