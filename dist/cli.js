#!/usr/bin/env node
import { readdir, readFile, realpath } from 'node:fs/promises';
import * as path from 'node:path';
import { c as createGit, g as gitText } from './chunks/git.js';
import { d as distExports, p as planRun, l as loadSite, a as postMatcher, r as relativeTo } from './chunks/plan-run.js';
import { e as emptyLedger, m as mergeLedgers } from './chunks/ledger.js';
import { h as headOf, c as claimKey, F as FileLedgerStore, L as LEDGER_FILE, l as landedOptions, S as SettingsError, a as LedgerFileError, p as parseSettings, b as lockSends, t as trackback, d as countResults } from './chunks/summary.js';
import { e as errorMessage, i as isRecord, U as USER_AGENT, V as VERSION } from './chunks/arxiv.js';
import { l as lookable, a as landedState } from './chunks/where.js';
import { c as checkPages, l as linkRule } from './chunks/page-check.js';
import { previewPages } from './chunks/preview.js';
import { C as ConfigError, f as flagNames } from './chunks/range.js';
import { tmpdir } from 'node:os';
import 'node:child_process';
import './chunks/address-policy.js';
import 'node:dns';
import './chunks/commonjs-helpers.js';
import 'process';
import 'buffer';
import 'node:timers/promises';
import 'node:fs';
import './chunks/ping-url.js';
import 'node:crypto';
import 'os';
import 'crypto';
import 'fs';
import 'path';
import './chunks/coverage.js';
import 'node:http';
import 'node:https';
import 'node:net';
import 'node:tls';
import './chunks/page-target.js';

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
    'site-dir',
    'landed-days'
]);
/** Input flags that may be given several times (newline-separated inputs). */
const LIST_FLAGS = new Set(['posts', 'ignore', 'resend']);
/** Input flags without a value (the input is set to `true`). */
const SWITCH_INPUTS = new Set(['allow-private-networks', 'require-link']);
/** The help text. */
const HELP = `Usage: trackback-action check [options]
       trackback-action send [--dry-run] [options]

check  Shows, for the commits a push would publish, each post's public URL,
       each target's ping URL and what the action would do with it. It
       never sends. A pre-push hook works: the exit code is 1 when
       something is invalid.
send   Sends, from this computer, the pings of the posts committed since
       the last send (the first time: the posts dated within --max-age),
       once each post is live, and records them in .trackback-ledger.json
       at the repository's root, which it commits (the action reads it, so
       neither sends a ping twice). Posts with uncommitted changes are
       refused. When a workflow runs the action, send reads the action's
       ledger ref first, and refuses without one.

Run either in your blog's repository. Neither needs \`npm ci\`: they run
from the committed dist/.

Which commits:
  (default)                 check: the commits not yet on HEAD's upstream
                            branch, else not on the remote's default branch;
                            send: the commits since the last send
  --since <ref>             the commits on HEAD since <ref>

Checks:
  --live                    check: also fetch the public URL of each post
                            that would be pinged: it must answer 200 (once,
                            no waiting); a missing link to a target's page
                            is shown, and fails only with --require-link;
                            and read each article page a target names, to
                            show the protocol and endpoint it would get;
                            and whether past pings (.trackback-ledger.json,
                            the action's ledger ref) show on their receivers
  --dry-run                 send: show what would be sent; send nothing
  --no-commit               send: leave .trackback-ledger.json uncommitted

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
  --resend <path|url>       send these again (repeat for several)
  --blog-name <name>        --front-matter-key <key>    --max-age <days>
  --max-pings <n>           --timeout <seconds>          --site-dir <dir>
  --landed-days <days>      --require-link       --allow-private-networks

  -h, --help                this help
  -V, --version             the version

Exit codes: 0 nothing invalid or failed, 1 something invalid or failed
(check --live: a post not live), 2 a usage or configuration error.`;
/** Parse the arguments after `node cli.js`. Throws UsageError. */
function parseArgs(argv) {
    let command;
    const options = {
        live: false,
        dryRun: false,
        commit: true,
        json: false,
        verbose: false,
        inputs: {}
    };
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
        i = readOption(argv, i, options, lists);
    }
    for (const [name, values] of Object.entries(lists)) {
        options.inputs[name] = values.join('\n');
    }
    return { kind: commandName(command, options), ...options };
}
/**
 * Read the option at argv[i] into `options` (list flags into `lists`);
 * returns the index of the last argument it used.
 */
