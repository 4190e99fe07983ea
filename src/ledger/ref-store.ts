/**
 * Keeps the ledger, and claims that never expire, in a git ref of the
 * repository itself (`ledger-ref`, e.g. `refs/trackback-action/ledger`),
 * written through GitHub's Git Data API (ref-git.ts: compare-and-swap
 * commits; ref-files.ts: what they hold). The Actions cache forgets what
 * nobody used for 7 days; a ref stays until someone deletes it. When
 * `ledger-ref` is set, the ref is the run's one store:
 *
 * - The ref's first commit takes in the Actions cache's newest ledger (the
 *   seed, SeedSource), so that switching to the ref forgets nothing the
 *   cache still held. A run that finds no ref creates it even when it has
 *   nothing else to write (RefLoad.behind). A seed that could hide the
 *   cache's history (its newest ledger could not be read, or a newer
 *   release wrote it) is refused: the ref is not created in that run, and
 *   its pings are held pending. Once the ref exists the cache is neither
 *   read nor written for the ledger or for claims.
 * - A ping goes out only under a claim won in the ref (claimMany: all of a
 *   run's pings in one commit). A won claim is permanent: later runs plan
 *   from the ref and trust its claims.
 * - A token that cannot write the ref (`contents: read`) sends nothing: the
 *   run holds its pings pending and says once, as a warning, to grant
 *   `contents: write`. The same when the ref does not exist yet and cannot
 *   be created. It never falls back to the cache: pings it sent there would
 *   be invisible to the runs that trust the ref. What it held is recorded
 *   nowhere (it cannot write): a scheduled or manual run that can write
 *   plans from the ledger's last commit, which such a run did not move, so
 *   its diff covers them again; a push run plans its own push only.
 * - Never written over: a ref without `claims.json` (not a ledger, e.g. a
 *   branch of the blog), claims that cannot be read, or a ledger of a newer
 *   release. Such a run sends nothing either.
 *
 * Not covered: a run of a workflow without `ledger-ref` (claiming in the
 * cache) overlapping a run with it, e.g. while the input is being added, or
 * a re-run of a run from before it was added; and a ref deleted by hand
 * (its next first commit takes in the cache's ledger as it was when the
 * ref was created: the pings sent since are forgotten).
 *
 * Like the cache store, nothing here throws: problems come back as strings
 * (warnings, ClaimBatch.problem), and the store logs info lines and the one
 * warning above.
 */
import { emptyLedger, mergeLedgers, serializeLedger } from './ledger.js'
import { addClaims, filesOf } from './ref-files.js'
import type { ClaimsFile, Head } from './ref-files.js'
import { explain, readHead, writeHead } from './ref-git.js'
import type { LedgerRefApi, RefClient, RefState } from './ref-git.js'
import type {
  ClaimBatch,
  ClaimResult,
  LedgerLoad,
  LedgerSave,
  LedgerSeed,
  LedgerStore,
  SeedSource,
  StoreLog
} from './store.js'
import type { Ledger } from '../types.js'

/** The ledger ref's store: the LedgerStore calls, claimMany always answering. */
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
  /** Where the store's info lines and its one warning go. */
  log: StoreLog
  /**
   * Where a ref that does not exist yet takes its first ledger from (the
   * cache store); without one it starts empty.
   */
  seed?: SeedSource
  now?: () => Date
  /** Waits between retries (tests pass a fast one). */
  sleep?: (ms: number) => Promise<void>
  /**
   * Longest wait for one API call, in ms (default 30 000); after a timeout
   * the ref is not asked again in this run.
   */
  timeoutMs?: number
}

/** What one ref store knows, shared by its calls. */
interface RefStore {
  client: RefClient
  log: StoreLog
  seedSource?: SeedSource
  /** The seed, read once, when the ref turned out not to exist. */
  seed?: LedgerSeed
  /** `<run id>.<attempt>`. */
  run: string
  now: () => Date
  lastStamp: string
  deniedSaid: boolean
}

const DEFAULT_TIMEOUT_MS = 30_000

/** Creates the store; nothing is asked until a method is called. */
export function createLedgerRefStore(
  options: LedgerRefOptions
): LedgerRefStore {
  const store: RefStore = {
    log: options.log,
    seedSource: options.seed,
    run: `${options.runId}.${options.runAttempt}`,
    now: options.now ?? (() => new Date()),
    lastStamp: '',
    deniedSaid: false,
    client: {
      api: options.api,
      ref: options.ref,
      log: options.log,
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      sleep:
        options.sleep ??
        ((ms: number) => new Promise<void>((r) => setTimeout(r, ms))),
      state: { ref: 'unknown', write: 'unknown' },
      startHead: () => seedHead(store)
    }
  }
  return {
    load: () => loadRef(store),
    save: (ledger) => saveRef(store, ledger),
    claimMany: (names) => claimInRef(store, names),
    claim: async (name) =>
      (await claimInRef(store, [name])).results[0] ?? 'unknown',
    state: () => ({ ...store.client.state })
  }
}

/** The head of a ref that does not exist yet: the seed, read once. */
async function seedHead(store: RefStore): Promise<Head> {
  store.seed ??= store.seedSource
    ? await store.seedSource.seed()
    : { ledger: emptyLedger(), answer: { available: false }, warnings: [] }
  const { ledger, refusal, warnings } = store.seed
  return { ledger, notes: [...warnings], ...(refusal ? { refusal } : {}) }
}

