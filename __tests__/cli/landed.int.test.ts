/**
 * `check --live`'s Landed section (cli/landed.ts): the past pings of a
 * ledger file, each followed one looked at on a loopback blog that shows
 * (or not) a link to the post; nothing is written.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import * as path from 'node:path'
import {
  startBlogServer,
  type BlogServer
} from '../../scripts/peers/blog-server.mjs'
import {
  landedSection,
  pastLedger,
  renderLanded
} from '../../src/cli/landed.js'
import { painter } from '../../src/cli/terminal.js'
import {
  LEDGER_FILE,
  serializeLedgerFile
} from '../../src/ledger/file-store.js'
import { ledgerKey } from '../../src/ledger/ledger.js'
import { gitText } from '../../src/sources/git.js'
import type { Ledger, LedgerEntry } from '../../src/types.js'
import { makeRepo, type TempRepo } from '../support/repo.js'

const NOW = new Date('2026-12-02T12:00:00.000Z')
const POST = 'https://notes.example.org/2026/11/30/attention.html'

describe("check --live's Landed section", () => {
  let blog: BlogServer
  let repo: TempRepo
  const settings = {
    dryRun: true,
    landedDays: 30,
    landedChecks: 4,
    timeoutMs: 5000,
    allowPrivateNetworks: true,
    hostDelayMs: 0
  }
  const entry = (
    page: string,
    over: Partial<LedgerEntry> = {}
  ): LedgerEntry => ({
    post: POST,
    ping: `${blog.url}${page}trackback/`,
    source: '_posts/2026-11-30-attention.md',
    target: `${blog.url}${page}`,
    status: 'sent',
    attempts: 1,
    updated: '2026-11-30T12:00:00.000Z',
    ...over
  })
  const ledgerOf = (...entries: LedgerEntry[]): Ledger => ({
    version: 1,
    entries: Object.fromEntries(
      entries.map((e) => [ledgerKey(e.post, e.ping), e])
    )
  })

  beforeAll(async () => {
    blog = await startBlogServer()
    // A blog post that shows our ping, and one that does not (yet).
    blog.setPage('/shown/', {
      body: `<html><body><p>Pingbacks: <a href="${POST}">Attention</a></p></body></html>`
    })
    blog.setPage('/held/', {
      body: '<html><body><p>No comments.</p></body></html>'
    })
    repo = makeRepo()
    repo.write('index.md', '# Home\n')
    repo.commit('start')
  })
  afterAll(async () => {
    await blog?.close()
    repo?.cleanup()
  })

  it('reads the ledger file and says why the action ledger is not shown', async () => {
    const ledger = ledgerOf(entry('/shown/'))
    repo.write(LEDGER_FILE, serializeLedgerFile({ ledger, claims: {} }))
    repo.write(
      '.github/workflows/pages.yml',
      'on: push\njobs:\n  p:\n    runs-on: x\n    steps:\n      - uses: me/trackback-action@v1\n'
    )
    const past = await pastLedger(repo.dir, (args) => gitText(repo.dir, args))
    expect(Object.keys(past.ledger.entries)).toHaveLength(1)
    expect(past.notes).toEqual([
      expect.stringMatching(
        /^A workflow keeps the action's ledger in the Actions cache/
      )
    ])
  })

  it('looks at each ping not seen yet, and shows what the ledger saw', async () => {
    const before = blog.requests.length
    const lines = await landedSection(
      ledgerOf(
        entry('/shown/'),
        entry('/held/'),
        entry('/old/', {
          visible: '2026-11-20T00:00:00.000Z',
          updated: '2026-11-10T00:00:00.000Z'
        }),
        entry('/failed/', { status: 'failed' })
      ),
      settings,
      NOW
    )
    expect(lines.map((l) => [l.target.replace(blog.url, ''), l.state])).toEqual(
      [
        ['/old/', 'visible'],
        ['/held/', 'not-visible'],
        ['/shown/', 'visible']
      ]
    )
    expect(lines[0]?.message).toBe('visible since 2026-11-20')
    expect(lines[1]?.message).toMatch(/\(sent 2 day\(s\) ago\)$/)
    // One GET per ping looked at; none for the one already seen.
    const gets = blog.requests.slice(before).map((r) => `${r.method} ${r.path}`)
    expect(gets.sort()).toEqual(['GET /held/', 'GET /shown/'])
    const text = renderLanded({ lines, notes: [] }, painter(false)).join('\n')
    expect(text).toContain('Landed: past pings on their receivers')
    expect(text).toMatch(/not yet {6}_posts\/2026-11-30-attention\.md → /)
    // Nothing was written: the file is as it was.
    expect(readFileSync(path.join(repo.dir, LEDGER_FILE), 'utf8')).toContain(
      '"status": "sent"'
    )
  })
})
