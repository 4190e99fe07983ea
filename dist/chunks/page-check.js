import { setTimeout as setTimeout$1 } from 'node:timers/promises';
import { g as guardedLookup, u as urlPolicyError, A as ADDRESS_FORBIDDEN } from './address-policy.js';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import tls from 'node:tls';
import { d as arxivIdOfPing, g as arxivId, i as isRecord, A as parseRetryAfter, E as transientStatus, B as throttleWaitMs, F as statusMayHaveStored, t as pool, H as backoffMs, e as errorMessage, I as LIVE_BACKOFF } from './arxiv.js';

/**
 * Does a post link to what it pings? arXiv asks that a post pinging a paper
 * link to the paper's abstract page, and a ping from a page that never
 * mentions the receiver looks like spam anywhere. Pure: HTML text in, links
 * and verdicts out. The HTML is read by parse5 (the WHATWG parsing
 * algorithm browsers use), so comments, scripts and broken markup hide or
 * show links exactly as a browser would.
 */
/** Hosts whose `/abs/<id>` pages are a paper's abstract page. */
const ARXIV_ABS_HOSTS = new Set(['arxiv.org', 'www.arxiv.org']);
/** Elements whose `href` is a link a reader can follow. */
const LINK_ELEMENTS = new Set(['a', 'area']);
/**
 * The absolute http(s) URLs the page links to (`<a href>`, `<area href>`),
 * resolved against the first `<base href>` and the page's URL, without
 * their `#fragment`, in document order, each once.
 */
async function pageLinks(html, pageUrl) {
    // Loaded on first use: only page checks need it, start-up does not.
    const { parse } = await import('./html-parser.js');
    const document = parse(html);
    const hrefs = [];
    let base;
    const visit = (node) => {
        const href = node.attrs?.find((a) => a.name === 'href')?.value;
        if (href !== undefined) {
            if (node.nodeName === 'base')
                base ??= href;
            else if (LINK_ELEMENTS.has(node.nodeName))
                hrefs.push(href);
        }
        for (const child of node.childNodes ?? [])
            visit(child);
    };
    visit(document);
    const baseUrl = resolve(base, pageUrl) ?? pageUrl;
    const links = new Set();
    for (const href of hrefs) {
        const url = resolve(href, baseUrl);
        if (url === undefined)
            continue;
        const parsed = new URL(url);
        if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
            continue;
        parsed.hash = '';
        links.add(parsed.href);
    }
    return [...links];
}
function resolve(href, base) {
    if (href === undefined)
        return undefined;
    try {
        return new URL(href.trim(), base).href;
    }
    catch {
        return undefined;
    }
}
/**
 * The link a post pinging `ping` should carry: for arXiv, the paper's
 * abstract page `arxiv.org/abs/<id>` (any version, http or https, with or
 * without `www.`); for any other receiver, a page on the ping URL's host
 * (the post pinged, or its site; `www.` and the scheme do not matter).
 */
function linkRule(ping) {
    const id = arxivIdOfPing(ping);
    if (id !== undefined) {
        return {
            expected: `arxiv.org/abs/${id}`,
            matches: (link) => {
                const url = parseUrl(link);
                return (url !== undefined &&
                    ARXIV_ABS_HOSTS.has(url.hostname) &&
                    /^\/abs\//i.test(url.pathname) &&
                    arxivId(url.href) === id);
            }
        };
    }
    const target = parseUrl(ping);
    const host = target ? siteOf(target) : ping;
    return {
        expected: host,
        matches: (link) => {
            const url = parseUrl(link);
            return url !== undefined && target !== undefined && siteOf(url) === host;
        }
    };
}
/** host[:port] without `www.`, the port only when it is not the default. */
function siteOf(url) {
    const host = url.hostname.toLowerCase().replace(/^www\./, '');
    return url.port === '' ? host : `${host}:${url.port}`;
}
function parseUrl(text) {
    try {
        return new URL(text);
    }
    catch {
        return undefined;
    }
}

/**
 * Pings (and post-page fetches) through an HTTP proxy, for self-hosted
 * runners that reach the internet only that way: `HTTPS_PROXY` for https
 * URLs, `HTTP_PROXY` for http URLs (lower-case names first, as
 * @actions/http-client reads them), `NO_PROXY` for hosts to reach directly.
 *
 * The address policy still holds with a proxy: before anything is sent to
 * the proxy, the *target* host is resolved here and every address checked
 * (the proxy itself is the runner's own configuration and is not checked).
 *
 * - https targets go through a CONNECT tunnel to the checked IP address
 *   (`CONNECT 93.184.216.34:443`), with TLS to the host name inside it. The
 *   proxy never resolves the name, so DNS cannot answer the proxy with an
 *   internal address after answering us with a public one (rebinding).
 *   A proxy that allows CONNECT by host name only refuses these.
 * - http targets are forwarded (`POST http://host/path`): the proxy
 *   resolves the name again, so a rebinding answer could still send a plain
 *   http ping somewhere else than the address checked here. Pinning the
 *   address is not possible there (the proxy would send the address as the
 *   Host), so use https ping URLs or a proxy that refuses private
 *   destinations where that matters.
 *
 * NO_PROXY: comma- or space-separated host names (each also covers its
 * subdomains; a leading `.` or `*.` is allowed), optionally with `:port`,
 * IP addresses, or `*` for every host. CIDR ranges are not read.
 */
