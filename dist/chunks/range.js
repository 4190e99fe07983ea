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

export { ConfigError as C, inputLines as a, pickRange as b, isPost as c, describeRange as d, ignoredBy as e, flagNames as f, inputNames as i, parseIgnore as p };
