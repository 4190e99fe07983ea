/**
 * The ledger file, `.trackback-ledger.json` at the repository's root: where
 * `trackback-action send` (cli/send.ts) remembers what it sent from a
 * computer, meant to be committed. It is the ledger's usual JSON
 * (ledger.ts) plus `claims`: the pings a send has claimed and not yet
 * recorded the outcome of.
 *
 * - **As a store** (FileLedgerStore) for `send`: claims are written to the
 *   file (and flushed to disk) before any request goes out, so a send that
 *   dies mid-way leaves them behind, and every later send skips those pings
 *   with a reason instead of sending them twice. A save merges with the
 *   file as it is then and drops the claims whose outcome it records; it
 *   writes only when a ping's record changed (so the last commit moves on
 *   with the next send that sends something).
 * - **As a record** for the action (readLedgerFile): the checked-out file's
 *   pings count as done, so a ping sent from a computer is never sent again
 *   by a workflow. A claim left without an outcome counts as sent: it may
 *   have reached the receiver.
 *
 * One `send` at a time per repository: the caller holds a lock
 * (`.git/trackback-action.lock`, taken with O_EXCL) around the whole send.
 */
import { open, readFile, rename, rm, writeFile } from 'node:fs/promises'
import * as path from 'node:path'
import { mergeLedgers, serializeLedger } from './ledger.js'
import { emptyLedger } from './ledger.js'
import { LedgerFormatError, parseLedgerReport } from './read-ledger.js'
import type {
  ClaimBatch,
  ClaimResult,
  LedgerLoad,
  LedgerSave,
  LedgerStore,
  StoreLog
} from './store.js'
import type { Ledger } from '../types.js'
import { errorMessage, isRecord } from '../util.js'

/** The ledger file's name, at the repository's root. */
export const LEDGER_FILE = '.trackback-ledger.json'

/** The file's contents: a ledger and the claims still open. */
export interface LedgerFile {
  ledger: Ledger
  /** Claim name (`<ledger key>#<try>`) → ISO time it was claimed. */
  claims: Record<string, string>
}

/** A ledger file that cannot be read: a send must not go on. */
export class LedgerFileError extends Error {}

/** Parse the file's text. Throws LedgerFileError. */
export function parseLedgerFile(text: string, file: string): LedgerFile {
  try {
    const { ledger } = parseLedgerReport(text)
    const data: unknown = JSON.parse(text)
    const claims: Record<string, string> = {}
    const stored = isRecord(data) ? data.claims : undefined
    if (isRecord(stored)) {
      for (const [name, at] of Object.entries(stored)) {
        if (typeof at === 'string') claims[name] = at
      }
    }
    return { ledger, claims }
  } catch (error) {
    if (!(error instanceof LedgerFormatError)) throw error
    throw new LedgerFileError(
      `${file} cannot be read: ${error.message} Restore it from git (git checkout -- ${path.basename(file)}); nothing was sent.`
    )
  }
}

/** The file's text: the ledger's JSON with `claims` (when any) added. */
export function serializeLedgerFile(contents: LedgerFile): string {
  const ledger = JSON.parse(serializeLedger(contents.ledger)) as Record<
    string,
    unknown
  >
  const names = Object.keys(contents.claims).sort()
  if (names.length > 0) {
    ledger.claims = Object.fromEntries(
      names.map((name) => [name, contents.claims[name]])
    )
  }
  return `${JSON.stringify(ledger, null, 2)}\n`
}

/**
 * The claims whose outcome the ledger does not hold yet: a claim
 * `<key>#<n>` is settled once the entry has more than n attempts, or has
 * a final status.
 */
export function openClaims(contents: LedgerFile): Record<string, string> {
  const open: Record<string, string> = {}
  for (const [name, at] of Object.entries(contents.claims)) {
    if (!settled(contents.ledger, name)) open[name] = at
  }
  return open
}

function settled(ledger: Ledger, name: string): boolean {
  const hash = name.lastIndexOf('#')
  const key = name.slice(0, hash)
  const entry = Object.hasOwn(ledger.entries, key)
    ? ledger.entries[key]
    : undefined
  if (!entry) return false
  if (entry.status === 'sent' || entry.status === 'rejected') return true
  const tries = Number(name.slice(hash + 1))
  return Number.isInteger(tries) && entry.attempts > tries
}

/**
 * The ledger the action takes from a checked-out ledger file: its entries,
 * and each open claim as a ping given up (it may have been sent). Not its
 * lastCommit or runs: those describe the computer's sends, not the
 * action's. Undefined when there is no file.
 */
export async function readLedgerFile(
  dir: string
): Promise<{ ledger?: Ledger; warning?: string }> {
  const file = path.join(dir, LEDGER_FILE)
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {}
    return {
      warning: `${LEDGER_FILE} could not be read: ${errorMessage(error)}`
    }
  }
  let contents: LedgerFile
  try {
    contents = parseLedgerFile(text, LEDGER_FILE)
  } catch (error) {
    return { warning: errorMessage(error) }
  }
  const ledger: Ledger = { version: 1, entries: { ...contents.ledger.entries } }
  for (const [name, at] of Object.entries(openClaims(contents))) {
    const key = name.slice(0, name.lastIndexOf('#'))
    const entry = ledger.entries[key]
    if (!entry) continue
    ledger.entries[key] = {
      ...entry,
      status: 'given-up',
      updated: at,
      message:
        'Claimed by a send from a computer that did not record the outcome; it may have been sent, so it is not sent again.'
    }
  }
  return { ledger }
}

