import * as os from 'os';
import os__default, { EOL } from 'os';
import * as crypto from 'crypto';
import * as fs from 'fs';
import { promises, constants } from 'fs';
import 'path';

/**
 * The action's names, limits and defaults in one place: who it says it is,
 * the cache keys and ledger file names it writes, how long the cache keeps
 * them, and the caps every request and every input is held to. Rules live
 * in their folders; the numbers they share live here.
 */
// --- Identity -------------------------------------------------------------
/** The action's version; a test keeps it equal to package.json's. */
const VERSION = '1.0.0';
/** Where people find out what sent them a ping. */
const PROJECT_URL = 'https://github.com/marketplace/actions/trackback-for-static-blogs';
/** Sent with every request so receivers know who is calling. */
const USER_AGENT = `trackback-action/${VERSION} (+${PROJECT_URL})`;
// --- The ledger in the Actions cache ----------------------------------------
/** Days the Actions cache keeps an entry nobody restores. */
const CACHE_EVICTION_DAYS = 7;
/** The ledger's file name, in a cache entry and in the ledger ref's tree. */
const LEDGER_FILE = 'ledger.json';
/**
 * A claim's file name in the cache. A separate file gives a separate cache
 * version: a restore of `<prefix>-` for the ledger can never match a claim
 * entry, whose key has the same prefix.
 */
const CLAIM_FILE = 'claim.json';
/** The claims' file name in the ledger ref's tree. */
const CLAIMS_FILE = 'claims.json';
/** The cache key a run saves its ledger under: `<prefix>-<run id>-<attempt>`. */
function ledgerCacheKey(prefix, runId, runAttempt) {
    return `${prefix}-${runId}-${runAttempt}`;
}
/** The prefix that restores the newest ledger of any run. */
function ledgerRestorePrefix(prefix) {
    return `${prefix}-`;
}
/** The cache key of a claim, from the hash of the claimed name. */
function claimCacheKey(prefix, nameHash) {
    return `${prefix}-claim-${nameHash}`;
}
// --- Caps on what receivers and pages send back ------------------------------
/** The most of a receiver's answer that is read (a TrackBack answer is a few hundred bytes). */
const MAX_RESPONSE_BYTES = 64 * 1024;
/** How long WordPress refuses a second accepted ping from the same address. */
const FLOOD_WAIT_MS = 15_000;
// --- Caps on what users write -------------------------------------------------
/** The longest target (URL or arXiv id) read from front matter. */
const MAX_TARGET_LENGTH = 2048;
/** Targets per post unless the `max-targets` input says otherwise. */
const DEFAULT_TARGET_LIMIT = 100;
/** Front matter longer than this is refused before parsing. */
const MAX_FRONT_MATTER_LENGTH = 256 * 1024;
/** Deeper nesting in front matter is refused. */
const MAX_FRONT_MATTER_DEPTH = 100;
/** A post source larger than this is not read. */
const MAX_SOURCE_BYTES = 5 * 1024 * 1024;

/**
 * The retry rule, in one place. Pure: counts, statuses and verdicts in,
 * decisions out.
 *
 * Within a run a failed try is repeated only where the receiver cannot have
 * stored the ping: the request never left (connection refused, DNS, TLS
 * handshake, a stale kept-alive socket) or the receiver said "not now" (429,
 * 503, a throttling answer). A failure that may have arrived — a timeout or
 * reset after the request went out, a 500/502/504 — is not repeated in the
 * run. Repeats wait a doubling backoff, at least what the receiver asks
 * (Retry-After, WordPress's flood window), and never longer than a run
 * waits.
 *
 * Across runs a failed ping is tried again by later runs until it has had
 * `max-attempts` tries, then given up (the ledger records it).
 *
 * The same backoff paces the post-page checks (wait-for-live) and the
 * GitHub API calls of the ledger ref and the claims.
 */
/** Between tries of one ping: 2, 4, 8, 16, 30, 30… s. */
const PING_BACKOFF = { startMs: 2000, maxMs: 30_000 };
/** Between fetches of a post page that is not live yet: 1, 2, 4, 8, 15… s. */
const LIVE_BACKOFF = { startMs: 1000, maxMs: 15_000 };
/**
 * How long to wait before asking the cache again about a claim it could not
 * decide (another run's claim may still be uploading). Asked once more only.
 */
const CLAIM_RECHECK_MS = 2000;
/** Wait after try number `tries` (≥ 1) before the next one. */
function backoffMs(tries, backoff) {
    return Math.min(backoff.startMs * 2 ** Math.max(0, tries - 1), backoff.maxMs);
}
// --- Which failures may be repeated within a run ---------------------------
/** Whether an HTTP status is transient: worth another try (429, 5xx). */
function transientStatus(status) {
    return status === 429 || status >= 500;
}
/**
 * Whether a receiver that answered a transient status may have stored the
 * ping. 429 and 503 say "not now" before doing anything; other 5xx may come
 * after the ping was stored (a plugin dying after the insert, a gateway
 * giving up on a slow backend).
 */
function statusMayHaveStored(status) {
    return status !== 429 && status !== 503;
}
/** Whether a request that failed on the wire may have reached the receiver. */
function failureMayHaveArrived(wire) {
    return wire.written && !wire.staleSocket && !wire.failedHandshake;
}
/** The wait after a throttling answer: what it asks, at least the flood window. */
function throttleWaitMs(askedMs) {
    return Math.max(askedMs ?? 0, FLOOD_WAIT_MS);
}
/**
 * Milliseconds a `Retry-After` value asks for: delta-seconds or an HTTP-date
 * (RFC 9110 §10.2.3). Undefined when absent or unreadable.
 */
function parseRetryAfter(value, now = new Date()) {
    const text = value?.trim();
    if (!text)
        return undefined;
    if (/^\d+$/.test(text))
        return Math.min(Number(text), 86_400 * 365) * 1000;
    if (!/[a-z]/i.test(text))
        return undefined;
    const at = Date.parse(text);
    if (Number.isNaN(at))
        return undefined;
    return Math.max(0, at - now.getTime());
}
// --- Repeating a ping within the run ----------------------------------------
/** Longest wait for one repeat unless the sender is told otherwise. */
const DEFAULT_MAX_RETRY_WAIT_MS = 120_000;
/**
 * Whether a transient failure is repeated within the run, after `tries`
 * tries of the ping (≥ 1), with `msLeft` ms before the run stops starting
 * requests (Infinity: no deadline).
 */
