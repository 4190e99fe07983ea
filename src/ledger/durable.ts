/**
 * The ledger kept durably: in a git ref of the repository (ledger-ref.ts),
 * with the Actions cache (ledger-store.ts) beside it as a mirror and as the
 * fallback for tokens that cannot write the ref. Which home a run uses, and
 * why that never sends a ping twice:
 *
 * - Loading reads both and merges them (a ledger the cache kept before the
 *   ref existed is taken in; the ref takes it in at the next save).
 * - Claims go to the ref, all in one commit. A claim won there is permanent,
 *   so while the ref exists a ping goes out only with a claim won in it:
 *   later runs plan from the ref and trust its claims, and a ping sent any
 *   other way would be invisible to them once the cache forgets it.
 * - A token that cannot write the ref (`contents: read`) gets one warning.
 *   When the ref does not exist, no run has ever relied on it: the run works
 *   from the cache as before this store existed (claims in the cache). When
 *   the ref exists, such a run sends nothing and holds its pings pending: a
 *   run that can write the ref sends them (its plan starts at the ref's
 *   last commit, or the ledger brings them back).
 * - For 7 days after the ref is created, runs also claim in the cache: a run
 *   that started before the ref existed may still be claiming there.
 * - Saves go to the ref, then to the cache (a mirror for cache-only runs and
 *   a backup when the ref cannot be written).
 *
 * Not covered: a run that cannot write, started before the ref existed and
 * overlapping the runs that create it. When the cache cannot answer its
 * claims, it sends the targets new in its push unclaimed (as runs without a
 * ref do), and a scheduled run that can write, whose commits include that
 * push, may send them too.
 */
import * as core from '@actions/core'
import { mergeLedgers, serializeLedger } from './ledger.js'
import type { LedgerRefStore } from './ref-store.js'
import type {
  ClaimBatch,
  ClaimResult,
  LedgerLoad,
  LedgerSave,
  LedgerStore
} from './cache-store.js'
import type { Ledger } from '../types.js'

/** How long runs also claim in the cache after the ref is created. */
export const CACHE_CLAIMS_DAYS = 7

/** The two homes. */
export interface DurableLedgerOptions {
  ref: LedgerRefStore
  /** The full ref name, for messages. */
  refName: string
  cache: LedgerStore
  now?: () => Date
}

/** Creates the store; nothing is read until load(). */
export function createDurableLedgerStore(
  options: DurableLedgerOptions
): LedgerStore {
  const { ref, cache, refName } = options
  const now = options.now ?? (() => new Date())
  let deniedSaid = false

  /** The warning for a token that cannot write the ref, given once a run. */
  function sayDenied(): void {
    if (deniedSaid) return
    deniedSaid = true
    const state = ref.state()
    const consequence =
      state.ref === 'missing'
        ? 'this run keeps the ledger and its claims in the Actions cache only, which forgets them after 7 days unused'
        : `the ledger lives in ${refName}, so this run sends nothing and holds its pings pending for a run that can write it`
    core.warning(
      `${state.problem ?? `This run cannot write ${refName}`}: ${consequence}. Grant the workflow \`permissions: contents: write\` for the durable ledger, or set \`ledger-ref: ''\` to keep it in the cache only.`
    )
  }

  async function load(): Promise<LedgerLoad> {
    const [fromRef, fromCache] = await Promise.all([ref.load(), cache.load()])
    const state = ref.state()
    const refUsable = state.ref === 'found' || state.ref === 'missing'
    const ledger = mergeLedgers(fromRef.ledger, fromCache.ledger)
    // Without a cache service the ref alone keeps the ledger: the cache's
    // "cannot be kept" warning would be wrong.
    const warnings = [
      ...fromRef.warnings,
      ...(fromCache.available || !refUsable ? fromCache.warnings : [])
    ]
    if (!fromCache.available && refUsable) {
      core.info(
        `No cache service: ${refName} alone keeps the ledger (${fromCache.warnings.join(' ')}).`
      )
    }
    return {
      ledger,
      restoredKey: fromRef.restoredKey ?? fromCache.restoredKey,
      warnings,
      available: fromCache.available || refUsable,
      durable: {
        ref:
          state.ref === 'found' || state.ref === 'missing'
            ? state.ref
            : 'unreadable',
        created: state.created,
        cacheAvailable: fromCache.available,
        cacheRestored: fromCache.restoredKey !== undefined,
        behind:
          state.ref === 'found' &&
          serializeLedger(ledger) !== serializeLedger(fromRef.ledger)
      }
    }
  }

  async function claimMany(names: string[]): Promise<ClaimBatch | undefined> {
    const batch = await ref.claimMany(names)
    const state = ref.state()
    if (state.write === 'denied') {
      sayDenied()
      // No run has relied on a ref that does not exist: claim in the cache,
      // as a run without a ledger ref would.
      if (state.ref === 'missing') return undefined
      return {
        results: names.map(() => 'unknown'),
        permanent: true,
        problem: `${refName} keeps this repository's ledger and this run's token cannot write it (grant contents: write); a run that can will send it`
      }
    }
    if (!young(state.created)) return batch
    // Runs that started before the ref existed claim in the cache: ask it
    // too, for the pings won here. Its 'taken' wins; its silence does not
    // hold a ping the ref gave us.
    const results: ClaimResult[] = [...batch.results]
    const won = [...results.keys()].filter((i) => results[i] === 'won')
    const worker = async (): Promise<void> => {
      for (let i = won.shift(); i !== undefined; i = won.shift()) {
        if ((await cache.claim(names[i] as string)) === 'taken') {
          results[i] = 'taken'
        }
      }
    }
    await Promise.all([worker(), worker(), worker(), worker()])
    return { ...batch, results }
  }

  /** Whether the ref was created less than CACHE_CLAIMS_DAYS ago. */
  function young(created: string | undefined): boolean {
    const at = created === undefined ? Number.NaN : Date.parse(created)
    return (
      Number.isNaN(at) || now().getTime() - at < CACHE_CLAIMS_DAYS * 86_400_000
    )
  }

  async function save(ledger: Ledger): Promise<LedgerSave> {
    const warnings: string[] = []
    let merged = ledger
    let key = ''
    if (ref.state().write !== 'denied') {
      const inRef = await ref.save(ledger)
      if (inRef.saved) {
        merged = inRef.ledger
        key = inRef.key
      } else if (ref.state().write === 'denied') {
        sayDenied()
      } else {
        warnings.push(...inRef.warnings)
      }
    }
    // The mirror: cache-only runs read it, and it keeps this run's record
    // when the ref could not take it.
    const inCache = await cache.save(merged)
    if (key && !inCache.saved) {
      // The ref holds the ledger: a missing mirror is worth a log line only.
      for (const w of inCache.warnings) core.info(`Cache mirror: ${w}`)
    } else {
      warnings.push(...inCache.warnings)
    }
    return {
      saved: key !== '' || inCache.saved,
      key: [key, inCache.saved ? inCache.key : '']
        .filter(Boolean)
        .join(' and '),
      ledger: inCache.saved ? inCache.ledger : merged,
      warnings
    }
  }

  return {
    load,
    save,
    // One by one only after claimMany gave up on the ref: the cache's claim.
    claim: (name) => cache.claim(name),
    claimMany
  }
}
