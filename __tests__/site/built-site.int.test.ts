import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { flagNames } from '../../src/settings/option-names.js'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  builtSiteFiles,
  checkAgainstBuiltSite,
  findBuiltSite,
  nearestPages,
  outputCandidates,
  pageFileFor
} from '../../src/site/built-site.js'
import type { PostChange } from '../../src/run/plan.js'
import type { Post, Site } from '../../src/types.js'

const SITE = 'https://example.org/blog'

const files = new Set([
  'index.html',
  '2021/03/04/hello.html',
  '2021/03/04/hello-world/index.html',
  'posts/caf%C3%A9/index.html'.replace('%C3%A9', 'é'),
  'no-slash.html',
  'feed.xml',
  'about/index.html',
  'assets/style.css'
])

describe('outputCandidates', () => {
  it.each([
    ['/', ['index.html']],
    ['/a/b/', ['a/b/index.html']],
    ['/a/b.html', ['a/b.html', 'a/b.html/index.html']],
    ['/feed.xml', ['feed.xml', 'feed.xml/index.html']],
    ['/a/b', ['a/b.html', 'a/b/index.html', 'a/b']],
    ['/posts/caf%C3%A9/', ['posts/café/index.html']],
    ['/with%20space/x/', ['with space/x/index.html']],
    ['/a/b/?q=1#top', ['a/b/index.html']],
    ['/bad%ZZ/', ['bad%ZZ/index.html']]
  ])('%s → %j', (path, expected) => {
    expect(outputCandidates(path)).toEqual(expected)
  })
})

describe('pageFileFor', () => {
  it.each([
    [`${SITE}/2021/03/04/hello.html`, '2021/03/04/hello.html'],
    [`${SITE}/2021/03/04/hello-world/`, '2021/03/04/hello-world/index.html'],
    [`${SITE}/posts/caf%C3%A9/`, 'posts/café/index.html'],
    [`${SITE}/no-slash`, 'no-slash.html'],
    [`${SITE}/about`, 'about/index.html'],
    [`${SITE}/feed.xml`, 'feed.xml'],
    [SITE, 'index.html'],
    [`${SITE}/2021/03/04/hello/`, undefined],
    [`${SITE}/missing.html`, undefined],
    // Outside the site URL: nothing to check against.
    ['https://elsewhere.org/x/', null],
    ['https://example.org/blogger/x/', null]
  ])('%s → %p', (url, expected) => {
    expect(pageFileFor(url, SITE, files)).toBe(expected)
  })
})

describe('nearestPages', () => {
  it('ranks HTML pages by edit distance, nearest first', () => {
    const near = nearestPages('/2021/03/04/hello-wrld/', files)
    expect(near).toHaveLength(3)
    expect(near.slice(0, 2)).toEqual([
      '/2021/03/04/hello-world/',
      '/2021/03/04/hello.html'
    ])
  })

  it('names pages as URL paths, encoded', () => {
    expect(nearestPages('/posts/cafe/', files, 1)).toEqual([
      '/posts/caf%C3%A9/'
    ])
  })

  it('gives none for a site without pages', () => {
    expect(nearestPages('/a/', new Set(['style.css']))).toEqual([])
  })
})

function post(
  url: string | undefined,
  state: Post['state'] = 'published'
): Post {
  return {
    path: '_posts/2021-03-04-hello.md',
    state,
    title: 'Hello',
    excerpt: '',
    url,
    targets: []
  }
}

function change(after: Post): PostChange {
  return { file: after.path, after, reason: 'diff' }
}

