import { createHash } from 'node:crypto';
import { i as isDate, n as newestRuns, l as ledgerKey, o as ownEntry, a as mergeEntries, e as emptyLedger, m as mergeLedgers, s as serializeLedger, b as entryFor, r as recordOutcomes } from './ledger.js';
import { i as isRecord, e as errorMessage, C as CLAIMS_FILE, L as LEDGER_FILE$1, U as USER_AGENT, d as arxivIdOfPing } from './arxiv.js';
import * as os from 'os';
import os__default, { EOL } from 'os';
import * as crypto from 'crypto';
import * as fs from 'fs';
import { promises, constants } from 'fs';
import 'path';
import { a as inputLines, p as parseIgnore, b as pickRange } from './range.js';
import { s as scanWindowDays, a as attemptId } from './coverage.js';
import { writeFile as writeFile$1, rm, readFile, open, rename } from 'node:fs/promises';
import * as path from 'node:path';
import { d as dueLooks, l as lookable, a as landedState } from './where.js';

/**
 * Stored ledger text that cannot be used: not JSON, not a ledger, or a
 * format version this code does not know (written by a newer release).
 */
class LedgerFormatError extends Error {
    /** `unsupported-version` when the text is a ledger of another version. */
    problem;
    /** The `version` the text declares, when it declares one. */
    version;
    constructor(message, problem, version) {
        super(message);
        this.name = 'LedgerFormatError';
        this.problem = problem;
        this.version = version;
    }
}
const STATUSES = [
    'sent',
    'rejected',
    'given-up',
    'failed',
    'pending'
];
/** parseLedger, also counting the entries it had to drop. */
function parseLedgerReport(text) {
    let data;
    try {
        data = JSON.parse(text);
    }
    catch (error) {
        throw new LedgerFormatError(`The ledger is not valid JSON: ${error.message}`, 'corrupt');
    }
    if (!isRecord(data)) {
        throw new LedgerFormatError('The ledger is not a JSON object.', 'corrupt');
    }
    if (data.version !== 1) {
        if (typeof data.version === 'number') {
            throw new LedgerFormatError(`The ledger has format version ${data.version}; this release reads version 1.`, 'unsupported-version', data.version);
        }
        throw new LedgerFormatError('The ledger has no format version.', 'corrupt', data.version);
    }
    if (!isRecord(data.entries)) {
        throw new LedgerFormatError('The ledger has no `entries` object.', 'corrupt');
    }
    const ledger = emptyLedger();
    // A malformed lastCommit/lastRun only costs the next run its base commit,
    // so drop it rather than refuse the whole ledger.
    if (typeof data.lastCommit === 'string' && data.lastCommit !== '') {
        ledger.lastCommit = data.lastCommit;
    }
    if (typeof data.lastRun === 'string' && isDate(data.lastRun)) {
        ledger.lastRun = data.lastRun;
    }
    if (isRecord(data.runs)) {
        const runs = {};
        for (const [id, at] of Object.entries(data.runs)) {
            if (typeof at === 'string' && isDate(at))
                runs[id] = at;
        }
        const kept = newestRuns(runs);
        if (kept)
            ledger.runs = kept;
    }
    let dropped = 0;
    for (const stored of Object.values(data.entries)) {
        const entry = readEntry(stored);
        if (!entry) {
            dropped += 1;
            continue;
        }
        // The key is derived, not trusted: re-key, and fold duplicates.
        const key = ledgerKey(entry.post, entry.ping);
        const existing = ownEntry(ledger.entries, key);
        ledger.entries[key] = existing ? mergeEntries(existing, entry) : entry;
    }
    return { ledger, dropped };
}
/** One stored entry, or undefined when any field is unusable. */
function readEntry(value) {
    if (!isRecord(value))
        return undefined;
    const { post, ping, source, target, status, attempts, updated } = value;
    if (typeof post !== 'string' || post === '')
        return undefined;
    if (typeof ping !== 'string' || ping === '')
        return undefined;
    if (typeof source !== 'string' || typeof target !== 'string')
        return undefined;
    if (!STATUSES.includes(status))
        return undefined;
    if (typeof attempts !== 'number' ||
        !Number.isInteger(attempts) ||
        attempts < 0) {
        return undefined;
    }
    if (typeof updated !== 'string' || !isDate(updated))
        return undefined;
    const entry = {
        post,
        ping,
        source,
        target,
        status: status,
        attempts,
        updated
    };
    if (value.due !== undefined) {
        if (typeof value.due !== 'string' || !isDate(value.due))
            return undefined;
        entry.due = value.due;
    }
    if (value.message !== undefined) {
        if (typeof value.message !== 'string')
            return undefined;
        entry.message = value.message;
    }
    if (entry.status === 'sent')
        readSentFields(value, entry);
    return entry;
}
const PROTOCOLS = ['trackback', 'webmention', 'pingback'];
/**
 * What a sent entry may carry besides (how it was sent, what later runs saw
 * of it: landed/). Ledgers older than these fields load without them; a
 * malformed one is dropped alone, costing at most a check more.
 */
function readSentFields(value, entry) {
    const { protocol, statusUrl, checked, visible, notVisibleDays } = value;
    if (PROTOCOLS.includes(protocol)) {
        entry.protocol = protocol;
    }
    if (typeof statusUrl === 'string' && /^https?:\/\//i.test(statusUrl)) {
        entry.statusUrl = statusUrl;
    }
    if (typeof checked === 'string' && isDate(checked))
        entry.checked = checked;
    if (typeof visible === 'string' && isDate(visible))
        entry.visible = visible;
    if (typeof notVisibleDays === 'number' &&
        Number.isInteger(notVisibleDays) &&
        notVisibleDays >= 0) {
        entry.notVisibleDays = notVisibleDays;
    }
}

/**
 * The files of a ledger ref's commit, as pure functions: `claims.json`
 * (every claim ever won, `{ version, created, claims }`, each claim
 * `<sha256(name), 32 hex>: "<ISO time> <run id>.<attempt>"`), `ledger.json`
 * (the ledger, as ledger.ts serializes it) and `README.md` (what the ref is,
 * for whoever finds it); and what a head commit's files say about whether
 * the store may build on it (headOf).
 */
const README_FILE = 'README.md';
const README = `# trackback-action's ledger

This ref is written by trackback-action: \`ledger.json\` records every
TrackBack ping it sent, and \`claims.json\` the pings runs claimed before
sending (so that none goes out twice). Do not edit it by hand; deleting the
ref makes the action forget what it sent.
`;
/** The key of a claim in claims.json: 32 hex digits of the name's SHA-256. */
function claimKey(name) {
    return createHash('sha256').update(name).digest('hex').slice(0, 32);
}
/** Parses claims.json; throws LedgerFormatError when it is unusable. */
function parseClaims(text) {
    let data;
    try {
        data = JSON.parse(text);
    }
    catch (error) {
        throw new LedgerFormatError(`${CLAIMS_FILE} is not valid JSON: ${errorMessage(error)}`, 'corrupt');
    }
    if (!isRecord(data)) {
        throw new LedgerFormatError(`${CLAIMS_FILE} is not an object.`, 'corrupt');
    }
    if (data.version !== 1) {
        throw typeof data.version === 'number'
            ? new LedgerFormatError(`${CLAIMS_FILE} has format version ${data.version}; this release reads version 1.`, 'unsupported-version', data.version)
            : new LedgerFormatError(`${CLAIMS_FILE} has no format version.`, 'corrupt');
    }
    if (typeof data.created !== 'string' || !isRecord(data.claims)) {
        throw new LedgerFormatError(`${CLAIMS_FILE} lacks \`created\` or \`claims\`.`, 'corrupt');
    }
    const claims = {};
    for (const [key, value] of Object.entries(data.claims)) {
        // A claim is kept whatever its value says: dropping one could let a
        // ping go out twice.
        claims[key] = typeof value === 'string' ? value : JSON.stringify(value);
    }
    return { created: data.created, claims };
}
/** claims.json's text: keys sorted, so equal claims give equal text. */
function serializeClaims(file) {
    const claims = {};
    for (const key of Object.keys(file.claims).sort()) {
        claims[key] = file.claims[key];
    }
    return `${JSON.stringify({ version: 1, created: file.created, claims }, null, 2)}\n`;
}
/**
 * Decides claims against the claims already made: a name is 'won' when
 * nobody holds it, or when `stamp` does (this very call wrote it before,
 * and the answer was lost), else 'taken'. `next` holds the claims with the
 * won ones added, or is undefined when nothing is new.
 */
