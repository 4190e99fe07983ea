/**
 * Jekyll 4.3's post URLs in the corners the oracle found: Ruby's
 * lower-casing (no final-sigma rule) in slugs and categories, and a `?`
 * escaped so the URL reaches the page (Jekyll keeps it raw).
 */
import { describe, expect, it } from '@jest/globals'
import {
  escapeJekyllPath,
  jekyllSlugify,
  rubyDowncase
} from '../../../src/site/jekyll/permalink.js'
import { postUrl } from '../../../src/site/post-rules.js'
import { exampleJekyll as jekyll } from '../sites.js'

describe('Jekyll URLs with symbols', () => {
  it('lower-cases as Ruby does', () => {
    expect(rubyDowncase('ΟΔΟΣ İ')).toBe('οδοσ i̇')
    expect(jekyllSlugify('İstanbul ΟΔΟΣ', 'default', false)).toBe(
      'i̇stanbul-οδοσ'
    )
  })

  it.each([
    ['/:categories/', { categories: ['ΟΔΟΣ'] }, '/%CE%BF%CE%B4%CE%BF%CF%83/'],
    ['/:categories/', { categories: ['what?'] }, '/what%3F/'],
    ['/:categories/', { categories: ['x/y', 'a#b'] }, '/x/y/a%23b/'],
    ['/:slugified_categories/', { categories: ['C++', 'a + b'] }, '/c/a-b/'],
    ['/:title/', { slug: 'C++ & C#' }, '/C++-&-C/'],
    ['/:slug/', { slug: '😀' }, '/'],
    ['/a?b/:slug/', {}, '/a%3Fb/x/']
  ])('%s %j → %s', (permalink, data, expected) => {
    expect(
      postUrl('_posts/2021-01-01-x.md', data, jekyll({ permalink }))
    ).toEqual({
      url: `https://example.org${expected}`
    })
  })

  it('escapes ? in values', () => {
    expect(escapeJekyllPath('what?')).toBe('what%3F')
  })
})
