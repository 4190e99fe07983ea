import { describe, expect, it } from '@jest/globals'
import { hugoSite } from '../../../src/site/hugo/config.js'
import { postDate, publication } from '../../../src/site/post-rules.js'
import type { Site } from '../../../src/site/site.js'

const now = new Date('2024-06-15T12:00:00Z')

function hugo(config: Record<string, unknown> = {}): Site {
  return hugoSite({ ...config }, {})
}

describe('postDate', () => {
  it.each([
    [{ date: '2023-03-30' }, {}, '2023-03-30T00:00:00Z'],
    [{ date: '2023-03-30T10:00:00' }, {}, '2023-03-30T10:00:00Z'],
    [
      { date: '2023-03-30T10:00:00' },
      { timeZone: 'Asia/Tokyo' },
      '2023-03-30T01:00:00Z'
    ],
    [
      { date: '2023-03-30T10:00:00-07:00' },
      { timeZone: 'Asia/Tokyo' },
      '2023-03-30T17:00:00Z'
    ],
    [{ publishDate: '2023-04-01' }, {}, '2023-04-01T00:00:00Z'],
    [{ lastmod: '2023-04-02' }, {}, '2023-04-02T00:00:00Z'],
    [{ Date: '2023-04-03' }, {}, '2023-04-03T00:00:00Z'],
    [{}, {}, undefined]
  ])('Hugo %j with %j → %s', (data, config, iso) => {
    expect(postDate('content/posts/x.md', data, hugo(config))).toBe(iso)
  })
})

describe('Hugo publication', () => {
  it.each([
    [{ date: '2024-06-01' }, {}, 'published'],
    [{ draft: true }, {}, 'draft'],
    [{ draft: 'true' }, {}, 'draft'],
    [{ Draft: true }, {}, 'draft'],
    [{ draft: true }, { buildDrafts: true }, 'published'],
    [{ draft: false }, {}, 'published'],
    [{ date: '2024-07-01' }, {}, 'future'],
    [{ date: '2024-07-01' }, { buildFuture: true }, 'published'],
    [{ date: '2024-06-01', publishDate: '2024-07-01' }, {}, 'future'],
    [{ date: '2024-07-01', publishDate: '2024-06-01' }, {}, 'published'],
    [{ pubdate: '2024-07-01' }, {}, 'future'],
    [{ published: '2024-07-01' }, {}, 'future'],
    [{ date: '2024-06-15T12:00:01Z' }, {}, 'future'],
    [
      { date: '2024-06-15T13:00:00' },
      { timeZone: 'Europe/Berlin' },
      'published'
    ],
    [{ expiryDate: '2024-06-01' }, {}, 'expired'],
    [{ unpublishdate: '2024-06-01' }, {}, 'expired'],
    [{ expiryDate: '2024-06-01' }, { buildExpired: true }, 'published'],
    [{ expiryDate: '2024-07-01' }, {}, 'published'],
    [{ draft: true, date: '2024-07-01' }, {}, 'draft']
  ])('%j with %j → %s', (data, config, state) => {
    expect(
      publication('content/posts/x.md', data, hugo(config), now).state
    ).toBe(state)
  })

  it('gives publish date and due time', () => {
    expect(
      publication(
        'content/posts/x.md',
        { date: '2024-01-01', publishDate: '2024-07-01T08:00:00+02:00' },
        hugo(),
        now
      )
    ).toEqual({
      state: 'future',
      date: '2024-07-01T06:00:00Z',
      dueAt: '2024-07-01T06:00:00Z'
    })
  })

  it('reports unreadable dates', () => {
    const result = publication(
      'content/posts/x.md',
      { date: 'tomorrow', expiryDate: 'never' },
      hugo(),
      now
    )
    expect(result.state).toBe('published')
    expect(result.problem).toMatch(/'tomorrow'.*'never'/)
  })
})