function addClaims(file, names, stamp) {
    const added = {};
    const results = names.map((name) => {
        const key = claimKey(name);
        const holder = Object.hasOwn(file.claims, key)
            ? file.claims[key]
            : undefined;
        if (holder === undefined) {
            added[key] = stamp;
            return 'won';
        }
        return holder === stamp ? 'won' : 'taken';
    });
    if (Object.keys(added).length === 0)
        return { results };
    return {
        results,
        next: { created: file.created, claims: { ...file.claims, ...added } }
    };
}
/** The files of a commit: the ledger text, the claims, the README. */
function filesOf(ledgerText, claims) {
    return {
        [LEDGER_FILE$1]: ledgerText,
        [CLAIMS_FILE]: serializeClaims(claims),
        [README_FILE]: README
    };
}
/**
 * Reads a head commit's files. claims.json marks the ref as a ledger: a
 * head without it, or with claims that cannot be read, or with a ledger of
 * a newer release, is refused (neither used nor written over). A corrupt
 * ledger.json is not: its history stays in the ref's earlier commits, and
 * building on an empty ledger keeps the claims, which are what prevent
 * duplicates.
 */
function headOf(ref, commit, ledgerText, claimsText) {
    const head = { commit, ledger: emptyLedger(), ledgerText, notes: [] };
    if (claimsText === undefined) {
        head.refusal = `${ref} holds no ${CLAIMS_FILE}, so it is not a trackback-action ledger; it is neither read nor written (choose another ledger-ref)`;
        return head;
    }
    try {
        head.claims = parseClaims(claimsText);
    }
    catch (error) {
        head.refusal = `${ref}: ${errorMessage(error)} No claim can be decided and nothing is written over it; repair or delete the ref`;
        return head;
    }
    if (ledgerText === undefined)
        return head;
    try {
        const { ledger, dropped } = parseLedgerReport(ledgerText);
        head.ledger = ledger;
        if (dropped > 0) {
            head.notes.push(`the ledger in ${ref} had ${dropped} unreadable ${dropped === 1 ? 'entry' : 'entries'}; dropped`);
        }
    }
    catch (error) {
        if (error instanceof LedgerFormatError &&
            error.problem === 'unsupported-version') {
            head.refusal = `the ledger in ${ref} was written by a newer release (${error.message}); this run neither uses nor writes it`;
        }
        else {
            head.notes.push(`the ledger in ${ref} is unusable (${errorMessage(error)}); starting from an empty one (the old text stays in the ref's history)`);
        }
    }
    return head;
}

/**
 * The ledger file, `.trackback-ledger.json` at the repository's root: where
 * `trackback-action send` (cli/send.ts) remembers what it sent from a
 * computer, meant to be committed. It is the ledger's usual JSON
 * (ledger.ts) plus `claims`: the pings a send has claimed and not yet
 * recorded the outcome of.
 *
 * - **As a store** (FileLedgerStore) for `send`: claims are written to the
 *   file (and flushed to disk) before any request goes out, so a send that
 *   dies mid-way leaves them behind, and every later send skips those pings
 *   with a reason instead of sending them twice. A save merges with the
 *   file as it is then and drops the claims whose outcome it records; it
 *   writes only when a ping's record changed (so the last commit moves on
 *   with the next send that sends something).
 * - **As a record** for the action (readLedgerFile): the checked-out file's
 *   pings count as done, so a ping sent from a computer is never sent again
 *   by a workflow. A claim left without an outcome counts as sent: it may
 *   have reached the receiver.
 *
 * One `send` at a time per repository: the caller holds a lock
 * (`.git/trackback-action.lock`, taken with O_EXCL) around the whole send.
 */
/** The ledger file's name, at the repository's root. */
const LEDGER_FILE = '.trackback-ledger.json';
/** A ledger file that cannot be read: a send must not go on. */
class LedgerFileError extends Error {
}
/** Parse the file's text. Throws LedgerFileError. */
function parseLedgerFile(text, file) {
    try {
        const { ledger } = parseLedgerReport(text);
        const data = JSON.parse(text);
        const claims = {};
        const stored = isRecord(data) ? data.claims : undefined;
        if (isRecord(stored)) {
            for (const [name, at] of Object.entries(stored)) {
                if (typeof at === 'string')
                    claims[name] = at;
            }
        }
        return { ledger, claims };
    }
    catch (error) {
        if (!(error instanceof LedgerFormatError))
            throw error;
        throw new LedgerFileError(`${file} cannot be read: ${error.message} Restore it from git (git checkout -- ${path.basename(file)}); nothing was sent.`);
    }
}
/** The file's text: the ledger's JSON with `claims` (when any) added. */
function serializeLedgerFile(contents) {
    const ledger = JSON.parse(serializeLedger(contents.ledger));
    const names = Object.keys(contents.claims).sort();
    if (names.length > 0) {
        ledger.claims = Object.fromEntries(names.map((name) => [name, contents.claims[name]]));
    }
    return `${JSON.stringify(ledger, null, 2)}\n`;
}
/**
 * The claims whose outcome the ledger does not hold yet: a claim
 * `<key>#<n>` is settled once the entry has more than n attempts, or has
 * a final status.
 */
function openClaims(contents) {
    const open = {};
    for (const [name, at] of Object.entries(contents.claims)) {
        if (!settled(contents.ledger, name))
            open[name] = at;
    }
    return open;
}
function settled(ledger, name) {
    const hash = name.lastIndexOf('#');
    const key = name.slice(0, hash);
    const entry = Object.hasOwn(ledger.entries, key)
        ? ledger.entries[key]
        : undefined;
    if (!entry)
        return false;
    if (entry.status === 'sent' || entry.status === 'rejected')
        return true;
    const tries = Number(name.slice(hash + 1));
    return Number.isInteger(tries) && entry.attempts > tries;
}
/**
 * The ledger the action takes from a checked-out ledger file: its entries,
 * and each open claim as a ping given up (it may have been sent). Not its
 * lastCommit or runs: those describe the computer's sends, not the
 * action's. Undefined when there is no file.
 */
async function readLedgerFile(dir) {
    const file = path.join(dir, LEDGER_FILE);
    let text;
    try {
        text = await readFile(file, 'utf8');
    }
    catch (error) {
        if (error.code === 'ENOENT')
            return {};
        return {
            warning: `${LEDGER_FILE} could not be read: ${errorMessage(error)}`
        };
    }
    let contents;
    try {
        contents = parseLedgerFile(text, LEDGER_FILE);
    }
    catch (error) {
        return { warning: errorMessage(error) };
    }
    const ledger = { version: 1, entries: { ...contents.ledger.entries } };
    for (const [name, at] of Object.entries(openClaims(contents))) {
        const key = name.slice(0, name.lastIndexOf('#'));
        const entry = ledger.entries[key];
        if (!entry)
            continue;
        ledger.entries[key] = {
            ...entry,
            status: 'given-up',
            updated: at,
            message: 'Claimed by a send from a computer that did not record the outcome; it may have been sent, so it is not sent again.'
        };
    }
    return { ledger };
}
/**
 * The pings recorded in the checked-out `.trackback-ledger.json` (sent by
 * `trackback-action send` from a computer) count as done in this run: they
 * are merged into the loaded ledger (entries only, not its last commit).
 */
