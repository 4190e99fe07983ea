import { beforeAll, describe, expect, it } from '@jest/globals'
import { loadMarkdown } from '../../../src/post/excerpt.js'
import { jekyllSite } from '../../../src/site/jekyll/config.js'
import { postExcerpt } from '../../../src/site/post-rules.js'
import type { Site } from '../../../src/site/site.js'

// The excerpt rules need the Markdown reader loaded.
beforeAll(() => loadMarkdown())

/** A Jekyll site, with `excerpt_separator` when one is given. */
function jekyll(separator?: string): Site {
  const config = separator === undefined ? {} : { excerpt_separator: separator }
  return jekyllSite(config, {})
}

describe('Jekyll excerpts', () => {
  const body =
    '# Heading\n\nFirst *paragraph* with {% raw %}Liquid{% endraw %} &amp; a [link](/x).\n\n<!--more-->\n\nSecond paragraph.\n'

  it.each([
    [
      'Jekyll: excerpt front matter',
      jekyll(),
      { excerpt: 'Own **words**' },
      body,
      'Own words'
    ],
    [
      'Jekyll: description is not its excerpt',
      jekyll(),
      { description: 'D' },
      body,
      'First paragraph with Liquid & a link.'
    ],
    [
      'Jekyll: default separator → first paragraph',
      jekyll(),
      {},
      body,
      'First paragraph with Liquid & a link.'
    ],
    [
      'Jekyll: site separator',
      jekyll('<!--cut-->'),
      {},
      'One {{ site.title }} two.\n\nThree <em>four</em>.\n<!--cut-->\nHidden.',
      'One two. Three four.'
    ],
    [
      'Jekyll: front-matter separator wins over the site one',
      jekyll('<!--cut-->'),
      { excerpt_separator: '<!--x-->' },
      'A<!--cut-->B<!--x-->C',
      'AB'
    ],
    [
      'Jekyll: separator absent → whole body',
      jekyll('@@'),
      {},
      'All\n\nof it.',
      'All of it.'
    ],
    [
      'Jekyll: CRLF body with a multi-line separator',
      jekyll('\n---\n'),
      {},
      'Top\r\n---\r\nrest',
      'Top'
    ],
    [
      'Jekyll: empty separator → first paragraph',
      jekyll(),
      { excerpt_separator: '' },
      body,
      'First paragraph with Liquid & a link.'
    ]
  ] as Array<[string, Site, Record<string, unknown>, string, string]>)(
    '%s',
    (_name, site, data, text, expected) => {
      expect(postExcerpt({ ...data }, text, site)).toBe(expected)
    }
  )
})