function repeatInRun(failed, tries, policy, msLeft = Number.POSITIVE_INFINITY) {
    if (failed.ambiguous) {
        return {
            repeat: false,
            message: `${failed.message}; not repeated in this run`
        };
    }
    if (tries > policy.retries) {
        const count = `${tries} attempt${tries === 1 ? '' : 's'}`;
        return {
            repeat: false,
            message: `${failed.message}; gave up after ${count}`
        };
    }
    const waitMs = Math.max(backoffMs(tries, policy.backoff), failed.retryAfterMs ?? 0);
    if (waitMs <= policy.maxWaitMs && waitMs < msLeft) {
        return { repeat: true, waitMs };
    }
    const seconds = Math.ceil(waitMs / 1000);
    const limit = waitMs > policy.maxWaitMs
        ? `more than the ${Math.ceil(policy.maxWaitMs / 1000)} s a run waits`
        : 'past the run-timeout';
    return {
        repeat: false,
        message: `${failed.message}; would have to wait ${seconds} s (${limit}), will retry next run`,
        wait: { ms: waitMs, why: `asked to wait ${seconds} s (${limit})` }
    };
}
// --- Trying again on later runs ---------------------------------------------
/**
 * The ledger status a failed try leaves: `failed` (a later run tries again)
 * until the pair has had `maxAttempts` tries, then `given-up`.
 */
function afterFailedTry(attempts, maxAttempts) {
    return attempts >= maxAttempts ? 'given-up' : 'failed';
}
/**
 * Whether a later run takes a ledger entry up again: a `failed` one (tries
 * left) or a `pending` one (held: not live, not claimable, scheduled).
 */
function laterRunRetries(status) {
    return status === 'failed' || status === 'pending';
}

