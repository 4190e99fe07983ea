/**
 * End to end, the bundle under faults: a cache service that refuses, denies
 * or is missing; re-runs and overlapping runs; the run-timeout and
 * WordPress's flood window. Every run must pass the step, list every ping it
 * sent, and no ping may reach a receiver twice.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { CacheServer } from '../../scripts/peers/cache-server.mjs'
import { startReceiver, type Receiver } from '../../scripts/peers/receiver.mjs'
import type { ActionResult } from '../../scripts/peers/run-action.mjs'
import {
  requireBundle,
  runActionOk,
  startPeers,
  type Peers
} from '../support/peers.js'
import { makeRepo, type TempRepo } from '../support/repo.js'

/** Ledger saves and restores, not claims. */
const LEDGER_KEYS = /^trackback-ledger-(?!claim-)/
const OK = '<?xml version="1.0"?><response><error>0</error></response>'

/** A Jekyll post with these targets. */
function post(title: string, targets: string[]): string {
  return [
    '---',
    `title: ${title}`,
    'trackback:',
    ...targets.map((t) => `  - ${t}`),
    '---',
    `Notes on ${title}.`,
    ''
  ].join('\n')
}

/** Each result's ping URL (receiver-relative) and status, sorted. */
function statuses(result: ActionResult, base: string): string[][] {
  return result.results
    .map((r) => [r.ping.replace(base, ''), r.status])
    .sort((a, b) => String(a[0]).localeCompare(String(b[0])))
}

/** Warnings the step printed (workflow commands). */
function warnings(result: ActionResult): string[] {
  return result.stdout
    .split('\n')
    .filter((line) => line.startsWith('::warning'))
    .map((line) => line.replace(/^::warning[^:]*::/, ''))
}

