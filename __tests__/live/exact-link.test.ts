import { describe, expect, it } from '@jest/globals'
import { exactLinkCheck } from '../../src/live/exact-link.js'
import type { PlannedPing } from '../../src/run/plan.js'
import type { Annotation } from '../../src/report/annotations.js'

const POST = 'https://blog.example/2026/12/01/post.html'

function planned(ping: string, kind?: 'page' | 'ping-url'): PlannedPing {
  return {
    result: {
      post: '_posts/p.md',
      url: POST,
      target: ping,
      ping,
      status: 'pending',
      message: 'Not sent yet.',
      line: 4
    },
    request: {
      id: `${POST} ${ping}`,
      ping,
      ...(kind ? { kind } : {}),
      fields: { url: POST, title: 'T', excerpt: 'E', blog_name: 'B' }
    }
  } as PlannedPing
}

describe('exactLinkCheck: pages need a link to themselves', () => {
  it('notes that the post links to the page exactly (fragment ignored)', () => {
    const annotations: Annotation[] = []
    const p = exactLinkCheck(
      planned('https://wp.example/2024/05/01/nice/#comments', 'page'),
      ['https://wp.example/2024/05/01/nice/'],
      POST,
      annotations
    )
    expect(p.request?.checked).toBe(
      `the post was live at ${POST} and links to https://wp.example/2024/05/01/nice/ exactly`
    )
    expect(annotations).toEqual([])
  })
  it('warns when the post links only elsewhere on the site', () => {
    const annotations: Annotation[] = []
    const p = exactLinkCheck(
      planned('https://wp.example/2024/05/01/nice/', 'page'),
      ['https://wp.example/'],
      POST,
      annotations
    )
    expect(p.request?.checked).toContain('does not link to')
    expect(annotations).toEqual([
      expect.objectContaining({
        file: '_posts/p.md',
        line: 4,
        level: 'warning',
        title: 'TrackBack: no link to the page itself'
      })
    ])
  })
  it('leaves ping URLs alone', () => {
    const annotations: Annotation[] = []
    const ping = planned('https://wp.example/wp-trackback.php?p=1', 'ping-url')
    expect(exactLinkCheck(ping, [], POST, annotations)).toBe(ping)
    expect(annotations).toEqual([])
  })
})
