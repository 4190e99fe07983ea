/**
 * The GitHub API adapter: changed files and old file contents when the
 * push's commits are not checked out (the default `fetch-depth: 1`), and
 * the Git Data calls that keep the ledger in a ref (ledger/ref-git.ts).
 */
import { types } from 'node:util'
import { apiStatus } from './errors.js'
import type { FileChange } from '../sources/git.js'
import type { LedgerRefApi } from '../ledger/ref-git.js'
import { isRecord } from '../util.js'

/** What the run needs from the REST API. */
export interface RepositoryApi {
  /** Files changed base...head, or undefined when the list is incomplete. */
  compare(base: string, head: string): Promise<FileChange[] | undefined>
  /** A file's text at a commit, or undefined when it does not exist there. */
  fileAt(rev: string, path: string): Promise<string | undefined>
}

/** The REST client @actions/github creates. */
export type Octokit = ReturnType<typeof import('@actions/github').getOctokit>

/**
 * A client for `token`, created on the first call and shared after:
 * @actions/github (Octokit) is loaded only when the API is first needed, so
 * a run that never asks (its commits are in local git) never loads it.
 */
export function lazyOctokit(
  token: string,
  baseUrl?: string
): () => Promise<Octokit> {
  let octokit: Promise<Octokit> | undefined
  return () => {
    octokit ??= import('@actions/github').then(({ getOctokit }) =>
      getOctokit(token, baseUrl ? { baseUrl } : {})
    )
    return octokit
  }
}

/** The compare API lists at most this many files. */
const MAX_COMPARE_FILES = 300

const STATUS: Record<string, FileChange['status']> = {
  added: 'added',
  copied: 'added',
  modified: 'modified',
  changed: 'modified',
  removed: 'deleted',
  renamed: 'renamed'
}

/** Compare-API file entries (only the fields read here). */
interface ApiFile {
  filename: string
  status: string
  previous_filename?: string
}

/** Turn the compare API's file list into changes (pure). */
export function changesFromApi(files: ApiFile[]): FileChange[] {
  const changes: FileChange[] = []
  for (const file of files) {
    const status = STATUS[file.status]
    if (!status) continue
    if (status === 'renamed' && file.previous_filename) {
      changes.push({
        status,
        path: file.filename,
        previousPath: file.previous_filename
      })
    } else {
      changes.push({
        status: status === 'renamed' ? 'added' : status,
        path: file.filename
      })
    }
  }
  return changes
}

/**
 * A file's text from the contents API's answer, however Octokit hands it
 * back: a string when the answer is labelled text (`text/*` or
 * `charset=utf-8`), else an ArrayBuffer (GitHub's raw media type without a
 * charset, `application/octet-stream`); bytes from other clients; or the
 * JSON description with base64 `content` when the raw format was not
 * honoured. Undefined for anything else (a directory's listing). (The
 * buffer may come from another realm, as under jest: no `instanceof`.)
 */
export function fileText(data: unknown): string | undefined {
  if (typeof data === 'string') return data
  if (types.isAnyArrayBuffer(data)) {
    return new TextDecoder().decode(new Uint8Array(data))
  }
  if (ArrayBuffer.isView(data)) {
    const { buffer, byteOffset, byteLength } = data
    return new TextDecoder().decode(
      new Uint8Array(buffer, byteOffset, byteLength)
    )
  }
  if (
    isRecord(data) &&
    data.type === 'file' &&
    data.encoding === 'base64' &&
    typeof data.content === 'string'
  ) {
    return new TextDecoder().decode(Buffer.from(data.content, 'base64'))
  }
  return undefined
}

/** A file's raw text at a commit, or undefined when it is not there (404). */
async function rawFile(
  octokit: Octokit,
  where: {
    owner: string
    repo: string
    path: string
    ref: string
    request?: { signal: AbortSignal }
  }
): Promise<string | undefined> {
  try {
    const { data } = await octokit.rest.repos.getContent({
      ...where,
      mediaType: { format: 'raw' }
    })
    return fileText(data)
  } catch (error) {
    if (apiStatus(error) === 404) return undefined
    throw error
  }
}

