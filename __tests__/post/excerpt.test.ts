import { beforeAll, describe, expect, it } from '@jest/globals'
import {
  excerptOf,
  excerptSource,
  firstParagraph,
  frontMatterField,
  frontMatterText,
  loadMarkdown,
  openingWords,
  PARAGRAPH_SEARCH_LENGTH,
  plainText,
  titleFromFileName,
  truncate
} from '../../src/post/excerpt.js'

// The excerpt functions (and readPost) need the Markdown reader loaded.
beforeAll(() => loadMarkdown())

describe('plainText', () => {
  it.each([
    ['plain words', 'Hello world', 'Hello world'],
    ['emphasis', 'A **bold** _em_ *it* ~~del~~ word', 'A bold em it del word'],
    [
      'links keep their text',
      'See [the paper](https://x.example) now',
      'See the paper now'
    ],
    [
      'autolinks',
      'Go to <https://x.example/a> now',
      'Go to https://x.example/a now'
    ],
    ['reference links', 'See [it][r].\n\n[r]: https://x.example', 'See it.'],
    ['images are dropped', 'A ![alt text](a.png) B', 'A B'],
    ['linked images are dropped', 'A [![alt](a.png)](https://x) B', 'A B'],
    [
      'code spans keep entities literally',
      'Use `a &amp; b` here',
      'Use a &amp; b here'
    ],
    [
      'entities are decoded',
      'Fish &amp; chips &eacute; &#233; &#x1F600; &nbsp;x',
      'Fish & chips é é 😀 x'
    ],
    ['escapes', '\\*not em\\* \\& \\<b>', '*not em* & <b>'],
    [
      'inline HTML tags go',
      'A <b>bold</b> <span class="x">word</span>',
      'A bold word'
    ],
    ['HTML comments go', 'A <!-- hidden --> B', 'A B'],
    ['multi-line HTML comment', 'A <!-- one\ntwo --> B', 'A B'],
    ['script content goes', 'a <script>alert("x")</script> b', 'a b'],
    ['style content goes', 'a <style>p { color: red }</style> b', 'a b'],
    [
      'hard breaks become spaces',
      'line one  \nline two\\\nthree',
      'line one line two three'
    ],
    ['soft breaks become spaces', 'one\ntwo', 'one two'],
    ['headings and paragraphs are separated', '# Title\n\nPara', 'Title Para'],
    ['lists', '- one\n- two *x*\n\n1. three', 'one two x three'],
    ['nested lists', '- one\n  - two\n    - three', 'one two three'],
    ['task lists', '- [x] done\n- [ ] todo', 'done todo'],
    ['tables', '| h1 | h2 |\n|---|---|\n| a | b |', 'h1 h2 a b'],
    ['blockquotes', '> quoted\n> text', 'quoted text'],
    ['fenced code is kept as text', '```js\nf(a < b)\n```', 'f(a < b)'],
    [
      'HTML block',
      '<div class="x">\n<p>Para &eacute;<br>next</p>\n</div>',
      'Para é next'
    ],
    ['block tags separate words', '<p>one</p><p>two</p>', 'one two'],
    [
      'attributes with > in quotes',
      '<a title="a > b">link</a> end',
      'link end'
    ],
    ['a lone < is text', 'a < b and c<d', 'a < b and c<d'],
    ['Liquid tags', 'x {% include a.html %} y {{ site.url }} z', 'x y z'],
    [
      'Liquid with whitespace control',
      'x {%- if a -%} y {%- endif -%} z',
      'x y z'
    ],
    [
      'Hugo shortcodes',
      'a {{< figure src="x" >}} b {{% note %}}c{{% /note %}} d',
      'a b c d'
    ],
    [
      'Liquid comment blocks are dropped',
      'a {% comment %} secret {% endcomment %} b',
      'a b'
    ],
    [
      'Liquid highlight blocks are dropped',
      'a\n\n{% highlight ruby %}\nputs 1\n{% endhighlight %}\n\nb',
      'a b'
    ],
    [
      'Hugo highlight blocks are dropped',
      'a {{< highlight go >}}x := 1{{< /highlight >}} b',
      'a b'
    ],
    ['kramdown attribute lists', 'A lead.\n{: .lead}', 'A lead.'],
    ['unclosed tags stay text', 'price {{ 5', 'price {{ 5'],
    ['unclosed Liquid comment hides the rest', 'a {% comment %} b', 'a'],
    ['whitespace is folded and trimmed', '  a \t\n\n  b  ', 'a b'],
    ['empty', '', ''],
    ['only markup', '![x](y.png)\n\n<!-- c -->\n\n---', '']
  ])('%s', (_name, source, text) => {
    expect(plainText(source)).toBe(text)
  })

  it('handles CRLF', () => {
    expect(plainText('# T\r\n\r\nOne\r\ntwo  \r\nthree')).toBe(
      'T One two three'
    )
  })

  it('does not use global marked options', async () => {
    const { marked } = await import('marked')
    marked.setOptions({ breaks: true, gfm: false })
    try {
      expect(plainText('~~del~~ | a |')).toBe('del | a |')
    } finally {
      marked.setOptions(marked.getDefaults())
    }
  })
})