async function takeInLedgerFile(loaded, workspace, log) {
    const { ledger, warning } = await readLedgerFile(workspace);
    if (warning)
        log.warning(`${warning} Its pings may be sent again.`);
    if (!ledger)
        return;
    const merged = mergeLedgers(loaded.ledger, ledger);
    if (loaded.ledger.lastCommit)
        merged.lastCommit = loaded.ledger.lastCommit;
    else
        delete merged.lastCommit;
    if (loaded.ledger.lastRun)
        merged.lastRun = loaded.ledger.lastRun;
    else
        delete merged.lastRun;
    loaded.ledger = merged;
    log.info(`Took in ${LEDGER_FILE}: ${Object.keys(ledger.entries).length} pings sent from a computer.`);
}
/** The ledger file as the run's LedgerStore (see the module header). */
class FileLedgerStore {
    file;
    options;
    constructor(file, options) {
        this.file = file;
        this.options = options;
    }
    /** The file's contents; an empty ledger when there is none. Throws LedgerFileError. */
    async read() {
        let text;
        try {
            text = await readFile(this.file, 'utf8');
        }
        catch (error) {
            if (error.code === 'ENOENT') {
                return { ledger: emptyLedger(), claims: {} };
            }
            throw new LedgerFileError(`${this.file} cannot be read: ${errorMessage(error)}`);
        }
        return parseLedgerFile(text, this.file);
    }
    async load() {
        const { ledger } = await this.read();
        const also = this.options.also;
        const merged = also
            ? { ...mergeLedgers(ledger, { version: 1, entries: also.entries }) }
            : ledger;
        // The range starts where the last send from here stopped.
        if (ledger.lastCommit)
            merged.lastCommit = ledger.lastCommit;
        else
            delete merged.lastCommit;
        return {
            ledger: merged,
            restoredKey: path.basename(this.file),
            warnings: [],
            available: true
        };
    }
    async save(ledger) {
        try {
            const current = await this.read();
            const merged = mergeLedgers(current.ledger, ledger);
            if (ledger.lastCommit)
                merged.lastCommit = ledger.lastCommit;
            // Run attempts matter to workflow re-runs only: not kept in a file
            // that is committed.
            delete merged.runs;
            const contents = { ledger: merged, claims: current.claims };
            contents.claims = openClaims(contents);
            // Rewritten only when a ping's record changed: a send that moves
            // only the last commit would otherwise commit the file every time.
            if (!sameRecords(contents, current))
                await this.write(contents);
            return {
                saved: true,
                key: path.basename(this.file),
                ledger: merged,
                warnings: []
            };
        }
        catch (error) {
            return {
                saved: false,
                key: '',
                ledger,
                warnings: [`${this.file} could not be written: ${errorMessage(error)}`]
            };
        }
    }
    async claim(name) {
        const batch = await this.claimMany([name]);
        return batch.results[0] ?? 'unknown';
    }
    /** Claims in the file, flushed to disk before the answer. */
    async claimMany(names) {
        try {
            const contents = await this.read();
            const at = this.options.now().toISOString();
            const results = names.map((name) => {
                if (Object.hasOwn(contents.claims, name))
                    return 'taken';
                if (this.options.alsoClaimed?.(name) === true)
                    return 'taken';
                contents.claims[name] = at;
                return 'won';
            });
            await this.write(contents);
            return { results, permanent: true };
        }
        catch (error) {
            return {
                results: names.map(() => 'unknown'),
                permanent: true,
                problem: `${this.file} could not be written: ${errorMessage(error)}`
            };
        }
    }
    /** Write a temporary file, flush it, and rename it over the file. */
    async write(contents) {
        const temp = `${this.file}.${process.pid}.tmp`;
        const handle = await open(temp, 'w');
        try {
            await handle.writeFile(serializeLedgerFile(contents));
            await handle.sync();
        }
        finally {
            await handle.close();
        }
        await rename(temp, this.file);
    }
}
/** Whether two files record the same pings and claims. */
function sameRecords(a, b) {
    const records = (file) => serializeLedgerFile({
        ledger: { version: 1, entries: file.ledger.entries },
        claims: file.claims
    });
    return records(a) === records(b);
}
/**
 * Take the repository's send lock (`<git dir>/trackback-action.lock`).
 * Returns the release function, or undefined when another send holds it.
 */
async function lockSends(gitDir) {
    const lock = path.join(gitDir, 'trackback-action.lock');
    try {
        await writeFile$1(lock, `${process.pid}\n`, { flag: 'wx' });
    }
    catch (error) {
        if (error.code === 'EEXIST')
            return undefined;
        throw error;
    }
    return () => rm(lock, { force: true });
}

/**
 * The run's landed step, after sending: look at the sent pings that are
 * due (check.ts, loaded only when some are), record what was found in the
 * ledger, and log it. Skipped in dry runs and pull requests, and when
 * `landed-days` or `landed-checks` is 0.
 */
/**
 * check.ts's options from the settings (the run's, or the CLI's for
 * `checkLanded`): the action's User-Agent, the time limit, the address
 * policy and the spacing per host.
 */
function landedOptions(settings, now, sleep) {
    return {
        now,
        days: settings.landedDays,
        timeoutMs: settings.timeoutMs,
        userAgent: USER_AGENT,
        allowPrivateNetworks: settings.allowPrivateNetworks,
        hostDelayMs: settings.hostDelayMs,
        sleep
    };
}
/** Look at the due pings and record the looks in `ledger.current`. */
async function lookForLanded(ledger, settings, context, log) {
    if (context.skip || settings.dryRun)
        return;
    if (settings.landedDays <= 0 || settings.landedChecks <= 0)
        return;
    const due = dueLooks(ledger.current.entries, context.now, {
        days: settings.landedDays,
        budget: settings.landedChecks,
        lookable
    });
    if (due.length === 0)
        return;
    await log.group('Did it land?', async () => {
        const { lookAtDue } = await import('./check.js');
        const { ledger: next, looks } = await lookAtDue(ledger.current, {
            ...landedOptions(settings, context.now, context.sleep),
            budget: settings.landedChecks,
            deadline: context.deadline,
            clock: context.clock
        });
        ledger.current = next;
        for (const look of looks) {
            const verdict = look.seen === true
                ? 'visible'
                : look.entry.notVisibleDays !== undefined
                    ? `not visible after ${look.entry.notVisibleDays} days`
                    : look.seen === false
                        ? 'not visible yet'
                        : 'could not look';
            log.info(`${look.entry.source} → ${look.entry.ping}: ${verdict}; ${look.message}`);
        }
    });
}

// We use any as a valid input type
/* eslint-disable @typescript-eslint/no-explicit-any */
/**
 * Sanitizes an input into a string so it can be passed into issueCommand safely
 * @param input input to sanitize into a string
 */
function toCommandValue(input) {
    if (input === null || input === undefined) {
        return '';
    }
    else if (typeof input === 'string' || input instanceof String) {
        return input;
    }
    return JSON.stringify(input);
}
/**
 *
 * @param annotationProperties
 * @returns The command properties to send with the actual annotation command
 * See IssueCommandProperties: https://github.com/actions/runner/blob/main/src/Runner.Worker/ActionCommandManager.cs#L646
 */
function toCommandProperties(annotationProperties) {
    if (!Object.keys(annotationProperties).length) {
        return {};
    }
    return {
        title: annotationProperties.title,
        file: annotationProperties.file,
        line: annotationProperties.startLine,
        endLine: annotationProperties.endLine,
        col: annotationProperties.startColumn,
        endColumn: annotationProperties.endColumn
    };
}

/**
 * Issues a command to the GitHub Actions runner
 *
 * @param command - The command name to issue
 * @param properties - Additional properties for the command (key-value pairs)
 * @param message - The message to include with the command
 * @remarks
 * This function outputs a specially formatted string to stdout that the Actions
 * runner interprets as a command. These commands can control workflow behavior,
 * set outputs, create annotations, mask values, and more.
 *
 * Command Format:
 *   ::name key=value,key=value::message
 *
 * @example
 * ```typescript
 * // Issue a warning annotation
 * issueCommand('warning', {}, 'This is a warning message');
 * // Output: ::warning::This is a warning message
 *
 * // Set an environment variable
 * issueCommand('set-env', { name: 'MY_VAR' }, 'some value');
 * // Output: ::set-env name=MY_VAR::some value
 *
 * // Add a secret mask
 * issueCommand('add-mask', {}, 'secretValue123');
 * // Output: ::add-mask::secretValue123
 * ```
 *
 * @internal
 * This is an internal utility function that powers the public API functions
 * such as setSecret, warning, error, and exportVariable.
 */
function issueCommand(command, properties, message) {
    const cmd = new Command(command, properties, message);
    process.stdout.write(cmd.toString() + os.EOL);
}
function issue(name, message = '') {
    issueCommand(name, {}, message);
}
const CMD_STRING = '::';
class Command {
    constructor(command, properties, message) {
        if (!command) {
            command = 'missing.command';
        }
        this.command = command;
        this.properties = properties;
        this.message = message;
    }
    toString() {
        let cmdStr = CMD_STRING + this.command;
        if (this.properties && Object.keys(this.properties).length > 0) {
            cmdStr += ' ';
            let first = true;
            for (const key in this.properties) {
                if (this.properties.hasOwnProperty(key)) {
                    const val = this.properties[key];
                    if (val) {
                        if (first) {
                            first = false;
                        }
                        else {
                            cmdStr += ',';
                        }
                        cmdStr += `${key}=${escapeProperty(val)}`;
                    }
                }
            }
        }
        cmdStr += `${CMD_STRING}${escapeData(this.message)}`;
        return cmdStr;
    }
}
function escapeData(s) {
    return toCommandValue(s)
        .replace(/%/g, '%25')
        .replace(/\r/g, '%0D')
        .replace(/\n/g, '%0A');
}
function escapeProperty(s) {
    return toCommandValue(s)
        .replace(/%/g, '%25')
        .replace(/\r/g, '%0D')
        .replace(/\n/g, '%0A')
        .replace(/:/g, '%3A')
        .replace(/,/g, '%2C');
}

