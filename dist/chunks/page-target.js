import { g as plain, a as createAgents, d as destroyAgents, h as httpExchange, n as needsResponseParser, i as loadResponseParser, j as interpretResponse, k as guardedXml, f as fetchPage } from './page-check.js';
import { y as failureMayHaveArrived, e as errorMessage, z as MAX_RESPONSE_BYTES, A as parseRetryAfter, B as throttleWaitMs, E as transientStatus, i as isRecord, F as statusMayHaveStored, G as DISCOVERY_PAGE_BYTES } from './arxiv.js';
import { A as ADDRESS_FORBIDDEN, u as urlPolicyError } from './address-policy.js';

/**
 * How a page wants to be told that a post links to it. Pure: the page's
 * final URL, its HTTP headers and its HTML in, the endpoints it offers out.
 *
 * - TrackBack: the `trackback:ping` of an embedded RDF block (inside an HTML
 *   comment) whose `rdf:Description` names this page by `dc:identifier` or
 *   `rdf:about` (http/https, `www.` and a `#fragment` do not matter), else
 *   the first `<link rel="trackback" href>`.
 * - Webmention (W3C Recommendation, §3.1.2): the first `Link` header with
 *   `rel` webmention, else the first `<link>` or `<a>` with that `rel` in
 *   document order. Relative URLs resolve against the page's final URL; an
 *   empty `href` is the page itself; query strings are kept.
 * - Pingback (Pingback 1.0): the `X-Pingback` header, else the first
 *   `<link rel="pingback" href>`.
 *
 * The HTML is read by parse5 (the parsing algorithm browsers use), so links
 * inside comments, scripts or escaped markup do not count; only the RDF
 * comment is read on purpose, itself parsed by parse5 as a fragment.
 *
 * One protocol per target: `chooseProtocol` takes TrackBack first (the
 * receiver shows the post's title and excerpt), then Webmention (a W3C
 * Recommendation whose receivers verify the link), then Pingback.
 */
/** The notification protocols, in the order they are preferred. */
const PROTOCOLS = [
    'trackback',
    'webmention',
    'pingback'
];
/** Every endpoint the page offers (absolute http(s) URLs). */
async function discoverEndpoints(page) {
    const { parse, parseFragment } = await import('./html-parser.js');
    const document = parse(page.html);
    const found = readDocument(document, page.url);
    const names = [page.url, page.requested ?? page.url];
    let rdfPing;
    for (const comment of found.comments) {
        if (rdfPing !== undefined)
            break;
        if (!comment.includes('rdf:Description'))
            continue;
        const fragment = parseFragment(comment);
        rdfPing = rdfPingFor(fragment, names, page.url);
    }
    const endpoints = {};
    const trackback = rdfPing ?? found.links.trackback;
    if (trackback !== undefined)
        endpoints.trackback = trackback;
    const webmention = linkHeaderEndpoint(page.headers.link, 'webmention', page.url) ??
        found.links.webmention;
    if (webmention !== undefined)
        endpoints.webmention = webmention;
    const pingback = pingbackHeader(page.headers['x-pingback'], page.url) ?? found.links.pingback;
    if (pingback !== undefined)
        endpoints.pingback = pingback;
    return endpoints;
}
/** The protocol to use and its endpoint, or undefined when none is allowed. */
function chooseProtocol(endpoints, allowed = PROTOCOLS) {
    for (const protocol of PROTOCOLS) {
        const endpoint = endpoints[protocol];
        if (endpoint !== undefined && allowed.includes(protocol)) {
            return { protocol, endpoint };
        }
    }
    return undefined;
}
/** Walk the document once, in document order. */
function readDocument(document, pageUrl) {
    const found = { links: {}, comments: [] };
    const visit = (node) => {
        if (node.nodeName === '#comment') {
            if (node.data !== undefined)
                found.comments.push(node.data);
            return;
        }
        if (node.nodeName === 'link' || node.nodeName === 'a') {
            readLinkElement(node, pageUrl, found.links);
        }
        for (const child of node.childNodes ?? [])
            visit(child);
    };
    visit(document);
    return found;
}
/** Record what one `<link>` or `<a>` offers, where nothing came earlier. */
function readLinkElement(node, pageUrl, links) {
    const rels = relTokens(attr(node, 'rel'));
    if (rels.length === 0)
        return;
    const href = attr(node, 'href');
    // An element without href offers nothing; an empty href is the page.
    if (href === undefined)
        return;
    const isLink = node.nodeName === 'link';
    const take = (protocol) => {
        if (links[protocol] !== undefined || !rels.includes(protocol))
            return;
        const url = resolveHttp(href, pageUrl);
        if (url !== undefined)
            links[protocol] = url;
    };
    take('webmention');
    if (isLink) {
        take('trackback');
        take('pingback');
    }
}
/**
 * The `trackback:ping` of the first `rdf:Description` that names one of
 * `names`, as an attribute or as a `<trackback:ping rdf:resource>` child.
 */
