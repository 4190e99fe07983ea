import { execFileSync } from 'node:child_process'
import {
  mkdirSync,
  mkdtempSync,
  rmSync,
  symlinkSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import {
  diffSources,
  readSources,
  relevantChanges,
  scanSources,
  type SourceContext
} from '../../src/sources/changes.js'
import { readWorkTree, unsafeSourcePath } from '../../src/sources/work-tree.js'
import { widenedPushRange } from '../../src/sources/widen.js'
import { createGit, type FileChange } from '../../src/sources/git.js'
import { createRepositoryApi } from '../../src/github/api.js'
import type { Range } from '../../src/sources/range.js'
import {
  startGitHubApi,
  type GitHubApi
} from '../../scripts/peers/github-api.mjs'
import { makeRepo, type TempRepo } from '../support/repo.js'

const isPost = (file: string): boolean => /(^|\/)_posts\/.+\.md$/.test(file)

type DiffRange = Extract<Range, { kind: 'diff' }>

const push = (base: string, head: string): DiffRange => ({
  kind: 'diff',
  base,
  head,
  mergeBase: false,
  source: 'push'
})

/** Changes sorted by file, for order-free comparison. */
const byFile = <T extends { file: string }>(list: T[]): T[] =>
  [...list].sort((a, b) => a.file.localeCompare(b.file))

describe('relevantChanges', () => {
  const cases: Array<{
    name: string
    change: FileChange
    pair?: {
      file: string
      previousFile?: string
      before: boolean
      after: boolean
    }
  }> = [
    {
      name: 'an added post',
      change: { status: 'added', path: '_posts/2021-01-01-a.md' },
      pair: { file: '_posts/2021-01-01-a.md', before: false, after: true }
    },
    {
      name: 'a modified post',
      change: { status: 'modified', path: '_posts/2021-01-01-a.md' },
      pair: { file: '_posts/2021-01-01-a.md', before: true, after: true }
    },
    {
      name: 'a deleted post',
      change: { status: 'deleted', path: '_posts/2021-01-01-a.md' },
      pair: { file: '_posts/2021-01-01-a.md', before: true, after: false }
    },
    {
      name: 'a draft published (renamed into the posts) as added',
      change: {
        status: 'renamed',
        path: '_posts/2021-01-01-x.md',
        previousPath: '_drafts/x.md'
      },
      pair: {
        file: '_posts/2021-01-01-x.md',
        previousFile: '_drafts/x.md',
        before: false,
        after: true
      }
    },
    {
      name: 'a post moved back to the drafts as deleted',
      change: {
        status: 'renamed',
        path: '_drafts/x.md',
        previousPath: '_posts/2021-01-01-x.md'
      },
      pair: {
        file: '_drafts/x.md',
        previousFile: '_posts/2021-01-01-x.md',
        before: true,
        after: false
      }
    },
    {
      name: 'a post renamed within the posts',
      change: {
        status: 'renamed',
        path: '_posts/2021-01-02-x.md',
        previousPath: '_posts/2021-01-01-x.md'
      },
      pair: {
        file: '_posts/2021-01-02-x.md',
        previousFile: '_posts/2021-01-01-x.md',
        before: true,
        after: true
      }
    },
    {
      name: 'a renamed post without its old path as new',
      change: { status: 'renamed', path: '_posts/2021-01-01-x.md' },
      pair: { file: '_posts/2021-01-01-x.md', before: false, after: true }
    },
    {
      name: 'a changed non-post file as nothing',
      change: { status: 'modified', path: '_config.yml' }
    },
    {
      name: 'a draft renamed within the drafts as nothing',
      change: {
        status: 'renamed',
        path: '_drafts/y.md',
        previousPath: '_drafts/x.md'
      }
    },
    {
      name: 'a non-markdown file under _posts as nothing',
      change: { status: 'added', path: '_posts/image.png' }
    }
  ]

  it.each(cases)('reads $name', ({ change, pair }) => {
    const out = relevantChanges([change], isPost)
    expect(out).toEqual(pair ? [pair] : [])
    if (pair && pair.previousFile === undefined) {
      expect(out[0]?.previousFile).toBeUndefined()
    }
  })

  it('keeps the order and drops only the unrelated changes', () => {
    expect(
      relevantChanges(
        [
          { status: 'deleted', path: '_posts/2020-01-01-z.md' },
          { status: 'added', path: 'README.md' },
          { status: 'added', path: 'site/_posts/2021-01-01-a.md' }
        ],
        isPost
      ).map((p) => p.file)
    ).toEqual(['_posts/2020-01-01-z.md', 'site/_posts/2021-01-01-a.md'])
  })
})

describe('readWorkTree', () => {
  let dir: string

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'trackback-worktree-'))
    mkdirSync(path.join(dir, '_posts'))
    writeFileSync(path.join(dir, '_posts', 'a.md'), 'héllo\n')
    writeFileSync(path.join(dir, 'big.md'), Buffer.alloc(6 * 1024 * 1024, 'x'))
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('reads a file as UTF-8 text', async () => {
    expect(await readWorkTree(dir, '_posts/a.md')).toBe('héllo\n')
  })

  it('answers undefined for a missing file or a directory', async () => {
    expect(await readWorkTree(dir, '_posts/nope.md')).toBeUndefined()
    expect(await readWorkTree(dir, '_posts')).toBeUndefined()
  })

  it('cuts a file over 5 MiB to its first 5 MiB', async () => {
    const text = await readWorkTree(dir, 'big.md')
    expect(text).toHaveLength(5 * 1024 * 1024)
  })

  it('refuses paths that leave the work tree and symbolic links, saying why', async () => {
    const outside = mkdtempSync(path.join(tmpdir(), 'trackback-outside-'))
    writeFileSync(path.join(outside, 'secret.md'), 'secret\n')
    symlinkSync(
      path.join(outside, 'secret.md'),
      path.join(dir, '_posts', 'link.md')
    )
    const refused: string[] = []
    const tell = (file: string, why: string): number =>
      refused.push(`${file}: ${why}`)
    try {
      const rel = path.relative(dir, path.join(outside, 'secret.md'))
      expect(await readWorkTree(dir, rel, tell)).toBeUndefined()
      expect(
        await readWorkTree(dir, path.join(outside, 'secret.md'), tell)
      ).toBeUndefined()
      expect(await readWorkTree(dir, '_posts/link.md', tell)).toBeUndefined()
      // Reads that simply find nothing say nothing.
      expect(await readWorkTree(dir, '_posts/nope.md', tell)).toBeUndefined()
      expect(refused).toEqual([
        `${rel}: a path that leaves the repository ('..')`,
        `${path.join(outside, 'secret.md')}: an absolute path`,
        '_posts/link.md: a symbolic link (not followed)'
      ])
    } finally {
      rmSync(path.join(dir, '_posts', 'link.md'))
      rmSync(outside, { recursive: true, force: true })
    }
  })
})

