import { a as attemptsNotRemembered, l as ledgerWasRead, r as refPredatesRun } from '../index.js';
import { setTimeout } from 'node:timers/promises';
import { p as plain, a as createAgents, d as destroyAgents, n as needsResponseParser, b as loadResponseParser, i as interpretResponse, h as httpExchange, e as pagesToCheck, c as checkPages, f as applyPageChecks } from './page-check.js';
import { $ as failureMayHaveArrived, a as errorMessage, a0 as MAX_RESPONSE_BYTES, a1 as PING_BACKOFF, a2 as DEFAULT_MAX_RETRY_WAIT_MS, a3 as repeatInRun, a4 as pool, y as recordOutcomes, a5 as CLAIM_RECHECK_MS, a6 as recordOutcome, U as USER_AGENT } from './settings.js';
import { A as ADDRESS_FORBIDDEN, u as urlPolicyError } from './address-policy.js';
import 'node:fs';
import 'node:os';
import 'node:path';
import 'node:util';
import 'node:crypto';
import 'node:fs/promises';
import 'os';
import 'crypto';
import 'fs';
import 'path';
import 'node:http';
import 'node:https';
import 'node:net';
import 'node:tls';
import 'node:dns';
import './commonjs-helpers.js';

/**
 * What a failed exchange means for a ping: a message people understand
 * (connection refused, DNS, TLS, timeout) and a `retry` verdict that says
 * whether the request may have reached the receiver, by the retry rule
 * (net/retry.ts's failureMayHaveArrived).
 */
/** Turn a failed exchange into a verdict with a message people understand. */
function describeFailure(exchange, timeoutMs, secure) {
    const wire = exchange.wire;
    const code = errorCode(exchange.error);
    if (code === ADDRESS_FORBIDDEN) {
        return { kind: 'failed', message: reason(exchange.error) };
    }
    const answered = exchange.status !== undefined;
    const tls = tlsMessage(code);
    let message;
    if (exchange.timedOut) {
        const seconds = Math.round(timeoutMs / 100) / 10;
        message = `timed out after ${seconds} s${answered ? ` while reading the answer (HTTP ${exchange.status})` : ''}`;
    }
    else {
        message =
            NETWORK_MESSAGES[code ?? ''] ??
                tls ??
                `network error: ${reason(exchange.error)}`;
    }
    // Whether it may have arrived is the retry rule's (net/retry.ts).
    const ambiguous = failureMayHaveArrived({
        written: wire.written,
        staleSocket: code === 'ECONNRESET' && wire.reusedSocket && !answered,
        // Over https, a handshake that never completed (a TLS error, or a
        // connection or proxy tunnel closed during it) kept the request here.
        failedHandshake: (tls !== undefined || secure) && !wire.secured && !answered
    });
    return {
        kind: 'retry',
        message: ambiguous
            ? `${message} (the receiver may have got the ping)`
            : message,
        ...(ambiguous ? { ambiguous } : {})
    };
}
const NETWORK_MESSAGES = {
    ECONNREFUSED: 'connection refused',
    ECONNRESET: 'connection reset',
    EPIPE: 'connection closed while sending',
    ENOTFOUND: 'host not found (DNS)',
    EAI_AGAIN: 'DNS lookup failed (temporary)',
    EHOSTUNREACH: 'host unreachable',
    ENETUNREACH: 'network unreachable',
    ETIMEDOUT: 'connection timed out',
    ECONNABORTED: 'connection aborted',
    ERR_STREAM_PREMATURE_CLOSE: 'connection closed before the answer ended'
};
function tlsMessage(code) {
    if (!code)
        return undefined;
    return /^(ERR_TLS|ERR_SSL|CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED|EPROTO|HOSTNAME_MISMATCH|ERR_CERT)/.test(code)
        ? `TLS failure (${code})`
        : undefined;
}
function errorCode(error) {
    if (typeof error === 'object' && error !== null && 'code' in error) {
        const code = error.code;
        return typeof code === 'string' ? code : undefined;
    }
    return undefined;
}
/** The underlying reason of an error, fit for a log line. */
function reason(error) {
    return plain(errorMessage(error));
}

/**
 * One TrackBack ping over HTTP: POST the form, follow the redirects that are
 * safe to follow, read a capped answer, and say what it means.
 *
 * Every hop is checked by `urlPolicyError` and connects through agents whose
 * lookup refuses private addresses. The client also records whether the
 * request actually went out, because a ping that may have arrived must not
 * be repeated blindly (failure.ts says what a failed exchange means).
 */