function rdfPingFor(fragment, names, pageUrl) {
    const wanted = new Set(names.map(sameness));
    let ping;
    const visit = (node) => {
        if (ping !== undefined)
            return;
        if (node.nodeName === 'rdf:description') {
            const ids = [attr(node, 'dc:identifier'), attr(node, 'rdf:about')];
            if (ids.some((id) => id !== undefined && wanted.has(sameness(id)))) {
                const value = attr(node, 'trackback:ping') ??
                    node.childNodes
                        ?.filter((child) => child.nodeName === 'trackback:ping')
                        .map((child) => attr(child, 'rdf:resource'))
                        .find((value) => value !== undefined);
                if (value !== undefined && value.trim() !== '') {
                    ping = resolveHttp(value, pageUrl);
                    return;
                }
            }
        }
        for (const child of node.childNodes ?? [])
            visit(child);
    };
    visit(fragment);
    return ping;
}
/**
 * A URL reduced to what the RDF must match: no scheme, no `www.`, no
 * `#fragment`, the host in lower case. Unparseable text stays as it is.
 */
function sameness(text) {
    try {
        const url = new URL(text.trim());
        const host = url.host.toLowerCase().replace(/^www\./, '');
        return `${host}${url.pathname}${url.search}`;
    }
    catch {
        return text.trim();
    }
}
/**
 * The first link of a `Link` header (RFC 8288) whose `rel` has `relation`
 * among its space-separated values, resolved against `pageUrl`. Node joins
 * repeated `Link` headers with ", ", which the grammar reads as one list.
 */
function linkHeaderEndpoint(header, relation, pageUrl) {
    if (header === undefined)
        return undefined;
    const text = Array.isArray(header) ? header.join(', ') : header;
    for (const link of parseLinkHeader(text)) {
        if (relTokens(link.params.rel).includes(relation)) {
            const url = resolveHttp(link.target, pageUrl);
            if (url !== undefined)
                return url;
        }
    }
    return undefined;
}
/**
 * Read a `Link` header: `<uri>; name=value; name="quoted, value", <uri>…`.
 * Characters are scanned one by one because commas and semicolons may sit
 * inside quoted values and inside the `<uri>`.
 */
