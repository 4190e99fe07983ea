/**
 * What the ledger load tells the rest of the run: how far back a scan may
 * look without a saved ledger (`scanWindowDays`), whether the ledger ref's
 * claims predate the run (`refPredatesRun`), and whether the cache answered
 * at all (`ledgerWasRead`). Reading the posts is read-posts.ts's, claiming
 * and sending claim-send.ts's, the ledger's last changes finish.ts's.
 */
import type { DurableLoad } from '../ledger/cache-store.js'
import { CACHE_EVICTION_DAYS } from '../constants.js'

/**
 * How many days back a scan (no base commit) looks for posts. With a
 * restored ledger, `max-age`. Without one, the cache may have evicted a
 * ledger that recorded sent pings; eviction takes 7 days without a run, so
 * such pings went out at least 7 days ago, for posts dated earlier still:
 * posts dated within 7 days cannot have been pinged by a forgotten run.
 * Without a cache service nothing remembers what an earlier scan sent, so a
 * scan considers no post at all (pushes still send their new targets). A
 * dry run sends nothing and always looks back max-age.
 *
 * With a ledger ref (`ledger.durable`), posts dated after the ref was
 * created count too: every ping sent since then was claimed in the ref, so
 * the claims stop a second one, whatever the cache forgot.
 */
export function scanWindowDays(
  maxAgeDays: number,
  ledger: { available: boolean; restoredKey?: string; durable?: DurableLoad },
  dryRun = false,
  now: Date = new Date()
): number {
  // A dry run sends nothing: it may look as far back as asked.
  if (dryRun) return maxAgeDays
  const { durable } = ledger
  const cacheAvailable = durable ? durable.cacheAvailable : ledger.available
  const cacheRestored = durable
    ? durable.cacheRestored
    : ledger.restoredKey !== undefined
  if (cacheAvailable && cacheRestored) return maxAgeDays
  const days = cacheAvailable ? Math.min(maxAgeDays, CACHE_EVICTION_DAYS) : 0
  const created =
    durable?.ref === 'found' && durable.created
      ? Date.parse(durable.created)
      : Number.NaN
  if (Number.isNaN(created)) return days
  const since = Math.max(0, (now.getTime() - created) / 86_400_000)
  return Math.max(days, Math.min(maxAgeDays, since))
}

/** Clock difference allowed between a runner and GitHub. */
const CLOCK_SKEW_MS = 10 * 60_000

/**
 * Whether the ledger ref existed before this run's event, hence before its
 * first attempt: then each earlier attempt either claimed in the ref what it
 * sent or, unable to write it, sent nothing (durable-ledger.ts), and a
 * re-run may trust the ref's claims even without those attempts' ledger.
 * The event's time is bounded below by `repository.pushed_at` in the payload
 * (a push: its own time; other events: the last push before them); without
 * it (schedule events) the answer is no.
 */
export function refPredatesRun(
  durable: DurableLoad | undefined,
  payload: Record<string, unknown>
): boolean {
  if (durable?.ref !== 'found' || !durable.created) return false
  const repository = payload.repository
  const pushedAt =
    repository !== null && typeof repository === 'object'
      ? (repository as Record<string, unknown>).pushed_at
      : undefined
  // Push payloads give seconds since the epoch; the others an ISO string.
  const eventAfter =
    typeof pushedAt === 'number'
      ? pushedAt * 1000
      : typeof pushedAt === 'string'
        ? Date.parse(pushedAt)
        : Number.NaN
  const created = Date.parse(durable.created)
  return (
    !Number.isNaN(eventAfter) &&
    !Number.isNaN(created) &&
    created + CLOCK_SKEW_MS < eventAfter
  )
}

/**
 * Whether the cache answered the ledger load: a ledger was restored, or the
 * service said there is none (no warning). False after a failure, when "no
 * ledger" is uncertain.
 */
export function ledgerWasRead(loaded: {
  available: boolean
  restoredKey?: string
  warnings: string[]
}): boolean {
  return (
    loaded.available &&
    (loaded.restoredKey !== undefined || loaded.warnings.length === 0)
  )
}
