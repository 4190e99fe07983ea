/**
 * Keeps the ledger, and claims that never expire, in a git ref of the
 * repository itself (`refs/trackback-action/ledger` by default), written
 * through GitHub's Git Data API. The Actions cache forgets what nobody used
 * for 7 days; a ref stays until someone deletes it.
 *
 * The ref points to a commit whose tree holds:
 * - `ledger.json`: the ledger, as ledger.ts serializes it;
 * - `claims.json`: every claim ever won, `{ version, created, claims }`,
 *   each claim `<sha256(name), 32 hex>: "<ISO time> <run id>.<attempt>"`;
 * - `README.md`: what the ref is, for whoever finds it.
 *
 * Every write is a compare-and-swap: a commit whose parent is the head that
 * was read, then a fast-forward-only move of the ref (`force: false`). When
 * another run moved the ref in between, GitHub refuses (422); the store
 * reads the new head, merges (ledgers with mergeLedgers, claims by union,
 * deciding again which of ours are now taken) and tries again. So each claim
 * is won by exactly one run, and stays won.
 *
 * Like the cache store, nothing here throws: problems come back as strings
 * (warnings, ClaimBatch.problem) and the store logs only info lines.
 */
import * as core from '@actions/core'
import { createHash } from 'node:crypto'
import { apiStatus, isRateLimit } from '../github/errors.js'
import { errorMessage } from '../util.js'
import {
  emptyLedger,
  LedgerFormatError,
  mergeLedgers,
  parseLedgerReport,
  serializeLedger
} from './ledger.js'
import type {
  ClaimBatch,
  ClaimResult,
  LedgerLoad,
  LedgerSave,
  LedgerStore
} from './cache-store.js'
import type { Ledger } from '../types.js'
import { isRecord } from '../util.js'
import { CLAIMS_FILE, LEDGER_FILE } from '../constants.js'

const README_FILE = 'README.md'

const README = `# trackback-action's ledger

This ref is written by trackback-action: \`ledger.json\` records every
TrackBack ping it sent, and \`claims.json\` the pings runs claimed before
sending (so that none goes out twice). Do not edit it by hand; deleting the
ref makes the action forget what it sent.
`

/**
 * The Git Data API calls the store makes (github-api.ts's
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

/** The ledger ref's store: the LedgerStore calls, plus claimMany. */
export interface LedgerRefStore extends LedgerStore {
  /** Claims every name in one commit. Never throws. */
  claimMany(names: string[]): Promise<ClaimBatch>
  state(): RefState
}

/** How the store reaches the ref. */
export interface LedgerRefOptions {
  api: LedgerRefApi
  /** The full ref name, e.g. `refs/trackback-action/ledger` (for messages). */
  ref: string
  /** `GITHUB_RUN_ID` and `GITHUB_RUN_ATTEMPT`, stamped on claims and commits. */
  runId: string
  runAttempt: string
  now?: () => Date
  /** Waits between retries (tests pass a fast one). */
  sleep?: (ms: number) => Promise<void>
  /**
   * Longest wait for one API call, in ms (default 30 000); after a timeout
   * the ref is not asked again in this run.
   */
  timeoutMs?: number
}

/** The claims file. */
export interface ClaimsFile {
  /** When the ref was created (ISO). */
  created: string
  /** `claimKey(name)` → `<ISO time> <run id>.<attempt>` of the winner. */
  claims: Record<string, string>
}

/** Writes in a row that may lose the race to other runs before giving up. */
const MAX_ROUNDS = 6
/** Tries of one API call that failed for a passing reason (5xx, 429, network). */
const MAX_TRIES = 3
const DEFAULT_TIMEOUT_MS = 30_000

/** The key of a claim in claims.json: 32 hex digits of the name's SHA-256. */
export function claimKey(name: string): string {
  return createHash('sha256').update(name).digest('hex').slice(0, 32)
}

