/**
 * The local git adapter: which files changed between two commits and what
 * they held. One `git diff` and one `git cat-file --batch` per run, so the
 * cost follows the size of the push, not of the repository.
 */
import { spawn } from 'node:child_process'

/** A file changed between two commits (paths relative to the repository root). */
export interface FileChange {
  status: 'added' | 'modified' | 'deleted' | 'renamed'
  path: string
  /** For renames: where the file was before. */
  previousPath?: string
}

/** A file's content at a commit (undefined when it did not exist there). */
export interface BlobRequest {
  rev: string
  path: string
}

/** Runs git in one directory. */
export interface Git {
  /** Whether `rev` names a commit present in the local repository. */
  hasCommit(rev: string): Promise<boolean>
  /** The best common ancestor of two commits, or undefined. */
  mergeBase(a: string, b: string): Promise<string | undefined>
  /**
   * Whether `ancestor` is an ancestor of (or equal to) `commit`; undefined
   * when either is not in the local repository (a shallow checkout).
   */
  isAncestor(ancestor: string, commit: string): Promise<boolean | undefined>
  /** The repository's top directory, or undefined when not in a work tree. */
  topLevel(): Promise<string | undefined>
  /** Files changed from `base` to `head` under `pathspec` (renames paired). */
  diff(
    base: string,
    head: string,
    pathspec: string,
    mergeBase: boolean
  ): Promise<FileChange[]>
  /** Contents of files at commits, in one batch. */
  readBlobs(requests: BlobRequest[]): Promise<Array<string | undefined>>
  /** Files tracked at `rev` under `pathspec`. */
  listFiles(rev: string, pathspec: string): Promise<string[]>
  /** The commit SHA `rev` names (`HEAD`, `@{u}`, a branch), or undefined. */
  resolve(rev: string): Promise<string | undefined>
  /**
   * The short ref name a symbolic rev stands for: `@{u}` → `origin/main`,
   * `refs/remotes/origin/HEAD` → `origin/main`; undefined when unset.
   */
  refName(rev: string): Promise<string | undefined>
}

interface RunResult {
  code: number
  stdout: Buffer
  stderr: string
}

function run(cwd: string, args: string[], input?: Buffer): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, {
      cwd,
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' }
    })
    const out: Buffer[] = []
    let err = ''
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk))
    child.stderr.on('data', (chunk: Buffer) => {
      if (err.length < 4000) err += chunk.toString('utf8')
    })
    child.on('error', reject)
    child.on('close', (code) =>
      resolve({ code: code ?? 1, stdout: Buffer.concat(out), stderr: err })
    )
    child.stdin.on('error', () => undefined)
    child.stdin.end(input)
  })
}

async function runOk(
  cwd: string,
  args: string[],
  input?: Buffer
): Promise<Buffer> {
  const result = await run(cwd, args, input)
  if (result.code !== 0) {
    throw new Error(
      `git ${args[0]} failed (exit ${result.code}): ${result.stderr.trim()}`
    )
  }
  return result.stdout
}

/**
 * Run any git command in `cwd` and return its output as text; throws with
 * git's message when it fails (the CLI's `send`: status, fetch, commit).
 */
export async function gitText(cwd: string, args: string[]): Promise<string> {
  return (await runOk(cwd, args)).toString('utf8')
}

const STATUS: Record<string, FileChange['status']> = {
  A: 'added',
  M: 'modified',
  T: 'modified',
  D: 'deleted',
  R: 'renamed',
  C: 'added'
}

/** Parse `git diff --name-status -z` output. */
export function parseNameStatus(output: string): FileChange[] {
  const fields = output.split('\0')
  const changes: FileChange[] = []
  let i = 0
  while (i < fields.length) {
    const code = fields[i++]
    if (!code) continue
    const status = STATUS[code[0] ?? '']
    if (code[0] === 'R' || code[0] === 'C') {
      const from = fields[i++] ?? ''
      const to = fields[i++] ?? ''
      if (status === 'renamed') {
        changes.push({ status, path: to, previousPath: from })
      } else {
        changes.push({ status: 'added', path: to })
      }
    } else {
      const path = fields[i++] ?? ''
      if (status) changes.push({ status, path })
    }
  }
  return changes
}

