import { describe, expect, it } from '@jest/globals'
import { localRange, UsageError } from '../../src/sources/local-range.js'

const HEAD = 'a'.repeat(40)
const UP = 'b'.repeat(40)
const MAIN = 'c'.repeat(40)

/** A repository described by its refs: rev → SHA and symbolic rev → name. */
function fakeGit(
  shas: Record<string, string>,
  names: Record<string, string> = {}
): Parameters<typeof localRange>[0] {
  return {
    resolve: async (rev) => shas[rev],
    refName: async (rev) => names[rev]
  }
}

describe('localRange', () => {
  it('compares with the upstream branch when there is one', async () => {
    const git = fakeGit(
      { HEAD, '@{upstream}': UP },
      { '@{upstream}': 'origin/main' }
    )
    const { range, description } = await localRange(git, undefined)
    expect(range).toEqual({
      kind: 'diff',
      base: UP,
      head: HEAD,
      mergeBase: true,
      source: 'local'
    })
    expect(description).toContain('not yet on origin/main (bbbbbbb..aaaaaaa)')
  })

  it('says when there is nothing to push', async () => {
    const git = fakeGit(
      { HEAD, '@{upstream}': HEAD },
      { '@{upstream}': 'origin/main' }
    )
    const { description } = await localRange(git, undefined)
    expect(description).toMatch(/HEAD is at origin\/main: no commit to push/)
  })

  it("falls back to the remote's default branch, named by origin/HEAD", async () => {
    const git = fakeGit(
      { HEAD, 'origin/trunk': MAIN },
      { 'refs/remotes/origin/HEAD': 'origin/trunk' }
    )
    const { range, description } = await localRange(git, undefined)
    expect(range).toMatchObject({ kind: 'diff', base: MAIN })
    expect(description).toMatch(
      /no upstream branch: checking the commits not on origin\/trunk/
    )
  })

  it('tries origin/main, then origin/master, without origin/HEAD', async () => {
    const git = fakeGit({ HEAD, 'origin/master': MAIN })
    const { range, description } = await localRange(git, undefined)
    expect(range).toMatchObject({ kind: 'diff', base: MAIN })
    expect(description).toContain('origin/master')
  })

  it('scans recent posts, and says so, with no remote at all', async () => {
    const { range, description } = await localRange(
      fakeGit({ HEAD }),
      undefined
    )
    expect(range).toEqual({
      kind: 'scan',
      head: HEAD,
      reason: 'HEAD has no upstream branch and there is no origin remote'
    })
    expect(description).toMatch(/every post dated within --max-age/)
  })

  it('uses --since over the upstream', async () => {
    const git = fakeGit(
      { HEAD, '@{upstream}': UP, 'v1.0': MAIN },
      { '@{upstream}': 'origin/main' }
    )
    const { range, description } = await localRange(git, 'v1.0')
    expect(range).toMatchObject({ kind: 'diff', base: MAIN, head: HEAD })
    expect(description).toContain('since v1.0 (ccccccc..aaaaaaa)')
  })

  it('refuses a --since that names no commit', async () => {
    await expect(localRange(fakeGit({ HEAD }), 'nope')).rejects.toThrow(
      UsageError
    )
  })

  it('has nothing to check before the first commit', async () => {
    const { range } = await localRange(fakeGit({}), undefined)
    expect(range.kind).toBe('none')
  })
})