/** `code` of a proxy that refused or broke a tunnel. */
const PROXY_FAILED = 'ERR_TRACKBACK_PROXY';
function proxyUrl(value) {
    const text = value?.trim();
    if (!text)
        return undefined;
    try {
        const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`);
        return url.protocol === 'http:' || url.protocol === 'https:'
            ? url
            : undefined;
    }
    catch {
        return undefined;
    }
}
/** Read the proxy variables (lower-case names win, as curl and the toolkit do). */
function proxyFromEnv(env) {
    return {
        http: proxyUrl(env.http_proxy ?? env.HTTP_PROXY),
        https: proxyUrl(env.https_proxy ?? env.HTTPS_PROXY),
        noProxy: (env.no_proxy ?? env.NO_PROXY ?? '')
            .split(/[\s,]+/)
            .map((entry) => entry.trim().toLowerCase())
            .filter(Boolean)
    };
}
/** The proxy for a request to `host:port` over `protocol`, or undefined (direct). */
function proxyFor(settings, protocol, host, port) {
    const proxy = protocol === 'https:' ? settings.https : settings.http;
    if (!proxy)
        return undefined;
    const name = host
        .replace(/^\[|\]$/g, '')
        .replace(/\.$/, '')
        .toLowerCase();
    for (const entry of settings.noProxy) {
        if (entry === '*')
            return undefined;
        const colon = entry.lastIndexOf(':');
        const hasPort = colon > 0 &&
            /^\d+$/.test(entry.slice(colon + 1)) &&
            entry.indexOf(':') === colon;
        const pattern = (hasPort ? entry.slice(0, colon) : entry)
            .replace(/^\[|\]$/g, '')
            .replace(/^\*?\./, '');
        if (hasPort && Number(entry.slice(colon + 1)) !== port)
            continue;
        if (name === pattern || name.endsWith(`.${pattern}`))
            return undefined;
    }
    return proxy;
}
function authorization(proxy) {
    if (!proxy.username && !proxy.password)
        return undefined;
    const user = decodeURIComponent(proxy.username);
    const password = decodeURIComponent(proxy.password);
    return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}
function proxyError(message) {
    return Object.assign(new Error(message), { code: PROXY_FAILED });
}
/** Resolve and check the target host; IP literals are checked by the URL policy. */
function checkedAddress(lookup, host, callback) {
    const bare = host.replace(/^\[|\]$/g, '');
    if (net.isIP(bare)) {
        callback(null, bare);
        return;
    }
    lookup(bare, { all: false }, (error, address) => {
        if (error)
            callback(error);
        else
            callback(null, String(address));
    });
}
/** Connect to the proxy itself. */
function connectProxy(proxy) {
    const port = Number(proxy.port) || (proxy.protocol === 'https:' ? 443 : 80);
    const host = proxy.hostname.replace(/^\[|\]$/g, '');
    return proxy.protocol === 'https:'
        ? tls.connect({ host, port, servername: net.isIP(host) ? undefined : host })
        : net.connect({ host, port });
}
/**
 * Open a CONNECT tunnel to `authority` (`ip:port`); the socket once the
 * proxy said 200. It always settles, within `timeoutMs` at the latest: a
 * proxy that never answers, closes the connection before answering, or
 * drips its answer is a failure with the tunnel's socket destroyed.
 */
function openTunnel(proxy, authority, timeoutMs, callback) {
    const socket = connectProxy(proxy);
    const auth = authorization(proxy);
    let head = Buffer.alloc(0);
    let settled = false;
    const timer = setTimeout(() => fail(proxyError(`the proxy did not answer CONNECT ${authority} within ${timeoutMs / 1000} s`)), timeoutMs);
    timer.unref();
    const closed = () => fail(proxyError(`the proxy closed the connection before answering CONNECT ${authority}`));
    const finish = () => {
        settled = true;
        clearTimeout(timer);
        socket.off('data', onData);
        socket.off('error', fail);
        socket.off('end', closed);
        socket.off('close', closed);
    };
    function fail(error) {
        if (settled)
            return;
        finish();
        socket.destroy();
        callback(error);
    }
    function onData(chunk) {
        head = Buffer.concat([head, chunk]);
        const end = head.indexOf('\r\n\r\n');
        if (end === -1) {
            if (head.length > 16 * 1024)
                fail(proxyError('the proxy sent an endless answer to CONNECT'));
            return;
        }
        const status = /^HTTP\/1\.[01] (\d{3})/.exec(head.subarray(0, end).toString('latin1'))?.[1];
        if (status !== '200') {
            fail(proxyError(`the proxy refused CONNECT ${authority} (${status ? `HTTP ${status}` : 'no HTTP answer'})`));
            return;
        }
        finish();
        const rest = head.subarray(end + 4);
        if (rest.length > 0)
            socket.unshift(rest);
        callback(null, socket);
    }
    socket.on('data', onData);
    socket.once('error', fail);
    socket.once('end', closed);
    socket.once('close', closed);
    socket.write(`CONNECT ${authority} HTTP/1.1\r\nHost: ${authority}\r\n` +
        (auth ? `Proxy-Authorization: ${auth}\r\n` : '') +
        '\r\n');
}
/** A tunnel's time limit when the request names none (Node passes `timeout`). */
const DEFAULT_TUNNEL_TIMEOUT_MS = 30_000;
/** The agent's connection callback, called with an error alone too. */
function reporter(onCreate) {
    return (error, socket) => onCreate?.(error, socket);
}
/** http: forward through the proxy (absolute-form request line) after the check. */
class ProxyHttpAgent extends http.Agent {
    proxies;
    check;
    constructor(proxies, check, options) {
        super(options);
        this.proxies = proxies;
        this.check = check;
    }
    route(options) {
        return proxyFor(this.proxies, 'http:', options.host ?? '', Number(options.port) || 80);
    }
    /** Node's (undocumented) hook every request passes through: http-proxy-agent's place too. */
    addRequest(request, options) {
        const proxy = this.route(options);
        if (proxy) {
            const host = options.host ?? '';
            const port = Number(options.port) || 80;
            const authority = `${host.includes(':') ? `[${host}]` : host}${port === 80 ? '' : `:${port}`}`;
            request.path = `http://${authority}${request.path}`;
            const auth = authorization(proxy);
            if (auth)
                request.setHeader('Proxy-Authorization', auth);
        }
        const base = http.Agent.prototype;
        base.addRequest.call(this, request, options);
    }
    createConnection(options, onCreate) {
        const callback = reporter(onCreate);
        const proxy = this.route(options);
        if (!proxy)
            return super.createConnection(options) ?? undefined;
        checkedAddress(this.check, options.host ?? '', (error) => {
            if (error)
                callback(error);
            else
                callback(null, connectProxy(proxy));
        });
        return undefined;
    }
}
/** https: a CONNECT tunnel to the checked address, TLS to the host name inside. */
class ProxyHttpsAgent extends https.Agent {
    proxies;
    check;
    constructor(proxies, check, options) {
        super(options);
        this.proxies = proxies;
        this.check = check;
    }
    createConnection(options, onCreate) {
        const callback = reporter(onCreate);
        const host = options.host ?? '';
        const port = Number(options.port) || 443;
        const proxy = proxyFor(this.proxies, 'https:', host, port);
        if (!proxy)
            return super.createConnection(options) ?? undefined;
        checkedAddress(this.check, host, (error, address) => {
            if (error || !address) {
                callback(error ?? proxyError(`no address for ${host}`));
                return;
            }
            const authority = `${net.isIPv6(address) ? `[${address}]` : address}:${port}`;
            const timeoutMs = options.timeout || DEFAULT_TUNNEL_TIMEOUT_MS;
            openTunnel(proxy, authority, timeoutMs, (tunnelError, socket) => {
                if (tunnelError || !socket) {
                    callback(tunnelError ?? proxyError('no tunnel'));
                    return;
                }
                // TLS to the name the URL gave: SNI for a host name, and the
                // certificate checked against it, or against the IP address of an
                // IP-literal URL (Node would check 'localhost' without a host).
                const bare = host.replace(/^\[|\]$/g, '');
                const servername = options.servername ?? (net.isIP(bare) ? undefined : bare);
                callback(null, tls.connect({
                    ...options,
                    socket,
                    servername,
                    host: bare,
                    port: undefined
                }));
            });
        });
        return undefined;
    }
}

