import { spawn } from 'node:child_process';

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
/**
 * Run any git command in `cwd` and return its output as text; throws with
 * git's message when it fails (the CLI's `send`: status, fetch, commit).
 */
async function gitText(cwd, args) {
    return (await runOk(cwd, args)).toString('utf8');
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
    return new LocalGit(cwd);
}
/** The git adapter: each call is one git command run in `cwd`. */
class LocalGit {
    cwd;
    constructor(cwd) {
        this.cwd = cwd;
    }
    async hasCommit(rev) {
        const result = await run(this.cwd, ['cat-file', '-e', `${rev}^{commit}`]);
        return result.code === 0;
    }
    async mergeBase(a, b) {
        const result = await run(this.cwd, ['merge-base', a, b]);
        return result.code === 0 ? result.stdout.toString('utf8').trim() : undefined;
    }
    async isAncestor(ancestor, commit) {
        if (!(await this.hasCommit(ancestor)) || !(await this.hasCommit(commit))) {
            return undefined;
        }
        const result = await run(this.cwd, [
            'merge-base',
            '--is-ancestor',
            ancestor,
            commit
        ]);
        return result.code === 0 ? true : result.code === 1 ? false : undefined;
    }
    async topLevel() {
        const result = await run(this.cwd, ['rev-parse', '--show-toplevel']);
        return result.code === 0 ? result.stdout.toString('utf8').trim() : undefined;
    }
    async diff(base, head, pathspec, mergeBase) {
        const range = mergeBase ? [`${base}...${head}`] : [base, head];
        const out = await runOk(this.cwd, [
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
    }
    async readBlobs(requests) {
        if (requests.length === 0)
            return [];
        // Paths with newlines cannot be named on cat-file's line protocol.
        const safe = requests.map((r) => !/[\n\r]/.test(r.path));
        const input = requests
            .filter((_, i) => safe[i])
            .map((r) => `${r.rev}:${r.path}\n`)
            .join('');
        const out = await runOk(this.cwd, ['cat-file', '--batch'], Buffer.from(input));
        const blobs = parseBatch(out, safe.filter(Boolean).length);
        let next = 0;
        return safe.map((ok) => (ok ? blobs[next++] : undefined));
    }
    async listFiles(rev, pathspec) {
        const out = await runOk(this.cwd, [
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
    }
    async resolve(rev) {
        if (rev.startsWith('-'))
            return undefined;
        const result = await run(this.cwd, [
            'rev-parse',
            '--verify',
            '--quiet',
            '--end-of-options',
            `${rev}^{commit}`
        ]);
        const sha = result.stdout.toString('utf8').trim();
        return result.code === 0 && sha ? sha : undefined;
    }
    async refName(rev) {
        if (rev.startsWith('-'))
            return undefined;
        const result = rev.startsWith('refs/')
            ? await run(this.cwd, ['symbolic-ref', '--quiet', '--short', rev])
            : await run(this.cwd, [
                'rev-parse',
                '--abbrev-ref',
                '--symbolic-full-name',
                rev
            ]);
        const name = result.stdout.toString('utf8').trim();
        return result.code === 0 && name ? name : undefined;
    }
}

export { createGit as c, gitText as g };