function readOption(argv, i, options, lists) {
    const arg = argv[i];
    if (!arg.startsWith('--')) {
        throw new UsageError(`Unknown option '${arg}'. See --help.`);
    }
    const eq = arg.indexOf('=');
    const name = (eq === -1 ? arg : arg.slice(0, eq)).slice(2);
    const inline = eq === -1 ? undefined : arg.slice(eq + 1);
    let used = i;
    const value = () => {
        if (inline !== undefined)
            return inline;
        const next = argv[i + 1];
        if (next === undefined || (next.startsWith('--') && next.length > 2)) {
            throw new UsageError(`--${name} needs a value.`);
        }
        used = i + 1;
        return next;
    };
    const flag = () => {
        if (inline !== undefined) {
            throw new UsageError(`--${name} takes no value.`);
        }
        return true;
    };
    if (name === 'since')
        options.since = value();
    else if (name === 'live')
        options.live = flag();
    else if (name === 'dry-run')
        options.dryRun = flag();
    else if (name === 'no-commit')
        options.commit = !flag();
    else if (name === 'json')
        options.json = flag();
    else if (name === 'verbose')
        options.verbose = flag();
    else if (name === 'no-color')
        options.color = !flag();
    else if (name === 'color')
        options.color = flag();
    else if (INPUT_FLAGS.has(name))
        options.inputs[name] = value();
    else if (LIST_FLAGS.has(name))
        (lists[name] ??= []).push(value());
    else if (SWITCH_INPUTS.has(name))
        options.inputs[name] = String(flag());
    else
        throw new UsageError(`Unknown option '--${name}'. See --help.`);
    return used;
}
/** The command named, checked against the options given with it. */
function commandName(command, options) {
    if (command === undefined) {
        throw new UsageError('Missing command: trackback-action check|send [options]. See --help.');
    }
    if (command !== 'check' && command !== 'send') {
        throw new UsageError(`Unknown command '${command}': the commands are check and send. See --help.`);
    }
    if (command === 'check' && (options.dryRun || !options.commit)) {
        throw new UsageError(`--${options.dryRun ? 'dry-run' : 'no-commit'} is an option of send: check never sends.`);
    }
    if (command === 'send' && options.live) {
        throw new UsageError('--live is an option of check: send always checks that each post is live before pinging it.');
    }
    return command;
}

/**
 * What `send` must know of the action before sending from a computer: does
 * a workflow of this repository run trackback-action, and if so, what has
 * it sent? The action's ledger is in the Actions cache (which only a runner
 * can read) unless the workflow sets `ledger-ref`; then it is a git ref of
 * the repository, which `send` fetches from `origin` and reads.
 *
 * - No workflow runs the action: the ledger file alone decides.
 * - One does, with `ledger-ref`: its ledger and claims count as done.
 * - One does, without: `send` refuses, since it cannot know what the action
 *   sent, and sending twice is spam.
 */
/**
 * The steps of `.github/workflows/*.yml` whose `uses` names
 * trackback-action (any owner, any version), with their `ledger-ref`;
 * not those whose `dry-run` is literally true (they never send).
 * Unreadable workflow files are skipped: GitHub would not run them either.
 */