describe('the bundled action when the cache service misbehaves', () => {
  let receiver: Receiver
  let cache: CacheServer
  let repo: TempRepo
  let peers: Peers
  const shas: string[] = []

  const push = (
    before: string,
    after: string,
    runId: string,
    options: { attempt?: number; inputs?: Record<string, string> } = {}
  ): Promise<ActionResult> =>
    runActionOk({
      workspace: repo.dir,
      eventName: 'push',
      payload: { before, after },
      sha: after,
      runId,
      runAttempt: String(options.attempt ?? 1),
      runnerTemp: peers.runnerTemp,
      inputs: {
        'allow-private-networks': 'true',
        'host-delay': '0',
        ...options.inputs
      },
      env: cache.env()
    })
  /** Requests that reached the receiver for a path. */
  const arrived = (pathname: string): number =>
    receiver.pings.filter((p) => p.path === pathname).length
  const ledgerKeys = (): string[] =>
    cache
      .entries()
      .map((e) => e.key)
      .filter((key) => LEDGER_KEYS.test(key))
  /** Commit one new post; returns [before, after]. */
  const newPost = (name: string, targets: string[]): [string, string] => {
    repo.write(`_posts/2026-11-20-${name}.md`, post(name, targets))
    shas.push(repo.commit(name))
    return [shas[shas.length - 2] as string, shas[shas.length - 1] as string]
  }

  beforeAll(async () => {
    requireBundle()
    peers = await startPeers()
    ;({ receiver, cache } = peers)
    repo = makeRepo()
    repo.write(
      '_config.yml',
      'title: Fault notes\nurl: https://faults.example.org\ntimezone: UTC\n'
    )
    shas.push(repo.commit('start'))
  })

  afterAll(async () => {
    await peers?.close()
    repo?.cleanup()
  })

  it('a save the token may not write: the step passes, lists every ping sent, warns; a re-run sends nothing again', async () => {
    const [before, after] = newPost('denied', [
      `${receiver.url}/trackback/2501.00001`,
      `${receiver.url}/wp-trackback.php?p=11`
    ])
    cache.setFault({ type: 'read-only', key: LEDGER_KEYS })
    const first = await push(before, after, 'save-denied')
    expect(statuses(first, receiver.url)).toEqual([
      ['/trackback/2501.00001', 'sent'],
      ['/wp-trackback.php?p=11', 'sent']
    ])
    expect(first.outputs).toMatchObject({ sent: '2', failed: '0' })
    expect(first.summary).toContain(`${receiver.url}/trackback/2501.00001`)
    expect(first.summary).toContain(`${receiver.url}/wp-trackback.php?p=11`)
    expect(warnings(first)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^could not save the ledger as trackback-ledger-save-denied-1(-2)?: .*cache write denied/
        ),
        expect.stringMatching(
          /^The ledger could not be saved\. Pings sent in this run are listed in the results output/
        )
      ])
    )
    expect(ledgerKeys()).toEqual([])

    // The re-run finds no ledger, plans both pings again, and finds them
    // claimed by attempt 1.
    cache.setFault(undefined)
    const rerun = await push(before, after, 'save-denied', { attempt: 2 })
    expect(statuses(rerun, receiver.url)).toEqual([
      ['/trackback/2501.00001', 'skipped'],
      ['/wp-trackback.php?p=11', 'skipped']
    ])
    expect(rerun.outputs.sent).toBe('0')
    expect(arrived('/trackback/2501.00001')).toBe(1)
    expect(arrived('/wp-trackback.php?p=11')).toBe(1)
  })

  it('reads denied (403): the ping goes out once and is listed; the ledger is not saved over history it cannot see', async () => {
    const [before, after] = newPost('unreadable', [
      `${receiver.url}/trackback/2501.00002`
    ])
    cache.setFault({ type: 'read-denied', key: LEDGER_KEYS })
    const keysBefore = ledgerKeys()
    const result = await push(before, after, 'read-denied')
    cache.setFault(undefined)
    expect(statuses(result, receiver.url)).toEqual([
      ['/trackback/2501.00002', 'sent']
    ])
    expect(result.summary).toContain(`${receiver.url}/trackback/2501.00002`)
    expect(warnings(result)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/cache read denied/),
        expect.stringMatching(
          /not saved, so as not to hide the saved history behind it/
        )
      ])
    )
    expect(ledgerKeys()).toEqual(keysBefore)
    expect(arrived('/trackback/2501.00002')).toBe(1)
  })

  it('no cache service (404 for everything): the push sends once with a warning; its re-run sends nothing and says why', async () => {
    const [before, after] = newPost('no-service', [
      `${receiver.url}/trackback/2501.00003`
    ])
    cache.setFault({ type: 'missing' })
    try {
      const first = await push(before, after, 'no-service')
      expect(statuses(first, receiver.url)).toEqual([
        ['/trackback/2501.00003', 'sent']
      ])
      expect(warnings(first).join('\n')).toMatch(
        /could not read the saved ledger/
      )

      const rerun = await push(before, after, 'no-service', { attempt: 2 })
      expect(statuses(rerun, receiver.url)).toEqual([
        ['/trackback/2501.00003', 'pending']
      ])
      expect(rerun.results[0]?.message).toBe(
        'Not sent: this is re-run attempt 2 and the cache service cannot tell whether an earlier attempt sent it; a later run retries it once the cache answers.'
      )
      expect(rerun.outputs).toMatchObject({ sent: '0', pending: '1' })
    } finally {
      cache.setFault(undefined)
    }
    expect(arrived('/trackback/2501.00003')).toBe(1)
  })

  it('the run’s ledger key already taken (409): saved under the next key, which the next run restores', async () => {
    const [before, after] = newPost('conflict', [
      `${receiver.url}/trackback/2501.00004`
    ])
    cache.setFault({ type: 'conflict', times: 1, key: LEDGER_KEYS })
    const first = await push(before, after, 'conflict')
    expect(statuses(first, receiver.url)).toEqual([
      ['/trackback/2501.00004', 'sent']
    ])
    expect(first.stdout).toContain(
      'Saved the ledger as trackback-ledger-conflict-1-2.'
    )
    // The read-denied run before this one saved no ledger, so its commit is
    // one no run recorded: said once; with the cache alone this push keeps
    // its own range (sources/widen.ts).
    expect(warnings(first)).toEqual([
      expect.stringMatching(/^No run recorded looking at the commits /)
    ])

    const [before2, after2] = newPost('after-conflict', [])
    const next = await push(before2, after2, 'after-conflict')
    expect(next.stdout).toContain('Restored trackback-ledger-conflict-1-2')
    expect(arrived('/trackback/2501.00004')).toBe(1)
  })

  it('a restore failing once with a 5xx: warns, sends, and saves the ledger merged with the history it then reads', async () => {
    const [before, after] = newPost('restore-5xx', [
      `${receiver.url}/trackback/2501.00007`
    ])
    cache.setFault({
      type: 'error',
      method: 'GetCacheEntryDownloadURL',
      status: 501,
      times: 1,
      key: LEDGER_KEYS
    })
    const result = await push(before, after, 'restore-5xx')
    expect(statuses(result, receiver.url)).toEqual([
      ['/trackback/2501.00007', 'sent']
    ])
    // The toolkit prints its own "Failed to restore" warning too.
    expect(warnings(result)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^could not read the saved ledger: .*\(501\).*; starting from an empty ledger$/
        )
      ])
    )
    expect(warnings(result).join('\n')).not.toMatch(/could not save/)
    expect(result.stdout).toContain(
      'Saved the ledger as trackback-ledger-restore-5xx-1.'
    )
    expect(arrived('/trackback/2501.00007')).toBe(1)
    // What the 409 test saved was read before saving and kept.
    const [before2, after2] = newPost('after-5xx', [])
    const next = await push(before2, after2, 'after-5xx')
    expect(next.stdout).toContain(
      'Restored trackback-ledger-restore-5xx-1: 2 pings remembered'
    )
  })

  it('two overlapping runs for consecutive pushes retry an earlier failed ping once, and send their own once', async () => {
    // A ping URL in a recognised form (`__mode=tb`), not an article page.
    const down = `${receiver.setFault('down-then-up', { status: 503 })}?__mode=tb`
    const downPath = `${new URL(down).pathname}?__mode=tb`
    const [b0, a0] = newPost('flaky', [down])
    const failing = await push(b0, a0, 'flaky', { inputs: { retries: '0' } })
    expect(statuses(failing, receiver.url)).toEqual([
      ['/fault/down-then-up?__mode=tb', 'failed']
    ])
    expect(failing.results[0]?.message).toBe(
      'HTTP 503; empty body; gave up after 1 attempt'
    )

    receiver.setFault('down-then-up', { body: OK })
    const [b1, a1] = newPost('push-one', [
      `${receiver.url}/trackback/2501.00005`
    ])
    const [b2, a2] = newPost('push-two', [
      `${receiver.url}/trackback/2501.00006`
    ])
    const [one, two] = await Promise.all([
      push(b1, a1, 'overlap-1'),
      push(b2, a2, 'overlap-2')
    ])
    const retried = [one, two].map(
      (r) => r.results.find((x) => x.ping === down)?.status
    )
    // One run sends it; the other sees the claim ('skipped') or, when the
    // claim is still uploading, cannot tell and leaves it ('pending').
    expect(retried.filter((status) => status === 'sent')).toHaveLength(1)
    expect(['skipped', 'pending']).toContain(
      retried.find((status) => status !== 'sent')
    )
    expect(arrived(downPath)).toBe(2) // the 503, then the one retry
    expect(arrived('/trackback/2501.00005')).toBe(1)
    expect(arrived('/trackback/2501.00006')).toBe(1)
  })
})

