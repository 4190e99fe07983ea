import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { changesFromApi, createRepositoryApi } from '../../src/github/api.js'
import type { FileChange } from '../../src/sources/git.js'
import {
  startGitHubApi,
  type GitHubApi
} from '../../scripts/peers/github-api.mjs'
import { makeRepo, type TempRepo } from '../support/repo.js'

describe('changesFromApi', () => {
  const cases: Array<{
    name: string
    file: { filename: string; status: string; previous_filename?: string }
    change: FileChange | undefined
  }> = [
    {
      name: 'added',
      file: { filename: 'a.md', status: 'added' },
      change: { status: 'added', path: 'a.md' }
    },
    {
      name: 'modified',
      file: { filename: 'a.md', status: 'modified' },
      change: { status: 'modified', path: 'a.md' }
    },
    {
      name: 'changed (mode or type) as modified',
      file: { filename: 'a.md', status: 'changed' },
      change: { status: 'modified', path: 'a.md' }
    },
    {
      name: 'removed as deleted',
      file: { filename: 'a.md', status: 'removed' },
      change: { status: 'deleted', path: 'a.md' }
    },
    {
      name: 'renamed with its previous name',
      file: {
        filename: '_posts/2021-01-01-x.md',
        status: 'renamed',
        previous_filename: '_drafts/x.md'
      },
      change: {
        status: 'renamed',
        path: '_posts/2021-01-01-x.md',
        previousPath: '_drafts/x.md'
      }
    },
    {
      name: 'renamed without a previous name as added',
      file: { filename: 'b.md', status: 'renamed' },
      change: { status: 'added', path: 'b.md' }
    },
    {
      name: 'copied as added at the copy',
      file: {
        filename: 'copy.md',
        status: 'copied',
        previous_filename: 'o.md'
      },
      change: { status: 'added', path: 'copy.md' }
    },
    {
      name: 'unchanged ignored',
      file: { filename: 'a.md', status: 'unchanged' },
      change: undefined
    },
    {
      name: 'an unknown status ignored',
      file: { filename: 'a.md', status: 'teleported' },
      change: undefined
    }
  ]

  it.each(cases)('reads $name', ({ file, change }) => {
    expect(changesFromApi([file])).toEqual(change ? [change] : [])
  })

  it('keeps the order of the list', () => {
    expect(
      changesFromApi([
        { filename: 'z.md', status: 'removed' },
        { filename: 'q.md', status: 'bogus' },
        { filename: 'a.md', status: 'added' }
      ])
    ).toEqual([
      { status: 'deleted', path: 'z.md' },
      { status: 'added', path: 'a.md' }
    ])
  })
})

