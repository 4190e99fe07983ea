import { d as arxivIdOfPing, g as arxivId } from './arxiv.js';
import { i as isPingUrl } from './ping-url.js';

const DAY_MS = 24 * 60 * 60 * 1000;
/** The ages, in days after sending, at which a ping is looked at. */
function checkAges(days) {
    const ages = [];
    for (let age = 1; age < days; age *= 2)
        ages.push(age);
    if (days > 0)
        ages.push(days);
    return ages;
}
/** The time a sent entry was sent: its last change (a sent entry never changes). */
function sentAt(entry) {
    return Date.parse(entry.updated);
}
/** The latest look age (days) the ping has reached at `now`, if any. */
function reachedAge(age, days) {
    let reached;
    for (const point of checkAges(days))
        if (point <= age)
            reached = point;
    return reached;
}
/** Where a sent ping stands at `now` under a `days`-day rule. */
function landedState(entry, now, days) {
    if (entry.status !== 'sent')
        return { state: 'untracked' };
    if (entry.visible !== undefined) {
        return { state: 'visible', since: entry.visible };
    }
    if (entry.notVisibleDays !== undefined) {
        return { state: 'given-up', days: entry.notVisibleDays };
    }
    const sent = sentAt(entry);
    if (Number.isNaN(sent) || days <= 0)
        return { state: 'untracked' };
    const ageMs = now.getTime() - sent;
    const age = ageMs / DAY_MS;
    if (entry.checked === undefined && age >= 2 * days) {
        return { state: 'untracked' };
    }
    const reached = reachedAge(age, days);
    const lookedAt = entry.checked === undefined
        ? undefined
        : (Date.parse(entry.checked) - sent) / DAY_MS;
    const due = reached !== undefined && (lookedAt === undefined || lookedAt < reached);
    return { state: 'waiting', ageDays: Math.floor(Math.max(0, age)), due };
}
/**
 * The entry after a look at `now`: `seen` true marks it visible from now
 * on; false at the last look gives it up. Undefined (the receiver could not
 * be read) only notes the look, except at the last one: that is not noted,
 * so each run tries it again, until twice `days`, when the ping is given up.
 */
function recordLook(entry, seen, now, days) {
    const at = now.toISOString();
    if (seen === true)
        return { ...entry, checked: at, visible: at };
    const age = (now.getTime() - sentAt(entry)) / DAY_MS;
    const last = age >= days;
    if (seen === undefined && last && age < 2 * days)
        return entry;
    const next = { ...entry, checked: at };
    if (last)
        next.notVisibleDays = Math.floor(age);
    return next;
}
/**
 * The entries due a look at `now`, at most `budget` of them: those never
 * looked at first, then the longest unlooked, then in key order.
 */
function dueLooks(entries, now, options) {
    const due = [];
    for (const key of Object.keys(entries).sort()) {
        const entry = Object.hasOwn(entries, key) ? entries[key] : undefined;
        if (!entry || !options.lookable(entry))
            continue;
        const state = landedState(entry, now, options.days);
        if (state.state === 'waiting' && state.due)
            due.push({ key, entry });
    }
    // Never looked at sorts first ('' < any ISO time).
    const last = (e) => e.checked ?? '';
    due.sort((a, b) => last(a.entry) < last(b.entry) ? -1 : last(a.entry) > last(b.entry) ? 1 : 0);
    return due.slice(0, Math.max(0, options.budget));
}

/**
 * Where a sent ping shows once its receiver accepts it, and whether a page
 * is our post. Pure: a ledger entry in, URLs out.
 *
 * - arXiv lists accepted TrackBacks at `https://arxiv.org/tb/<id>` and
 *   exports them as Turtle at
 *   `http://export.arxiv.org/data/trackbacks/trackback_<id>.ttl`. A ping
 *   URL of arXiv's shape (`<origin>/trackback/<arXiv id>`) on another host
 *   is read as a mirror with the same layout at its own origin (the tests'
 *   loopback stand-in, scripts/peers/arxiv.mjs).
 * - A page notified by Webmention or Pingback, or discovered, is the
 *   ledger's `ping` itself; WordPress's ping URL `<post>/trackback/` and
 *   `wp-trackback.php?p=<id>` name their post. Blogs show approved
 *   TrackBacks, Pingbacks and Webmentions as links to the source there.
 * - Any other ping URL names no page: the ping is not followed.
 */
const ARXIV_MIRROR = /^\/trackback\/(.+)$/;
/** Whether a ledger entry's receiver shows pings where a run can read. */
function lookable(entry) {
    return lookAt(entry) !== undefined;
}
/** Where a sent ping shows, or undefined when no page can tell. */
function lookAt(entry) {
    const arxiv = arxivListing(entry.ping);
    if (arxiv)
        return arxiv;
    if (entry.protocol === 'webmention' || entry.protocol === 'pingback') {
        return httpUrl(entry.ping);
    }
    if (!isPingUrl(entry.ping))
        return httpUrl(entry.ping);
    return wordpressPost(entry.ping);
}
/** arXiv's listing of a paper's TrackBacks for an arXiv-shaped ping URL. */
function arxivListing(ping) {
    const real = arxivIdOfPing(ping);
    if (real !== undefined) {
        return {
            kind: 'arxiv',
            id: real,
            turtle: `http://export.arxiv.org/data/trackbacks/trackback_${real}.ttl`,
            page: `https://arxiv.org/tb/${real}`
        };
    }
    let url;
    try {
        url = new URL(ping);
    }
    catch {
        return undefined;
    }
    const path = ARXIV_MIRROR.exec(url.pathname)?.[1];
    if (path === undefined || url.search !== '')
        return undefined;
    const id = arxivId(decodeURIComponent(path));
    if (id === undefined || id !== decodeURIComponent(path))
        return undefined;
    return {
        kind: 'arxiv',
        id,
        turtle: `${url.origin}/data/trackbacks/trackback_${id}.ttl`,
        page: `${url.origin}/tb/${id}`
    };
}
/** The post a WordPress ping URL belongs to. */
function wordpressPost(ping) {
    let url;
    try {
        url = new URL(ping);
    }
    catch {
        return undefined;
    }
    if (/\/trackback\/?$/i.test(url.pathname)) {
        url.pathname = url.pathname.replace(/trackback\/?$/i, '');
        return httpUrl(url.href);
    }
    const id = url.searchParams.get('p');
    if (/\/wp-trackback\.php$/i.test(url.pathname) && id && /^\d+$/.test(id)) {
        return httpUrl(new URL(`./?p=${id}`, url).href);
    }
    return undefined;
}
function httpUrl(text) {
    return /^https?:\/\//i.test(text) ? { kind: 'page', url: text } : undefined;
}
/**
 * Whether two URLs name the same page as a receiver shows it: the scheme,
 * `www.`, a default port, a trailing slash and the fragment do not matter.
 */
function samePage(a, b) {
    const ka = pageKey(a);
    return ka !== undefined && ka === pageKey(b);
}
function pageKey(text) {
    let url;
    try {
        url = new URL(text.trim());
    }
    catch {
        return undefined;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
        return undefined;
    const host = url.hostname.toLowerCase().replace(/^www\./, '');
    const port = url.port === '' ? '' : `:${url.port}`;
    const path = url.pathname.replace(/\/+$/, '');
    return `${host}${port}${path}${url.search}`;
}
/** Whether a list of links holds one to the post. */
function linksToPost(links, post) {
    return links.some((link) => samePage(link, post));
}

export { landedState as a, lookAt as b, linksToPost as c, dueLooks as d, lookable as l, recordLook as r, samePage as s };
