import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { loadSite } from '../../src/site/generators.js'
import { makeSiteDirs } from '../support/site-dirs.js'
import type { SiteDirs } from '../support/site-dirs.js'

describe('loadSite', () => {
  let dirs: SiteDirs

  beforeAll(async () => {
    dirs = await makeSiteDirs()
  })

  afterAll(() => dirs.cleanup())

  const site = (name: string, files: Record<string, string>): Promise<string> =>
    dirs.write(name, files)

  it('reports an unknown time zone', async () => {
    const dir = await site('jekyll-zone', {
      '_config.yml': 'timezone: Mars/Olympus\n'
    })
    const { problems } = await loadSite(dir, {})
    expect(problems[0]?.message).toMatch(/Unknown time zone 'Mars\/Olympus'/)
  })

  it('does not take a config.toml without Hugo keys for Hugo', async () => {
    const dir = await site('not-hugo', { 'config.toml': 'foo = 1\n' })
    expect((await loadSite(dir, {})).site.generator).toBe('other')
  })

  it('falls back to other with the inputs', async () => {
    const dir = await site('plain', { 'index.html': '' })
    expect(
      await loadSite(dir, {
        siteUrl: 'https://p.org/',
        permalink: '/:title/',
        blogName: 'P'
      })
    ).toEqual({
      site: {
        generator: 'other',
        url: 'https://p.org',
        title: 'P',
        permalink: '/:title/'
      },
      problems: []
    })
  })
})