// For internal use, subject to change.
// We use any as a valid input type
/* eslint-disable @typescript-eslint/no-explicit-any */
function issueFileCommand(command, message) {
    const filePath = process.env[`GITHUB_${command}`];
    if (!filePath) {
        throw new Error(`Unable to find environment variable for file command ${command}`);
    }
    if (!fs.existsSync(filePath)) {
        throw new Error(`Missing file at path: ${filePath}`);
    }
    fs.appendFileSync(filePath, `${toCommandValue(message)}${os.EOL}`, {
        encoding: 'utf8'
    });
}
function prepareKeyValueMessage(key, value) {
    const delimiter = `ghadelimiter_${crypto.randomUUID()}`;
    const convertedValue = toCommandValue(value);
    // These should realistically never happen, but just in case someone finds a
    // way to exploit uuid generation let's not allow keys or values that contain
    // the delimiter.
    if (key.includes(delimiter)) {
        throw new Error(`Unexpected input: name should not contain the delimiter "${delimiter}"`);
    }
    if (convertedValue.includes(delimiter)) {
        throw new Error(`Unexpected input: value should not contain the delimiter "${delimiter}"`);
    }
    return `${key}<<${delimiter}${os.EOL}${convertedValue}${os.EOL}${delimiter}`;
}

(undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};

