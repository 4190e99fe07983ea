import { describe, expect, it } from '@jest/globals'
import { jekyllSite } from '../../src/site/jekyll/config.js'
import {
  isPostSource,
  notPostReason,
  postMatcher
} from '../../src/site/post-paths.js'
import {
  exampleHugo as hugo,
  exampleJekyll as jekyll,
  exampleOther as other
} from './sites.js'

describe('Jekyll sites and exclude:', () => {
  it('adds Jekyll’s default excludes to the site’s own', () => {
    const site = jekyllSite({ exclude: ['drafts-old', 3] }, {})
    expect(site.jekyll?.exclude).toEqual(
      expect.arrayContaining([
        'drafts-old',
        '3',
        'node_modules',
        'vendor/bundle/'
      ])
    )
  })

  it('ignores an exclude: that is not a list, as Jekyll refuses it', () => {
    const site = jekyllSite({ exclude: 'archive' }, {})
    expect(site.jekyll?.exclude).not.toContain('archive')
  })

  it('keeps excluded posts out of the default post globs', () => {
    const site = jekyllSite({ exclude: ['archive'] }, {})
    const isPost = postMatcher([], site)
    expect(isPost('_posts/2021-01-01-a.md')).toBe(true)
    expect(isPost('archive/_posts/2021-01-01-a.md')).toBe(false)
    expect(isPost('node_modules/x/_posts/2021-01-01-a.md')).toBe(false)
  })

  it('trusts the posts input’s own globs', () => {
    const site = jekyllSite({ exclude: ['archive'] }, {})
    const isPost = postMatcher(['archive/**/*.md'], site)
    expect(isPost('archive/_posts/2021-01-01-a.md')).toBe(true)
  })
})

describe('isPostSource', () => {
  it.each([
    ['_posts/2021-03-04-hello.md', true],
    ['_posts/2021-3-4-hello.markdown', true],
    ['_posts/2021-03-04-hello.html', true],
    ['blog/_posts/deep/2021-03-04-hello.md', true],
    ['_posts/2021-03-04-hello.txt', false],
    ['_posts/hello.md', false],
    ['_drafts/2021-03-04-hello.md', false],
    ['about.md', false],
    ['posts/2021-03-04-hello.md', false],
    // Checked against Jekyll 4.3 (the oracle suite).
    ['_posts/2021-03-04-hello.MD', true],
    ['_posts/2021-03-04-hello.mkd', true],
    ['a/b c/_posts/2021-03-04-hello.md', true],
    ['_posts/_skipped/2021-03-04-hello.md', false],
    ['_posts/.hidden/2021-03-04-hello.md', false],
    ['_site/_posts/2021-03-04-hello.md', false],
    ['_posts/2021-03-04-hello.md~', false]
  ])('Jekyll %s → %s', (path, expected) => {
    expect(isPostSource(path, jekyll())).toBe(expected)
  })

  it.each([
    ['content/posts/hello.md', true],
    ['content/posts/bundle/index.md', true],
    ['content/posts/hello.markdown', true],
    ['content/posts/hello.html', true],
    ['content/posts/hello.fr.md', true],
    ['content/posts/_index.md', false],
    ['content/_index.md', false],
    ['content/posts/hello.MD', false],
    ['content/posts/hello.txt', false],
    ['static/hello.md', false]
  ])('Hugo %s → %s', (path, expected) => {
    expect(isPostSource(path, hugo())).toBe(expected)
  })

  it('follows contentDir', () => {
    expect(isPostSource('site/posts/a.md', hugo({ contentDir: 'site' }))).toBe(
      true
    )
    expect(
      isPostSource('content/posts/a.md', hugo({ contentDir: 'site' }))
    ).toBe(false)
  })

  it('accepts any file for other generators', () => {
    expect(isPostSource('anything.txt', other())).toBe(true)
  })
})

describe('notPostReason: why a changed file that looks like a post is not one', () => {
  const site = jekyllSite({ exclude: ['archive'] }, {})
  const why = notPostReason([], site)

  it.each([
    ['_posts/2021-01-01-a.md', undefined],
    ['about.md', undefined],
    ['assets/style.css', undefined],
    [
      '_posts/notes.md',
      'Jekyll publishes a file in _posts only when its name starts with a date: YYYY-MM-DD-title.md'
    ],
    [
      '_posts/2021-01-01-a.txt',
      "the action reads Markdown and HTML posts only, not '.txt'"
    ],
    [
      '_posts/_old/2021-01-01-a.md',
      "Jekyll skips '_old' (a name starting with . _ # or ~, or ending with ~)"
    ],
    [
      'archive/_posts/2021-01-01-a.md',
      'the site config excludes it (exclude: in _config.yml)'
    ]
  ])('Jekyll: %s → %p', (path, expected) => {
    expect(why(path)).toBe(expected)
  })

  it.each([
    ['content/posts/a.md', undefined],
    [
      'content/posts/_index.md',
      'an _index file is a list page of its section, not a post'
    ]
  ])('Hugo: %s → %p', (path, expected) => {
    expect(notPostReason([], hugo())(path)).toBe(expected)
  })

  it('says nothing with the posts input’s own globs, which are trusted', () => {
    expect(notPostReason(['**/*.md'], site)('_posts/notes.md')).toBeUndefined()
  })

  it('agrees with postMatcher: a reason only for files it refuses', () => {
    const isPost = postMatcher([], site)
    for (const path of ['_posts/2021-01-01-a.md', '_posts/notes.md']) {
      expect(why(path) === undefined).toBe(isPost(path))
    }
  })
})