describe('the bundled action against a WordPress-like flood window and the run-timeout', () => {
  let wp: Receiver
  let peers: Peers
  let repo: TempRepo
  const shas: string[] = []

  beforeAll(async () => {
    requireBundle()
    // Stock WordPress: a second accepted ping within the window is a 429
    // wp_die without Retry-After, and the action waits 15 s for it.
    wp = await startReceiver({ floodSeconds: 1 })
    peers = await startPeers()
    repo = makeRepo()
    repo.write(
      '_config.yml',
      'title: Flood notes\nurl: https://flood.example.org\ntimezone: UTC\n'
    )
    shas.push(repo.commit('start'))
  })

  afterAll(async () => {
    await wp?.close()
    await peers?.close()
    repo?.cleanup()
  })

  it('three targets on one site: what the run-timeout cuts off is recorded failed, the ledger saved, and the next run sends it', async () => {
    repo.write(
      '_posts/2026-11-20-three.md',
      post(
        'three',
        [1, 2, 3].map((n) => `${wp.url}/wp-trackback.php?p=${n}`)
      )
    )
    shas.push(repo.commit('three targets'))
    const run = (
      eventName: string,
      runId: string,
      runTimeout: string,
      payload: Record<string, unknown> = {}
    ): Promise<ActionResult> =>
      runActionOk({
        workspace: repo.dir,
        eventName,
        payload,
        sha: shas[1] as string,
        runId,
        runnerTemp: peers.runnerTemp,
        inputs: {
          'allow-private-networks': 'true',
          'host-delay': '0',
          'run-timeout': runTimeout
        },
        env: peers.cache.env()
      })
    const host = new URL(wp.url).host

    // 12 s is plenty to send the first ping and too little to wait out the
    // flood answer to the second (15 s).
    const first = await run('push', '1', '12', {
      before: shas[0],
      after: shas[1]
    })
    expect(first.results.map((r) => [r.ping.slice(-3), r.status])).toEqual([
      ['p=1', 'sent'],
      ['p=2', 'failed'],
      ['p=3', 'failed']
    ])
    expect(first.results[1]?.message).toBe(
      'throttled by the receiver (HTTP 429): You are posting comments too quickly. Slow down.; would have to wait 15 s (past the run-timeout), will retry next run'
    )
    expect(first.results[2]?.message).toBe(
      `${host} asked to wait 15 s (past the run-timeout); not tried in this run, will retry next run`
    )
    expect(first.stdout).toContain('Saved the ledger as trackback-ledger-1-1.')
    expect(wp.pings.map((p) => p.result)).toEqual(['accepted', 'flood'])

    // A scheduled run picks both up from the ledger and waits out one flood
    // answer: all three land, each once. It starts after the receiver's 1 s
    // flood window has closed (on a quiet machine the first run ends within
    // it), so its first ping is accepted as a real later run's would be.
    await new Promise((resolve) => setTimeout(resolve, 1100))
    const second = await run('schedule', '2', '60')
    expect(second.results.map((r) => [r.ping.slice(-3), r.status])).toEqual([
      ['p=1', 'already-sent'],
      ['p=2', 'sent'],
      ['p=3', 'sent']
    ])
    expect(wp.pings.map((p) => p.result)).toEqual([
      'accepted',
      'flood',
      'accepted',
      'flood',
      'accepted'
    ])
    expect(
      wp
        .accepted()
        .map((p) => p.path)
        .sort()
    ).toEqual([1, 2, 3].map((n) => `/wp-trackback.php?p=${n}`))
  }, 90_000)
})
