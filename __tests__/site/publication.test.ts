import { describe, expect, it } from '@jest/globals'
import {
  parseDateString,
  postDate,
  processZone,
  publication
} from '../../src/site/publication.js'
import { hugoSite, jekyllSite } from '../../src/site/config.js'
import type { Site } from '../../src/types.js'

const now = new Date('2024-06-15T12:00:00Z')

function jekyll(config: Record<string, unknown> = {}): Site {
  return jekyllSite({ timezone: 'Europe/Berlin', ...config }, {})
}

function hugo(config: Record<string, unknown> = {}): Site {
  return hugoSite({ ...config }, {})
}

const other: Site = { generator: 'other', timezone: 'UTC' }

describe('postDate', () => {
  it.each([
    // Jekyll: date only = midnight in the site zone (Berlin, CET/CEST).
    ['_posts/2021-03-04-x.md', { date: '2021-03-04' }, '2021-03-03T23:00:00Z'],
    ['_posts/2021-03-04-x.md', { date: '2021-07-04' }, '2021-07-03T22:00:00Z'],
    [
      '_posts/2021-03-04-x.md',
      { date: '2021-03-04 10:00:00' },
      '2021-03-04T09:00:00Z'
    ],
    [
      '_posts/2021-03-04-x.md',
      { date: '2021-03-04 10:00' },
      '2021-03-04T09:00:00Z'
    ],
    [
      '_posts/2021-03-04-x.md',
      { date: '2021-03-04 10:00:00 +0100' },
      '2021-03-04T09:00:00Z'
    ],
    [
      '_posts/2021-03-04-x.md',
      { date: '2021-03-04 10:00:00 -05:00' },
      '2021-03-04T15:00:00Z'
    ],
    [
      '_posts/2021-03-04-x.md',
      { date: '2021-03-04T10:00:00Z' },
      '2021-03-04T10:00:00Z'
    ],
    [
      '_posts/2021-03-04-x.md',
      // Jekyll keeps whole seconds.
      { date: '2021-03-04T10:00:00.250Z' },
      '2021-03-04T10:00:00Z'
    ],
    [
      '_posts/2021-03-04-x.md',
      { date: '2021-3-4 9:05:00 +01' },
      '2021-03-04T08:05:00Z'
    ],
    // No front matter date: the file name, midnight in the site zone.
    ['_posts/2021-03-04-x.md', {}, '2021-03-03T23:00:00Z'],
    ['_posts/2021-3-4-x.md', {}, '2021-03-03T23:00:00Z'],
    ['_posts/x.md', {}, undefined],
    ['_posts/2021-02-30-x.md', {}, undefined]
  ])('Jekyll %s %j → %s', (path, data, iso) => {
    expect(postDate(path, data, jekyll())).toBe(iso)
  })

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

  it.each([
    ['posts/x.md', { date: '2023-03-30' }, '2023-03-30T00:00:00Z'],
    ['posts/2023-03-30-x.md', {}, '2023-03-30T00:00:00Z'],
    ['posts/x.md', {}, undefined]
  ])('other %s %j → %s', (path, data, iso) => {
    expect(postDate(path, data, other)).toBe(iso)
  })

  it('falls back to the process zone when Jekyll has no timezone', () => {
    const zone = processZone()
    const expected = parseDateString('2021-03-04', zone)?.toUTC().toISO({
      suppressMilliseconds: true
    })
    expect(postDate('_posts/2021-03-04-x.md', {}, jekyllSite({}, {}))).toBe(
      expected
    )
  })
})

describe('parseDateString', () => {
  it.each([
    '2021-03-04',
    '2021-03-04 10:00:00',
    '2021-03-04T10:00:00',
    '2021-03-04 10:00:00 +01:00',
    '2021-03-04 10:00:00+0100',
    '2021-03-04T10:00:00z',
    '2021-03-04 10:00:00 UTC'
  ])('reads %j', (text) => {
    expect(parseDateString(text, 'UTC')?.isValid).toBe(true)
  })

  it.each([
    '',
    'yesterday',
    '2021-13-01',
    '2021-04-31',
    '04/03/2021',
    '2021-03-04 25:00'
  ])('rejects %j', (text) => {
    expect(parseDateString(text, 'UTC')).toBeUndefined()
  })
})

describe('Jekyll publication', () => {
  it.each([
    ['_posts/2024-06-01-x.md', {}, 'published'],
    ['_posts/2024-06-01-x.md', { published: false }, 'unpublished'],
    // Strings are true in Ruby: only a YAML boolean false hides a post.
    ['_posts/2024-06-01-x.md', { published: 'false' }, 'published'],
    ['_posts/2024-06-01-x.md', { published: 'no' }, 'published'],
    ['_posts/2024-06-01-x.md', { published: 'Off' }, 'published'],
    ['_posts/2024-06-01-x.md', { published: true }, 'published'],
    ['_posts/2024-06-01-x.md', { published: 'yes' }, 'published'],
    ['_drafts/x.md', {}, 'draft'],
    ['blog/_drafts/x.md', { date: '2020-01-01' }, 'draft'],
    ['_posts/2024-07-01-x.md', {}, 'future'],
    ['_posts/2024-06-01-x.md', { date: '2024-06-15 14:00:01' }, 'future'],
    ['_posts/2024-06-01-x.md', { date: '2024-06-15 14:00:00' }, 'published'],
    [
      '_posts/2024-06-01-x.md',
      { date: '2024-06-15T12:00:00.900Z' },
      'published'
    ]
  ])('%s %j → %s', (path, data, state) => {
    expect(publication(path, data, jekyll(), now).state).toBe(state)
  })

  it('gives the due time of a future post', () => {
    expect(publication('_posts/2024-07-01-x.md', {}, jekyll(), now)).toEqual({
      state: 'future',
      date: '2024-06-30T22:00:00Z',
      dueAt: '2024-06-30T22:00:00Z'
    })
  })

  it('publishes future posts with future: true', () => {
    const site = jekyll({ future: true })
    expect(publication('_posts/2024-07-01-x.md', {}, site, now).state).toBe(
      'published'
    )
  })

  it('applies published: false from front matter defaults', () => {
    const site = jekyll({
      defaults: [
        { scope: { path: '_posts/wip' }, values: { published: false } }
      ]
    })
    expect(publication('_posts/wip/2024-06-01-x.md', {}, site, now).state).toBe(
      'unpublished'
    )
  })

  it('reports an unreadable date and falls back to the file name', () => {
    expect(
      publication('_posts/2024-06-01-x.md', { date: 'someday' }, jekyll(), now)
    ).toEqual({
      state: 'published',
      date: '2024-05-31T22:00:00Z',
      problem: expect.stringMatching(/Invalid date 'someday'/)
    })
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

describe('other publication', () => {
  it.each([
    [{ date: '2024-06-01' }, 'published'],
    [{ draft: true }, 'draft'],
    [{ published: false }, 'unpublished'],
    [{ date: '2024-07-01' }, 'future'],
    [{}, 'published']
  ])('%j → %s', (data, state) => {
    expect(publication('posts/x.md', data, other, now).state).toBe(state)
  })
})
