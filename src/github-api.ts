/**
 * The GitHub API adapter: changed files and old file contents when the
 * push's commits are not checked out (the default `fetch-depth: 1`).
 */
import type { FileChange } from './git.js'

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

    async fileAt(rev, path): Promise<string | undefined> {
      try {
        const { data } = await (
          await client()
        ).rest.repos.getContent({
          owner,
          repo,
          path,
          ref: rev,
          mediaType: { format: 'raw' }
        })
        return typeof data === 'string' ? data : undefined
      } catch (error) {
        if ((error as { status?: number }).status === 404) return undefined
        throw error
      }
    }
  }
}
