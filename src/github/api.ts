/**
 * The GitHub API adapter: changed files and old file contents when the
 * push's commits are not checked out (the default `fetch-depth: 1`); the
 * shared client and the reading of a file's contents (also used by the Git
 * Data calls of the ledger ref, git-data.ts).
 */
import { types } from 'node:util'
import { apiStatus } from './errors.js'
import type { FileChange } from '../sources/git.js'
import { isRecord } from '../util.js'

/** What the run needs from the REST API. */
export interface RepositoryApi {
  /** Files changed base...head, or undefined when the list is incomplete. */
  compare(base: string, head: string): Promise<FileChange[] | undefined>
  /** A file's text at a commit, or undefined when it does not exist there. */
  fileAt(rev: string, path: string): Promise<string | undefined>
  /**
   * Whether `ancestor` is an ancestor of (or equal to) `commit`, from the
   * compare API's status (`ahead` or `identical`).
   */
  isAncestor?(ancestor: string, commit: string): Promise<boolean>
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
export async function rawFile(
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
      rawFile(await client(), { owner, repo, path, ref: rev }),

    async isAncestor(ancestor, commit): Promise<boolean> {
      const { data } = await (
        await client()
      ).rest.repos.compareCommitsWithBasehead({
        owner,
        repo,
        basehead: `${ancestor}...${commit}`,
        per_page: 1
      })
      return data.status === 'ahead' || data.status === 'identical'
    }
  }
}