const DEFAULT_MAX_REDIRECTS = 3;
const ACCEPT = 'text/xml, application/xml;q=0.9, */*;q=0.1';
/**
 * Send one TrackBack ping and interpret the answer.
 *
 * Never throws: network trouble becomes `retry` (with `ambiguous` when the
 * request may have arrived), an address the policy forbids becomes `failed`.
 */
async function postPing(request, options) {
    const agents = options.agents ?? createAgents(options.allowPrivateNetworks);
    const body = new URLSearchParams({
        title: request.fields.title,
        url: request.fields.url,
        excerpt: request.fields.excerpt,
        blog_name: request.fields.blog_name,
        charset: 'UTF-8'
    }).toString();
    const hops = {
        current: request.ping,
        visited: new Set(),
        requests: 0,
        requestSent: false
    };
    try {
        for (;;) {
            const attempt = await postHop(hops, body, options, agents);
            if (attempt)
                return attempt;
        }
    }
    finally {
        if (agents !== options.agents)
            destroyAgents(agents);
    }
}
/**
 * POST to the current hop. Returns the attempt's verdict, or undefined
 * after moving `hops` on to a redirect worth following.
 */
async function postHop(hops, body, options, agents) {
    const { current } = hops;
    const refused = urlPolicyError(current, options.allowPrivateNetworks);
    if (refused !== undefined) {
        const what = hops.requests === 0
            ? 'ping URL refused'
            : `redirect to ${showUrl(current)} refused`;
        return {
            kind: 'failed',
            message: `${what}: ${refused}`,
            requestSent: hops.requestSent,
            requests: hops.requests
        };
    }
    hops.visited.add(withoutHash(current));
    hops.requests += 1;
    const exchange = await postOnce(current, body, options, agents);
    if (!exchange.ok)
        return failedHop(hops, exchange, options.timeoutMs);
    hops.requestSent = true;
    const status = exchange.status;
    if (status >= 300 && status < 400) {
        return redirectHop(hops, exchange, options);
    }
    const text = decodeText(exchange.body);
    if (needsResponseParser(text))
        await loadResponseParser();
    const verdict = interpretResponse(status, text, {
        retryAfter: header(exchange, 'retry-after'),
        statusText: exchange.statusText
    });
    const cut = exchange.truncated && verdict.kind !== 'sent'
        ? ` (answer cut at ${options.maxBodyBytes ?? MAX_RESPONSE_BYTES} bytes)`
        : '';
    return {
        ...verdict,
        message: verdict.message + cut,
        httpStatus: status,
        requestSent: hops.requestSent,
        requests: hops.requests
    };
}
/** The attempt after an exchange that failed (network, timeout, refused). */
function failedHop(hops, exchange, timeoutMs) {
    const failure = describeFailure(exchange, timeoutMs, hops.current.startsWith('https:'));
    if (errorCode(exchange.error) === ADDRESS_FORBIDDEN) {
        // Refused at connect time: no request was made to anyone.
        hops.requests -= 1;
        if (hops.requests > 0) {
            failure.message = `redirect to ${showUrl(hops.current)} refused: ${failure.message}`;
        }
    }
    return {
        ...failure,
        requestSent: hops.requestSent || exchange.wire.written,
        requests: hops.requests,
        ...(exchange.status !== undefined ? { httpStatus: exchange.status } : {})
    };
}
/**
 * Follow a redirect answer: undefined after moving `hops` on, or the
 * attempt's verdict when it must not be followed (nextHop), loops or goes
 * past the hop limit.
 */
function redirectHop(hops, exchange, options) {
    const maxRedirects = options.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
    const status = exchange.status;
    const seen = {
        httpStatus: status,
        requestSent: hops.requestSent,
        requests: hops.requests
    };
    const next = nextHop(hops.current, exchange, status);
    if (typeof next !== 'string')
        return { ...next, ...seen };
    if (hops.visited.has(withoutHash(next))) {
        return {
            kind: 'failed',
            message: `redirect loop: HTTP ${status} back to ${showUrl(next)}`,
            ...seen
        };
    }
    if (hops.requests > maxRedirects) {
        return {
            kind: 'failed',
            message: `too many redirects (more than ${maxRedirects}); last to ${showUrl(next)}`,
            ...seen
        };
    }
    hops.current = next;
    return undefined;
}
/** POST once, read at most maxBodyBytes, all within one time limit. */
function postOnce(url, body, options, agents) {
    return httpExchange(new URL(url), {
        method: 'POST',
        headers: {
            'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8',
            'User-Agent': options.userAgent,
            Accept: ACCEPT
        },
        body,
        agents,
        timeoutMs: options.timeoutMs,
        // No Accept-Encoding is sent, so the byte cap is the real cap (no gzip
        // bombs).
        maxBodyBytes: options.maxBodyBytes ?? MAX_RESPONSE_BYTES
    });
}
/**
 * A header of the answer, or null. Node keeps the first of repeated
 * Location and Retry-After headers (fetch joined them with commas, which
 * made a repeated Location unusable).
 */