/**
 * One HTTP exchange over `node:http`/`node:https`: the request, its answer
 * read up to a byte cap, all within one time limit, and what went out on
 * the wire. Pings (trackback-client.ts) and page checks (live.ts) both go
 * through it, over agents whose lookup refuses private addresses.
 *
 * A plain `http.request` rather than a fetch implementation: a run sends
 * up to a thousand small requests while 50 receivers answer at once, and
 * node-fetch spent about 1 ms of CPU per ping on Request/Headers objects,
 * an AbortSignal and stream pipelines, enough to keep the sender from the
 * receivers' pace. Here the ClientRequest is ours, so the wire facts come
 * from its own events.
 */
/**
 * Make the agents requests connect through: every new connection resolves
 * the host with `guardedLookup`, so the address actually used is the one
 * checked.
 */
function createAgents(allowPrivateNetworks, keepAlive = false, proxies = proxyFromEnv(process.env)) {
    const lookup = guardedLookup(allowPrivateNetworks);
    const options = { keepAlive, lookup, maxSockets: 4 };
    // With a proxy (proxy.ts) the same lookup checks the target's addresses
    // before the proxy is asked to connect.
    if (proxies.http || proxies.https) {
        return {
            http: new ProxyHttpAgent(proxies, lookup, options),
            https: new ProxyHttpsAgent(proxies, lookup, options)
        };
    }
    return { http: new http.Agent(options), https: new https.Agent(options) };
}
/** Close the agents' sockets so nothing keeps the process alive. */
function destroyAgents(agents) {
    agents.http.destroy();
    agents.https.destroy();
}
/**
 * Make one request and read its answer. Never throws: a failure is an
 * `Exchange` with `ok: false`, carrying the socket's error and its `code`.
 */