describe('createRepositoryApi against a loopback GitHub API', () => {
  let repo: TempRepo
  let server: GitHubApi
  let first: string
  let second: string
  let bulk: string
  let hundred: string

  beforeAll(async () => {
    repo = makeRepo()
    repo.write('_posts/2021-01-01-a.md', '---\ntitle: A\n---\nbody a\n')
    repo.write('_drafts/b.md', '---\ntitle: B\n---\nbody b\nmore b\n')
    repo.write('_posts/2021-01-02-c.md', '---\ntitle: C\n---\nbody c\n')
    repo.write('notes/é x.md', 'ünïcode\n')
    first = repo.commit('first')
    repo.write('_posts/2021-01-01-a.md', '---\ntitle: A2\n---\nbody a\n')
    repo.git('mv', '_drafts/b.md', '_posts/2021-01-03-b.md')
    repo.remove('_posts/2021-01-02-c.md')
    repo.write('_posts/2021-01-04-d.md', '---\ntitle: D\n---\n')
    second = repo.commit('second')
    for (let n = 0; n < 250; n++) {
      repo.write(`bulk/f${String(n).padStart(3, '0')}.txt`, `file ${n}\n`)
    }
    bulk = repo.commit('bulk')
    for (let n = 0; n < 100; n++) {
      repo.write(`bulk/f${String(n).padStart(3, '0')}.txt`, `changed ${n}\n`)
    }
    hundred = repo.commit('hundred')
    server = await startGitHubApi({ repoDir: repo.dir })
  })
  afterAll(async () => {
    await server.close()
    repo.cleanup()
  })

  const api = (token = 'test-token'): ReturnType<typeof createRepositoryApi> =>
    createRepositoryApi(token, 'octo', 'blog', server.url)

  it("says whether a commit is an ancestor of another, from the compare API's status", async () => {
    const a = api()
    expect(await a.isAncestor?.(first, hundred)).toBe(true)
    expect(await a.isAncestor?.(second, second)).toBe(true)
    expect(await a.isAncestor?.(hundred, first)).toBe(false)
  })

  it('lists the files changed between two commits, renames paired', async () => {
    const changes = await api().compare(first, second)
    expect(changes).toEqual(
      expect.arrayContaining([
        { status: 'modified', path: '_posts/2021-01-01-a.md' },
        {
          status: 'renamed',
          path: '_posts/2021-01-03-b.md',
          previousPath: '_drafts/b.md'
        },
        { status: 'deleted', path: '_posts/2021-01-02-c.md' },
        { status: 'added', path: '_posts/2021-01-04-d.md' }
      ])
    )
    expect(changes).toHaveLength(4)
  })

  it('sends the token and asks for one page (files are not paged)', async () => {
    server.requests.length = 0
    await api('s3cret').compare(first, second)
    expect(server.requests).toEqual([
      expect.objectContaining({
        method: 'GET',
        url: `/repos/octo/blog/compare/${first}...${second}?per_page=1`,
        authorization: 'token s3cret',
        route: 'compare'
      })
    ])
  })

  it('reads a list of 250 files in one request', async () => {
    server.requests.length = 0
    const changes = await api().compare(second, bulk)
    expect(changes).toHaveLength(250)
    expect(new Set(changes?.map((c) => c.path)).size).toBe(250)
    expect(changes).toContainEqual({ status: 'added', path: 'bulk/f000.txt' })
    expect(changes).toContainEqual({ status: 'added', path: 'bulk/f249.txt' })
    expect(server.requests).toHaveLength(1)
  })

  it('reads modified files', async () => {
    const changes = await api().compare(bulk, hundred)
    expect(changes).toHaveLength(100)
    expect(changes?.every((c) => c.status === 'modified')).toBe(true)
  })

  it('rejects with the status when the compare API fails', async () => {
    server.setFault('compare', { status: 500, times: 1 })
    await expect(api().compare(first, second)).rejects.toMatchObject({
      status: 500
    })
    // The fault was for one request only.
    await expect(api().compare(first, second)).resolves.toHaveLength(4)
  })

  it('rejects when a commit is unknown to the API', async () => {
    await expect(api().compare('f'.repeat(40), second)).rejects.toMatchObject({
      status: 404
    })
  })

  it('reads a file at a commit as text', async () => {
    server.requests.length = 0
    const reader = api('s3cret')
    expect(await reader.fileAt(first, '_drafts/b.md')).toBe(
      '---\ntitle: B\n---\nbody b\nmore b\n'
    )
    expect(await reader.fileAt(second, '_posts/2021-01-01-a.md')).toBe(
      '---\ntitle: A2\n---\nbody a\n'
    )
    expect(await reader.fileAt(first, 'notes/é x.md')).toBe('ünïcode\n')
    expect(server.requests[0]).toMatchObject({
      url: `/repos/octo/blog/contents/_drafts%2Fb.md?ref=${first}`,
      authorization: 'token s3cret',
      accept: expect.stringContaining('raw')
    })
  })

  it('reads a file as text when the API labels it bytes (no charset)', async () => {
    const bytes = await startGitHubApi({
      repoDir: repo.dir,
      rawContentType: 'application/octet-stream'
    })
    try {
      const reader = createRepositoryApi('t', 'octo', 'blog', bytes.url)
      expect(await reader.fileAt(first, 'notes/é x.md')).toBe('ünïcode\n')
      expect(await reader.fileAt(first, '_posts')).toBeUndefined()
    } finally {
      await bytes.close()
    }
  })

  it('answers undefined for a file missing at that commit', async () => {
    const reader = api()
    expect(await reader.fileAt(second, '_drafts/b.md')).toBeUndefined()
    expect(await reader.fileAt(first, '_posts/2021-01-04-d.md')).toBeUndefined()
    expect(await reader.fileAt(first, 'no/such/file.md')).toBeUndefined()
  })

  it('answers undefined for a directory', async () => {
    expect(await api().fileAt(first, '_posts')).toBeUndefined()
  })

  it('throws for errors other than 404', async () => {
    server.setFault('contents', { status: 403, message: 'Forbidden' })
    try {
      await expect(api().fileAt(first, '_drafts/b.md')).rejects.toMatchObject({
        status: 403
      })
      server.setFault('contents', { status: 404 })
      expect(await api().fileAt(first, '_drafts/b.md')).toBeUndefined()
    } finally {
      server.setFault('contents', undefined)
    }
  })
})

describe('createRepositoryApi at the compare API file cap', () => {
  let repo: TempRepo
  let server: GitHubApi
  let base: string
  let head: string

  beforeAll(async () => {
    repo = makeRepo()
    repo.write('README.md', 'x\n')
    base = repo.commit('base')
    for (let n = 0; n < 350; n++) repo.write(`many/${n}.txt`, `${n}\n`)
    head = repo.commit('many')
    server = await startGitHubApi({ repoDir: repo.dir })
  })
  afterAll(async () => {
    await server.close()
    repo.cleanup()
  })

  it('answers undefined (maybe incomplete) when GitHub lists its 300-file cap', async () => {
    const api = createRepositoryApi('t', 'o', 'r', server.url)
    expect(await api.compare(base, head)).toBeUndefined()
    expect(server.requests).toHaveLength(1)
  })
})
