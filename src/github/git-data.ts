/**
 * The Git Data API calls that keep the ledger in a ref (ledger/ref-git.ts's
 * LedgerRefApi): read the ref and a file of a commit, write a commit, and
 * move the ref only by fast-forward or create it. Each call gives up after
 * its timeout; failures throw Octokit's errors, with their HTTP status.
 */
import { apiStatus } from './errors.js'
import { lazyOctokit, rawFile, type Octokit } from './api.js'
import type { LedgerRefApi } from '../ledger/ref-git.js'

/** What each call needs: the client, the repository, the ref. */
interface RefTarget {
  client: () => Promise<Octokit>
  owner: string
  repo: string
  /** The full name, `refs/…`. */
  ref: string
  /** The name without `refs/`, as the get and update endpoints take it. */
  short: string
  timeoutMs: number
}

/**
 * The ledger ref's API for `ref` of `owner/repo`. Without a token or a
 * repository every call fails as GitHub's 401 would, so the ref store
 * holds its pings and says why.
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
  const target: RefTarget = {
    client: lazyOctokit(token, baseUrl),
    owner,
    repo,
    ref,
    short: ref.replace(/^refs\//, ''),
    timeoutMs
  }
  return {
    readRef: () => readRef(target),
    readFile: async (commit, path) =>
      rawFile(await target.client(), {
        owner,
        repo,
        path,
        ref: commit,
        request: request(target)
      }),
    writeCommit: (files, parent, message) =>
      writeCommit(target, files, parent, message),
    moveRef: (commit, from) => moveRef(target, commit, from)
  }
}

function request(target: RefTarget): { signal: AbortSignal } {
  return { signal: AbortSignal.timeout(target.timeoutMs) }
}

/** The commit the ref points to, or undefined (404) when it does not exist. */
async function readRef(target: RefTarget): Promise<string | undefined> {
  const { owner, repo, short } = target
  try {
    const { data } = await (
      await target.client()
    ).rest.git.getRef({ owner, repo, ref: short, request: request(target) })
    return data.object.sha
  } catch (error) {
    if (apiStatus(error) === 404) return undefined
    throw error
  }
}

/** A tree of exactly these files and a commit of it on `parent`. */
async function writeCommit(
  target: RefTarget,
  files: Record<string, string>,
  parent: string | undefined,
  message: string
): Promise<string> {
  const { owner, repo } = target
  const api = await target.client()
  const tree = await api.rest.git.createTree({
    owner,
    repo,
    tree: Object.entries(files).map(([path, content]) => ({
      path,
      mode: '100644' as const,
      type: 'blob' as const,
      content
    })),
    request: request(target)
  })
  const commit = await api.rest.git.createCommit({
    owner,
    repo,
    message,
    tree: tree.data.sha,
    parents: parent ? [parent] : [],
    request: request(target)
  })
  return commit.data.sha
}

/**
 * Creates the ref (from undefined) or moves it by fast-forward only; false
 * when another writer came first (422).
 */
async function moveRef(
  target: RefTarget,
  commit: string,
  from: string | undefined
): Promise<boolean> {
  const { owner, repo } = target
  const api = await target.client()
  try {
    if (from === undefined) {
      await api.rest.git.createRef({
        owner,
        repo,
        ref: target.ref,
        sha: commit,
        request: request(target)
      })
    } else {
      await api.rest.git.updateRef({
        owner,
        repo,
        ref: target.short,
        sha: commit,
        force: false,
        request: request(target)
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
