/**
 * A push run whose range starts after the ledger's last commit. GitHub
 * cancels a run still waiting in a `concurrency` group when a newer one
 * queues, and a deploy that fails skips the action's job: the commits such
 * a push brought are then looked at by no run, and the next push's range
 * (its own `before`→`after`) leaves them out. When the ledger is the
 * ledger ref, whose record and claims are exact and permanent, the run
 * looks from the ledger's last commit instead, so those posts' targets are
 * sent (once: the ref's claims and ledger decide as for any ping). With the
 * Actions cache alone the push keeps its own range, whatever the cache
 * holds (see docs/guarantees.md), and the run says which commits no run
 * looked at.
 */
import type { RepositoryApi } from '../github/api.js'
import { createGit } from './git.js'
import type { Range } from './range.js'

/** What widening decided: the range to use, and a line for the log. */
export interface Widened {
  range: Range
  /** Set when the ledger's last commit is behind the push's base. */
  note?: string
}

/**
 * The rule (pure): a push's range from the ledger's last commit when that
 * commit is a strict ancestor of the push's base and the ledger is exact;
 * only a note when it is not exact.
 */
export function widenPushRange(
  range: Range,
  facts: {
    ledgerCommit?: string
    /** Whether ledgerCommit is an ancestor of the push's base (undefined: unknown). */
    ancestor?: boolean
    /** The ledger is the ledger ref (exact and permanent). */
    exact: boolean
  }
): Widened {
  const { ledgerCommit, ancestor, exact } = facts
  if (
    range.kind !== 'diff' ||
    range.source !== 'push' ||
    ledgerCommit === undefined ||
    ledgerCommit === range.base ||
    ledgerCommit === range.head ||
    ancestor !== true
  ) {
    return { range }
  }
  const span = `${ledgerCommit.slice(0, 7)}..${range.base.slice(0, 7)}`
  if (!exact) {
    return {
      range,
      note: `No run recorded looking at the commits ${span} (the ledger's last commit is behind this push's base: a run cancelled while it waited in its concurrency group, a failed deploy, or a lost ledger): new targets of their posts are not sent by this push. Send them with resend on a manual run; with a ledger-ref, a push looks from the last commit a run looked at.`
    }
  }
  return {
    range: { ...range, base: ledgerCommit, source: 'ledger' },
    note: `No run looked at the commits ${span} (the ledger's last commit is behind this push's base: a run cancelled while it waited in its concurrency group, or a failed deploy): this push looks at them too, from the ledger's last commit.`
  }
}

/**
 * widenPushRange with the ancestry asked of local git, else of the compare
 * API (a shallow checkout does not have the ledger's commit).
 */
export async function widenedPushRange(
  range: Range,
  facts: {
    ledgerCommit: string
    exact: boolean
    workspace: string
    api?: RepositoryApi
  }
): Promise<Widened> {
  if (range.kind !== 'diff' || facts.ledgerCommit === range.head) {
    return { range }
  }
  const ancestor = await isAncestor(
    facts.workspace,
    facts.ledgerCommit,
    range.base,
    facts.api
  )
  return widenPushRange(range, { ...facts, ancestor })
}

/**
 * Whether `ancestor` is an ancestor of `commit`: local git when both are
 * checked out, else the compare API, else undefined.
 */
async function isAncestor(
  workspace: string,
  ancestor: string,
  commit: string,
  api?: RepositoryApi
): Promise<boolean | undefined> {
  const local = await createGit(workspace).isAncestor(ancestor, commit)
  if (local !== undefined || !api?.isAncestor) return local
  try {
    return await api.isAncestor(ancestor, commit)
  } catch {
    return undefined
  }
}
