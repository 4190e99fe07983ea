import { beforeAll, describe, expect, it } from '@jest/globals'
import { loadMarkdown } from '../../src/post/excerpt.js'
import { flagNames } from '../../src/settings/option-names.js'
import { otherSite } from '../../src/site/generic.js'
import {
  postDate,
  postExcerpt,
  postUrl,
  publication
} from '../../src/site/post-rules.js'
import type { Site } from '../../src/site/site.js'
import { exampleOther as other } from './sites.js'

const now = new Date('2024-06-15T12:00:00Z')

/** Another generator's site without a URL, dates in UTC. */
const plainOther: Site = { generator: 'other', timezone: 'UTC' }

describe('other generators', () => {
  it.each([
    [
      '/:year/:month/:day/:title/',
      'posts/2021-03-04-hello.md',
      {},
      '/2021/03/04/hello/'
    ],
    [
      '/:year/:title.html',
      'posts/hello.md',
      { date: '2021-03-04' },
      '/2021/hello.html'
    ],
    ['/blog/:slug/', 'posts/x.md', { slug: 'Nice Slug' }, '/blog/nice-slug/'],
    ['/:title/', 'posts/x.md', { slug: 'Nice Slug' }, '/Nice-Slug/'],
    [
      '/:year/:title/',
      'posts/x.md',
      { date: '2021-03-04', permalink: '/fixed/' },
      '/fixed/'
    ],
    ['/:year/:title/', 'posts/x.md', { url: '/from-url/' }, '/from-url/']
  ])('%s for %s %j → %s', (pattern, path, data, expected) => {
    expect(postUrl(path, data, other(pattern))).toEqual({
      url: `https://example.org${expected}`
    })
  })

  it('uses an absolute front matter URL as is', () => {
    expect(
      postUrl('x.md', { url: 'https://elsewhere.org/p' }, other()).url
    ).toBe('https://elsewhere.org/p')
  })

  it('asks for the permalink input when nothing says the URL', () => {
    expect(postUrl('x.md', {}, other()).error).toMatch(
      /set the permalink input/
    )
    expect(postUrl('x.md', {}, other(), flagNames).error).toBe(
      'Cannot tell the URL of x.md: set --permalink (e.g. ' +
        '/:year/:month/:day/:title/) or a `permalink` in its front matter.'
    )
  })

  it('needs a date for date placeholders', () => {
    expect(postUrl('x.md', {}, other('/:year/:title/')).error).toMatch(
      /no date/
    )
  })
})

describe('postDate', () => {
  it.each([
    ['posts/x.md', { date: '2023-03-30' }, '2023-03-30T00:00:00Z'],
    ['posts/2023-03-30-x.md', {}, '2023-03-30T00:00:00Z'],
    ['posts/x.md', {}, undefined]
  ])('other %s %j → %s', (path, data, iso) => {
    expect(postDate(path, data, plainOther)).toBe(iso)
  })
})

describe('other publication', () => {
  it.each([
    [{ date: '2024-06-01' }, 'published'],
    [{ draft: true }, 'draft'],
    [{ published: false }, 'unpublished'],
    [{ date: '2024-07-01' }, 'future'],
    [{}, 'published']
  ])('%j → %s', (data, state) => {
    expect(publication('posts/x.md', data, plainOther, now).state).toBe(state)
  })
})

describe('other excerpts', () => {
  // The excerpt rule needs the Markdown reader loaded.
  beforeAll(() => loadMarkdown())

  const body =
    '# Heading\n\nFirst *paragraph* with {% raw %}Liquid{% endraw %} &amp; a [link](/x).\n\n<!--more-->\n\nSecond paragraph.\n'

  it('Other: description', () => {
    expect(postExcerpt({ description: 'D' }, body, otherSite({}))).toBe('D')
  })
})