function parseLinkHeader(text) {
    const links = [];
    let i = 0;
    const skipSpace = () => {
        while (i < text.length && /\s/.test(text[i]))
            i++;
    };
    while (i < text.length) {
        const open = text.indexOf('<', i);
        if (open === -1)
            break;
        const close = text.indexOf('>', open + 1);
        if (close === -1)
            break;
        const link = { target: text.slice(open + 1, close), params: {} };
        i = close + 1;
        for (;;) {
            skipSpace();
            if (text[i] !== ';')
                break;
            i++;
            skipSpace();
            let name = '';
            while (i < text.length && !/[=;,\s]/.test(text[i])) {
                name += text[i];
                i++;
            }
            skipSpace();
            let value = '';
            if (text[i] === '=') {
                i++;
                skipSpace();
                value = readParamValue();
            }
            name = name.toLowerCase();
            // RFC 8288 §3: only the first occurrence of a parameter counts.
            if (name !== '' && !(name in link.params))
                link.params[name] = value;
        }
        links.push(link);
        // Past anything unreadable up to the next link.
        while (i < text.length && text[i] !== ',')
            i++;
        i++;
    }
    return links;
    function readParamValue() {
        let value = '';
        if (text[i] === '"') {
            i++;
            while (i < text.length && text[i] !== '"') {
                if (text[i] === '\\' && i + 1 < text.length)
                    i++;
                value += text[i];
                i++;
            }
            i++;
            return value;
        }
        while (i < text.length && !/[;,\s]/.test(text[i])) {
            value += text[i];
            i++;
        }
        return value;
    }
}
/** The `X-Pingback` header's URL (the first, if repeated), resolved. */
function pingbackHeader(header, pageUrl) {
    const value = Array.isArray(header) ? header[0] : header;
    if (value === undefined || value.trim() === '')
        return undefined;
    return resolveHttp(value, pageUrl);
}
/** A `rel` value's tokens: ASCII-whitespace separated, case-insensitive. */
function relTokens(rel) {
    if (rel === undefined)
        return [];
    return rel
        .toLowerCase()
        .split(/[\t\n\f\r ]+/)
        .filter((token) => token !== '');
}
function attr(node, name) {
    return node.attrs?.find((a) => a.name === name)?.value;
}
/** `href` resolved against `base` (empty: the base itself), http(s) only. */
function resolveHttp(href, base) {
    try {
        const url = new URL(href.trim(), base);
        if (url.protocol !== 'http:' && url.protocol !== 'https:')
            return undefined;
        return url.href;
    }
    catch {
        return undefined;
    }
}

/** Whether a 2xx answer is a web page (the URL is an article, not a ping URL). */
function isHtmlPage(status, text, exchange) {
    if (status < 200 || status >= 300)
        return false;
    const type = exchange.headers['content-type'] ?? '';
    if (/^\s*(text\/html|application\/xhtml\+xml)/i.test(type))
        return true;
    return /^\s*(<!doctype html|<html[\s>])/i.test(text);
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
    const body = new URLSearchParams({
        title: request.fields.title,
        url: request.fields.url,
        excerpt: request.fields.excerpt,
        blog_name: request.fields.blog_name,
        charset: 'UTF-8'
    }).toString();
    return postGuarded({
        url: request.ping,
        body,
        contentType: 'application/x-www-form-urlencoded; charset=utf-8',
        accept: ACCEPT,
        what: 'ping URL',
        read: async (status, text, exchange) => {
            if (needsResponseParser(text))
                await loadResponseParser();
            const verdict = interpretResponse(status, text, {
                retryAfter: header(exchange, 'retry-after'),
                statusText: exchange.statusText
            });
            return verdict.kind === 'failed' && isHtmlPage(status, text, exchange)
                ? { ...verdict, htmlPage: true }
                : verdict;
        }
    }, options);
}
/**
 * POST once, following the redirects that are safe to follow for a POST
 * (nextHop), every hop checked by the address policy; the answer read by
 * `post.read`. Never throws. Webmention and Pingback use it too.
 */
