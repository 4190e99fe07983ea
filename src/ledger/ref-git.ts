/**
 * Reading and writing the ledger ref through GitHub's Git Data API, for the
 * ref store (ref-store.ts): each call with a timeout and retries of passing
 * failures; reading the head (the ref, then its files); and the
 * compare-and-swap write. Every write is a commit whose parent is the head
 * that was read, then a fast-forward-only move of the ref (`force: false`).
 * When another run moved the ref in between, GitHub refuses (422); the
 * write reads the new head and builds the next commit again from it, so
 * each claim is won by exactly one run, and stays won.
 */
import { apiStatus, isRateLimit } from '../github/errors.js'
import { errorMessage } from '../util.js'
import { headOf } from './ref-files.js'
import type { Head } from './ref-files.js'
import type { StoreLog } from './store.js'
import { CLAIMS_FILE, LEDGER_FILE } from '../constants.js'

/**
 * The Git Data API calls the store makes (github/api.ts's
 * createLedgerRefApi; tests hand in a loopback server through it). Failures
 * throw errors with the HTTP `status` (Octokit's RequestError).
 */
export interface LedgerRefApi {
  /** The commit the ref points to, or undefined when it does not exist. */
  readRef(): Promise<string | undefined>
  /** A file's text in a commit's tree, or undefined when it has none. */
  readFile(commit: string, file: string): Promise<string | undefined>
  /**
   * Writes a commit holding exactly these files, with `parent` (none for
   * the ref's first commit); returns its SHA. Moves no ref.
   */
  writeCommit(
    files: Record<string, string>,
    parent: string | undefined,
    message: string
  ): Promise<string>
  /**
   * Moves the ref from `from` to `commit` when that is a fast-forward, or
   * creates it (from undefined). False when the ref has moved, or already
   * exists (422): another run wrote first.
   */
  moveRef(commit: string, from: string | undefined): Promise<boolean>
}

/** What the store knows of the ref and of its own rights. */
export interface RefState {
  /** What the last read found (`unknown` before any). */
  ref: 'unknown' | 'found' | 'missing' | 'unreadable'
  /** Whether this run may write it, learnt from the first write. */
  write: 'unknown' | 'allowed' | 'denied'
  /** When the ref was created (claims.json), once known. */
  created?: string
  /** The last problem, in the user's words. */
  problem?: string
}

/** What one ref store knows, shared by its calls. */
export interface RefClient {
  api: LedgerRefApi
  /** The full ref name, for messages. */
  ref: string
  log: StoreLog
  timeoutMs: number
  sleep: (ms: number) => Promise<void>
  state: RefState
  /** The head a ref that does not exist starts from (the seed). */
  startHead: () => Promise<Head>
  /** The head read or written last: the first try of a write builds on it. */
  known?: Head
  /** Set after a timeout: a hung API is not asked again. */
  stalled?: string
}

/** One write: the files of the next commit, or nothing to write. */
export type Step<T> =
  | { value: T; files?: Record<string, string>; message?: string }
  | { refuse: string }

export type Written<T> = { ok: true; value: T; commit?: string } | { ok: false }

/** Writes in a row that may lose the race to other runs before giving up. */
const MAX_ROUNDS = 6
/** Tries of one API call that failed for a passing reason (5xx, 429, network). */
const MAX_TRIES = 3

/** A problem of the store itself (a timeout), not of one API answer. */
class StoreError extends Error {}

/** One API call with the timeout and retries of passing failures. */
async function call<T>(
  client: RefClient,
  what: string,
  operation: () => Promise<T>
): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    if (client.stalled) throw new StoreError(client.stalled)
    let timer: NodeJS.Timeout | undefined
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        client.stalled = `the GitHub API did not answer within ${client.timeoutMs / 1000} s (${what}); the ledger ref is not used for the rest of this run`
        reject(new StoreError(client.stalled))
      }, client.timeoutMs)
    })
    try {
      return await Promise.race([operation(), timeout])
    } catch (error) {
      if (error instanceof StoreError || !passing(error)) throw error
      if (attempt >= MAX_TRIES) throw error
      client.log.info(
        `The GitHub API failed while ${what} (${explain(error)}); trying again.`
      )
      await client.sleep(1000 * 2 ** (attempt - 1))
    } finally {
      clearTimeout(timer)
    }
  }
}

