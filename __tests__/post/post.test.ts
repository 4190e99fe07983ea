import { beforeAll, describe, expect, it } from '@jest/globals'
import { postCases } from '../../__fixtures__/hostile/corpus.js'
import { loadMarkdown } from '../../src/post/excerpt.js'
import { simpleYamlStrings } from '../../src/post/front-matter/index.js'
import { isPost, readPost, readPostDate } from '../../src/post/post.js'
import { otherSite } from '../../src/site/generic.js'
import { hugoSite } from '../../src/site/hugo/config.js'
import { jekyllSite } from '../../src/site/jekyll/config.js'
import type { Site } from '../../src/types.js'

// The excerpt functions (and readPost) need the Markdown reader loaded.
beforeAll(() => loadMarkdown())

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

  it('says why an undated Hugo page’s URL reads year 1, and nothing for a dated one', () => {
    const hugo = hugoSite(
      {
        baseURL: 'https://example.org/',
        timeZone: 'UTC',
        permalinks: { posts: '/:year/:month/:title/' }
      },
      {}
    )
    const text = (date: string): string =>
      [
        '---',
        'title: Notes',
        date,
        'trackback: arXiv:2101.00001',
        '---',
        'x.'
      ].join('\n')
    const undated = readPost('content/posts/notes.md', text(''), hugo, options)
    if (!isPost(undated)) throw new Error(undated.message)
    expect(undated.url).toBe('https://example.org/1/01/notes/')
    expect(undated.warnings).toEqual([
      {
        message: expect.stringMatching(
          /^https:\/\/example\.org\/1\/01\/notes\/: The page has no date .* year 1\.$/
        )
      }
    ])
    const dated = readPost(
      'content/posts/notes.md',
      text('date: 2026-11-20'),
      hugo,
      options
    )
    if (!isPost(dated)) throw new Error(dated.message)
    expect(dated.url).toBe('https://example.org/2026/11/notes/')
    expect(dated.warnings).toBeUndefined()
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

describe('readPostDate without the YAML parser', () => {
  /** The date readPost gives (it always parses), or null when it refuses the post. */
  const dateOf = (file: string, text: string, site: Site): unknown => {
    const post = readPost(file, text, site, options)
    return isPost(post) ? post.date : null
  }
  /**
   * readPostDate gives readPost's date for every post readPost reads (of a
   * post it refuses, a scan reads no more than the date).
   */
  const expectSameDate = (file: string, text: string, site: Site): void => {
    const want = dateOf(file, text, site)
    if (want !== null) expect(readPostDate(file, text, site, NOW)).toBe(want)
  }
  const withDefaults = jekyllSite(
    {
      url: 'https://me.github.io',
      timezone: 'Europe/Berlin',
      defaults: [{ scope: { path: '' }, values: { date: '2026-11-21' } }]
    },
    {},
    '_config.yml'
  )
  const FILE = '_posts/2026-11-20-a.md'
  const fm = (...lines: string[]): string =>
    ['---', ...lines, '---', 'Body.', ''].join('\n')
  // Shapes read without the parser…
  const simple = [
    fm('title: A', 'date: 2026-11-22 08:30:00 +0100'),
    fm('date: 2026-11-22 08:30:00'),
    fm('date: 2026-11-22 08:30'),
    fm('date: 2026-11-22'),
    fm('date: 2026-11-22T08:30:00Z', 'tags: [a, b]'),
    fm('date: "2026-11-22 08:30:00"'),
    fm("date: '2026-11-22 08:30:00'"),
    fm('date: 2026-11-22 08:30:00 # a comment'),
    fm('date: 2026-11-22 08:30:00', 'date: 2026-11-23 08:30:00'),
    fm('date: 2026-11-22', '  08:30:00'),
    fm('date: 2026-11-22', '', '  08:30:00'),
    fm('date: 2026-11-22', '  # note'),
    fm('date:', '  2026-11-22'),
    fm('date:'),
    fm('date: ~'),
    fm('date: 1764000000'),
    fm('date: 2026-13-45'),
    fm('date: 2026-11-22x'),
    fm('date: yes'),
    fm('Date: 2026-11-22'),
    fm('nested:', '  date: 2026-11-22'),
    fm('# comment', 'date: 2026-11-22', '# another'),
    fm('title: it\'s [not] {a} "list"', 'date: 2026-11-22'),
    fm('title: x', 'title: y', 'date: 2026-11-22'),
    fm('date: 2026-11-22', 'published: false'),
    '\uFEFF' + fm('date: 2026-11-22 08:30:00'),
    fm('date: 2026-11-22 08:30:00').replace(/\n/g, '\r\n'),
    ['---', 'date: 2026-11-22', '...', 'Body.'].join('\n'),
    fm()
  ]
  // …and shapes that only look simple: left to the parser.
  const notSimple = [
    fm('date: &d 2026-11-22', 'other: *d'),
    fm('base: &d 2026-11-22', 'date: *d'),
    fm('<<: {date: 2026-11-22}'),
    fm('? date', ': 2026-11-22'),
    fm('"date": 2026-11-22'),
    fm('title: "open', 'date: 2026-11-22 08:30:00', '  close"'),
    fm('tags: [a,', 'date: 2026-11-22 08:30:00]'),
    fm('tags:', '  - "a', 'date: 2026-11-22 08:30:00', '  b"'),
    fm('text: |', '  date: 2026-11-22', 'date: 2026-11-21'),
    fm('  title: indented', 'date: 2026-11-22'),
    fm('date:\t2026-11-22'),
    fm('date: 2026-11-22\r', 'title: x\ry'),
    fm('title: a: b', 'date: 2026-11-22'),
    fm('date: "2026-11-22\\n"'),
    '---\ndate: 2026-11-22\n',
    'date: 2026-11-22\n'
  ]
  const hugoOnly = [
    fm('Date: 2026-11-22', 'date: 2026-11-23'),
    fm('publishDate: 2026-11-22', 'date: 2026-11-21'),
    fm('PUBDATE: "2026-11-22T08:30:00+01:00"'),
    fm('published: true'),
    fm('expiryDate: 2026-11-22', 'lastmod: 2026-11-22')
  ]

  it.each([...simple, ...notSimple])(
    "gives readPost's date for a Jekyll post: %j",
    (text) => {
      for (const site of [jekyll, withDefaults]) {
        expectSameDate(FILE, text, site)
      }
    }
  )

  it.each([...simple, ...notSimple, ...hugoOnly])(
    "gives readPost's date for a Hugo post: %j",
    (text) => expectSameDate('content/posts/a.md', text, hugo)
  )

  it.each([...simple, ...notSimple])(
    "gives readPost's date for a post of another generator: %j",
    (text) =>
      expectSameDate(
        'posts/2026-11-20-a.md',
        text,
        otherSite({ siteUrl: 'https://example.org' })
      )
  )

  it("gives readPost's date for every post of the hostile-input corpus", () => {
    for (const c of postCases()) expectSameDate(FILE, c.text, jekyll)
  })

  it('reads simple front matter without the parser, and nothing else', () => {
    for (const text of simple) {
      expect([text, simpleYamlStrings(text, '1.1')]).toEqual([
        text,
        expect.any(Array)
      ])
    }
    for (const text of notSimple) {
      expect([text, simpleYamlStrings(text, '1.1')]).toEqual([text, undefined])
    }
    expect(simpleYamlStrings(simple[0] as string, '1.1')).toEqual([
      { key: 'title' },
      { key: 'date', value: '2026-11-22 08:30:00 +0100' }
    ])
    // Jekyll's loader reads a plain date-time without an offset as UTC.
    expect(simpleYamlStrings(simple[1] as string, '1.1')).toEqual([
      { key: 'date', value: '2026-11-22 08:30:00 Z' }
    ])
    expect(simpleYamlStrings(simple[1] as string, '1.2')).toEqual([
      { key: 'date', value: '2026-11-22 08:30:00' }
    ])
    // A value continued on an indented line is not read.
    expect(simpleYamlStrings(simple[9] as string, '1.1')).toEqual([
      { key: 'date' }
    ])
    // What the bench's blogs (and most blogs) hold.
    expect(
      simpleYamlStrings(
        fm(
          'title: "Notes, part 2"',
          'date: 2026-11-22 09:12:00 +0000',
          'tags: [attention, reading-notes]',
          'trackback:',
          '  - arXiv:1703.00014',
          '  - https://blog.example.org/wp-trackback.php?p=1'
        ),
        '1.1'
      )
    ).toEqual([
      { key: 'title', value: 'Notes, part 2' },
      { key: 'date', value: '2026-11-22 09:12:00 +0000' },
      { key: 'tags' },
      { key: 'trackback' }
    ])
  })
})