async function findActionSteps(top) {
    const dir = path.join(top, '.github', 'workflows');
    let names;
    try {
        names = await readdir(dir);
    }
    catch {
        return [];
    }
    const steps = [];
    for (const name of names.sort()) {
        if (!/\.ya?ml$/.test(name))
            continue;
        const file = `.github/workflows/${name}`;
        let text;
        try {
            text = await readFile(path.join(dir, name), 'utf8');
        }
        catch {
            continue;
        }
        steps.push(...actionSteps(text, file));
    }
    return steps;
}
/** The action's steps in one workflow's text (pure). */
function actionSteps(text, file) {
    let data;
    try {
        data = distExports.parse(text);
    }
    catch {
        return [];
    }
    const jobs = isRecord(data) && isRecord(data.jobs) ? data.jobs : {};
    const found = [];
    for (const job of Object.values(jobs)) {
        const list = isRecord(job) && Array.isArray(job.steps) ? job.steps : [];
        for (const step of list) {
            if (!isRecord(step) || typeof step.uses !== 'string')
                continue;
            const uses = step.uses.split('@')[0] ?? '';
            if (!/(^|\/)trackback-action(\/|$)/.test(uses))
                continue;
            const inputs = isRecord(step.with) ? step.with : {};
            // A step that is always a dry run never sends (an expression may).
            const dryRun = inputs['dry-run'];
            if (dryRun === true || String(dryRun).trim() === 'true')
                continue;
            const raw = inputs['ledger-ref'];
            const ledgerRef = typeof raw === 'string' ? raw.trim() : '';
            found.push({
                file,
                ledgerRef: ledgerRef.toLowerCase() === 'none' ? '' : ledgerRef
            });
        }
    }
    return found;
}
/**
 * Why `send` must not run beside these steps, or undefined when it may:
 * some step keeps its ledger in the cache only.
 */
function cacheOnlyRefusal(steps) {
    const cacheOnly = steps.filter((s) => s.ledgerRef === '');
    if (cacheOnly.length === 0)
        return undefined;
    const files = [...new Set(cacheOnly.map((s) => s.file))].join(', ');
    return `${files} runs trackback-action with its ledger in the Actions cache, which only a workflow run can read: a send from this computer could repeat the pings it sent. Set \`ledger-ref: refs/trackback-action/ledger\` in that step (the action then keeps its ledger in the repository, where send reads it), or send from the workflow only. Nothing was sent.`;
}
/**
 * Fetch the action's ledger ref from `origin` and read it. Throws an Error
 * in the user's words when it cannot be read; a ref that does not exist
 * yet (the action has not saved a ledger) is an empty ledger.
 */
async function fetchActionLedger(git, ref) {
    const local = `refs/trackback-action-remote/${ref.replace(/^refs\//, '')}`;
    const listed = await git(['ls-remote', 'origin', ref]).catch((error) => {
        throw new Error(`Could not ask origin for the action's ledger ${ref}: ${errorMessage(error)} Nothing was sent.`);
    });
    if (listed.trim() === '') {
        return {
            from: `${ref} (not created yet)`,
            ledger: emptyLedger(),
            claimed: () => false
        };
    }
    await git(['fetch', '--quiet', '--no-tags', 'origin', `+${ref}:${local}`]);
    const commit = (await git(['rev-parse', local])).trim();
    const show = (name) => git(['show', `${commit}:${name}`]).catch(() => undefined);
    const head = headOf(ref, commit, await show('ledger.json'), await show('claims.json'));
    if (head.refusal)
        throw new Error(`${head.refusal}. Nothing was sent.`);
    const claims = head.claims?.claims ?? {};
    return {
        from: `${ref}@${commit.slice(0, 7)}`,
        ledger: head.ledger,
        claimed: (name) => Object.hasOwn(claims, claimKey(name))
    };
}

/**
 * `check --live`'s "Landed" section: did the blog's past pings show on
 * their receivers? The past pings are those a computer can read: the ledger
 * file `send` keeps, and the action's ledger ref when a workflow sets one
 * (the Actions cache is readable only from a workflow). A ping the ledger
 * already saw is shown as such; every other one followed by the landed rule
 * (landed/) gets one look now, with the same reader as the action's. It
 * reads only: nothing is sent, and no ledger is written.
 */
/** The past pings this computer can read, with notes on what it cannot. */
async function pastLedger(top, git) {
    const notes = [];
    let ledger = emptyLedger();
    try {
        const file = await new FileLedgerStore(path.join(top, LEDGER_FILE), {
            now: () => new Date()
        }).read();
        ledger = file.ledger;
    }
    catch (error) {
        notes.push(errorMessage(error));
    }
    const steps = await findActionSteps(top);
    if (cacheOnlyRefusal(steps)) {
        notes.push("A workflow keeps the action's ledger in the Actions cache, which only a workflow can read: the pings it sent are not shown here (set ledger-ref to keep them in the repository).");
    }
    for (const ref of new Set(steps.map((s) => s.ledgerRef))) {
        if (ref === '')
            continue;
        try {
            const read = await fetchActionLedger(git, ref);
            ledger = mergeLedgers(ledger, read.ledger);
        }
        catch (error) {
            notes.push(errorMessage(error).replace(/ Nothing was sent\.$/, ''));
        }
    }
    return { ledger, notes };
}
/**
 * Look at each followed past ping not seen yet (one look each, spaced per
 * host) and say where each stands.
 */