function header(answer, name) {
    return answer.headers[name] ?? null;
}
/**
 * The next URL for a redirect, or the verdict when it must not be followed.
 * Browsers and fetch turn a POST into a GET on 301/302/303 and would drop
 * the ping, so only 307/308 and a 301/302 to the same ping URL are
 * re-POSTed.
 */
function nextHop(current, exchange, status) {
    const location = header(exchange, 'location');
    if (!location) {
        return {
            kind: 'failed',
            message: `HTTP ${status} redirect without a Location`
        };
    }
    let next;
    try {
        next = withoutHash(new URL(location, current).href);
    }
    catch {
        return {
            kind: 'failed',
            message: `HTTP ${status} redirect to an invalid Location ${quoteUrl(location)}`
        };
    }
    if (status === 307 || status === 308)
        return next;
    if ((status === 301 || status === 302) && isSamePing(current, next)) {
        return next;
    }
    const why = status === 301 || status === 302
        ? 'not the same ping URL, so not followed (update the ping URL if it moved)'
        : 'not followed: a POST must not become a GET';
    return {
        kind: 'failed',
        message: `HTTP ${status} redirect to ${showUrl(next)}: ${why}`
    };
}
/**
 * Whether `next` is `current` with only an http→https upgrade, a `www.`
 * added or removed, or a trailing slash added or removed. A downgrade to
 * http is not followed.
 */
function isSamePing(current, next) {
    let a;
    let b;
    try {
        a = new URL(current);
        b = new URL(next);
    }
    catch {
        return false;
    }
    const schemeOk = a.protocol === b.protocol ||
        (a.protocol === 'http:' && b.protocol === 'https:');
    const bare = (host) => host.replace(/^www\./, '');
    const portOk = a.port === b.port ||
        (a.protocol !== b.protocol && a.port === '' && b.port === '');
    const slashless = (path) => path.replace(/\/+$/, '');
    return (schemeOk &&
        portOk &&
        bare(a.hostname) === bare(b.hostname) &&
        slashless(a.pathname) === slashless(b.pathname) &&
        a.search === b.search);
}
const UTF8 = new TextDecoder('utf-8', { fatal: true });
/** Bodies are UTF-8 when valid, else Latin-1 (Serendipity's ISO-8859-1). */
function decodeText(bytes) {
    try {
        return UTF8.decode(bytes);
    }
    catch {
        return bytes.toString('latin1');
    }
}
function withoutHash(url) {
    const hash = url.indexOf('#');
    return hash === -1 ? url : url.slice(0, hash);
}
/** A URL fit for a log line: capped, no control characters. */
function showUrl(url) {
    return plain(url, 200);
}
function quoteUrl(url) {
    return `'${showUrl(url)}'`;
}

/**
 * Send a run's pings politely: one request at a time per host with a gap
 * between them, several hosts in parallel, copies of a ping sent once, and
 * no request after the run's deadline. Whether a failed try is repeated,
 * and after what wait, is the retry rule's (net/retry.ts); this module
 * queues, paces and reports.
 */
const DEADLINE = 'deadline: run out of time before sending, will retry next run';
const DEADLINE_DURING = 'deadline: the run ran out of time during the request';
/**
 * Send pings and return one outcome per request, in input order.
 *
 * Requests with the same ping URL and post URL are sent once; the copies
 * get the first one's outcome with `requests: 0`.
 */
