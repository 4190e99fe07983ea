import { describe, expect, it } from '@jest/globals'
import { parseDateString, processZone } from '../../../src/site/dates.js'
import { jekyllSite } from '../../../src/site/jekyll/config.js'
import { postDate, publication } from '../../../src/site/post-rules.js'
import type { Site } from '../../../src/site/site.js'

const now = new Date('2024-06-15T12:00:00Z')

function jekyll(config: Record<string, unknown> = {}): Site {
  return jekyllSite({ timezone: 'Europe/Berlin', ...config }, {})
}

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