describe('firstParagraph', () => {
  it.each([
    [
      'first paragraph only',
      'One two.\nThree.\n\nSecond paragraph.',
      'One two. Three.'
    ],
    ['skips headings', '# Title\n\n## Sub\n\nFirst.', 'First.'],
    ['skips setext headings', 'Title\n=====\n\nFirst.', 'First.'],
    [
      'skips image-only paragraphs',
      '![a](a.png)\n\n[![b](b.png)](x)\n\nText.',
      'Text.'
    ],
    [
      'keeps text next to an image',
      '![a](a.png) Caption text\n\nNext.',
      'Caption text'
    ],
    ['skips HTML comments', '<!-- draft note -->\n\nText.', 'Text.'],
    [
      'skips Liquid-only paragraphs',
      '{% include toc.html %}\n\n{{ page.intro }}\n\nText.',
      'Text.'
    ],
    [
      'skips Hugo shortcode paragraphs',
      '{{< youtube abc >}}\n\n{{% notice %}}\n\nText.',
      'Text.'
    ],
    [
      'skips Liquid comment blocks',
      '{% comment %}\nNot this.\n\nNor this.\n{% endcomment %}\n\nThis.',
      'This.'
    ],
    ['skips code blocks', '```\ncode\n```\n\n    indented\n\nText.', 'Text.'],
    [
      'skips lists, quotes, tables and rules',
      '- a\n\n> q\n\n| a |\n|---|\n| b |\n\n---\n\nText.',
      'Text.'
    ],
    ['skips kramdown TOC lists', '* TOC\n{:toc}\n\nText.', 'Text.'],
    [
      'takes an HTML paragraph',
      '<p class="lead">Lead &amp; more</p>\n\nText.',
      'Lead & more'
    ],
    [
      'skips HTML without text',
      '<figure><img src="a.png"></figure>\n\nText.',
      'Text.'
    ],
    [
      'skips script blocks',
      '<script>\nvar a = 1;\n</script>\n\nText.',
      'Text.'
    ],
    [
      'strips markup inside',
      'A **b** [c](d) `e` &amp; <i>f</i>\n\nNext.',
      'A b c e & f'
    ],
    ['CRLF', '# T\r\n\r\nOne\r\ntwo\r\n\r\nNext', 'One two'],
    ['leading blank lines', '\n\n\nText.', 'Text.'],
    ['nothing', '', ''],
    ['only a heading', '# Title\n', ''],
    ['only a list', '- a\n- b\n', '']
  ])('%s', (_name, body, paragraph) => {
    expect(firstParagraph(body)).toBe(paragraph)
  })

  it('finds a paragraph after a long run of other blocks', () => {
    const code = '```\n' + 'line\n'.repeat(8000) + '```\n\n'
    expect(code.length).toBeGreaterThan(16 * 1024)
    expect(firstParagraph(`${code}Found.\n\nLater.`)).toBe('Found.')
  })

  it('does not take a paragraph cut by the prefix boundary', () => {
    const headings = '# h\n\n'.repeat(3275)
    const para = 'word '.repeat(200)
    const body = `${headings}${para}\n\nNext.`
    expect(headings.length).toBeLessThan(16 * 1024)
    expect(headings.length + para.length).toBeGreaterThan(16 * 1024)
    expect(firstParagraph(body)).toBe(para.trim())
  })

  it(`gives up after ${PARAGRAPH_SEARCH_LENGTH} characters`, () => {
    const code =
      '```\n' + 'line\n'.repeat(PARAGRAPH_SEARCH_LENGTH / 5) + '```\n\n'
    expect(firstParagraph(`${code}Too late.`)).toBe('')
  })

  it.each([
    ['a 5 MB post', `Intro.\n\n${'word '.repeat(1_000_000)}`, 'Intro.'],
    ['deeply nested quotes', `${'>'.repeat(100_000)} x`, undefined],
    [
      'deeply nested lists',
      Array.from({ length: 2000 }, (_, i) => `${' '.repeat(i * 2)}- x`).join(
        '\n'
      ),
      ''
    ],
    ['many unclosed brackets', '['.repeat(1_000_000), undefined],
    ['many unclosed template tags', '{{ '.repeat(1_000_000), undefined],
    ['a 5 MB line', 'x'.repeat(5_000_000), undefined]
  ])('stays within its bounds on %s', (_name, body, expected) => {
    const paragraph = firstParagraph(body)
    if (expected !== undefined) expect(paragraph).toBe(expected)
    expect(paragraph.length).toBeLessThanOrEqual(PARAGRAPH_SEARCH_LENGTH)
  })
})