async function postGuarded(post, options) {
    const agents = options.agents ?? createAgents(options.allowPrivateNetworks);
    const hops = {
        current: post.url,
        visited: new Set(),
        requests: 0,
        requestSent: false
    };
    try {
        for (;;) {
            const attempt = await postHop(hops, post, options, agents);
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
async function postHop(hops, post, options, agents) {
    const { current } = hops;
    const refused = urlPolicyError(current, options.allowPrivateNetworks);
    if (refused !== undefined) {
        const what = hops.requests === 0
            ? `${post.what} refused`
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
    const exchange = await postOnce(current, post, options, agents);
    if (!exchange.ok)
        return failedHop(hops, exchange, options.timeoutMs);
    hops.requestSent = true;
    const status = exchange.status;
    if (status >= 300 && status < 400) {
        return redirectHop(hops, exchange, options);
    }
    const text = decodeText(exchange.body);
    const verdict = await post.read(status, text, exchange);
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
function postOnce(url, post, options, agents) {
    return httpExchange(new URL(url), {
        method: 'POST',
        headers: {
            'Content-Type': post.contentType,
            'User-Agent': options.userAgent,
            Accept: post.accept
        },
        body: post.body,
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
 * One Pingback (Pingback 1.0): the XML-RPC call `pingback.ping(source,
 * target)` to the server the page names (discover.ts), through the same
 * guarded, capped, timed exchange and redirect rules as TrackBack
 * (trackback.ts's postGuarded). The answer is read by the guarded XML
 * parser TrackBack answers use (trackback-answer.ts: no entities, no DTD).
 *
 * What an answer means is pure (`interpretPingback`):
 * - a `<params>` answer is success (WordPress: "Pingback from … registered");
 * - faults 16, 17, 32, 33, 49 are refusals, said plainly;
 * - 48 "already registered" is `already-sent`;
 * - 50 (the receiver could not reach the post) is transient: tried again;
 * - WordPress's fault 429 "posting comments too quickly" is throttling,
 *   waited for as TrackBack's 429;
 * - fault 0 says nothing: WordPress hides every other reason behind it on
 *   purpose, so the message says what the action cannot know and what it
 *   checked on its own side.
 */
/** Send one Pingback. Never throws. */
function sendPingback(request, options) {
    const source = request.fields.url;
    const target = request.target ?? request.ping;
    return postGuarded({
        url: request.ping,
        body: pingbackCall(source, target),
        contentType: 'text/xml; charset=utf-8',
        accept: 'text/xml, application/xml;q=0.9, */*;q=0.1',
        what: 'Pingback server',
        read: async (status, text, exchange) => {
            await loadResponseParser();
            return interpretPingback(status, text, {
                source,
                target,
                retryAfter: header(exchange, 'retry-after'),
                ...(request.checked ? { checked: request.checked } : {})
            });
        }
    }, options);
}
/** The XML-RPC `pingback.ping` call. */
function pingbackCall(source, target) {
    const param = (value) => `<param><value><string>${escapeXml(value)}</string></value></param>`;
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' +
        '<methodCall><methodName>pingback.ping</methodName><params>' +
        `${param(source)}${param(target)}</params></methodCall>\n`);
}
/** What fault codes mean (Pingback 1.0 §"Error codes", and WordPress's 429). */
const FAULTS = {
    16: {
        kind: 'rejected',
        say: 'the receiver could not fetch the post (fault 16, source not found)'
    },
    17: {
        kind: 'rejected',
        say: 'the receiver found no link to the target in the post (fault 17)'
    },
    32: {
        kind: 'rejected',
        say: 'the receiver does not know the target page (fault 32)'
    },
    33: {
        kind: 'rejected',
        say: 'the target page does not take pingbacks (fault 33)'
    },
    48: {
        kind: 'already-sent',
        say: 'the pingback is already registered (fault 48)'
    },
    49: { kind: 'rejected', say: 'the receiver denied access (fault 49)' },
    50: {
        kind: 'retry',
        say: 'the receiver could not reach the post or an upstream server (fault 50)'
    }
};
/** What a Pingback server's answer means. */
function interpretPingback(status, body, context, now = new Date()) {
    const label = `HTTP ${status}`;
    const asked = parseRetryAfter(context.retryAfter, now);
    const answer = readXmlRpc(body);
    if (answer.shape === 'fault') {
        return faultVerdict(answer.code, answer.message, context, asked);
    }
    if (status === 429) {
        return {
            kind: 'retry',
            message: `throttled by the receiver (${label})`,
            retryAfterMs: throttleWaitMs(asked)
        };
    }
    if (transientStatus(status)) {
        const ambiguous = statusMayHaveStored(status);
        return {
            kind: 'retry',
            message: `${label}${answer.shape === 'other' ? `; ${answer.seen}` : ''}`,
            ...(ambiguous ? { ambiguous } : {}),
            ...(asked !== undefined ? { retryAfterMs: asked } : {})
        };
    }
    if (answer.shape === 'params' && status >= 200 && status < 300) {
        return {
            kind: 'sent',
            message: answer.message || 'registered by the receiver'
        };
    }
    const seen = answer.shape === 'other' ? answer.seen : 'an XML-RPC answer';
    return { kind: 'failed', message: `${label} with ${seen}` };
}
function faultVerdict(code, message, context, asked) {
    const said = message ? `: ${message}` : '';
    if (code === 429 || /too quickly/i.test(message)) {
        return {
            kind: 'retry',
            message: `throttled by the receiver (fault ${code ?? '?'})${said}`,
            retryAfterMs: throttleWaitMs(asked)
        };
    }
    const known = code === undefined ? undefined : FAULTS[code];
    if (known)
        return { kind: known.kind, message: `${known.say}${said}` };
    if (code === 0) {
        const checked = context.checked
            ? ` Checked here: ${context.checked}.`
            : ` Check that ${plain(context.source)} is live, has a <title>, and links to ${plain(context.target)} exactly, inside a paragraph.`;
        return {
            kind: 'rejected',
            message: `refused by the receiver without a reason (fault 0${said ? `, ${message}` : ''}). ` +
                `WordPress gives every refusal this way (pingbacks closed, no link to the target, ` +
                `no title, an unknown target), so which one cannot be known from here.${checked}`
        };
    }
    return {
        kind: 'rejected',
        message: `refused by the receiver (fault ${code ?? 'without a code'})${said}`
    };
}
/** Read an XML-RPC `methodResponse`; needs `loadResponseParser` first. */
function readXmlRpc(body) {
    const text = body.replace(/^\uFEFF/, '').trim();
    if (text === '')
        return { shape: 'other', seen: 'an empty body' };
    if (/<!(DOCTYPE|ENTITY)/i.test(text)) {
        return /<!DOCTYPE\s+html/i.test(text)
            ? { shape: 'other', seen: 'an HTML page' }
            : { shape: 'other', seen: 'an XML document with a DTD (ignored)' };
    }
    const xml = guardedXml();
    let tree;
    try {
        if (xml.validator.validate(text) !== true)
            throw new Error('malformed');
        tree = xml.parser.parse(text);
    }
    catch {
        return { shape: 'other', seen: 'no XML-RPC answer (malformed XML)' };
    }
    const response = isRecord(tree) ? tree.methodResponse : undefined;
    if (!isRecord(response)) {
        return { shape: 'other', seen: 'no XML-RPC <methodResponse>' };
    }
    if (isRecord(response.fault)) {
        const struct = valueOf(response.fault.value);
        const members = isRecord(struct) ? struct.member : undefined;
        const list = Array.isArray(members) ? members : [members];
        let code;
        let message = '';
        for (const member of list) {
            if (!isRecord(member))
                continue;
            const value = valueOf(member.value);
            if (member.name === 'faultCode' && typeof value === 'string') {
                const number = Number(value.trim());
                if (Number.isInteger(number))
                    code = number;
            }
            if (member.name === 'faultString' && typeof value === 'string') {
                message = plain(value);
            }
        }
        return { shape: 'fault', ...(code !== undefined ? { code } : {}), message };
    }
    if (isRecord(response.params)) {
        const param = response.params.param;
        const value = isRecord(param) ? valueOf(param.value) : undefined;
        return {
            shape: 'params',
            message: typeof value === 'string' ? plain(value) : ''
        };
    }
    return { shape: 'other', seen: 'an XML-RPC answer without params or fault' };
}
/** An XML-RPC `<value>`'s content: typed (`<string>`, `<int>`…) or bare text. */
function valueOf(value) {
    if (typeof value === 'string')
        return value;
    if (!isRecord(value))
        return undefined;
    for (const type of ['string', 'int', 'i4', 'struct', 'boolean']) {
        if (type in value) {
            const inner = value[type];
            return inner === undefined || inner === '' ? '' : inner;
        }
    }
    return undefined;
}
function escapeXml(text) {
    return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * One Webmention (W3C Recommendation, 12 January 2017): POST the form
 * `source` (the post) and `target` (the page it links to) to the endpoint
 * the page offers (discover.ts), through the same guarded, capped, timed
 * exchange and redirect rules as TrackBack (trackback.ts's postGuarded).
 *
 * What an answer means is pure (`interpretWebmention`): any 2xx is success
 * (§3.1.4: 201 with a `Location` status page, 202 queued), a 400 is a
 * refusal with the receiver's words, a throttle waits as for TrackBack, and
 * the rest follows the retry rule (net/retry.ts): a 5xx other than 503 may
 * come after the receiver stored the mention, so it is not repeated blindly.
 */
/** Send one Webmention. Never throws. */
function sendWebmention(request, options) {
    const target = request.target ?? request.ping;
    return postGuarded({
        url: request.ping,
        body: new URLSearchParams({
            source: request.fields.url,
            target
        }).toString(),
        contentType: 'application/x-www-form-urlencoded; charset=utf-8',
        accept: 'application/json, text/plain;q=0.9, */*;q=0.1',
        what: 'Webmention endpoint',
        read: (status, text, exchange) => {
            const location = header(exchange, 'location');
            return interpretWebmention(status, text, {
                ...(location ? { location: resolve(location, request.ping) } : {}),
                retryAfter: header(exchange, 'retry-after'),
                contentType: exchange.headers['content-type'] ?? ''
            });
        }
    }, options);
}
/** What a Webmention endpoint's answer means. */
function interpretWebmention(status, body, meta = {}, now = new Date()) {
    const label = `HTTP ${status}`;
    const said = answerText(body, meta.contentType ?? '');
    const saidText = said ? `: ${said}` : '';
    if (status >= 200 && status < 300) {
        const how = status === 202 ? 'queued by the receiver' : 'accepted by the receiver';
        const where = meta.location ? `; status at ${plain(meta.location)}` : '';
        return {
            kind: 'sent',
            message: `${how} (${label})${where}`,
            ...(meta.location ? { statusUrl: meta.location } : {})
        };
    }
    const asked = parseRetryAfter(meta.retryAfter, now);
    if (status === 429) {
        return {
            kind: 'retry',
            message: `throttled by the receiver (${label})${saidText}`,
            retryAfterMs: throttleWaitMs(asked)
        };
    }
    if (transientStatus(status)) {
        const ambiguous = statusMayHaveStored(status);
        return {
            kind: 'retry',
            message: `${label}${saidText}`,
            ...(ambiguous ? { ambiguous } : {}),
            ...(asked !== undefined ? { retryAfterMs: asked } : {})
        };
    }
    if (status === 400) {
        return {
            kind: 'rejected',
            message: `refused by the receiver (${label})${saidText || ' without a reason'}`
        };
    }
    if (status >= 400) {
        return {
            kind: 'rejected',
            message: `the Webmention endpoint answered ${label}${saidText}`
        };
    }
    return { kind: 'failed', message: `${label} is no Webmention answer` };
}
/**
 * The receiver's reason in a few words: the `error_description` or `error`
 * of a JSON answer (webmention.io, the OAuth-style errors many use), else
 * the text; an HTML page is only named, not quoted.
 */
function answerText(body, contentType) {
    const text = body.trim();
    if (text === '')
        return '';
    if (/json/i.test(contentType) || text.startsWith('{')) {
        try {
            const json = JSON.parse(text);
            if (isRecord(json)) {
                const reason = json.error_description ?? json.error ?? json.message;
                if (typeof reason === 'string')
                    return plain(reason);
            }
        }
        catch {
            // Not JSON after all: shown as text below.
        }
    }
    if (/html/i.test(contentType) || /^<(!doctype|html)/i.test(text)) {
        return 'an HTML page';
    }
    return plain(text);
}
function resolve(location, base) {
    try {
        return new URL(location, base).href;
    }
    catch {
        return location;
    }
}

/**
 * The notification protocols behind one interface: each turns a ping
 * request into one guarded exchange (trackback.ts's postGuarded) and its
 * answer into the same `Attempt` verdicts (`sent`, `already-sent`,
 * `rejected`, `failed`, `retry` with `ambiguous` when the receiver may have
 * stored it), so the sender (sender.ts) paces and retries them all alike.
 * Which protocol a target gets is decided once, before sending
 * (discover.ts); a target never gets two.
 */
/** Every protocol's sender. */
const SENDERS = {
    trackback: postPing,
    webmention: sendWebmention,
    pingback: sendPingback
};

/**
 * Targets that are article pages, not ping URLs. Bloggers have the URL of
 * the article they discuss; the page says how it wants to be told
 * (discover.ts).
 *
 * The plan sorts targets (ping-url.ts: arXiv and the explicit TrackBack
 * forms are ping URLs, anything else a page). A **page** gets one guarded,
 * capped GET (the address policy on every hop, redirects, the body cap,
 * the time limit), then the request of the one protocol it offers, chosen
 * in discover.ts's order among the allowed ones. A page offering none gets
 * no POST: the ping ends refused with `nothingFound`, which the run reports
 * as an invalid target (not tried again until the target changes).
 *
 * Each HTTP exchange is an `Exchange` naming the URL it contacts, so the
 * sender paces the GET by the page's host and the POST by the endpoint's
 * (host-queues.ts); `notify` runs them back to back, unpaced.
 *
 * No URL shape is assumed for ping URLs: a "page" that does not answer the
 * GET with a 200 HTML page is a ping URL after all and gets its TrackBack
 * POST. And a TrackBack POST to a ping URL answered by an HTML page was
 * sent to a page: that URL is then read as a page (never a second protocol
 * for a target that took one).
 */
const HTML = /^\s*(text\/html|application\/xhtml\+xml)\s*(;|$)/i;
/** Whether an exchange's result is a next exchange rather than a verdict. */
function isNext(result) {
    return 'next' in result;
}
/**
 * The first exchange of a request, by its target: a protocol already
 * chosen, a ping URL (TrackBack; an HTML answer leads to discovery on that
 * URL) or a page (discovery first). A request without a `kind` (not sorted
 * by the plan) is a TrackBack ping as before.
 */
function firstExchange(request) {
    const { protocol } = request;
    if (protocol !== undefined) {
        return {
            url: request.ping,
            run: (options) => SENDERS[protocol](request, options)
        };
    }
    if (request.kind === 'page')
        return pageExchange(request, '');
    return {
        url: request.ping,
        run: async (options) => {
            const attempt = await postPing(request, options);
            // A request the plan did not sort (kind undefined) stays a TrackBack.
            // Results name protocol and endpoint only for pages: a ping URL is
            // TrackBack to the URL as written.
            if (!attempt.htmlPage || request.kind !== 'ping-url')
                return attempt;
            const note = ' (its TrackBack POST was answered with an HTML page, so it was read as a page)';
            return {
                next: pageExchange(request, note),
                requests: attempt.requests ?? 1
            };
        }
    };
}
/**
 * One guarded, capped GET of a page and what it offers (readPage): the
 * discovery a run makes before sending, and a preview makes alone.
 */
async function discoverPage(url, options) {
    const answer = await fetchPage(url, {
        timeoutMs: options.timeoutMs,
        userAgent: options.userAgent,
        allowPrivateNetworks: options.allowPrivateNetworks,
        maxBytes: DISCOVERY_PAGE_BYTES,
        ...(options.agents ? { agents: options.agents } : {})
    });
    return readPage(url, answer, options.protocols);
}
/** Read the page to discover how it takes notifications. */
function pageExchange(request, note) {
    return {
        url: request.ping,
        run: async (options) => {
            const outcome = await discoverPage(request.ping, options);
            if (outcome === 'not-a-page') {
                // No URL shape is assumed for ping URLs: one that is not an HTML
                // page gets its TrackBack POST, as a ping URL always did.
                const post = {
                    url: request.ping,
                    run: async (again) => noted(await postPing(request, again), note)
                };
                return { next: post, requests: 1 };
            }
            if ('kind' in outcome)
                return noted({ ...outcome, requests: 1 }, note);
            return { next: endpointExchange(request, outcome, note), requests: 1 };
        }
    };
}
/** Send the page the one protocol it offers, to its endpoint. */
function endpointExchange(request, found, note) {
    return {
        url: found.endpoint,
        run: async (options) => {
            const sent = await SENDERS[found.protocol]({
                ...request,
                protocol: found.protocol,
                ping: found.endpoint,
                target: request.ping
            }, options);
            return noted({ ...sent, protocol: found.protocol, endpoint: found.endpoint }, note);
        }
    };
}
function noted(attempt, note) {
    return note ? { ...attempt, message: `${attempt.message}${note}` } : attempt;
}
/**
 * The protocol a fetched page offers; the attempt's verdict when there is
 * none or the page could not be read (a GET stores nothing anywhere, so a
 * failed one is never ambiguous); or `not-a-page` when the URL answered
 * with something other than a 200 HTML page (a ping URL of a shape not
 * recognised answers a GET with an XML error, a redirect or a 405).
 */
async function readPage(url, answer, allowed = PROTOCOLS) {
    const read = 'reading the page to find how it takes notifications';
    if (answer.kind === 'refused') {
        return {
            kind: 'failed',
            message: `${read}: ${answer.message}`,
            requestSent: false
        };
    }
    if (answer.kind === 'error') {
        return {
            kind: 'retry',
            message: `${read}: ${answer.message}`,
            requestSent: true
        };
    }
    if (transientStatus(answer.status)) {
        return {
            kind: 'retry',
            message: `${read}: HTTP ${answer.status}`,
            httpStatus: answer.status,
            requestSent: true
        };
    }
    if (answer.status !== 200 || !HTML.test(answer.contentType)) {
        return 'not-a-page';
    }
    const endpoints = await discoverEndpoints({
        url: answer.url,
        requested: url,
        headers: answer.headers ?? {},
        html: answer.body
    });
    const chosen = chooseProtocol(endpoints, allowed);
    if (chosen)
        return chosen;
    return {
        kind: 'rejected',
        nothingFound: true,
        message: nothingFoundMessage(url, endpoints, allowed),
        httpStatus: 200,
        requestSent: true
    };
}
/** Why nothing is sent to a page, and what the blogger can do. */
function nothingFoundMessage(url, endpoints, allowed) {
    const offered = PROTOCOLS.filter((p) => endpoints[p] !== undefined);
    const looked = 'a TrackBack ping URL (RDF or <link rel="trackback">), a Webmention endpoint ' +
        '(Link header, <link> or <a rel="webmention">) or a Pingback server ' +
        '(X-Pingback header or <link rel="pingback">)';
    const notAllowed = offered.length > 0
        ? ` It offers ${offered.join(', ')}, which the protocols input leaves out (allowed: ${allowed.join(', ')}).`
        : '';
    return (`${plain(url)} offers no way to be notified: looked for ${looked}.${notAllowed} ` +
        'Nothing was sent. If the site gives a TrackBack URL for the article, write that URL as the target instead.');
}

export { PROTOCOLS as P, discoverPage as d, firstExchange as f, isNext as i };
