import { describe, expect, it } from '@jest/globals'
import {
  hugoSections,
  hugoSource,
  sliceSections
} from '../../../src/site/hugo/source.js'
import { exampleHugo as hugo } from '../sites.js'

describe('Hugo sections', () => {
  const one = ['deep']
  const three = ['deep', 'sub', 'subsub']
  // Current Hugo's `toSliceFunc`; 0.111 agrees except for a single section,
  // where it gives [] for [last] and [last:] and ['deep'] for [:last].
  it.each([
    ['[last]', one, ['deep']],
    ['[:last]', one, []],
    ['[last:]', one, ['deep']],
    ['[0]', one, ['deep']],
    ['[1]', one, []],
    ['[1:]', one, []],
    ['[last]', three, ['subsub']],
    ['[:last]', three, ['deep', 'sub']],
    ['[0:last]', three, ['deep', 'sub']],
    ['[1]', three, ['sub']],
    ['[1:]', three, ['sub', 'subsub']],
    ['[1:2]', three, ['sub']],
    ['[9]', three, []],
    ['[9:]', three, []],
    ['[2:1]', three, []],
    ['', three, three],
    ['x', three, []]
  ])('sections%s of %j → %j', (cut, sections, expected) => {
    expect(sliceSections(sections, cut)).toEqual(expected)
  })

  it('nests a folder only when it has an _index file', () => {
    const site = hugo()
    site.hugo = { ...site.hugo!, sections: ['docs/a', 'docs/a/b/c'] }
    const source = hugoSource('content/docs/a/b/c/page.md', site)!
    expect(hugoSections(source, site)).toEqual(['docs', 'a'])
  })
})