/** Reads the head: the ref, then its files. Throws on API failures. */
export async function readHead(client: RefClient): Promise<Head> {
  const { api, state } = client
  const commit = await call(client, 'reading the ledger ref', () =>
    api.readRef()
  )
  if (commit === undefined) {
    state.ref = 'missing'
    client.known = await client.startHead()
    return client.known
  }
  const [ledgerText, claimsText] = await Promise.all([
    call(client, `reading ${LEDGER_FILE}`, () =>
      api.readFile(commit, LEDGER_FILE)
    ),
    call(client, `reading ${CLAIMS_FILE}`, () =>
      api.readFile(commit, CLAIMS_FILE)
    )
  ])
  state.ref = 'found'
  return remember(client, headOf(client.ref, commit, ledgerText, claimsText))
}

function remember(client: RefClient, head: Head): Head {
  client.known = head
  if (head.claims) client.state.created = head.claims.created
  return head
}

/**
 * The compare-and-swap loop: build the next commit from the head, write
 * it, move the ref; when another run moved it first, read and retry. Once a
 * write was denied, no other is tried in this run.
 */
export async function writeHead<T>(
  client: RefClient,
  what: string,
  next: (head: Head) => Step<T>
): Promise<Written<T>> {
  const { state } = client
  if (state.write === 'denied') return { ok: false }
  try {
    let head = client.known ?? (await readHead(client))
    for (let round = 1; round <= MAX_ROUNDS; round += 1) {
      const step = next(head)
      if ('refuse' in step) {
        state.problem = step.refuse
        return { ok: false }
      }
      if (!step.files) return { ok: true, value: step.value }
      const commit = await commitAndMove(client, head, what, step)
      if (commit === 'denied') return { ok: false }
      if (commit.moved)
        return { ok: true, value: step.value, commit: commit.sha }
      client.log.info(
        `${client.ref} moved while ${what} (another run wrote it); reading it again.`
      )
      await client.sleep(200 * round + Math.floor(Math.random() * 300))
      head = await readHead(client)
      // A move whose answer was lost may have landed after all.
      if (head.commit === commit.sha) {
        return { ok: true, value: step.value, commit: commit.sha }
      }
    }
    state.problem = `${client.ref} changed under each of ${MAX_ROUNDS} writes in a row (other runs writing it)`
    return { ok: false }
  } catch (error) {
    if (state.ref === 'unknown') state.ref = 'unreadable'
    state.problem = `could not use ${client.ref}: ${explain(error)}`
    return { ok: false }
  }
}

/**
 * Writes the step's commit on `head` and moves the ref to it: `moved` is
 * false when another run moved the ref first. 'denied' when the token may
 * not write (the state says so); other failures throw.
 */
async function commitAndMove(
  client: RefClient,
  head: Head,
  what: string,
  step: { files?: Record<string, string>; message?: string }
): Promise<{ sha: string; moved: boolean } | 'denied'> {
  const { api, state } = client
  const files = step.files ?? {}
  const parent = head.commit
  try {
    const sha = await call(client, what, () =>
      api.writeCommit(files, parent, step.message ?? what)
    )
    const moved = await call(client, what, () => api.moveRef(sha, parent))
    if (moved) {
      state.write = 'allowed'
      state.ref = 'found'
      remember(
        client,
        headOf(client.ref, sha, files[LEDGER_FILE], files[CLAIMS_FILE])
      )
    }
    return { sha, moved }
  } catch (error) {
    if (error instanceof StoreError || !denied(error)) throw error
    state.write = 'denied'
    state.problem = `this run's token cannot write ${client.ref} (${explain(error)})`
    return 'denied'
  }
}

/**
 * A failure worth another try: 5xx, 429, a rate limit's 403, or no answer
 * at all (Octokit reports network errors as 500).
 */
function passing(error: unknown): boolean {
  const status = apiStatus(error)
  if (status === undefined || status >= 500 || status === 429) return true
  return isRateLimit(error)
}

/**
 * The token may not write: 403 "Resource not accessible by integration"
 * (GITHUB_TOKEN without `contents: write`), or 404 (a token that cannot
 * see the repository's git data at all).
 */
function denied(error: unknown): boolean {
  const status = apiStatus(error)
  return (status === 403 || status === 404) && !passing(error)
}

/** An API error in the user's words: its status and message. */
export function explain(error: unknown): string {
  const status = apiStatus(error)
  const message = errorMessage(error)
  return status === undefined ? message : `HTTP ${status}: ${message}`
}
