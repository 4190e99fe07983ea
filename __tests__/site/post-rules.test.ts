import { beforeAll, describe, expect, it } from '@jest/globals'
import { loadMarkdown } from '../../src/post/excerpt.js'
import {
  decidesDate,
  effectiveFrontMatter,
  frontMatterYaml,
  postExcerpt,
  postField
} from '../../src/site/post-rules.js'
import {
  exampleHugo as hugo,
  exampleJekyll as jekyll,
  exampleOther as other
} from './sites.js'

describe('effectiveFrontMatter', () => {
  const site = jekyll({
    defaults: [
      {
        scope: { path: '' },
        values: { layout: 'default', author: { name: 'A' } }
      },
      {
        scope: { path: '_posts', type: 'posts' },
        values: { layout: 'post', published: false }
      },
      { scope: { path: '_posts', type: 'pages' }, values: { layout: 'page' } },
      { scope: { path: '_posts/2021-*' }, values: { series: '2021' } },
      { scope: { type: 'post' }, values: { comments: true } }
    ]
  })

  it('applies matching scopes under the post values, most specific first', () => {
    expect(
      effectiveFrontMatter(
        '_posts/2021-03-04-x.md',
        { published: true, author: { url: 'u' } },
        site
      )
    ).toEqual({
      layout: 'post',
      author: { name: 'A', url: 'u' },
      published: true,
      series: '2021',
      comments: true
    })
  })

  it('leaves posts outside a scope alone', () => {
    expect(effectiveFrontMatter('_posts/2020-03-04-x.md', {}, site)).toEqual({
      layout: 'post',
      author: { name: 'A' },
      published: false,
      comments: true
    })
  })

  it('returns data unchanged for Hugo and other generators', () => {
    const data = { title: 'x' }
    expect(effectiveFrontMatter('content/x.md', data, hugo())).toBe(data)
    expect(effectiveFrontMatter('x.md', data, other())).toBe(data)
  })
})

describe('postExcerpt', () => {
  // The excerpt rules need the Markdown reader loaded.
  beforeAll(() => loadMarkdown())

  it('cuts at a word and adds … (252 characters by default)', () => {
    const long = `${'word '.repeat(100)}end`
    const out = postExcerpt({}, long, hugo())
    expect(out.endsWith('word…')).toBe(true)
    expect(Array.from(out).length).toBeLessThanOrEqual(253)
    expect(postExcerpt({ excerpt: long }, '', jekyll())).toBe(out)
  })
})

describe('the generator’s front-matter conventions', () => {
  it('reads YAML 1.1 for Jekyll (Psych), 1.2 for the others', () => {
    expect(frontMatterYaml(jekyll())).toBe('1.1')
    expect(frontMatterYaml(hugo())).toBe('1.2')
    expect(frontMatterYaml(other())).toBe('1.2')
  })

  it('matches keys in any case for Hugo only', () => {
    expect(postField({ Title: 'T' }, 'title', hugo())).toBe('T')
    expect(postField({ Title: 'T' }, 'title', jekyll())).toBeUndefined()
    expect(postField({ Title: 'T' }, 'title', other())).toBeUndefined()
  })

  it.each([
    ['date', true, true, true],
    ['publishDate', false, true, false],
    ['PubDate', false, true, false],
    ['lastmod', false, false, false],
    ['title', false, false, false]
  ])('%s decides the date: Jekyll %s, Hugo %s, other %s', (key, j, h, o) => {
    expect(decidesDate(jekyll(), key)).toBe(j)
    expect(decidesDate(hugo(), key)).toBe(h)
    expect(decidesDate(other(), key)).toBe(o)
  })
})