/** Parses claims.json; throws LedgerFormatError when it is unusable. */
export function parseClaims(text: string): ClaimsFile {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (error) {
    throw new LedgerFormatError(
      `${CLAIMS_FILE} is not valid JSON: ${(error as Error).message}`,
      'corrupt'
    )
  }
  if (!isRecord(data)) {
    throw new LedgerFormatError(`${CLAIMS_FILE} is not an object.`, 'corrupt')
  }
  if (data.version !== 1) {
    throw typeof data.version === 'number'
      ? new LedgerFormatError(
          `${CLAIMS_FILE} has format version ${data.version}; this release reads version 1.`,
          'unsupported-version',
          data.version
        )
      : new LedgerFormatError(
          `${CLAIMS_FILE} has no format version.`,
          'corrupt'
        )
  }
  if (typeof data.created !== 'string' || !isRecord(data.claims)) {
    throw new LedgerFormatError(
      `${CLAIMS_FILE} lacks \`created\` or \`claims\`.`,
      'corrupt'
    )
  }
  const claims: Record<string, string> = {}
  for (const [key, value] of Object.entries(data.claims)) {
    // A claim is kept whatever its value says: dropping one could let a
    // ping go out twice.
    claims[key] = typeof value === 'string' ? value : JSON.stringify(value)
  }
  return { created: data.created, claims }
}

/** claims.json's text: keys sorted, so equal claims give equal text. */
export function serializeClaims(file: ClaimsFile): string {
  const claims: Record<string, string> = {}
  for (const key of Object.keys(file.claims).sort()) {
    claims[key] = file.claims[key] as string
  }
  return `${JSON.stringify({ version: 1, created: file.created, claims }, null, 2)}\n`
}

/**
 * Decides claims against the claims already made: a name is 'won' when
 * nobody holds it, or when `stamp` does (this very call wrote it before,
 * and the answer was lost), else 'taken'. `next` holds the claims with the
 * won ones added, or is undefined when nothing is new.
 */
export function addClaims(
  file: ClaimsFile,
  names: string[],
  stamp: string
): { results: ClaimResult[]; next?: ClaimsFile } {
  const added: Record<string, string> = {}
  const results = names.map((name): ClaimResult => {
    const key = claimKey(name)
    const holder = Object.hasOwn(file.claims, key)
      ? file.claims[key]
      : undefined
    if (holder === undefined) {
      added[key] = stamp
      return 'won'
    }
    return holder === stamp ? 'won' : 'taken'
  })
  if (Object.keys(added).length === 0) return { results }
  return {
    results,
    next: { created: file.created, claims: { ...file.claims, ...added } }
  }
}

/** The ref's head as read. */
interface Head {
  /** Undefined when the ref does not exist. */
  commit?: string
  ledger: Ledger
  /** ledger.json as stored, carried over unchanged by claim commits. */
  ledgerText?: string
  claims?: ClaimsFile
  /** Set when the store must not write over this head. */
  refusal?: string
  /** Problems to report once (a corrupt ledger, dropped entries). */
  notes: string[]
}

/** One write: the files of the next commit, or nothing to write. */
type Step<T> =
  | { value: T; files?: Record<string, string>; message?: string }
  | { refuse: string }

type Written<T> = { ok: true; value: T; commit?: string } | { ok: false }

