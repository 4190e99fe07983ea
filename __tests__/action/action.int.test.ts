/**
 * End to end: the committed bundle (dist/index.js) run as a child process
 * with a runner's environment, against a real git repository, a TrackBack
 * receiver and an Actions cache service on 127.0.0.1.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { CacheServer } from '../../scripts/peers/cache-server.mjs'
import type { Receiver } from '../../scripts/peers/receiver.mjs'
import {
  runAction,
  type ActionResult
} from '../../scripts/peers/run-action.mjs'
import {
  requireBundle,
  runActionOk,
  startPeers,
  type Peers
} from '../support/peers.js'
import { makeRepo, type TempRepo } from '../support/repo.js'

describe('the bundled action, run the way GitHub runs it', () => {
  let receiver: Receiver
  let cache: CacheServer
  let repo: TempRepo
  let runnerTemp: string
  let peers: Peers
  let runs = 0
  const shas: string[] = []

  const postA = (extra = ''): string =>
    [
      '---',
      'title: "Attention, revisited"',
      'trackback:',
      `  - ${receiver.url}/trackback/2101.00001`,
      `  - ${receiver.url}/wp-trackback.php?p=1`,
      '---',
      `A summary of [arXiv:2101.00001](https://arxiv.org/abs/2101.00001). ${extra}`,
      ''
    ].join('\n')
  const postB = (targets: string[]): string =>
    [
      '---',
      'title: Scaling notes',
      'trackback:',
      ...targets.map((t) => `  - ${t}`),
      '---',
      'Notes on **scaling**.',
      ''
    ].join('\n')

  async function push(
    before: string,
    after: string,
    options: {
      attempt?: number
      runId?: string
      eventName?: string
      payload?: Record<string, unknown>
    } = {}
  ): Promise<ActionResult> {
    runs++
    return runActionOk({
      workspace: repo.dir,
      eventName: options.eventName ?? 'push',
      payload: options.payload ?? { before, after },
      sha: after,
      runId: options.runId ?? String(runs),
      runAttempt: String(options.attempt ?? 1),
      runnerTemp,
      inputs: { 'allow-private-networks': 'true', 'host-delay': '0' },
      env: cache.env()
    })
  }

  beforeAll(async () => {
    requireBundle()
    peers = await startPeers()
    ;({ receiver, cache, runnerTemp } = peers)
    repo = makeRepo()
    repo.write(
      '_config.yml',
      'title: Paper Notes\nurl: https://notes.example.org\nbaseurl: /blog\ntimezone: UTC\n'
    )
    repo.write('index.md', '# Home\n')
    shas.push(repo.commit('start'))
  })

  afterAll(async () => {
    await peers?.close()
    repo?.cleanup()
  })

  it('push 1 publishes two posts: each ping arrives once with the right fields', async () => {
    repo.write('_posts/2026-11-20-attention.md', postA())
    repo.write(
      '_posts/2026-11-21-scaling.md',
      postB([`${receiver.url}/trackback/2202.00002`])
    )
    shas.push(repo.commit('publish two posts'))
    const result = await push(shas[0] as string, shas[1] as string)

    expect(result.outputs).toMatchObject({
      sent: '3',
      failed: '0',
      pending: '0',
      skipped: '0'
    })
    const accepted = receiver.accepted()
    expect(accepted.map((p) => p.path).sort()).toEqual([
      '/trackback/2101.00001',
      '/trackback/2202.00002',
      '/wp-trackback.php?p=1'
    ])
    const arxiv = accepted.find((p) => p.path === '/trackback/2101.00001')
    expect(arxiv?.fields).toEqual({
      url: 'https://notes.example.org/blog/2026/11/20/attention.html',
      title: 'Attention, revisited',
      excerpt: 'A summary of arXiv:2101.00001.',
      blog_name: 'Paper Notes',
      charset: 'UTF-8'
    })
    expect(arxiv?.method).toBe('POST')
    expect(arxiv?.headers['content-type']).toBe(
      'application/x-www-form-urlencoded; charset=utf-8'
    )
    expect(arxiv?.headers['user-agent']).toMatch(
      /^trackback-action\/\d+\.\d+\.\d+ \(\+https:/
    )
    expect(result.results).toContainEqual({
      post: '_posts/2026-11-20-attention.md',
      url: 'https://notes.example.org/blog/2026/11/20/attention.html',
      target: `${receiver.url}/wp-trackback.php?p=1`,
      ping: `${receiver.url}/wp-trackback.php?p=1`,
      status: 'sent',
      message: expect.any(String),
      line: 5,
      // Sent just now: followed until WordPress shows it (landed/).
      visible: false
    })
    expect(result.summary).toContain('TrackBack pings')
    expect(
      cache.entries().some((e) => e.key === `trackback-ledger-${runs}-1`)
    ).toBe(true)
  })

  it('the same run again (a re-run) sends nothing', async () => {
    const before = receiver.pings.length
    const result = await push(shas[0] as string, shas[1] as string, {
      runId: String(runs),
      attempt: 2
    })
    expect(receiver.pings.length).toBe(before)
    expect(result.outputs.sent).toBe('0')
    expect(result.results.map((r) => r.status)).toEqual([
      'already-sent',
      'already-sent',
      'already-sent'
    ])
  })

  it('push 2 adds a target to one post: exactly that ping is sent', async () => {
    const before = receiver.pings.length
    repo.write(
      '_posts/2026-11-21-scaling.md',
      postB([
        `${receiver.url}/trackback/2202.00002`,
        `${receiver.url}/wp-trackback.php?p=2`
      ])
    )
    shas.push(repo.commit('add a target'))
    const result = await push(shas[1] as string, shas[2] as string)
    expect(receiver.pings.slice(before).map((p) => p.path)).toEqual([
      '/wp-trackback.php?p=2'
    ])
    expect(result.outputs.sent).toBe('1')
  })

  it('with the cache evicted, push 3 edits a post’s text: nothing is sent', async () => {
    expect(cache.evict()).toBeGreaterThan(0)
    const before = receiver.pings.length
    repo.write(
      '_posts/2026-11-20-attention.md',
      postA('Now with a correction.')
    )
    shas.push(repo.commit('fix a typo'))
    const result = await push(shas[2] as string, shas[3] as string)
    expect(receiver.pings.length).toBe(before)
    expect(result.outputs.sent).toBe('0')
    expect(result.results.map((r) => r.status)).toEqual(['skipped', 'skipped'])
  })

  it('a pull request sends nothing and its summary lists what merging would send', async () => {
    const before = receiver.pings.length
    repo.git('checkout', '-q', '-b', 'new-post')
    repo.write(
      '_posts/2026-11-22-new.md',
      postB([`${receiver.url}/trackback/2303.00003`])
    )
    const head = repo.commit('a new post')
    const payload = {
      pull_request: { base: { sha: shas[3] }, head: { sha: head } }
    }
    const result = await push(shas[3] as string, head, {
      eventName: 'pull_request',
      payload
    })
    repo.git('checkout', '-q', 'main')
    expect(receiver.pings.length).toBe(before)
    expect(result.outputs).toMatchObject({ sent: '0', 'would-send': '1' })
    expect(result.results).toEqual([
      expect.objectContaining({
        ping: `${receiver.url}/trackback/2303.00003`,
        status: 'dry-run'
      })
    ])
    expect(result.summary).toContain('TrackBack: would send 1 ping')
    expect(result.summary).toContain(
      'Merging this pull request would send exactly this ping:'
    )
    expect(result.summary).toContain(`${receiver.url}/trackback/2303.00003`)
    expect(
      cache
        .entries()
        .filter(
          (e) =>
            e.key.startsWith('trackback-ledger-') && !e.key.includes('claim')
        )
    ).toHaveLength(1)
  })

  it('a rejected ping is annotated on its front-matter line', async () => {
    repo.write(
      '_posts/2026-11-23-rejected.md',
      postB([
        `${receiver.url}/trackback/2404.00004`,
        `${receiver.url}/wp-trackback.php?p=0`
      ])
    )
    shas.push(repo.commit('a post with a target that does not exist'))
    const result = await push(shas[3] as string, shas[4] as string)
    expect(result.results.map((r) => [r.status, r.line])).toEqual([
      ['sent', 4],
      ['rejected', 5]
    ])
    expect(result.stdout).toMatch(
      /::warning title=TrackBack%3A ping rejected,file=_posts\/2026-11-23-rejected\.md,line=5::.*I really need an ID/
    )
    expect(result.summary).toContain('⛔&nbsp;rejected')
  })
})

describe('the bundled action on a Hugo site in a subdirectory', () => {
  let repo: TempRepo
  let base: string
  let head: string
  const run = (inputs: Record<string, string>): Promise<ActionResult> =>
    runAction({
      workspace: repo.dir,
      eventName: 'push',
      payload: { before: base, after: head },
      sha: head,
      inputs: { 'working-directory': 'site', 'dry-run': 'true', ...inputs }
    })

  beforeAll(() => {
    repo = makeRepo()
    repo.write(
      'site/hugo.toml',
      'baseURL = "https://example.org/blog/"\ntitle = "Hugo notes"\n[permalinks]\nposts = "/:year/:slug/"\n'
    )
    repo.write('README.md', '# monorepo\n')
    base = repo.commit('start')
    repo.write(
      'site/content/posts/scaling.md',
      '+++\ntitle = "Scaling laws"\ndate = 2026-11-01T10:00:00Z\ntrackback = ["arXiv:2202.00002", "ftp://nope"]\n+++\nReading notes.\n'
    )
    repo.write(
      'site/content/posts/broken.md',
      '---\ntitle: [unclosed\ntrackback: https://x.org/tb\n---\n'
    )
    repo.write(
      'site/content/posts/typo.md',
      '+++\ntitle = "Typo"\npings = ["arXiv:2202.00002"]\n+++\n'
    )
    repo.write(
      'site/content/posts/_index.md',
      '---\ntitle: Posts\ntrackback: https://x.org/never\n---\n'
    )
    repo.write(
      'docs/_posts/2026-11-01-not-the-site.md',
      '---\ntrackback: https://x.org/never\n---\n'
    )
    head = repo.commit('posts')
  })
  afterAll(() => repo?.cleanup())

  it('reports what it would send, with Hugo URLs, and annotates bad input at its line', async () => {
    const result = await run({})
    expect(result.code).toBe(0)
    expect(result.results).toEqual([
      {
        post: 'site/content/posts/broken.md',
        url: '',
        target: '',
        ping: '',
        status: 'invalid',
        // The [ opens on line 2, where the error points (issue 13).
        message: expect.stringContaining(
          'the list opened with [ on this line is never closed'
        ),
        line: 2
      },
      {
        post: 'site/content/posts/scaling.md',
        url: 'https://example.org/blog/2026/scaling-laws/',
        target: 'arXiv:2202.00002',
        ping: 'https://arxiv.org/trackback/2202.00002',
        status: 'dry-run',
        message: 'Would be sent.',
        line: 4
      },
      expect.objectContaining({ target: 'ftp://nope', status: 'invalid' })
    ])
    expect(result.stdout).toMatch(
      /::error title=TrackBack[^,]*,file=site\/content\/posts\/broken\.md,line=2::/
    )
    expect(result.stdout).toMatch(
      /::error title=TrackBack[^,]*,file=site\/content\/posts\/scaling\.md,line=4::/
    )
    // A misspelled key: a warning annotation at its line, no result row.
    expect(result.stdout).toContain(
      "::warning title=TrackBack,file=site/content/posts/typo.md,line=3::Front-matter key 'pings' is not read"
    )
    expect(result.outputs).toMatchObject({ 'would-send': '1', failed: '2' })
  })

  it('fails before sending anything when the run would exceed max-pings', async () => {
    const result = await run({ 'max-pings': '0' })
    expect(result.code).toBe(1)
    expect(result.stdout).toContain('more than max-pings (0)')
    expect(
      result.results.find((r) => r.target === 'arXiv:2202.00002')?.status
    ).toBe('skipped')
  })

  it('fails with fail-on-error when a target is invalid', async () => {
    const result = await run({ 'fail-on-error': 'true' })
    expect(result.code).toBe(1)
    expect(result.stdout).toContain('fail-on-error')
  })

  it('fails naming the input when the site URL is unknown', async () => {
    const result = await run({ 'working-directory': 'docs' })
    expect(result.code).toBe(1)
    expect(result.stdout).toContain('Set the site-url input')
  })

  it('fails on a bad input, naming it and the expected form', async () => {
    const result = await run({ timeout: '-1', 'dry-run': 'maybe' })
    expect(result.code).toBe(1)
    expect(result.stdout).toContain("Invalid input 'timeout': '-1'")
    expect(result.stdout).toContain("Invalid input 'dry-run': 'maybe'")
  })

  it('checks post URLs against the built site: a missing page is not pinged', async () => {
    const arxiv = (
      r: ActionResult
    ): ActionResult['results'][number] | undefined =>
      r.results.find((row) => row.target === 'arXiv:2202.00002')
    repo.write('site/built/2026/scaling-law/index.html', '<p>Old slug</p>\n')
    const missing = await run({ 'site-dir': 'built' })
    expect(missing.code).toBe(0)
    expect(arxiv(missing)).toMatchObject({ status: 'invalid', url: '' })
    expect(arxiv(missing)?.message).toContain(
      'https://example.org/blog/2026/scaling-laws/ is not in the built site: there is no site/built/2026/scaling-laws/index.html.'
    )
    expect(arxiv(missing)?.message).toContain(
      'Nearest pages: https://example.org/blog/2026/scaling-law/.'
    )
    expect(missing.stdout).toMatch(
      /::error title=TrackBack[^,]*,file=site\/content\/posts\/scaling\.md,line=4::[^\n]*scaling-laws/
    )

    repo.write('site/built/2026/scaling-laws/index.html', '<p>Scaling</p>\n')
    const found = await run({ 'site-dir': 'built' })
    expect(arxiv(found)).toMatchObject({
      status: 'dry-run',
      url: 'https://example.org/blog/2026/scaling-laws/'
    })
    expect(found.stdout).toContain(
      'Checking post URLs against the built site in site/built/ (2 files).'
    )
  })
})

describe('runs the ledger drives: scheduled posts and overlapping runs', () => {
  let receiver: Receiver
  let cache: CacheServer
  let repo: TempRepo
  let runnerTemp: string
  let peers: Peers
  let runId = 100
  const shas: string[] = []

  const run = (
    eventName: string,
    sha: string,
    payload: Record<string, unknown> = {}
  ): Promise<ActionResult> =>
    runAction({
      workspace: repo.dir,
      eventName,
      payload,
      sha,
      runId: String(++runId),
      runnerTemp,
      inputs: { 'allow-private-networks': 'true', 'host-delay': '0' },
      env: cache.env()
    })
  const post = (date: string, ping: string): string =>
    `---\ntitle: Post\ndate: ${date}\ntrackback: ${receiver.url}${ping}\n---\nText.\n`

  beforeAll(async () => {
    peers = await startPeers()
    ;({ receiver, cache, runnerTemp } = peers)
    repo = makeRepo()
    repo.write(
      '_config.yml',
      'title: T\nurl: https://t.example.org\ntimezone: UTC\n'
    )
    shas.push(repo.commit('start'))
  })
  afterAll(async () => {
    await peers?.close()
    repo?.cleanup()
  })

  it('holds a future post as pending and a scheduled run sends it once due', async () => {
    const due = new Date(Date.now() + 10_000)
    const stamp = `${due.toISOString().slice(0, 10)} ${due.toISOString().slice(11, 19)} +0000`
    repo.write(
      `_posts/${due.toISOString().slice(0, 10)}-soon.md`,
      post(stamp, '/trackback/2401.00001')
    )
    repo.write(
      '_posts/2026-11-01-now.md',
      post('2026-11-01', '/trackback/2401.00002')
    )
    shas.push(repo.commit('two posts'))
    const first = await run('push', shas[1] as string, {
      before: shas[0],
      after: shas[1]
    })
    expect(
      first.results.map((r) => [r.ping.slice(-10), r.status]).sort()
    ).toEqual([
      ['2401.00001', 'pending'],
      ['2401.00002', 'sent']
    ])
    expect(first.outputs).toMatchObject({ sent: '1', pending: '1' })
    expect(receiver.accepted().map((p) => p.path)).toEqual([
      '/trackback/2401.00002'
    ])

    const early = await run('schedule', shas[1] as string)
    expect(early.outputs.sent).toBe('0')

    await new Promise((resolve) =>
      setTimeout(resolve, Math.max(0, due.getTime() - Date.now()) + 500)
    )
    const later = await run('schedule', shas[1] as string)
    expect(later.outputs.sent).toBe('1')
    expect(later.results).toEqual([
      expect.objectContaining({
        ping: `${receiver.url}/trackback/2401.00001`,
        status: 'sent'
      })
    ])
    const again = await run('schedule', shas[1] as string)
    expect(again.outputs.sent).toBe('0')
    expect(
      receiver
        .accepted()
        .map((p) => p.path)
        .sort()
    ).toEqual(['/trackback/2401.00001', '/trackback/2401.00002'])
  })

  it('two overlapping runs over the same commits send each ping once', async () => {
    repo.write(
      '_posts/2026-11-02-third.md',
      post('2026-11-02', '/trackback/2401.00003')
    )
    shas.push(repo.commit('third post'))
    const [pushRun, dispatchRun] = await Promise.all([
      run('push', shas[2] as string, { before: shas[1], after: shas[2] }),
      // The ledger's last commit is shas[1], so this run covers the same push.
      run('workflow_dispatch', shas[2] as string)
    ])
    const statuses = [pushRun, dispatchRun]
      .map((r) => r.results[0]?.status)
      .sort()
    expect(statuses).toEqual(['sent', 'skipped'])
    expect(
      receiver.pings.filter((p) => p.path === '/trackback/2401.00003')
    ).toHaveLength(1)
  })
})