/** Small helpers every folder uses, written once. */
/** The message of anything thrown. */
function errorMessage(error) {
    return error instanceof Error ? error.message : String(error);
}
/** A plain object (not null, not an array). */
function isRecord(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
/** At most `max` code points, with `…` when cut. */
function shorten(text, max) {
    const points = Array.from(text.slice(0, max * 2));
    return points.length > max || text.length > max * 2
        ? `${points.slice(0, max).join('')}…`
        : text;
}
/**
 * Run `fn` over items with at most `limit` at a time (at least one), in
 * order of start.
 */
async function pool(items, limit, fn) {
    let next = 0;
    const worker = async () => {
        while (next < items.length) {
            const item = items[next++];
            await fn(item);
        }
    };
    const count = Math.max(1, Math.min(limit, items.length));
    await Promise.all(Array.from({ length: count }, worker));
}
/** `1 link`, `2 links`: a count with its noun. */
function plural(count, noun, nouns = `${noun}s`) {
    return `${count} ${count === 1 ? noun : nouns}`;
}
/**
 * Edit distance between two strings (UTF-16 code units): Levenshtein, or
 * with `swaps` a swap of two neighbours counting as one edit (optimal
 * string alignment). With `limit`, anything above it is `limit + 1`, and
 * strings whose lengths differ by more are not compared.
 */
function editDistance(a, b, { limit = Infinity, swaps = false } = {}) {
    if (a === b)
        return 0;
    if (Math.abs(a.length - b.length) > limit)
        return limit + 1;
    let before = [];
    let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        const current = [i];
        for (let j = 1; j <= b.length; j++) {
            const cost = a[i - 1] === b[j - 1] ? 0 : 1;
            let best = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
            const swapped = swaps &&
                i > 1 &&
                j > 1 &&
                a[i - 1] === b[j - 2] &&
                a[i - 2] === b[j - 1];
            if (swapped)
                best = Math.min(best, (before[j - 2] ?? 0) + 1);
            current.push(best);
        }
        before = previous;
        previous = current;
    }
    return Math.min(previous[b.length] ?? 0, limit + 1);
}

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
    return { ...winner, attempts: Math.max(a.attempts, b.attempts) };
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
function serializeEntry(entry) {
    return JSON.stringify(sortKeys({ ...entry, attempts: 0 }));
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

/**
 * arXiv papers: the ids in every form users write them (new-style
 * `YYMM.NNNNN`, old-style `archive/YYMMNNN`, versions, `arXiv:` prefixes,
 * arxiv.org links) and the ping URL of a paper, both ways.
 */
/**
 * The archives of arXiv's old-style ids (`archive/YYMMNNN`, before April
 * 2007). Archives created later (q-fin, stat, eess, econ) never had them.
 */
const OLD_ARCHIVES = new Set([
    'acc-phys',
    'adap-org',
    'alg-geom',
    'ao-sci',
    'astro-ph',
    'atom-ph',
    'bayes-an',
    'chao-dyn',
    'chem-ph',
    'cmp-lg',
    'comp-gas',
    'cond-mat',
    'cs',
    'dg-ga',
    'funct-an',
    'gr-qc',
    'hep-ex',
    'hep-lat',
    'hep-ph',
    'hep-th',
    'math',
    'math-ph',
    'mtrl-th',
    'nlin',
    'nucl-ex',
    'nucl-th',
    'patt-sol',
    'physics',
    'plasm-ph',
    'q-alg',
    'q-bio',
    'quant-ph',
    'solv-int',
    'supr-con'
]);
/** Hosts whose links name arXiv papers. */
const ARXIV_HOSTS = new Set(['arxiv.org', 'www.arxiv.org', 'export.arxiv.org']);
/**
 * The versionless arXiv id named by text in any form users write, or
 * undefined: `arXiv:2101.00001v2`, `2101.00001`, `hep-th/9901001`,
 * `math.GT/0309136` (→ `math/0309136`: the subject class is not part of the
 * id), `https://arxiv.org/abs/<id>`, `/pdf/<id>[.pdf]`, `/trackback/<id>`,
 * also on www. and export. hosts, over http or https.
 */
function arxivId(text) {
    const result = parseArxiv(text.trim());
    return result !== undefined && 'id' in result ? result.id : undefined;
}
/** arXiv ping URL for a versionless id: https://arxiv.org/trackback/<id> */
function arxivPingUrl(id) {
    return `https://arxiv.org/trackback/${id}`;
}
const ARXIV_PING = /^https:\/\/arxiv\.org\/trackback\/(.+)$/;
/** The arXiv id of a ping URL to arXiv (see arxivPingUrl), or undefined. */
function arxivIdOfPing(ping) {
    return ARXIV_PING.exec(ping)?.[1];
}
/**
 * Read trimmed text as an arXiv reference. Undefined when it does not look
 * like one (then it may still be a ping URL); an error when it clearly
 * means an arXiv paper but the id is wrong.
 */
function parseArxiv(text) {
    const prefixed = /^arxiv\s*:\s*(.*)$/is.exec(text);
    if (prefixed) {
        return parseArxivId(withoutCategory(prefixed[1] ?? ''));
    }
    // `arxiv 2101.00001`, `arXiv2101.00001`: an id without its colon.
    const spaced = /^arxiv\s*(\d.*|[a-z-]+(?:\.[a-z]{2})?\/.*)$/is.exec(text);
    if (spaced)
        return withoutColon(withoutCategory(spaced[1] ?? ''));
    if (/^\d{4}\.\d+(?:v\d+)?$/i.test(text))
        return parseArxivId(text);
    if (/^[a-z-]+(?:\.[a-z]{2})?\/\d+(?:v\d+)?$/i.test(text)) {
        return parseArxivId(text);
    }
    return parseArxivUrl(text);
}
/** Listings show `arXiv:2101.00001 [hep-th]`; the category is not needed. */
function withoutCategory(id) {
    return id.replace(/\s*\[[a-z.-]+\]$/i, '');
}
/**
 * An id written after `arxiv` without the colon: always an error, which
 * suggests the form that works when the id is valid.
 */
function withoutColon(id) {
    const parsed = parseArxivId(id);
    if ('error' in parsed)
        return parsed;
    return {
        error: `this is not a URL; to name the arXiv paper, write arXiv:${id} ` +
            '(with a colon)'
    };
}
/** An arxiv.org URL naming a paper; undefined for other hosts. */
function parseArxivUrl(text) {
    // Accept `arxiv.org/abs/…` without a scheme too: it can only mean arXiv.
    const withScheme = /^(?:www\.|export\.)?arxiv\.org\//i.test(text)
        ? `https://${text}`
        : text;
    let url;
    try {
        url = new URL(withScheme);
    }
    catch {
        return undefined;
    }
    if (!ARXIV_HOSTS.has(url.hostname))
        return undefined;
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
        return undefined;
    if (url.username !== '' || url.password !== '')
        return undefined;
    const path = /^\/(?:abs|pdf|html|trackback|tb)\/(.+?)(?:\.pdf)?\/?$/i.exec(url.pathname);
    if (!path) {
        return {
            error: 'this arXiv address does not name a paper; link its abstract page, ' +
                'https://arxiv.org/abs/<id>'
        };
    }
    let id;
    try {
        id = decodeURIComponent(path[1] ?? '');
    }
    catch {
        id = path[1] ?? '';
    }
    return parseArxivId(id.replace(/^arxiv:/i, ''));
}
/** Validate an id (with optional version) and return it versionless. */
function parseArxivId(text) {
    const newStyle = /^(\d{2})(\d{2})\.(\d+)(?:v(\d+))?$/i.exec(text);
    if (newStyle) {
        const [, yy = '', mm = '', number = '', version] = newStyle;
        const problem = monthProblem(mm) ??
            versionProblem(version) ??
            newIdProblem(`${yy}${mm}`, number);
        return problem === undefined
            ? { id: `${yy}${mm}.${number}` }
            : { error: problem };
    }
    const oldStyle = /^([a-z-]+)(?:\.([a-z]{2}))?\/(\d{2})(\d{2})(\d+?)(?:v(\d+))?$/i.exec(text);
    if (oldStyle) {
        const [, archive = '', , yy = '', mm = '', number = '', version] = oldStyle;
        const name = archive.toLowerCase();
        const problem = (OLD_ARCHIVES.has(name)
            ? undefined
            : `'${archive}' is not an arXiv archive of old-style ids such as hep-th/9901001`) ??
            (number.length === 3
                ? undefined
                : 'an old-style arXiv id has 7 digits after the slash (YYMMNNN)') ??
            monthProblem(mm) ??
            versionProblem(version) ??
            oldIdProblem(Number(yy), Number(mm), number);
        return problem === undefined
            ? { id: `${name}/${yy}${mm}${number}` }
            : { error: problem };
    }
    return { error: `'${shorten(text, 60)}' is not an arXiv id` };
}
function monthProblem(mm) {
    const month = Number(mm);
    return month >= 1 && month <= 12
        ? undefined
        : `month ${mm} in the arXiv id does not exist (YYMM: 01 to 12)`;
}
function versionProblem(version) {
    return version === undefined || /^[1-9]\d*$/.test(version)
        ? undefined
        : `arXiv versions start at v1, not v${version}`;
}
/** New-style ids run from 0704 on, 4 digits after the dot until 1412. */
function newIdProblem(yymm, number) {
    if (yymm < '0704') {
        return (`arXiv ids of the form YYMM.NNNNN start in April 2007 (0704); ` +
            `older papers have ids such as hep-th/9901001`);
    }
    const digits = yymm <= '1412' ? 4 : 5;
    if (number.length !== digits) {
        return yymm <= '1412'
            ? 'arXiv ids up to 1412 have 4 digits after the dot'
            : 'arXiv ids from 1501 on have 5 digits after the dot';
    }
    if (/^0+$/.test(number))
        return 'arXiv paper numbers start at 1';
    return undefined;
}
/** Old-style ids run from August 1991 (9108) to March 2007 (0703). */
function oldIdProblem(yy, mm, number) {
    const year = yy >= 91 ? 1900 + yy : 2000 + yy;
    const month = year * 12 + mm;
    if (month < 1991 * 12 + 8 || month > 2007 * 12 + 3) {
        return 'old-style arXiv ids run from 9108 (August 1991) to 0703 (March 2007)';
    }
    if (number === '000')
        return 'arXiv paper numbers start at 1';
    return undefined;
}

/**
 * How messages name an option: as the action's workflow input
 * (`allow-private-networks: true`, "the site-url input") or as the CLI's
 * flag (`--allow-private-networks`, `--site-url`). Each run picks one and
 * hands it down with its Log, so that a message tells the reader what to
 * write where they are.
 */
/** The action's words: workflow inputs under `with:`. */
const inputNames = {
    name: (option) => option,
    phrase: (option) => `the ${option} input`,
    setTo: (option, value) => `${option}: ${value}`
};
/** The CLI's words: flags. */
const flagNames = {
    name: (option) => `--${option}`,
    phrase: (option) => `--${option}`,
    setTo: (option, value) => value === 'true' ? `--${option}` : `--${option} ${value}`
};

/**
 * The plain data that flows through the pipeline:
 * settings → site → changed posts → posts → planned pings → results → ledger.
 * Pure modules take and return these; only adapters touch the world.
 */
/** Whether a read source is a post (and not a failure to read one). */
function isPost(value) {
    return 'state' in value;
}
/**
 * Raised for bad configuration (of the site, not of the inputs): the run
 * stops with this message. Here rather than in pipeline.ts, which raises it,
 * so that the action's entry can tell it apart without loading planning.
 */
class ConfigError extends Error {
}

/**
 * The `ignore` input: targets never to ping, e.g. a host that asked you to
 * stop. Each line is either
 *
 * - a host name, `example.org`: ping URLs on that host or any of its
 *   subdomains (`www.example.org`, `blog.example.org`), as NO_PROXY reads
 *   host names; or
 * - a URL prefix, `https://example.org/trackback/`: ping URLs that start
 *   with it.
 *
 * `*` in either matches any run of characters (`blog*.example.org`,
 * `https://example.org/*?p=12`). Matching ignores case. Blank lines and
 * lines starting with `#` are skipped. There are no other glob characters
 * on purpose: `?`, `[`, `]`, `{` and `}` are ordinary parts of URLs (query
 * strings, IPv6 hosts), so a glob syntax would misread
 * `wp-trackback.php?p=1`.
 */
/** The lines of a list input, without blanks and `#` comments. */
function inputLines(text) {
    return text
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter((line) => line !== '' && !line.startsWith('#'));
}
/** A regular expression for `text` where `*` matches anything. */
function wildcard(text) {
    return text
        .split('*')
        .map((part) => part.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&'))
        .join('.*');
}
const HOST_PATTERN = /^[a-z0-9*]([a-z0-9*.-]*[a-z0-9*])?\.?$/i;
/**
 * Compile the `ignore` lines. Returns the rules and one message per line
 * that is neither a host name nor an http(s) URL prefix.
 */
function parseIgnore(lines) {
    const rules = [];
    const problems = [];
    for (const pattern of lines) {
        if (/^https?:\/\//i.test(pattern)) {
            const prefix = new RegExp(`^${wildcard(pattern)}`, 'i');
            rules.push({ pattern, matches: (ping) => prefix.test(ping) });
        }
        else if (HOST_PATTERN.test(pattern)) {
            const host = wildcard(pattern.replace(/\.$/, '').toLowerCase());
            const name = new RegExp(`^(.+\\.)?${host}$`);
            rules.push({
                pattern,
                matches: (ping) => {
                    const hostname = hostOf(ping);
                    return hostname !== undefined && name.test(hostname);
                }
            });
        }
        else {
            problems.push(`Invalid input 'ignore': '${pattern}'. Expected a host name (example.org, *.example.org) or a URL prefix (https://example.org/trackback/).`);
        }
    }
    return { rules, problems };
}
function hostOf(url) {
    try {
        return new URL(url).hostname.replace(/\.$/, '').toLowerCase();
    }
    catch {
        return undefined;
    }
}
/** The first rule covering `ping`, or undefined. */
function ignoredBy(rules, ping) {
    return rules.find((rule) => rule.matches(ping));
}

/**
 * Which commits this run covers. Pure: takes the event's name and payload
 * and the ledger's last processed commit.
 */
const ZERO_SHA = /^0+$/;
const SHA = /^[0-9a-f]{40}([0-9a-f]{24})?$/i;
function sha(value) {
    return typeof value === 'string' && SHA.test(value) && !ZERO_SHA.test(value)
        ? value
        : undefined;
}
function field(value, key) {
    return value !== null && typeof value === 'object'
        ? value[key]
        : undefined;
}
/**
 * Decide the range: the push's before→after, the pull request's base→head,
 * else the last commit the ledger recorded → this commit, else a scan of
 * recent posts.
 */
function pickRange(event, ledgerCommit) {
    const { eventName, payload } = event;
    if (eventName === 'push') {
        if (payload.deleted === true) {
            return { kind: 'none', reason: 'the push deleted the branch' };
        }
        const head = sha(payload.after) ?? sha(event.sha);
        const base = sha(payload.before);
        if (head && base) {
            return { kind: 'diff', base, head, mergeBase: false, source: 'push' };
        }
    }
    if (eventName === 'pull_request' || eventName === 'pull_request_target') {
        const pr = field(payload, 'pull_request');
        const base = sha(field(field(pr, 'base'), 'sha'));
        const head = sha(field(field(pr, 'head'), 'sha'));
        if (base && head) {
            return {
                kind: 'diff',
                base,
                head,
                mergeBase: true,
                source: 'pull_request'
            };
        }
    }
    const head = sha(event.sha) ?? (eventName === 'push' ? sha(payload.after) : undefined);
    if (!head)
        return {
            kind: 'none',
            reason: 'no commit to look at (GITHUB_SHA is not set)'
        };
    const remembered = sha(ledgerCommit);
    if (remembered === head) {
        return {
            kind: 'diff',
            base: head,
            head,
            mergeBase: false,
            source: 'ledger'
        };
    }
    if (remembered) {
        return {
            kind: 'diff',
            base: remembered,
            head,
            mergeBase: false,
            source: 'ledger'
        };
    }
    const why = eventName === 'push'
        ? 'the push has no earlier commit (a new branch)'
        : `a ${eventName || 'local'} event names no base commit`;
    return {
        kind: 'scan',
        head,
        reason: `${why} and the ledger records no earlier run`
    };
}
/**
 * One sentence for the report saying which posts a run looked at, or
 * undefined when the run already explained it (scans and empty ranges).
 */
function describeRange(range) {
    if (range.kind !== 'diff')
        return undefined;
    const span = `${range.base.slice(0, 7)}${range.mergeBase ? '...' : '..'}${range.head.slice(0, 7)}`;
    switch (range.source) {
        case 'push':
            return `Looked at the posts this push changed (${span}).`;
        case 'pull_request':
            return `Looked at the posts this pull request changes (${span}).`;
        case 'local':
            return `Looked at the posts changed by the commits not pushed yet (${span}).`;
        case 'ledger':
            return range.base === range.head
                ? 'No new commit since the last run: looked at pings left to retry and scheduled posts now due.'
                : `Looked at the posts changed since the last run (${span}), and at pings left to retry.`;
    }
}

// We use any as a valid input type
/* eslint-disable @typescript-eslint/no-explicit-any */
/**
 * Sanitizes an input into a string so it can be passed into issueCommand safely
 * @param input input to sanitize into a string
 */
function toCommandValue(input) {
    if (input === null || input === undefined) {
        return '';
    }
    else if (typeof input === 'string' || input instanceof String) {
        return input;
    }
    return JSON.stringify(input);
}
/**
 *
 * @param annotationProperties
 * @returns The command properties to send with the actual annotation command
 * See IssueCommandProperties: https://github.com/actions/runner/blob/main/src/Runner.Worker/ActionCommandManager.cs#L646
 */
function toCommandProperties(annotationProperties) {
    if (!Object.keys(annotationProperties).length) {
        return {};
    }
    return {
        title: annotationProperties.title,
        file: annotationProperties.file,
        line: annotationProperties.startLine,
        endLine: annotationProperties.endLine,
        col: annotationProperties.startColumn,
        endColumn: annotationProperties.endColumn
    };
}

/**
 * Issues a command to the GitHub Actions runner
 *
 * @param command - The command name to issue
 * @param properties - Additional properties for the command (key-value pairs)
 * @param message - The message to include with the command
 * @remarks
 * This function outputs a specially formatted string to stdout that the Actions
 * runner interprets as a command. These commands can control workflow behavior,
 * set outputs, create annotations, mask values, and more.
 *
 * Command Format:
 *   ::name key=value,key=value::message
 *
 * @example
 * ```typescript
 * // Issue a warning annotation
 * issueCommand('warning', {}, 'This is a warning message');
 * // Output: ::warning::This is a warning message
 *
 * // Set an environment variable
 * issueCommand('set-env', { name: 'MY_VAR' }, 'some value');
 * // Output: ::set-env name=MY_VAR::some value
 *
 * // Add a secret mask
 * issueCommand('add-mask', {}, 'secretValue123');
 * // Output: ::add-mask::secretValue123
 * ```
 *
 * @internal
 * This is an internal utility function that powers the public API functions
 * such as setSecret, warning, error, and exportVariable.
 */
function issueCommand(command, properties, message) {
    const cmd = new Command(command, properties, message);
    process.stdout.write(cmd.toString() + os.EOL);
}
function issue(name, message = '') {
    issueCommand(name, {}, message);
}
const CMD_STRING = '::';
class Command {
    constructor(command, properties, message) {
        if (!command) {
            command = 'missing.command';
        }
        this.command = command;
        this.properties = properties;
        this.message = message;
    }
    toString() {
        let cmdStr = CMD_STRING + this.command;
        if (this.properties && Object.keys(this.properties).length > 0) {
            cmdStr += ' ';
            let first = true;
            for (const key in this.properties) {
                if (this.properties.hasOwnProperty(key)) {
                    const val = this.properties[key];
                    if (val) {
                        if (first) {
                            first = false;
                        }
                        else {
                            cmdStr += ',';
                        }
                        cmdStr += `${key}=${escapeProperty(val)}`;
                    }
                }
            }
        }
        cmdStr += `${CMD_STRING}${escapeData(this.message)}`;
        return cmdStr;
    }
}
function escapeData(s) {
    return toCommandValue(s)
        .replace(/%/g, '%25')
        .replace(/\r/g, '%0D')
        .replace(/\n/g, '%0A');
}
function escapeProperty(s) {
    return toCommandValue(s)
        .replace(/%/g, '%25')
        .replace(/\r/g, '%0D')
        .replace(/\n/g, '%0A')
        .replace(/:/g, '%3A')
        .replace(/,/g, '%2C');
}

// For internal use, subject to change.
// We use any as a valid input type
/* eslint-disable @typescript-eslint/no-explicit-any */
function issueFileCommand(command, message) {
    const filePath = process.env[`GITHUB_${command}`];
    if (!filePath) {
        throw new Error(`Unable to find environment variable for file command ${command}`);
    }
    if (!fs.existsSync(filePath)) {
        throw new Error(`Missing file at path: ${filePath}`);
    }
    fs.appendFileSync(filePath, `${toCommandValue(message)}${os.EOL}`, {
        encoding: 'utf8'
    });
}
function prepareKeyValueMessage(key, value) {
    const delimiter = `ghadelimiter_${crypto.randomUUID()}`;
    const convertedValue = toCommandValue(value);
    // These should realistically never happen, but just in case someone finds a
    // way to exploit uuid generation let's not allow keys or values that contain
    // the delimiter.
    if (key.includes(delimiter)) {
        throw new Error(`Unexpected input: name should not contain the delimiter "${delimiter}"`);
    }
    if (convertedValue.includes(delimiter)) {
        throw new Error(`Unexpected input: value should not contain the delimiter "${delimiter}"`);
    }
    return `${key}<<${delimiter}${os.EOL}${convertedValue}${os.EOL}${delimiter}`;
}

(undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};

var __awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};
const { access, appendFile, writeFile } = promises;
const SUMMARY_ENV_VAR = 'GITHUB_STEP_SUMMARY';
class Summary {
    constructor() {
        this._buffer = '';
    }
    /**
     * Finds the summary file path from the environment, rejects if env var is not found or file does not exist
     * Also checks r/w permissions.
     *
     * @returns step summary file path
     */
    filePath() {
        return __awaiter(this, void 0, void 0, function* () {
            if (this._filePath) {
                return this._filePath;
            }
            const pathFromEnv = process.env[SUMMARY_ENV_VAR];
            if (!pathFromEnv) {
                throw new Error(`Unable to find environment variable for $${SUMMARY_ENV_VAR}. Check if your runtime environment supports job summaries.`);
            }
            try {
                yield access(pathFromEnv, constants.R_OK | constants.W_OK);
            }
            catch (_a) {
                throw new Error(`Unable to access summary file: '${pathFromEnv}'. Check if the file has correct read/write permissions.`);
            }
            this._filePath = pathFromEnv;
            return this._filePath;
        });
    }
    /**
     * Wraps content in an HTML tag, adding any HTML attributes
     *
     * @param {string} tag HTML tag to wrap
     * @param {string | null} content content within the tag
     * @param {[attribute: string]: string} attrs key-value list of HTML attributes to add
     *
     * @returns {string} content wrapped in HTML element
     */
    wrap(tag, content, attrs = {}) {
        const htmlAttrs = Object.entries(attrs)
            .map(([key, value]) => ` ${key}="${value}"`)
            .join('');
        if (!content) {
            return `<${tag}${htmlAttrs}>`;
        }
        return `<${tag}${htmlAttrs}>${content}</${tag}>`;
    }
    /**
     * Writes text in the buffer to the summary buffer file and empties buffer. Will append by default.
     *
     * @param {SummaryWriteOptions} [options] (optional) options for write operation
     *
     * @returns {Promise<Summary>} summary instance
     */
    write(options) {
        return __awaiter(this, void 0, void 0, function* () {
            const overwrite = !!(options === null || options === void 0 ? void 0 : options.overwrite);
            const filePath = yield this.filePath();
            const writeFunc = overwrite ? writeFile : appendFile;
            yield writeFunc(filePath, this._buffer, { encoding: 'utf8' });
            return this.emptyBuffer();
        });
    }
    /**
     * Clears the summary buffer and wipes the summary file
     *
     * @returns {Summary} summary instance
     */
    clear() {
        return __awaiter(this, void 0, void 0, function* () {
            return this.emptyBuffer().write({ overwrite: true });
        });
    }
    /**
     * Returns the current summary buffer as a string
     *
     * @returns {string} string of summary buffer
     */
    stringify() {
        return this._buffer;
    }
    /**
     * If the summary buffer is empty
     *
     * @returns {boolen} true if the buffer is empty
     */
    isEmptyBuffer() {
        return this._buffer.length === 0;
    }
    /**
     * Resets the summary buffer without writing to summary file
     *
     * @returns {Summary} summary instance
     */
    emptyBuffer() {
        this._buffer = '';
        return this;
    }
    /**
     * Adds raw text to the summary buffer
     *
     * @param {string} text content to add
     * @param {boolean} [addEOL=false] (optional) append an EOL to the raw text (default: false)
     *
     * @returns {Summary} summary instance
     */
    addRaw(text, addEOL = false) {
        this._buffer += text;
        return addEOL ? this.addEOL() : this;
    }
    /**
     * Adds the operating system-specific end-of-line marker to the buffer
     *
     * @returns {Summary} summary instance
     */
    addEOL() {
        return this.addRaw(EOL);
    }
    /**
     * Adds an HTML codeblock to the summary buffer
     *
     * @param {string} code content to render within fenced code block
     * @param {string} lang (optional) language to syntax highlight code
     *
     * @returns {Summary} summary instance
     */
    addCodeBlock(code, lang) {
        const attrs = Object.assign({}, (lang && { lang }));
        const element = this.wrap('pre', this.wrap('code', code), attrs);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML list to the summary buffer
     *
     * @param {string[]} items list of items to render
     * @param {boolean} [ordered=false] (optional) if the rendered list should be ordered or not (default: false)
     *
     * @returns {Summary} summary instance
     */
    addList(items, ordered = false) {
        const tag = ordered ? 'ol' : 'ul';
        const listItems = items.map(item => this.wrap('li', item)).join('');
        const element = this.wrap(tag, listItems);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML table to the summary buffer
     *
     * @param {SummaryTableCell[]} rows table rows
     *
     * @returns {Summary} summary instance
     */
    addTable(rows) {
        const tableBody = rows
            .map(row => {
            const cells = row
                .map(cell => {
                if (typeof cell === 'string') {
                    return this.wrap('td', cell);
                }
                const { header, data, colspan, rowspan } = cell;
                const tag = header ? 'th' : 'td';
                const attrs = Object.assign(Object.assign({}, (colspan && { colspan })), (rowspan && { rowspan }));
                return this.wrap(tag, data, attrs);
            })
                .join('');
            return this.wrap('tr', cells);
        })
            .join('');
        const element = this.wrap('table', tableBody);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds a collapsable HTML details element to the summary buffer
     *
     * @param {string} label text for the closed state
     * @param {string} content collapsable content
     *
     * @returns {Summary} summary instance
     */
    addDetails(label, content) {
        const element = this.wrap('details', this.wrap('summary', label) + content);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML image tag to the summary buffer
     *
     * @param {string} src path to the image you to embed
     * @param {string} alt text description of the image
     * @param {SummaryImageOptions} options (optional) addition image attributes
     *
     * @returns {Summary} summary instance
     */
    addImage(src, alt, options) {
        const { width, height } = options || {};
        const attrs = Object.assign(Object.assign({}, (width && { width })), (height && { height }));
        const element = this.wrap('img', null, Object.assign({ src, alt }, attrs));
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML section heading element
     *
     * @param {string} text heading text
     * @param {number | string} [level=1] (optional) the heading level, default: 1
     *
     * @returns {Summary} summary instance
     */
    addHeading(text, level) {
        const tag = `h${level}`;
        const allowedTag = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].includes(tag)
            ? tag
            : 'h1';
        const element = this.wrap(allowedTag, text);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML thematic break (<hr>) to the summary buffer
     *
     * @returns {Summary} summary instance
     */
    addSeparator() {
        const element = this.wrap('hr', null);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML line break (<br>) to the summary buffer
     *
     * @returns {Summary} summary instance
     */
    addBreak() {
        const element = this.wrap('br', null);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML blockquote to the summary buffer
     *
     * @param {string} text quote text
     * @param {string} cite (optional) citation url
     *
     * @returns {Summary} summary instance
     */
    addQuote(text, cite) {
        const attrs = Object.assign({}, (cite && { cite }));
        const element = this.wrap('blockquote', text, attrs);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML anchor tag to the summary buffer
     *
     * @param {string} text link text/content
     * @param {string} href hyperlink
     *
     * @returns {Summary} summary instance
     */
    addLink(text, href) {
        const element = this.wrap('a', text, { href });
        return this.addRaw(element).addEOL();
    }
}
const _summary = new Summary();
const summary = _summary;

(undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};
os__default.platform();
os__default.arch();

(undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};
/**
 * The code to exit an action
 */
var ExitCode;
(function (ExitCode) {
    /**
     * A code indicating that the action was successful
     */
    ExitCode[ExitCode["Success"] = 0] = "Success";
    /**
     * A code indicating that the action was a failure
     */
    ExitCode[ExitCode["Failure"] = 1] = "Failure";
})(ExitCode || (ExitCode = {}));
/**
 * Registers a secret which will get masked from logs
 *
 * @param secret - Value of the secret to be masked
 * @remarks
 * This function instructs the Actions runner to mask the specified value in any
 * logs produced during the workflow run. Once registered, the secret value will
 * be replaced with asterisks (***) whenever it appears in console output, logs,
 * or error messages.
 *
 * This is useful for protecting sensitive information such as:
 * - API keys
 * - Access tokens
 * - Authentication credentials
 * - URL parameters containing signatures (SAS tokens)
 *
 * Note that masking only affects future logs; any previous appearances of the
 * secret in logs before calling this function will remain unmasked.
 *
 * @example
 * ```typescript
 * // Register an API token as a secret
 * const apiToken = "abc123xyz456";
 * setSecret(apiToken);
 *
 * // Now any logs containing this value will show *** instead
 * console.log(`Using token: ${apiToken}`); // Outputs: "Using token: ***"
 * ```
 */
function setSecret(secret) {
    issueCommand('add-mask', {}, secret);
}
/**
 * Gets the value of an input.
 * Unless trimWhitespace is set to false in InputOptions, the value is also trimmed.
 * Returns an empty string if the value is not defined.
 *
 * @param     name     name of the input to get
 * @param     options  optional. See InputOptions.
 * @returns   string
 */
function getInput(name, options) {
    const val = process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] || '';
    return val.trim();
}
/**
 * Sets the value of an output.
 *
 * @param     name     name of the output to set
 * @param     value    value to store. Non-string values will be converted to a string via JSON.stringify
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function setOutput(name, value) {
    const filePath = process.env['GITHUB_OUTPUT'] || '';
    if (filePath) {
        return issueFileCommand('OUTPUT', prepareKeyValueMessage(name, value));
    }
    process.stdout.write(os.EOL);
    issueCommand('set-output', { name }, toCommandValue(value));
}
//-----------------------------------------------------------------------
// Results
//-----------------------------------------------------------------------
/**
 * Sets the action status to failed.
 * When the action exits it will be with an exit code of 1
 * @param message add error issue message
 */
function setFailed(message) {
    process.exitCode = ExitCode.Failure;
    error(message);
}
//-----------------------------------------------------------------------
// Logging Commands
//-----------------------------------------------------------------------
/**
 * Gets whether Actions Step Debug is on or not
 */
function isDebug() {
    return process.env['RUNNER_DEBUG'] === '1';
}
/**
 * Writes debug message to user log
 * @param message debug message
 */
function debug(message) {
    issueCommand('debug', {}, message);
}
/**
 * Adds an error issue
 * @param message error issue message. Errors will be converted to string via toString()
 * @param properties optional properties to add to the annotation.
 */
function error(message, properties = {}) {
    issueCommand('error', toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
/**
 * Adds a warning issue
 * @param message warning issue message. Errors will be converted to string via toString()
 * @param properties optional properties to add to the annotation.
 */
function warning(message, properties = {}) {
    issueCommand('warning', toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
/**
 * Adds a notice issue
 * @param message notice issue message. Errors will be converted to string via toString()
 * @param properties optional properties to add to the annotation.
 */
function notice(message, properties = {}) {
    issueCommand('notice', toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
/**
 * Writes info to log with console.log.
 * @param message info message
 */
function info(message) {
    process.stdout.write(message + os.EOL);
}
/**
 * Begin an output group.
 *
 * Output until the next `groupEnd` will be foldable in this group
 *
 * @param name The name of the output group
 */
function startGroup(name) {
    issue('group', name);
}
/**
 * End an output group.
 */
function endGroup() {
    issue('endgroup');
}

const PROTOCOL_NAMES = [
    'trackback',
    'webmention',
    'pingback'
];
/**
 * The `protocols` input: names separated by commas, spaces or lines, any
 * case, in the preference order whatever order they are written in; empty
 * means all.
 */
function parseProtocols(raw, problems) {
    const names = raw
        .toLowerCase()
        .split(/[\s,]+/)
        .filter((name) => name !== '');
    if (names.length === 0)
        return [...PROTOCOL_NAMES];
    const unknown = names.filter((name) => !PROTOCOL_NAMES.includes(name));
    if (unknown.length > 0) {
        problems.push(`Invalid input 'protocols': '${raw.trim()}'. Expected one or more of trackback, webmention, pingback (separated by commas).`);
    }
    return PROTOCOL_NAMES.filter((name) => names.includes(name));
}

/**
 * Reads every input once, applies defaults, validates, and returns one typed
 * settings object. The parsing is pure (`parseSettings`) so that it is tested
 * with plain data; `getSettings` only hands it `core.getInput`.
 */
/** Thrown when inputs are invalid; lists every problem, one per line. */
class SettingsError extends Error {
    problems;
    constructor(problems) {
        super(problems.join('\n'));
        this.problems = problems;
        this.name = 'SettingsError';
    }
}
const PULL_REQUEST_EVENTS = new Set(['pull_request', 'pull_request_target']);
/**
 * The inputs as read so far, and every problem found in them: each reader
 * answers a fallback for a bad value and notes the problem, so that a user
 * fixes their workflow in one go.
 */
class Inputs {
    read;
    problems = [];
    constructor(read) {
        this.read = read;
    }
    /** The input as written, untrimmed (lists keep their lines). */
    raw(name) {
        return this.read(name);
    }
    text(name) {
        return this.read(name).trim();
    }
    optional(name) {
        return this.text(name) || undefined;
    }
    invalid(name, value, expected) {
        this.problems.push(`Invalid input '${name}': '${value}'. ${expected}`);
    }
    number(name, fallback, { min, integer }) {
        const raw = this.text(name);
        if (raw === '')
            return fallback;
        const value = Number(raw);
        const shape = integer ? /^\d+$/ : /^\d+(\.\d+)?$/;
        if (!shape.test(raw) || !Number.isFinite(value) || value < min) {
            const what = integer ? 'a whole number' : 'a number';
            this.invalid(name, raw, `Expected ${what} ≥ ${min}.`);
            return fallback;
        }
        return value;
    }
    boolean(name, fallback) {
        const raw = this.text(name);
        if (raw === '')
            return fallback;
        const value = parseBoolean(raw);
        if (value === undefined) {
            this.invalid(name, raw, 'Expected true or false.');
            return fallback;
        }
        return value;
    }
}
/**
 * Parse and validate the inputs. Collects every problem before throwing so
 * that a user fixes their workflow in one go.
 */
function parseSettings(read, eventName) {
    const inputs = new Inputs(read);
    const settings = {
        ...parseDryRun(inputs, eventName),
        ...parseLocations(inputs),
        ...parseLimits(inputs),
        frontMatterKey: inputs.text('front-matter-key') || 'trackback',
        cacheKey: parseCacheKey(inputs),
        ledgerRef: parseLedgerRef(inputs.raw('ledger-ref'), inputs.problems),
        githubToken: inputs.text('github-token'),
        allowPrivateNetworks: inputs.boolean('allow-private-networks', false),
        failOnError: inputs.boolean('fail-on-error', false),
        requireLink: inputs.boolean('require-link', false),
        resend: inputLines(inputs.raw('resend')),
        ignore: parseIgnoreInput(inputs),
        protocols: parseProtocols(inputs.raw('protocols'), inputs.problems)
    };
    if (inputs.problems.length > 0)
        throw new SettingsError(inputs.problems);
    return settings;
}
/** Whether the run sends, and why (a pull request never does). */
function parseDryRun(inputs, eventName) {
    let dryRun;
    let dryRunReason;
    const dryRunRaw = inputs.text('dry-run').toLowerCase() || 'auto';
    if (dryRunRaw === 'auto') {
        dryRun = PULL_REQUEST_EVENTS.has(eventName);
        dryRunReason = 'dry-run is auto';
    }
    else {
        const value = parseBoolean(dryRunRaw);
        if (value === undefined) {
            inputs.invalid('dry-run', inputs.text('dry-run'), 'Expected true, false or auto.');
        }
        dryRun = value ?? true;
        dryRunReason = `dry-run is ${dryRunRaw}`;
    }
    // Promise: nothing is sent from a pull request, whatever the input says.
    if (!dryRun && PULL_REQUEST_EVENTS.has(eventName)) {
        dryRun = true;
        dryRunReason = `pull requests never send; dry-run: ${dryRunRaw} overridden`;
    }
    return { dryRun, dryRunReason };
}
/** Where the site is, where it is built, and where it is published. */
function parseLocations(inputs) {
    const workingDirectory = normaliseDirectory(inputs.text('working-directory'));
    if (workingDirectory === undefined) {
        inputs.invalid('working-directory', inputs.text('working-directory'), 'Expected a path inside the repository.');
    }
    const siteUrl = inputs.optional('site-url');
    if (siteUrl !== undefined && !isHttpUrl(siteUrl)) {
        inputs.invalid('site-url', siteUrl, 'Expected an absolute http(s) URL such as https://example.org/blog.');
    }
    const siteDirRaw = inputs.text('site-dir') || 'auto';
    const siteDir = ['auto', 'none'].includes(siteDirRaw.toLowerCase())
        ? siteDirRaw.toLowerCase()
        : normaliseDirectory(siteDirRaw);
    if (siteDir === undefined || siteDir === '') {
        inputs.invalid('site-dir', siteDirRaw, 'Expected auto, none or a folder inside the site such as _site or public.');
    }
    return {
        workingDirectory: workingDirectory ?? '',
        posts: inputLines(inputs.raw('posts')),
        siteUrl,
        permalink: inputs.optional('permalink'),
        blogName: inputs.optional('blog-name'),
        siteDir: siteDir || 'auto'
    };
}
/** The numbers: how much, how often, how long. */
function parseLimits(inputs) {
    const seconds = (name, fallback, min) => inputs.number(name, fallback, { min, integer: false }) * 1000;
    const count = (name, fallback, min) => inputs.number(name, fallback, { min, integer: true });
    return {
        maxAgeDays: inputs.number('max-age', 30, { min: 0, integer: false }),
        maxPings: count('max-pings', 50, 0),
        timeoutMs: seconds('timeout', 15, 0.001),
        retries: count('retries', 2, 0),
        hostDelayMs: seconds('host-delay', 2, 0),
        concurrency: count('concurrency', 4, 1),
        runTimeoutMs: seconds('run-timeout', 600, 0.001),
        maxAttempts: count('max-attempts', 5, 1),
        waitForLiveMs: seconds('wait-for-live', 120, 0)
    };
}
function parseCacheKey(inputs) {
    const cacheKey = inputs.text('cache-key') || 'trackback-ledger';
    if (!/^[A-Za-z0-9._-]{1,200}$/.test(cacheKey)) {
        inputs.invalid('cache-key', cacheKey, "Expected letters, digits, '.', '_' or '-'.");
    }
    return cacheKey;
}
function parseIgnoreInput(inputs) {
    const ignore = inputLines(inputs.raw('ignore'));
    inputs.problems.push(...parseIgnore(ignore).problems);
    return ignore;
}
/** Read the settings from the action's inputs. */
function getSettings(eventName) {
    return parseSettings((name) => getInput(name), eventName);
}
/**
 * action.yml's default for `ledger-ref`: none, the Actions cache keeps the
 * ledger (no repository writes, no extra permission).
 */
const DEFAULT_LEDGER_REF = '';
/** The ref name the docs and messages suggest for `ledger-ref`. */
const SUGGESTED_LEDGER_REF = 'refs/trackback-action/ledger';
/**
 * The `ledger-ref` input: '' (the cache only) when empty or `none`, else a
 * ref name GitHub accepts for a new ref (`refs/` and at least two slashes),
 * each part a valid git name. The runner fills in action.yml's default when
 * the workflow does not set it.
 */
function parseLedgerRef(raw, problems) {
    const value = raw.trim();
    if (value === '' || value.toLowerCase() === 'none')
        return DEFAULT_LEDGER_REF;
    const parts = value.split('/');
    const valid = parts.length >= 3 &&
        parts[0] === 'refs' &&
        parts.every((part) => part !== '' &&
            !part.startsWith('.') &&
            !part.endsWith('.lock') &&
            !part.endsWith('.')) &&
        // The characters git refuses in ref names (git check-ref-format).
        // eslint-disable-next-line no-control-regex
        !/[\x00-\x20\x7f~^:?*[\\]|\.\.|@\{/.test(value) &&
        !value.startsWith('refs/pull/');
    if (!valid) {
        problems.push(`Invalid input 'ledger-ref': '${value}'. Expected a ref name such as ${SUGGESTED_LEDGER_REF} (refs/ and at least two slashes), or none.`);
        return '';
    }
    return value;
}
/** YAML 1.2 core booleans, as `core.getBooleanInput` accepts them. */
function parseBoolean(raw) {
    const value = raw.trim().toLowerCase();
    if (value === 'true')
        return true;
    if (value === 'false')
        return false;
    return undefined;
}
function isHttpUrl(value) {
    try {
        const url = new URL(value);
        return (url.protocol === 'http:' || url.protocol === 'https:') && !!url.host;
    }
    catch {
        return false;
    }
}
/** `./site/` → `site`; '.' → ''; refuses paths that leave the repository. */
function normaliseDirectory(raw) {
    const parts = [];
    for (const part of raw.replace(/\\/g, '/').split('/')) {
        if (part === '' || part === '.')
            continue;
        if (part === '..')
            return undefined;
        parts.push(part);
    }
    if (raw.startsWith('/'))
        return undefined;
    return parts.join('/');
}

export { ignoredBy as $, getSettings as A, debug as B, ConfigError as C, inputNames as D, setFailed as E, info as F, startGroup as G, endGroup as H, editDistance as I, isPost as J, MAX_FRONT_MATTER_LENGTH as K, LEDGER_FILE as L, MAX_SOURCE_BYTES as M, MAX_FRONT_MATTER_DEPTH as N, shorten as O, DEFAULT_TARGET_LIMIT as P, MAX_TARGET_LENGTH as Q, parseArxiv as R, SettingsError as S, arxivPingUrl as T, USER_AGENT as U, VERSION as V, dueEntries as W, entryFor as X, laterRunRetries as Y, describeRange as Z, parseIgnore as _, errorMessage as a, failureMayHaveArrived as a0, MAX_RESPONSE_BYTES as a1, parseRetryAfter as a2, throttleWaitMs as a3, transientStatus as a4, statusMayHaveStored as a5, PING_BACKOFF as a6, DEFAULT_MAX_RETRY_WAIT_MS as a7, repeatInRun as a8, pool as a9, CLAIM_RECHECK_MS as aa, recordOutcome as ab, plural as ac, arxivId as ad, backoffMs as ae, LIVE_BACKOFF as af, isDebug as ag, setSecret as ah, isDate as b, CLAIMS_FILE as c, mergeLedgers as d, emptyLedger as e, flagNames as f, claimCacheKey as g, ledgerRestorePrefix as h, isRecord as i, ledgerCacheKey as j, CLAIM_FILE as k, ledgerKey as l, mergeEntries as m, newestRuns as n, ownEntry as o, parseSettings as p, arxivIdOfPing as q, setOutput as r, serializeLedger as s, error as t, notice as u, summary as v, warning as w, CACHE_EVICTION_DAYS as x, recordOutcomes as y, pickRange as z };