async function sendPings(requests, options, hooks = {}) {
    const agents = createAgents(options.allowPrivateNetworks, true);
    const run = {
        ...queueRequests(requests),
        requests,
        options,
        hooks,
        now: hooks.now ?? Date.now,
        sleep: hooks.sleep ?? setTimeout,
        post: hooks.post ?? postPing,
        client: {
            timeoutMs: options.timeoutMs,
            userAgent: options.userAgent,
            allowPrivateNetworks: options.allowPrivateNetworks,
            agents
        },
        policy: {
            retries: options.retries,
            maxWaitMs: options.maxRetryWaitMs ?? DEFAULT_MAX_RETRY_WAIT_MS,
            backoff: PING_BACKOFF
        },
        outcomes: new Array(requests.length)
    };
    try {
        const count = Math.max(1, Math.min(options.concurrency, run.hosts.size));
        await Promise.all(Array.from({ length: count }, () => worker(run)));
    }
    finally {
        destroyAgents(agents);
    }
    if (run.hookError)
        throw run.hookError.error;
    return run.outcomes.map((outcome, index) => outcome ?? {
        id: requests[index].id,
        status: 'failed',
        message: 'not sent',
        requests: 0
    });
}
/** One queue per host; a request equal to an earlier one becomes its copy. */
function queueRequests(requests) {
    const hosts = new Map();
    const copies = new Map();
    const firstOf = new Map();
    requests.forEach((request, index) => {
        const same = `${request.ping}\n${request.fields.url}`;
        const first = firstOf.get(same);
        if (first !== undefined) {
            copies.set(first, [...(copies.get(first) ?? []), index]);
            return;
        }
        firstOf.set(same, index);
        const key = hostKey(request.ping, index);
        const host = hosts.get(key) ?? { key, items: [], busy: false, readyAt: 0 };
        hosts.set(key, host);
        host.items.push({ index, request, attempts: 0, requests: 0 });
    });
    return { hosts, copies };
}
/** Pick the free host that can go soonest, until none has work. */
async function worker(run) {
    for (;;) {
        let next;
        for (const host of run.hosts.values()) {
            if (host.busy || host.items.length === 0)
                continue;
            if (!next || host.readyAt < next.readyAt)
                next = host;
        }
        if (!next)
            return;
        next.busy = true;
        try {
            await serve(run, next);
        }
        finally {
            next.busy = false;
        }
    }
}
/** Serve the head of one host's queue: wait, send, decide. */
async function serve(run, host) {
    if (!(await waitForHost(run, host)))
        return;
    const item = host.items[0];
    const attempt = await tryOnce(run, item);
    host.readyAt = run.now() + run.options.hostDelayMs;
    host.waitReason = undefined;
    if (attempt.kind !== 'retry') {
        host.items.shift();
        finish(run, item, {
            id: item.request.id,
            status: attempt.kind,
            message: attempt.message,
            requests: item.requests,
            ...(attempt.httpStatus !== undefined
                ? { httpStatus: attempt.httpStatus }
                : {})
        });
        return;
    }
    const decision = repeatInRun(attempt, item.attempts, run.policy, msLeft(run, run.now()));
    if (decision.repeat) {
        // The whole host waits: a throttled receiver throttles every ping.
        host.readyAt = Math.max(host.readyAt, run.now() + decision.waitMs);
        return;
    }
    host.items.shift();
    if (decision.wait) {
        host.readyAt = Math.max(host.readyAt, run.now() + decision.wait.ms);
        host.waitReason = `${host.key} ${decision.wait.why}`;
    }
    giveUp(run, item, decision.message);
}
/**
 * Wait until the host may be asked again. False when it may not be in this
 * run (the wait it asked for is too long, or the deadline comes first):
 * then the pings it would have served are given up.
 */
async function waitForHost(run, host) {
    const item = host.items[0];
    const wait = host.readyAt - run.now();
    // A host that asked for a wait longer than the run can give is left
    // alone for the rest of the run: its other pings are not sent either.
    const tooLong = wait > run.policy.maxWaitMs;
    if (tooLong || pastDeadline(run, run.now() + Math.max(0, wait))) {
        const why = host.waitReason
            ? `${host.waitReason}; not tried in this run, will retry next run`
            : DEADLINE;
        for (const left of host.items.splice(0)) {
            giveUp(run, left, `${why}${lastTry(left)}`);
        }
        return false;
    }
    if (wait > 0)
        await run.sleep(wait);
    if (pastDeadline(run, run.now())) {
        host.items.shift();
        giveUp(run, item, `${DEADLINE}${lastTry(item)}`);
        return false;
    }
    return true;
}
/** Post the ping once; a throwing post function counts as a failed try. */
async function tryOnce(run, item) {
    let attempt;
    try {
        attempt = await withinDeadline(run.post(item.request, run.client), msLeft(run, run.now()));
    }
    catch (error) {
        const text = errorMessage(error);
        attempt = { kind: 'failed', message: text, requestSent: true };
    }
    item.attempts += 1;
    item.requests += attempt.requests ?? 1;
    item.last = attempt;
    return attempt;
}
/**
 * The attempt, or, when the run's deadline comes first, an ambiguous
 * failure: the request may be on the wire, so it is not repeated in this
 * run, and the run goes on to save what it knows. (Each exchange settles
 * by its own time limit too; this keeps a redirect chain or a slow post
 * function from holding the run past its deadline.)
 */
