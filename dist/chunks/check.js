import { f as LANDED_MAX_BYTES } from './arxiv.js';
import { l as ledgerKey } from './ledger.js';
import { a as createAgents, d as destroyAgents, p as pageLinks, f as fetchPage } from './page-check.js';
import { s as samePage, b as lookAt, r as recordLook, d as dueLooks, l as lookable, c as linksToPost } from './where.js';
import 'node:timers/promises';
import './address-policy.js';
import 'node:dns';
import './commonjs-helpers.js';
import 'node:http';
import 'node:https';
import 'node:net';
import 'node:tls';
import './ping-url.js';

const OA = 'http://www.w3.org/ns/oa#';
/**
 * The pages a Turtle export says link to the paper: the `oa:hasBody` of
 * each annotation (or, for a body described as a resource, its
 * `oa:hasSource`). Undefined when the text is not Turtle.
 */
async function turtleBodies(text, base) {
    const { Parser } = await import('./rdf-parser.js');
    let quads;
    try {
        quads = new Parser({ baseIRI: base, format: 'text/turtle' }).parse(text);
    }
    catch {
        return undefined;
    }
    const sources = new Map();
    for (const q of quads) {
        if (q.predicate.value === `${OA}hasSource` &&
            q.object.termType === 'NamedNode') {
            sources.set(q.subject.value, q.object.value);
        }
    }
    const bodies = [];
    for (const q of quads) {
        if (q.predicate.value !== `${OA}hasBody`)
            continue;
        const body = q.object.termType === 'NamedNode'
            ? q.object.value
            : sources.get(q.object.value);
        if (body !== undefined && !bodies.includes(body))
            bodies.push(body);
    }
    return bodies;
}
/** Whether the export lists the post. Undefined when it cannot be read. */
async function turtleLists(text, base, post) {
    const bodies = await turtleBodies(text, base);
    return bodies?.some((body) => samePage(body, post));
}
/** Every link of the `/tb/` page that leads to a listed TrackBack. */
async function tbListings(html, pageUrl) {
    const { parse } = await import('./html-parser.js');
    const listings = [];
    const visit = (node) => {
        const href = node.attrs?.find((a) => a.name === 'href')?.value;
        if (node.nodeName === 'a' && href !== undefined) {
            const absolute = resolve(href, pageUrl);
            if (absolute)
                listings.push({ href: absolute, text: textOf(node).trim() });
            return;
        }
        for (const child of node.childNodes ?? [])
            visit(child);
    };
    visit(parse(html));
    return listings.filter((l) => /\/tb\/redirect\//.test(new URL(l.href).pathname) ||
        isExternal(l, pageUrl));
}
/**
 * What the `/tb/` page says of our post: `listed` when it links to it
 * outright, else the redirect links whose shortened URL could be it (to be
 * followed), and none when nothing could.
 */
