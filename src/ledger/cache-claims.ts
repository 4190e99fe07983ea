/**
 * Claims in the Actions cache: a write-once "claim" on a name, built on the
 * cache's immutable keys, so that two overlapping runs never both send the
 * same ping. Used when the cache keeps the ledger (no ledger ref).
 */
import { createHash } from 'node:crypto'
import { mkdir, writeFile } from 'node:fs/promises'
import {
  cacheMode,
  callCache,
  isReadable,
  isWritable,
  unavailableReason,
  withDirLock
} from './cache-io.js'
import type { CacheState } from './cache-store.js'
import type { ClaimResult } from './store.js'
import { errorMessage } from '../util.js'
import { claimCacheKey } from '../constants.js'

/**
 * Claims a name once across all runs of the repository, using the cache's
 * write-once keys as a lock (`<prefix>-claim-<sha256(name), 32 hex>`):
 * 'won' if this call created the entry, 'taken' if it already existed,
 * 'unknown' if the service could not tell (errors, timeouts, no service, a
 * cache mode without writes, or a claim still being written by another
 * run). A claim lasts as long as the cache keeps the entry (7 days unused).
 * Never throws.
 */
export async function claimInCache(
  state: CacheState,
  name: string
): Promise<ClaimResult> {
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 32)
  const key = claimCacheKey(state.options.prefix, hash)
  const mode = cacheMode()
  const reason =
    (await unavailableReason(state.cache)) ??
    (isWritable(mode) ? undefined : `the cache mode '${mode}' forbids writes`)
  if (reason) {
    state.log.info(`Cannot claim ${name}: ${reason}.`)
    return 'unknown'
  }
  return withDirLock(state.dir, async () => {
    const { runId, runAttempt } = state.options
    try {
      await mkdir(state.dir, { recursive: true })
      await writeFile(
        state.claimFile,
        `${JSON.stringify({ name, runId, runAttempt })}\n`
      )
    } catch (error) {
      state.log.info(`Cannot claim ${name}: ${errorMessage(error)}.`)
      return 'unknown'
    }
    const saved = await callCache(state, 'claiming', () =>
      state.cache.saveCache([state.claimPath], key)
    )
    if (saved.value !== undefined && saved.value !== -1) return 'won'
    // -1 means "key exists" as well as "service error": only an entry we
    // can see settles it. A claim another run is still uploading is not
    // visible yet and stays 'unknown'.
    if (!isReadable(mode)) return 'unknown'
    const found = await callCache(state, 'checking a claim', () =>
      state.cache.restoreCache([state.claimPath], key, [], { lookupOnly: true })
    )
    if (found.value === key) return 'taken'
    const why =
      saved.problem ?? saved.reports[0] ?? 'the cache did not take the claim'
    state.log.info(
      `Cannot tell whether ${name} is claimed: ${why.replace(/\.$/, '')}.`
    )
    return 'unknown'
  })
}
