#!/usr/bin/env node
import { realpath } from 'node:fs/promises';
import * as path from 'node:path';
import { c as createGit, p as planRun } from './chunks/plan-run.js';
import { e as emptyLedger, C as ConfigError, S as SettingsError, p as parseSettings, f as flagNames, U as USER_AGENT, V as VERSION } from './chunks/settings.js';
import { c as checkPages, l as linkRule } from './chunks/page-check.js';
import './chunks/address-policy.js';
import 'node:dns';
import './chunks/commonjs-helpers.js';
import 'process';
import 'buffer';
import 'node:timers/promises';
import 'node:fs';
import 'node:child_process';
import 'os';
import 'crypto';
import 'fs';
import 'path';
import 'node:http';
import 'node:https';
import 'node:net';
import 'node:tls';

/** A user error on the command line (exit code 2). */
class UsageError extends Error {
}
/** Branches tried, in order, when origin/HEAD is not set. */
const DEFAULT_BRANCHES = ['origin/main', 'origin/master'];
/** Pick the commits to check. Throws UsageError when `since` names no commit. */
async function localRange(git, since) {
    const head = await git.resolve('HEAD');
    if (!head) {
        return {
            range: { kind: 'none', reason: 'the repository has no commit yet' },
            description: 'The repository has no commit yet: nothing to check.'
        };
    }
    const diff = (base) => ({
        kind: 'diff',
        base,
        head,
        mergeBase: true,
        source: 'local'
    });
    const short = (sha) => sha.slice(0, 7);
    if (since !== undefined) {
        const base = await git.resolve(since);
        if (!base) {
            throw new UsageError(`--since ${since}: no such commit, branch or tag in this repository.`);
        }
        return {
            range: diff(base),
            description: `Checking the commits on HEAD since ${since} (${short(base)}..${short(head)}).`
        };
    }
    const upstream = await git.refName('@{upstream}');
    const upstreamSha = upstream ? await git.resolve('@{upstream}') : undefined;
    if (upstream && upstreamSha) {
        return {
            range: diff(upstreamSha),
            description: upstreamSha === head
                ? `HEAD is at ${upstream}: no commit to push, nothing to check (use --since <ref> to check older commits).`
                : `Checking the commits not yet on ${upstream} (${short(upstreamSha)}..${short(head)}).`
        };
    }
    const remoteHead = await git.refName('refs/remotes/origin/HEAD');
    for (const name of remoteHead ? [remoteHead] : DEFAULT_BRANCHES) {
        const base = await git.resolve(name);
        if (!base)
            continue;
        return {
            range: diff(base),
            description: `HEAD has no upstream branch: checking the commits not on ${name}, the remote's default branch (${short(base)}..${short(head)}).`
        };
    }
    return {
        range: {
            kind: 'scan',
            head,
            reason: 'HEAD has no upstream branch and there is no origin remote'
        },
        description: 'HEAD has no upstream branch and there is no origin remote to compare with: checking every post dated within --max-age (use --since <ref> to choose the commits).'
    };
}

/**
 * The command line of `trackback-action`: parsing is pure (argv in, a
 * command out) so that it is tested with plain data. Flags named after the
 * action's inputs take the same values as the inputs.
 */
