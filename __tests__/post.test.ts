import { describe, expect, it } from '@jest/globals'
import { isPost, readPost, readPostDate } from '../src/post.js'
import { hugoSite, jekyllSite, otherSite } from '../src/site-config.js'

const NOW = new Date('2026-11-23T12:00:00Z')
const options = { key: 'trackback', now: NOW }
const jekyll = jekyllSite(
  {
    url: 'https://me.github.io',
    baseurl: '/notes',
    title: 'Notes',
    timezone: 'UTC'
  },
  {},
  '_config.yml'
)
const hugo = hugoSite(
  { baseURL: 'https://example.org/', title: 'Hugo blog', timeZone: 'UTC' },
  {},
  'hugo.toml'
)

describe('readPost', () => {
  it('reads a Jekyll post: state, URL, title, excerpt and targets with lines', () => {
    const text = [
      '---',
      'title: "Attention *is* all"',
      'trackback:',
      '  - arXiv:2101.00010',
      '  - 2101.00010v2',
      '  - https://blog.example.org/wp-trackback.php?p=42',
      '  - javascript:alert(1)',
      '---',
      'A **summary** of [the paper](https://arxiv.org/abs/2101.00010).',
      '',
      'Second paragraph.'
    ].join('\n')
    const post = readPost(
      '_posts/2026-11-20-attention.md',
      text,
      jekyll,
      options
    )
    if (!isPost(post)) throw new Error(post.message)
    expect(post).toMatchObject({
      path: '_posts/2026-11-20-attention.md',
      state: 'published',
      title: 'Attention is all',
      excerpt: 'A summary of the paper.',
      url: 'https://me.github.io/notes/2026/11/20/attention.html',
      targetsLine: 3
    })
    expect(post.targets.map((t) => [t.ping ?? t.error, t.line])).toEqual([
      ['https://arxiv.org/trackback/2101.00010', 4],
      ['https://blog.example.org/wp-trackback.php?p=42', 6],
      [expect.stringContaining('javascript:alert(1)'), 7]
    ])
  })

  it('takes a single target written as a string', () => {
    const post = readPost(
      '_posts/2026-11-20-a.md',
      '---\ntrackback: https://x.org/tb/1\n---\nHi.\n',
      jekyll,
      options
    )
    expect(isPost(post) && post.targets.map((t) => t.ping)).toEqual([
      'https://x.org/tb/1'
    ])
  })

  it('names the post after its file when it has no title', () => {
    const post = readPost(
      '_posts/2026-11-20-my-first-post.md',
      '---\n---\nHi.\n',
      jekyll,
      options
    )
    expect(isPost(post) && post.title).toBe('My First Post')
  })

  it.each([
    ['published: false', 'unpublished'],
    ['date: 2027-01-01', 'future']
  ])('a Jekyll post with %s is %s', (line, state) => {
    const post = readPost(
      '_posts/2026-11-20-a.md',
      `---\n${line}\ntrackback: https://x.org/tb\n---\n`,
      jekyll,
      options
    )
    expect(isPost(post) && post.state).toBe(state)
  })

  it('reads a Hugo post with TOML front matter', () => {
    const text = [
      '+++',
      'title = "Scaling laws"',
      'date = 2026-11-01T10:00:00Z',
      'trackback = ["arXiv:2202.00002", "https://x.org/tb"]',
      '+++',
      'Reading notes.'
    ].join('\n')
    const post = readPost('content/posts/scaling-laws.md', text, hugo, options)
    if (!isPost(post)) throw new Error(post.message)
    expect(post).toMatchObject({
      state: 'published',
      title: 'Scaling laws',
      url: 'https://example.org/posts/scaling-laws/',
      excerpt: 'Reading notes.'
    })
    expect(post.targets.map((t) => [t.ping, t.line])).toEqual([
      ['https://arxiv.org/trackback/2202.00002', 4],
      ['https://x.org/tb', 4]
    ])
  })

  it('holds a Hugo draft', () => {
    const post = readPost(
      'content/posts/x.md',
      '---\ntitle: X\ndraft: true\ndate: 2026-11-01\ntrackback: https://x.org/tb\n---\n',
      hugo,
      options
    )
    expect(isPost(post) && post.state).toBe('draft')
  })

  it('reads JSON front matter', () => {
    const post = readPost(
      'content/posts/j.md',
      '{\n  "title": "J",\n  "date": "2026-11-01",\n  "trackback": "https://x.org/tb"\n}\nBody.\n',
      hugo,
      options
    )
    expect(isPost(post) && post.targets.map((t) => t.ping)).toEqual([
      'https://x.org/tb'
    ])
  })

  it('uses the front matter key the user chose', () => {
    const post = readPost(
      '_posts/2026-11-20-a.md',
      '---\npings: https://x.org/tb\ntrackback: https://y.org/tb\n---\n',
      jekyll,
      { ...options, key: 'pings' }
    )
    expect(isPost(post) && post.targets.map((t) => t.ping)).toEqual([
      'https://x.org/tb'
    ])
  })

  it('gives the line of broken front matter instead of throwing', () => {
    const post = readPost(
      '_posts/2026-11-20-a.md',
      '---\ntitle: ok\ntrackback: [a, b\n---\n',
      jekyll,
      options
    )
    expect(isPost(post)).toBe(false)
    expect(post).toMatchObject({
      path: '_posts/2026-11-20-a.md',
      line: expect.any(Number)
    })
  })

  it('reports a missing permalink for other generators as a URL error', () => {
    const site = otherSite({ siteUrl: 'https://example.org' })
    const post = readPost(
      'src/posts/a.md',
      '---\ntitle: A\ntrackback: https://x.org/tb\n---\n',
      site,
      options
    )
    expect(isPost(post) && post.url).toBeUndefined()
    expect(isPost(post) && post.urlError).toBeTruthy()
  })

  it('builds the URL from the permalink input for other generators', () => {
    const site = otherSite({
      siteUrl: 'https://example.org',
      permalink: '/blog/:year/:title/'
    })
    const post = readPost(
      'src/posts/hello.md',
      '---\ntitle: Hello\ndate: 2026-11-01\ntrackback: https://x.org/tb\n---\n',
      site,
      options
    )
    expect(isPost(post) && post.url).toBe(
      'https://example.org/blog/2026/hello/'
    )
  })
})

describe('readPostDate', () => {
  const cases: Array<[string, string, string]> = [
    ['_posts/2026-11-20-a.md', '---\ntitle: A\n---\nText.\n', 'file name'],
    [
      '_posts/2026-11-20-b.md',
      '---\ndate: 2026-11-22 08:30:00 +0100\n---\nText.\n',
      'front matter'
    ]
  ]
  it.each(cases)('gives the date readPost gives (%s, %s)', (file, text) => {
    const post = readPost(file, text, jekyll, options)
    if (!isPost(post)) throw new Error('expected a post')
    expect(post.date).toBeDefined()
    expect(readPostDate(file, text, jekyll, NOW)).toBe(post.date)
  })

  it('is undefined for broken front matter and for an undated post', () => {
    expect(
      readPostDate('_posts/2026-11-20-c.md', '---\n[\n---\n', jekyll, NOW)
    ).toBeUndefined()
    expect(
      readPostDate('content/about.md', '+++\ntitle = "x"\n+++\n', hugo, NOW)
    ).toBeUndefined()
  })
})