async function loadRef(store: RefStore): Promise<LedgerLoad> {
  const { client } = store
  const { ref, state } = client
  let head: Head
  try {
    head = await readHead(client)
  } catch (error) {
    state.ref = 'unreadable'
    state.problem = `could not read ${ref}: ${explain(error)}`
    return {
      ledger: emptyLedger(),
      warnings: [state.problem],
      available: true,
      durable: { ref: 'unreadable', behind: false }
    }
  }
  const warnings = [...head.notes, ...(head.refusal ? [head.refusal] : [])]
  if (!head.commit) {
    const answer = store.seed?.answer ?? { available: false }
    store.log.info(
      `${ref} does not exist yet: this run creates it when it can write it${answer.restoredKey ? `, starting from the cache’s ledger ${answer.restoredKey}` : ''}.`
    )
    return {
      ledger: head.ledger,
      ...(answer.restoredKey ? { restoredKey: answer.restoredKey } : {}),
      warnings,
      available: true,
      durable: { ref: 'missing', seed: answer, behind: !head.refusal }
    }
  }
  const count = Object.keys(head.ledger.entries).length
  const claims = Object.keys(head.claims?.claims ?? {}).length
  store.log.info(
    `Read the ledger from ${ref} at ${head.commit.slice(0, 7)} (${count} entries, ${claims} claims).`
  )
  return {
    ledger: head.refusal ? emptyLedger() : head.ledger,
    restoredKey: `${ref}@${head.commit.slice(0, 7)}`,
    warnings,
    available: true,
    durable: {
      ref: 'found',
      ...(state.created ? { created: state.created } : {}),
      behind: false
    }
  }
}

async function saveRef(store: RefStore, ledger: Ledger): Promise<LedgerSave> {
  const { client, run } = store
  let merged = ledger
  const written = await writeHead<Ledger>(
    client,
    `saving the ledger of run ${run}`,
    (head) => {
      if (head.refusal) return { refuse: head.refusal }
      merged = mergeLedgers(ledger, head.ledger)
      const text = serializeLedger(merged)
      if (head.commit && text === head.ledgerText) return { value: merged }
      return {
        value: merged,
        files: filesOf(text, head.claims ?? newClaims(store)),
        message: commitMessage(store, head, `ledger of run ${run}`)
      }
    }
  )
  if (!written.ok) {
    const warnings = deniedOnce(store)
      ? []
      : [
          `the ledger was not saved in ${client.ref}: ${client.state.problem ?? 'unknown problem'}`
        ]
    return { saved: false, key: '', ledger: merged, warnings }
  }
  const commit = written.commit ?? client.known?.commit ?? ''
  const key = `${client.ref}@${commit.slice(0, 7)}`
  if (written.commit) store.log.info(`Saved the ledger in ${key}.`)
  return { saved: true, key, ledger: written.value, warnings: [] }
}

async function claimInRef(
  store: RefStore,
  names: string[]
): Promise<ClaimBatch> {
  if (names.length === 0) return { results: [], permanent: true }
  const { client, run } = store
  const stamp = nextStamp(store)
  const written = await writeHead<ClaimResult[]>(
    client,
    `claiming ${names.length} ping(s) for run ${run}`,
    (head) => {
      if (head.refusal) return { refuse: head.refusal }
      const claims = head.claims ?? newClaims(store)
      const { results, next } = addClaims(claims, names, stamp)
      if (!next) return { value: results }
      const won = results.filter((r) => r === 'won').length
      return {
        value: results,
        files: filesOf(head.ledgerText ?? serializeLedger(head.ledger), next),
        message: commitMessage(store, head, `run ${run} claims ${won} ping(s)`)
      }
    }
  )
  if (written.ok) return { results: written.value, permanent: true }
  const { state, ref } = client
  const problem = deniedOnce(store)
    ? `${ref} keeps this repository's ledger and this run's token cannot ${state.ref === 'found' ? 'write' : 'create'} it (grant contents: write); a run that can will send it`
    : state.problem
  return {
    results: names.map(() => 'unknown'),
    permanent: true,
    ...(problem ? { problem } : {})
  }
}

/**
 * Whether the token was denied writing the ref; the first time, the
 * warning that says what this means and what to grant.
 */
function deniedOnce(store: RefStore): boolean {
  const { state, ref } = store.client
  if (state.write !== 'denied') return false
  if (store.deniedSaid) return true
  store.deniedSaid = true
  const exists = state.ref === 'found'
  const problem = (state.problem ?? `this run cannot write ${ref}`).replace(
    /^./,
    (c) => c.toUpperCase()
  )
  store.log.warning(
    `${problem}: the ledger lives in ${ref}${exists ? '' : ', which does not exist yet'}, so this run sends nothing and holds its pings pending for a run that can ${exists ? 'write' : 'create'} it. Grant the workflow \`permissions: contents: write\`, or remove \`ledger-ref\` to keep the ledger in the Actions cache only.`
  )
  return true
}

/** A stamp unique to each claimMany call of this store. */
function nextStamp(store: RefStore): string {
  let time = store.now().getTime()
  let stamp = `${new Date(time).toISOString()} ${store.run}`
  while (stamp <= store.lastStamp) {
    time += 1
    stamp = `${new Date(time).toISOString()} ${store.run}`
  }
  store.lastStamp = stamp
  return stamp
}

function newClaims(store: RefStore): ClaimsFile {
  return { created: store.now().toISOString(), claims: {} }
}

/** A commit's message; the ref's first commit says where its ledger came from. */
function commitMessage(store: RefStore, head: Head, subject: string): string {
  if (head.commit) return `trackback-action: ${subject}`
  const from = store.seed?.answer.restoredKey
  return `trackback-action: ${subject}\n\nCreates the ledger ref, ${from ? `its ledger taken from the Actions cache entry ${from}` : 'with an empty ledger (the Actions cache held none)'}.`
}
