import { i as isRecord, x as afterFailedTry } from './arxiv.js';

/**
 * The ledger: what this action has done for each (post URL, ping URL) pair,
 * kept between runs (in the Actions cache, or in the ledger ref). Pure
 * functions over plain data: keys, merging, recording outcomes, what is due
 * again, and the text a store writes. Reading stored text back is
 * read-ledger.ts's; where the ledger is kept is the stores' (store.ts).
 *
 * Merging is the heart of it. Ledgers are saved under a new key every run and
 * several runs can save at once, so any two copies may have to be combined.
 * mergeLedgers is commutative, associative and idempotent, and a final status
 * always beats a non-final one, so copies combined in any order agree and a
 * 'sent' entry, once anywhere, survives every merge.
 */
/**
 * Final statuses outrank everything else: 'sent' > 'rejected' > 'given-up';
 * 'failed' and 'pending' are both "not settled" and rank equal (the newer
 * one wins between them).
 */
const RANK = {
    sent: 3,
    rejected: 2,
    'given-up': 1,
    failed: 0,
    pending: 0
};
/** A ledger with no entries and no last run. */
function emptyLedger() {
    return { version: 1, entries: {} };
}
/**
 * Stable key of a (post URL, ping URL) pair: both joined by a space, with
 * `%` and spaces percent-encoded first so that no two pairs share a key
 * (URLs normally have no raw spaces, but the inputs are not guaranteed to be
 * normalized).
 */
function ledgerKey(post, ping) {
    return `${escapeKeyPart(post)} ${escapeKeyPart(ping)}`;
}
function escapeKeyPart(value) {
    return value.replaceAll('%', '%25').replaceAll(' ', '%20');
}
/**
 * The ledger as JSON text: keys sorted at every level, two-space indent, a
 * final newline. Equal ledgers give identical text.
 */
function serializeLedger(ledger) {
    return `${JSON.stringify(sortKeys(ledger), null, 2)}\n`;
}
function sortKeys(value) {
    if (Array.isArray(value))
        return value.map(sortKeys);
    if (!isRecord(value))
        return value;
    const sorted = {};
    for (const key of Object.keys(value).sort()) {
        if (value[key] !== undefined)
            sorted[key] = sortKeys(value[key]);
    }
    return sorted;
}
/**
 * Union of two ledgers of the same repository (ours and one a concurrent run
 * saved, say). Per pair: a final status ('sent' > 'rejected' > 'given-up')
 * wins over 'failed'/'pending'; otherwise the newer `updated` wins; attempts
 * are the larger count. lastCommit and lastRun come from the ledger whose
 * lastRun is newer. Commutative, associative and idempotent.
 */
function mergeLedgers(a, b) {
    const merged = emptyLedger();
    const newer = newerRun(a, b);
    if (newer?.lastCommit !== undefined)
        merged.lastCommit = newer.lastCommit;
    if (newer?.lastRun !== undefined)
        merged.lastRun = newer.lastRun;
    const runs = newestRuns({ ...a.runs, ...b.runs }, a.runs, b.runs);
    if (runs)
        merged.runs = runs;
    const keys = new Set([...Object.keys(a.entries), ...Object.keys(b.entries)]);
    for (const key of [...keys].sort()) {
        const left = ownEntry(a.entries, key);
        const right = ownEntry(b.entries, key);
        const entry = left && right ? mergeEntries(left, right) : (left ?? right);
        if (entry)
            merged.entries[key] = { ...entry };
    }
    return merged;
}
/** How many run ids a ledger remembers (see Ledger.runs). */
const MAX_REMEMBERED_RUNS = 200;
/**
 * The newest MAX_REMEMBERED_RUNS runs, ordered by time then id (a total
 * order, so merging stays associative); a run in both `a` and `b` keeps its
 * later time. Undefined when there are none.
 */
