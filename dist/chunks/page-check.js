import { setTimeout } from 'node:timers/promises';
import { u as urlPolicyError, A as ADDRESS_FORBIDDEN } from './address-policy.js';
import { c as createAgents, d as destroyAgents, p as plain, h as httpExchange } from './trackback-answer.js';
import { b as arxivIdOfPing } from './report.js';
import { a as arxivId } from './targets.js';

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
 * Not before the post is live: before a run pings for a post, it fetches the
 * post's page until it answers 200 (GitHub Pages and other hosts publish a
 * few seconds to minutes after the deploy step), and reads the page's links
 * to check that the post links to what it pings (links.ts).
 *
 * A post that does not come up within `wait-for-live` seconds, or that lacks
 * a link `require-link` asks for, keeps its pings `pending`: the ledger
 * queues them and a later run tries again. They are never sent early.
 *
 * The decisions (backoff, what an answer means, which pings to hold) are
 * pure; `fetchPage` is the adapter, and goes through the same address policy
 * as pings (urlPolicyError on every hop, guarded lookups at connect time).
 */
const DEFAULT_MAX_BYTES = 2 * 1024 * 1024;
const DEFAULT_MAX_REDIRECTS = 5;
const HTML = /^\s*(text\/html|application\/xhtml\+xml)\s*(;|$)/i;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
/** The first retry waits this long; each further one twice as long… */
const LIVE_BACKOFF_START_MS = 1000;
/** …up to this. */
const LIVE_BACKOFF_MAX_MS = 15_000;
/** Wait before check number `attempt + 1` (attempt ≥ 1): 1, 2, 4, 8, 15, 15… s. */
function liveRetryDelayMs(attempt) {
    return Math.min(LIVE_BACKOFF_START_MS * 2 ** Math.max(0, attempt - 1), LIVE_BACKOFF_MAX_MS);
}
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
        const pause = liveRetryDelayMs(attempt);
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
        if (links.some((link) => rule.matches(link)))
            return p;
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
            if (answer.kind !== 'answer' || !REDIRECTS.has(answer.status)) {
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
    const readable = (status, type) => status === 200 && (type === '' || HTML.test(type));
    const exchange = await httpExchange(new URL(url), {
        method: 'GET',
        headers: {
            'User-Agent': options.userAgent,
            Accept: 'text/html, application/xhtml+xml;q=0.9, */*;q=0.1'
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
        const message = plain(error instanceof Error ? error.message : String(error));
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
                : ''
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
        sleep: options.sleep ?? setTimeout,
        now: options.now ?? Date.now
    };
    let next = 0;
    const worker = async () => {
        while (next < urls.length) {
            const url = urls[next++];
            checks.set(url, await checkPage(url, wait));
        }
    };
    try {
        const count = Math.max(1, Math.min(options.concurrency, urls.length));
        await Promise.all(Array.from({ length: count }, worker));
    }
    finally {
        destroyAgents(agents);
    }
    return checks;
}

var pageCheck = /*#__PURE__*/Object.freeze({
    __proto__: null,
    LIVE_BACKOFF_MAX_MS: LIVE_BACKOFF_MAX_MS,
    LIVE_BACKOFF_START_MS: LIVE_BACKOFF_START_MS,
    applyPageChecks: applyPageChecks,
    checkPage: checkPage,
    checkPages: checkPages,
    fetchPage: fetchPage,
    judgeAnswer: judgeAnswer,
    liveRetryDelayMs: liveRetryDelayMs,
    pagesToCheck: pagesToCheck
});

export { checkPages as c, linkRule as l, pageCheck as p };
