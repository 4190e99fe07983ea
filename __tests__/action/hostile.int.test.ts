/**
 * End to end, the bundle on a repository full of hostile input: one push
 * adds every post of the corpus that needs no outside host (broken front
 * matter of each format, odd encodings, a 5 MB post, targets of every wrong
 * shape and scheme, bad arXiv ids), each next to a good target on the
 * loopback receiver. The step passes, every good ping goes out exactly once,
 * and every problem is an annotation at its file and line.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import {
  GOOD_PING,
  postCases,
  type PostCase
} from '../../__fixtures__/hostile/corpus.js'
import type { ActionResult } from '../../scripts/peers/run-action.mjs'
import {
  requireBundle,
  runActionOk,
  startPeers,
  type Peers
} from '../support/peers.js'
import { makeRepo, type TempRepo } from '../support/repo.js'

/**
 * Cases whose pings all go to GOOD_PING (rewritten to the receiver); IP
 * literals are left out, as with allow-private-networks (needed to reach
 * the loopback receiver) they would be tried.
 */
function loopbackCases(): PostCase[] {
  return postCases().filter(
    (c) =>
      c.category !== 'ip literal' &&
      c.category !== 'port' &&
      (c.expect.kind === 'unreadable' ||
        c.expect.rows.every((r) => r.status !== 'send' || r.ping === GOOD_PING))
  )
}

describe('the bundled action on a repository of broken posts', () => {
  let peers: Peers
  let repo: TempRepo
  let result: ActionResult
  const cases = loopbackCases()
  const file = (i: number): string => `_posts/2026-11-20-hostile-${i}.md`
  const good = (i: number): string => `/trackback/good-${i}`

  beforeAll(async () => {
    requireBundle()
    peers = await startPeers()
    repo = makeRepo()
    repo.write(
      '_config.yml',
      'title: Hostile\nurl: https://hostile.example.org\ntimezone: UTC\n'
    )
    const before = repo.commit('site')
    cases.forEach((c, i) => {
      repo.write(
        file(i),
        c.text.replaceAll(GOOD_PING, `${peers.receiver.url}${good(i)}`)
      )
    })
    // Two good posts with nothing odd about them.
    repo.write(
      '_posts/2026-11-21-fine.md',
      `---\ntitle: Fine\ntrackback: ${peers.receiver.url}/trackback/fine-1\n---\nText.\n`
    )
    repo.write(
      '_posts/2026-11-21-also-fine.md',
      `---\ntitle: Also fine\ntrackback:\n  - ${peers.receiver.url}/trackback/fine-2\n---\nText.\n`
    )
    const after = repo.commit('hostile posts')
    result = await runActionOk({
      workspace: repo.dir,
      eventName: 'push',
      payload: { before, after },
      sha: after,
      runId: '1',
      runnerTemp: peers.runnerTemp,
      inputs: {
        'allow-private-networks': 'true',
        'host-delay': '0',
        'max-pings': '1000'
      },
      env: peers.cache.env()
    })
  }, 240_000)

  afterAll(async () => {
    await peers?.close()
    repo?.cleanup()
  })

  it(`covers many cases (${cases.length})`, () => {
    expect(cases.length).toBeGreaterThan(100)
  })

  it('sends every good ping once, the two clean posts included', () => {
    const wanted = cases.flatMap((c, i) =>
      c.expect.kind === 'rows' && c.expect.rows.some((r) => r.status === 'send')
        ? [good(i)]
        : []
    )
    expect(wanted.length).toBeGreaterThan(50)
    const received = peers.receiver.pings.map((p) => p.path).sort()
    expect(received).toEqual(
      [...wanted, '/trackback/fine-1', '/trackback/fine-2'].sort()
    )
    expect(result.outputs.sent).toBe(String(wanted.length + 2))
  })

  it('reports every problem at its file and line', () => {
    const errors = result.stdout
      .split('\n')
      .filter((line) => line.startsWith('::error '))
    cases.forEach((c, i) => {
      const rows =
        c.expect.kind === 'unreadable'
          ? [
              {
                status: 'invalid',
                message: c.expect.message,
                line: c.expect.line
              }
            ]
          : c.expect.rows
      for (const row of rows) {
        if (row.status !== 'invalid') continue
        const at = errors.filter(
          (e) =>
            e.includes(`file=${file(i)}`) &&
            (row.line === undefined ||
              e.includes(`line=${row.line}:`) ||
              e.includes(`line=${row.line},`))
        )
        expect({ case: c.name, found: at.length > 0 }).toEqual({
          case: c.name,
          found: true
        })
      }
    })
  })

  it('lists each problem as invalid in the results, never a crash', () => {
    const expected = cases.reduce(
      (n, c) =>
        n +
        (c.expect.kind === 'unreadable'
          ? 1
          : c.expect.rows.filter((r) => r.status === 'invalid').length),
      0
    )
    const invalid = result.results.filter((r) => r.status === 'invalid')
    expect(invalid).toHaveLength(expected)
    expect(result.stdout).not.toMatch(/TypeError|RangeError|at .*\.js:\d+/)
  })
})
