import { describe, expect, it } from '@jest/globals'
import { jekyllExclusion, postMatcher } from '../../src/site/post-paths.js'
import { jekyllSite } from '../../src/site/config.js'

describe('jekyllExclusion (Jekyll’s exclude:/include: rule)', () => {
  const excluded = jekyllExclusion({
    exclude: ['archive', 'old/', '_posts/2019', '*-private.md', 'kept'],
    include: ['kept', '*-public.md']
  })

  it.each([
    ['archive/_posts/2021-01-01-a.md', true, 'a folder named by a pattern'],
    ['archived/_posts/2021-01-01-a.md', true, 'a plain string prefix'],
    ['old/_posts/2021-01-01-a.md', true, 'a folder with a trailing /'],
    ['older/_posts/2021-01-01-a.md', false, 'old/ names only that folder'],
    ['_posts/2019-01-01-a.md', true, 'a prefix inside _posts'],
    ['_posts/2021-01-01-a-private.md', true, 'a glob on the whole path'],
    ['_posts/deep/2021-01-01-a-private.md', true, 'a glob whose * crosses /'],
    ['_posts/2021-01-01-a-public.md', false, 'nothing matches'],
    ['kept/_posts/2021-01-01-a.md', false, 'in both lists: include wins'],
    ['_posts/2021-01-01-a.md', false, 'nothing matches']
  ])('%s → %s (%s)', (path, expected) => {
    expect(excluded(path)).toBe(expected)
  })

  it('lets include: save a file by its name', () => {
    const rule = jekyllExclusion({
      exclude: ['_posts/'],
      include: ['*-public.md']
    })
    expect(rule('_posts/2021-01-01-a-public.md')).toBe(false)
    expect(rule('_posts/2021-01-01-a.md')).toBe(true)
  })

  it('checks folders below _posts only as part of the whole path', () => {
    // Jekyll lists a _posts folder's files by their whole path: "s*b" must
    // match all of "_posts/sub/…", which it does not.
    const rule = jekyllExclusion({ exclude: ['_posts/s*b'] })
    expect(rule('_posts/sub/2021-01-01-a.md')).toBe(false)
    expect(rule('_posts/sub')).toBe(true)
  })

  it('excludes nothing without patterns', () => {
    expect(jekyllExclusion({})('archive/_posts/2021-01-01-a.md')).toBe(false)
  })
})

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
