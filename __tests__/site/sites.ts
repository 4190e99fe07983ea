/** Sites for the URL tests: published at https://example.org, dates in UTC. */
import { hugoSite } from '../../src/site/hugo/config.js'
import { jekyllSite } from '../../src/site/jekyll/config.js'
import type { Site } from '../../src/site/site.js'

/** A Jekyll site at https://example.org with `config` on top. */
export function exampleJekyll(config: Record<string, unknown> = {}): Site {
  return jekyllSite(
    { url: 'https://example.org', timezone: 'UTC', ...config },
    {}
  )
}

/** A Hugo site at https://example.org/ with `config` on top. */
export function exampleHugo(config: Record<string, unknown> = {}): Site {
  return hugoSite(
    { baseURL: 'https://example.org/', timeZone: 'UTC', ...config },
    {}
  )
}

/** A site of another generator at https://example.org. */
export function exampleOther(permalink?: string): Site {
  return {
    generator: 'other',
    url: 'https://example.org',
    timezone: 'UTC',
    ...(permalink !== undefined ? { permalink } : {})
  }
}