/** Split `git cat-file --batch` output into one entry per request. */
export function parseBatch(
  output: Buffer,
  count: number
): Array<string | undefined> {
  const results: Array<string | undefined> = []
  let offset = 0
  for (let n = 0; n < count; n++) {
    const newline = output.indexOf(0x0a, offset)
    if (newline < 0) break
    const header = output.subarray(offset, newline).toString('utf8')
    offset = newline + 1
    const match = /^\S+ (\S+) (\d+)$/.exec(header)
    if (!match) {
      // "<object> missing" (or ambiguous): the file did not exist there.
      results.push(undefined)
      continue
    }
    const size = Number(match[2])
    if (match[1] === 'blob') {
      results.push(output.subarray(offset, offset + size).toString('utf8'))
    } else {
      results.push(undefined)
    }
    offset += size + 1
  }
  while (results.length < count) results.push(undefined)
  return results
}

/** Create the git adapter for a directory inside a work tree. */
export function createGit(cwd: string): Git {
  return new LocalGit(cwd)
}

/** The git adapter: each call is one git command run in `cwd`. */
class LocalGit implements Git {
  constructor(private readonly cwd: string) {}

  async hasCommit(rev: string): Promise<boolean> {
    const result = await run(this.cwd, ['cat-file', '-e', `${rev}^{commit}`])
    return result.code === 0
  }

  async mergeBase(a: string, b: string): Promise<string | undefined> {
    const result = await run(this.cwd, ['merge-base', a, b])
    return result.code === 0 ? result.stdout.toString('utf8').trim() : undefined
  }

  async isAncestor(
    ancestor: string,
    commit: string
  ): Promise<boolean | undefined> {
    if (!(await this.hasCommit(ancestor)) || !(await this.hasCommit(commit))) {
      return undefined
    }
    const result = await run(this.cwd, [
      'merge-base',
      '--is-ancestor',
      ancestor,
      commit
    ])
    return result.code === 0 ? true : result.code === 1 ? false : undefined
  }

  async topLevel(): Promise<string | undefined> {
    const result = await run(this.cwd, ['rev-parse', '--show-toplevel'])
    return result.code === 0 ? result.stdout.toString('utf8').trim() : undefined
  }

  async diff(
    base: string,
    head: string,
    pathspec: string,
    mergeBase: boolean
  ): Promise<FileChange[]> {
    const range = mergeBase ? [`${base}...${head}`] : [base, head]
    const out = await runOk(this.cwd, [
      'diff',
      '--name-status',
      '-z',
      '--no-ext-diff',
      '--find-renames',
      ...range,
      '--',
      `:(top)${pathspec}`
    ])
    return parseNameStatus(out.toString('utf8'))
  }

  async readBlobs(requests: BlobRequest[]): Promise<Array<string | undefined>> {
    if (requests.length === 0) return []
    // Paths with newlines cannot be named on cat-file's line protocol.
    const safe = requests.map((r) => !/[\n\r]/.test(r.path))
    const input = requests
      .filter((_, i) => safe[i])
      .map((r) => `${r.rev}:${r.path}\n`)
      .join('')
    const out = await runOk(
      this.cwd,
      ['cat-file', '--batch'],
      Buffer.from(input)
    )
    const blobs = parseBatch(out, safe.filter(Boolean).length)
    let next = 0
    return safe.map((ok) => (ok ? blobs[next++] : undefined))
  }

  async listFiles(rev: string, pathspec: string): Promise<string[]> {
    const out = await runOk(this.cwd, [
      'ls-tree',
      '-r',
      '-z',
      '--name-only',
      '--full-tree',
      rev,
      '--',
      pathspec || '.'
    ])
    return out.toString('utf8').split('\0').filter(Boolean)
  }

  async resolve(rev: string): Promise<string | undefined> {
    if (rev.startsWith('-')) return undefined
    const result = await run(this.cwd, [
      'rev-parse',
      '--verify',
      '--quiet',
      '--end-of-options',
      `${rev}^{commit}`
    ])
    const sha = result.stdout.toString('utf8').trim()
    return result.code === 0 && sha ? sha : undefined
  }

  async refName(rev: string): Promise<string | undefined> {
    if (rev.startsWith('-')) return undefined
    const result = rev.startsWith('refs/')
      ? await run(this.cwd, ['symbolic-ref', '--quiet', '--short', rev])
      : await run(this.cwd, [
          'rev-parse',
          '--abbrev-ref',
          '--symbolic-full-name',
          rev
        ])
    const name = result.stdout.toString('utf8').trim()
    return result.code === 0 && name ? name : undefined
  }
}