function newestRuns(runs, a = {}, b = {}) {
    const all = Object.keys(runs).map((id) => {
        const x = Object.hasOwn(a, id) ? a[id] : undefined;
        const y = Object.hasOwn(b, id) ? b[id] : undefined;
        const at = x === undefined ? y : y === undefined ? x : x > y ? x : y;
        return [id, at ?? runs[id]];
    });
    if (all.length === 0)
        return undefined;
    all.sort(([i, s], [j, t]) => s !== t ? (s < t ? 1 : -1) : i < j ? 1 : i > j ? -1 : 0);
    return Object.fromEntries(all.slice(0, MAX_REMEMBERED_RUNS));
}
/** The ledger whose run is newer (by lastRun), for lastCommit/lastRun. */
function newerRun(a, b) {
    const aTime = a.lastRun === undefined ? undefined : Date.parse(a.lastRun);
    const bTime = b.lastRun === undefined ? undefined : Date.parse(b.lastRun);
    if (aTime === undefined && bTime === undefined) {
        // Neither says when it ran; keep a commit if only one has it, and pick
        // deterministically otherwise so that merging stays commutative.
        if (a.lastCommit === undefined)
            return b;
        if (b.lastCommit === undefined)
            return a;
        return a.lastCommit >= b.lastCommit ? a : b;
    }
    if (aTime === undefined)
        return b;
    if (bTime === undefined)
        return a;
    if (aTime !== bTime)
        return aTime > bTime ? a : b;
    return (a.lastCommit ?? '') >= (b.lastCommit ?? '') ? a : b;
}
/**
 * The winner of two records of the same pair, with the larger attempt
 * count. The order is total (rank, then time, then the text itself), which
 * is what makes merging commutative and associative.
 */
function mergeEntries(a, b) {
    const winner = compareEntries(a, b) >= 0 ? a : b;
    const merged = { ...winner, attempts: Math.max(a.attempts, b.attempts) };
    // What later runs saw of a sent ping (landed/) merges on its own: the
    // record that knows more wins, whichever copy won the rest.
    const landed = compareLanded(a, b) >= 0 ? a : b;
    for (const field of LANDED_FIELDS)
        delete merged[field];
    if (merged.status === 'sent')
        Object.assign(merged, landedPart(landed));
    return merged;
}
/** The fields a landed check writes (landed/schedule.ts). */
const LANDED_FIELDS = ['checked', 'visible', 'notVisibleDays'];
/** The landed fields of an entry, those that are set. */
function landedPart(entry) {
    const part = {};
    if (entry.checked !== undefined)
        part.checked = entry.checked;
    if (entry.visible !== undefined)
        part.visible = entry.visible;
    if (entry.notVisibleDays !== undefined) {
        part.notVisibleDays = entry.notVisibleDays;
    }
    return part;
}
/**
 * Which of two records knows more of a sent ping's landing: seen beats not
 * seen (the earlier sighting first), given up beats still looking, a later
 * look beats an earlier one; the text breaks ties, so the order is total.
 */
function compareLanded(a, b) {
    const aSeen = a.status === 'sent' ? a.visible : undefined;
    const bSeen = b.status === 'sent' ? b.visible : undefined;
    if ((aSeen === undefined) !== (bSeen === undefined)) {
        return aSeen === undefined ? -1 : 1;
    }
    if (aSeen !== undefined && bSeen !== undefined && aSeen !== bSeen) {
        return Date.parse(aSeen) < Date.parse(bSeen) ? 1 : -1;
    }
    const aGaveUp = a.notVisibleDays !== undefined;
    if (aGaveUp !== (b.notVisibleDays !== undefined))
        return aGaveUp ? 1 : -1;
    const aAt = a.checked === undefined ? -Infinity : Date.parse(a.checked);
    const bAt = b.checked === undefined ? -Infinity : Date.parse(b.checked);
    if (aAt !== bAt)
        return aAt > bAt ? 1 : -1;
    const aText = JSON.stringify(sortKeys(landedPart(a)));
    const bText = JSON.stringify(sortKeys(landedPart(b)));
    return aText === bText ? 0 : aText > bText ? 1 : -1;
}
function compareEntries(a, b) {
    const byRank = RANK[a.status] - RANK[b.status];
    if (byRank !== 0)
        return byRank;
    const byTime = Date.parse(a.updated) - Date.parse(b.updated);
    if (byTime !== 0)
        return byTime;
    const aText = serializeEntry(a);
    const bText = serializeEntry(b);
    return aText === bText ? 0 : aText > bText ? 1 : -1;
}
/** The entry's text without what merges on its own (attempts, landed). */
function serializeEntry(entry) {
    const rest = { ...entry, attempts: 0 };
    for (const field of LANDED_FIELDS)
        delete rest[field];
    return JSON.stringify(sortKeys(rest));
}
/**
 * Records what happened to a pair in this run and returns a new ledger (the
 * input is not changed).
 *
 * - 'sent' and 'already-sent' are stored as 'sent'; an entry that is already
 *   'sent' is never changed, whatever the outcome.
 * - 'failed' counts an attempt and becomes 'given-up' once attempts reach
 *   `maxAttempts` (the retry rule's afterFailedTry, net/retry.ts).
 * - 'pending' (the post is not live yet) makes no request: attempts stay,
 *   and `due` says when to look again.
 * - A lower outcome does not replace a final status ('rejected' stays
 *   'rejected' after a later 'failed'), the same rule mergeLedgers applies,
 *   so recording and merging never disagree.
 *
 * Throws RangeError when maxAttempts is not a positive integer.
 */
