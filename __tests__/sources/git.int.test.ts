import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import {
  createGit,
  parseBatch,
  parseNameStatus
} from '../../src/sources/git.js'
import { makeRepo, type TempRepo } from '../support/repo.js'

describe('parseNameStatus', () => {
  it('reads added, modified, deleted, renamed and copied files', () => {
    const out = [
      'A',
      'new.md',
      'M',
      'changed.md',
      'D',
      'gone.md',
      'R087',
      '_drafts/x.md',
      '_posts/2021-01-01-x.md',
      'C100',
      'a.md',
      'b.md',
      'T',
      'link.md',
      ''
    ].join('\0')
    expect(parseNameStatus(out)).toEqual([
      { status: 'added', path: 'new.md' },
      { status: 'modified', path: 'changed.md' },
      { status: 'deleted', path: 'gone.md' },
      {
        status: 'renamed',
        path: '_posts/2021-01-01-x.md',
        previousPath: '_drafts/x.md'
      },
      { status: 'added', path: 'b.md' },
      { status: 'modified', path: 'link.md' }
    ])
  })

  it('keeps paths with spaces and newlines whole', () => {
    expect(parseNameStatus('A\0a b\nc.md\0')).toEqual([
      { status: 'added', path: 'a b\nc.md' }
    ])
  })
})

describe('parseBatch', () => {
  it('splits blobs and marks missing objects', () => {
    const out = Buffer.from(
      'abc blob 5\nhello\nHEAD:nope missing\ndef blob 3\né\n\n'
    )
    expect(parseBatch(out, 3)).toEqual(['hello', undefined, 'é\n'])
  })
})

describe('createGit against a real repository', () => {
  let repo: TempRepo
  let first: string
  let second: string

  beforeAll(() => {
    repo = makeRepo()
    repo.write('site/_posts/2021-01-01-a.md', '---\ntitle: A\n---\nbody a\n')
    repo.write('site/_drafts/b.md', '---\ntitle: B\n---\nbody b\n')
    repo.write('site/_posts/2021-01-02-c.md', '---\ntitle: C\n---\nbody c\n')
    repo.write('other/x.md', 'x')
    first = repo.commit('first')
    repo.write('site/_posts/2021-01-01-a.md', '---\ntitle: A2\n---\nbody a\n')
    repo.git('mv', 'site/_drafts/b.md', 'site/_posts/2021-01-03-b.md')
    repo.remove('site/_posts/2021-01-02-c.md')
    repo.write('site/_posts/2021-01-04-d.md', '---\ntitle: D\n---\n')
    repo.write('other/x.md', 'y')
    second = repo.commit('second')
  })
  afterAll(() => repo.cleanup())

  it('finds commits and the top level', async () => {
    const git = createGit(repo.dir)
    expect(await git.hasCommit(first)).toBe(true)
    expect(await git.hasCommit('f'.repeat(40))).toBe(false)
    expect(await git.topLevel()).toBeTruthy()
    expect(await git.mergeBase(first, second)).toBe(first)
    expect(await git.mergeBase('f'.repeat(40), second)).toBeUndefined()
    expect(await git.isAncestor(first, second)).toBe(true)
    expect(await git.isAncestor(second, first)).toBe(false)
    expect(await git.isAncestor('f'.repeat(40), second)).toBeUndefined()
  })

  it('lists the changes under the site directory only', async () => {
    const git = createGit(repo.dir)
    const changes = await git.diff(first, second, 'site', false)
    expect(changes).toEqual(
      expect.arrayContaining([
        { status: 'modified', path: 'site/_posts/2021-01-01-a.md' },
        {
          status: 'renamed',
          path: 'site/_posts/2021-01-03-b.md',
          previousPath: 'site/_drafts/b.md'
        },
        { status: 'deleted', path: 'site/_posts/2021-01-02-c.md' },
        { status: 'added', path: 'site/_posts/2021-01-04-d.md' }
      ])
    )
    expect(changes).toHaveLength(4)
  })

  it('lists the changes of the whole repository for the root', async () => {
    const git = createGit(repo.dir)
    const changes = await git.diff(first, second, '', false)
    expect(changes).toContainEqual({ status: 'modified', path: 'other/x.md' })
    expect(changes).toHaveLength(5)
  })

  it('reads file versions in one batch', async () => {
    const git = createGit(repo.dir)
    const blobs = await git.readBlobs([
      { rev: first, path: 'site/_posts/2021-01-01-a.md' },
      { rev: second, path: 'site/_posts/2021-01-01-a.md' },
      { rev: second, path: 'site/_posts/2021-01-02-c.md' },
      { rev: first, path: 'weird\nname.md' }
    ])
    expect(blobs).toEqual([
      '---\ntitle: A\n---\nbody a\n',
      '---\ntitle: A2\n---\nbody a\n',
      undefined,
      undefined
    ])
  })

  it('lists tracked files at a commit', async () => {
    const git = createGit(repo.dir)
    expect((await git.listFiles(second, 'site')).sort()).toEqual([
      'site/_posts/2021-01-01-a.md',
      'site/_posts/2021-01-03-b.md',
      'site/_posts/2021-01-04-d.md'
    ])
  })
})
