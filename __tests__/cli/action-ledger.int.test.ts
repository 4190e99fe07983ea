/**
 * What `send` learns of the action: its steps in the workflows (plain
 * text), and its ledger ref fetched from a real bare remote.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import {
  actionSteps,
  cacheOnlyRefusal,
  fetchActionLedger,
  findActionSteps
} from '../../src/cli/action-ledger.js'
import { claimKey, serializeClaims } from '../../src/ledger/ref-files.js'
import { gitText } from '../../src/sources/git.js'
import { makeRepo, type TempRepo } from '../support/repo.js'

const workflow = (...steps: string[]): string =>
  [
    'on: push',
    'jobs:',
    '  deploy:',
    '    runs-on: ubuntu-latest',
    '    steps:',
    '      - uses: actions/checkout@v6',
    ...steps,
    ''
  ].join('\n')

describe('actionSteps', () => {
  it('finds the action by name, any owner or version, with its ledger-ref', () => {
    const text = workflow(
      '      - uses: someone/trackback-action@v1',
      '      - uses: me/trackback-action@0123456789abcdef0123456789abcdef01234567',
      '        with:',
      '          ledger-ref: " refs/trackback-action/ledger "',
      '      - uses: me/trackback-action-fork@v1',
      '      - uses: ./trackback-action',
      '        with: { ledger-ref: none }'
    )
    expect(actionSteps(text, 'w.yml')).toEqual([
      { file: 'w.yml', ledgerRef: '' },
      { file: 'w.yml', ledgerRef: 'refs/trackback-action/ledger' },
      { file: 'w.yml', ledgerRef: '' }
    ])
  })

  it('leaves out steps that are always a dry run, not those an expression decides', () => {
    const text = workflow(
      '      - uses: me/trackback-action@v1',
      '        with: { dry-run: true }',
      '      - uses: me/trackback-action@v1',
      "        with: { dry-run: 'true' }",
      '      - uses: me/trackback-action@v1',
      '        with:',
      "          dry-run: ${{ github.event_name == 'pull_request' }}"
    )
    expect(actionSteps(text, 'w.yml')).toEqual([
      { file: 'w.yml', ledgerRef: '' }
    ])
  })

  it('ignores workflows that are not YAML or have no steps', () => {
    expect(actionSteps('jobs: [', 'w.yml')).toEqual([])
    expect(actionSteps('on: push\n', 'w.yml')).toEqual([])
  })

  it('refuses only when some step keeps its ledger in the cache', () => {
    expect(
      cacheOnlyRefusal([{ file: 'a.yml', ledgerRef: 'refs/x/y' }])
    ).toBeUndefined()
    expect(
      cacheOnlyRefusal([
        { file: 'a.yml', ledgerRef: '' },
        { file: 'a.yml', ledgerRef: '' }
      ])
    ).toMatch(
      /^a\.yml runs trackback-action with its ledger in the Actions cache/
    )
  })
})

describe("the action's ledger ref, fetched from origin", () => {
  let blog: TempRepo
  let action: TempRepo
  let remote: string
  const REF = 'refs/trackback-action/ledger'
  const git = (args: string[]): Promise<string> => gitText(blog.dir, args)

  beforeAll(() => {
    remote = mkdtempSync(path.join(tmpdir(), 'trackback-remote-'))
    blog = makeRepo()
    blog.git('init', '-q', '--bare', remote)
    blog.write('index.md', '# Home\n')
    blog.commit('start')
    blog.git('remote', 'add', 'origin', remote)
    blog.git('push', '-q', 'origin', 'main')
    // What the action's ref holds: ledger.json and claims.json.
    action = makeRepo()
    action.write(
      'ledger.json',
      JSON.stringify({
        version: 1,
        entries: {
          x: {
            post: 'https://b.example/p.html',
            ping: 'https://t.example/tb',
            source: '_posts/p.md',
            target: 'https://t.example/tb',
            status: 'sent',
            attempts: 1,
            updated: '2026-12-01T00:00:00.000Z'
          }
        }
      })
    )
    action.write(
      'claims.json',
      serializeClaims({
        created: '2026-11-01T00:00:00.000Z',
        claims: { [claimKey('k#0')]: '2026-12-01T00:00:00.000Z 1.1' }
      })
    )
    action.commit('ledger')
    action.git('push', '-q', remote, `HEAD:${REF}`)
  })

  afterAll(() => {
    blog?.cleanup()
    action?.cleanup()
    rmSync(remote, { recursive: true, force: true })
  })

  it('reads its entries and claims', async () => {
    const read = await fetchActionLedger(git, REF)
    expect(read.from).toMatch(/^refs\/trackback-action\/ledger@[0-9a-f]{7}$/)
    expect(Object.values(read.ledger.entries)).toHaveLength(1)
    expect(read.claimed('k#0')).toBe(true)
    expect(read.claimed('k#1')).toBe(false)
  })

  it('is empty when the action has not created it yet', async () => {
    const read = await fetchActionLedger(git, 'refs/trackback-action/other')
    expect(read.ledger.entries).toEqual({})
    expect(read.from).toContain('not created yet')
  })

  it('refuses a ref that is not a ledger', async () => {
    await expect(fetchActionLedger(git, 'refs/heads/main')).rejects.toThrow(
      /not a trackback-action ledger/
    )
  })

  it('finds no step in a repository without workflows', async () => {
    expect(await findActionSteps(blog.dir)).toEqual([])
  })
})
