/**
 * Which commits `trackback-action check` looks at on a developer's machine:
 * the ones a `git push` would publish. That is the commits on HEAD that its
 * upstream branch does not have, else those the remote's default branch does
 * not have, else (no remote to compare with) the recent posts, as the action
 * does when it knows no base commit. `--since <ref>` names the base instead.
 */
import type { Git } from './git.js'
import type { Range } from './range.js'

/** A user error on the command line (exit code 2). */
export class UsageError extends Error {}

/** The range and a sentence saying how it was chosen. */
export interface LocalRange {
  range: Range
  description: string
}

/** Branches tried, in order, when origin/HEAD is not set. */
const DEFAULT_BRANCHES = ['origin/main', 'origin/master']

/** Pick the commits to check. Throws UsageError when `since` names no commit. */
export async function localRange(
  git: Pick<Git, 'resolve' | 'refName'>,
  since: string | undefined
): Promise<LocalRange> {
  const head = await git.resolve('HEAD')
  if (!head) {
    return {
      range: { kind: 'none', reason: 'the repository has no commit yet' },
      description: 'The repository has no commit yet: nothing to check.'
    }
  }
  const diff = (base: string): Range => ({
    kind: 'diff',
    base,
    head,
    mergeBase: true,
    source: 'local'
  })
  const short = (sha: string): string => sha.slice(0, 7)

  if (since !== undefined) {
    const base = await git.resolve(since)
    if (!base) {
      throw new UsageError(
        `--since ${since}: no such commit, branch or tag in this repository.`
      )
    }
    return {
      range: diff(base),
      description: `Checking the commits on HEAD since ${since} (${short(base)}..${short(head)}).`
    }
  }

  const upstream = await git.refName('@{upstream}')
  const upstreamSha = upstream ? await git.resolve('@{upstream}') : undefined
  if (upstream && upstreamSha) {
    return {
      range: diff(upstreamSha),
      description:
        upstreamSha === head
          ? `HEAD is at ${upstream}: no commit to push, nothing to check (use --since <ref> to check older commits).`
          : `Checking the commits not yet on ${upstream} (${short(upstreamSha)}..${short(head)}).`
    }
  }

  const remoteHead = await git.refName('refs/remotes/origin/HEAD')
  for (const name of remoteHead ? [remoteHead] : DEFAULT_BRANCHES) {
    const base = await git.resolve(name)
    if (!base) continue
    return {
      range: diff(base),
      description: `HEAD has no upstream branch: checking the commits not on ${name}, the remote's default branch (${short(base)}..${short(head)}).`
    }
  }

  return {
    range: {
      kind: 'scan',
      head,
      reason: 'HEAD has no upstream branch and there is no origin remote'
    },
    description:
      'HEAD has no upstream branch and there is no origin remote to compare with: checking every post dated within --max-age (use --since <ref> to choose the commits).'
  }
}