describe('truncate', () => {
  const words = 'alpha beta gamma delta'

  it.each([
    ['short text is unchanged', words, 100, words],
    ['text of exactly max is unchanged', words, words.length, words],
    ['cuts at a word boundary', words, 15, 'alpha beta…'],
    ['cuts before a space at max', words, 16, 'alpha beta gamma…'],
    ['keeps the word ending at max', words, 10, 'alpha beta…'],
    ['drops trailing punctuation', 'one, two; three', 9, 'one, two…'],
    ['hard cut without spaces', 'abcdefghij', 4, 'abcd…'],
    [
      'hard cut when the boundary is early',
      'a bcdefghijklmnop',
      10,
      'a bcdefghi…'
    ],
    ['code points, not code units', '😀😀😀😀😀', 3, '😀😀😀…'],
    ['emoji text unchanged when it fits', '😀😀😀', 3, '😀😀😀'],
    ['CJK', '日本語のテキストです', 5, '日本語のテ…'],
    ['non-positive max acts as 1', 'abc', 0, 'a…']
  ])('%s', (_name, text, max, expected) => {
    expect(truncate(text, max)).toBe(expected)
  })

  it('defaults to 252 characters plus …', () => {
    const text = 'word '.repeat(100).trim()
    const cut = truncate(text)
    expect(Array.from(cut)).toHaveLength(250)
    expect(cut.endsWith('word…')).toBe(true)
    expect(truncate('x'.repeat(252))).toBe('x'.repeat(252))
    expect(truncate('x'.repeat(253))).toBe(`${'x'.repeat(252)}…`)
  })

  it('never splits a surrogate pair', () => {
    for (let max = 1; max <= 20; max++) {
      const cut = truncate('a😀'.repeat(20), max)
      expect(cut).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/)
      expect(cut).not.toMatch(/(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/)
      expect(Array.from(cut)).toHaveLength(max + 1)
    }
  })

  it('handles a 5 MB text', () => {
    expect(Array.from(truncate('word '.repeat(1_000_000))).length).toBe(250)
  })
})

