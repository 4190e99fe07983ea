import { setTimeout } from 'node:timers/promises';
import { c as createAgents, n as needsResponseParser, l as loadResponseParser, i as interpretResponse, d as destroyAgents, p as plain, h as httpExchange } from './trackback-answer.js';
import { u as urlPolicyError, A as ADDRESS_FORBIDDEN } from './address-policy.js';
import 'node:http';
import 'node:https';
import 'node:net';
import 'node:tls';
import 'node:dns';
import './commonjs-helpers.js';

/**
 * One TrackBack ping over HTTP: POST the form, follow the redirects that are
 * safe to follow, read a capped answer, and say what it means.
 *
 * Every hop is checked by `urlPolicyError` and connects through agents whose
 * lookup refuses private addresses. The client also records whether the
 * request actually went out, because a ping that may have arrived must not
 * be repeated blindly.
 */
const DEFAULT_MAX_REDIRECTS = 3;
const DEFAULT_MAX_BODY_BYTES = 64 * 1024;
const ACCEPT = 'text/xml, application/xml;q=0.9, */*;q=0.1';
/**
 * Send one TrackBack ping and interpret the answer.
 *
 * Never throws: network trouble becomes `retry` (with `ambiguous` when the
 * request may have arrived), an address the policy forbids becomes `failed`.
 */
