/**
 * The oracle's Jekyll fixture sites: one set of posts (names, categories,
 * dates, flags, bodies) under each permalink style, and sites for front
 * matter permalinks, exclude/include and collection defaults.
 */
import { LIQUID_BODY, LONG_BODY, QUOTES_BODY, RICH_BODY } from './bodies.js'
import { post, raw } from './fixture.js'
import type { OracleSite, SiteFile } from './fixture.js'

/** Posts every Jekyll style site carries: names, categories, dates, flags. */
const JEKYLL_POSTS: SiteFile[] = [
  post('_posts/2021-03-04-hello-world.md', 'title: Hello'),
  post('_posts/2021-3-4-one-digit-month-and-day.md', 'title: One digit'),
  post('_posts/2021-11-7-one-digit-day.markdown', 'title: Markdown ext'),
  post('_posts/2021-12-31-Mixed Case Name.md', 'title: Mixed'),
  post('_posts/2021-01-01-héllo wörld.md', 'title: Accents'),
  post('_posts/2021-01-02-日本語のタイトル.md', 'title: Japanese'),
  post('_posts/2021-01-03-a.b.c.md', 'title: Dots'),
  post('_posts/2021-01-04-trailing-dots...md', 'title: Trailing dots'),
  post("_posts/2021-01-05-pretty !$&'()+,;=@ chars.md", 'title: Punctuation'),
  post('_posts/2021-01-06-hash#and?query.md', 'title: Hash'),
  post('_posts/2021-01-07-percent 100%.md', 'title: Percent'),
  post('_posts/2021-01-08-under_score~tilde.md', 'title: Underscore'),
  post('_posts/2021-01-09--leading-and-trailing-.md', 'title: Hyphens'),
  post('_posts/2021-01-10-html-post.html', 'title: HTML post'),
  post('_posts/2021-01-11-no-front-matter.md'),
  post('_posts/2021-01-12-empty-front-matter.md', ''),
  post('_posts/sub/dir/2021-01-13-deeper-under-posts.md', 'title: Deep'),
  post('travel/_posts/2021-01-14-trip.md', 'title: Category dir'),
  post('Travel/Far East/_posts/2021-01-15-trip-two.md', 'title: Two dirs'),
  post('_posts/2021-01-16-cat-list.md', 'categories: [Foo, Bar Baz]'),
  post('_posts/2021-01-17-cat-string.md', 'categories: foo Bar'),
  post('_posts/2021-01-18-cat-block.md', 'categories:\n  - One\n  - Two'),
  post('_posts/2021-01-19-category.md', 'category: Only One'),
  post('_posts/2021-01-20-both.md', 'category: x\ncategories: [y, z]'),
  post('_posts/2021-01-21-cat-dup.md', 'categories: [a, A, a]'),
  post('_posts/2021-01-22-cat-num.md', 'categories: [2021, 1.5]'),
  post('news/_posts/2021-01-23-cat-merge.md', 'categories: [News, extra]'),
  post('_posts/2021-01-24-slug.md', 'slug: My Custom Slug!'),
  post('_posts/2021-01-25-slug-num.md', 'slug: "42"'),
  post('_posts/2021-01-26-slug-pretty.md', "slug: it's (fine)"),
  post('_posts/2021-01-27-datetime.md', 'date: 2021-01-27 23:30:00 -0800'),
  post('_posts/2021-01-28-utc.md', 'date: 2021-01-29T02:00:00Z'),
  post('_posts/2021-01-29-date-only.md', 'date: 2020-12-31'),
  post('_posts/2021-01-30-quoted-date.md', 'date: "2021-02-03 04:05:06"'),
  post('_posts/2021-01-31-no-offset.md', 'date: 2021-01-31 12:34:56'),
  post('_posts/2021-01-31-no-seconds.md', 'date: 2021-01-31 12:34'),
  post('_posts/2021-01-31-no-offset-quoted.md', "date: '2021-01-31 12:34:56'"),
  post('_posts/2021-01-31-short-offset.md', 'date: 2021-01-31 12:34:56 -3'),
  post('_posts/2021-01-31-T-no-offset.md', 'date: 2021-01-31T23:34:56'),
  post('_posts/2021-02-01-offset-colon.md', 'date: 2021-02-01T22:00:00+05:30'),
  post('_posts/2021-02-02-fraction.md', 'date: 2021-02-02 10:00:00.75 +0100'),
  post('_posts/2021-02-03-pub-false.md', 'published: false'),
  post('_posts/2021-02-04-pub-no.md', 'published: no'),
  post('_posts/2021-02-05-pub-off.md', 'published: off'),
  post('_posts/2021-02-06-pub-yes.md', 'published: yes'),
  post('_posts/2021-02-07-pub-quoted-no.md', 'published: "no"'),
  post('_posts/2021-02-08-pub-true.md', 'published: true'),
  post('_posts/2021-02-08-pub-upper.md', 'published: NO'),
  post('_posts/2021-02-08-pub-mixed.md', 'published: Off'),
  post('_posts/2021-02-08-pub-n.md', 'published: n'),
  post('_posts/2021-02-08-pub-string-false.md', 'published: "false"'),
  post('_posts/2021-02-08-y-category.md', 'categories: [y, n, yes]'),
  post('_posts/2099-01-01-future.md', 'title: Future'),
  post('_posts/2021-02-09-future-date.md', 'date: 2099-05-05 10:00:00'),
  post('_posts/2021-02-10-bom.md', 'title: BOM', { bom: true }),
  post('_posts/2021-02-11-crlf.md', 'title: CRLF', { crlf: true }),
  post('_posts/2021-02-12-bom-crlf.md', 'slug: both', {
    bom: true,
    crlf: true
  }),
  post('_posts/2021-02-13-leap.md', 'date: 2020-02-29 08:00:00 +0000'),
  post('_posts/2020-12-31-week-53.md', 'title: ISO week 53'),
  post('_posts/2021-01-03-week-of-previous-year.md', 'title: ISO week'),
  // Bodies for the excerpt (and titles with markup).
  post(
    '_posts/2021-07-01-rich-body.md',
    'title: Rich <em>body</em> &amp; more',
    { body: RICH_BODY }
  ),
  post('_posts/2021-07-02-long-body.md', 'title: Long', { body: LONG_BODY }),
  post('_posts/2021-07-03-separator.md', 'excerpt_separator: <!--more-->', {
    body: 'Intro one.\n\nIntro *two*.\n<!--more-->\nRest.\n'
  }),
  post('_posts/2021-07-04-excerpt.md', 'excerpt: A hand-written excerpt.', {
    body: 'The body.\n'
  }),
  post('_posts/2021-07-05-liquid.md', 'title: Liquid', { body: LIQUID_BODY }),
  post('_posts/2021-07-06-quotes.md', 'title: "It\'s \\"typographic\\""', {
    body: QUOTES_BODY
  }),
  // Not posts: Jekyll reads only dated names under _posts.
  post('_posts/undated.md', 'title: No date'),
  post('_posts/2021-02-14.md', 'title: Date only'),
  post('posts/2021-02-15-not-in-posts.md', 'title: Wrong folder'),
  post('about.md', 'title: A page')
]

