/**
 * End to end: the bundled CLI (dist/cli.js) run as a child process in a real
 * git repository with a bare remote, without any runner environment. A
 * receiver on 127.0.0.1 stands behind every target, to show nothing is sent.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { postPage, startBlogServer } from '../../scripts/peers/blog-server.mjs'
import { startReceiver, type Receiver } from '../../scripts/peers/receiver.mjs'
import { cli, CLI } from '../support/cli.js'
import { makeRepo, type TempRepo } from '../support/repo.js'

describe('trackback-action check, from the bundle', () => {
  let receiver: Receiver
  let repo: TempRepo
  let remote: string
  let outside: string

  const post = (title: string, targets: string[]): string =>
    [
      '---',
      `title: ${title}`,
      'trackback:',
      ...targets.map((t) => `  - "${t}"`),
      '---',
      `About ${title}.`,
      ''
    ].join('\n')

  beforeAll(async () => {
    if (!existsSync(CLI))
      throw new Error('dist/cli.js is missing: run `npm run build` first')
    receiver = await startReceiver({ floodSeconds: 0 })
    remote = mkdtempSync(path.join(tmpdir(), 'trackback-remote-'))
    outside = mkdtempSync(path.join(tmpdir(), 'trackback-not-a-repo-'))
    repo = makeRepo()
    repo.git('init', '-q', '--bare', remote)
    repo.write(
      '_config.yml',
      'title: Paper Notes\nurl: https://notes.example.org\nbaseurl: /blog\ntimezone: UTC\n'
    )
    repo.write('index.md', '# Home\n')
    repo.commit('start')
    repo.git('remote', 'add', 'origin', remote)
    repo.git('push', '-q', '-u', 'origin', 'main')
  })

  afterAll(async () => {
    await receiver?.close()
    repo?.cleanup()
    rmSync(remote, { recursive: true, force: true })
    rmSync(outside, { recursive: true, force: true })
  })

  it('shows what pushing the new commits would send, and exits 1 on an invalid target', async () => {
    repo.write(
      '_posts/2026-11-20-attention.md',
      post('Attention', [
        'arXiv:2101.00001',
        `${receiver.url}/wp-trackback.php?p=1`,
        'not a url'
      ])
    )
    repo.commit('attention')
    // The receiver is on loopback: without the switch, check (like the
    // action) reports that target as refused.
    const result = await cli(repo.dir, ['check', '--allow-private-networks'])

    expect(result.code).toBe(1)
    const lines = result.stdout.split('\n')
    expect(lines[0]).toMatch(
      /^Checking the commits not yet on origin\/main \([0-9a-f]{7}\.\.[0-9a-f]{7}\)\.$/
    )
    expect(result.stdout).toContain('_posts/2026-11-20-attention.md')
    expect(result.stdout).toContain(
      'https://notes.example.org/blog/2026/11/20/attention.html'
    )
    expect(result.stdout).toMatch(
      /would send +arXiv:2101\.00001\n +ping https:\/\/arxiv\.org\/trackback\/2101\.00001/
    )
    expect(result.stdout).toMatch(
      new RegExp(`would send +${receiver.url}/wp-trackback\\.php\\?p=1\\n`)
    )
    expect(result.stdout).toMatch(
      /invalid +not a url\n +line 6: Invalid target 'not a url'/
    )
    expect(result.stdout).toMatch(
      /2 ping\(s\) would be sent, 1 invalid, 0 pending, 0 skipped\. Nothing was sent/
    )
    // Not a terminal: no colour codes, no progress line.
    expect(result.stdout).not.toContain('\x1b')
    expect(result.stderr).toBe('')
    expect(receiver.pings).toEqual([])
  })

  it('prints the same as JSON', async () => {
    const result = await cli(repo.dir, [
      'check',
      '--json',
      '--allow-private-networks'
    ])
    expect(result.code).toBe(1)
    const report = JSON.parse(result.stdout) as {
      ok: boolean
      site: { url: string; generator: string }
      results: Array<{ target: string; ping: string; status: string }>
      counts: Record<string, number>
    }
    expect(report.ok).toBe(false)
    // The same counts as the text's "2 would be sent, 1 invalid, 0 skipped".
    expect(report.counts).toEqual({
      wouldSend: 2,
      invalid: 1,
      pending: 0,
      skipped: 0
    })
    expect(report.site).toEqual({
      url: 'https://notes.example.org/blog',
      generator: 'jekyll'
    })
    expect(report.results.map((r) => [r.target, r.ping, r.status])).toEqual([
      ['arXiv:2101.00001', 'https://arxiv.org/trackback/2101.00001', 'dry-run'],
      [
        `${receiver.url}/wp-trackback.php?p=1`,
        `${receiver.url}/wp-trackback.php?p=1`,
        'dry-run'
      ],
      ['not a url', '', 'invalid']
    ])
  })

  it('names the flag, not the workflow input, when it refuses the loopback receiver', async () => {
    const result = await cli(repo.dir, ['check'])
    expect(result.code).toBe(1)
    expect(result.stdout).toMatch(
      new RegExp(
        `invalid +${receiver.url}/wp-trackback\\.php\\?p=1\\n +line 5: Refused target '[^']+': .*\\(allowed only with --allow-private-networks\\)\\.\\n`
      )
    )
    expect(result.stdout).not.toContain('allow-private-networks:')
  })

  it('exits 0 once the invalid target is fixed, and colours only when asked', async () => {
    repo.write(
      '_posts/2026-11-20-attention.md',
      post('Attention', ['arXiv:2101.00001'])
    )
    repo.commit('fix the target')
    const plain = await cli(repo.dir, ['check'])
    expect(plain.code).toBe(0)
    expect(plain.stdout).toMatch(/1 ping\(s\) would be sent, 0 invalid/)

    const coloured = await cli(repo.dir, ['check', '--color'])
    expect(coloured.code).toBe(0)
    expect(coloured.stdout).toContain('\x1b[32mwould send')
  })

  it('has nothing to check once the commits are pushed, unless --since says so', async () => {
    repo.git('push', '-q')
    const pushed = await cli(repo.dir, ['check'])
    expect(pushed.code).toBe(0)
    expect(pushed.stdout).toMatch(/^HEAD is at origin\/main: no commit to push/)
    expect(pushed.stdout).toContain('0 ping(s) would be sent')

    const since = await cli(repo.dir, ['check', '--since', 'HEAD~2'])
    expect(since.code).toBe(0)
    expect(since.stdout).toMatch(/^Checking the commits on HEAD since HEAD~2/)
    expect(since.stdout).toContain('would send   arXiv:2101.00001')
  })

  it("compares a branch without upstream with the remote's default branch", async () => {
    repo.git('checkout', '-q', '-b', 'draft-post')
    repo.write(
      '_posts/2026-11-22-scaling.md',
      post('Scaling', ['https://arxiv.org/abs/2202.00002v3'])
    )
    repo.commit('scaling')
    const result = await cli(repo.dir, ['check'])
    repo.git('checkout', '-q', 'main')
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(
      /^HEAD has no upstream branch: checking the commits not on origin\/main/
    )
    expect(result.stdout).toContain(
      'ping https://arxiv.org/trackback/2202.00002'
    )
    expect(result.stdout).not.toContain('attention')
  })

  it('takes the inputs as flags: --site-url and --permalink', async () => {
    const result = await cli(repo.dir, [
      'check',
      '--since',
      'HEAD~2',
      '--site-url',
      'https://blog.example.net/',
      '--permalink',
      '/:year/:title/'
    ])
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('https://blog.example.net/2026/attention/')
  })

  it('shows ignored targets as skipped, and what --resend would send again', async () => {
    const ignored = await cli(repo.dir, [
      'check',
      '--since',
      'HEAD~2',
      '--ignore',
      'arxiv.org'
    ])
    expect(ignored.code).toBe(0)
    expect(ignored.stdout).toMatch(
      /skipped +arXiv:2101\.00001\n.*\n +Ignored: the ping URL matches the ignore pattern 'arxiv\.org'; never sent\./
    )

    // Nothing to push, but the named post is read anyway.
    const resend = await cli(repo.dir, [
      'check',
      '--resend',
      'https://arxiv.org/trackback/2101.00001'
    ])
    expect(resend.code).toBe(0)
    expect(resend.stdout).toMatch(/^HEAD is at origin\/main/)
    expect(resend.stdout).toMatch(
      /_posts\/2026-11-20-attention\.md\n.*\n +would send +arXiv:2101\.00001\n.*\n +Would be sent again \(resend\)\./
    )
    expect(resend.stdout).toContain('1 ping(s) would be sent')
  })

  it('exits 2 on usage and configuration errors', async () => {
    const unknown = await cli(repo.dir, ['check', '--bogus'])
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toBe(
      "error: Unknown option '--bogus'. See --help.\n"
    )

    const since = await cli(repo.dir, ['check', '--since', 'no-such-ref'])
    expect(since.code).toBe(2)
    expect(since.stderr).toContain('--since no-such-ref: no such commit')

    const badInput = await cli(repo.dir, ['check', '--max-age', 'soon'])
    expect(badInput.code).toBe(2)
    expect(badInput.stderr).toContain("Invalid --max-age: 'soon'")

    const notRepo = await cli(outside, ['check'])
    expect(notRepo.code).toBe(2)
    expect(notRepo.stderr).toContain('Not inside a git repository')

    const noUrl = await cli(repo.dir, [
      'check',
      '--working-directory',
      'no-site-here'
    ])
    expect(noUrl.code).toBe(2)
    expect(noUrl.stderr).toContain(
      "Cannot work out the site's public URL. Set --site-url"
    )
  })

  it('prints help', async () => {
    const result = await cli(outside, ['--help'])
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/^Usage: trackback-action check \[options\]/)
  })

  it('--live fetches each post that would be pinged and checks its links', async () => {
    const blog = await startBlogServer()
    try {
      repo.write(
        '_posts/2026-11-23-live.md',
        post('Live', [
          'arXiv:2101.00001',
          `${receiver.url}/wp-trackback.php?p=3`
        ])
      )
      repo.commit('live post')
      const args = [
        'check',
        '--since',
        'HEAD~1',
        '--site-url',
        blog.url,
        '--live',
        '--allow-private-networks'
      ]
      const missing = await cli(repo.dir, args)
      expect(missing.code).toBe(1)
      expect(missing.stdout).toContain(`${blog.url}/2026/11/23/live.html`)
      expect(missing.stdout).toMatch(/not live: .*404/)

      blog.setPage(
        '/2026/11/23/live.html',
        postPage('Live', ['https://arxiv.org/abs/2101.00001v2'])
      )
      const live = await cli(repo.dir, args)
      expect(live.code).toBe(0)
      expect(live.stdout).toContain(
        'live: answers 200 and links to arxiv.org/abs/2101.00001'
      )
      expect(live.stdout).toContain(
        `live, no link: answers 200 but does not link to ${new URL(receiver.url).host}`
      )

      const required = await cli(repo.dir, [...args, '--require-link'])
      expect(required.code).toBe(1)
      expect(
        blog.requests.filter((r) => r.path === '/2026/11/23/live.html')
      ).toHaveLength(3)
    } finally {
      await blog.close()
    }
  })

  it('warns about a misspelled targets key, with its file and line', async () => {
    repo.write(
      '_posts/2026-11-24-typo.md',
      [
        '---',
        'title: Typo',
        'trackbacks:',
        '  - arXiv:2101.00001',
        '---',
        'About typos.',
        ''
      ].join('\n')
    )
    repo.commit('typo')
    const result = await cli(repo.dir, ['check', '--since', 'HEAD~1'])
    expect(result.code).toBe(0)
    expect(result.stderr).toBe(
      "warning: _posts/2026-11-24-typo.md:3: Front-matter key 'trackbacks' " +
        'is not read, so its targets are not pinged: TrackBack targets are ' +
        "read from 'trackback'. Rename 'trackbacks' to 'trackback'.\n"
    )
    expect(result.stdout).toContain('0 ping(s) would be sent')
  })

  it('never contacted the receiver', () => {
    expect(receiver.pings).toEqual([])
  })
})