function tbCandidates(listings, post) {
    if (listings.some((l) => samePage(l.href, post)))
        return { listed: true };
    const redirects = [];
    for (const l of listings) {
        if (!/\/tb\/redirect\//.test(l.href))
            continue;
        if (shortUrlMatches(l.text, post) && !redirects.includes(l.href)) {
            redirects.push(l.href);
        }
    }
    return { listed: false, redirects };
}
/**
 * Whether a URL as arXiv shows it, cut short with `...` and perhaps
 * without its scheme, can be the post's URL.
 */
function shortUrlMatches(shown, post) {
    const cut = shown.trim().replace(/(\.\.\.|…)$/, '');
    if (cut.length < 8)
        return false;
    const bare = (u) => u
        .replace(/^https?:\/\//i, '')
        .replace(/^www\./i, '')
        .toLowerCase();
    return bare(post).startsWith(bare(cut));
}
function textOf(node) {
    if (node.nodeName === '#text')
        return node.value ?? '';
    return (node.childNodes ?? []).map(textOf).join('');
}
function resolve(href, base) {
    try {
        const url = new URL(href.trim(), base);
        return url.protocol === 'http:' || url.protocol === 'https:'
            ? url.href
            : undefined;
    }
    catch {
        return undefined;
    }
}
/** A link off arXiv's own site (a listing that links the post itself). */
function isExternal(listing, pageUrl) {
    return new URL(listing.href).host !== new URL(pageUrl).host;
}

/**
 * The landed check's adapter: it reads where each sent ping should show
 * (where.ts) and says whether it does, one request at a time, each host
 * spaced by `host-delay`, through the same guarded GET as the live check
 * (live/page-check.ts's fetchPage: the address policy on every hop, the
 * body cap, the time limit). It only reads; nothing is ever sent again.
 *
 * `checkLanded` looks at the entries it is given (the CLI can hand it any);
 * `lookAtDue` is the run's step: the entries due under the schedule
 * (schedule.ts), at most `landed-checks` of them, written back into the
 * ledger.
 */
/** The Turtle export's media type, and what servers may call it. */
const TURTLE = {
    header: 'text/turtle, application/x-turtle;q=0.9, text/plain;q=0.5',
    types: /^\s*(text\/turtle|application\/x-turtle|text\/plain)\s*(;|$)/i
};
/** Most `/tb/redirect/` links followed for one ping. */
const MAX_REDIRECTS_FOLLOWED = 3;
/**
 * Look whether each entry's ping shows on its receiver, in order, and
 * return each entry with the look recorded. Never throws; never sends.
 */
async function checkLanded(entries, options) {
    const agents = createAgents(options.allowPrivateNetworks, true);
    const get = pacedGet(options, agents);
    const looks = [];
    try {
        for (const entry of entries) {
            const clock = options.clock ?? Date.now;
            if (options.deadline !== undefined && clock() >= options.deadline)
                break;
            const where = lookAt(entry);
            const found = where
                ? await lookOnce(entry.post, where, get)
                : { seen: undefined, message: 'no page shows pings of this ping URL' };
            // A Webmention receiver's status page, when the post does not show
            // yet: what it says is reported; whether the ping shows stays the
            // target page's to say.
            if (found.seen !== true && entry.statusUrl) {
                found.message += await statusPageSays(entry.statusUrl, get);
            }
            looks.push({
                key: ledgerKey(entry.post, entry.ping),
                entry: recordLook(entry, found.seen, options.now, options.days),
                ...found
            });
        }
    }
    finally {
        destroyAgents(agents);
    }
    return looks;
}
/**
 * The run's step: look at the entries due (at most `budget`), and return
 * the ledger with the looks recorded.
 */
async function lookAtDue(ledger, options) {
    const due = dueLooks(ledger.entries, options.now, {
        days: options.days,
        budget: options.budget,
        lookable
    });
    if (due.length === 0)
        return { ledger, looks: [] };
    const looks = await checkLanded(due.map((d) => d.entry), options);
    const entries = { ...ledger.entries };
    for (const look of looks)
        entries[look.key] = look.entry;
    return { ledger: { ...ledger, entries }, looks };
}
/** GET through the guarded client, spacing requests to one host. */
function pacedGet(options, agents) {
    const asked = new Set();
    return async (url, extra = {}) => {
        let host = '';
        try {
            host = new URL(url).host;
        }
        catch {
            // An unusable URL: fetchPage refuses it without a request.
        }
        if (asked.has(host) && options.hostDelayMs > 0) {
            await options.sleep(options.hostDelayMs);
        }
        asked.add(host);
        return fetchPage(url, {
            timeoutMs: options.timeoutMs,
            userAgent: options.userAgent,
            allowPrivateNetworks: options.allowPrivateNetworks,
            agents,
            maxBytes: LANDED_MAX_BYTES,
            ...extra
        });
    };
}
async function lookOnce(post, where, get) {
    if (where.kind === 'page')
        return lookOnPage(post, where.url, get);
    const exported = await lookInTurtle(post, where.turtle, get);
    return exported ?? lookOnTbPage(post, where.page, get);
}
/** A blog page: does it link to the post? */
async function lookOnPage(post, url, get) {
    const answer = await get(url);
    if (answer.kind !== 'answer' || answer.status !== 200) {
        return { seen: undefined, message: `${url}: ${failure(answer)}` };
    }
    const links = await pageLinks(answer.body, answer.url);
    return linksToPost(links, post)
        ? { seen: true, message: `${url} links to the post` }
        : { seen: false, message: `${url} does not link to the post yet` };
}
/**
 * arXiv's Turtle export: listed or not; undefined (look at the `/tb/`
 * page instead) when it cannot be read. A 404 means the paper has no
 * accepted TrackBack yet.
 */
async function lookInTurtle(post, url, get) {
    const answer = await get(url, { accept: TURTLE });
    if (answer.kind === 'answer' && answer.status === 404) {
        return {
            seen: false,
            message: `not listed yet (${url}: no TrackBack accepted)`
        };
    }
    if (answer.kind !== 'answer' || answer.status !== 200 || answer.truncated) {
        return undefined;
    }
    const listed = await turtleLists(answer.body, answer.url, post);
    if (listed === undefined)
        return undefined;
    return listed
        ? { seen: true, message: `listed in arXiv's TrackBack export (${url})` }
        : { seen: false, message: `not listed yet (${url})` };
}
/**
 * arXiv's `/tb/` page: its links lead through `/tb/redirect/…`, so the
 * ones whose shortened URL could be the post are followed one hop (their
 * `Location` is the listed post).
 */
async function lookOnTbPage(post, url, get) {
    const answer = await get(url);
    if (answer.kind !== 'answer' || answer.status !== 200) {
        return { seen: undefined, message: `${url}: ${failure(answer)}` };
    }
    const found = tbCandidates(await tbListings(answer.body, answer.url), post);
    if (found.listed)
        return { seen: true, message: `listed on ${url}` };
    for (const redirect of found.redirects.slice(0, MAX_REDIRECTS_FOLLOWED)) {
        const hop = await get(redirect, { keepRedirects: true });
        const location = hop.kind === 'answer' ? hop.headers?.location : undefined;
        const target = Array.isArray(location) ? location[0] : location;
        if (target !== undefined && samePage(absolute(target, redirect), post)) {
            return { seen: true, message: `listed on ${url}` };
        }
    }
    return { seen: false, message: `not listed yet (${url})` };
}
/** JSON or plain text, as Webmention status pages answer. */
const STATUS_TYPES = {
    header: 'application/json, text/plain;q=0.9, text/html;q=0.5',
    types: /^\s*(application\/([\w.+-]+\+)?json|text\/plain)\s*(;|$)/i
};
/**
 * What a Webmention receiver's status page (the `Location` of its 201 or
 * 202) says, as a clause for the look's message. The format is the
 * receiver's own (the spec leaves it open): a JSON `status` (or `state`)
 * field, else the first line of a short text; else only the HTTP status.
 */
async function statusPageSays(url, get) {
    const answer = await get(url, { accept: STATUS_TYPES });
    if (answer.kind !== 'answer')
        return `; its status page: ${answer.message}`;
    if (answer.status !== 200) {
        return `; its status page answers HTTP ${answer.status}`;
    }
    const said = statusText(answer.body);
    return said ? `; its status page says "${said}"` : '';
}
/** The status a status page's body gives, shortened, or undefined. */
function statusText(body) {
    const text = body.trim();
    let value;
    try {
        const data = JSON.parse(text);
        value =
            data !== null && typeof data === 'object'
                ? (data.status ??
                    data.state)
                : undefined;
    }
    catch {
        value = text.startsWith('<') ? undefined : text.split('\n')[0];
    }
    if (typeof value !== 'string' || value.trim() === '')
        return undefined;
    const one = value.trim().replace(/\s+/g, ' ');
    return one.length > 80 ? `${one.slice(0, 79)}…` : one;
}
function absolute(location, base) {
    try {
        return new URL(location, base).href;
    }
    catch {
        return location;
    }
}
function failure(answer) {
    return answer.kind === 'answer' ? `HTTP ${answer.status}` : answer.message;
}

export { checkLanded, lookAtDue, statusPageSays, statusText };