function httpExchange(url, request) {
    return new Promise((resolve) => {
        const wire = { written: false, reusedSocket: false, secured: false };
        let status;
        let timedOut = false;
        let req;
        // The limit settles the exchange itself: destroying a request that has
        // no socket yet (a proxy still silent on CONNECT) emits nothing.
        const timer = setTimeout(() => {
            timedOut = true;
            const error = new Error('timed out');
            req?.destroy(error);
            fail(error);
        }, request.timeoutMs);
        let settled = false;
        const settle = (result) => {
            if (settled)
                return;
            settled = true;
            clearTimeout(timer);
            resolve(result);
        };
        const fail = (error) => settle({
            ok: false,
            error,
            timedOut,
            wire,
            ...(status !== undefined ? { status } : {})
        });
        try {
            req = start(url, request);
        }
        catch (error) {
            // Node refuses some requests before any I/O (a header it cannot send).
            fail(error);
            return;
        }
        watchWire(req, wire);
        req.on('error', fail);
        req.once('response', (res) => {
            status = res.statusCode ?? 0;
            if (request.wantBody && !request.wantBody(status, res.headers)) {
                res.destroy();
                settle(answer(res, Buffer.alloc(0), false, wire));
                return;
            }
            readCapped(res, request.maxBodyBytes, (error, body, truncated) => {
                if (error)
                    fail(error);
                else
                    settle(answer(res, body, truncated, wire));
            });
        });
        req.end(request.body);
    });
}
/** The ClientRequest, on the agent for the URL's protocol. */
function start(url, request) {
    const secure = url.protocol === 'https:';
    const headers = request.body === undefined
        ? request.headers
        : {
            ...request.headers,
            // A length rather than chunked encoding, as node-fetch sent: some
            // servers answer a chunked POST with 411 Length Required.
            'Content-Length': String(Buffer.byteLength(request.body))
        };
    return (secure ? https : http).request(url, {
        method: request.method,
        headers,
        // Reaches the agent's createConnection: a proxy tunnel's time limit.
        timeout: request.timeoutMs,
        agent: secure ? request.agents.https : request.agents.http
    });
}
/** Record on `wire` when the request reaches a socket and is written out. */
function watchWire(req, wire) {
    req.once('socket', (socket) => {
        wire.reusedSocket = req.reusedSocket;
        if (req.reusedSocket)
            wire.secured = true;
        else
            socket.once('secureConnect', () => (wire.secured = true));
    });
    req.once('finish', () => {
        wire.written = true;
    });
}
function answer(res, body, truncated, wire) {
    return {
        ok: true,
        status: res.statusCode ?? 0,
        statusText: res.statusMessage ?? '',
        headers: res.headers,
        body,
        truncated,
        wire
    };
}
/**
 * Read at most `maxBytes` of an answer's body. Leaving early destroys the
 * answer and its socket, so a 10 MB answer is never read, let alone
 * buffered. An answer that ends before its length is an error.
 */
function readCapped(res, maxBytes, done) {
    const chunks = [];
    let size = 0;
    let finished = false;
    const finish = (error, truncated = false) => {
        if (finished)
            return;
        finished = true;
        done(error, Buffer.concat(chunks), truncated);
    };
    res.on('data', (chunk) => {
        if (finished)
            return;
        if (size + chunk.length > maxBytes) {
            chunks.push(chunk.subarray(0, maxBytes - size));
            finish(undefined, true);
            res.destroy();
            return;
        }
        chunks.push(chunk);
        size += chunk.length;
    });
    res.once('end', () => finish(undefined));
    res.once('error', (error) => finish(error));
    res.once('close', () => {
        // Closed without 'end' and without an error of its own (the request's
        // error, if any, settles the exchange first).
        if (!res.complete)
            finish(prematureClose());
    });
}
function prematureClose() {
    return Object.assign(new Error('Premature close'), {
        code: 'ERR_STREAM_PREMATURE_CLOSE'
    });
}

/** A TrackBack answer is a few hundred bytes; anything past this is noise. */
const MAX_RESPONSE_CHARS = 64 * 1024;
/** Longest receiver message we pass on. */
const MAX_MESSAGE_CHARS = 200;
/**
 * The answer nearly every accepting receiver sends (WordPress, arXiv,
 * Movable Type): an optional plain XML declaration, then
 * `<response><error>0</error></response>` with XML whitespace between the
 * tags. The parser would find exactly `error: '0'` in it; recognising it
 * first saves a parse and a validation per ping (a fifth of the sender's
 * CPU in a 1,000-ping run). Anything else, however close, is parsed.
 */
const PLAIN_SUCCESS = /^(?:<\?xml version=(["'])1\.[01]\1(?: encoding=(["'])[A-Za-z][\w.-]*\2)?(?: standalone=(["'])(?:yes|no)\3)? ?\?>[ \t\r\n]*)?<response>[ \t\r\n]*<error>[ \t\r\n]*0[ \t\r\n]*<\/error>[ \t\r\n]*<\/response>$/;
const ALREADY_PINGED = /already a ping from that URL/i;
const TOO_QUICKLY = /too quickly|throttl/i;
/** fast-xml-parser, loaded on first use so that start-up does not parse it. */
let xml;
/**
 * Load the XML parser `interpretResponse` reads answers with. Call (and
 * await) it once before `interpretResponse`; later calls return at once.
 */
