import * as path from 'node:path';
import { join, relative, sep } from 'node:path';
import { u as urlPolicyError } from './address-policy.js';
import { stat, readdir, readFile } from 'node:fs/promises';
import { i as isPost, l as ledgerKey, b as entryFor, C as ConfigError, e as emptyLedger } from './types.js';
import { readFileSync } from 'node:fs';
import { setImmediate } from 'node:timers/promises';
import { spawn } from 'node:child_process';
import { j as joinPath, p as postMatcher, r as readChanges, l as loadSite, i as inScanWindow, a as relativeTo } from './dispatch.js';
import { a as parseIgnore, d as describeRange, b as ignoredBy } from './range.js';

/**
 * The local git adapter: which files changed between two commits and what
 * they held. One `git diff` and one `git cat-file --batch` per run, so the
 * cost follows the size of the push, not of the repository.
 */
function run(cwd, args, input) {
    return new Promise((resolve, reject) => {
        const child = spawn('git', args, {
            cwd,
            stdio: ['pipe', 'pipe', 'pipe'],
            env: { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' }
        });
        const out = [];
        let err = '';
        child.stdout.on('data', (chunk) => out.push(chunk));
        child.stderr.on('data', (chunk) => {
            if (err.length < 4000)
                err += chunk.toString('utf8');
        });
        child.on('error', reject);
        child.on('close', (code) => resolve({ code: code ?? 1, stdout: Buffer.concat(out), stderr: err }));
        child.stdin.on('error', () => undefined);
        child.stdin.end(input);
    });
}
async function runOk(cwd, args, input) {
    const result = await run(cwd, args, input);
    if (result.code !== 0) {
        throw new Error(`git ${args[0]} failed (exit ${result.code}): ${result.stderr.trim()}`);
    }
    return result.stdout;
}
const STATUS = {
    A: 'added',
    M: 'modified',
    T: 'modified',
    D: 'deleted',
    R: 'renamed',
    C: 'added'
};
/** Parse `git diff --name-status -z` output. */
function parseNameStatus(output) {
    const fields = output.split('\0');
    const changes = [];
    let i = 0;
    while (i < fields.length) {
        const code = fields[i++];
        if (!code)
            continue;
        const status = STATUS[code[0] ?? ''];
        if (code[0] === 'R' || code[0] === 'C') {
            const from = fields[i++] ?? '';
            const to = fields[i++] ?? '';
            if (status === 'renamed') {
                changes.push({ status, path: to, previousPath: from });
            }
            else {
                changes.push({ status: 'added', path: to });
            }
        }
        else {
            const path = fields[i++] ?? '';
            if (status)
                changes.push({ status, path });
        }
    }
    return changes;
}
/** Split `git cat-file --batch` output into one entry per request. */
function parseBatch(output, count) {
    const results = [];
    let offset = 0;
    for (let n = 0; n < count; n++) {
        const newline = output.indexOf(0x0a, offset);
        if (newline < 0)
            break;
        const header = output.subarray(offset, newline).toString('utf8');
        offset = newline + 1;
        const match = /^\S+ (\S+) (\d+)$/.exec(header);
        if (!match) {
            // "<object> missing" (or ambiguous): the file did not exist there.
            results.push(undefined);
            continue;
        }
        const size = Number(match[2]);
        if (match[1] === 'blob') {
            results.push(output.subarray(offset, offset + size).toString('utf8'));
        }
        else {
            results.push(undefined);
        }
        offset += size + 1;
    }
    while (results.length < count)
        results.push(undefined);
    return results;
}
/** Create the git adapter for a directory inside a work tree. */
function createGit(cwd) {
    return {
        async hasCommit(rev) {
            const result = await run(cwd, ['cat-file', '-e', `${rev}^{commit}`]);
            return result.code === 0;
        },
        async mergeBase(a, b) {
            const result = await run(cwd, ['merge-base', a, b]);
            return result.code === 0
                ? result.stdout.toString('utf8').trim()
                : undefined;
        },
        async topLevel() {
            const result = await run(cwd, ['rev-parse', '--show-toplevel']);
            return result.code === 0
                ? result.stdout.toString('utf8').trim()
                : undefined;
        },
        async diff(base, head, pathspec, mergeBase) {
            const range = mergeBase ? [`${base}...${head}`] : [base, head];
            const out = await runOk(cwd, [
                'diff',
                '--name-status',
                '-z',
                '--no-ext-diff',
                '--find-renames',
                ...range,
                '--',
                `:(top)${pathspec}`
            ]);
            return parseNameStatus(out.toString('utf8'));
        },
        async readBlobs(requests) {
            if (requests.length === 0)
                return [];
            // Paths with newlines cannot be named on cat-file's line protocol.
            const safe = requests.map((r) => !/[\n\r]/.test(r.path));
            const input = requests
                .filter((_, i) => safe[i])
                .map((r) => `${r.rev}:${r.path}\n`)
                .join('');
            const out = await runOk(cwd, ['cat-file', '--batch'], Buffer.from(input));
            const blobs = parseBatch(out, safe.filter(Boolean).length);
            let next = 0;
            return safe.map((ok) => (ok ? blobs[next++] : undefined));
        },
        async listFiles(rev, pathspec) {
            const out = await runOk(cwd, [
                'ls-tree',
                '-r',
                '-z',
                '--name-only',
                '--full-tree',
                rev,
                '--',
                pathspec || '.'
            ]);
            return out.toString('utf8').split('\0').filter(Boolean);
        },
        async resolve(rev) {
            if (rev.startsWith('-'))
                return undefined;
            const result = await run(cwd, [
                'rev-parse',
                '--verify',
                '--quiet',
                '--end-of-options',
                `${rev}^{commit}`
            ]);
            const sha = result.stdout.toString('utf8').trim();
            return result.code === 0 && sha ? sha : undefined;
        },
        async refName(rev) {
            if (rev.startsWith('-'))
                return undefined;
            const result = rev.startsWith('refs/')
                ? await run(cwd, ['symbolic-ref', '--quiet', '--short', rev])
                : await run(cwd, [
                    'rev-parse',
                    '--abbrev-ref',
                    '--symbolic-full-name',
                    rev
                ]);
            const name = result.stdout.toString('utf8').trim();
            return result.code === 0 && name ? name : undefined;
        }
    };
}

/**
 * The built site as a check on computed URLs. Deploy jobs usually have the
 * generator's output on disk (`_site/`, `public/`); when they do, each
 * published post's URL must name a file in it, or the ping would point at
 * a 404. A URL with no output file is not pinged: it becomes invalid, with
 * the nearest existing pages named so the mismatch can be fixed.
 *
 * `pageFileFor`, `nearestPages` and `checkAgainstBuiltSite` are pure (a set
 * of file paths in); `builtSiteFiles` is the adapter that lists a folder.
 */
/** Stop listing a built site past this many files (a huge output folder). */
const MAX_BUILT_FILES = 200_000;
/** How many near misses a message names. */
const NEAREST_COUNT = 3;
/** The built folder the generator writes, relative to the site root. */
function defaultBuiltDir(site) {
    if (site.generator === 'jekyll')
        return '_site';
    if (site.generator === 'hugo')
        return 'public';
    return undefined;
}
/**
 * The files that may serve a URL path (relative to the site URL, starting
 * with `/`), most likely first: `…/` is `…/index.html`; a name with an
 * extension is that file; a name without one is what Jekyll writes for it
 * (`….html`), a folder's `index.html`, or the bare file.
 */
function outputCandidates(urlPath) {
    const path = decodePath(urlPath.split(/[?#]/)[0] ?? '').replace(/^\/+/, '');
    if (path === '' || path.endsWith('/'))
        return [`${path}index.html`];
    const last = path.slice(path.lastIndexOf('/') + 1);
    if (last.includes('.'))
        return [path, `${path}/index.html`];
    return [`${path}.html`, `${path}/index.html`, path];
}
/**
 * The output file for a post URL, or undefined when the built site has
 * none. A URL outside the site URL cannot be checked and counts as found
 * (`null`).
 */
function pageFileFor(url, siteUrl, files) {
    const path = pathUnder(url, siteUrl);
    if (path === undefined)
        return null;
    return outputCandidates(path).find((file) => files.has(file));
}
/**
 * The pages of the built site nearest to a URL path: HTML files ranked by
 * edit distance between their page paths (`a/b/index.html` → `a/b/`), at
 * most `count`, as URL paths.
 */
function nearestPages(urlPath, files, count = NEAREST_COUNT) {
    const wanted = decodePath(urlPath).replace(/^\/+/, '');
    // The best `count` so far, nearest first; a page whose length alone puts
    // it further away than the worst of them is not measured.
    const best = [];
    for (const file of files) {
        if (!file.endsWith('.html'))
            continue;
        const page = file.endsWith('index.html')
            ? file.slice(0, -'index.html'.length)
            : file;
        const bound = best.length < count ? Infinity : (best.at(-1)?.distance ?? 0);
        if (Math.abs(wanted.length - page.length) >= bound)
            continue;
        const distance = editDistance(wanted, page);
        if (distance >= bound)
            continue;
        const at = best.findIndex((b) => b.distance > distance);
        best.splice(at < 0 ? best.length : at, 0, { page, distance });
        if (best.length > count)
            best.pop();
    }
    return best.map((r) => `/${encodePath(r.page)}`);
}
/**
 * Check the published posts of a run against the built site. A post whose
 * URL has no output file loses its URL (so it is not pinged) and gets a
 * `urlError` naming the URL, the files looked for and the nearest pages.
 * Posts that are not live yet, and earlier versions, are left alone.
 */
function checkAgainstBuiltSite(changes, built, siteUrl) {
    return changes.map((change) => {
        const post = change.after;
        if (!post || !isPost(post) || post.state !== 'published' || !post.url) {
            return change;
        }
        const problem = missingPage(post, built, siteUrl);
        if (problem === undefined)
            return change;
        const after = { ...post, url: undefined, urlError: problem };
        return { ...change, after };
    });
}
function missingPage(post, built, siteUrl) {
    const url = post.url ?? '';
    const found = pageFileFor(url, siteUrl, built.files);
    if (found !== undefined)
        return undefined;
    const path = pathUnder(url, siteUrl) ?? url;
    const dir = built.dir.replace(/\/+$/, '');
    const looked = outputCandidates(path)
        .map((file) => `${dir}/${file}`)
        .join(' or ');
    const near = nearestPages(path, built.files).map((p) => siteUrl + p);
    return (`${url} is not in the built site: there is no ${looked}. Not pinged, ` +
        `so that no one is sent to a missing page.` +
        (near.length > 0 ? ` Nearest pages: ${near.join(', ')}.` : ''));
}
// ----------------------------------------------------------------- adapter
/**
 * List a built site's files, or undefined when `dir` (absolute) is not a
 * folder. Stops at MAX_BUILT_FILES entries.
 */
async function builtSiteFiles(dir) {
    try {
        if (!(await stat(dir)).isDirectory())
            return undefined;
    }
    catch {
        return undefined;
    }
    const entries = await readdir(dir, { recursive: true, withFileTypes: true });
    const files = new Set();
    for (const entry of entries) {
        if (files.size >= MAX_BUILT_FILES)
            break;
        if (!entry.isFile())
            continue;
        const rel = relative(dir, join(entry.parentPath, entry.name));
        files.add(rel.split(sep).join('/'));
    }
    return files;
}
// ----------------------------------------------------------------- helpers
/** The URL's path below the site URL (`/…`), or undefined when outside it. */
function pathUnder(url, siteUrl) {
    const base = siteUrl.replace(/\/+$/, '');
    if (url === base)
        return '/';
    if (!url.startsWith(`${base}/`))
        return undefined;
    return url.slice(base.length);
}
function decodePath(path) {
    return path
        .split('/')
        .map((segment) => {
        try {
            return decodeURIComponent(segment);
        }
        catch {
            return segment;
        }
    })
        .join('/');
}
function encodePath(path) {
    return path
        .split('/')
        .map((segment) => encodeURIComponent(segment))
        .join('/');
}
/** Levenshtein distance over UTF-16 code units, two rows. */
function editDistance(a, b) {
    if (a === b)
        return 0;
    let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        const current = [i];
        for (let j = 1; j <= b.length; j++) {
            const cost = a[i - 1] === b[j - 1] ? 0 : 1;
            current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
        }
        previous = current;
    }
    return previous[b.length] ?? 0;
}
/**
 * The built site the `site-dir` setting names, under the site root
 * (absolute): `auto` → the generator's folder when present, `none` → no
 * check, else that folder. `shown` is how the folder is named to the user.
 * A folder named explicitly but missing gives a warning instead.
 */
async function findBuiltSite(siteRoot, setting, site, shown) {
    if (setting === 'none') {
        return { note: 'site-dir is none: post URLs are not checked.' };
    }
    const dir = setting === 'auto' ? defaultBuiltDir(site) : setting;
    if (dir === undefined) {
        return {
            note: 'No built site to check post URLs against (set site-dir to check them).'
        };
    }
    const files = await builtSiteFiles(join(siteRoot, dir));
    if (files === undefined || files.size === 0) {
        const note = `No built site in ${shown(dir)}/: post URLs are not checked.`;
        return setting === 'auto'
            ? { note }
            : { note, warning: `site-dir ${shown(dir)} is not a built site. ${note}` };
    }
    return {
        built: { dir: shown(dir), files },
        note: `Checking post URLs against the built site in ${shown(dir)}/ (${files.size} files).`
    };
}

/**
 * Finding the post sources a run looks at, with their previous and current
 * text: from local git when both commits are present, else from the compare
 * API, else (no base commit at all) by scanning the posts on disk.
 */
const MAX_SOURCE_BYTES = 5 * 1024 * 1024;
/** Read a work-tree file as text, or undefined when missing or too large. */
async function readWorkTree(workspace, file) {
    try {
        return sourceText(await readFile(path.join(workspace, file)));
    }
    catch {
        return undefined;
    }
}
/** readWorkTree, synchronously. */
function readWorkTreeSync(workspace, file) {
    try {
        return sourceText(readFileSync(path.join(workspace, file)));
    }
    catch {
        return undefined;
    }
}
function sourceText(buffer) {
    return buffer.length > MAX_SOURCE_BYTES
        ? buffer.subarray(0, MAX_SOURCE_BYTES).toString('utf8')
        : buffer.toString('utf8');
}
/** Keep the changes that touch post sources, as before/after path pairs. */
function relevantChanges(changes, isPost) {
    const out = [];
    for (const change of changes) {
        const oldPath = change.status === 'renamed' ? change.previousPath : change.path;
        const hadPost = change.status !== 'added' && oldPath !== undefined && isPost(oldPath);
        const hasPost = change.status !== 'deleted' && isPost(change.path);
        if (!hadPost && !hasPost)
            continue;
        out.push({
            file: change.path,
            previousFile: oldPath !== change.path ? oldPath : undefined,
            before: hadPost,
            after: hasPost
        });
    }
    return out;
}
/**
 * The post sources changed in a diff range, read locally when possible,
 * else through the API. Throws when neither can answer.
 */
async function diffSources(range, context) {
    const { git, api, siteDir } = context;
    const local = git !== undefined &&
        (await git.hasCommit(range.base)) &&
        (await git.hasCommit(range.head));
    let fileChanges;
    let method;
    if (local && git) {
        fileChanges = await git.diff(range.base, range.head, siteDir, range.mergeBase);
        method = `git diff ${range.base.slice(0, 7)}${range.mergeBase ? '...' : '..'}${range.head.slice(0, 7)}`;
    }
    else if (api) {
        const listed = await api.compare(range.base, range.head);
        if (!listed)
            throw new Error('the compare API listed too many files');
        const prefix = siteDir ? `${siteDir}/` : '';
        fileChanges = listed.filter((c) => c.path.startsWith(prefix) || c.previousPath?.startsWith(prefix));
        method = `compare API ${range.base.slice(0, 7)}...${range.head.slice(0, 7)}`;
    }
    else {
        throw new Error(`commit ${range.base.slice(0, 7)} is not checked out and there is no token for the compare API`);
    }
    const pairs = relevantChanges(fileChanges, context.isPost);
    // The current text comes from the head commit, or from the work tree when
    // that is the head (or the head is not available locally).
    const headLocal = local && range.head !== context.checkedOut;
    // For a pull request the previous version is the one at the merge base,
    // which is what the three-dot diff compared against.
    const baseRev = local && git && range.mergeBase
        ? ((await git.mergeBase(range.base, range.head)) ?? range.base)
        : range.base;
    const beforeTexts = await readVersions(pairs.map((p) => (p.before ? (p.previousFile ?? p.file) : undefined)), baseRev, local ? git : undefined, api, undefined);
    const afterTexts = await readVersions(pairs.map((p) => (p.after ? p.file : undefined)), range.head, headLocal ? git : undefined, undefined, context.workspace);
    const changes = pairs.map((p, i) => ({
        file: p.file,
        previousFile: p.previousFile,
        before: beforeTexts[i],
        after: afterTexts[i],
        reason: 'diff'
    }));
    return { changes, method };
}
async function readVersions(files, rev, git, api, workspace) {
    const wanted = files.flatMap((file, i) => file === undefined ? [] : [{ file, i }]);
    const out = files.map(() => undefined);
    if (git) {
        const blobs = await git.readBlobs(wanted.map((w) => ({ rev, path: w.file })));
        wanted.forEach((w, n) => (out[w.i] = blobs[n]));
    }
    else if (api) {
        for (const w of wanted)
            out[w.i] = await api.fileAt(rev, w.file);
    }
    else if (workspace) {
        await Promise.all(wanted.map(async (w) => {
            out[w.i] = await readWorkTree(workspace, w.file);
        }));
    }
    return out;
}
/** Files a scan reads at once from a slow disk: enough to keep it busy, few enough for file handles. */
const SCAN_READS = 32;
/** Files a scan reads one after another before it lets the event loop run. */
const SCAN_SLICE = 256;
/**
 * A read that takes longer waited for the disk: one from the page cache
 * takes 10–50 µs, and is rarely the one a busy CPU interrupts.
 */
const WAITED_MS = 0.25;
/** Share of a slice's reads that may wait before the disk counts as slow. */
const WAITING_READS = 1 / 8;
/**
 * Every post source in the work tree (scan mode: no base commit known).
 * `keep` may drop a post on its text as soon as it is read, so that a scan
 * of a big blog holds only the posts that matter, never all of them.
 */
async function scanSources(context, head, keep = () => true) {
    let files;
    if (context.git && head && (await context.git.hasCommit(head))) {
        files = await context.git.listFiles(head, context.siteDir);
    }
    if (!files)
        files = await walk(context.workspace, context.siteDir);
    const posts = files.filter(context.isPost);
    const texts = await readSources(context.workspace, posts, keep);
    return {
        changes: posts.flatMap((file, i) => texts[i] === undefined
            ? []
            : [{ file, after: texts[i], reason: 'scan' }]),
        method: 'scan of all post sources'
    };
}
/**
 * The text of each work-tree file (undefined when missing, or when `keep`
 * drops it).
 *
 * A fresh checkout is in the page cache, where reading one file after
 * another (about 15 µs a file) beats reading many at once through the
 * thread pool (about 100 µs a file: four round trips each); a disk that
 * makes each read wait is the other way round. So files are read one after
 * another, a slice at a time, until a slice has many reads that waited for
 * the disk; the rest are then read SCAN_READS at a time. (Reads are timed
 * one by one: on a busy machine a whole slice takes long without waiting
 * for the disk, and the process's context switches count its other
 * threads too.)
 */
async function readSources(workspace, files, keep, options = {}) {
    const slice = options.slice ?? SCAN_SLICE;
    const waitedMs = options.waitedMs ?? WAITED_MS;
    const waitingReads = options.waitingReads ?? WAITING_READS;
    const texts = new Array(files.length);
    const take = (i, text) => {
        texts[i] =
            text !== undefined && keep(text, files[i]) ? text : undefined;
    };
    let next = 0;
    while (next < files.length) {
        const end = Math.min(files.length, next + slice);
        const count = end - next;
        let waited = 0;
        for (; next < end; next++) {
            const started = performance.now();
            const text = readWorkTreeSync(workspace, files[next]);
            if (performance.now() - started > waitedMs)
                waited++;
            take(next, text);
        }
        if (waited > count * waitingReads)
            break;
        await setImmediate();
    }
    const reader = async () => {
        while (next < files.length) {
            const i = next++;
            take(i, await readWorkTree(workspace, files[i]));
        }
    };
    await Promise.all(Array.from({ length: SCAN_READS }, reader));
    return texts;
}
/** Files under `dir` (repository-relative, `/`-separated), skipping dot and dependency folders. */
async function walk(workspace, dir) {
    const out = [];
    const visit = async (rel) => {
        let entries;
        try {
            entries = await readdir(path.join(workspace, rel), {
                withFileTypes: true
            });
        }
        catch {
            return;
        }
        for (const entry of entries) {
            if (entry.name.startsWith('.') || entry.name === 'node_modules')
                continue;
            const child = rel ? `${rel}/${entry.name}` : entry.name;
            if (entry.isDirectory())
                await visit(child);
            else if (entry.isFile())
                out.push(child);
        }
    };
    await visit(dir);
    return out;
}

/**
 * Deciding the pings: which (post, target) pairs this run sends, and what
 * every other pair's status is. Pure: changed posts and the ledger in, a
 * plan out. This is where "at most once" starts: a target is a candidate
 * only when it is new in this push (or the post just became published), and
 * the ledger removes whatever an earlier run already settled.
 */
function row(change, post, target, status, message, line = target?.line ?? post?.targetsLine) {
    const result = {
        post: change.file,
        url: post?.url ?? '',
        target: target?.written ?? '',
        ping: target?.ping ?? '',
        status,
        message
    };
    if (line !== undefined)
        result.line = line;
    return result;
}
/** Ping URLs a published previous version already had. */
function previousPings(before) {
    if (!before || !isPost(before) || before.state !== 'published') {
        return new Set();
    }
    return new Set(before.targets.flatMap((t) => (t.ping === undefined ? [] : [t.ping])));
}
/** `2026-12-25T08:30:00Z` → `2026-12-25 08:30 UTC` (for people). */
function readableTime(iso) {
    const date = new Date(iso);
    if (Number.isNaN(date.getTime()))
        return iso;
    return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
function describeState(post) {
    switch (post.state) {
        case 'future':
            return {
                status: 'pending',
                message: `Scheduled for ${post.dueAt ? readableTime(post.dueAt) : 'later'}: a run after that sends it.`
            };
        case 'draft':
            return { status: 'pending', message: 'Draft: sent once it is published.' };
        case 'unpublished':
            return {
                status: 'pending',
                message: 'Not published (published: false): sent once it is published.'
            };
        case 'expired':
            return {
                status: 'skipped',
                message: 'The post has expired (expiryDate).'
            };
        default:
            return { status: 'pending', message: '' };
    }
}
/**
 * Plan the run. `changes` lists each post once per reason; `ledgerDue` are
 * the keys of ledger entries due for another try (failed, or pending and
 * now due), which `ledger` changes carry.
 */
function planPings(changes, ledger, options) {
    const pings = [];
    const problems = [];
    const forget = [];
    const seen = new Set();
    /** Keys of unsettled entries of one source whose ping matches. */
    const dueOf = (source, match) => Object.entries(ledger.entries)
        .filter(([, e]) => (e.status === 'failed' || e.status === 'pending') &&
        e.source === source &&
        match(e.ping))
        .map(([key]) => key);
    for (const change of changes) {
        const after = change.after;
        if (after === undefined) {
            if (change.reason === 'ledger') {
                forget.push(...dueOf(change.file, () => true));
            }
            continue;
        }
        if (!isPost(after)) {
            const problem = {
                file: change.file,
                line: after.line,
                message: after.message
            };
            problems.push(problem);
            pings.push({
                result: row(change, undefined, undefined, 'invalid', after.message, after.line),
                attempts: 0
            });
            continue;
        }
        const post = after;
        const before = previousPings(change.before);
        for (const target of post.targets) {
            const planned = planTarget(change, post, target, before, ledger, options);
            if (!planned)
                continue;
            const key = planned.pair
                ? ledgerKey(planned.pair.post, planned.pair.ping)
                : undefined;
            if (key !== undefined) {
                if (seen.has(key))
                    continue;
                seen.add(key);
                // An ignored target's unfinished tries are dropped, not retried.
                const status = ledger.entries[key]?.status;
                const unsettled = status === 'failed' || status === 'pending';
                if (unsettled && options.ignore?.(target.ping ?? '') !== undefined) {
                    forget.push(key);
                }
            }
            pings.push(planned);
        }
        if (change.reason === 'ledger' && post.url) {
            // Due entries of this source whose target is no longer in the post.
            const kept = new Set(post.targets.map((t) => t.ping));
            forget.push(...dueOf(change.file, (ping) => !kept.has(ping)));
        }
    }
    const sending = pings.filter((p) => p.request);
    let overLimit;
    if (sending.length > options.maxPings) {
        overLimit =
            `This run would send ${sending.length} pings, more than max-pings ` +
                `(${options.maxPings}); nothing was sent. If that is intended (a ` +
                `backfill), set the max-pings input to ${sending.length} or more for one run.`;
        for (const p of sending) {
            delete p.request;
            p.result = { ...p.result, status: 'skipped', message: overLimit };
            p.pendingUntil = undefined;
        }
    }
    return { pings, problems, forget, overLimit };
}
/** The report for a pair an earlier run settled, or undefined. */
function settledStatus(entry) {
    const on = entry?.updated.slice(0, 10);
    const why = entry?.message ? `: ${entry.message}` : '.';
    switch (entry?.status) {
        case 'sent':
            return { status: 'already-sent', message: `Sent on ${on}.` };
        case 'rejected':
            return {
                status: 'skipped',
                message: `Rejected by the receiver on ${on}${why}`
            };
        case 'given-up':
            return {
                status: 'skipped',
                message: `Given up after ${entry.attempts} attempts${why}`
            };
        default:
            return undefined;
    }
}
function planTarget(change, post, target, previous, ledger, options) {
    const file = change.file;
    if (target.ping === undefined) {
        const message = target.error ?? `Invalid target '${target.written}'.`;
        return {
            result: row(change, post, target, 'invalid', message),
            attempts: 0
        };
    }
    const refused = options.addressPolicy?.(target.ping);
    if (refused !== undefined) {
        return {
            result: row(change, post, target, 'invalid', `Refused target '${target.written}': ${refused}.`),
            attempts: 0
        };
    }
    if (post.url === undefined) {
        const message = `Cannot work out the post's URL: ${post.urlError ?? 'unknown error'}`;
        return {
            result: row(change, post, target, 'invalid', message, post.targetsLine),
            attempts: 0
        };
    }
    const pair = {
        post: post.url,
        ping: target.ping,
        source: file,
        target: target.written
    };
    const entry = entryFor(ledger, pair.post, pair.ping);
    const resend = options.resend?.(pair) ?? false;
    // A post read only for `resend` shows just the targets it names.
    if (change.reason === 'resend' && !resend)
        return undefined;
    const attempts = entry?.attempts ?? 0;
    const settled = resend ? undefined : settledStatus(entry);
    if (settled) {
        return {
            result: row(change, post, target, settled.status, settled.message),
            pair,
            attempts
        };
    }
    const retry = entry?.status === 'failed' || entry?.status === 'pending';
    // A source read only because one of its pings is due again offers no
    // other target: the others were settled (or dropped) by earlier runs, even
    // when the ledger no longer says so.
    const candidate = resend ||
        retry ||
        change.reason === 'scan' ||
        (change.reason === 'diff' && !previous.has(target.ping));
    const skip = (message) => ({
        result: row(change, post, target, 'skipped', message),
        pair,
        attempts
    });
    if (!candidate) {
        if (change.reason !== 'diff')
            return undefined;
        return skip('Unchanged since the previous version, which was already published: not sent again.');
    }
    const ignored = options.ignore?.(target.ping);
    if (ignored !== undefined) {
        return skip(`Ignored: the ping URL matches the ignore pattern '${ignored}'; never sent.`);
    }
    if (post.state !== 'published') {
        const { status, message } = describeState(post);
        return {
            result: row(change, post, target, status, message),
            pair,
            attempts,
            pendingUntil: post.state === 'future' ? post.dueAt : undefined
        };
    }
    const request = {
        id: ledgerKey(pair.post, pair.ping),
        ping: target.ping,
        fields: {
            url: post.url,
            title: post.title,
            excerpt: post.excerpt,
            blog_name: options.blogName
        }
    };
    // In a dry run the request is kept too: it is what the run would send,
    // and it counts against max-pings the same way.
    return {
        result: options.dryRun
            ? row(change, post, target, 'dry-run', resend ? 'Would be sent again (resend).' : 'Would be sent.')
            : row(change, post, target, 'pending', 'Not sent yet.'),
        request,
        ...(change.reason === 'diff' && !entry && !previous.has(target.ping)
            ? { newInDiff: true }
            : {}),
        pair,
        attempts,
        ...(resend ? { resend: true } : {})
    };
}

/** URLs compared by their normal form (case of scheme and host, default port). */
function normalUrl(text) {
    try {
        return new URL(text).href;
    }
    catch {
        return undefined;
    }
}
/** Compile the `resend` lines for a site rooted at `siteDir`. */
function resendMatcher(lines, siteDir) {
    const used = new Set();
    const keys = lines.map((line) => {
        if (/^https?:\/\//i.test(line))
            return { line, url: normalUrl(line) };
        const file = line.replace(/\\/g, '/').replace(/^(\.\/)+/, '');
        return { line, files: [file, joinPath(siteDir, file)] };
    });
    return {
        matches(pair) {
            const post = normalUrl(pair.post);
            const ping = normalUrl(pair.ping);
            let hit = false;
            for (const key of keys) {
                const covers = key.url !== undefined
                    ? key.url === ping || key.url === post
                    : (key.files?.includes(pair.source) ?? false);
                if (covers) {
                    used.add(key.line);
                    hit = true;
                }
            }
            return hit;
        },
        unused: () => lines.filter((line) => !used.has(line))
    };
}

/**
 * The planning half of a run, shared by the action and the command line:
 * site → changed posts → posts → planned pings. Whatever the action would
 * send, `trackback-action check` shows, because both call `planRun`.
 *
 * Messages go through an injected `Log` (the action's is `@actions/core`,
 * the CLI's writes to the terminal), so this module touches no runner API.
 */
/** Read the site, find and read the posts in range, and plan the pings. */
async function planRun(input, log) {
    const { settings, workspace, now, ledger, range } = input;
    const siteDir = settings.workingDirectory;
    const notes = [];
    const site = await log.group('Site', () => readSite(path.join(workspace, siteDir), siteDir, settings, log));
    const blogName = settings.blogName ?? site.title ?? input.fallbackBlogName;
    log.info(`Site: ${site.url} (${site.generator}${site.configFile ? `, ${site.configFile}` : ''}), blog name "${blogName}"`);
    const matcher = postMatcher(settings.posts, site);
    const git = createGit(workspace);
    const sources = {
        workspace,
        siteDir,
        isPost: (file) => {
            const rel = relativeTo(siteDir, file);
            return rel !== undefined && matcher(rel);
        },
        checkedOut: input.checkedOut,
        git: (await git.topLevel()) ? git : undefined,
        api: input.api
    };
    const scanDays = input.scanDays ?? settings.maxAgeDays;
    const readOptions = {
        site,
        siteDir,
        frontMatterKey: settings.frontMatterKey,
        maxAgeDays: scanDays,
        now,
        readFile: (file) => readWorkTree(workspace, file),
        progress: (done, total) => log.progress?.('Reading posts', done, total)
    };
    const found = await log.group('Finding posts', async () => {
        const result = await findSources(range, sources, scanDays, settings, scanKeeps(settings, readOptions), notes, log);
        log.info(result.method);
        return result;
    });
    const changes = await readChanges(found.changes, ledger, readOptions);
    const resend = resendMatcher(settings.resend, siteDir);
    if (settings.resend.length > 0) {
        const head = range.kind === 'none' ? undefined : range.head;
        changes.push(...(await resendChanges(changes, resend, sources, head, readOptions)));
    }
    log.info(`${changes.length} post source(s) to look at.`);
    const checked = await checkUrls(changes, site, workspace, siteDir, settings, log);
    const ignore = parseIgnore(settings.ignore).rules;
    const plan = await log.group('Planning', async () => {
        const result = planPings(checked, ledger, {
            now,
            dryRun: settings.dryRun,
            blogName,
            maxPings: settings.maxPings,
            resend: (pair) => resend.matches(pair),
            ignore: (ping) => ignoredBy(ignore, ping)?.pattern,
            addressPolicy: (ping) => addressPolicy(ping, settings.allowPrivateNetworks)
        });
        for (const p of result.pings) {
            log.info(`${p.result.post} → ${p.result.ping || p.result.target}: ${p.result.status} ${p.result.message}`);
        }
        return result;
    });
    for (const line of resend.unused()) {
        const message = `resend: '${line}' names no post source, ping URL or post URL of a post in the work tree; nothing was sent again for it.`;
        log.warning(message);
        notes.push(message);
    }
    const looked = describeRange(range);
    if (looked)
        notes.push(looked);
    return { site, blogName, plan, method: found.method, notes };
}
/** Check the published posts' URLs against the built site, when at hand. */
async function checkUrls(changes, site, workspace, siteDir, settings, log) {
    const siteRoot = path.join(workspace, siteDir);
    const found = await findBuiltSite(siteRoot, settings.siteDir, site, (dir) => joinPath(siteDir, dir));
    if (found.warning)
        log.warning(found.warning);
    log.info(found.note);
    return found.built
        ? checkAgainstBuiltSite(changes, found.built, site.url)
        : changes;
}
/** urlPolicyError, saying when allow-private-networks would permit it. */
function addressPolicy(ping, allowPrivate) {
    const refused = urlPolicyError(ping, allowPrivate);
    if (refused === undefined || allowPrivate)
        return refused;
    return urlPolicyError(ping, true) === undefined
        ? `${refused} (allowed only with allow-private-networks: true)`
        : refused;
}
async function readSite(siteRoot, siteDir, settings, log) {
    const { site, problems } = await loadSite(siteRoot, {
        siteUrl: settings.siteUrl,
        permalink: settings.permalink,
        blogName: settings.blogName
    });
    // Reported at once (not with the results): a config without a site URL
    // ends the run before there are any.
    for (const p of problems) {
        log.problem({ file: joinPath(siteDir, p.file), line: p.line, message: p.message }, 'TrackBack: site configuration');
    }
    if (!site.url) {
        const where = site.generator === 'jekyll'
            ? ' or `url` (and `baseurl`) in _config.yml'
            : site.generator === 'hugo'
                ? " or `baseURL` in Hugo's config"
                : '';
        throw new ConfigError(`Cannot work out the site's public URL. Set the site-url input (for example https://me.github.io/blog)${where}.`);
    }
    return { ...site, url: site.url };
}
/**
 * What a scan keeps of the posts it reads, tested as each is read so that a
 * scan of a big blog holds only the posts that matter, never all of them.
 * First the text: targets come only from the post's own front matter,
 * under the key, so a text without the key's name has none (unless the name
 * is written with escapes, which no one does). Then the date (readChanges
 * reads only posts in the scan window).
 */
function scanKeeps(settings, options) {
    return (text, file) => text.includes(settings.frontMatterKey) && inScanWindow(file, text, options);
}
async function findSources(range, sources, scanDays, settings, keep, notes, log) {
    const window = scanDays === settings.maxAgeDays
        ? `posts dated within max-age (${scanDays} days)`
        : scanDays === 0
            ? 'no post: without a cache service nothing remembers what an earlier scan sent, so only pushed changes are pinged'
            : `posts dated within ${scanDays} days, not max-age (${settings.maxAgeDays}): no saved ledger was found, and an older post may have been pinged by a run whose ledger the cache has since evicted`;
    if (range.kind === 'none') {
        notes.push(`Nothing to look at: ${range.reason}.`);
        return { changes: [], method: range.reason };
    }
    if (range.kind === 'diff') {
        try {
            return await diffSources(range, sources);
        }
        catch (error) {
            const message = `Cannot list the changes ${range.base.slice(0, 7)}..${range.head.slice(0, 7)} (${error instanceof Error ? error.message : String(error)}); considering ${window} instead.`;
            log.warning(message);
            notes.push(message);
            return scanSources(sources, range.head, keep);
        }
    }
    const message = `No base commit: ${range.reason}. Considering ${window}.`;
    log.info(message);
    notes.push(message);
    return scanSources(sources, range.head, keep);
}
/**
 * The posts the `resend` input names that the range did not bring: every
 * post source is read (a ping URL may be in any post) and those with a
 * covered pair are kept, as `resend` changes without a previous version.
 */
async function resendChanges(changes, resend, sources, head, options) {
    const looked = new Set(changes.map((c) => c.file));
    const listed = await scanSources(sources, head);
    const unread = listed.changes
        .filter((c) => !looked.has(c.file))
        .map((c) => ({ ...c, reason: 'diff' }));
    const read = await readChanges(unread, emptyLedger(), options);
    return read.flatMap((change) => {
        const post = change.after;
        if (!post || !isPost(post) || post.url === undefined)
            return [];
        const url = post.url;
        const covered = post.targets.some((t) => t.ping !== undefined &&
            resend.matches({
                post: url,
                ping: t.ping,
                source: change.file,
                target: t.written
            }));
        return covered ? [{ file: change.file, after: post, reason: 'resend' }] : [];
    });
}

var planRun$1 = /*#__PURE__*/Object.freeze({
    __proto__: null,
    ConfigError: ConfigError,
    planRun: planRun
});

export { planRun$1 as a, createGit as c, planRun as p };