async function withinDeadline(posting, leftMs) {
    if (!Number.isFinite(leftMs))
        return posting;
    // Settled or not, a post that lost the race must not throw unheard.
    posting.catch(() => undefined);
    const late = new AbortController();
    const timeUp = setTimeout(Math.max(0, leftMs), undefined, {
        signal: late.signal
    }).then(() => ({
        kind: 'retry',
        ambiguous: true,
        message: `${DEADLINE_DURING} (the receiver may have got the ping)`,
        requestSent: true
    }), () => undefined);
    try {
        const first = await Promise.race([posting, timeUp]);
        return first ?? (await posting);
    }
    finally {
        late.abort();
    }
}
function msLeft(run, at) {
    const { deadline } = run.options;
    return deadline === undefined ? Number.POSITIVE_INFINITY : deadline - at;
}
function pastDeadline(run, at) {
    return msLeft(run, at) <= 0;
}
function lastTry(item) {
    return item.last ? ` (last try: ${item.last.message})` : '';
}
/** End a ping as failed for this run. */
function giveUp(run, item, message) {
    finish(run, item, {
        id: item.request.id,
        status: 'failed',
        message,
        requests: item.requests,
        ...(item.last?.httpStatus !== undefined
            ? { httpStatus: item.last.httpStatus }
            : {})
    });
}
/** Record a ping's outcome and its copies', and tell the caller of each. */
function finish(run, item, outcome) {
    const all = [outcome];
    for (const copy of run.copies.get(item.index) ?? []) {
        const request = run.requests[copy];
        const copied = {
            ...outcome,
            id: request.id,
            requests: 0,
            message: `same ping as ${item.request.id}: ${outcome.message}`
        };
        all.push(copied);
        run.outcomes[copy] = copied;
    }
    run.outcomes[item.index] = outcome;
    for (const each of all) {
        try {
            run.hooks.onOutcome?.(each);
        }
        catch (error) {
            // Keep the other workers going; report the caller's error at the end.
            run.hookError ??= { error };
        }
    }
}
/** Requests to one host:port share a queue; bad URLs each get their own. */
function hostKey(ping, index) {
    try {
        const url = new URL(ping);
        const port = url.port ||
            (url.protocol === 'https:' ? '443' : url.protocol === 'http:' ? '80' : '');
        return `${url.hostname.toLowerCase()}:${port}`;
    }
    catch {
        return `invalid#${index}`;
    }
}

/**
 * Re-runs (`GITHUB_RUN_ATTEMPT` > 1): may this attempt send? An earlier
 * attempt of the same run may have sent the same pings, so a re-run sends
 * only when something vouches for those attempts: the ledger holds their
 * outcomes, or the Actions API shows that those it lacks never reached this
 * step (`earlierAttempts`), or the ledger ref's claims predate the run.
 * `rerunRefusal` is the rule claimAndSend applies.
 */
/**
 * Why this attempt may not claim its pings, or undefined when it may. Only
 * a re-run with a cache service is refused (without one, claims decide),
 * and never one whose pings the ledger ref's claims already settled.
 */
function rerunRefusal(facts) {
    if (facts.firstAttempt || facts.claimedInRef || !facts.cacheAvailable) {
        return undefined;
    }
    // A claim alone cannot vouch for an earlier attempt: claims are evicted
    // after 7 days, and a re-run may come later than that.
    if (!facts.ledgerRead)
        return 'unread';
    // The first attempt sent this run's pings, or tried to; with its ledger
    // gone (never saved, or evicted with the claims, or the ledger restarted
    // after an eviction) nothing tells which. (When the Actions API proves
    // that no earlier attempt reached this step, earlierAttemptSaved is true.)
    if (!facts.earlierAttemptSaved)
        return 'unaccounted';
    return undefined;
}
/** The warning of a re-run refused as 'unaccounted'. */
function unaccountedWarning(hint) {
    return `A re-run without a saved ledger cannot tell what the earlier attempt sent, and GitHub's jobs list did not show that it never reached this step: nothing is sent (at most once). Push again or run the workflow to retry.${hint ? ` ${hint}` : ''}`;
}
/**
 * Whether the earlier attempts of this run are accounted for: the ledger
 * holds their outcomes, or the Actions API shows that those it lacks never
 * reached this step (run-attempts.ts). The API is asked only when that
 * decides something: a re-run with pings to send and a ledger that was
 * read (an unread one holds every ping pending anyway).
 */