function recordOutcome(ledger, pair, outcome, details) {
    return recordOutcomes(ledger, [{ pair, outcome, details }]);
}
/**
 * `recordOutcome` for many pairs, in order, with one copy of the entries:
 * a run that sends a thousand pings records them in linear time.
 */
function recordOutcomes(ledger, records) {
    const entries = { ...ledger.entries };
    for (const { pair, outcome, details } of records) {
        recordInto(entries, pair, outcome, details);
    }
    return { ...ledger, entries };
}
/** recordOutcome's rule, applied to entries the caller owns. */
function recordInto(entries, pair, outcome, details) {
    if (!Number.isInteger(details.maxAttempts) || details.maxAttempts < 1) {
        throw new RangeError(`maxAttempts must be a positive integer, got ${details.maxAttempts}`);
    }
    const key = ledgerKey(pair.post, pair.ping);
    const existing = ownEntry(entries, key);
    if (existing?.status === 'sent')
        return;
    const previousAttempts = existing?.attempts ?? 0;
    const attempts = outcome === 'pending' ? previousAttempts : previousAttempts + 1;
    const status = outcome === 'sent' || outcome === 'already-sent'
        ? 'sent'
        : outcome === 'failed'
            ? afterFailedTry(attempts, details.maxAttempts)
            : outcome;
    const entry = {
        post: pair.post,
        ping: pair.ping,
        source: pair.source,
        target: pair.target,
        status,
        attempts,
        updated: details.now.toISOString()
    };
    if (outcome === 'pending' && details.due !== undefined) {
        entry.due = details.due;
    }
    if (details.message !== undefined)
        entry.message = details.message;
    if (status === 'sent') {
        if (details.protocol !== undefined)
            entry.protocol = details.protocol;
        if (details.statusUrl !== undefined)
            entry.statusUrl = details.statusUrl;
    }
    entries[key] = existing ? mergeEntries(existing, entry) : entry;
}
/** The ledger's record of a (post URL, ping URL) pair, if any. */
function entryFor(ledger, post, ping) {
    return ownEntry(ledger.entries, ledgerKey(post, ping));
}
/**
 * Entries a later run must pick up, in key order: every 'failed' one, and
 * 'pending' ones whose `due` time has come (a 'pending' entry without a
 * usable `due` counts as due, so that it is looked at rather than forgotten).
 */
function dueEntries(ledger, now) {
    const due = [];
    for (const key of Object.keys(ledger.entries).sort()) {
        const entry = ownEntry(ledger.entries, key);
        if (!entry)
            continue;
        if (entry.status === 'failed') {
            due.push(entry);
        }
        else if (entry.status === 'pending') {
            const at = entry.due === undefined ? Number.NaN : Date.parse(entry.due);
            if (Number.isNaN(at) || at <= now.getTime())
                due.push(entry);
        }
    }
    return due;
}
/** An entry of the record itself, never one inherited from Object. */
function ownEntry(entries, key) {
    return Object.hasOwn(entries, key) ? entries[key] : undefined;
}
/** Whether a stored time can be read as one. */
function isDate(value) {
    return !Number.isNaN(Date.parse(value));
}

export { mergeEntries as a, entryFor as b, recordOutcome as c, dueEntries as d, emptyLedger as e, isDate as i, ledgerKey as l, mergeLedgers as m, newestRuns as n, ownEntry as o, recordOutcomes as r, serializeLedger as s };
