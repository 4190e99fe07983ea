import { beforeAll, describe, expect, it } from '@jest/globals'
import { loadMarkdown } from '../../src/post/excerpt.js'
import { parseFrontMatter } from '../../src/post/front-matter/index.js'
import { misspelledKeys } from '../../src/post/key-spelling.js'
import { isPost, readPost } from '../../src/post/post.js'
import { jekyllSite } from '../../src/site/jekyll/config.js'

beforeAll(() => loadMarkdown())

/** A YAML post: `title` on line 2, then `key` on line 3 with one target. */
const yaml = (key: string, value = '  - arXiv:2101.00001'): string =>
  ['---', 'title: T', `${key}:`, value, '---', 'Body.', ''].join('\n')

const renamed = (written: string, key = 'trackback'): string =>
  `Front-matter key '${written}' is not read, so its targets are not ` +
  `pinged: TrackBack targets are read from '${key}'. Rename '${written}' ` +
  `to '${key}'.`

const warningsOf = (text: string, key = 'trackback'): unknown =>
  misspelledKeys(parseFrontMatter(text), key)

describe('misspelled targets keys', () => {
  it.each([
    'trackbacks',
    'track_back',
    'trackback_urls',
    'trackback_url',
    'pings',
    'ping',
    'Trackback',
    'TrackBack',
    'track-back',
    'trakback',
    'trackbak',
    'trackbcak'
  ])('%s: warns at its line, naming trackback', (written) => {
    expect(warningsOf(yaml(written))).toEqual([
      { line: 3, message: renamed(written) }
    ])
  })

  it('names the configured key (front-matter-key) and its close variants', () => {
    for (const written of [
      'tb_target',
      'tb-targets',
      'TB_TARGETS',
      'trackback'
    ]) {
      expect(warningsOf(yaml(written), 'tb_targets')).toEqual([
        { line: 3, message: renamed(written, 'tb_targets') }
      ])
    }
  })

  it('says to move the targets when the right key is there too', () => {
    const text = [
      '---',
      'trackback:',
      '  - arXiv:2101.00001',
      'pings: https://x.example.org/tb',
      '---',
      ''
    ].join('\n')
    expect(warningsOf(text)).toEqual([
      {
        line: 4,
        message:
          "Front-matter key 'pings' is not read: TrackBack targets are read " +
          "from 'trackback' only. Move its targets under 'trackback'."
      }
    ])
  })

  it('warns for TOML and JSON front matter too', () => {
    const toml = '+++\ntitle = "T"\ntrackbacks = ["arXiv:2101.00001"]\n+++\n'
    expect(warningsOf(toml)).toEqual([
      { line: 3, message: renamed('trackbacks') }
    ])
    const json = '{\n  "title": "T",\n  "pings": ["arXiv:2101.00001"]\n}\n'
    expect(warningsOf(json)).toEqual([{ line: 3, message: renamed('pings') }])
  })

  it.each([
    ['the right key', yaml('trackback')],
    ['unrelated keys', yaml('tags', '  - track')],
    ['a key near in spelling but unrelated', yaml('feedback', '  - x')],
    ['tracking', yaml('tracking', '  - x')],
    ['a flag, not targets', yaml('trackbacks', '  false').replace(':\n', ':')],
    ['a count, not targets', yaml('pings', '  3').replace(':\n', ':')],
    ['an empty value', yaml('trackbacks', '')]
  ])('%s: no warning', (_name, text) => {
    expect(warningsOf(text)).toEqual([])
  })

  it('does not guess typos in short configured keys', () => {
    expect(warningsOf(yaml('ta'), 'tb')).toEqual([])
  })

  it('reaches the post as it is read', () => {
    const site = jekyllSite(
      { url: 'https://me.example.org' },
      {},
      '_config.yml'
    )
    const post = readPost('_posts/2026-01-02-t.md', yaml('trackbacks'), site, {
      key: 'trackback',
      now: new Date('2026-02-01T00:00:00Z')
    })
    if (!isPost(post)) throw new Error(post.message)
    expect(post.targets).toEqual([])
    expect(post.warnings).toEqual([{ line: 3, message: renamed('trackbacks') }])
    const right = readPost('_posts/2026-01-02-t.md', yaml('trackback'), site, {
      key: 'trackback',
      now: new Date('2026-02-01T00:00:00Z')
    })
    expect(right).not.toHaveProperty('warnings')
  })
})