/** Flags that set one of the action's inputs and take a value. */
const INPUT_FLAGS = new Set([
    'site-url',
    'permalink',
    'working-directory',
    'blog-name',
    'front-matter-key',
    'max-age',
    'max-pings',
    'timeout',
    'site-dir'
]);
/** Input flags that may be given several times (newline-separated inputs). */
const LIST_FLAGS = new Set(['posts', 'ignore', 'resend']);
/** Input flags without a value (the input is set to `true`). */
const SWITCH_INPUTS = new Set(['allow-private-networks', 'require-link']);
/** The help text. */
const HELP = `Usage: trackback-action check [options]

Shows, for the commits a push would publish, each post's public URL, each
target's ping URL and what the action would do with it. It never sends.
Run it in your blog's repository (a pre-push hook works: the exit code is 1
when something is invalid).

Which commits:
  (default)                 the commits not yet on HEAD's upstream branch,
                            else not on the remote's default branch
  --since <ref>             the commits on HEAD since <ref>

Checks:
  --live                    also fetch the public URL of each post that
                            would be pinged: it must answer 200 (once, no
                            waiting); a missing link to a target's page is
                            shown, and fails only with --require-link

Output:
  --json                    print the results as JSON
  --verbose                 log each step to stderr
  --no-color                no colours (also: NO_COLOR=1; colours are only
                            used on a terminal)

Action inputs (same values as in the workflow):
  --site-url <url>          the published site's base URL
  --permalink <pattern>     URL pattern for posts (Eleventy, Astro, ...)
  --working-directory <dir> the site's root, relative to the repository
                            root (default: the current directory)
  --posts <glob>            post sources, relative to the site root
                            (repeat for several)
  --ignore <pattern>        targets never to ping (repeat for several)
  --resend <path|url>       show these as sent again (repeat for several)
  --blog-name <name>        --front-matter-key <key>    --max-age <days>
  --max-pings <n>           --timeout <seconds>          --site-dir <dir>
  --require-link            --allow-private-networks

  -h, --help                this help
  -V, --version             the version

Exit codes: 0 nothing invalid, 1 something invalid (or, with --live, a
post not live), 2 a usage or configuration error.`;
/** Parse the arguments after `node cli.js`. Throws UsageError. */
function parseArgs(argv) {
    let command;
    let since;
    let live = false;
    let json = false;
    let verbose = false;
    let color;
    const inputs = {};
    const lists = {};
    for (let i = 0; i < argv.length; i++) {
        const arg = argv[i];
        if (arg === '-h' || arg === '--help')
            return { kind: 'help' };
        if (arg === '-V' || arg === '--version')
            return { kind: 'version' };
        if (!arg.startsWith('-') || arg === '-') {
            if (command !== undefined) {
                throw new UsageError(`Unexpected argument '${arg}'.`);
            }
            command = arg;
            continue;
        }
        if (arg === '--') {
            if (i + 1 < argv.length) {
                throw new UsageError(`Unexpected argument '${argv[i + 1]}'.`);
            }
            break;
        }
        const eq = arg.indexOf('=');
        const name = (eq === -1 ? arg : arg.slice(0, eq)).replace(/^--?/, '');
        const inline = eq === -1 ? undefined : arg.slice(eq + 1);
        const value = () => {
            if (inline !== undefined)
                return inline;
            const next = argv[i + 1];
            if (next === undefined || (next.startsWith('--') && next.length > 2)) {
                throw new UsageError(`--${name} needs a value.`);
            }
            i++;
            return next;
        };
        const flag = () => {
            if (inline !== undefined) {
                throw new UsageError(`--${name} takes no value.`);
            }
            return true;
        };
        if (!arg.startsWith('--')) {
            throw new UsageError(`Unknown option '${arg}'. See --help.`);
        }
        if (name === 'since')
            since = value();
        else if (name === 'live')
            live = flag();
        else if (name === 'json')
            json = flag();
        else if (name === 'verbose')
            verbose = flag();
        else if (name === 'no-color')
            color = !flag();
        else if (name === 'color')
            color = flag();
        else if (INPUT_FLAGS.has(name))
            inputs[name] = value();
        else if (LIST_FLAGS.has(name))
            (lists[name] ??= []).push(value());
        else if (SWITCH_INPUTS.has(name))
            inputs[name] = String(flag());
        else
            throw new UsageError(`Unknown option '--${name}'. See --help.`);
    }
    if (command === undefined) {
        throw new UsageError('Missing command: trackback-action check [options]. See --help.');
    }
    if (command !== 'check') {
        throw new UsageError(`Unknown command '${command}': the only command is check. See --help.`);
    }
    for (const [name, values] of Object.entries(lists)) {
        inputs[name] = values.join('\n');
    }
    return { kind: 'check', since, live, json, verbose, color, inputs };
}

/**
 * `trackback-action check`: the action's planning run on a developer's
 * machine, for the commits a push would publish. It calls the same
 * `planRun` as the action (with an empty ledger, in dry-run mode) and never
 * sends: a local send would be unknown to the action's ledger in the cache.
 */