async function loadResponseParser() {
    if (xml)
        return;
    const { XMLParser, XMLValidator } = await import('./xml-parser.js');
    xml ??= {
        parser: new XMLParser({
            // Entity expansion is where the parser's advisories live; the five XML
            // entities are decoded by hand below, only in text we keep.
            processEntities: false,
            htmlEntities: false,
            parseTagValue: false,
            ignoreAttributes: true,
            ignoreDeclaration: true,
            ignorePiTags: true,
            trimValues: true,
            // WordPress and b2evolution do not escape markup inside <message>.
            stopNodes: ['response.message', 'error.message']
        }),
        validator: XMLValidator
    };
}
/**
 * Whether `interpretResponse` needs the XML parser for this body. The plain
 * success answer does not, so a run whose receivers all accept never loads
 * it: loading it when the first answers arrive delayed every host's next
 * ping.
 */
function needsResponseParser(body) {
    return !PLAIN_SUCCESS.test(fromDeclaration(bare(body)));
}
/**
 * The guarded XML parser and validator (no entities, no DTDs expanded),
 * for other answers read as XML (Pingback's XML-RPC). After
 * `loadResponseParser`.
 */
function guardedXml() {
    return loaded();
}
function loaded() {
    if (!xml)
        throw new Error('loadResponseParser() was not awaited');
    return xml;
}
/**
 * Decide what a receiver's answer means.
 *
 * @param httpStatus the HTTP status code
 * @param body the body as text (Content-Type and the XML declaration's
 *   encoding are ignored on purpose: receivers get them wrong)
 * @param headers `Retry-After` and the reason phrase, when known
 * @param now the clock for HTTP-date `Retry-After` values
 */
function interpretResponse(httpStatus, body, headers = {}, now = new Date()) {
    const parsed = parseBody(body);
    const said = parsed.shape === 'other' ? undefined : parsed.message;
    if (parsed.shape === 'response' && parsed.error !== undefined) {
        if (parsed.error === '0') {
            return { kind: 'sent', message: said ?? 'accepted' };
        }
        if (said && ALREADY_PINGED.test(said)) {
            return { kind: 'already-sent', message: said };
        }
    }
    return (transientVerdict(httpStatus, parsed, headers, now) ??
        refusalVerdict(httpStatus, parsed));
}
/**
 * The verdict on a "not now" or a server error: `retry`, with the wait the
 * receiver asks and whether it may have stored the ping (net/retry.ts).
 * Undefined for any other answer.
 */
function transientVerdict(httpStatus, parsed, headers, now) {
    const statusLabel = `HTTP ${httpStatus}`;
    const askedWait = parseRetryAfter(headers.retryAfter, now);
    const said = parsed.shape === 'other' ? undefined : parsed.message;
    const saidText = said ? `: ${said}` : '';
    const throttled = (said !== undefined && TOO_QUICKLY.test(said)) ||
        (httpStatus === 403 && /throttl/i.test(headers.statusText ?? ''));
    if (throttled) {
        return withWait({
            kind: 'retry',
            message: `throttled by the receiver (${statusLabel})${saidText}`
        }, throttleWaitMs(askedWait));
    }
    if (!transientStatus(httpStatus))
        return undefined;
    const ambiguous = statusMayHaveStored(httpStatus);
    const seen = parsed.shape === 'other' ? `; ${parsed.seen}` : saidText;
    return withWait({
        kind: 'retry',
        message: `${statusLabel}${seen}`,
        ...(ambiguous ? { ambiguous } : {})
    }, askedWait);
}
/** The verdict on an answer that is neither success nor transient. */
function refusalVerdict(httpStatus, parsed) {
    const statusLabel = `HTTP ${httpStatus}`;
    if (parsed.shape === 'response') {
        const said = parsed.message;
        if (parsed.error === undefined) {
            return {
                kind: 'failed',
                message: `${statusLabel} with a <response> that has no <error>`
            };
        }
        if (/^[1-9]\d{0,8}$/.test(parsed.error)) {
            return { kind: 'rejected', message: said ?? `error ${parsed.error}` };
        }
        return {
            kind: 'failed',
            message: `${statusLabel} with <error> ${quote(plain(parsed.error, 20))}, neither 0 nor 1`
        };
    }
    if (parsed.shape === 'wp_die') {
        const saidText = parsed.message ? `: ${parsed.message}` : '';
        if (httpStatus === 409) {
            // wp_new_comment's "Duplicate comment detected": same author and text
            // as a stored comment under another URL (a ping from the same URL is
            // caught earlier as "already a ping"). Sending it again gets the same.
            return {
                kind: 'rejected',
                message: `${statusLabel} duplicate refused by WordPress${saidText}`
            };
        }
        return {
            kind: 'failed',
            message: `${statusLabel} with a WordPress error page${saidText}`
        };
    }
    return {
        kind: 'failed',
        message: `${statusLabel} without a TrackBack answer; ${parsed.seen}`
    };
}
function withWait(result, waitMs) {
    return waitMs === undefined ? result : { ...result, retryAfterMs: waitMs };
}
/** The answer capped, without a byte-order mark and outer whitespace. */
function bare(body) {
    return body
        .slice(0, MAX_RESPONSE_CHARS)
        .replace(/^\uFEFF/, '')
        .trim();
}
/**
 * PHP notices printed before the answer are common on WordPress hosts; the
 * answer itself starts at its XML declaration.
 */
