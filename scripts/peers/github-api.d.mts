/**
 * Types for github-api.mjs: a loopback stand-in for GitHub's compare and
 * contents REST endpoints and the Git Data endpoints of the ledger ref,
 * answered from a real local git repository (refs move by compare-and-swap),
 * and for the Actions jobs list of a run attempt, answered from what a test
 * sets.
 */

/** One entry of the compare API's `files` list (only what is served). */
export interface CompareFile {
  filename: string
  status: 'added' | 'modified' | 'removed' | 'renamed' | 'copied' | 'changed'
  /** For renames and copies: the source path. */
  previous_filename?: string
}

/**
 * The endpoint a request matched: `git-read` is GET git/ref (the ledger
 * ref), `git-write` every Git Data write (POST git/trees, git/commits,
 * git/refs; PATCH git/refs). A fault on `git-write` with status 403 is a
 * token with `contents: read` only.
 */
export type GitHubApiRoute =
  'compare' | 'contents' | 'jobs' | 'git-read' | 'git-write'

/**
 * A misbehaviour for a route (or `any`): answer `status` (default 500) with
 * `body` (default `{ message }`). `times` limits how many requests it
 * affects; without it the fault stays until `setFault(route, undefined)`.
 */
export interface GitHubApiFault {
  status?: number
  message?: string
  body?: unknown
  times?: number
}

/** One request the server received. */
export interface GitHubApiRequest {
  method: string
  /** Path with query string, e.g. `/repos/o/r/compare/a...b?per_page=100&page=1`. */
  url: string
  /** The `Authorization` header as sent (e.g. `token abc`). */
  authorization?: string
  /** The `Accept` header as sent. */
  accept?: string
  route: GitHubApiRoute | 'other'
}

export interface GitHubApiOptions {
  /** The git repository the answers come from (any owner/repo maps to it). */
  repoDir: string
  /** Port to listen on; 0 (default) picks a free one. */
  port?: number
  /** Loopback address to listen on (default 127.0.0.1). */
  host?: string
  /**
   * GitHub's documented behaviour for paginated compares: with
   * `per_page`/`page`, the files appear on page 1 only, at most this many
   * (default 300, as GitHub). `null` pages the files by `per_page` instead.
   */
  filesOnFirstPage?: number | null
  /** Content-Type of raw file answers (default `text/plain; charset=utf-8`, as GitHub). */
  rawContentType?: string
}

export interface GitHubApi {
  /** Base URL, `http://127.0.0.1:PORT`: pass as Octokit's `baseUrl`. */
  url: string
  port: number
  /** Every request received, in arrival order. */
  requests: GitHubApiRequest[]
  /**
   * The jobs `GET /repos/{o}/{r}/actions/runs/{runId}/attempts/{attempt}/jobs`
   * lists (any owner/repo), paged by `per_page` (default 30, at most 100)
   * with a Link header as GitHub pages; an attempt never set answers 404.
   */
  setRunJobs(runId: number | string, attempt: number, jobs: unknown[]): void
  /** Set (or with undefined, clear) the fault for a route. */
  setFault(
    route: GitHubApiRoute | 'any',
    fault: GitHubApiFault | undefined
  ): void
  /** Stop listening and drop open connections. */
  close(): Promise<void>
}

export function startGitHubApi(options: GitHubApiOptions): Promise<GitHubApi>
