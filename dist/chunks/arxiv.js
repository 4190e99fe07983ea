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
/** Bytes of an article page read to discover its endpoints: the head and then some. */
const DISCOVERY_PAGE_BYTES = 512 * 1024;
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
/** Bytes of a receiver's page or arXiv's Turtle export a landed check reads. */
const LANDED_MAX_BYTES = 2 * 1024 * 1024;

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

export { parseRetryAfter as A, throttleWaitMs as B, CLAIMS_FILE as C, DEFAULT_TARGET_LIMIT as D, transientStatus as E, statusMayHaveStored as F, DISCOVERY_PAGE_BYTES as G, backoffMs as H, LIVE_BACKOFF as I, LEDGER_FILE as L, MAX_SOURCE_BYTES as M, PING_BACKOFF as P, USER_AGENT as U, VERSION as V, ledgerCacheKey as a, CLAIM_FILE as b, claimCacheKey as c, arxivIdOfPing as d, errorMessage as e, LANDED_MAX_BYTES as f, arxivId as g, editDistance as h, isRecord as i, MAX_FRONT_MATTER_LENGTH as j, MAX_FRONT_MATTER_DEPTH as k, ledgerRestorePrefix as l, MAX_TARGET_LENGTH as m, arxivPingUrl as n, laterRunRetries as o, parseArxiv as p, DEFAULT_MAX_RETRY_WAIT_MS as q, repeatInRun as r, shorten as s, pool as t, CLAIM_RECHECK_MS as u, plural as v, CACHE_EVICTION_DAYS as w, afterFailedTry as x, failureMayHaveArrived as y, MAX_RESPONSE_BYTES as z };
