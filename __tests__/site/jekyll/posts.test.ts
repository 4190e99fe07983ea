import { describe, expect, it } from '@jest/globals'
import { jekyllExclusion } from '../../../src/site/jekyll/posts.js'

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