/** Creates the store; nothing is asked until a method is called. */
export function createLedgerRefStore(
  options: LedgerRefOptions
): LedgerRefStore {
  const { api, ref } = options
  const now = options.now ?? (() => new Date())
  const sleep =
    options.sleep ??
    ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)))
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
  const run = `${options.runId}.${options.runAttempt}`
  const state: RefState = { ref: 'unknown', write: 'unknown' }
  /** The head read or written last: the first try of a write builds on it. */
  let known: Head | undefined
  /** Set after a timeout: a hung API is not asked again. */
  let stalled: string | undefined
  let lastStamp = ''

  /** One API call with the timeout and retries of passing failures. */
  async function call<T>(
    what: string,
    operation: () => Promise<T>
  ): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      if (stalled) throw new StoreError(stalled)
      let timer: NodeJS.Timeout | undefined
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          stalled = `the GitHub API did not answer within ${timeoutMs / 1000} s (${what}); the ledger ref is not used for the rest of this run`
          reject(new StoreError(stalled))
        }, timeoutMs)
      })
      try {
        return await Promise.race([operation(), timeout])
      } catch (error) {
        if (error instanceof StoreError || !passing(error)) throw error
        if (attempt >= MAX_TRIES) throw error
        core.info(
          `The GitHub API failed while ${what} (${explain(error)}); trying again.`
        )
        await sleep(1000 * 2 ** (attempt - 1))
      } finally {
        clearTimeout(timer)
      }
    }
  }

  /** Reads the head: the ref, then its files. Throws on API failures. */
  async function read(): Promise<Head> {
    const commit = await call('reading the ledger ref', () => api.readRef())
    if (commit === undefined) {
      state.ref = 'missing'
      known = { ledger: emptyLedger(), notes: [] }
      return known
    }
    const [ledgerText, claimsText] = await Promise.all([
      call(`reading ${LEDGER_FILE}`, () => api.readFile(commit, LEDGER_FILE)),
      call(`reading ${CLAIMS_FILE}`, () => api.readFile(commit, CLAIMS_FILE))
    ])
    state.ref = 'found'
    known = headOf(commit, ledgerText, claimsText)
    if (known.claims) state.created = known.claims.created
    return known
  }

  /** Parses the files of a head commit. */
  function headOf(
    commit: string,
    ledgerText: string | undefined,
    claimsText: string | undefined
  ): Head {
    const head: Head = { commit, ledger: emptyLedger(), ledgerText, notes: [] }
    if (claimsText === undefined) {
      // claims.json marks the ref as ours: never build on anything else
      // (a ref set to the blog's own branch, say).
      head.refusal = `${ref} holds no ${CLAIMS_FILE}, so it is not a trackback-action ledger; it is neither read nor written (choose another ledger-ref)`
      return head
    }
    try {
      head.claims = parseClaims(claimsText)
    } catch (error) {
      head.refusal = `${ref}: ${errorMessage(error)} No claim can be decided and nothing is written over it; repair or delete the ref`
      return head
    }
    if (ledgerText === undefined) return head
    try {
      const { ledger, dropped } = parseLedgerReport(ledgerText)
      head.ledger = ledger
      if (dropped > 0) {
        head.notes.push(
          `the ledger in ${ref} had ${dropped} unreadable ${dropped === 1 ? 'entry' : 'entries'}; dropped`
        )
      }
    } catch (error) {
      if (
        error instanceof LedgerFormatError &&
        error.problem === 'unsupported-version'
      ) {
        head.refusal = `the ledger in ${ref} was written by a newer release (${error.message}); this run neither uses nor writes it`
      } else {
        // Its history stays in the ref's earlier commits; building on an
        // empty ledger keeps the claims, which are what prevent duplicates.
        head.notes.push(
          `the ledger in ${ref} is unusable (${errorMessage(error)}); starting from an empty one (the old text stays in the ref's history)`
        )
      }
    }
    return head
  }

  /**
   * The compare-and-swap loop: build the next commit from the head, write
   * it, move the ref; when another run moved it first, read and retry.
   */
  async function write<T>(
    what: string,
    next: (head: Head) => Step<T>
  ): Promise<Written<T>> {
    try {
      let head = known ?? (await read())
      for (let round = 1; round <= MAX_ROUNDS; round += 1) {
        const step = next(head)
        if ('refuse' in step) {
          state.problem = step.refuse
          return { ok: false }
        }
        if (!step.files) return { ok: true, value: step.value }
        const files = step.files
        const parent = head.commit
        let commit: string
        try {
          commit = await call(what, () =>
            api.writeCommit(files, parent, step.message ?? what)
          )
          if (await call(what, () => api.moveRef(commit, parent))) {
            state.write = 'allowed'
            state.ref = 'found'
            known = headOf(commit, files[LEDGER_FILE], files[CLAIMS_FILE])
            if (known.claims) state.created = known.claims.created
            return { ok: true, value: step.value, commit }
          }
        } catch (error) {
          if (!(error instanceof StoreError) && denied(error)) {
            state.write = 'denied'
            state.problem = `this run's token cannot write ${ref} (${explain(error)})`
            return { ok: false }
          }
          throw error
        }
        core.info(
          `${ref} moved while ${what} (another run wrote it); reading it again.`
        )
        await sleep(200 * round + Math.floor(Math.random() * 300))
        head = await read()
        // A move whose answer was lost may have landed after all.
        if (head.commit === commit)
          return { ok: true, value: step.value, commit }
      }
      state.problem = `${ref} changed under each of ${MAX_ROUNDS} writes in a row (other runs writing it)`
      return { ok: false }
    } catch (error) {
      if (state.ref === 'unknown') state.ref = 'unreadable'
      state.problem = `could not use ${ref}: ${explain(error)}`
      return { ok: false }
    }
  }

  /** A stamp unique to each claimMany call of this store. */
  function nextStamp(): string {
    let time = now().getTime()
    let stamp = `${new Date(time).toISOString()} ${run}`
    while (stamp <= lastStamp) {
      time += 1
      stamp = `${new Date(time).toISOString()} ${run}`
    }
    lastStamp = stamp
    return stamp
  }

  /** The files of a commit: the ledger text, the claims, the README. */
  function filesOf(
    ledgerText: string,
    claims: ClaimsFile
  ): Record<string, string> {
    return {
      [LEDGER_FILE]: ledgerText,
      [CLAIMS_FILE]: serializeClaims(claims),
      [README_FILE]: README
    }
  }

  function newClaims(): ClaimsFile {
    return { created: now().toISOString(), claims: {} }
  }

  async function load(): Promise<LedgerLoad> {
    let head: Head
    try {
      head = await read()
    } catch (error) {
      state.ref = 'unreadable'
      state.problem = `could not read ${ref}: ${explain(error)}`
      return {
        ledger: emptyLedger(),
        warnings: [state.problem],
        available: true
      }
    }
    if (!head.commit) {
      core.info(
        `${ref} does not exist yet: the first run that can write it creates it.`
      )
      return { ledger: emptyLedger(), warnings: [], available: true }
    }
    const warnings = [...head.notes]
    if (head.refusal) warnings.push(head.refusal)
    const count = Object.keys(head.ledger.entries).length
    core.info(
      `Read the ledger from ${ref} at ${head.commit.slice(0, 7)} (${count} entries, ${Object.keys(head.claims?.claims ?? {}).length} claims).`
    )
    return {
      ledger: head.refusal ? emptyLedger() : head.ledger,
      restoredKey: `${ref}@${head.commit.slice(0, 7)}`,
      warnings,
      available: true
    }
  }

  async function save(ledger: Ledger): Promise<LedgerSave> {
    let merged = ledger
    const written = await write<Ledger>(
      `saving the ledger of run ${run}`,
      (head) => {
        if (head.refusal) return { refuse: head.refusal }
        merged = mergeLedgers(ledger, head.ledger)
        const text = serializeLedger(merged)
        if (head.commit && text === head.ledgerText) return { value: merged }
        return {
          value: merged,
          files: filesOf(text, head.claims ?? newClaims()),
          message: `trackback-action: ledger of run ${run}`
        }
      }
    )
    if (!written.ok) {
      return {
        saved: false,
        key: '',
        ledger: merged,
        warnings: [
          `the ledger was not saved in ${ref}: ${state.problem ?? 'unknown problem'}`
        ]
      }
    }
    const key = `${ref}@${(written.commit ?? known?.commit ?? '').slice(0, 7)}`
    if (written.commit) core.info(`Saved the ledger in ${key}.`)
    return { saved: true, key, ledger: written.value, warnings: [] }
  }

  async function claimMany(names: string[]): Promise<ClaimBatch> {
    if (names.length === 0) return { results: [], permanent: true }
    const stamp = nextStamp()
    const written = await write<ClaimResult[]>(
      `claiming ${names.length} ping(s) for run ${run}`,
      (head) => {
        if (head.refusal) return { refuse: head.refusal }
        const { results, next } = addClaims(
          head.claims ?? newClaims(),
          names,
          stamp
        )
        if (!next) return { value: results }
        const won = results.filter((r) => r === 'won').length
        return {
          value: results,
          files: filesOf(head.ledgerText ?? serializeLedger(head.ledger), next),
          message: `trackback-action: run ${run} claims ${won} ping(s)`
        }
      }
    )
    if (written.ok) return { results: written.value, permanent: true }
    return {
      results: names.map(() => 'unknown'),
      permanent: true,
      problem: state.problem
    }
  }

  return {
    load,
    save,
    claimMany,
    claim: async (name) => (await claimMany([name])).results[0] ?? 'unknown',
    state: () => ({ ...state })
  }
}

/** A problem of the store itself (a timeout), not of one API answer. */
class StoreError extends Error {}

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

function explain(error: unknown): string {
  const status = apiStatus(error)
  const message = errorMessage(error)
  return status === undefined ? message : `HTTP ${status}: ${message}`
}