function fromDeclaration(text) {
    const declaration = text.indexOf('<?xml');
    return declaration > 0 ? text.slice(declaration) : text;
}
/** Classify the body; throws only when the parser is needed and not loaded. */
function parseBody(body) {
    let text = bare(body);
    if (text === '')
        return { shape: 'other', seen: 'empty body' };
    if (/^<!DOCTYPE\s+html|<html[\s>]/i.test(text)) {
        const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(text)?.[1];
        const titled = title ? ` titled ${quote(plain(title, 80))}` : '';
        return { shape: 'other', seen: `an HTML page${titled}` };
    }
    text = fromDeclaration(text);
    if (!text.startsWith('<')) {
        return { shape: 'other', seen: `text starting ${quote(plain(text, 60))}` };
    }
    if (PLAIN_SUCCESS.test(text))
        return { shape: 'response', error: '0' };
    if (/<!(DOCTYPE|ENTITY)/i.test(text)) {
        // No TrackBack receiver sends a DTD; one here is at best noise and at
        // worst an entity-expansion attack.
        return { shape: 'other', seen: 'an XML document with a DTD (ignored)' };
    }
    // Outside the try: a parser that was not loaded is the caller's mistake,
    // not a malformed answer.
    const { parser } = loaded();
    let tree;
    try {
        tree = parser.parse(text);
    }
    catch {
        return { shape: 'other', seen: 'malformed XML' };
    }
    if (!isRecord(tree))
        return { shape: 'other', seen: 'malformed XML' };
    const response = tree.response;
    if (response !== undefined) {
        // A cut-off document (`<response><error>0</error>` and nothing more)
        // parses leniently; insist on the closing tag before believing it.
        if (!/<\/response\s*>/.test(text)) {
            return { shape: 'other', seen: 'a <response> that is cut off' };
        }
        if (Array.isArray(response)) {
            return { shape: 'other', seen: 'several <response> elements' };
        }
        if (!wellFormed(text))
            return { shape: 'other', seen: 'malformed XML' };
        if (!isRecord(response))
            return { shape: 'response' };
        const error = response.error;
        const message = readMessage(response.message);
        if (Array.isArray(error)) {
            return { shape: 'other', seen: 'a <response> with several <error>s' };
        }
        return {
            shape: 'response',
            ...(typeof error === 'string' && error.trim() !== ''
                ? { error: error.trim() }
                : {}),
            ...(message ? { message } : {})
        };
    }
    const die = tree.error;
    if (isRecord(die) && die.code === 'wp_die' && wellFormed(text)) {
        const message = readMessage(die.message);
        return { shape: 'wp_die', ...(message ? { message } : {}) };
    }
    const root = Object.keys(tree).find((key) => key !== '' && key !== '#text');
    return {
        shape: 'other',
        seen: root
            ? `XML with root <${plain(root, 40)}> instead of <response>`
            : 'malformed XML'
    };
}
/**
 * Whether the document is well-formed XML apart from `<message>`'s content,
 * which WordPress and b2evolution do not escape. The parser alone is
 * lenient: it reads `<error>0</eror>` as an error of 0.
 */
function wellFormed(text) {
    const skeleton = text.replace(/(<message(?:\s[^>]*)?>)[\s\S]*?(<\/message\s*>)/g, '$1$2');
    try {
        return loaded().validator.validate(skeleton) === true;
    }
    catch {
        return false;
    }
}
function readMessage(value) {
    if (typeof value !== 'string')
        return undefined;
    const text = plain(value, MAX_MESSAGE_CHARS);
    return text === '' ? undefined : text;
}
/**
 * Receiver text made safe to log: CDATA unwrapped, markup stripped, the five
 * XML entities and numeric references decoded (after stripping, so escaped
 * markup stays visible as text), control characters dropped, whitespace
 * folded, length capped.
 */