describe('excerptOf', () => {
  const body = '# Title\n\nFrom the **body**.\n\nMore.'

  it.each([
    ['excerpt wins', { excerpt: 'E', description: 'D', summary: 'S' }, 'E'],
    ['then description', { description: 'D', summary: 'S' }, 'D'],
    ['then summary', { summary: 'S' }, 'S'],
    [
      'markup is removed',
      { excerpt: 'A *b* <i>c</i> &amp; [d](e)' },
      'A b c & d'
    ],
    [
      'non-strings are skipped',
      { excerpt: 42, description: ['x'], summary: 'S' },
      'S'
    ],
    [
      'empty strings are skipped',
      { excerpt: '  ', description: '<!-- -->' },
      'From the body.'
    ],
    ['falls back to the body', {}, 'From the body.']
  ])('%s', (_name, data, expected) => {
    expect(excerptOf(data, body)).toBe(expected)
  })

  it('ignores inherited properties', () => {
    const data = Object.create({ excerpt: 'inherited' }) as Record<
      string,
      unknown
    >
    expect(excerptOf(data, body)).toBe('From the body.')
  })

  it('truncates to max', () => {
    expect(excerptOf({ excerpt: 'alpha beta gamma' }, '', 12)).toBe(
      'alpha beta…'
    )
    expect(excerptOf({}, 'alpha beta gamma', 12)).toBe('alpha beta…')
    const long = excerptOf({ description: 'word '.repeat(100_000) }, '')
    expect(Array.from(long)).toHaveLength(250)
  })
})

describe('titleFromFileName', () => {
  it.each([
    ['_posts/2021-01-02-my-first-post.md', 'My First Post'],
    ['2021-01-02-my-first-post.markdown', 'My First Post'],
    ['_posts/2021-1-2-short-date.md', 'Short Date'],
    ['_drafts/no-date-here.md', 'No Date Here'],
    ['_posts/2021-01-02-iOS-and-HTML.md', 'Ios And Html'],
    ['_posts/2021-01-02-snake_case.md', 'Snake_case'],
    ['_posts/2021-01-02-a.b.md', 'A.b'],
    ['_posts/2021-01-02-trailing..md', 'Trailing'],
    ['_posts/2021-01-02-double--dash.md', 'Double Dash'],
    ['_posts/2021-01-02-élan-vital.md', 'Élan Vital'],
    ['content/posts/my-bundle/index.md', 'My Bundle'],
    ['content/posts/_index.md', 'Posts'],
    ['content\\posts\\windows-path.md', 'Windows Path'],
    ['2021-01-02-.md', ''],
    ['no-extension', 'No Extension'],
    ['.hidden', '.hidden'],
    ['', '']
  ])('%s → %p', (path, title) => {
    expect(titleFromFileName(path)).toBe(title)
  })
})

describe('frontMatterField', () => {
  it('finds a key, in any case when asked', () => {
    expect(frontMatterField({ Title: 'T' }, 'title')).toBeUndefined()
    expect(frontMatterField({ Title: 'T' }, 'title', true)).toBe('T')
    expect(frontMatterField({ title: 'a', Title: 'b' }, 'title', true)).toBe(
      'a'
    )
    expect(
      frontMatterField(
        Object.create({ title: 'x' }) as Record<string, unknown>,
        'title',
        true
      )
    ).toBeUndefined()
  })
})

describe('the pieces of the generators’ excerpt rules', () => {
  it('excerptSource: the searched start of a body, with \\n line ends', () => {
    expect(excerptSource('a\r\nb\rc')).toBe('a\nb\nc')
    const long = 'x'.repeat(PARAGRAPH_SEARCH_LENGTH + 10)
    expect(excerptSource(long)).toHaveLength(PARAGRAPH_SEARCH_LENGTH)
  })

  it('openingWords: the first words as plain text, at least one', () => {
    expect(openingWords('One **two** three four.', 3)).toBe('One two three')
    expect(openingWords('One two', 0)).toBe('One')
    expect(openingWords('One two', 9)).toBe('One two')
  })

  it('openingWords: reads only the top of a long body', () => {
    const top = 'Alpha beta.\n\n'
    const long = top + 'word '.repeat(20_000)
    expect(openingWords(long, 2)).toBe('Alpha beta.')
  })

  it('frontMatterText: a string value as plain text, in any case if asked', () => {
    expect(frontMatterText({ excerpt: 'A *b*' }, 'excerpt')).toBe('A b')
    expect(frontMatterText({ Summary: 'S' }, 'summary')).toBe('')
    expect(frontMatterText({ Summary: 'S' }, 'summary', true)).toBe('S')
    expect(frontMatterText({ excerpt: 3 }, 'excerpt')).toBe('')
  })
})