/** Exit codes. */
const EXIT_OK = 0;
const EXIT_INVALID = 1;
const EXIT_USAGE = 2;
/** Run `check`; returns the exit code. Never throws for user errors. */
async function runCheck(command, io) {
    const paint = painter(command.color ?? (!!io.stdout.isTTY && !io.env.NO_COLOR));
    const say = (text) => void io.stderr.write(`${text}\n`);
    const progress = new Progress(io.stderr);
    const terminal = terminalLog(command, paint, say, progress);
    try {
        const git = createGit(io.cwd);
        const top = await git.topLevel();
        if (!top) {
            throw new UsageError("Not inside a git repository: run check in your blog's repository.");
        }
        const here = path.relative(await realpath(top), await realpath(io.cwd));
        const settings = checkSettings(command, here.split(path.sep).join('/'));
        const { range, description } = await localRange(git, command.since);
        const planned = await planRun({
            workspace: top,
            settings,
            now: io.now ?? new Date(),
            ledger: emptyLedger(),
            range,
            fallbackBlogName: path.basename(top)
        }, terminal.log);
        progress.clear();
        const rows = planned.plan.pings.map((p) => ({ ...p.result }));
        if (command.live)
            await checkLive(rows, settings, progress);
        const invalid = terminal.problems() > 0 ||
            planned.plan.overLimit !== undefined ||
            rows.some((r) => r.status === 'invalid' ||
                r.live?.ok === false ||
                (settings.requireLink && r.live?.linked === false));
        if (command.json) {
            io.stdout.write(`${JSON.stringify(jsonReport(planned, rows, description, invalid), null, 2)}\n`);
        }
        else {
            io.stdout.write(renderCheck(planned, rows, description, paint));
        }
        return invalid ? EXIT_INVALID : EXIT_OK;
    }
    catch (error) {
        progress.clear();
        if (error instanceof UsageError ||
            error instanceof ConfigError ||
            error instanceof SettingsError) {
            say(`${paint.red('error:')} ${error.message}`);
            return EXIT_USAGE;
        }
        throw error;
    }
}
/**
 * The planning Log on a terminal: warnings and problems on stderr with
 * their file and line, the rest only with --verbose; counts the problems.
 */
function terminalLog(command, paint, say, progress) {
    let problems = 0;
    const log = {
        names: flagNames,
        info: (message) => {
            if (command.verbose)
                say(message);
        },
        warning: (message, at) => {
            progress.clear();
            const where = at ? `${at.file}${at.line ? `:${at.line}` : ''}: ` : '';
            say(`${paint.yellow('warning:')} ${where}${message}`);
        },
        problem: (problem, title) => {
            problems++;
            progress.clear();
            say(`${paint.red('error:')} ${problem.file}${problem.line ? `:${problem.line}` : ''}: ${title}: ${problem.message}`);
        },
        group: async (name, fn) => {
            if (command.verbose)
                say(paint.bold(`[${name}]`));
            return fn();
        },
        progress: (what, done, total) => progress.show(what, done, total)
    };
    return { log, problems: () => problems };
}
/**
 * The action's settings from the flags: the same parser and defaults as the
 * workflow's inputs, always a dry run, no token (local git only).
 */