async function earlierAttempts(input, log) {
    const { runId, runAttempt } = input;
    const missing = attemptsNotRemembered(input.ledger, runId, runAttempt);
    if (missing.length === 0)
        return { accounted: true };
    if (!input.ledgerRead || !input.plan.pings.some((p) => p.request)) {
        return { accounted: false };
    }
    const run = Number(runId);
    if (!input.runJobsApi || !Number.isSafeInteger(run)) {
        log.info(`Re-run attempt ${runAttempt}: the ledger holds no record of attempt(s) ${missing.join(', ')}, and without github-token and a GitHub run id the Actions API cannot say whether they reached this step.`);
        return { accounted: false };
    }
    // Loaded here: only re-runs without a full ledger get this far.
    const { checkEarlierAttempts, stepIdentity } = await import('./run-attempts.js');
    const check = await checkEarlierAttempts(input.runJobsApi(run), {
        attempt: Number(runAttempt),
        missing,
        identity: stepIdentity(input.env),
        sleep: input.sleep
    });
    log.info(`Re-run attempt ${runAttempt}, no ledger record of attempt(s) ${missing.join(', ')}: ${check.reason}${check.notReached ? '; sending as a first attempt would, through claims.' : '.'}`);
    return { accounted: check.notReached, hint: check.hint };
}

/**
 * Claiming and sending: which planned pings this run may send (the claim
 * rule against concurrent runs and re-runs), sending the ones it won, and
 * recording their outcomes in the run's ledger. The world comes in through
 * parameters (the store's claims, a sender, a sleep, a log), so that the
 * simulation test drives exactly this code with fakes.
 */
/**
 * Claim each ping, then send the ones this run won. A ping goes out only
 * when this run created its claim (`<ledger key>#<attempts>`, one per try),
 * or, when the cache cannot answer, for a first try found by this push's own
 * diff (no other push covers those commits). With a ledger ref
 * (`claimMany`), all are claimed there at once and only a won claim sends.
 * Returns whether any request went out.
 */
async function claimAndSend(plan, deps) {
    const toSend = plan.pings.flatMap((planned, index) => planned.request ? [{ index, planned }] : []);
    if (toSend.length === 0) {
        deps.log.info('Nothing to send.');
        return false;
    }
    const runAttempt = deps.runAttempt ?? '1';
    const claiming = {
        deps,
        toSend,
        won: [],
        runAttempt,
        firstAttempt: !(Number(runAttempt) > 1),
        fromPush: deps.range.kind === 'diff' && deps.range.source !== 'ledger',
        cacheAnswers: deps.cacheAvailable
    };
    if (!(await claimAll(claiming)))
        return false;
    const won = claiming.won.sort((a, b) => a.index - b.index);
    deps.log.info(`Sending ${won.length} ping(s).`);
    await sendWon(won, deps);
    return won.length > 0;
}
/**
 * Claim every ping, in the ledger ref at once or through the cache one by
 * one. False when this attempt is a re-run that may send none of them.
 */