async function landedSection(ledger, settings, now) {
    const lines = [];
    const toLook = [];
    for (const key of Object.keys(ledger.entries).sort()) {
        const entry = ledger.entries[key];
        if (entry.status !== 'sent' || !lookable(entry))
            continue;
        const state = landedState(entry, now, settings.landedDays);
        if (state.state === 'visible') {
            lines.push(line(entry, 'visible', `visible since ${day(state.since)}`));
        }
        else if (state.state === 'given-up') {
            lines.push(line(entry, 'given-up', `not visible after ${state.days} days`));
        }
        else if (state.state === 'waiting') {
            toLook.push(entry);
        }
    }
    if (toLook.length === 0)
        return lines;
    const { checkLanded } = await import('./chunks/check.js');
    const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
    const looks = await checkLanded(toLook, landedOptions(settings, now, sleep));
    for (const look of looks) {
        const age = Math.floor((now.getTime() - Date.parse(look.entry.updated)) / 86_400_000);
        const state = look.seen === true
            ? 'visible'
            : look.seen === false
                ? 'not-visible'
                : 'unknown';
        lines.push(line(look.entry, state, `${look.message} (sent ${age} day(s) ago)`));
    }
    return lines;
}
function line(entry, state, message) {
    return {
        source: entry.source,
        post: entry.post,
        target: entry.target,
        state,
        message
    };
}
function day(iso) {
    return iso.slice(0, 10);
}
const LABELS = {
    visible: ['visible', 'green'],
    'not-visible': ['not yet', 'yellow'],
    'given-up': ['given up', 'red'],
    unknown: ['unknown', 'dim']
};
/** The section as terminal lines. */
function renderLanded(section, paint) {
    const out = ['', paint.bold('Landed: past pings on their receivers')];
    for (const note of section.notes)
        out.push(`  ${paint.dim(note)}`);
    if (section.lines.length === 0) {
        out.push('  No sent ping to follow.');
    }
    for (const l of section.lines) {
        const [label, colour] = LABELS[l.state];
        out.push(`  ${paint[colour](label.padEnd(12))} ${l.source} → ${l.target}`);
        out.push(`  ${' '.repeat(12)} ${l.message}`);
    }
    return out;
}

/**
 * The command line's terminal: colours, the progress line, and the planning
 * Log that writes warnings and problems with their file and line. Shared by
 * `check` and `send`.
 */
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
/** One block per post: its source, its URL, then a line or more per target. */
function renderPosts(rows, paint) {
    const out = [];
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
    return out;
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
/** Exit codes. */
const EXIT_OK = 0;
const EXIT_INVALID = 1;
const EXIT_USAGE = 2;
/**
 * A user's error (usage, configuration, settings, an unreadable ledger
 * file) as one line on stderr and exit code 2; anything else is a bug and
 * is thrown on.
 */
function usageExit(error, say, paint) {
    if (error instanceof UsageError ||
        error instanceof ConfigError ||
        error instanceof SettingsError ||
        error instanceof LedgerFileError) {
        say(`${paint.red('error:')} ${error.message}`);
        return EXIT_USAGE;
    }
    throw error;
}
/**
 * The terminal of `check` or `send`: colours when asked, else on a
 * terminal without NO_COLOR.
 */
function openTerminal(command, io) {
    const paint = painter(command.color ?? (!!io.stdout.isTTY && !io.env.NO_COLOR));
    const say = (text) => void io.stderr.write(`${text}\n`);
    const progress = new Progress(io.stderr);
    const { log, problems } = terminalLog(command, paint, say, progress);
    return { paint, say, progress, log, problems };
}

/**
 * `trackback-action check`: the action's planning run on a developer's
 * machine, for the commits a push would publish. It calls the same
 * `planRun` as the action (with an empty ledger, in dry-run mode) and never
 * sends: a local send would be unknown to the action's ledger in the cache.
 */
/** Run `check`; returns the exit code. Never throws for user errors. */
async function runCheck(command, io) {
    const terminal = openTerminal(command, io);
    const { paint, say, progress } = terminal;
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
            await checkLive(planned, rows, settings, progress);
        const landed = command.live
            ? await landedFor(top, settings, io.now ?? new Date(), progress)
            : undefined;
        const invalid = terminal.problems() > 0 ||
            planned.plan.overLimit !== undefined ||
            rows.some((r) => r.status === 'invalid' ||
                r.live?.ok === false ||
                (settings.requireLink && r.live?.linked === false));
        if (command.json) {
            io.stdout.write(`${JSON.stringify({ ...jsonReport(planned, rows, description, invalid), ...(landed ? { landed } : {}) }, null, 2)}\n`);
        }
        else {
            io.stdout.write(renderCheck(planned, rows, description, paint));
            if (landed)
                io.stdout.write(`${renderLanded(landed, paint).join('\n')}\n`);
        }
        return invalid ? EXIT_INVALID : EXIT_OK;
    }
    catch (error) {
        progress.clear();
        return usageExit(error, say, paint);
    }
}
/**
 * The action's settings from the flags: the same parser and defaults as the
 * workflow's inputs, always a dry run, no token (local git only).
 */
