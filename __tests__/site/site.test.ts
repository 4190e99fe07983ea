import { describe, expect, it } from '@jest/globals'
import { hugoSite } from '../../src/site/hugo/config.js'
import { jekyllSite } from '../../src/site/jekyll/config.js'

describe('site titles', () => {
  it.each(['', '  ', undefined])(
    'a blank title %j (jekyll new --blank writes title: "") is no title',
    (title) => {
      expect(jekyllSite({ title }, {}).title).toBeUndefined()
      expect(hugoSite({ title }, {}).title).toBeUndefined()
    }
  )

  it('keeps a title, trimmed', () => {
    expect(jekyllSite({ title: ' Paper Notes ' }, {}).title).toBe('Paper Notes')
    expect(hugoSite({ title: 'Notes' }, {}).title).toBe('Notes')
  })
})