function checkSettings(command, workingDirectory) {
    const read = (name) => {
        if (name === 'dry-run')
            return 'true';
        if (name === 'github-token')
            return '';
        if (name === 'working-directory') {
            return command.inputs[name] ?? workingDirectory;
        }
        return command.inputs[name] ?? '';
    };
    try {
        return parseSettings(read, '');
    }
    catch (error) {
        if (error instanceof SettingsError) {
            throw new SettingsError(error.problems.map((p) => p.replace(/^Invalid input '([^']+)'/, 'Invalid --$1')));
        }
        throw error;
    }
}
function painter(enabled) {
    const sgr = (on, off) => (text) => enabled ? `\x1b[${on}m${text}\x1b[${off}m` : text;
    return {
        red: sgr(31, 39),
        green: sgr(32, 39),
        yellow: sgr(33, 39),
        dim: sgr(2, 22),
        bold: sgr(1, 22)
    };
}
/** How each status reads in the terminal. */
const LABEL = {
    'dry-run': ['would send', 'green'],
    sent: ['sent', 'green'],
    'already-sent': ['already sent', 'dim'],
    pending: ['pending', 'yellow'],
    skipped: ['skipped', 'yellow'],
    invalid: ['invalid', 'red'],
    rejected: ['rejected', 'red'],
    failed: ['failed', 'red']
};
const LABEL_WIDTH = 12;
/** The text report: one block per post, then the totals. */
function renderCheck(planned, rows, description, paint = painter(false)) {
    const out = [description];
    const byPost = new Map();
    for (const r of rows)
        byPost.set(r.post, [...(byPost.get(r.post) ?? []), r]);
    for (const [post, list] of byPost) {
        const url = list.find((r) => r.url)?.url;
        out.push('', paint.bold(post));
        if (url)
            out.push(`  ${url}`);
        for (const r of list) {
            const [label, colour] = LABEL[r.status];
            const head = `  ${paint[colour](label.padEnd(LABEL_WIDTH))} ${r.target || '(post)'}`;
            out.push(head);
            if (r.ping && r.ping !== r.target) {
                out.push(`  ${' '.repeat(LABEL_WIDTH)} ${paint.dim(`ping ${r.ping}`)}`);
            }
            const message = r.status === 'dry-run' && r.message === 'Would be sent.'
                ? ''
                : r.status === 'invalid' && r.line !== undefined
                    ? `line ${r.line}: ${r.message}`
                    : r.message;
            if (message)
                out.push(`  ${' '.repeat(LABEL_WIDTH)} ${message}`);
            if (r.live) {
                const mark = !r.live.ok
                    ? paint.red('not live')
                    : r.live.linked
                        ? paint.green('live')
                        : paint.yellow('live, no link');
                out.push(`  ${' '.repeat(LABEL_WIDTH)} ${mark}: ${r.live.message}`);
            }
        }
    }
    const counts = checkCounts(rows);
    if (byPost.size === 0)
        out.push('', 'No post with TrackBack targets changed.');
    out.push('', `${counts.wouldSend} ping(s) would be sent, ${counts.invalid} invalid, ${counts.pending} pending, ${counts.skipped} skipped. Nothing was sent (check never sends).`);
    if (planned.plan.overLimit)
        out.push(paint.red(planned.plan.overLimit));
    return `${out.join('\n')}\n`;
}
/**
 * Count the check's rows, each in exactly one count. Check never sends and
 * starts from an empty ledger, so the other statuses (sent, failed,
 * already-sent, ...) do not occur; any would count as skipped (not sent).
 */
function checkCounts(rows) {
    const counts = {
        wouldSend: 0,
        invalid: 0,
        pending: 0,
        skipped: 0
    };
    for (const r of rows) {
        if (r.status === 'dry-run')
            counts.wouldSend++;
        else if (r.status === 'invalid')
            counts.invalid++;
        else if (r.status === 'pending')
            counts.pending++;
        else
            counts.skipped++;
    }
    return counts;
}
function jsonReport(planned, rows, description, invalid) {
    return {
        ok: !invalid,
        commits: description,
        site: { url: planned.site.url, generator: planned.site.generator },
        blogName: planned.blogName,
        results: rows,
        counts: checkCounts(rows),
        overLimit: planned.plan.overLimit ?? null,
        notes: planned.notes
    };
}
/**
 * `--live`: fetch each post that would be pinged, once, through the same
 * address policy and page reader as the action's wait-for-live (one try,
 * no waiting), and check its links with the action's link rule.
 */
async function checkLive(rows, settings, progress) {
    const wanted = rows.filter((r) => r.status === 'dry-run' && r.url);
    const urls = [...new Set(wanted.map((r) => r.url))];
    progress.show(`Fetching ${urls.length} post page(s)`, 0, urls.length);
    const checks = await checkPages(urls, {
        timeoutMs: settings.timeoutMs,
        userAgent: USER_AGENT,
        allowPrivateNetworks: settings.allowPrivateNetworks,
        waitMs: 0,
        concurrency: settings.concurrency
    });
    progress.clear();
    for (const row of wanted) {
        const check = checks.get(row.url);
        if (!check)
            continue;
        if (!check.live) {
            row.live = { ok: false, message: check.reason };
            continue;
        }
        const rule = linkRule(row.ping);
        const linked = (check.links ?? []).some((link) => rule.matches(link));
        row.live = {
            ok: true,
            linked,
            message: linked
                ? `answers 200 and links to ${rule.expected}`
                : `answers 200 but does not link to ${rule.expected}${check.links ? '' : ' (the page is not HTML)'}${settings.requireLink ? ' (--require-link)' : ''}`
        };
    }
}
/** A one-line progress counter on stderr, only on a terminal. */
class Progress {
    stream;
    shown = false;
    constructor(stream) {
        this.stream = stream;
    }
    /**
     * Long phases only: a handful of posts is read before it could be seen.
     * `done` 0 announces a phase whose items are not counted one by one.
     */
    show(what, done, total) {
        if (!this.stream.isTTY || (done > 0 && total < 20))
            return;
        this.stream.write(`\r\x1b[K${what}${done > 0 ? ` ${done}/${total}` : '…'}`);
        this.shown = true;
        if (done >= total && done > 0)
            this.clear();
    }
    clear() {
        if (!this.shown)
            return;
        this.stream.write('\r\x1b[K');
        this.shown = false;
    }
}

/**
 * The command-line entry (dist/cli.js, `npx trackback-action check`): it
 * needs no runner environment and no cache service.
 */
let command;
try {
    command = parseArgs(process.argv.slice(2));
}
catch (error) {
    if (!(error instanceof UsageError))
        throw error;
    process.stderr.write(`error: ${error.message}\n`);
    process.exitCode = EXIT_USAGE;
}
if (command?.kind === 'help')
    process.stdout.write(`${HELP}\n`);
else if (command?.kind === 'version')
    process.stdout.write(`${VERSION}\n`);
else if (command?.kind === 'check') {
    process.exitCode = await runCheck(command, {
        cwd: process.cwd(),
        env: process.env,
        stdout: process.stdout,
        stderr: process.stderr
    });
}