/** A Jekyll site; `config` is `_config.yml`. */
function jekyll(
  name: string,
  tz: string,
  config: string,
  files: SiteFile[]
): OracleSite {
  return {
    name,
    generator: 'jekyll',
    tz,
    files: [raw('_config.yml', `${config}\n`), ...files]
  }
}

export const JEKYLL_SITES: OracleSite[] = [
  jekyll(
    'jekyll-date',
    'America/New_York',
    'url: https://example.org\nbaseurl: /blog',
    JEKYLL_POSTS
  ),
  jekyll(
    'jekyll-pretty',
    'Asia/Kolkata',
    'url: https://example.org/\npermalink: pretty',
    JEKYLL_POSTS
  ),
  jekyll(
    'jekyll-ordinal',
    'UTC',
    'url: https://example.org\npermalink: ordinal\ntimezone: Pacific/Kiritimati',
    JEKYLL_POSTS
  ),
  jekyll(
    'jekyll-weekdate',
    'Europe/Berlin',
    'url: https://example.org\nbaseurl: "/"\npermalink: weekdate',
    JEKYLL_POSTS
  ),
  jekyll(
    'jekyll-none',
    'America/Los_Angeles',
    'url: "https://example.org"\nbaseurl: sub/dir/\npermalink: none\nfuture: true',
    JEKYLL_POSTS
  ),
  jekyll(
    'jekyll-placeholders',
    'Australia/Adelaide',
    [
      'url: https://example.org',
      'permalink: /:year/:month/:i_month/:day/:i_day/:short_year/:y_day/:week/:short_day/:hour/:minute/:second/:title/:slug/:categories/:slugified_categories:output_ext'
    ].join('\n'),
    JEKYLL_POSTS
  ),
  jekyll(
    'jekyll-front-matter-permalinks',
    'UTC',
    'url: https://example.org\npermalink: /:year/:title/',
    [
      post(
        '_posts/2021-05-01-fm-categories.md',
        'categories: [A b, C]\npermalink: /:categories/:title/'
      ),
      post('_posts/2021-05-02-fm-fixed.md', 'permalink: /fixed/path/'),
      post('_posts/2021-05-03-fm-no-slash.md', 'permalink: /no-trailing-slash'),
      post('_posts/2021-05-04-fm-ext.md', 'permalink: /with/ext.html'),
      post('_posts/2021-05-05-fm-other-ext.md', 'permalink: /feed.xml'),
      post(
        '_posts/2021-05-06-fm-underscore.md',
        'permalink: /:year_:month_:day/:title/'
      ),
      post(
        '_posts/2021-05-07-fm-names.md',
        'permalink: /:long_month/:short_month/:w_year/:w_day/:long_day/:name/'
      ),
      post(
        '_posts/2021-05-08-fm-collection.md',
        'permalink: /:collection/:path/'
      ),
      post(
        '_posts/2021-05-09-fm-slugified.md',
        'categories: [Ça va, "A/B"]\npermalink: /:slugified_categories/:slug'
      ),
      post('_posts/2021-05-10-fm-relative.md', 'permalink: relative/:title/'),
      post('_posts/2021-05-11-fm-dots.md', 'permalink: /a/../b/./:title/'),
      post('_posts/2021-05-12-fm-double.md', 'permalink: //double//slash//'),
      post('_posts/2021-05-13-fm-space.md', 'permalink: /with space/:title/'),
      post('_posts/2021-05-14-fm-unicode.md', 'permalink: /ünï/:title/'),
      post(
        '_posts/2021-05-15-fm-time.md',
        'date: 2021-05-15 07:08:09 +0000\npermalink: /:hour-:minute-:second/:title/'
      ),
      post('_posts/2021-05-16-fm-quoted.md', 'permalink: "/quoted/:title/"'),
      post(
        '_posts/2021-05-17-fm-title-slug.md',
        'slug: Given Slug\npermalink: /:title/:slug/'
      ),
      post('_posts/2021-05-18-Case Kept.md', 'permalink: /:title/:slug/:name/'),
      post('_posts/2021-05-19-fm-index.md', 'permalink: /dir/index.html'),
      post('_posts/2021-05-20-fm-json.md', 'permalink: /:title.json'),
      post('_posts/2021-05-21-fm-bom-crlf.md', 'permalink: /bc/:title/', {
        bom: true,
        crlf: true
      }),
      post('_posts/2021-05-22-no-permalink.md', 'title: Site pattern'),
      post('_posts/2021-05-23-upper-ext.MD', 'title: Upper-case extension'),
      post('_posts/2021-05-25-mkd.mkd', 'title: Another Markdown extension'),
      post('_drafts/a-draft.md', 'title: Draft'),
      post(
        '_posts/_underscored/2021-05-26-hidden-dir.md',
        'title: Underscore dir'
      ),
      post('_posts/.dot/2021-05-27-dot-dir.md', 'title: Dot dir'),
      post('_posts/2021-05-28-#hash.md', 'title: Hash name')
    ]
  ),
  jekyll(
    'jekyll-exclude',
    'UTC',
    [
      'url: https://example.org',
      'exclude: [archive, "old/", "_posts/2019", "*-private.md", notes, kept]',
      'include: [kept, "*-public.md"]'
    ].join('\n'),
    [
      post('_posts/2021-06-01-kept-post.md', 'title: Kept'),
      post('archive/_posts/2021-06-02-archived.md', 'title: Excluded dir'),
      post('archived/_posts/2021-06-03-prefix.md', 'title: String prefix'),
      post('old/_posts/2021-06-04-old.md', 'title: Trailing slash'),
      post('older/_posts/2021-06-05-older.md', 'title: Not that folder'),
      post('_posts/2019-06-06-old-year.md', 'title: Prefix in _posts'),
      post('_posts/2021-06-07-x-private.md', 'title: Glob'),
      post('_posts/deep/2021-06-08-y-private.md', 'title: Glob crosses /'),
      post('_posts/2021-06-09-z-public.md', 'title: Included name'),
      post('notes/sub/_posts/2021-06-10-notes.md', 'title: Excluded parent'),
      post('kept/_posts/2021-06-11-included.md', 'title: Included dir'),
      post('node_modules/x/_posts/2021-06-12-default.md', 'title: Default'),
      post('vendor/bundle/_posts/2021-06-13-vendor.md', 'title: Vendor'),
      post('vendor/_posts/2021-06-14-vendor-root.md', 'title: Vendor root')
    ]
  ),
  jekyll(
    'jekyll-collection-defaults',
    'America/Sao_Paulo',
    [
      'url: https://blog.example.org',
      'baseurl: /b',
      'timezone: Asia/Tokyo',
      'excerpt_separator: "<!--cut-->"',
      'future: true',
      'permalink: pretty',
      'collections:',
      '  posts:',
      '    permalink: /c/:year/:month/:title/',
      'defaults:',
      '  - scope: {path: "", type: posts}',
      '    values: {categories: [all]}',
      '  - scope: {path: "news"}',
      '    values: {categories: [news-default], published: true}',
      '  - scope: {path: "_posts/hidden"}',
      '    values: {published: false}',
      '  - scope: {path: "_posts/fixed", type: posts}',
      '    values: {permalink: "/fixed/:title.html"}',
      '  - scope: {path: "_posts/typed", type: pages}',
      '    values: {permalink: "/never/:title/"}',
      '  - scope: {path: "_posts/glob/*"}',
      '    values: {slug: globbed}'
    ].join('\n'),
    [
      post('_posts/2021-06-01-plain.md', 'title: Plain'),
      post('_posts/2021-06-02-late.md', 'date: 2021-06-02 20:00:00 +0000'),
      post('_posts/2021-06-03-early.md', 'date: 2021-06-03 01:00:00 +0900'),
      post('_posts/2021-06-04-local.md', 'date: 2021-06-04 23:59:59'),
      post('news/_posts/2021-06-05-news.md', 'title: News'),
      post('news/_posts/2021-06-06-news-own.md', 'categories: [own]'),
      post('_posts/hidden/2021-06-07-hidden.md', 'title: Hidden by default'),
      post('_posts/hidden/2021-06-08-shown.md', 'published: true'),
      post('_posts/fixed/2021-06-09-fixed.md', 'title: Fixed'),
      post('_posts/fixed/2021-06-10-own.md', 'permalink: /own/'),
      post('_posts/typed/2021-06-11-typed.md', 'title: Wrong type'),
      post('_posts/glob/2021-06-12-glob.md', 'title: Glob'),
      post('_posts/2099-06-13-future.md', 'title: "Future, but future: true"'),
      post('_posts/2021-06-14-yes.md', 'published: yes\ncategories: extra'),
      post('_posts/2021-06-15-cut.md', 'title: Cut', {
        body: 'A.\n\nB *b*.\n<!--cut-->\nC.\n'
      }),
      post('_posts/2021-06-16-own-cut.md', 'excerpt_separator: "@@"', {
        body: 'One.<!--cut-->Two.@@Three.\n'
      })
    ]
  )
]
