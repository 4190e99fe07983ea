/**
 * Post bodies the oracle's Jekyll and Hugo sites share, for the excerpt
 * and summary checks: markup, a long first paragraph, Liquid tags, quotes.
 */

/** Markdown with inline markup, HTML and entities, then a second paragraph. */
export const RICH_BODY =
  'First paragraph with *emphasis*, **strong**, a [link](https://example.org/), `code`, &amp; an entity,\n<span class="x">inline HTML</span> and a soft\nbreak.\n\nSecond paragraph.\n'
/** A first paragraph longer than an excerpt may be. */
export const LONG_BODY = `${'Many words in a long opening paragraph that goes on. '.repeat(12)}\n\nNext.\n`
export const LIQUID_BODY =
  'Text with {% raw %}raw{% endraw %} and {% comment %}hidden{% endcomment %}tags.\n\nMore.\n'
export const QUOTES_BODY = 'It\'s "quoted" -- and dashed --- too...\n\nMore.\n'