var __awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};
const { access, appendFile, writeFile } = promises;
const SUMMARY_ENV_VAR = 'GITHUB_STEP_SUMMARY';
class Summary {
    constructor() {
        this._buffer = '';
    }
    /**
     * Finds the summary file path from the environment, rejects if env var is not found or file does not exist
     * Also checks r/w permissions.
     *
     * @returns step summary file path
     */
    filePath() {
        return __awaiter(this, void 0, void 0, function* () {
            if (this._filePath) {
                return this._filePath;
            }
            const pathFromEnv = process.env[SUMMARY_ENV_VAR];
            if (!pathFromEnv) {
                throw new Error(`Unable to find environment variable for $${SUMMARY_ENV_VAR}. Check if your runtime environment supports job summaries.`);
            }
            try {
                yield access(pathFromEnv, constants.R_OK | constants.W_OK);
            }
            catch (_a) {
                throw new Error(`Unable to access summary file: '${pathFromEnv}'. Check if the file has correct read/write permissions.`);
            }
            this._filePath = pathFromEnv;
            return this._filePath;
        });
    }
    /**
     * Wraps content in an HTML tag, adding any HTML attributes
     *
     * @param {string} tag HTML tag to wrap
     * @param {string | null} content content within the tag
     * @param {[attribute: string]: string} attrs key-value list of HTML attributes to add
     *
     * @returns {string} content wrapped in HTML element
     */
    wrap(tag, content, attrs = {}) {
        const htmlAttrs = Object.entries(attrs)
            .map(([key, value]) => ` ${key}="${value}"`)
            .join('');
        if (!content) {
            return `<${tag}${htmlAttrs}>`;
        }
        return `<${tag}${htmlAttrs}>${content}</${tag}>`;
    }
    /**
     * Writes text in the buffer to the summary buffer file and empties buffer. Will append by default.
     *
     * @param {SummaryWriteOptions} [options] (optional) options for write operation
     *
     * @returns {Promise<Summary>} summary instance
     */
    write(options) {
        return __awaiter(this, void 0, void 0, function* () {
            const overwrite = !!(options === null || options === void 0 ? void 0 : options.overwrite);
            const filePath = yield this.filePath();
            const writeFunc = overwrite ? writeFile : appendFile;
            yield writeFunc(filePath, this._buffer, { encoding: 'utf8' });
            return this.emptyBuffer();
        });
    }
    /**
     * Clears the summary buffer and wipes the summary file
     *
     * @returns {Summary} summary instance
     */
    clear() {
        return __awaiter(this, void 0, void 0, function* () {
            return this.emptyBuffer().write({ overwrite: true });
        });
    }
    /**
     * Returns the current summary buffer as a string
     *
     * @returns {string} string of summary buffer
     */
    stringify() {
        return this._buffer;
    }
    /**
     * If the summary buffer is empty
     *
     * @returns {boolen} true if the buffer is empty
     */
    isEmptyBuffer() {
        return this._buffer.length === 0;
    }
    /**
     * Resets the summary buffer without writing to summary file
     *
     * @returns {Summary} summary instance
     */
    emptyBuffer() {
        this._buffer = '';
        return this;
    }
    /**
     * Adds raw text to the summary buffer
     *
     * @param {string} text content to add
     * @param {boolean} [addEOL=false] (optional) append an EOL to the raw text (default: false)
     *
     * @returns {Summary} summary instance
     */
    addRaw(text, addEOL = false) {
        this._buffer += text;
        return addEOL ? this.addEOL() : this;
    }
    /**
     * Adds the operating system-specific end-of-line marker to the buffer
     *
     * @returns {Summary} summary instance
     */
    addEOL() {
        return this.addRaw(EOL);
    }
    /**
     * Adds an HTML codeblock to the summary buffer
     *
     * @param {string} code content to render within fenced code block
     * @param {string} lang (optional) language to syntax highlight code
     *
     * @returns {Summary} summary instance
     */
    addCodeBlock(code, lang) {
        const attrs = Object.assign({}, (lang && { lang }));
        const element = this.wrap('pre', this.wrap('code', code), attrs);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML list to the summary buffer
     *
     * @param {string[]} items list of items to render
     * @param {boolean} [ordered=false] (optional) if the rendered list should be ordered or not (default: false)
     *
     * @returns {Summary} summary instance
     */
    addList(items, ordered = false) {
        const tag = ordered ? 'ol' : 'ul';
        const listItems = items.map(item => this.wrap('li', item)).join('');
        const element = this.wrap(tag, listItems);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML table to the summary buffer
     *
     * @param {SummaryTableCell[]} rows table rows
     *
     * @returns {Summary} summary instance
     */
    addTable(rows) {
        const tableBody = rows
            .map(row => {
            const cells = row
                .map(cell => {
                if (typeof cell === 'string') {
                    return this.wrap('td', cell);
                }
                const { header, data, colspan, rowspan } = cell;
                const tag = header ? 'th' : 'td';
                const attrs = Object.assign(Object.assign({}, (colspan && { colspan })), (rowspan && { rowspan }));
                return this.wrap(tag, data, attrs);
            })
                .join('');
            return this.wrap('tr', cells);
        })
            .join('');
        const element = this.wrap('table', tableBody);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds a collapsable HTML details element to the summary buffer
     *
     * @param {string} label text for the closed state
     * @param {string} content collapsable content
     *
     * @returns {Summary} summary instance
     */
    addDetails(label, content) {
        const element = this.wrap('details', this.wrap('summary', label) + content);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML image tag to the summary buffer
     *
     * @param {string} src path to the image you to embed
     * @param {string} alt text description of the image
     * @param {SummaryImageOptions} options (optional) addition image attributes
     *
     * @returns {Summary} summary instance
     */
    addImage(src, alt, options) {
        const { width, height } = options || {};
        const attrs = Object.assign(Object.assign({}, (width && { width })), (height && { height }));
        const element = this.wrap('img', null, Object.assign({ src, alt }, attrs));
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML section heading element
     *
     * @param {string} text heading text
     * @param {number | string} [level=1] (optional) the heading level, default: 1
     *
     * @returns {Summary} summary instance
     */
    addHeading(text, level) {
        const tag = `h${level}`;
        const allowedTag = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].includes(tag)
            ? tag
            : 'h1';
        const element = this.wrap(allowedTag, text);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML thematic break (<hr>) to the summary buffer
     *
     * @returns {Summary} summary instance
     */
    addSeparator() {
        const element = this.wrap('hr', null);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML line break (<br>) to the summary buffer
     *
     * @returns {Summary} summary instance
     */
    addBreak() {
        const element = this.wrap('br', null);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML blockquote to the summary buffer
     *
     * @param {string} text quote text
     * @param {string} cite (optional) citation url
     *
     * @returns {Summary} summary instance
     */
    addQuote(text, cite) {
        const attrs = Object.assign({}, (cite && { cite }));
        const element = this.wrap('blockquote', text, attrs);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML anchor tag to the summary buffer
     *
     * @param {string} text link text/content
     * @param {string} href hyperlink
     *
     * @returns {Summary} summary instance
     */
    addLink(text, href) {
        const element = this.wrap('a', text, { href });
        return this.addRaw(element).addEOL();
    }
}
const _summary = new Summary();
const summary = _summary;

(undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};
os__default.platform();
os__default.arch();

(undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};
/**
 * The code to exit an action
 */
var ExitCode;
(function (ExitCode) {
    /**
     * A code indicating that the action was successful
     */
    ExitCode[ExitCode["Success"] = 0] = "Success";
    /**
     * A code indicating that the action was a failure
     */
    ExitCode[ExitCode["Failure"] = 1] = "Failure";
})(ExitCode || (ExitCode = {}));
/**
 * Registers a secret which will get masked from logs
 *
 * @param secret - Value of the secret to be masked
 * @remarks
 * This function instructs the Actions runner to mask the specified value in any
 * logs produced during the workflow run. Once registered, the secret value will
 * be replaced with asterisks (***) whenever it appears in console output, logs,
 * or error messages.
 *
 * This is useful for protecting sensitive information such as:
 * - API keys
 * - Access tokens
 * - Authentication credentials
 * - URL parameters containing signatures (SAS tokens)
 *
 * Note that masking only affects future logs; any previous appearances of the
 * secret in logs before calling this function will remain unmasked.
 *
 * @example
 * ```typescript
 * // Register an API token as a secret
 * const apiToken = "abc123xyz456";
 * setSecret(apiToken);
 *
 * // Now any logs containing this value will show *** instead
 * console.log(`Using token: ${apiToken}`); // Outputs: "Using token: ***"
 * ```
 */
function setSecret(secret) {
    issueCommand('add-mask', {}, secret);
}
/**
 * Gets the value of an input.
 * Unless trimWhitespace is set to false in InputOptions, the value is also trimmed.
 * Returns an empty string if the value is not defined.
 *
 * @param     name     name of the input to get
 * @param     options  optional. See InputOptions.
 * @returns   string
 */
function getInput(name, options) {
    const val = process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] || '';
    return val.trim();
}
/**
 * Sets the value of an output.
 *
 * @param     name     name of the output to set
 * @param     value    value to store. Non-string values will be converted to a string via JSON.stringify
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function setOutput(name, value) {
    const filePath = process.env['GITHUB_OUTPUT'] || '';
    if (filePath) {
        return issueFileCommand('OUTPUT', prepareKeyValueMessage(name, value));
    }
    process.stdout.write(os.EOL);
    issueCommand('set-output', { name }, toCommandValue(value));
}
//-----------------------------------------------------------------------
// Results
//-----------------------------------------------------------------------
/**
 * Sets the action status to failed.
 * When the action exits it will be with an exit code of 1
 * @param message add error issue message
 */
function setFailed(message) {
    process.exitCode = ExitCode.Failure;
    error(message);
}
//-----------------------------------------------------------------------
// Logging Commands
//-----------------------------------------------------------------------
/**
 * Gets whether Actions Step Debug is on or not
 */
function isDebug() {
    return process.env['RUNNER_DEBUG'] === '1';
}
/**
 * Writes debug message to user log
 * @param message debug message
 */
function debug(message) {
    issueCommand('debug', {}, message);
}
/**
 * Adds an error issue
 * @param message error issue message. Errors will be converted to string via toString()
 * @param properties optional properties to add to the annotation.
 */
function error(message, properties = {}) {
    issueCommand('error', toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
/**
 * Adds a warning issue
 * @param message warning issue message. Errors will be converted to string via toString()
 * @param properties optional properties to add to the annotation.
 */
function warning(message, properties = {}) {
    issueCommand('warning', toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
/**
 * Adds a notice issue
 * @param message notice issue message. Errors will be converted to string via toString()
 * @param properties optional properties to add to the annotation.
 */
function notice(message, properties = {}) {
    issueCommand('notice', toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
/**
 * Writes info to log with console.log.
 * @param message info message
 */
function info(message) {
    process.stdout.write(message + os.EOL);
}
/**
 * Begin an output group.
 *
 * Output until the next `groupEnd` will be foldable in this group
 *
 * @param name The name of the output group
 */
function startGroup(name) {
    issue('group', name);
}
/**
 * End an output group.
 */
function endGroup() {
    issue('endgroup');
}

const PROTOCOL_NAMES$1 = [
    'trackback',
    'webmention',
    'pingback'
];
/**
 * The `protocols` input: names separated by commas, spaces or lines, any
 * case, in the preference order whatever order they are written in; empty
 * means all.
 */
function parseProtocols(raw, problems) {
    const names = raw
        .toLowerCase()
        .split(/[\s,]+/)
        .filter((name) => name !== '');
    if (names.length === 0)
        return [...PROTOCOL_NAMES$1];
    const unknown = names.filter((name) => !PROTOCOL_NAMES$1.includes(name));
    if (unknown.length > 0) {
        problems.push(`Invalid input 'protocols': '${raw.trim()}'. Expected one or more of trackback, webmention, pingback (separated by commas).`);
    }
    return PROTOCOL_NAMES$1.filter((name) => names.includes(name));
}

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
 * The inputs as read so far, and every problem found in them: each reader
 * answers a fallback for a bad value and notes the problem, so that a user
 * fixes their workflow in one go.
 */
class Inputs {
    read;
    problems = [];
    constructor(read) {
        this.read = read;
    }
    /** The input as written, untrimmed (lists keep their lines). */
    raw(name) {
        return this.read(name);
    }
    text(name) {
        return this.read(name).trim();
    }
    optional(name) {
        return this.text(name) || undefined;
    }
    invalid(name, value, expected) {
        this.problems.push(`Invalid input '${name}': '${value}'. ${expected}`);
    }
    number(name, fallback, { min, integer }) {
        const raw = this.text(name);
        if (raw === '')
            return fallback;
        const value = Number(raw);
        const shape = integer ? /^\d+$/ : /^\d+(\.\d+)?$/;
        if (!shape.test(raw) || !Number.isFinite(value) || value < min) {
            const what = integer ? 'a whole number' : 'a number';
            this.invalid(name, raw, `Expected ${what} ≥ ${min}.`);
            return fallback;
        }
        return value;
    }
    boolean(name, fallback) {
        const raw = this.text(name);
        if (raw === '')
            return fallback;
        const value = parseBoolean(raw);
        if (value === undefined) {
            this.invalid(name, raw, 'Expected true or false.');
            return fallback;
        }
        return value;
    }
}
/**
 * Parse and validate the inputs. Collects every problem before throwing so
 * that a user fixes their workflow in one go.
 */
function parseSettings(read, eventName) {
    const inputs = new Inputs(read);
    const settings = {
        ...parseDryRun(inputs, eventName),
        ...parseLocations(inputs),
        ...parseLimits(inputs),
        frontMatterKey: inputs.text('front-matter-key') || 'trackback',
        cacheKey: parseCacheKey(inputs),
        ledgerRef: parseLedgerRef(inputs.raw('ledger-ref'), inputs.problems),
        githubToken: inputs.text('github-token'),
        allowPrivateNetworks: inputs.boolean('allow-private-networks', false),
        failOnError: inputs.boolean('fail-on-error', false),
        requireLink: inputs.boolean('require-link', false),
        resend: inputLines(inputs.raw('resend')),
        ignore: parseIgnoreInput(inputs),
        protocols: parseProtocols(inputs.raw('protocols'), inputs.problems)
    };
    if (inputs.problems.length > 0)
        throw new SettingsError(inputs.problems);
    return settings;
}
/** Whether the run sends, and why (a pull request never does). */
function parseDryRun(inputs, eventName) {
    let dryRun;
    let dryRunReason;
    const dryRunRaw = inputs.text('dry-run').toLowerCase() || 'auto';
    if (dryRunRaw === 'auto') {
        dryRun = PULL_REQUEST_EVENTS.has(eventName);
        dryRunReason = 'dry-run is auto';
    }
    else {
        const value = parseBoolean(dryRunRaw);
        if (value === undefined) {
            inputs.invalid('dry-run', inputs.text('dry-run'), 'Expected true, false or auto.');
        }
        dryRun = value ?? true;
        dryRunReason = `dry-run is ${dryRunRaw}`;
    }
    // Promise: nothing is sent from a pull request, whatever the input says.
    if (!dryRun && PULL_REQUEST_EVENTS.has(eventName)) {
        dryRun = true;
        dryRunReason = `pull requests never send; dry-run: ${dryRunRaw} overridden`;
    }
    return { dryRun, dryRunReason };
}
/** Where the site is, where it is built, and where it is published. */
function parseLocations(inputs) {
    const workingDirectory = normaliseDirectory(inputs.text('working-directory'));
    if (workingDirectory === undefined) {
        inputs.invalid('working-directory', inputs.text('working-directory'), 'Expected a path inside the repository.');
    }
    const siteUrl = inputs.optional('site-url');
    if (siteUrl !== undefined && !isHttpUrl(siteUrl)) {
        inputs.invalid('site-url', siteUrl, 'Expected an absolute http(s) URL such as https://example.org/blog.');
    }
    const siteDirRaw = inputs.text('site-dir') || 'auto';
    const siteDir = ['auto', 'none'].includes(siteDirRaw.toLowerCase())
        ? siteDirRaw.toLowerCase()
        : normaliseDirectory(siteDirRaw);
    if (siteDir === undefined || siteDir === '') {
        inputs.invalid('site-dir', siteDirRaw, 'Expected auto, none or a folder inside the site such as _site or public.');
    }
    return {
        workingDirectory: workingDirectory ?? '',
        posts: inputLines(inputs.raw('posts')),
        siteUrl,
        permalink: inputs.optional('permalink'),
        blogName: inputs.optional('blog-name'),
        siteDir: siteDir || 'auto'
    };
}
/** The numbers: how much, how often, how long. */
function parseLimits(inputs) {
    const seconds = (name, fallback, min) => inputs.number(name, fallback, { min, integer: false }) * 1000;
    const count = (name, fallback, min) => inputs.number(name, fallback, { min, integer: true });
    return {
        maxAgeDays: inputs.number('max-age', 30, { min: 0, integer: false }),
        maxPings: count('max-pings', 50, 0),
        timeoutMs: seconds('timeout', 15, 0.001),
        retries: count('retries', 2, 0),
        hostDelayMs: seconds('host-delay', 2, 0),
        concurrency: count('concurrency', 4, 1),
        runTimeoutMs: seconds('run-timeout', 600, 0.001),
        maxAttempts: count('max-attempts', 5, 1),
        waitForLiveMs: seconds('wait-for-live', 120, 0),
        landedDays: count('landed-days', 30, 0),
        landedChecks: count('landed-checks', 4, 0)
    };
}
function parseCacheKey(inputs) {
    const cacheKey = inputs.text('cache-key') || 'trackback-ledger';
    if (!/^[A-Za-z0-9._-]{1,200}$/.test(cacheKey)) {
        inputs.invalid('cache-key', cacheKey, "Expected letters, digits, '.', '_' or '-'.");
    }
    return cacheKey;
}
function parseIgnoreInput(inputs) {
    const ignore = inputLines(inputs.raw('ignore'));
    inputs.problems.push(...parseIgnore(ignore).problems);
    return ignore;
}
/** Read the settings from the action's inputs. */
function getSettings(eventName) {
    return parseSettings((name) => getInput(name), eventName);
}
/**
 * action.yml's default for `ledger-ref`: none, the Actions cache keeps the
 * ledger (no repository writes, no extra permission).
 */
const DEFAULT_LEDGER_REF = '';
/** The ref name the docs and messages suggest for `ledger-ref`. */
const SUGGESTED_LEDGER_REF = 'refs/trackback-action/ledger';
/**
 * The `ledger-ref` input: '' (the cache only) when empty or `none`, else a
 * ref name GitHub accepts for a new ref (`refs/` and at least two slashes),
 * each part a valid git name. The runner fills in action.yml's default when
 * the workflow does not set it.
 */
function parseLedgerRef(raw, problems) {
    const value = raw.trim();
    if (value === '' || value.toLowerCase() === 'none')
        return DEFAULT_LEDGER_REF;
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
        problems.push(`Invalid input 'ledger-ref': '${value}'. Expected a ref name such as ${SUGGESTED_LEDGER_REF} (refs/ and at least two slashes), or none.`);
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

const ANNOTATED = {
    invalid: { level: 'error', title: 'TrackBack: invalid target' },
    rejected: { level: 'warning', title: 'TrackBack: ping rejected' },
    failed: { level: 'warning', title: 'TrackBack: ping failed' }
};
/**
 * One annotation per invalid, rejected or failed row, on the line of the
 * target in the post's front matter when it is known.
 */
function annotationsFor(results) {
    return results.flatMap((r) => {
        const kind = ANNOTATED[r.status];
        if (!kind)
            return [];
        // An invalid row's message already names the target.
        const message = r.status === 'invalid' || !r.target
            ? r.message
            : `${r.target}: ${r.message}`;
        const annotation = { ...kind, file: r.post, message };
        if (r.line !== undefined)
            annotation.line = r.line;
        return [annotation];
    });
}

/**
 * What the report shows of sent pings' landing: the rows of the job
 * summary's "Landed" section, and `visible` on the `results` rows. Pure:
 * the ledger and the time in, plain rows out.
 */
const DAY_MS = 24 * 60 * 60 * 1000;
/**
 * The ledger's followed pings by state. Old news stays out: a ping seen or
 * given up more than `days` days ago is no longer listed.
 */
function landedReport(ledger, now, days) {
    const report = { visible: [], waiting: [], givenUp: [], days };
    if (days <= 0)
        return report;
    const recent = (iso) => iso !== undefined && now.getTime() - Date.parse(iso) <= days * DAY_MS;
    for (const key of Object.keys(ledger.entries).sort()) {
        const entry = ledger.entries[key];
        if (entry.status !== 'sent' || !lookable(entry))
            continue;
        const state = landedState(entry, now, days);
        if (state.state === 'visible' && recent(state.since)) {
            report.visible.push({ ...row(entry), since: state.since });
        }
        else if (state.state === 'waiting') {
            report.waiting.push({ ...row(entry), days: state.ageDays });
        }
        else if (state.state === 'given-up' && recent(entry.checked)) {
            report.givenUp.push({ ...row(entry), days: state.days });
        }
    }
    return report;
}
function row(entry) {
    return {
        source: entry.source,
        post: entry.post,
        target: entry.target,
        ping: entry.ping,
        ...(entry.statusUrl ? { statusUrl: entry.statusUrl } : {})
    };
}
/**
 * The results with `visible` (and `visibleSince`) on each row whose ping
 * the ledger follows: true once seen, false while waiting or given up.
 */
function withVisible(results, ledger, now, days) {
    return results.map((r) => {
        if (!r.url || !r.ping)
            return r;
        const entry = entryFor(ledger, r.url, r.ping);
        if (!entry || !lookable(entry))
            return r;
        const state = landedState(entry, now, days);
        if (state.state === 'visible') {
            return { ...r, visible: true, visibleSince: state.since };
        }
        if (state.state === 'waiting' || state.state === 'given-up') {
            return { ...r, visible: false };
        }
        return r;
    });
}

/**
 * What the ledger remembers after a run's sending: pings held pending (with
 * when to look again), pairs the plan dropped forgotten, the commit the run
 * reached, and the run itself. Pure: ledger and plan in, ledger out.
 */
/** Record pending pings, forget dropped ones, and remember the commit. */
function finishLedger(ledger, plan, options) {
    const { now, range } = options;
    let next = recordOutcomes(ledger, plan.pings.flatMap((p) => p.pendingUntil && p.pair
        ? [
            {
                pair: p.pair,
                outcome: 'pending',
                details: {
                    now,
                    due: p.pendingUntil,
                    message: p.result.message,
                    maxAttempts: options.maxAttempts
                }
            }
        ]
        : []));
    if (plan.forget.length > 0) {
        const entries = { ...next.entries };
        for (const key of plan.forget) {
            if (entries[key]?.status !== 'sent')
                delete entries[key];
        }
        next = { ...next, entries };
    }
    const head = range.kind === 'none' ? undefined : range.head;
    if (head)
        next = { ...next, lastCommit: head, lastRun: now.toISOString() };
    return mergeLedgers(next, {
        version: 1,
        entries: {},
        runs: { [options.run]: now.toISOString() }
    });
}

/**
 * The run's first line, saying whether it sends and why: `Sending: a push
 * to main (dry-run is auto).` or `Not sending: a pull request (dry-run is
 * auto).`
 */
function sendingLine(settings, context) {
    const what = settings.dryRun ? 'Not sending' : 'Sending';
    return `${what}: ${describeEvent(context)} (${settings.dryRunReason}).`;
}
/** The event in words: `a push to main`, `a pull request`, `a manual run`. */
function describeEvent(context) {
    const ref = context.payload.ref;
    switch (context.eventName) {
        case 'push':
            return typeof ref === 'string' && ref !== ''
                ? `a push to ${ref.replace(/^refs\/(heads|tags)\//, '')}`
                : 'a push';
        case 'pull_request':
        case 'pull_request_target':
            return 'a pull request';
        case 'schedule':
            return 'a scheduled run';
        case 'workflow_dispatch':
            return 'a manual run';
        case '':
            return 'a local run';
        case 'local':
            return 'a send from this computer';
        default:
            return `a ${context.eventName} event`;
    }
}

/**
 * The action's run, as a sequence of steps whose inputs and outputs are
 * plain data: ledger → range → site, posts and plan (plan-run.ts, shared
 * with the CLI) → live check (live/hold.ts) → claim and send
 * (send-plan.ts) → record the ledger → report. The adapters (ledger store,
 * GitHub APIs, report publisher, clock) and the log come in from main.ts,
 * which alone talks to the runner.
 */
/**
 * Start an import that is awaited later. A run that fails before then must
 * not report a second, unhandled error.
 */
function preload(loading) {
    loading.catch(() => undefined);
    return loading;
}
/**
 * The whole run. Returns a failure message for the step (over max-pings,
 * fail-on-error), or undefined. `now` is the planning clock.
 */
async function trackback(context, settings, now, adapters, log) {
    // The run's overall budget starts with the step (the real clock).
    const deadline = adapters.clock() + settings.runTimeoutMs;
    // Planning's modules (YAML, TOML, Luxon, marked, picomatch and the code
    // that reads posts) are most of what the action parses, and sending's
    // (the HTTP client) only runs that send need, so the entry does not
    // import them. They load from here on, while the ledger is restored (from
    // a cache service, over the network), instead of before the first line.
    const planning = preload(import('./plan-run.js').then(function (n) { return n.b; }));
    const sending = settings.dryRun
        ? undefined
        : preload(import('./send-plan.js'));
    log.info(sendingLine(settings, context));
    const store = adapters.openStore();
    const loaded = await loadLedger(store, context, log);
    const range = await runRange(context, loaded, adapters, log);
    const { planRun } = await planning;
    const planned = await planRun(planInput(context, settings, { now, loaded, range }, adapters, log), log);
    await previewArticlePages(planned.plan, settings, log);
    // Loaded when this run sends: not a dry run, and not over max-pings.
    const send = sending && !planned.plan.overLimit ? await sending : undefined;
    const { plan, annotations } = send
        ? await send.holdUnready(planned.plan, settings, { now, deadline }, log)
        : { plan: planned.plan, annotations: [] };
    const results = plan.pings.map((p) => p.result);
    const ledger = { current: loaded.ledger };
    const run = { context, settings, adapters };
    const sent = { any: false };
    try {
        const step = { store, loaded, ledger, results, range, now, deadline };
        await sendThenLook(send, plan, { ...step, sent }, run, log);
    }
    finally {
        if (!settings.dryRun) {
            const attempt = attemptId(context.runId, context.runAttempt);
            const facts = { plan, range, now, run: attempt, sentSomething: sent.any };
            await recordLedger(store, loaded, ledger, facts, settings, log);
        }
    }
    annotations.push(...annotationsFor(results));
    const report = runReport(results, ledger.current, planned.notes, {
        settings,
        context,
        now
    });
    const counts = await adapters.publish(report, annotations);
    log.info(countsLine(counts, settings.dryRun));
    return plan.overLimit ?? stepFailure(counts, settings);
}
/**
 * Send the plan (when this run sends), then look whether earlier pings
 * landed (landed/: looks only, never a send). `step.sent.any` says, as soon
 * as sending ends, whether any request went out.
 */
async function sendThenLook(send, plan, step, run, log) {
    const { context, settings, adapters } = run;
    if (send && !plan.overLimit) {
        step.sent.any = await send.sendPlan({
            ...step,
            runJobsApi: adapters.runJobsApi,
            env: adapters.env,
            sleep: adapters.sleep,
            plan,
            settings,
            runId: context.runId,
            runAttempt: context.runAttempt,
            payload: context.payload
        }, log);
    }
    await lookForLanded(step.ledger, settings, {
        now: step.now,
        sleep: adapters.sleep,
        deadline: step.deadline,
        clock: adapters.clock,
        skip: isPullRequest(context) || !step.loaded.available
    }, log);
}
/**
 * The commits this run covers: the caller's (`send --since`), else the
 * event's or the ledger's (sources/range.ts); a push whose base is past the
 * ledger's last commit goes through sources/widen.ts.
 */
async function runRange(context, loaded, adapters, log) {
    if (context.range)
        return context.range;
    const ledgerCommit = loaded.ledger.lastCommit;
    const range = pickRange(context, ledgerCommit);
    if (range.kind !== 'diff' ||
        range.source !== 'push' ||
        ledgerCommit === undefined ||
        ledgerCommit === range.base) {
        return range;
    }
    const { widenedPushRange } = await import('./widen.js');
    const widened = await widenedPushRange(range, {
        ledgerCommit,
        exact: loaded.durable?.ref === 'found',
        workspace: context.workspace,
        api: adapters.repositoryApi
    });
    if (widened.note)
        log.warning(widened.note);
    return widened.range;
}
/** What the run reports: its rows, with what the ledger knows of landing. */
function runReport(results, ledger, notes, run) {
    const { settings, context, now } = run;
    const days = settings.dryRun ? 0 : settings.landedDays;
    return {
        results: withVisible(results, ledger, now, days),
        dryRun: settings.dryRun,
        pullRequest: isPullRequest(context),
        notes,
        landed: landedReport(ledger, now, days)
    };
}
/**
 * A dry run (a pull request's preview) reads the article pages it would
 * notify, GETs only (send/preview.ts), so that each row names the protocol
 * and the endpoint, or shows a page that offers nothing as invalid.
 */
async function previewArticlePages(plan, settings, log) {
    if (!settings.dryRun || plan.overLimit)
        return;
    const pages = plan.pings.filter((p) => p.request?.kind === 'page' && p.result.status === 'dry-run');
    if (pages.length === 0)
        return;
    const { previewPages } = await import('./preview.js');
    await log.group('Reading article pages', async () => {
        await previewPages(pages, {
            timeoutMs: settings.timeoutMs,
            userAgent: USER_AGENT,
            allowPrivateNetworks: settings.allowPrivateNetworks,
            concurrency: settings.concurrency,
            protocols: settings.protocols
        });
        log.info(`Read ${pages.length} article page(s) to find how each takes notifications; nothing was sent.`);
    });
}
/**
 * Restore the ledger, saying what was found; then take in the pings that
 * `send` recorded from a computer (the checked-out ledger file).
 */
async function loadLedger(store, context, log) {
    const loaded = await log.group('Ledger', async () => {
        const result = await store.load();
        for (const w of result.warnings)
            log.warning(w);
        const count = Object.keys(result.ledger.entries).length;
        log.info(result.restoredKey
            ? `Restored ${result.restoredKey}: ${count} pings remembered, last commit ${result.ledger.lastCommit ?? 'none'}.`
            : result.available
                ? 'No ledger yet: starting a new one.'
                : 'No cache service: working without a ledger.');
        return result;
    });
    // `send` itself keeps its ledger in that file (its store).
    if (context.eventName !== 'local') {
        await takeInLedgerFile(loaded, context.workspace, log);
    }
    return loaded;
}
/** What planning (plan-run.ts) gets from the run. */
function planInput(context, settings, run, adapters, log) {
    const { now, loaded } = run;
    const [, repo] = context.repository.split('/');
    return {
        workspace: context.workspace,
        settings: withResend(settings, context.eventName, log),
        now,
        ledger: loaded.ledger,
        range: run.range,
        fallbackBlogName: repo || 'Blog',
        scanDays: scanWindowDays(settings.maxAgeDays, loaded, settings.dryRun),
        checkedOut: context.sha || undefined,
        api: adapters.repositoryApi
    };
}
/**
 * `resend` applies to manual runs only (workflow_dispatch, or `send` from
 * a computer): a workflow that sets it for every event would otherwise send
 * again on every push.
 */
function withResend(settings, eventName, log) {
    if (settings.resend.length === 0 ||
        eventName === 'workflow_dispatch' ||
        eventName === 'local') {
        return settings;
    }
    log.warning(`The resend input is honoured on workflow_dispatch runs only, and this is a ${eventName || 'local'} run: nothing is sent again.`);
    return { ...settings, resend: [] };
}
/**
 * Record what the run leaves for later runs (finish.ts) and save the
 * ledger when the run changed it (or the ledger ref is behind the cache).
 */
async function recordLedger(store, loaded, ledger, run, settings, log) {
    ledger.current = finishLedger(ledger.current, run.plan, {
        maxAttempts: settings.maxAttempts,
        now: run.now,
        range: run.range,
        run: run.run
    });
    const changed = serializeLedger(ledger.current) !== serializeLedger(loaded.ledger) ||
        loaded.durable?.behind === true;
    if (!changed || !loaded.available)
        return;
    await log.group('Saving the ledger', async () => {
        const saved = await store.save(ledger.current);
        for (const w of saved.warnings)
            log.warning(w);
        if (saved.saved)
            log.info(`Saved the ledger as ${saved.key}.`);
        else if (run.sentSomething)
            log.warning('The ledger could not be saved. Pings sent in this run are listed in the results output; the next push does not resend them (its diff excludes them).');
    });
}
/** The run's last log line: the counts. */
function countsLine(counts, dryRun) {
    return `${counts.sent} sent, ${counts.failed} failed or invalid, ${counts.pending} pending, ${counts.skipped} skipped${dryRun ? `, ${counts.wouldSend} would be sent` : ''}.`;
}
/** The step's failure under fail-on-error, or undefined. */
function stepFailure(counts, settings) {
    if (!settings.failOnError || counts.failed === 0)
        return undefined;
    return `${counts.failed} ping(s) failed, were rejected or were invalid (fail-on-error is true).`;
}
/** A pull-request event: no landed looks, and a preview's summary. */
function isPullRequest(context) {
    return context.eventName.startsWith('pull_request');
}

/** Rows shown per group; the rest are counted. */
const MAX_ROWS = 20;
/** The section, or [] when no sent ping is followed. */
function landedSection(landed, escape) {
    if (!landed)
        return [];
    const { visible, waiting, givenUp } = landed;
    if (visible.length + waiting.length + givenUp.length === 0)
        return [];
    const link = (href) => /^https?:\/\//i.test(href)
        ? `<a href="${escape(href)}">${escape(href)}</a>`
        : escape(href);
    const item = (r, state) => `<li><code>${escape(r.source)}</code> → ${link(r.ping)}: ${state}` +
        (r.statusUrl ? ` (receiver's status: ${link(r.statusUrl)})` : '') +
        '</li>';
    const group = (title, rows, state) => {
        if (rows.length === 0)
            return [];
        const shown = rows.slice(0, MAX_ROWS).map((r) => item(r, state(r)));
        const more = rows.length - shown.length;
        if (more > 0)
            shown.push(`<li>and ${more} more</li>`);
        return [`<p>${title}</p>`, `<ul>${shown.join('')}</ul>`];
    };
    return [
        '<h3>Landed</h3>',
        `<p>${visible.length} visible, ${waiting.length} waiting, ${givenUp.length} given up (pings are looked for up to ${landed.days} days after sending; never sent again).</p>`,
        ...group('✅ Visible on the receiver:', visible, (r) => `seen ${(r.since ?? '').slice(0, 10)}`),
        ...group('⏳ Waiting:', waiting, (r) => `sent ${days(r.days)} ago`),
        ...group('🚫 Given up:', givenUp, (r) => `not visible after ${days(r.days)}`)
    ];
}
function days(n) {
    const d = n ?? 0;
    return d === 1 ? '1 day' : `${d} days`;
}

/** How each status reads in the summary: an icon and plain words. */
const LABEL = {
    sent: '✅ sent',
    'already-sent': '☑️ already sent',
    rejected: '⛔ rejected',
    failed: '❌ failed',
    pending: '⏳ pending',
    'dry-run': '🔍 would send',
    invalid: '⚠️ invalid',
    skipped: '⏭️ skipped'
};
/** A status label for a table cell: kept on one line. */
const cellLabel = (status) => LABEL[status].replace(/ /g, '&nbsp;');
/** The order of the totals line. */
const TOTALS_ORDER = [
    'sent',
    'dry-run',
    'already-sent',
    'pending',
    'failed',
    'rejected',
    'invalid',
    'skipped'
];
/**
 * Count results for the outputs: `failed` includes rejected and invalid
 * pairs, `skipped` includes already-sent and dry-run pairs.
 */
function countResults(results) {
    const counts = {
        sent: 0,
        failed: 0,
        skipped: 0,
        pending: 0,
        wouldSend: 0
    };
    for (const r of results) {
        switch (r.status) {
            case 'sent':
                counts.sent++;
                break;
            case 'failed':
            case 'rejected':
            case 'invalid':
                counts.failed++;
                break;
            case 'pending':
                counts.pending++;
                break;
            case 'dry-run':
                counts.wouldSend++;
                counts.skipped++;
                break;
            default:
                counts.skipped++;
        }
    }
    return counts;
}
/** Escape text for HTML in the job summary. */
function escapeHtml(text) {
    return text
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/"/g, '&quot;');
}
function link(text, href) {
    return /^https?:\/\//i.test(href)
        ? `<a href="${escapeHtml(href)}">${escapeHtml(text)}</a>`
        : escapeHtml(text);
}
const plural = (n, one, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
/** Results grouped by post source, in the order first seen. */
function byPost(results) {
    const groups = new Map();
    for (const r of results) {
        const list = groups.get(r.post) ?? [];
        list.push(r);
        groups.set(r.post, list);
    }
    return groups;
}
/** "5 targets in 2 posts: 2 sent, 1 pending, 2 skipped." */
function totalsLine(results) {
    const posts = byPost(results).size;
    const parts = TOTALS_ORDER.flatMap((status) => {
        const n = results.filter((r) => r.status === status).length;
        return n === 0 ? [] : [`${n} ${LABEL[status].replace(/^\S+ /, '')}`];
    });
    const head = `${plural(results.length, 'target')} in ${plural(posts, 'post')}`;
    return parts.length === 0 ? `${head}.` : `${head}: ${parts.join(', ')}.`;
}
/** The lead paragraph and list of a dry run: exactly what would be sent. */
function wouldSendList(report) {
    const rows = report.results.filter((r) => r.status === 'dry-run');
    const who = report.pullRequest
        ? 'Merging this pull request'
        : 'This run without dry-run';
    const lead = `<p>Dry run: nothing was sent. ` +
        (rows.length === 0
            ? `${who} would send no ping.</p>`
            : `${who} would send exactly ${rows.length === 1 ? 'this ping' : `these ${rows.length} pings`}:</p>`);
    if (rows.length === 0)
        return [lead];
    const items = rows.map((r) => `<li>${link(r.url, r.url)} → ${link(r.ping, r.ping)}` +
        (r.target !== r.ping ? ` (<code>${escapeHtml(r.target)}</code>)` : '') +
        '</li>');
    return [lead, `<ul>\n${items.join('\n')}\n</ul>`];
}
/** The note under a post's table for its arXiv targets. */
function arxivNote(rows) {
    const ids = [
        ...new Set(rows
            .filter((r) => r.status !== 'invalid')
            .flatMap((r) => {
            const id = arxivIdOfPing(r.ping);
            return id === undefined ? [] : [id];
        }))
    ];
    if (ids.length === 0)
        return undefined;
    const pages = ids
        .map((id) => link(`arxiv.org/tb/${id}`, `https://arxiv.org/tb/${id}`))
        .join(', ');
    return (`<p>📄 arXiv lists a TrackBack only after a moderator has reviewed it, ` +
        `which can take days: ${ids.length === 1 ? 'look for it at' : 'look for them at'} ${pages}. ` +
        `arXiv expects the post to link to the paper's abstract page.</p>`);
}
const PROTOCOL_NAMES = {
    trackback: 'TrackBack',
    webmention: 'Webmention',
    pingback: 'Pingback'
};
/** For a page target: the protocol it was sent by and the endpoint. */
function sentVia(r) {
    if (!r.protocol)
        return '';
    const name = PROTOCOL_NAMES[r.protocol];
    const where = r.endpoint ? `: ${link(r.endpoint, r.endpoint)}` : '';
    return `<br>${name}${where}`;
}
/** One post's heading, table of targets and notes. */
function postSection(post, rows) {
    const url = rows.find((r) => r.url)?.url ?? '';
    const out = [
        `<h3>${url ? link(url, url) : escapeHtml(post)}</h3>`,
        `<p>Source: <code>${escapeHtml(post)}</code></p>`,
        '<table>',
        '<thead><tr><th>Target</th><th>Ping URL</th><th>Status</th><th>Message</th></tr></thead>',
        '<tbody>'
    ];
    for (const r of rows) {
        out.push(`<tr><td><code>${escapeHtml(r.target)}</code></td>` +
            `<td>${r.ping ? link(r.ping, r.ping) : ''}${sentVia(r)}</td>` +
            `<td>${cellLabel(r.status)}</td><td>${escapeHtml(r.message)}</td></tr>`);
    }
    out.push('</tbody>', '</table>');
    const note = arxivNote(rows);
    if (note)
        out.push(note);
    return out;
}
/**
 * The job summary as HTML (GitHub renders it with the Markdown around it):
 * a title, the totals, for a dry run the list of what would be sent, then
 * one section per post with a table of its targets.
 */
function renderSummary(report) {
    const { results, dryRun } = report;
    const wouldSend = results.filter((r) => r.status === 'dry-run').length;
    const out = [
        dryRun
            ? `<h2>TrackBack: would send ${plural(wouldSend, 'ping')}</h2>`
            : '<h2>TrackBack pings</h2>'
    ];
    if (dryRun)
        out.push(...wouldSendList(report));
    const groups = byPost(results);
    if (groups.size === 0) {
        out.push('<p>No post in this run has TrackBack targets.</p>');
    }
    else {
        out.push(`<p><strong>${escapeHtml(totalsLine(results))}</strong></p>`);
    }
    for (const [post, rows] of groups)
        out.push(...postSection(post, rows));
    out.push(...landedSection(report.landed, escapeHtml));
    if (report.notes.length > 0) {
        out.push(`<ul>${report.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul>`);
    }
    return out.join('\n');
}

export { FileLedgerStore as F, LEDGER_FILE as L, SettingsError as S, LedgerFileError as a, lockSends as b, claimKey as c, countResults as d, addClaims as e, filesOf as f, parseLedgerReport as g, headOf as h, LedgerFormatError as i, error as j, summary as k, landedOptions as l, getSettings as m, notice as n, debug as o, parseSettings as p, setFailed as q, renderSummary as r, setOutput as s, trackback as t, info as u, startGroup as v, warning as w, endGroup as x, isDebug as y, setSecret as z };
