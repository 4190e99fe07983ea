import { g as getInput } from './core.js';
import { i as inputLines, a as parseIgnore } from './range.js';

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
 * Parse and validate the inputs. Collects every problem before throwing so
 * that a user fixes their workflow in one go.
 */
function parseSettings(read, eventName) {
    const problems = [];
    const text = (name) => read(name).trim();
    const optional = (name) => text(name) || undefined;
    const number = (name, fallback, { min, integer }) => {
        const raw = text(name);
        if (raw === '')
            return fallback;
        const value = Number(raw);
        const shape = integer ? /^\d+$/ : /^\d+(\.\d+)?$/;
        if (!shape.test(raw) || !Number.isFinite(value) || value < min) {
            const what = integer ? 'a whole number' : 'a number';
            problems.push(`Invalid input '${name}': '${raw}'. Expected ${what} ≥ ${min}.`);
            return fallback;
        }
        return value;
    };
    const boolean = (name, fallback) => {
        const raw = text(name);
        if (raw === '')
            return fallback;
        const value = parseBoolean(raw);
        if (value === undefined) {
            problems.push(`Invalid input '${name}': '${raw}'. Expected true or false.`);
            return fallback;
        }
        return value;
    };
    let dryRun;
    let dryRunReason;
    const dryRunRaw = text('dry-run').toLowerCase() || 'auto';
    if (dryRunRaw === 'auto') {
        dryRun = PULL_REQUEST_EVENTS.has(eventName);
        dryRunReason = dryRun
            ? `dry-run is auto and this is a ${eventName} event`
            : `dry-run is auto and this is a ${eventName || 'local'} event`;
    }
    else {
        const value = parseBoolean(dryRunRaw);
        if (value === undefined) {
            problems.push(`Invalid input 'dry-run': '${text('dry-run')}'. Expected true, false or auto.`);
        }
        dryRun = value ?? true;
        dryRunReason = `dry-run is ${dryRunRaw}`;
    }
    // Promise: nothing is sent from a pull request, whatever the input says.
    if (!dryRun && PULL_REQUEST_EVENTS.has(eventName)) {
        dryRun = true;
        dryRunReason = `${eventName} events never send (dry-run: ${dryRunRaw} overridden)`;
    }
    const workingDirectory = normaliseDirectory(text('working-directory'));
    if (workingDirectory === undefined) {
        problems.push(`Invalid input 'working-directory': '${text('working-directory')}'. Expected a path inside the repository.`);
    }
    const siteUrl = optional('site-url');
    if (siteUrl !== undefined && !isHttpUrl(siteUrl)) {
        problems.push(`Invalid input 'site-url': '${siteUrl}'. Expected an absolute http(s) URL such as https://example.org/blog.`);
    }
    const siteDirRaw = text('site-dir') || 'auto';
    const siteDir = ['auto', 'none'].includes(siteDirRaw.toLowerCase())
        ? siteDirRaw.toLowerCase()
        : normaliseDirectory(siteDirRaw);
    if (siteDir === undefined || siteDir === '') {
        problems.push(`Invalid input 'site-dir': '${siteDirRaw}'. Expected auto, none or a folder inside the site such as _site or public.`);
    }
    const frontMatterKey = text('front-matter-key') || 'trackback';
    const cacheKey = text('cache-key') || 'trackback-ledger';
    if (!/^[A-Za-z0-9._-]{1,200}$/.test(cacheKey)) {
        problems.push(`Invalid input 'cache-key': '${cacheKey}'. Expected letters, digits, '.', '_' or '-'.`);
    }
    const ledgerRef = parseLedgerRef(read('ledger-ref'), problems);
    const ignore = inputLines(read('ignore'));
    problems.push(...parseIgnore(ignore).problems);
    const settings = {
        workingDirectory: workingDirectory ?? '',
        posts: inputLines(read('posts')),
        siteUrl,
        permalink: optional('permalink'),
        blogName: optional('blog-name'),
        siteDir: siteDir || 'auto',
        frontMatterKey,
        dryRun,
        dryRunReason,
        maxAgeDays: number('max-age', 30, { min: 0, integer: false }),
        maxPings: number('max-pings', 50, { min: 0, integer: true }),
        timeoutMs: number('timeout', 15, { min: 0.001, integer: false }) * 1000,
        retries: number('retries', 2, { min: 0, integer: true }),
        hostDelayMs: number('host-delay', 2, { min: 0, integer: false }) * 1000,
        concurrency: number('concurrency', 4, { min: 1, integer: true }),
        runTimeoutMs: number('run-timeout', 600, { min: 0.001, integer: false }) * 1000,
        maxAttempts: number('max-attempts', 5, { min: 1, integer: true }),
        cacheKey,
        ledgerRef,
        githubToken: text('github-token'),
        allowPrivateNetworks: boolean('allow-private-networks', false),
        failOnError: boolean('fail-on-error', false),
        waitForLiveMs: number('wait-for-live', 120, { min: 0, integer: false }) * 1000,
        requireLink: boolean('require-link', false),
        resend: inputLines(read('resend')),
        ignore
    };
    if (problems.length > 0)
        throw new SettingsError(problems);
    return settings;
}
/** Read the settings from the action's inputs. */
function getSettings(eventName) {
    return parseSettings((name) => getInput(name), eventName);
}
/** action.yml's default for `ledger-ref` (durable-ledger.ts). */
const DEFAULT_LEDGER_REF = 'refs/trackback-action/ledger';
/**
 * The `ledger-ref` input: '' (the cache only) when empty or `none`, else a
 * ref name GitHub accepts for a new ref (`refs/` and at least two slashes),
 * each part a valid git name. The runner fills in action.yml's default when
 * the workflow does not set it.
 */
function parseLedgerRef(raw, problems) {
    const value = raw.trim();
    if (value === '' || value.toLowerCase() === 'none')
        return '';
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
        problems.push(`Invalid input 'ledger-ref': '${value}'. Expected a ref name such as ${DEFAULT_LEDGER_REF} (refs/ and at least two slashes), or none.`);
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

/** The action's version; a test keeps it equal to package.json's. */
const VERSION = '1.0.0';
/** Where people find out what sent them a ping. */
const PROJECT_URL = 'https://github.com/marketplace/actions/trackback-for-static-blogs';
/** Sent with every request so receivers know who is calling. */
const USER_AGENT = `trackback-action/${VERSION} (+${PROJECT_URL})`;

export { SettingsError as S, USER_AGENT as U, VERSION as V, getSettings as g, parseSettings as p };