/** Create the API adapter for `owner/repo` with a token. */
export function createRepositoryApi(
  token: string,
  owner: string,
  repo: string,
  baseUrl?: string
): RepositoryApi {
  const client = lazyOctokit(token, baseUrl)
  return {
    async compare(base, head): Promise<FileChange[] | undefined> {
      // The compare API pages the commits, not the files: every page
      // carries the same file list, cut at MAX_COMPARE_FILES. A list that
      // long may be incomplete, so the caller falls back to a scan.
      const { data } = await (
        await client()
      ).rest.repos.compareCommitsWithBasehead({
        owner,
        repo,
        basehead: `${base}...${head}`,
        per_page: 1
      })
      const files = (data.files ?? []) as ApiFile[]
      if (files.length >= MAX_COMPARE_FILES) return undefined
      return changesFromApi(files)
    },

    fileAt: async (rev, path) =>
      rawFile(await client(), { owner, repo, path, ref: rev })
  }
}

/**
 * The Git Data API calls of the ledger ref (ledger/ref-git.ts), for `ref`
 * (`refs/…`) of `owner/repo`. Each call gives up after `timeoutMs`. Without
 * a token or a repository every call fails as GitHub's 401 would, so the
 * ref store holds its pings and says why.
 */
export function createLedgerRefApi(
  token: string,
  owner: string,
  repo: string,
  ref: string,
  baseUrl?: string,
  timeoutMs = 30_000
): LedgerRefApi {
  if (!token || !owner || !repo) return unreachableRefApi(ref)
  const client = lazyOctokit(token, baseUrl)
  // The get and update endpoints take the name without `refs/`.
  const short = ref.replace(/^refs\//, '')
  const request = (): { signal: AbortSignal } => ({
    signal: AbortSignal.timeout(timeoutMs)
  })
  return {
    async readRef(): Promise<string | undefined> {
      try {
        const { data } = await (
          await client()
        ).rest.git.getRef({ owner, repo, ref: short, request: request() })
        return data.object.sha
      } catch (error) {
        if (apiStatus(error) === 404) return undefined
        throw error
      }
    },

    readFile: async (commit, path) =>
      rawFile(await client(), {
        owner,
        repo,
        path,
        ref: commit,
        request: request()
      }),

    async writeCommit(files, parent, message): Promise<string> {
      const api = await client()
      const tree = await api.rest.git.createTree({
        owner,
        repo,
        tree: Object.entries(files).map(([path, content]) => ({
          path,
          mode: '100644' as const,
          type: 'blob' as const,
          content
        })),
        request: request()
      })
      const commit = await api.rest.git.createCommit({
        owner,
        repo,
        message,
        tree: tree.data.sha,
        parents: parent ? [parent] : [],
        request: request()
      })
      return commit.data.sha
    },

    async moveRef(commit, from): Promise<boolean> {
      const api = await client()
      try {
        if (from === undefined) {
          await api.rest.git.createRef({
            owner,
            repo,
            ref,
            sha: commit,
            request: request()
          })
        } else {
          await api.rest.git.updateRef({
            owner,
            repo,
            ref: short,
            sha: commit,
            force: false,
            request: request()
          })
        }
        return true
      } catch (error) {
        // 422: "Update is not a fast forward", "Reference already exists",
        // or "Reference does not exist" (deleted meanwhile).
        if (apiStatus(error) === 422) return false
        throw error
      }
    }
  }
}

/** The ledger ref's calls when there is no token or repository to use. */
function unreachableRefApi(ref: string): LedgerRefApi {
  const fail = async (): Promise<never> => {
    throw Object.assign(
      new Error(
        `ledger-ref ${ref} is read and written with github-token, and this run has no token or no repository (GITHUB_REPOSITORY)`
      ),
      { status: 401 }
    )
  }
  return { readRef: fail, readFile: fail, writeCommit: fail, moveRef: fail }
}