function plain(raw, max = MAX_MESSAGE_CHARS) {
    const text = raw
        .replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1')
        .replace(/<!--[\s\S]*?-->/g, ' ')
        .replace(/<\/?[a-zA-Z][^>]*>/g, ' ')
        .replace(/&(lt|gt|amp|quot|apos|#\d{1,7}|#x[0-9a-f]{1,6});/gi, decode)
        .replace(/[\p{Cc}\u2028\u2029]/gu, ' ')
        .replace(/\s+/g, ' ')
        .trim();
    return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}
const NAMED = {
    lt: '<',
    gt: '>',
    amp: '&',
    quot: '"',
    apos: "'"
};
function decode(entity, name) {
    const named = NAMED[name.toLowerCase()];
    if (named !== undefined)
        return named;
    const code = name[1] === 'x' || name[1] === 'X'
        ? parseInt(name.slice(2), 16)
        : parseInt(name.slice(1), 10);
    const valid = code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff);
    return valid ? String.fromCodePoint(code) : entity;
}
function quote(text) {
    return `'${text}'`;
}

/**
 * For an article page target (notified by Webmention or Pingback, whose
 * receivers refuse a post that does not link to the page exactly): warn
 * when the post links only elsewhere on that site, and note on the request
 * what was checked, for a receiver that refuses without a reason.
 */
function exactLinkCheck(p, links, postUrl, annotations) {
    const request = p.request;
    if (request?.kind !== 'page')
        return p;
    let target;
    try {
        const url = new URL(request.ping);
        url.hash = '';
        target = url.href;
    }
    catch {
        return p;
    }
    const exact = links.includes(target);
    if (!exact) {
        annotations.push({
            file: p.result.post,
            ...(p.result.line !== undefined ? { line: p.result.line } : {}),
            level: 'warning',
            title: 'TrackBack: no link to the page itself',
            message: `${plain(postUrl)} links to the site of ${plain(target)} but not to that page: Webmention and Pingback receivers refuse a post that does not link to the page exactly.`
        });
    }
    const checked = exact
        ? `the post was live at ${plain(postUrl)} and links to ${plain(target)} exactly`
        : `the post was live at ${plain(postUrl)} but does not link to ${plain(target)} exactly`;
    return { ...p, request: { ...request, checked } };
}

/**
 * Not before the post is live: before a run pings for a post, it fetches the
 * post's page until it answers 200 (GitHub Pages and other hosts publish a
 * few seconds to minutes after the deploy step), and reads the page's links
 * to check that the post links to what it pings (links.ts).
 *
 * A post that does not come up within `wait-for-live` seconds, or that lacks
 * a link `require-link` asks for, keeps its pings `pending`: the ledger
 * queues them and a later run tries again. They are never sent early.
 *
 * The decisions (what an answer means, which pings to hold) are pure; the
 * backoff between fetches is the retry rule's (net/retry.ts). `fetchPage`
 * is the adapter, and goes through the same address policy as pings
 * (urlPolicyError on every hop, guarded lookups at connect time).
 */
const DEFAULT_MAX_BYTES = 2 * 1024 * 1024;
const DEFAULT_MAX_REDIRECTS = 5;
const HTML = /^\s*(text\/html|application\/xhtml\+xml)\s*(;|$)/i;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
/** What one answer means: the page is live, may come up later, or never will. */
function judgeAnswer(answer) {
    if (answer.kind === 'refused')
        return { verdict: 'stop', reason: answer.message };
    if (answer.kind === 'error')
        return { verdict: 'retry', reason: answer.message };
    if (answer.status === 200)
        return { verdict: 'live' };
    return { verdict: 'retry', reason: `HTTP ${answer.status}` };
}
/**
 * Fetch a post's page until it answers 200 or `waitMs` has passed (with
 * backoff between tries; the last try starts before the time is up, so the
 * whole wait is bounded by `waitMs` plus one request's timeout).
 */
async function checkPage(url, options) {
    const start = options.start ?? options.now();
    for (let attempt = 1;; attempt++) {
        const answer = await options.fetch(url);
        const judged = judgeAnswer(answer);
        if (judged.verdict === 'live' && answer.kind === 'answer') {
            return HTML.test(answer.contentType) || answer.contentType === ''
                ? { live: true, url, links: await pageLinks(answer.body, answer.url) }
                : { live: true, url };
        }
        if (judged.verdict === 'stop') {
            return { live: false, url, reason: judged.reason };
        }
        const reason = judged.verdict === 'retry' ? judged.reason : '';
        const pause = backoffMs(attempt, LIVE_BACKOFF);
        if (options.now() + pause - start > options.waitMs) {
            const tries = `${attempt} ${attempt === 1 ? 'try' : 'tries'}`;
            return {
                live: false,
                url,
                reason: options.waitMs > 0
                    ? `no 200 answer within ${Math.round(options.waitMs / 1000)} s (${tries}; last: ${reason})`
                    : reason
            };
        }
        await options.sleep(pause);
    }
}
/**
 * The post URLs to fetch before sending: each post with a ping to send,
 * once. None when waiting is off and no link is required (the link check
 * then has no page to read, and the run makes no extra request).
 */
function pagesToCheck(plan, options) {
    if (options.waitForLiveMs <= 0 && !options.requireLink)
        return [];
    const urls = new Set();
    for (const p of plan.pings) {
        if (p.request)
            urls.add(p.request.fields.url);
    }
    return [...urls];
}
/**
 * Hold the pings whose post is not live (or, with `require-link`, does not
 * link to the target) as `pending` until the next run, and warn about every
 * missing link. Pure: returns a new plan and the annotations.
 */
function applyPageChecks(plan, checks, options) {
    const annotations = [];
    const unreachable = new Set();
    const hold = (p, message) => {
        const { request: _sent, ...rest } = p;
        return {
            ...rest,
            result: { ...p.result, status: 'pending', message },
            pendingUntil: options.now.toISOString()
        };
    };
    const pings = plan.pings.map((p) => {
        const check = p.request ? checks.get(p.request.fields.url) : undefined;
        if (!p.request || !check)
            return p;
        const where = { file: p.result.post, line: p.result.line };
        if (!check.live) {
            // Once per post: a page that never comes up is most often a wrong
            // URL (site-url, permalink), which only the user can fix.
            if (!unreachable.has(check.url)) {
                unreachable.add(check.url);
                annotations.push({
                    ...where,
                    level: 'warning',
                    title: 'TrackBack: post not live',
                    message: `${plain(check.url)}: ${check.reason}. Its pings wait for the next run; if this is not the post's address, check the site-url and permalink inputs.`
                });
            }
            const message = options.waitForLiveMs > 0
                ? `The post is not live yet: ${check.reason}. Not sent; the next run tries again.`
                : `Cannot read the post to check its links: ${check.reason}. Held (require-link is true); the next run tries again.`;
            return hold(p, message);
        }
        const rule = linkRule(p.request.ping);
        const links = check.links ?? [];
        if (links.some((link) => rule.matches(link))) {
            return exactLinkCheck(p, links, check.url, annotations);
        }
        const why = check.links ? '' : ' (the page is not HTML)';
        const arxiv = rule.expected.startsWith('arxiv.org/')
            ? "; arXiv asks that a post link to the paper's abstract page"
            : '';
        annotations.push({
            ...where,
            level: 'warning',
            title: 'TrackBack: no link to the target',
            message: `${plain(check.url)} does not link to ${plain(rule.expected)}${why}${arxiv}.${options.requireLink ? ' Held until it does (require-link is true).' : ''}`
        });
        return options.requireLink
            ? hold(p, `The post does not link to ${plain(rule.expected)}${why}. Held (require-link is true); the next run tries again.`)
            : p;
    });
    return { plan: { ...plan, pings }, annotations };
}
/**
 * GET a page, following redirects (each hop checked by the address policy),
 * and read a 200 HTML answer up to `maxBytes`. Never throws.
 */
async function fetchPage(url, options) {
    const agents = options.agents ?? createAgents(options.allowPrivateNetworks);
    const maxRedirects = options.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
    const seen = new Set();
    let current = url;
    try {
        for (let hop = 0;; hop++) {
            const refused = urlPolicyError(current, options.allowPrivateNetworks);
            if (refused !== undefined) {
                const what = hop === 0 ? 'post URL' : `redirect to ${plain(current)}`;
                return { kind: 'refused', message: `${what} refused: ${refused}` };
            }
            seen.add(current);
            const { answer, location } = await getOnce(current, options, agents);
            if (answer.kind !== 'answer' ||
                !REDIRECTS.has(answer.status) ||
                options.keepRedirects === true) {
                return answer;
            }
            let next;
            try {
                next = location ? new URL(location, current).href : undefined;
            }
            catch {
                next = undefined;
            }
            if (next === undefined) {
                return {
                    kind: 'error',
                    message: `HTTP ${answer.status} redirect without a usable Location`
                };
            }
            if (seen.has(next)) {
                return { kind: 'error', message: `redirect loop at ${plain(next)}` };
            }
            if (hop >= maxRedirects) {
                return {
                    kind: 'error',
                    message: `more than ${maxRedirects} redirects`
                };
            }
            current = next;
        }
    }
    finally {
        if (agents !== options.agents)
            destroyAgents(agents);
    }
}
/** One GET within the time limit; the body only for a 200 HTML answer. */
async function getOnce(url, options, agents) {
    const readable = (status, type) => status === 200 &&
        (type === '' ||
            HTML.test(type) ||
            options.accept?.types.test(type) === true);
    const exchange = await httpExchange(new URL(url), {
        method: 'GET',
        headers: {
            'User-Agent': options.userAgent,
            Accept: options.accept?.header ??
                'text/html, application/xhtml+xml;q=0.9, */*;q=0.1'
        },
        agents,
        timeoutMs: options.timeoutMs,
        maxBodyBytes: options.maxBytes ?? DEFAULT_MAX_BYTES,
        wantBody: (status, headers) => readable(status, headers['content-type'] ?? '')
    });
    if (!exchange.ok) {
        if (exchange.timedOut) {
            const seconds = Math.round(options.timeoutMs / 100) / 10;
            return {
                answer: { kind: 'error', message: `timed out after ${seconds} s` }
            };
        }
        const error = exchange.error;
        const code = error.code;
        const message = plain(errorMessage(error));
        return {
            answer: code === ADDRESS_FORBIDDEN
                ? { kind: 'refused', message }
                : { kind: 'error', message }
        };
    }
    const contentType = exchange.headers['content-type'] ?? '';
    return {
        answer: {
            kind: 'answer',
            status: exchange.status,
            url,
            contentType,
            body: readable(exchange.status, contentType)
                ? new TextDecoder('utf-8').decode(exchange.body)
                : '',
            headers: exchange.headers,
            truncated: exchange.truncated
        },
        ...(exchange.headers.location !== undefined
            ? { location: exchange.headers.location }
            : {})
    };
}
/**
 * Check every page, a few at a time, with the run's shared agents. The wait
 * is shared too: every page gets one try, and retries only within `waitMs`
 * of the start, so many posts do not multiply the run's time.
 */
async function checkPages(urls, options) {
    const checks = new Map();
    if (urls.length === 0)
        return checks;
    const agents = createAgents(options.allowPrivateNetworks, true);
    const wait = {
        waitMs: options.waitMs,
        start: (options.now ?? Date.now)(),
        fetch: (url) => fetchPage(url, { ...options, agents }),
        sleep: options.sleep ?? setTimeout$1,
        now: options.now ?? Date.now
    };
    try {
        await pool(urls, options.concurrency, async (url) => {
            checks.set(url, await checkPage(url, wait));
        });
    }
    finally {
        destroyAgents(agents);
    }
    return checks;
}

export { createAgents as a, pagesToCheck as b, checkPages as c, destroyAgents as d, applyPageChecks as e, fetchPage as f, plain as g, httpExchange as h, loadResponseParser as i, interpretResponse as j, guardedXml as k, linkRule as l, needsResponseParser as n, pageLinks as p };
