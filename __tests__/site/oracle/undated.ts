/**
 * Oracle sites for posts without a date under date-based permalinks. Hugo
 * publishes an undated page with Go's zero time (year 1: `:year` is `1`,
 * `:2006` is `0001`); Jekyll reads no `_posts` file without a date in its
 * name, and dates an undated collection document with the build time, which
 * makes it no post of the action's.
 */
import { post, raw } from './fixture.js'
import type { OracleSite, SiteFile } from './fixture.js'

/** Pages without a date (and with only some other date) for a section. */
function undatedPages(section: string): SiteFile[] {
  const dir = `content/${section}`
  return [
    post(`${dir}/no-date.md`, 'title: No Date'),
    post(`${dir}/no-front-matter.md`),
    post(`${dir}/lastmod.md`, 'title: Lastmod\nlastmod: 2021-05-06'),
    post(`${dir}/expiry.md`, 'title: Expiry\nexpiryDate: 2099-01-01'),
    post(`${dir}/slugged.md`, 'title: T\nslug: Undated Slug'),
    post(`${dir}/url.md`, 'title: U\nurl: /undated-url/'),
    post(`${dir}/bundle/index.md`, 'title: Undated Bundle'),
    post(`${dir}/dated.md`, 'title: Dated\ndate: 2021-03-04')
  ]
}

const HUGO_UNDATED_SECTIONS = ['posts', 'notes', 'go', 'plain']

export const UNDATED_SITES: OracleSite[] = [
  {
    name: 'hugo-undated',
    generator: 'hugo',
    tz: 'America/New_York',
    files: [
      raw(
        'hugo.yaml',
        [
          'baseURL: https://example.org/',
          'timeZone: Asia/Tokyo',
          'permalinks:',
          '  posts: /:year/:month/:day/:title/',
          '  notes: /:yearday/:weekday/:weekdayname/:monthname/:filename/',
          '  go: /:2006/:Jan/:Mon/:02/:15/:slug/',
          ''
        ].join('\n')
      ),
      ...HUGO_UNDATED_SECTIONS.flatMap(undatedPages)
    ]
  },
  {
    name: 'jekyll-undated',
    generator: 'jekyll',
    tz: 'UTC',
    files: [
      raw(
        '_config.yml',
        [
          'url: https://example.org',
          'permalink: /:year/:month/:day/:title/',
          'collections:',
          '  notes:',
          '    output: true',
          '    permalink: /:collection/:year/:month/:title/',
          ''
        ].join('\n')
      ),
      post('_posts/undated.md', 'title: No date in the name'),
      post('_posts/dated-in-front-matter.md', 'date: 2021-03-04'),
      post('_posts/2021-03-05-dated.md', 'title: Dated'),
      post('_notes/undated.md', 'title: Undated note'),
      post('_notes/2021-03-06-dated-note.md', 'title: Dated note')
    ]
  }
]
