import { describe, expect, it } from '@jest/globals'
import { hugoSite } from '../../src/site/hugo/config.js'
import { jekyllSite } from '../../src/site/jekyll/config.js'
import { siteUrlFrom, zoneProblems } from '../../src/site/site.js'

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

describe('siteUrlFrom', () => {
  it.each([
    [
      { siteUrl: 'https://in.put/b/' },
      'https://c.org',
      '/x',
      'https://in.put/b'
    ],
    [{ siteUrl: '  ' }, 'https://c.org/', '/x', 'https://c.org/x'],
    [{}, 'https://c.org', '', 'https://c.org'],
    [{}, ' ', '/x', undefined],
    [{}, undefined, '/x', undefined]
  ])('%j, config %j + %j → %j', (overrides, configured, path, url) => {
    expect(siteUrlFrom(overrides, configured, path)).toBe(url)
  })
})

describe('zoneProblems', () => {
  it('names the config file of a zone Luxon does not know', () => {
    expect(zoneProblems({ generator: 'other', timezone: 'UTC' })).toEqual([])
    expect(zoneProblems({ generator: 'other' })).toEqual([])
    expect(
      zoneProblems({ generator: 'hugo', timezone: 'Nowhere', configFile: 'h' })
    ).toEqual([{ file: 'h', message: expect.stringMatching(/'Nowhere'/) }])
    expect(zoneProblems({ generator: 'other', timezone: 'Nowhere' })).toEqual([
      { file: '', message: expect.stringMatching(/IANA zone/) }
    ])
  })
})
