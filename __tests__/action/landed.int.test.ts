/**
 * End to end, did it land? The bundled action sends a TrackBack to a
 * loopback arXiv stand-in that holds it for moderation; scheduled runs a
 * day and two days later (the clock shifted by run-action's `daysLater`)
 * look for it: "waiting" until the stand-in lists it, then "visible", and
 * never send it again.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { startArxiv, type ArxivStandIn } from '../../scripts/peers/arxiv.mjs'
import type { CacheServer } from '../../scripts/peers/cache-server.mjs'
import type { ActionResult } from '../../scripts/peers/run-action.mjs'
import {
  requireBundle,
  runActionOk,
  startPeers,
  type Peers
} from '../support/peers.js'
import { makeRepo, type TempRepo } from '../support/repo.js'

const POST_URL = 'https://notes.example.org/2026/11/20/attention.html'
const EXPORT_1 = '/data/trackbacks/trackback_2101.00001.ttl'
const EXPORT_2 = '/data/trackbacks/trackback_2202.00002.ttl'

describe('did it land? an arXiv ping followed across scheduled runs', () => {
  let arxiv: ArxivStandIn
  let cache: CacheServer
  let repo: TempRepo
  let runnerTemp: string
  let peers: Peers
  let runId = 500
  const shas: string[] = []

  const run = (
    eventName: string,
    daysLater = 0,
    payload: Record<string, unknown> = {}
  ): Promise<ActionResult> =>
    runActionOk({
      workspace: repo.dir,
      eventName,
      payload,
      sha: shas[shas.length - 1] as string,
      runId: String(++runId),
      runnerTemp,
      inputs: { 'allow-private-networks': 'true', 'host-delay': '0' },
      env: cache.env(),
      daysLater
    })
  const pingsTaken = (): number => arxiv.pings.length
  const looks = (): string[] =>
    arxiv.requests.filter((r) => r.method === 'GET').map((r) => r.path)

  beforeAll(async () => {
    requireBundle()
    peers = await startPeers()
    ;({ cache, runnerTemp } = peers)
    arxiv = await startArxiv()
    repo = makeRepo()
    repo.write(
      '_config.yml',
      'title: Paper Notes\nurl: https://notes.example.org\ntimezone: UTC\n'
    )
    shas.push(repo.commit('start'))
  })
  afterAll(async () => {
    await arxiv?.close()
    await peers?.close()
    repo?.cleanup()
  })

  it('sends once, waits through moderation, then shows it visible', async () => {
    repo.write(
      '_posts/2026-11-20-attention.md',
      `---\ntitle: Attention, revisited\ntrackback:\n  - ${arxiv.url}/trackback/2101.00001\n  - ${arxiv.url}/trackback/2202.00002\n---\nOn [arXiv:2101.00001](https://arxiv.org/abs/2101.00001) and [arXiv:2202.00002](https://arxiv.org/abs/2202.00002).\n`
    )
    shas.push(repo.commit('a post'))
    const sent = await run('push', 0, { before: shas[0], after: shas[1] })
    expect(sent.outputs.sent).toBe('2')
    expect(sent.results[0]).toMatchObject({
      url: POST_URL,
      status: 'sent',
      visible: false
    })
    expect(sent.summary).toContain('<h3>Landed</h3>')
    expect(sent.summary).toContain('0 visible, 2 waiting, 0 given up')
    // Nothing looked at in the run that sent them.
    expect(looks()).toEqual([])

    // A day later: looked for, not listed yet (held for moderation).
    const waiting = await run('schedule', 1)
    expect(waiting.outputs.sent).toBe('0')
    expect(looks().sort()).toEqual([EXPORT_1, EXPORT_2])
    expect(waiting.summary).toContain('0 visible, 2 waiting, 0 given up')
    expect(waiting.summary).toContain('sent 1 day ago')
    expect(waiting.stdout).toContain('not visible yet')

    // The moderator accepts the first; two days after sending it shows.
    arxiv.moderate(POST_URL, 'accepted', '2101.00001')
    const visible = await run('schedule', 2)
    expect(visible.outputs.sent).toBe('0')
    expect(visible.summary).toContain('1 visible, 1 waiting, 0 given up')
    expect(visible.stdout).toMatch(/2101\.00001: visible/)

    // Seen: never looked for again (the other one is, at day 8); and
    // nothing is sent again.
    await run('schedule', 9)
    expect(looks()).toHaveLength(5)
    expect(looks()[4]).toBe(EXPORT_2)
    expect(pingsTaken()).toBe(2)
  })

  it('reports visible on the results row when the post is in a later push', async () => {
    repo.write(
      '_posts/2026-11-20-attention.md',
      `---\ntitle: Attention, revisited\ntrackback:\n  - ${arxiv.url}/trackback/2101.00001\n  - ${arxiv.url}/trackback/2202.00002\n---\nOn [arXiv:2101.00001](https://arxiv.org/abs/2101.00001) and [arXiv:2202.00002](https://arxiv.org/abs/2202.00002), edited.\n`
    )
    shas.push(repo.commit('an edit'))
    const edited = await run('push', 10, {
      before: shas[1],
      after: shas[2]
    })
    expect(edited.outputs.sent).toBe('0')
    expect(edited.results[0]).toMatchObject({
      status: 'already-sent',
      visible: true,
      visibleSince: expect.any(String)
    })
    expect(edited.results[1]).toMatchObject({ visible: false })
    expect(pingsTaken()).toBe(2)
  })

  it('never looks in a pull request (a dry run)', async () => {
    const before = looks().length
    const preview = await run('pull_request', 17, {
      pull_request: { number: 1 }
    })
    expect(preview.outputs.sent).toBe('0')
    expect(looks()).toHaveLength(before)
  })

  it('gives up on a ping never listed, after landed-days, without resending', async () => {
    const late = await run('schedule', 31)
    expect(late.summary).toContain('1 visible, 0 waiting, 1 given up')
    expect(late.summary).toContain('not visible after 31 days')
    expect(late.stdout).toContain('not visible after 31 days')
    const looked = looks().length
    await run('schedule', 40)
    expect(looks()).toHaveLength(looked)
    expect(pingsTaken()).toBe(2)
  })
})
