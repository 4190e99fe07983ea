import { w as CACHE_EVICTION_DAYS } from './arxiv.js';

/**
 * How many days back a scan (no base commit) looks for posts.
 *
 * The cache: with a restored ledger, `max-age`. Without one, the cache may
 * have evicted a ledger that recorded sent pings; eviction takes 7 days
 * without a run, so such pings went out at least 7 days ago, for posts
 * dated earlier still: posts dated within 7 days cannot have been pinged by
 * a forgotten run. Without a cache service nothing remembers what an earlier
 * scan sent, so a scan considers no post at all (pushes still send their
 * new targets).
 *
 * The ledger ref (`ledger.durable`): once it exists it forgets nothing, so
 * `max-age`; before, the rule of the cache ledger that seeds it; when it
 * could not be read, no post. A dry run sends nothing and always looks back
 * max-age.
 */
function scanWindowDays(maxAgeDays, ledger, dryRun = false) {
    if (dryRun)
        return maxAgeDays;
    const { durable } = ledger;
    if (durable?.ref === 'found')
        return maxAgeDays;
    if (durable?.ref === 'unreadable')
        return 0;
    const cache = durable ? (durable.seed ?? { available: false }) : ledger;
    if (!cache.available)
        return 0;
    if (cache.restoredKey !== undefined)
        return maxAgeDays;
    return Math.min(maxAgeDays, CACHE_EVICTION_DAYS);
}
/**
 * Whether the store answered the ledger load: a ledger was read, or the
 * store said there is none (no warning). False after a failure, when "no
 * ledger" is uncertain.
 */
function ledgerWasRead(loaded) {
    return (loaded.available &&
        (loaded.restoredKey !== undefined || loaded.warnings.length === 0));
}
/** The key of one attempt of a run in Ledger.runs: `<run id>.<attempt>`. */
function attemptId(runId, runAttempt) {
    return `${runId}.${runAttempt}`;
}
/**
 * The attempts of run `runId` before `runAttempt` that the ledger holds no
 * outcome of, oldest first (none for a first attempt). Only for these does a
 * re-run need other proof that they sent nothing (run-attempts.ts).
 */
function attemptsNotRemembered(ledger, runId, runAttempt) {
    const attempt = Number(runAttempt);
    const missing = [];
    if (!(attempt > 1))
        return missing;
    // GitHub allows 50 re-runs; a bogus attempt number must not make this
    // list huge. The cap is above MAX_REMEMBERED_RUNS, so a ledger never holds
    // every attempt of such a number: the list is never empty for it.
    const last = Math.min(Math.ceil(attempt) - 1, 1000);
    for (let k = 1; k <= last; k += 1) {
        const key = attemptId(runId, String(k));
        if (!ledger.runs || !Object.hasOwn(ledger.runs, key))
            missing.push(k);
    }
    return missing;
}
/** Clock difference allowed between a runner and GitHub. */
const CLOCK_SKEW_MS = 10 * 60_000;
/**
 * Whether the ledger ref existed before this run's event, hence before its
 * first attempt: then each earlier attempt either claimed in the ref what it
 * sent or, unable to write it, sent nothing (ref-store.ts), and a re-run may
 * trust the ref's claims, which are never removed, even without those
 * attempts' ledger. A younger ref may have been deleted and created again
 * since an earlier attempt, with that attempt's claims gone. The event's
 * time is bounded below by `repository.pushed_at` in the payload (a push:
 * its own time; other events: the last push before them); without it
 * (schedule events) the answer is no.
 */
function refPredatesRun(durable, payload) {
    if (durable?.ref !== 'found' || !durable.created)
        return false;
    const repository = payload.repository;
    const pushedAt = repository !== null && typeof repository === 'object'
        ? repository.pushed_at
        : undefined;
    // Push payloads give seconds since the epoch; the others an ISO string.
    const eventAfter = typeof pushedAt === 'number'
        ? pushedAt * 1000
        : typeof pushedAt === 'string'
            ? Date.parse(pushedAt)
            : Number.NaN;
    const created = Date.parse(durable.created);
    return (!Number.isNaN(eventAfter) &&
        !Number.isNaN(created) &&
        created + CLOCK_SKEW_MS < eventAfter);
}

export { attemptId as a, attemptsNotRemembered as b, ledgerWasRead as l, refPredatesRun as r, scanWindowDays as s };