describe('unsafeSourcePath', () => {
  it.each([
    ['_posts/a.md', undefined],
    ['site/_posts/..a.md', undefined],
    ['../a.md', "a path that leaves the repository ('..')"],
    ['_posts/../../a.md', "a path that leaves the repository ('..')"],
    ['_posts\\..\\..\\a.md', "a path that leaves the repository ('..')"],
    ['/etc/passwd', 'an absolute path'],
    ['C:\\Windows\\a.md', 'an absolute path'],
    ['', 'not a file path'],
    ['a\0b.md', 'not a file path']
  ])('%j → %p', (file, expected) => {
    expect(unsafeSourcePath(file)).toBe(expected)
  })
})

describe('readSources', () => {
  let dir: string
  const files = [
    ...Array.from({ length: 9 }, (_, i) => `_posts/${i}.md`),
    '_posts/nope.md',
    '_posts',
    'big.md'
  ]

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'trackback-sources-'))
    mkdirSync(path.join(dir, '_posts'))
    for (let i = 0; i < 9; i++) {
      writeFileSync(
        path.join(dir, '_posts', `${i}.md`),
        `post ${i}${i % 2 ? ' kept' : ''}\n`
      )
    }
    writeFileSync(path.join(dir, 'big.md'), Buffer.alloc(6 * 1024 * 1024, 'x'))
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  const expected = [
    ...Array.from({ length: 9 }, (_, i) =>
      i % 2 ? `post ${i} kept\n` : undefined
    ),
    undefined,
    undefined,
    'x'.repeat(5 * 1024 * 1024)
  ]
  const keep = (text: string): boolean =>
    text.includes('kept') || text.startsWith('x')

  it('reads each file as readWorkTree does, dropping what keep refuses', async () => {
    expect(await readSources(dir, files, keep)).toEqual(expected)
  })

  it('gives the same texts when the disk is slow (the rest read in parallel)', async () => {
    // Every read counts as waiting: the first slice is read one file after
    // another, the rest SCAN_READS at a time.
    const texts = await readSources(dir, files, keep, {
      slice: 2,
      waitedMs: -1
    })
    expect(texts).toEqual(expected)
  })
})

