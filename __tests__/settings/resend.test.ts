import { describe, expect, it } from '@jest/globals'
import type { PingPair } from '../../src/run/plan.js'
import { resendMatcher } from '../../src/settings/resend.js'

const pair = (overrides: Partial<PingPair> = {}): PingPair => ({
  post: 'https://blog.example.org/2026/01/02/x.html',
  ping: 'https://arxiv.org/trackback/2101.00001',
  source: 'site/_posts/2026-01-02-x.md',
  target: 'arXiv:2101.00001',
  ...overrides
})

describe('resendMatcher', () => {
  it('matches a post path relative to the repository or the site root', () => {
    for (const line of [
      'site/_posts/2026-01-02-x.md',
      '_posts/2026-01-02-x.md',
      './_posts/2026-01-02-x.md'
    ]) {
      expect(resendMatcher([line], 'site').matches(pair())).toBe(true)
    }
    expect(
      resendMatcher(['_posts/2026-01-03-y.md'], 'site').matches(pair())
    ).toBe(false)
  })

  it('matches a ping URL or a post URL in normal form', () => {
    const m = resendMatcher(['HTTPS://ARXIV.ORG:443/trackback/2101.00001'], '')
    expect(m.matches(pair())).toBe(true)
    expect(
      m.matches(pair({ ping: 'https://arxiv.org/trackback/2202.00002' }))
    ).toBe(false)
    const byPost = resendMatcher(
      ['https://blog.example.org/2026/01/02/x.html'],
      ''
    )
    expect(byPost.matches(pair())).toBe(true)
  })

  it('does not read the target as written', () => {
    expect(resendMatcher(['arXiv:2101.00001'], '').matches(pair())).toBe(false)
  })

  it('lists the lines that matched nothing', () => {
    const m = resendMatcher(
      ['_posts/2026-01-02-x.md', 'https://nowhere.example/tb', 'gone.md'],
      'site'
    )
    m.matches(pair())
    expect(m.unused()).toEqual(['https://nowhere.example/tb', 'gone.md'])
  })
})