async function postPing(request, options) {
    const maxRedirects = options.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
    const agents = options.agents ?? createAgents(options.allowPrivateNetworks);
    const body = new URLSearchParams({
        title: request.fields.title,
        url: request.fields.url,
        excerpt: request.fields.excerpt,
        blog_name: request.fields.blog_name,
        charset: 'UTF-8'
    }).toString();
    let current = request.ping;
    const visited = new Set();
    let requests = 0;
    let requestSent = false;
    try {
        for (;;) {
            const refused = urlPolicyError(current, options.allowPrivateNetworks);
            if (refused !== undefined) {
                const what = requests === 0
                    ? 'ping URL refused'
                    : `redirect to ${showUrl(current)} refused`;
                return {
                    kind: 'failed',
                    message: `${what}: ${refused}`,
                    requestSent,
                    requests
                };
            }
            visited.add(withoutHash(current));
            requests += 1;
            const exchange = await postOnce(current, body, options, agents);
            if (!exchange.ok) {
                const failure = describeFailure(exchange, options.timeoutMs);
                if (errorCode(exchange.error) === ADDRESS_FORBIDDEN) {
                    // Refused at connect time: no request was made to anyone.
                    requests -= 1;
                    if (requests > 0) {
                        failure.message = `redirect to ${showUrl(current)} refused: ${failure.message}`;
                    }
                }
                return {
                    ...failure,
                    requestSent: requestSent || exchange.wire.written,
                    requests,
                    ...(exchange.status !== undefined
                        ? { httpStatus: exchange.status }
                        : {})
                };
            }
            requestSent = true;
            const status = exchange.status;
            if (status >= 300 && status < 400) {
                const next = nextHop(current, exchange, status);
                if (typeof next !== 'string') {
                    return { ...next, httpStatus: status, requestSent, requests };
                }
                if (visited.has(withoutHash(next))) {
                    return {
                        kind: 'failed',
                        message: `redirect loop: HTTP ${status} back to ${showUrl(next)}`,
                        httpStatus: status,
                        requestSent,
                        requests
                    };
                }
                if (requests > maxRedirects) {
                    return {
                        kind: 'failed',
                        message: `too many redirects (more than ${maxRedirects}); last to ${showUrl(next)}`,
                        httpStatus: status,
                        requestSent,
                        requests
                    };
                }
                current = next;
                continue;
            }
            const text = decodeText(exchange.body);
            if (needsResponseParser(text))
                await loadResponseParser();
            const verdict = interpretResponse(status, text, {
                retryAfter: header(exchange, 'retry-after'),
                statusText: exchange.statusText
            });
            const cut = exchange.truncated && verdict.kind !== 'sent'
                ? ` (answer cut at ${options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES} bytes)`
                : '';
            return {
                ...verdict,
                message: verdict.message + cut,
                httpStatus: status,
                requestSent,
                requests
            };
        }
    }
    finally {
        if (agents !== options.agents)
            destroyAgents(agents);
    }
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
        maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES
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
/** Turn a failed exchange into a verdict with a message people understand. */
function describeFailure(exchange, timeoutMs) {
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
    // A request that never left is safe to repeat. A kept-alive socket the
    // server had already closed is the one reset Node documents as safe to
    // retry; a TLS handshake that failed kept the request in our buffers;
    // anything else after the request went out might have arrived.
    const staleSocket = code === 'ECONNRESET' && wire.reusedSocket && !answered;
    const failedHandshake = tls !== undefined && !wire.secured && !answered;
    const ambiguous = wire.written && !staleSocket && !failedHandshake;
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
    return plain(error instanceof Error ? error.message : String(error));
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
 * between them, several hosts in parallel, retries only where a retry
 * cannot deliver a ping twice.
 *
 * The retry rule: a `retry` verdict is repeated within the run only when the
 * receiver cannot have stored the ping — the request never left (connection
 * refused, DNS, TLS) or the receiver said "not now" (429, 503, 403
 * Throttled, WordPress's flood answer). Verdicts marked `ambiguous` (timeout
 * or reset after the request went out, 500/502/504) end the ping as
 * `failed` for this run; a later run may try again, and the receivers we
 * know (WordPress, arXiv, Movable Type) de-duplicate by URL.
 */
/** First retry waits this long; each further one twice as long. */
const BACKOFF_START_MS = 2000;
/** Backoff never grows beyond this. */
const BACKOFF_MAX_MS = 30_000;
const DEFAULT_MAX_RETRY_WAIT_MS = 120_000;
/**
 * Send pings and return one outcome per request, in input order.
 *
 * Requests with the same ping URL and post URL are sent once; the copies
 * get the first one's outcome with `requests: 0`.
 */
async function sendPings(requests, options, hooks = {}) {
    const now = hooks.now ?? Date.now;
    const sleep = hooks.sleep ?? setTimeout;
    const post = hooks.post ?? postPing;
    const maxRetryWaitMs = options.maxRetryWaitMs ?? DEFAULT_MAX_RETRY_WAIT_MS;
    const outcomes = new Array(requests.length);
    const copies = new Map();
    const hosts = new Map();
    let hookError;
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
    const finish = (item, outcome) => {
        const all = [outcome];
        for (const copy of copies.get(item.index) ?? []) {
            const request = requests[copy];
            all.push({
                ...outcome,
                id: request.id,
                requests: 0,
                message: `same ping as ${item.request.id}: ${outcome.message}`
            });
            outcomes[copy] = all[all.length - 1];
        }
        outcomes[item.index] = outcome;
        for (const each of all) {
            try {
                hooks.onOutcome?.(each);
            }
            catch (error) {
                // Keep the other workers going; report the caller's error at the end.
                hookError ??= { error };
            }
        }
    };
    const giveUp = (item, message) => {
        finish(item, {
            id: item.request.id,
            status: 'failed',
            message,
            requests: item.requests,
            ...(item.last?.httpStatus !== undefined
                ? { httpStatus: item.last.httpStatus }
                : {})
        });
    };
    const pastDeadline = (at) => options.deadline !== undefined && at >= options.deadline;
    const agents = createAgents(options.allowPrivateNetworks, true);
    const client = {
        timeoutMs: options.timeoutMs,
        userAgent: options.userAgent,
        allowPrivateNetworks: options.allowPrivateNetworks,
        agents
    };
    /** Serve the head of one host's queue: wait, send, decide. */
    const serve = async (host) => {
        const item = host.items[0];
        const wait = host.readyAt - now();
        // A host that asked for a wait longer than the run can give is left
        // alone for the rest of the run: its other pings are not sent either.
        const tooLong = wait > maxRetryWaitMs;
        if (tooLong || pastDeadline(now() + Math.max(0, wait))) {
            const why = host.waitReason
                ? `${host.waitReason}; not tried in this run, will retry next run`
                : 'deadline: run out of time before sending, will retry next run';
            for (const left of host.items.splice(0)) {
                const before = left.last ? ` (last try: ${left.last.message})` : '';
                giveUp(left, `${why}${before}`);
            }
            return;
        }
        if (wait > 0)
            await sleep(wait);
        if (pastDeadline(now())) {
            host.items.shift();
            const before = item.last ? ` (last try: ${item.last.message})` : '';
            giveUp(item, `deadline: run out of time before sending, will retry next run${before}`);
            return;
        }
        let attempt;
        try {
            attempt = await post(item.request, client);
        }
        catch (error) {
            const text = error instanceof Error ? error.message : String(error);
            attempt = { kind: 'failed', message: text, requestSent: true };
        }
        item.attempts += 1;
        item.requests += attempt.requests ?? 1;
        item.last = attempt;
        host.readyAt = now() + options.hostDelayMs;
        host.waitReason = undefined;
        if (attempt.kind !== 'retry') {
            host.items.shift();
            finish(item, {
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
        const tries = `${item.attempts} attempt${item.attempts === 1 ? '' : 's'}`;
        if (attempt.ambiguous) {
            host.items.shift();
            giveUp(item, `${attempt.message}; not repeated in this run`);
            return;
        }
        if (item.attempts > options.retries) {
            host.items.shift();
            giveUp(item, `${attempt.message}; gave up after ${tries}`);
            return;
        }
        const backoff = Math.min(BACKOFF_START_MS * 2 ** (item.attempts - 1), BACKOFF_MAX_MS);
        const pause = Math.max(backoff, attempt.retryAfterMs ?? 0);
        const seconds = Math.ceil(pause / 1000);
        // The whole host waits: a throttled receiver throttles every ping.
        host.readyAt = Math.max(host.readyAt, now() + pause);
        if (pause > maxRetryWaitMs || pastDeadline(now() + pause)) {
            host.items.shift();
            const limit = pause > maxRetryWaitMs
                ? `more than the ${Math.ceil(maxRetryWaitMs / 1000)} s a run waits`
                : 'past the run-timeout';
            host.waitReason = `${host.key} asked to wait ${seconds} s (${limit})`;
            giveUp(item, `${attempt.message}; would have to wait ${seconds} s (${limit}), will retry next run`);
        }
    };
    /** Pick the free host that can go soonest, until none has work. */
    const worker = async () => {
        for (;;) {
            let next;
            for (const host of hosts.values()) {
                if (host.busy || host.items.length === 0)
                    continue;
                if (!next || host.readyAt < next.readyAt)
                    next = host;
            }
            if (!next)
                return;
            next.busy = true;
            try {
                await serve(next);
            }
            finally {
                next.busy = false;
            }
        }
    };
    try {
        const count = Math.max(1, Math.min(options.concurrency, hosts.size));
        await Promise.all(Array.from({ length: count }, () => worker()));
    }
    finally {
        destroyAgents(agents);
    }
    if (hookError)
        throw hookError.error;
    return outcomes.map((outcome, index) => outcome ?? {
        id: requests[index].id,
        status: 'failed',
        message: 'not sent',
        requests: 0
    });
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

export { BACKOFF_MAX_MS, BACKOFF_START_MS, sendPings };