describe('diffSources: changed files that look like posts but are not', () => {
  it('names each with the reason the context gives, and reads only posts', async () => {
    const dated = (file: string): boolean => /^_posts\/\d{4}-/.test(file)
    const repo = makeRepo()
    try {
      repo.write('_posts/2021-01-01-a.md', 'a\n')
      const base = repo.commit('base')
      repo.write('_posts/2021-01-01-a.md', 'a2\n')
      repo.write('_posts/notes.md', 'undated\n')
      repo.write('assets/site.css', 'body {}\n')
      const head = repo.commit('head')
      const result = await diffSources(push(base, head), {
        workspace: repo.dir,
        siteDir: '',
        isPost: dated,
        git: createGit(repo.dir),
        checkedOut: head,
        whyNotPost: (file) =>
          file.startsWith('_posts/') && !dated(file)
            ? 'no date in its name'
            : undefined
      })
      expect(result.changes.map((c) => c.file)).toEqual([
        '_posts/2021-01-01-a.md'
      ])
      expect(result.notPosts).toEqual([
        { file: '_posts/notes.md', why: 'no date in its name' }
      ])
    } finally {
      repo.cleanup()
    }
  })
})

describe('diffSources and scanSources against real repositories', () => {
  let repo: TempRepo
  let clone: string
  let server: GitHubApi
  let first: string
  let second: string

  const A1 = '---\ntitle: A\n---\nbody a\n'
  const A2 = '---\ntitle: A2\n---\nbody a\n'
  const B = '---\ntitle: B\n---\nbody b\n'
  const C = '---\ntitle: C\n---\nbody c\n'
  const D = '---\ntitle: D\n---\n'
  const E = '---\ntitle: E\n---\nbody e\n'

  beforeAll(async () => {
    repo = makeRepo()
    repo.write('site/_posts/2021-01-01-a.md', A1)
    repo.write('site/_drafts/b.md', B)
    repo.write('site/_posts/2021-01-02-c.md', C)
    repo.write('site/_posts/2021-01-05-e.md', E)
    repo.write('other/_posts/2021-01-01-o.md', 'other 1\n')
    repo.write('site/_config.yml', 'title: x\n')
    first = repo.commit('first')
    repo.write('site/_posts/2021-01-01-a.md', A2)
    repo.git('mv', 'site/_drafts/b.md', 'site/_posts/2021-01-03-b.md')
    repo.remove('site/_posts/2021-01-02-c.md')
    repo.write('site/_posts/2021-01-04-d.md', D)
    repo.git('mv', 'site/_posts/2021-01-05-e.md', 'site/_drafts/e.md')
    repo.write('other/_posts/2021-01-01-o.md', 'other 2\n')
    repo.write('site/_config.yml', 'title: y\n')
    second = repo.commit('second')

    clone = mkdtempSync(path.join(tmpdir(), 'trackback-shallow-'))
    execFileSync(
      'git',
      ['clone', '-q', '--depth', '1', `file://${repo.dir}`, clone],
      { stdio: 'ignore' }
    )
    server = await startGitHubApi({ repoDir: repo.dir })
  })
  afterAll(async () => {
    await server.close()
    rmSync(clone, { recursive: true, force: true })
    repo.cleanup()
  })

  /** What the diff first..second holds under site/. */
  const siteChanges = [
    {
      file: 'site/_drafts/e.md',
      previousFile: 'site/_posts/2021-01-05-e.md',
      before: E,
      after: undefined,
      reason: 'diff'
    },
    {
      file: 'site/_posts/2021-01-01-a.md',
      previousFile: undefined,
      before: A1,
      after: A2,
      reason: 'diff'
    },
    {
      file: 'site/_posts/2021-01-02-c.md',
      previousFile: undefined,
      before: C,
      after: undefined,
      reason: 'diff'
    },
    {
      file: 'site/_posts/2021-01-03-b.md',
      previousFile: 'site/_drafts/b.md',
      before: undefined,
      after: B,
      reason: 'diff'
    },
    {
      file: 'site/_posts/2021-01-04-d.md',
      previousFile: undefined,
      before: undefined,
      after: D,
      reason: 'diff'
    }
  ]

  describe('a full clone (local git)', () => {
    const context = (extra: Partial<SourceContext> = {}): SourceContext => ({
      workspace: repo.dir,
      siteDir: 'site',
      isPost,
      checkedOut: second,
      git: createGit(repo.dir),
      ...extra
    })

    it('reads the changed posts of the site with their old and new text', async () => {
      const result = await diffSources(push(first, second), context())
      expect(result.method).toBe(
        `git diff ${first.slice(0, 7)}..${second.slice(0, 7)}`
      )
      expect(byFile(result.changes)).toEqual(siteChanges)
    })

    it('includes posts outside the site only for the root', async () => {
      const result = await diffSources(
        push(first, second),
        context({ siteDir: '' })
      )
      expect(byFile(result.changes).map((c) => c.file)).toEqual([
        'other/_posts/2021-01-01-o.md',
        ...siteChanges.map((c) => c.file)
      ])
      expect(
        result.changes.find((c) => c.file.startsWith('other/'))
      ).toMatchObject({ before: 'other 1\n', after: 'other 2\n' })
    })

    it('names a three-dot range for a merge-base comparison', async () => {
      const result = await diffSources(
        { ...push(first, second), mergeBase: true, source: 'pull_request' },
        context()
      )
      expect(result.method).toBe(
        `git diff ${first.slice(0, 7)}...${second.slice(0, 7)}`
      )
      expect(result.changes).toHaveLength(siteChanges.length)
    })

    it('reads the new text from the work tree only when the head is checked out', async () => {
      const file = 'site/_posts/2021-01-04-d.md'
      const full = path.join(repo.dir, file)
      writeFileSync(full, 'edited in the work tree\n')
      try {
        const checkedOut = await diffSources(push(first, second), context())
        expect(checkedOut.changes.find((c) => c.file === file)?.after).toBe(
          'edited in the work tree\n'
        )
        const elsewhere = await diffSources(
          push(first, second),
          context({ checkedOut: first })
        )
        expect(elsewhere.changes.find((c) => c.file === file)?.after).toBe(D)
      } finally {
        writeFileSync(full, D)
      }
    })

    it('prefers local git over the API when both commits are present', async () => {
      server.requests.length = 0
      const result = await diffSources(
        push(first, second),
        context({ api: createRepositoryApi('t', 'o', 'r', server.url) })
      )
      expect(result.method).toMatch(/^git diff /)
      expect(server.requests).toEqual([])
    })
  })

  describe('a shallow clone (base commit missing)', () => {
    const context = (extra: Partial<SourceContext> = {}): SourceContext => ({
      workspace: clone,
      siteDir: 'site',
      isPost,
      checkedOut: second,
      git: createGit(clone),
      api: createRepositoryApi('shallow-token', 'octo', 'blog', server.url),
      ...extra
    })

    it('has the head but not the base', async () => {
      const git = createGit(clone)
      expect(await git.hasCommit(second)).toBe(true)
      expect(await git.hasCommit(first)).toBe(false)
    })

    it("asks the compare API whether the ledger's commit is behind a push's base", async () => {
      const widened = await widenedPushRange(push(second, second), {
        ledgerCommit: first,
        exact: true,
        workspace: clone,
        api: context().api
      })
      expect(widened.range).toMatchObject({ base: first, source: 'ledger' })
    })

    it('falls back to the compare API and fetches the old text', async () => {
      server.requests.length = 0
      const result = await diffSources(push(first, second), context())
      expect(result.method).toBe(
        `compare API ${first.slice(0, 7)}...${second.slice(0, 7)}`
      )
      expect(byFile(result.changes)).toEqual(siteChanges)
      const routes = server.requests.map((r) => r.route)
      expect(routes.filter((r) => r === 'compare')).toHaveLength(1)
      // One old text per post that existed before: a, c, and e (moved out).
      const fetched = server.requests
        .filter((r) => r.route === 'contents')
        .map((r) => decodeURIComponent(r.url))
        .sort()
      expect(fetched).toEqual([
        `/repos/octo/blog/contents/site/_posts/2021-01-01-a.md?ref=${first}`,
        `/repos/octo/blog/contents/site/_posts/2021-01-02-c.md?ref=${first}`,
        `/repos/octo/blog/contents/site/_posts/2021-01-05-e.md?ref=${first}`
      ])
      expect(
        server.requests.every((r) => r.authorization === 'token shallow-token')
      ).toBe(true)
    })

    it('keeps the whole repository for the root', async () => {
      const result = await diffSources(
        push(first, second),
        context({ siteDir: '' })
      )
      expect(result.changes.map((c) => c.file)).toContain(
        'other/_posts/2021-01-01-o.md'
      )
      expect(result.changes).toHaveLength(siteChanges.length + 1)
    })

    it('uses the API without any local git', async () => {
      const result = await diffSources(
        push(first, second),
        context({ git: undefined })
      )
      expect(result.method).toMatch(/^compare API /)
      expect(byFile(result.changes)).toEqual(siteChanges)
    })

    it('passes on a failing compare API', async () => {
      server.setFault('compare', { status: 500, times: 1 })
      await expect(
        diffSources(push(first, second), context())
      ).rejects.toMatchObject({ status: 500 })
    })

    it('throws a clear error without a token for the API', async () => {
      await expect(
        diffSources(push(first, second), context({ api: undefined }))
      ).rejects.toThrow(
        `commit ${first.slice(0, 7)} is not checked out and there is no token for the compare API`
      )
      await expect(
        diffSources(
          push(first, second),
          context({ api: undefined, git: undefined })
        )
      ).rejects.toThrow(/no token for the compare API/)
    })
  })

  describe('scanSources', () => {
    let plain: string

    beforeAll(() => {
      plain = mkdtempSync(path.join(tmpdir(), 'trackback-plain-'))
      const put = (file: string, text: string): void => {
        mkdirSync(path.dirname(path.join(plain, file)), { recursive: true })
        writeFileSync(path.join(plain, file), text)
      }
      put('site/_posts/2021-01-01-a.md', A1)
      put('site/_posts/nested/2021-02-01-n.md', 'nested\n')
      put('site/_posts/notes.txt', 'not a post\n')
      put('site/_drafts/x.md', 'draft\n')
      put('site/.cache/_posts/2021-01-01-hidden.md', 'hidden\n')
      put('site/node_modules/pkg/_posts/2021-01-01-dep.md', 'dep\n')
      put('other/_posts/2021-01-01-o.md', 'other\n')
    })
    afterAll(() => rmSync(plain, { recursive: true, force: true }))

    it('lists the tracked posts at the head with git ls-tree', async () => {
      const untracked = path.join(repo.dir, 'site/_posts/2099-01-01-new.md')
      writeFileSync(untracked, 'untracked\n')
      try {
        const result = await scanSources(
          {
            workspace: repo.dir,
            siteDir: 'site',
            isPost,
            git: createGit(repo.dir)
          },
          second
        )
        expect(result.method).toBe('scan of all post sources')
        expect(byFile(result.changes)).toEqual([
          { file: 'site/_posts/2021-01-01-a.md', after: A2, reason: 'scan' },
          { file: 'site/_posts/2021-01-03-b.md', after: B, reason: 'scan' },
          { file: 'site/_posts/2021-01-04-d.md', after: D, reason: 'scan' }
        ])
      } finally {
        rmSync(untracked)
      }
    })

    it('does not follow a tracked symbolic link, and says so', async () => {
      const linked = mkdtempSync(path.join(tmpdir(), 'trackback-linked-'))
      const outside = mkdtempSync(path.join(tmpdir(), 'trackback-outside-'))
      try {
        writeFileSync(path.join(outside, 'secret.md'), 'secret\n')
        execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: linked })
        mkdirSync(path.join(linked, '_posts'))
        writeFileSync(path.join(linked, '_posts', '2021-01-01-a.md'), 'a\n')
        symlinkSync(
          path.join(outside, 'secret.md'),
          path.join(linked, '_posts', '2021-01-02-link.md')
        )
        const git = (...args: string[]): string =>
          execFileSync('git', args, { cwd: linked, encoding: 'utf8' }).trim()
        git('add', '-A')
        git(
          '-c',
          'user.name=t',
          '-c',
          'user.email=t@example.org',
          '-c',
          'commit.gpgsign=false',
          'commit',
          '-q',
          '-m',
          'posts and a link'
        )
        const refused: string[] = []
        const result = await scanSources(
          {
            workspace: linked,
            siteDir: '',
            isPost,
            git: createGit(linked),
            refused: (file, why) => refused.push(`${file}: ${why}`)
          },
          git('rev-parse', 'HEAD')
        )
        expect(result.changes).toEqual([
          { file: '_posts/2021-01-01-a.md', after: 'a\n', reason: 'scan' }
        ])
        expect(refused).toEqual([
          '_posts/2021-01-02-link.md: a symbolic link (not followed)'
        ])
      } finally {
        rmSync(linked, { recursive: true, force: true })
        rmSync(outside, { recursive: true, force: true })
      }
    })

    it('walks a plain directory, skipping dot folders and node_modules', async () => {
      const result = await scanSources(
        { workspace: plain, siteDir: 'site', isPost },
        undefined
      )
      expect(byFile(result.changes)).toEqual([
        { file: 'site/_posts/2021-01-01-a.md', after: A1, reason: 'scan' },
        {
          file: 'site/_posts/nested/2021-02-01-n.md',
          after: 'nested\n',
          reason: 'scan'
        }
      ])
    })

    it('drops a post as soon as `keep` refuses its text', async () => {
      const result = await scanSources(
        { workspace: plain, siteDir: 'site', isPost },
        undefined,
        (text) => text.startsWith('nested')
      )
      expect(byFile(result.changes)).toEqual([
        {
          file: 'site/_posts/nested/2021-02-01-n.md',
          after: 'nested\n',
          reason: 'scan'
        }
      ])
    })

    it('walks the whole directory for the root', async () => {
      const result = await scanSources(
        { workspace: plain, siteDir: '', isPost },
        undefined
      )
      expect(result.changes.map((c) => c.file).sort()).toEqual([
        'other/_posts/2021-01-01-o.md',
        'site/_posts/2021-01-01-a.md',
        'site/_posts/nested/2021-02-01-n.md'
      ])
    })

    it('walks the work tree when the head commit is not present', async () => {
      const result = await scanSources(
        {
          workspace: clone,
          siteDir: 'site',
          isPost,
          git: createGit(clone)
        },
        first
      )
      expect(result.changes.map((c) => c.file).sort()).toEqual([
        'site/_posts/2021-01-01-a.md',
        'site/_posts/2021-01-03-b.md',
        'site/_posts/2021-01-04-d.md'
      ])
    })

    it('finds nothing under a missing site directory', async () => {
      const result = await scanSources(
        { workspace: plain, siteDir: 'nope', isPost },
        undefined
      )
      expect(result.changes).toEqual([])
    })
  })
})
