import { describe, expect, it } from '@jest/globals'
import { jekyllSite } from '../../src/site/jekyll/config.js'
import { isPostSource, postMatcher } from '../../src/site/post-paths.js'
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