/**
 * The pings recorded in the checked-out `.trackback-ledger.json` (sent by
 * `trackback-action send` from a computer) count as done in this run: they
 * are merged into the loaded ledger (entries only, not its last commit).
 */
export async function takeInLedgerFile(
  loaded: LedgerLoad,
  workspace: string,
  log: StoreLog
): Promise<void> {
  const { ledger, warning } = await readLedgerFile(workspace)
  if (warning) log.warning(`${warning} Its pings may be sent again.`)
  if (!ledger) return
  const merged = mergeLedgers(loaded.ledger, ledger)
  if (loaded.ledger.lastCommit) merged.lastCommit = loaded.ledger.lastCommit
  else delete merged.lastCommit
  if (loaded.ledger.lastRun) merged.lastRun = loaded.ledger.lastRun
  else delete merged.lastRun
  loaded.ledger = merged
  log.info(
    `Took in ${LEDGER_FILE}: ${Object.keys(ledger.entries).length} pings sent from a computer.`
  )
}

/** What FileLedgerStore needs besides the file. */
export interface FileStoreOptions {
  /** Another ledger whose entries count too (the action's ledger ref). */
  also?: Ledger
  /** Whether another store (the action's ledger ref) holds this claim. */
  alsoClaimed?: (name: string) => boolean
  now: () => Date
}

/** The ledger file as the run's LedgerStore (see the module header). */
export class FileLedgerStore implements LedgerStore {
  constructor(
    private readonly file: string,
    private readonly options: FileStoreOptions
  ) {}

  /** The file's contents; an empty ledger when there is none. Throws LedgerFileError. */
  async read(): Promise<LedgerFile> {
    let text: string
    try {
      text = await readFile(this.file, 'utf8')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        return { ledger: emptyLedger(), claims: {} }
      }
      throw new LedgerFileError(
        `${this.file} cannot be read: ${errorMessage(error)}`
      )
    }
    return parseLedgerFile(text, this.file)
  }

  async load(): Promise<LedgerLoad> {
    const { ledger } = await this.read()
    const also = this.options.also
    const merged = also
      ? { ...mergeLedgers(ledger, { version: 1, entries: also.entries }) }
      : ledger
    // The range starts where the last send from here stopped.
    if (ledger.lastCommit) merged.lastCommit = ledger.lastCommit
    else delete merged.lastCommit
    return {
      ledger: merged,
      restoredKey: path.basename(this.file),
      warnings: [],
      available: true
    }
  }

  async save(ledger: Ledger): Promise<LedgerSave> {
    try {
      const current = await this.read()
      const merged = mergeLedgers(current.ledger, ledger)
      if (ledger.lastCommit) merged.lastCommit = ledger.lastCommit
      // Run attempts matter to workflow re-runs only: not kept in a file
      // that is committed.
      delete merged.runs
      const contents = { ledger: merged, claims: current.claims }
      contents.claims = openClaims(contents)
      // Rewritten only when a ping's record changed: a send that moves
      // only the last commit would otherwise commit the file every time.
      if (!sameRecords(contents, current)) await this.write(contents)
      return {
        saved: true,
        key: path.basename(this.file),
        ledger: merged,
        warnings: []
      }
    } catch (error) {
      return {
        saved: false,
        key: '',
        ledger,
        warnings: [`${this.file} could not be written: ${errorMessage(error)}`]
      }
    }
  }

  async claim(name: string): Promise<ClaimResult> {
    const batch = await this.claimMany([name])
    return batch.results[0] ?? 'unknown'
  }

  /** Claims in the file, flushed to disk before the answer. */
  async claimMany(names: string[]): Promise<ClaimBatch> {
    try {
      const contents = await this.read()
      const at = this.options.now().toISOString()
      const results = names.map((name): ClaimResult => {
        if (Object.hasOwn(contents.claims, name)) return 'taken'
        if (this.options.alsoClaimed?.(name) === true) return 'taken'
        contents.claims[name] = at
        return 'won'
      })
      await this.write(contents)
      return { results, permanent: true }
    } catch (error) {
      return {
        results: names.map(() => 'unknown'),
        permanent: true,
        problem: `${this.file} could not be written: ${errorMessage(error)}`
      }
    }
  }

  /** Write a temporary file, flush it, and rename it over the file. */
  private async write(contents: LedgerFile): Promise<void> {
    const temp = `${this.file}.${process.pid}.tmp`
    const handle = await open(temp, 'w')
    try {
      await handle.writeFile(serializeLedgerFile(contents))
      await handle.sync()
    } finally {
      await handle.close()
    }
    await rename(temp, this.file)
  }
}

/** Whether two files record the same pings and claims. */
function sameRecords(a: LedgerFile, b: LedgerFile): boolean {
  const records = (file: LedgerFile): string =>
    serializeLedgerFile({
      ledger: { version: 1, entries: file.ledger.entries },
      claims: file.claims
    })
  return records(a) === records(b)
}

/**
 * Take the repository's send lock (`<git dir>/trackback-action.lock`).
 * Returns the release function, or undefined when another send holds it.
 */
export async function lockSends(
  gitDir: string
): Promise<(() => Promise<void>) | undefined> {
  const lock = path.join(gitDir, 'trackback-action.lock')
  try {
    await writeFile(lock, `${process.pid}\n`, { flag: 'wx' })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return undefined
    throw error
  }
  return () => rm(lock, { force: true })
}
