import { beforeAll, describe, expect, it } from '@jest/globals'
import { loadMarkdown } from '../../../src/post/excerpt.js'
import { hugoSite } from '../../../src/site/hugo/config.js'
import { postExcerpt } from '../../../src/site/post-rules.js'
import type { Site } from '../../../src/site/site.js'

// The summary rule needs the Markdown reader loaded.
beforeAll(() => loadMarkdown())

function hugo(config: Record<string, unknown> = {}): Site {
  return hugoSite(config, {})
}

describe('Hugo summaries', () => {
  const body =
    '# Heading\n\nFirst *paragraph* with {% raw %}Liquid{% endraw %} &amp; a [link](/x).\n\n<!--more-->\n\nSecond paragraph.\n'

  it.each([
    [
      'Hugo: summary front matter',
      hugo(),
      { summary: 'A *short* summary' },
      body,
      'A short summary'
    ],
    [
      'Hugo: summary key in any case',
      hugo(),
      { Summary: 'Cased' },
      body,
      'Cased'
    ],
    [
      'Hugo: <!--more--> divider',
      hugo(),
      {},
      body,
      'Heading First paragraph with Liquid & a link.'
    ],
    [
      'Hugo: shortcodes removed before the divider',
      hugo(),
      {},
      'Intro {{< figure src="a.png" >}} text {{% note %}}kept{{% /note %}}.<!--more-->Rest',
      'Intro text kept.'
    ],
    [
      'Hugo: opening words without a divider',
      hugo({ summaryLength: 3 }),
      {},
      'One **two** three four five.',
      'One two three'
    ],
    [
      'Hugo: an empty summary falls through',
      hugo(),
      { summary: '' },
      'Just text.',
      'Just text.'
    ]
  ] as Array<[string, Site, Record<string, unknown>, string, string]>)(
    '%s',
    (_name, site, data, text, expected) => {
      expect(postExcerpt({ ...data }, text, site)).toBe(expected)
    }
  )

  it('Hugo counts summaryLength words (default 70)', () => {
    const words = Array.from({ length: 100 }, (_, i) => `w${i}`).join(' ')
    const out = postExcerpt({}, words, hugo(), 10_000)
    expect(out.split(' ')).toHaveLength(70)
  })
})