async function claimAll(claiming) {
    const { deps } = claiming;
    const names = claiming.toSend.map(({ planned }) => claimName(planned, deps.runId));
    // Claims in the ledger ref are permanent: when it is older than this run,
    // each earlier attempt sent only what it claimed there, so a re-run needs
    // no record of them and may claim straight away.
    const early = deps.claimsPredateRun === true;
    let batch = early ? await deps.claimMany?.(names) : undefined;
    const refusal = rerunRefusal({
        firstAttempt: claiming.firstAttempt,
        claimedInRef: batch !== undefined,
        cacheAvailable: deps.cacheAvailable,
        ledgerRead: deps.ledgerRead,
        earlierAttemptSaved: deps.earlierAttemptSaved
    });
    if (refusal) {
        refuseRerun(claiming, refusal);
        return false;
    }
    if (!early)
        batch = await deps.claimMany?.(names);
    if (batch) {
        // The ledger ref's answer: only a won claim sends (never an unclaimed
        // ping, which later runs trusting the ref could not know of).
        const { results, problem } = batch;
        claiming.toSend.forEach((item, i) => settle(claiming, item, results[i] ?? 'unknown', problem));
    }
    else {
        await pool(claiming.toSend, 4, (item) => claimInCache(claiming, item));
    }
    return true;
}
/** Claim one ping through the cache, asking twice when it cannot answer. */
async function claimInCache(claiming, item) {
    const { deps } = claiming;
    const name = claimName(item.planned, deps.runId);
    let claim = claiming.cacheAnswers
        ? await deps.claim(name)
        : 'unknown';
    if (claim === 'unknown' && claiming.cacheAnswers) {
        // Another run's claim may be still uploading (not visible yet): ask
        // once more after it has had time to finish.
        await deps.sleep(CLAIM_RECHECK_MS);
        claim = await deps.claim(name);
    }
    // Two unanswered claims mean trouble with the cache service: do not
    // spend the run's time asking again for every ping.
    if (claim === 'unknown')
        claiming.cacheAnswers = false;
    // Only a target new in the diff may go unclaimed: a ping the ledger
    // brought back (a retry, a scheduled post now due) is in every
    // overlapping run's plan. Not on a re-run either: attempt 1 of this run
    // may have sent it.
    const unclaimed = item.planned.newInDiff === true &&
        claiming.firstAttempt &&
        claiming.fromPush;
    settle(claiming, item, claim === 'unknown' && unclaimed ? 'won' : claim);
}
/** Act on a claim's answer: send, report taken, or hold for a later run. */
function settle(claiming, item, claim, problem) {
    if (claim === 'won') {
        claiming.won.push(item);
    }
    else if (claim === 'taken') {
        claiming.deps.results[item.index] = {
            ...item.planned.result,
            status: 'skipped',
            message: 'Another run has already claimed this ping (a concurrent or earlier run); not sent again.'
        };
    }
    else {
        holdUnclaimed(claiming, item, problem);
    }
}
/** A ping no claim could be made for: pending, for a later run. */
function holdUnclaimed(claiming, item, problem) {
    const { deps, runAttempt } = claiming;
    const { planned, index } = item;
    const message = problem
        ? `Not sent, held for a later run: ${problem}.`
        : claiming.firstAttempt
            ? 'Could not claim the ping through the cache service; a later run retries it.'
            : `Not sent: this is re-run attempt ${runAttempt} and the cache service cannot tell whether an earlier attempt sent it; a later run retries it once the cache answers.`;
    deps.results[index] = { ...planned.result, status: 'pending', message };
    // Remembered (when the ledger can be saved) so that a later run, not
    // only a re-run of this one, picks it up.
    const pair = planned.pair;
    if (pair) {
        deps.update((l) => recordOutcome(l, pair, 'pending', {
            now: deps.now,
            message,
            maxAttempts: deps.maxAttempts
        }));
    }
}
/** A re-run that may send nothing: say why in every row. */
function refuseRerun(claiming, refusal) {
    const { deps, toSend } = claiming;
    if (refusal === 'unread') {
        for (const item of toSend)
            holdUnclaimed(claiming, item);
        return;
    }
    deps.log.warning(unaccountedWarning(deps.rerunHint));
    for (const { planned, index } of toSend) {
        deps.results[index] = {
            ...planned.result,
            status: 'skipped',
            message: 'Not sent: this is a re-run and no saved ledger says whether the earlier attempt sent it.'
        };
    }
}
/** Send the won pings and record each outcome in the rows and the ledger. */
async function sendWon(won, deps) {
    const byId = new Map(won.map((w) => [w.planned.request?.id ?? '', w]));
    // Outcomes go into the ledger together when sending ends (the ledger is
    // saved only then): one copy of it instead of one per ping.
    const outcomes = [];
    const lines = lineBatch((text) => deps.log.info(text));
    try {
        await deps.send(won.flatMap((w) => (w.planned.request ? [w.planned.request] : [])), (outcome) => {
            const item = byId.get(outcome.id);
            const pair = item?.planned.pair;
            if (!item || !pair)
                return;
            outcomes.push({
                pair,
                outcome: outcome.status,
                details: {
                    now: deps.now,
                    message: outcome.message,
                    maxAttempts: deps.maxAttempts
                }
            });
            deps.results[item.index] = {
                ...item.planned.result,
                status: outcome.status,
                message: outcome.message
            };
            lines.add(`${pair.source} → ${pair.ping}: ${outcome.status} ${outcome.message}`);
        });
    }
    finally {
        lines.flush();
        deps.update((l) => recordOutcomes(l, outcomes));
    }
}
/**
 * The name a ping is claimed under: `<ledger key>#<attempts>`, one per try.
 * A resend is claimed once per workflow run (its re-runs share the claim):
 * the ledger's attempts do not move for a pair already sent.
 */
