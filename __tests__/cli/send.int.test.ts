/**
 * End to end: `trackback-action send` from the bundle (dist/cli.js) in a real
 * git repository with a bare remote, a published blog and a TrackBack
 * receiver on 127.0.0.1. Then the bundled action (dist/index.js) runs on a
 * push of the same commits and must send nothing: the ledger file counts.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import {
  postPage,
  startBlogServer,
  type BlogServer
} from '../../scripts/peers/blog-server.mjs'
import { startPeers, runActionOk, type Peers } from '../support/peers.js'
import { cli, CLI } from '../support/cli.js'
import { makeRepo, type TempRepo } from '../support/repo.js'

describe('trackback-action send, from the bundle', () => {
  let peers: Peers
  let blog: BlogServer
  let repo: TempRepo
  let remote: string
  let before: string
  const today = new Date().toISOString().slice(0, 10)
  const [year, month, day] = today.split('-')
  const page = `/${year}/${month}/${day}/attention.html`

  const targets = (): string[] => [
    `${peers.receiver.url}/trackback/1`,
    `${peers.receiver.url}/wp-trackback.php?p=2`
  ]
  const source = (text: string): string =>
    [
      '---',
      'title: Attention',
      'trackback:',
      ...targets().map((t) => `  - "${t}"`),
      '---',
      text,
      ''
    ].join('\n')
  /** TrackBack POSTs the receiver got (check --live also GETs pages). */
  const posts = (): number =>
    peers.receiver.pings.filter((p) => p.method === 'POST').length
  const send = (...args: string[]): ReturnType<typeof cli> =>
    cli(repo.dir, ['send', '--allow-private-networks', ...args])

  beforeAll(async () => {
    if (!existsSync(CLI) || !existsSync(path.resolve('dist/index.js'))) {
      throw new Error('dist/ is missing: run `npm run build` first')
    }
    peers = await startPeers()
    blog = await startBlogServer()
    remote = mkdtempSync(path.join(tmpdir(), 'trackback-remote-'))
    repo = makeRepo()
    repo.git('init', '-q', '--bare', remote)
    repo.write(
      '_config.yml',
      `title: Paper Notes\nurl: ${blog.url}\ntimezone: UTC\n`
    )
    repo.write('index.md', '# Home\n')
    repo.commit('start')
    before = repo.git('rev-parse', 'HEAD').trim()
    repo.git('remote', 'add', 'origin', remote)
    repo.git('push', '-q', '-u', 'origin', 'main')
    blog.setPage(page, postPage('Attention', []))
  })

  afterAll(async () => {
    await peers?.close()
    await blog?.close()
    repo?.cleanup()
    rmSync(remote, { recursive: true, force: true })
  })

  it('refuses posts with uncommitted changes, and sends nothing', async () => {
    repo.write(`_posts/${today}-attention.md`, source('About attention.'))
    const result = await send()
    expect(result.code).toBe(2)
    expect(result.stderr).toContain(
      `Posts have uncommitted changes: _posts/${today}-attention.md.`
    )
    expect(peers.receiver.pings).toEqual([])
  })

  it('--dry-run shows what it would send, sends and records nothing', async () => {
    repo.commit('attention')
    const result = await send('--dry-run')
    expect(result.code).toBe(0)
    expect(result.stdout.split('\n')[0]).toMatch(
      /^First send from this repository/
    )
    expect(result.stdout).toContain(`would send   ${targets()[0]}`)
    expect(result.stdout).toMatch(
      /2 ping\(s\) would be sent.*Nothing was sent \(--dry-run\)/
    )
    expect(peers.receiver.pings).toEqual([])
    expect(existsSync(path.join(repo.dir, '.trackback-ledger.json'))).toBe(
      false
    )
  })

  it('over --max-pings sends nothing and exits 1, saying why', async () => {
    const result = await send('--max-pings', '1')
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/error: .*max-pings/)
    expect(peers.receiver.pings).toEqual([])
    expect(existsSync(path.join(repo.dir, '.trackback-ledger.json'))).toBe(
      false
    )
  })

  it('sends each ping once the post is live, and commits the ledger file', async () => {
    const result = await send()
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/2 sent, 0 failed or invalid/)
    expect(peers.receiver.pings.map((p) => p.path).sort()).toEqual([
      '/trackback/1',
      '/wp-trackback.php?p=2'
    ])
    expect(peers.receiver.pings[0]?.fields.url).toBe(`${blog.url}${page}`)
    expect(result.stderr).toContain('Committed .trackback-ledger.json.')
    expect(repo.git('status', '--porcelain')).toBe('')
    expect(repo.git('log', '-1', '--format=%s')).toContain(
      'trackback-action: record sent pings'
    )
    const file = JSON.parse(
      readFileSync(path.join(repo.dir, '.trackback-ledger.json'), 'utf8')
    ) as { entries: Record<string, { status: string }>; claims?: unknown }
    expect(Object.values(file.entries).map((e) => e.status)).toEqual([
      'sent',
      'sent'
    ])
    // Every claim has its outcome: none is left in the file.
    expect(file.claims).toBeUndefined()
  })

  it('a second send sends nothing', async () => {
    const result = await send()
    expect(result.code).toBe(0)
    expect(result.stdout.split('\n')[0]).toMatch(
      /^Sending for the commits since the last send/
    )
    expect(result.stdout).toMatch(/0 sent/)
    expect(posts()).toBe(2)
    // Nothing changed, so nothing was committed.
    expect(repo.git('log', '-1', '--format=%s')).toContain('record sent pings')
    expect(repo.git('rev-list', '--count', 'HEAD').trim()).toBe('3')
  })

  it('check --live follows the pings sent, and sends nothing', async () => {
    const result = await cli(repo.dir, [
      'check',
      '--live',
      '--allow-private-networks'
    ])
    const landed = result.stdout.slice(
      result.stdout.indexOf('Landed: past pings on their receivers')
    )
    expect(landed).toMatch(/^Landed: past pings on their receivers\n/)
    // The WordPress-shaped ping URL is followed on its post (/?p=2); the
    // bare /trackback/1 names no page to look at.
    expect(landed).toContain(`_posts/${today}-attention.md → ${targets()[1]}`)
    expect(landed).not.toContain(targets()[0])
    expect(posts()).toBe(2)
  })

  it('--since looks at older commits again and still sends nothing twice', async () => {
    const result = await send('--since', before)
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/already sent/)
    expect(posts()).toBe(2)
  })

  it('the action, run on a push of the same commits, sends nothing', async () => {
    repo.git('push', '-q')
    const head = repo.git('rev-parse', 'HEAD').trim()
    const run = await runActionOk({
      eventName: 'push',
      payload: { before, after: head, ref: 'refs/heads/main' },
      sha: head,
      workspace: repo.dir,
      runnerTemp: peers.runnerTemp,
      inputs: { 'allow-private-networks': 'true' },
      env: peers.cache.env()
    })
    expect(run.outputs.sent).toBe('0')
    expect(run.results.map((r) => r.status)).toEqual([
      'already-sent',
      'already-sent'
    ])
    expect(run.stdout).toContain('Took in .trackback-ledger.json: 2 pings')
    expect(posts()).toBe(2)
  })

  it('refuses while a workflow runs the action with its ledger in the cache only', async () => {
    repo.write(
      '.github/workflows/ping.yml',
      [
        'on: push',
        'jobs:',
        '  ping:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - uses: someone/trackback-action@v1',
        ''
      ].join('\n')
    )
    repo.commit('workflow')
    const result = await send()
    expect(result.code).toBe(2)
    expect(result.stderr).toContain(
      '.github/workflows/ping.yml runs trackback-action with its ledger in the Actions cache'
    )
    expect(result.stderr).toContain('ledger-ref: refs/trackback-action/ledger')
  })

  it('reads the action ledger ref from origin when the workflow sets one', async () => {
    repo.write(
      '.github/workflows/ping.yml',
      [
        'on: push',
        'jobs:',
        '  ping:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - uses: someone/trackback-action@v1',
        '        with:',
        '          ledger-ref: refs/trackback-action/ledger',
        ''
      ].join('\n')
    )
    repo.commit('workflow with a ledger ref')
    // The ref does not exist yet on origin: an empty ledger, and a send.
    const result = await send('--verbose')
    expect(result.code).toBe(0)
    expect(result.stderr).toContain(
      "Read the action's ledger from refs/trackback-action/ledger (not created yet)"
    )
    expect(posts()).toBe(2)
  })
})
