/**
 * The built-site check with plain data: the page most likely a post's,
 * pages named as URL paths, URLs outside the site never pinged, and a
 * language built into its own folder (Hugo multihost).
 */
import { describe, expect, it } from '@jest/globals'
import {
  likelyPage,
  nearestPages,
  sourceNames
} from '../../src/site/built-pages.js'
import {
  checkAgainstBuiltSite,
  pageFileFor
} from '../../src/site/built-site.js'
import type { PostChange } from '../../src/run/plan.js'
import type { Post } from '../../src/types.js'

const SITE = 'https://example.org'

function post(path: string, title: string, url: string): Post {
  return { path, state: 'published', title, excerpt: '', url, targets: [] }
}

function check(
  after: Post,
  files: string[],
  roots?: Array<{ url: string; dir: string }>
): string | undefined {
  const change: PostChange = { file: after.path, after, reason: 'diff' }
  const built = {
    dir: 'public',
    files: new Set(files),
    ...(roots ? { roots } : {})
  }
  const [checked] = checkAgainstBuiltSite([change], built, SITE)
  const result = checked?.after as Post
  expect(result.url === undefined).toBe(result.urlError !== undefined)
  return result.urlError
}

describe('sourceNames', () => {
  it.each([
    [
      '_posts/2021-03-04-hello-world.md',
      ['hello-world', '2021-03-04-hello-world']
    ],
    ['content/posts/bonjour.fr.md', ['bonjour', 'bonjour.fr']],
    ['content/posts/bundle/index.fr.md', ['bundle']],
    ['content/posts/C++.md', ['C++']]
  ])('%s → %j', (path, names) => {
    expect(sourceNames(path)).toEqual(names)
  })
})

describe('likelyPage', () => {
  const files = new Set([
    'index.html',
    'blog/2021/03/04/hello-world.html',
    'blog/2021/03/05/other.html',
    'posts/c++/index.html',
    'posts/c-/index.html',
    'old/hello-world/index.html',
    'fr/posts/hello-world/index.html',
    'feed.xml'
  ])

  it('names a page after the source file, nearest the URL first', () => {
    expect(
      likelyPage(
        { path: '_posts/2021-03-04-hello-world.md', title: 'Hi' },
        '/2021/03/04/hello-world.html',
        files
      )
    ).toEqual({
      file: 'blog/2021/03/04/hello-world.html',
      urlPath: '/blog/2021/03/04/hello-world.html',
      matches: 'file name'
    })
  })

  it('prefers the page whose path ends the URL (a wrong base path)', () => {
    expect(
      likelyPage(
        { path: 'content/posts/hello-world.md', title: '' },
        '/x/fr/posts/hello-world/',
        files
      )?.file
    ).toBe('fr/posts/hello-world/index.html')
  })

  it('names a page after the title, an exact name first', () => {
    expect(
      likelyPage({ path: 'content/t/t1.md', title: 'C++' }, '/posts/c+/', files)
    ).toEqual({
      file: 'posts/c++/index.html',
      urlPath: '/posts/c++/',
      matches: 'title'
    })
  })

  it('looks in one folder when told, and names none by other names', () => {
    expect(
      likelyPage(
        { path: 'content/posts/hello-world.md', title: '' },
        '/posts/hello/',
        files,
        'fr'
      )?.urlPath
    ).toBe('/posts/hello-world/')
    expect(
      likelyPage({ path: 'content/x.md', title: 'Nothing' }, '/x/', files)
    ).toBeUndefined()
  })
})

describe('nearestPages', () => {
  it('names pages as URL paths the way the generators escape them', () => {
    const files = new Set(['posts/c++/index.html', 'a b/%41?.html'])
    expect(nearestPages('/posts/c+/', files, 1)).toEqual(['/posts/c++/'])
    expect(nearestPages('/a b/x.html', files, 2)).toContain(
      '/a%20b/%2541%3F.html'
    )
  })
})

describe('checkAgainstBuiltSite', () => {
  it('names the likely page in the message', () => {
    const message = check(
      post(
        'content/posts/hello-world.md',
        'Hello',
        `${SITE}/blog/posts/hello-world/`
      ),
      ['posts/hello-world/index.html', 'posts/other/index.html']
    )
    expect(message).toContain(
      "The post's page is most likely public/posts/hello-world/index.html (https://example.org/posts/hello-world/), named like the post's file name."
    )
  })

  it('names none when no page has the name', () => {
    const message = check(post('content/a.md', 'A', `${SITE}/b/`), [
      'c/index.html'
    ])
    expect(message).not.toContain('most likely')
    expect(message).toContain('Nearest pages: https://example.org/c/.')
  })

  it('never pings a URL outside the site URL', () => {
    const message = check(
      post('content/a.md', 'A', 'https://elsewhere.org/a/'),
      ['a/index.html']
    )
    expect(message).toBe(
      'https://elsewhere.org/a/ is outside the site URL https://example.org, so the built site in public/ cannot show its page exists. Not pinged, so that no one is sent to a missing page.'
    )
  })

  it("finds a multihost language's pages in its own folder", () => {
    const roots = [
      { url: SITE, dir: 'en' },
      { url: 'https://fr.example.org/blog', dir: 'fr' }
    ]
    const files = ['en/posts/a/index.html', 'fr/posts/a/index.html']
    expect(
      check(
        post(
          'content/posts/a.fr.md',
          'A',
          'https://fr.example.org/blog/posts/a/'
        ),
        files,
        roots
      )
    ).toBeUndefined()
    expect(pageFileFor(`${SITE}/posts/a/`, SITE, new Set(files), roots)).toBe(
      'en/posts/a/index.html'
    )
    const message = check(
      post(
        'content/posts/b.fr.md',
        'B',
        'https://fr.example.org/blog/posts/b/'
      ),
      files,
      roots
    )
    expect(message).toContain('there is no public/fr/posts/b/index.html.')
    expect(message).toContain(
      'Nearest pages: https://fr.example.org/blog/posts/a/.'
    )
    expect(
      check(
        post('content/posts/c.md', 'C', `${SITE}/posts/a/`),
        ['posts/a/index.html'],
        roots
      )
    ).toContain('there is no public/en/posts/a/index.html')
  })
})
