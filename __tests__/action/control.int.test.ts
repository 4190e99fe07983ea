/**
 * End to end (the bundle): the resend and ignore inputs, against a receiver
 * and a cache service on 127.0.0.1 and a real git repository.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { ActionResult } from '../../scripts/peers/run-action.mjs'
import { startReceiver, type Receiver } from '../../scripts/peers/receiver.mjs'
import {
  requireBundle,
  runActionOk,
  startPeers,
  type Peers
} from '../support/peers.js'
import { startProxy } from '../support/proxy.js'
import { makeRepo, type TempRepo } from '../support/repo.js'

describe('resend and ignore, in the bundled action', () => {
  let peers: Peers
  let receiver: Receiver
  let repo: TempRepo
  let runs = 0
  let last = ''
  const POST_A = '_posts/2026-11-20-a.md'

  const post = (targets: string[]): string =>
    [
      '---',
      'title: A post',
      'trackback:',
      ...targets.map((t) => `  - ${t}`),
      '---',
      'Body.',
      ''
    ].join('\n')

  function run(
    eventName: string,
    inputs: Record<string, string> = {},
    before?: string,
    rerun = false,
    env: Record<string, string> = {}
  ): Promise<ActionResult> {
    if (!rerun) runs++
    const sha = repo.git('rev-parse', 'HEAD')
    const payload = eventName === 'push' ? { before, after: sha } : {}
    last = sha
    return runActionOk({
      workspace: repo.dir,
      eventName,
      payload,
      sha,
      runId: String(runs),
      runAttempt: rerun ? '2' : '1',
      runnerTemp: peers.runnerTemp,
      inputs: {
        'allow-private-networks': 'true',
        'host-delay': '0',
        ...inputs
      },
      env: { ...peers.cache.env(), ...env }
    })
  }

  const paths = (): string[] => receiver.pings.map((p) => p.path)

  beforeAll(async () => {
    requireBundle()
    peers = await startPeers()
    receiver = peers.receiver
    repo = makeRepo()
    repo.write(
      '_config.yml',
      'title: Notes\nurl: https://notes.example.org\ntimezone: UTC\n'
    )
    repo.commit('start')
    last = repo.git('rev-parse', 'HEAD')
  })

  afterAll(async () => {
    await peers?.close()
    repo?.cleanup()
  })

  it('ignore: an ignored target is skipped with a message, the others are sent', async () => {
    repo.write(
      POST_A,
      post([
        `${receiver.url}/trackback/2101.00001`,
        `${receiver.url}/wp-trackback.php?p=1`
      ])
    )
    const before = last
    repo.commit('post a')
    const result = await run(
      'push',
      { ignore: `# asked to stop\n${receiver.url}/wp-trackback.php` },
      before
    )
    expect(
      result.results.map((r) => [r.ping.replace(receiver.url, ''), r.status])
    ).toEqual([
      ['/trackback/2101.00001', 'sent'],
      ['/wp-trackback.php?p=1', 'skipped']
    ])
    expect(result.results[1]?.message).toBe(
      `Ignored: the ping URL matches the ignore pattern '${receiver.url}/wp-trackback.php'; never sent.`
    )
    expect(paths()).toEqual(['/trackback/2101.00001'])
  })

  it('resend on a push is refused with a warning: nothing is sent again', async () => {
    repo.write('about.md', '# About\n')
    const before = last
    repo.commit('unrelated')
    const result = await run('push', { resend: POST_A }, before)
    expect(result.stdout).toContain(
      '::warning::The resend input is honoured on workflow_dispatch runs only, and this is a push run: nothing is sent again.'
    )
    expect(result.results).toEqual([])
    expect(paths()).toEqual(['/trackback/2101.00001'])
  })

  it('resend on workflow_dispatch with dry-run shows what would go out again, sending nothing', async () => {
    const result = await run('workflow_dispatch', {
      resend: `${receiver.url}/trackback/2101.00001`,
      'dry-run': 'true'
    })
    expect(result.results.map((r) => [r.post, r.status, r.message])).toEqual([
      [POST_A, 'dry-run', 'Would be sent again (resend).']
    ])
    expect(paths()).toEqual(['/trackback/2101.00001'])
  })

  it('resend on workflow_dispatch sends a ping the ledger has as sent, from a post the range did not change', async () => {
    receiver.reset()
    const result = await run('workflow_dispatch', {
      resend: `${receiver.url}/trackback/2101.00001\n_posts/2026-01-01-gone.md`
    })
    expect(
      result.results.map((r) => [
        r.post,
        r.ping.replace(receiver.url, ''),
        r.status
      ])
    ).toEqual([[POST_A, '/trackback/2101.00001', 'sent']])
    expect(paths()).toEqual(['/trackback/2101.00001'])
    expect(result.stdout).toContain(
      "::warning::resend: '_posts/2026-01-01-gone.md' names no post source"
    )
  })

  it('a post path resends all its targets but the ignored one', async () => {
    receiver.reset()
    const result = await run('workflow_dispatch', {
      resend: POST_A,
      ignore: `${receiver.url}/wp-trackback.php`
    })
    expect(
      result.results.map((r) => [r.ping.replace(receiver.url, ''), r.status])
    ).toEqual([
      ['/trackback/2101.00001', 'sent'],
      ['/wp-trackback.php?p=1', 'skipped']
    ])
    expect(paths()).toEqual(['/trackback/2101.00001'])
  })

  it('a re-run of that workflow run does not resend again', async () => {
    const result = await run(
      'workflow_dispatch',
      { resend: POST_A, ignore: `${receiver.url}/wp-trackback.php` },
      undefined,
      true
    )
    expect(result.results.map((r) => [r.status, r.message])).toEqual([
      [
        'skipped',
        'Another run has already claimed this ping (a concurrent or earlier run); not sent again.'
      ],
      ['skipped', expect.stringMatching(/^Ignored/)]
    ])
    expect(paths()).toEqual(['/trackback/2101.00001'])
  })

  it('HTTP_PROXY: pings go through the proxy, NO_PROXY hosts (the cache) do not', async () => {
    const proxy = await startProxy()
    const far = await startReceiver({ floodSeconds: 0, host: '127.0.0.2' })
    try {
      repo.write(
        '_posts/2026-11-21-b.md',
        post([`${far.url}/wp-trackback.php?p=7`])
      )
      const before = last
      repo.commit('post b')
      const result = await run('push', {}, before, false, {
        HTTP_PROXY: proxy.url.href,
        NO_PROXY: '127.0.0.1'
      })
      expect(result.results.map((r) => [r.ping, r.status])).toEqual([
        [`${far.url}/wp-trackback.php?p=7`, 'sent']
      ])
      expect(proxy.log).toEqual([`POST ${far.url}/wp-trackback.php?p=7 auth=`])
      expect(far.accepted()).toHaveLength(1)
    } finally {
      await far.close()
      await proxy.close()
    }
  })
})
