import { beforeAll, describe, expect, it } from '@jest/globals'
import { loadMarkdown } from '../../src/post/markdown.js'
import { stripTags, withoutTemplateTags } from '../../src/post/markup.js'

// stripTags decodes entities with the Markdown reader's decoder.
beforeAll(() => loadMarkdown())

describe('stripTags', () => {
  it('drops tags and comments, spacing blocks and decoding entities', () => {
    expect(stripTags('<p>a&amp;b</p><!-- c --><em>d</em> < e')).toEqual({
      text: ' a&b d < e'
    })
  })

  it('carries a hidden element across fragments', () => {
    expect(stripTags('x<script>if (a < b)')).toEqual({
      text: 'x',
      skipping: 'script'
    })
    expect(stripTags('more</script>y', 'script')).toEqual({ text: 'y' })
  })
})

describe('withoutTemplateTags', () => {
  it('drops Liquid and Hugo tags, kramdown lists and dropped blocks', () => {
    expect(
      withoutTemplateTags(
        'a {{ x }}b{% if %}c{{< s >}}d{: .k}\n{% comment %}no{% endcomment %}e'
      )
    ).toBe('a bcd\ne')
  })

  it('keeps an unclosed tag as text', () => {
    expect(withoutTemplateTags('a {{ b')).toBe('a {{ b')
  })
})