function checkSettings(command, workingDirectory) {
    const read = (name) => {
        // check never sends; send does unless --dry-run.
        if (name === 'dry-run') {
            return command.kind === 'send' && !command.dryRun ? 'false' : 'true';
        }
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
/** The text report: one block per post, then the totals. */
function renderCheck(planned, rows, description, paint = painter(false)) {
    const out = [description, ...renderPosts(rows, paint)];
    const counts = checkCounts(rows);
    if (rows.length === 0)
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
/** `--live`: the Landed section of the blog's past pings (cli/landed.ts). */
async function landedFor(top, settings, now, progress) {
    const { ledger, notes } = await pastLedger(top, (args) => gitText(top, args));
    progress.show('Looking whether past pings landed', 0, 1);
    const lines = await landedSection(ledger, settings, now);
    progress.clear();
    return { lines, notes };
}
/**
 * `--live`: fetch each post that would be pinged, once, through the same
 * address policy and page reader as the action's wait-for-live (one try,
 * no waiting), and check its links with the action's link rule; then read
 * each article page a target names, as a dry run does.
 */
async function checkLive(planned, rows, settings, progress) {
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
    // Article pages: the same GET a run makes, so each row names the
    // protocol and endpoint it would get (send/preview.ts).
    progress.show('Reading article pages', 0, rows.length);
    await previewPages(planned.plan.pings.map((p, i) => ({
        result: rows[i],
        request: p.request
    })), {
        timeoutMs: settings.timeoutMs,
        userAgent: USER_AGENT,
        allowPrivateNetworks: settings.allowPrivateNetworks,
        concurrency: settings.concurrency,
        protocols: settings.protocols
    });
    progress.clear();
}

/**
 * `trackback-action send`: the action's run (run/run.ts, the very same
 * sequence) from a blog's repository on a computer, for blogs that do not
 * deploy from GitHub Actions, or to send once by hand. What it sent goes to
 * the ledger file, `.trackback-ledger.json` at the repository's root
 * (ledger/file-store.ts), which it commits: the action reads that file, so
 * a ping sent from here is never sent again by a workflow.
 *
 * Before anything is sent:
 * - posts with uncommitted changes are refused (the ledger records commits);
 * - when a workflow runs the action, its ledger ref is fetched and counts
 *   (cli/action-ledger.ts); without a ledger ref, send refuses;
 * - one send at a time per repository (a lock in the git directory).
 */
/** Run `send`; returns the exit code. Never throws for user errors. */
async function runSend(command, io) {
    const terminal = openTerminal(command, io);
    const { paint, say, progress } = terminal;
    try {
        const top = await createGit(io.cwd).topLevel();
        if (!top) {
            throw new UsageError("Not inside a git repository: run send in your blog's repository.");
        }
        const here = path.relative(await realpath(top), await realpath(io.cwd));
        const settings = checkSettings(command, here.split(path.sep).join('/'));
        const git = (args) => gitText(top, args);
        const gitDir = (await git(['rev-parse', '--absolute-git-dir'])).trim();
        const release = await lockSends(gitDir);
        if (!release) {
            throw new UsageError(`Another send is running in this repository. If none is, a send was killed: delete ${path.join(gitDir, 'trackback-action.lock')} and run send again.`);
        }
        try {
            const sent = await sendFrom(top, command, settings, git, terminal.log);
            progress.clear();
            return await finish(command, sent, git, { io, paint, say });
        }
        finally {
            await release();
        }
    }
    catch (error) {
        progress.clear();
        return usageExit(error, say, paint);
    }
}
/** The checks before sending, then the action's run with the file ledger. */
async function sendFrom(top, command, settings, git, log) {
    const head = (await git(['rev-parse', '--verify', '--quiet', 'HEAD']).catch(() => '')).trim();
    if (!head)
        throw new UsageError('The repository has no commit yet: nothing to send.');
    await refuseUncommittedPosts(top, settings, git);
    const action = await actionLedger(top, git, log);
    const now = new Date();
    const store = new FileLedgerStore(path.join(top, LEDGER_FILE), {
        also: action?.ledger,
        alsoClaimed: action?.claimed,
        now: () => new Date()
    });
    // A file that cannot be read stops the send before anything else.
    const { ledger } = await store.read();
    const context = {
        eventName: 'local',
        payload: {},
        sha: head,
        workspace: top,
        repository: `local/${path.basename(top)}`,
        runId: `local-${now.getTime()}`,
        runAttempt: '1',
        runnerTemp: tmpdir(),
        range: command.since
            ? await sinceRange(git, command.since, head)
            : undefined
    };
    let published;
    const failure = await trackback(context, settings, now, {
        openStore: () => store,
        env: {},
        publish: async (report) => {
            published = report;
            return countResults(report.results);
        },
        sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
        clock: () => Date.now()
    }, log);
    if (!published)
        throw new Error('The run ended without a report.');
    return {
        failure,
        report: published,
        description: describe(command, settings, ledger.lastCommit, head)
    };
}
/** The output's first line: which commits this send looked at. */
function describe(command, settings, lastCommit, head) {
    const span = (base) => `${base.slice(0, 7)}..${head.slice(0, 7)}`;
    if (command.since) {
        return `Sending for the commits on HEAD since ${command.since}.`;
    }
    if (lastCommit) {
        return lastCommit === head
            ? `No commit since the last send (${LEDGER_FILE}): only pings left to retry.`
            : `Sending for the commits since the last send (${span(lastCommit)}), and pings left to retry.`;
    }
    return `First send from this repository (no ${LEDGER_FILE} yet): the posts dated within the last ${settings.maxAgeDays} days (--max-age).`;
}
/** `--since <ref>`: the commits on HEAD since it. */
async function sinceRange(git, since, head) {
    const base = (await git(['rev-parse', '--verify', '--quiet', `${since}^{commit}`]).catch(() => '')).trim();
    if (!base) {
        throw new UsageError(`--since ${since}: no such commit, branch or tag in this repository.`);
    }
    return { kind: 'diff', base, head, mergeBase: false, source: 'ledger' };
}
/**
 * Refuse to send while post sources have uncommitted changes: the ledger
 * would record a commit whose posts are not what was sent.
 */
async function refuseUncommittedPosts(top, settings, git) {
    const siteDir = settings.workingDirectory;
    const { site } = await loadSite(path.join(top, siteDir), {
        siteUrl: settings.siteUrl,
        permalink: settings.permalink,
        blogName: settings.blogName
    });
    const isPost = postMatcher(settings.posts, site);
    const status = await git([
        'status',
        '--porcelain=v1',
        '-z',
        '--untracked-files=all'
    ]);
    const changed = [];
    const fields = status.split('\0');
    for (let i = 0; i < fields.length; i++) {
        const field = fields[i];
        if (field.length < 4)
            continue;
        // A rename's entry is followed by its old path.
        if (field[0] === 'R' || field[0] === 'C')
            i++;
        const file = field.slice(3);
        const inSite = relativeTo(siteDir, file);
        if (inSite !== undefined && isPost(inSite))
            changed.push(file);
    }
    if (changed.length === 0)
        return;
    const list = changed.slice(0, 10).join(', ');
    const more = changed.length > 10 ? ` and ${changed.length - 10} more` : '';
    throw new UsageError(`Posts have uncommitted changes: ${list}${more}. Commit them (or stash them) and run send again: send pings what is committed, and records it by commit. Nothing was sent.`);
}
/** The action's ledger when a workflow runs the action; refuses without one. */
async function actionLedger(top, git, log) {
    const steps = await findActionSteps(top);
    if (steps.length === 0)
        return undefined;
    const refusal = cacheOnlyRefusal(steps);
    if (refusal)
        throw new UsageError(refusal);
    const refs = [...new Set(steps.map((s) => s.ledgerRef))];
    let merged;
    for (const ref of refs) {
        let read;
        try {
            read = await fetchActionLedger(git, ref);
        }
        catch (error) {
            throw new UsageError(errorMessage(error));
        }
        log.info(`Read the action's ledger from ${read.from}: ${Object.keys(read.ledger.entries).length} pings.`);
        merged = merged ? joinActionLedgers(merged, read) : read;
    }
    return merged;
}
function joinActionLedgers(a, b) {
    return {
        from: `${a.from}, ${b.from}`,
        ledger: {
            version: 1,
            entries: { ...a.ledger.entries, ...b.ledger.entries }
        },
        claimed: (name) => a.claimed(name) || b.claimed(name)
    };
}
/** Print the results, commit the ledger file, and give the exit code. */
async function finish(command, sent, git, out) {
    const { io, paint, say } = out;
    const { report, description, failure } = sent;
    const counts = countResults(report.results);
    const bad = counts.failed > 0 || failure !== undefined;
    if (command.json) {
        io.stdout.write(`${JSON.stringify({ ok: !bad, dryRun: report.dryRun, commits: description, results: report.results, counts, failure: failure ?? null }, null, 2)}\n`);
    }
    else {
        const lines = [description, ...renderPosts(report.results, paint)];
        if (report.results.length === 0)
            lines.push('', 'No ping to send.');
        lines.push('', report.dryRun
            ? `${counts.wouldSend} ping(s) would be sent, ${counts.failed} invalid, ${counts.pending} pending, ${counts.skipped - counts.wouldSend} skipped. Nothing was sent (--dry-run).`
            : `${counts.sent} sent, ${counts.failed} failed or invalid, ${counts.pending} pending, ${counts.skipped} skipped.`);
        io.stdout.write(`${lines.join('\n')}\n`);
    }
    if (failure)
        say(`${paint.red('error:')} ${failure}`);
    if (!report.dryRun)
        await commitLedger(command, git, say);
    return bad ? EXIT_INVALID : EXIT_OK;
}
/** Commit the ledger file when the send changed it (unless --no-commit). */
async function commitLedger(command, git, say) {
    const changed = await git(['status', '--porcelain', '--', LEDGER_FILE]);
    if (changed.trim() === '')
        return;
    if (!command.commit) {
        say(`${LEDGER_FILE} records this send: commit and push it (git add ${LEDGER_FILE} && git commit -m "Record sent pings"), so that the action never sends these again.`);
        return;
    }
    try {
        await git(['add', '--', LEDGER_FILE]);
        await git([
            'commit',
            '--quiet',
            '--no-verify',
            '-m',
            'trackback-action: record sent pings',
            '--',
            LEDGER_FILE
        ]);
        say(`Committed ${LEDGER_FILE}. Push it, so that the action never sends these again.`);
    }
    catch (error) {
        say(`${LEDGER_FILE} records this send, but committing it failed (${errorMessage(error)}): commit and push it yourself.`);
    }
}

/**
 * The command-line entry (dist/cli.js: `trackback-action check` and
 * `send`): it needs no runner environment and no cache service.
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
else if (command) {
    const io = {
        cwd: process.cwd(),
        env: process.env,
        stdout: process.stdout,
        stderr: process.stderr
    };
    process.exitCode =
        command.kind === 'send'
            ? await runSend(command, io)
            : await runCheck(command, io);
}