function claimName(planned, runId = '') {
    return planned.resend
        ? `${planned.request?.id}#resend-${runId}`
        : `${planned.request?.id}#${planned.attempts}`;
}
/**
 * Log lines gathered within one turn of the event loop and written
 * together. Many receivers' answers arrive in the same turn, and a write per
 * line cost a tenth of the sender's CPU; no line waits longer than the turn.
 */
function lineBatch(write) {
    let lines = [];
    let pending;
    const flush = () => {
        clearImmediate(pending);
        pending = undefined;
        if (lines.length === 0)
            return;
        const text = lines.join('\n');
        lines = [];
        write(text);
    };
    return {
        add(line) {
            lines.push(line);
            pending ??= setImmediate(flush);
        },
        flush
    };
}

/**
 * Not before the post is ready: the run's step between planning and
 * sending. It fetches the page of each post about to be pinged
 * (page-check.ts) and holds as pending, for the next run, the pings of a
 * post that is not live yet or, with require-link, does not link to the
 * target; missing links become annotations.
 */
/**
 * The plan with the pings of unready posts held, and the annotations about
 * them. `clock.now` is the planning clock; `clock.deadline` (epoch ms) the
 * end of the run's time budget.
 */
async function holdUnready(plan, settings, clock, log) {
    const options = {
        waitForLiveMs: settings.waitForLiveMs,
        requireLink: settings.requireLink
    };
    const urls = pagesToCheck(plan, options);
    if (urls.length === 0)
        return { plan, annotations: [] };
    return log.group('Checking that the posts are live', async () => {
        // Waiting never eats the run's whole budget: sending needs some too.
        const waitMs = Math.max(0, Math.min(settings.waitForLiveMs, (clock.deadline - Date.now()) / 2));
        log.info(`Fetching ${urls.length} post page(s)${waitMs > 0 ? `, for up to ${Math.round(waitMs / 1000)} s until each answers 200` : ''}.`);
        const checks = await checkPages(urls, {
            timeoutMs: settings.timeoutMs,
            userAgent: USER_AGENT,
            allowPrivateNetworks: settings.allowPrivateNetworks,
            waitMs,
            concurrency: settings.concurrency
        });
        for (const check of checks.values()) {
            log.info(check.live
                ? `${check.url}: live${check.links ? ` (${check.links.length} links)` : ''}`
                : `${check.url}: not live (${check.reason})`);
        }
        return applyPageChecks(plan, checks, { ...options, now: clock.now });
    });
}

/**
 * The sending step of a run, loaded only by runs that send: whether a
 * re-run may send (rerun.ts), the claims (claim-send.ts) and the sender
 * (send/sender.ts) wired together with the run's settings and clock.
 */
/** Claim and send the plan's pings. Returns whether any request went out. */
async function sendPlan(input, log) {
    const { settings, loaded, store } = input;
    const ledgerRead = ledgerWasRead(loaded);
    return log.group('Sending', async () => {
        const earlier = await earlierAttempts({ ...input, ledger: loaded.ledger, ledgerRead }, log);
        return claimAndSend(input.plan, {
            claim: (name) => store.claim(name),
            claimMany: store.claimMany,
            claimsPredateRun: refPredatesRun(loaded.durable, input.payload),
            send: (requests, onOutcome) => sendPings(requests, {
                timeoutMs: settings.timeoutMs,
                retries: settings.retries,
                concurrency: settings.concurrency,
                hostDelayMs: settings.hostDelayMs,
                allowPrivateNetworks: settings.allowPrivateNetworks,
                userAgent: USER_AGENT,
                deadline: input.deadline
            }, { onOutcome }),
            sleep: input.sleep,
            log,
            cacheAvailable: loaded.available,
            ledgerRead,
            earlierAttemptSaved: earlier.accounted,
            rerunHint: earlier.hint,
            range: input.range,
            now: input.now,
            runAttempt: input.runAttempt,
            runId: input.runId,
            maxAttempts: settings.maxAttempts,
            update: (fn) => (input.ledger.current = fn(input.ledger.current)),
            results: input.results
        });
    });
}

export { holdUnready, sendPlan };