describe('checkAgainstBuiltSite', () => {
  const built = { dir: '_site', files }

  it('keeps a post whose page exists', () => {
    const changes = [change(post(`${SITE}/2021/03/04/hello.html`))]
    expect(checkAgainstBuiltSite(changes, built, SITE)).toEqual(changes)
  })

  it('takes the URL of a post whose page is missing and says why', () => {
    const url = `${SITE}/2021/03/04/hello-wrld/`
    const [checked] = checkAgainstBuiltSite([change(post(url))], built, SITE)
    const after = checked?.after as Post
    expect(after.url).toBeUndefined()
    expect(after.urlError).toBe(
      `${url} is not in the built site: there is no _site/2021/03/04/hello-wrld/index.html. ` +
        'Not pinged, so that no one is sent to a missing page. ' +
        `The post's page is most likely _site/2021/03/04/hello.html (${SITE}/2021/03/04/hello.html), named like the post's file name. ` +
        'Nearest pages: ' +
        `${SITE}/2021/03/04/hello-world/, ${SITE}/2021/03/04/hello.html, ${SITE}/posts/caf%C3%A9/.`
    )
  })

  it('names every file it looked for', () => {
    const url = `${SITE}/gone`
    const [checked] = checkAgainstBuiltSite([change(post(url))], built, SITE)
    expect((checked?.after as Post).urlError).toContain(
      'there is no _site/gone.html or _site/gone/index.html or _site/gone.'
    )
  })

  it.each(['future', 'draft', 'unpublished', 'expired'] as const)(
    'leaves a %s post alone (not built yet)',
    (state) => {
      const changes = [change(post(`${SITE}/later/`, state))]
      expect(checkAgainstBuiltSite(changes, built, SITE)).toEqual(changes)
    }
  )

  it('leaves posts without a URL, failures and deletions alone', () => {
    const changes: PostChange[] = [
      change({ ...post(undefined), urlError: 'no date' }),
      {
        file: 'x.md',
        after: { path: 'x.md', message: 'bad' },
        reason: 'diff'
      },
      { file: 'y.md', before: post(`${SITE}/y/`), reason: 'diff' }
    ]
    expect(checkAgainstBuiltSite(changes, built, SITE)).toEqual(changes)
  })
})

describe('finding the built site on disk', () => {
  let root = ''
  const jekyll: Site = { generator: 'jekyll', url: SITE }
  const hugo: Site = { generator: 'hugo', url: SITE }
  const other: Site = { generator: 'other', url: SITE }
  const shown = (dir: string): string => `blog/${dir}`

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'built-site-'))
    await mkdir(join(root, '_site/a/b'), { recursive: true })
    await writeFile(join(root, '_site/a/b/index.html'), '<p>hi</p>')
    await writeFile(join(root, '_site/c.html'), '<p>hi</p>')
    await mkdir(join(root, 'out'), { recursive: true })
    await writeFile(join(root, 'out/d.html'), '<p>hi</p>')
    await mkdir(join(root, 'empty'), { recursive: true })
  })
  afterAll(async () => {
    await rm(root, { recursive: true, force: true })
  })

  it('lists files relative to the folder', async () => {
    expect(await builtSiteFiles(join(root, '_site'))).toEqual(
      new Set(['a/b/index.html', 'c.html'])
    )
    expect(await builtSiteFiles(join(root, 'nowhere'))).toBeUndefined()
    expect(await builtSiteFiles(join(root, '_site/c.html'))).toBeUndefined()
  })

  it('auto: _site for Jekyll when present', async () => {
    const found = await findBuiltSite(root, 'auto', jekyll, shown)
    expect(found.built?.dir).toBe('blog/_site')
    expect(found.built?.files.size).toBe(2)
    expect(found.warning).toBeUndefined()
    expect(found.note).toBe(
      'Checking post URLs against the built site in blog/_site/ (2 files).'
    )
  })

  it('auto: nothing (and no warning) when public/ is absent for Hugo', async () => {
    const found = await findBuiltSite(root, 'auto', hugo, shown)
    expect(found).toEqual({
      note: 'No built site in blog/public/: post URLs are not checked.'
    })
  })

  it('auto: nothing for other generators', async () => {
    expect((await findBuiltSite(root, 'auto', other, shown)).built).toBe(
      undefined
    )
  })

  it('a named folder', async () => {
    const found = await findBuiltSite(root, 'out', other, shown)
    expect([...(found.built?.files ?? [])]).toEqual(['d.html'])
  })

  it('warns when a named folder is missing or empty', async () => {
    for (const dir of ['nowhere', 'empty']) {
      const found = await findBuiltSite(root, dir, jekyll, shown)
      expect(found.built).toBeUndefined()
      expect(found.warning).toBe(
        `site-dir blog/${dir} is not a built site. No built site in blog/${dir}/: post URLs are not checked.`
      )
    }
  })

  it('none: no check', async () => {
    expect(await findBuiltSite(root, 'none', jekyll, shown)).toEqual({
      note: 'site-dir is none: post URLs are not checked.'
    })
    // The CLI names its flag.
    expect(await findBuiltSite(root, 'none', jekyll, shown, flagNames)).toEqual(
      { note: '--site-dir is none: post URLs are not checked.' }
    )
  })
})
