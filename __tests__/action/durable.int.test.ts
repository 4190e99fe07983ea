/**
 * End to end: the bundle keeps its ledger in a git ref through the Git Data
 * API (a loopback server over the test repository, whose refs move by
 * compare-and-swap) when `ledger-ref` is set. Nothing may depend on the
 * cache: wiped between runs, it costs no ping and resends none; two runs at
 * once send each ping once; a re-run whose first attempt never reached the
 * step sends. Switching a blog from the cache to the ref takes the cache's
 * ledger into the ref's first commit; a token that cannot write the ref
 * holds its pings (the ref missing or not), with one warning, and never
 * falls back to the cache.
 */
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals'
import type { Ledger } from '../../src/types.js'
import {
  startGitHubApi,
  type GitHubApi
} from '../../scripts/peers/github-api.mjs'
import type { ActionResult } from '../../scripts/peers/run-action.mjs'
import {
  requireBundle,
  runActionOk,
  startPeers,
  type Peers
} from '../support/peers.js'
import { makeRepo, type TempRepo } from '../support/repo.js'

// Each test runs the bundle several times against loopback peers: a few
// seconds alone, but half a minute and more on a loaded machine. The limit
// catches a hang, not slowness.
jest.setTimeout(120_000)

const REF = 'refs/trackback-action/ledger'
const OK = '<?xml version="1.0"?><response><error>0</error></response>'
const DENIED = {
  status: 403,
  message: 'Resource not accessible by integration'
}

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

/** Warnings the step printed (workflow commands). */
function warnings(result: ActionResult): string[] {
  return result.stdout
    .split('\n')
    .filter((line) => line.startsWith('::warning'))
    .map((line) => line.replace(/^::warning[^:]*::/, ''))
}

/** Each result's ping path and status, sorted. */
function statuses(result: ActionResult, base: string): string[] {
  return result.results
    .map((r) => `${r.ping.replace(base, '')} ${r.status}`)
    .sort()
}

/** A blog repository with the peers and the API, and a way to run the bundle. */
interface DurableBlog {
  peers: Peers
  repo: TempRepo
  api: GitHubApi
  /** Commits so far, the first one `start`. */
  shas: string[]
  run: (options: {
    eventName?: string
    payload?: Record<string, unknown>
    sha: string
    attempt?: string
    runId?: string
    cache?: boolean
    /** Whether the workflow sets ledger-ref (default true). */
    ref?: boolean
  }) => Promise<ActionResult>
  refLedger: () => Ledger
  /** A ping URL on the receiver. */
  url: (path: string) => string
  /** What the receiver did with each request to `path`. */
  hits: (path: string) => string[]
}

/** Sets up a DurableBlog before the describe's tests and tears it down after. */
function durableBlog(): () => DurableBlog {
  let blog: DurableBlog | undefined
  beforeAll(async () => {
    requireBundle()
    blog = await setUp()
  })
  afterAll(async () => {
    await blog?.api.close()
    await blog?.peers.close()
    blog?.repo.cleanup()
  })
  return () => blog as DurableBlog
}

async function setUp(): Promise<DurableBlog> {
  const peers = await startPeers()
  const repo = makeRepo()
  repo.write(
    '_config.yml',
    'title: T\nurl: https://t.example.org\ntimezone: UTC\n'
  )
  const shas = [repo.commit('start')]
  const api = await startGitHubApi({ repoDir: repo.dir })
  let runs = 0
  return {
    peers,
    repo,
    api,
    shas,
    url: (path) => `${peers.receiver.url}${path}`,
    hits: (path) =>
      peers.receiver.pings.filter((p) => p.path === path).map((p) => p.result),
    run: (options) =>
      runActionOk({
        workspace: repo.dir,
        eventName: options.eventName ?? 'push',
        payload: options.payload ?? {},
        sha: options.sha,
        runId: options.runId ?? String(++runs),
        runAttempt: options.attempt ?? '1',
        runnerTemp: peers.runnerTemp,
        inputs: {
          'allow-private-networks': 'true',
          'host-delay': '0',
          retries: '0',
          'github-token': 't0ken',
          ...(options.ref === false ? {} : { 'ledger-ref': REF })
        },
        env: {
          ...(options.cache === false ? {} : peers.cache.env()),
          GITHUB_API_URL: api.url
        }
      }),
    refLedger: () =>
      JSON.parse(repo.git('show', `${REF}:ledger.json`)) as Ledger
  }
}

describe('the bundle with a durable ledger ref', () => {
  const blog = durableBlog()
  let ctx: DurableBlog
  let shas: string[]
  const url = (path: string): string => ctx.url(path)
  const hits = (path: string): string[] => ctx.hits(path)
  beforeAll(() => {
    ctx = blog()
    shas = ctx.shas
  })

  it('the cache wiped between runs: nothing is resent, the failed ping is retried', async () => {
    // A ping URL in a form the action recognises (Movable Type's
    // `__mode=tb`): other URLs are article pages, read before a ping.
    const flaky = `${ctx.peers.receiver.setFault('flaky', [
      { status: 500, result: 'failed' },
      { body: OK, result: 'accepted' }
    ])}?__mode=tb`
    ctx.repo.write(
      '_posts/2026-11-20-one.md',
      post('One', [url('/trackback/2101.00001'), flaky])
    )
    shas.push(ctx.repo.commit('one'))
    const first = await ctx.run({
      sha: shas[1] as string,
      payload: { before: shas[0], after: shas[1] }
    })
    expect(statuses(first, ctx.peers.receiver.url)).toEqual([
      '/fault/flaky?__mode=tb failed',
      '/trackback/2101.00001 sent'
    ])
    expect(
      Object.values(ctx.refLedger().entries)
        .map((e) => e.status)
        .sort()
    ).toEqual(['failed', 'sent'])
    expect(ctx.refLedger().lastCommit).toBe(shas[1])

    // The ref is the only store: the cache holds neither the ledger nor a
    // claim (and GitHub may evict it, or someone delete it, at any time).
    expect(ctx.peers.cache.entries()).toEqual([])
    ctx.peers.cache.evict()
    const second = await ctx.run({
      eventName: 'workflow_dispatch',
      sha: shas[1] as string
    })
    // The ledger the ref kept says the other ping went out: a report row,
    // no request.
    expect(statuses(second, ctx.peers.receiver.url)).toEqual([
      '/fault/flaky?__mode=tb sent',
      '/trackback/2101.00001 already-sent'
    ])

    ctx.peers.cache.evict()
    const third = await ctx.run({
      eventName: 'schedule',
      sha: shas[1] as string
    })
    expect(third.results).toEqual([])
    expect(hits('/trackback/2101.00001')).toEqual(['accepted'])
    expect(hits('/fault/flaky?__mode=tb')).toEqual(['failed', 'accepted'])
  })

  it('two runs at once, without a cache service: the ref’s claims send each ping once', async () => {
    const names = ['a', 'b', 'c', 'd']
    const targets = names.map(
      (n) =>
        `${ctx.peers.receiver.setFault(`twice-${n}`, [
          { status: 500, result: 'failed' },
          { body: OK, result: 'accepted' }
        ])}?__mode=tb`
    )
    ctx.repo.write('_posts/2026-11-21-two.md', post('Two', targets))
    shas.push(ctx.repo.commit('two'))
    const first = await ctx.run({
      sha: shas[2] as string,
      payload: { before: shas[1], after: shas[2] }
    })
    expect(first.results.map((r) => r.status)).toEqual([
      'failed',
      'failed',
      'failed',
      'failed'
    ])
    ctx.peers.cache.evict()
    // Both retry the four failed pings the ref remembers; only the ref
    // can tell them apart.
    const both = await Promise.all([
      ctx.run({
        eventName: 'workflow_dispatch',
        sha: shas[2] as string,
        cache: false
      }),
      ctx.run({
        eventName: 'workflow_dispatch',
        sha: shas[2] as string,
        cache: false
      })
    ])
    for (const n of names) {
      expect(hits(`/fault/twice-${n}?__mode=tb`)).toEqual([
        'failed',
        'accepted'
      ])
    }
    const outcomes = both.flatMap((r) => r.results.map((x) => x.status))
    expect(outcomes.filter((s) => s === 'sent')).toHaveLength(4)
    expect(outcomes.filter((s) => s === 'skipped')).toHaveLength(4)
    expect(
      Object.values(ctx.refLedger().entries).filter((e) => e.status === 'sent')
    ).toHaveLength(2 + 4)
  })

  it('a re-run whose first attempt never reached the step sends what it claims', async () => {
    ctx.repo.write(
      '_posts/2026-11-22-three.md',
      post('Three', [url('/trackback/2101.00003')])
    )
    shas.push(ctx.repo.commit('three'))
    const later = Math.floor(Date.now() / 1000) + 3600
    const rerun = await ctx.run({
      sha: shas[3] as string,
      // pushed_at after the ref's creation: attempt 1 could only have sent
      // what it claimed in the ref (and it claimed nothing).
      payload: {
        before: shas[2],
        after: shas[3],
        repository: { pushed_at: later }
      },
      runId: '900',
      attempt: '2'
    })
    expect(statuses(rerun, ctx.peers.receiver.url)).toEqual([
      '/trackback/2101.00003 sent'
    ])
    expect(warnings(rerun).join('\n')).not.toMatch(/re-run/i)

    // The same push, were the ref younger than the event: as without a ref,
    // nothing is sent (the ref may have been created again since attempt 1,
    // without its claims).
    ctx.repo.write(
      '_posts/2026-11-23-four.md',
      post('Four', [url('/trackback/2101.00004')])
    )
    shas.push(ctx.repo.commit('four'))
    const unsure = await ctx.run({
      sha: shas[4] as string,
      payload: {
        before: shas[3],
        after: shas[4],
        repository: { pushed_at: 1_700_000_000 }
      },
      runId: '901',
      attempt: '2'
    })
    expect(statuses(unsure, ctx.peers.receiver.url)).toEqual([
      '/trackback/2101.00004 skipped'
    ])
    expect(hits('/trackback/2101.00004')).toEqual([])
  })
})

describe('the bundle switching to the ledger ref, with a token that cannot write it at first', () => {
  const blog = durableBlog()
  let ctx: DurableBlog
  let shas: string[]
  const url = (path: string): string => ctx.url(path)
  const hits = (path: string): number => ctx.hits(path).length
  const claimsInCache = (): number =>
    ctx.peers.cache
      .entries()
      .filter((e) => e.key.startsWith('trackback-ledger-claim-')).length
  beforeAll(() => {
    ctx = blog()
    shas = ctx.shas
  })
  /** The run held its one ping, saying it could not create or write the ref. */
  const expectHeld = (held: ActionResult, what: 'create' | 'write'): void => {
    expect(held.results).toMatchObject([
      {
        status: 'pending',
        message: expect.stringMatching(
          new RegExp(
            `held for a later run: .*cannot ${what} it \\(grant contents: write\\)`
          )
        )
      }
    ])
  }
  /** Commits a post and runs its push with a token that cannot write. */
  const pushDenied = async (
    file: string,
    text: string
  ): Promise<ActionResult> => {
    ctx.api.setFault('git-write', DENIED)
    ctx.repo.write(file, text)
    const before = shas[shas.length - 1] as string
    const after = ctx.repo.commit(file)
    shas.push(after)
    return ctx.run({ sha: after, payload: { before, after } })
  }

  it('no ref yet: holds the ping, creates nothing, claims nothing in the cache, and says to grant contents: write', async () => {
    // Before ledger-ref: the cache keeps the ledger.
    ctx.repo.write(
      '_posts/2026-11-19-z.md',
      post('Z', [url('/trackback/2101.00010')])
    )
    shas.push(ctx.repo.commit('z'))
    const before = await ctx.run({
      sha: shas[1] as string,
      payload: { before: shas[0], after: shas[1] },
      ref: false
    })
    expect(statuses(before, ctx.peers.receiver.url)).toEqual([
      '/trackback/2101.00010 sent'
    ])
    const claims = claimsInCache()

    const held = await pushDenied(
      '_posts/2026-11-20-a.md',
      post('A', [url('/trackback/2101.00011')])
    )
    expectHeld(held, 'create')
    const said = warnings(held)
    expect(said).toHaveLength(1)
    expect(said[0]).toMatch(/cannot write refs\/trackback-action\/ledger/)
    expect(said[0]).toMatch(/holds its pings pending/)
    expect(said[0]).toMatch(/permissions: contents: write/)
    expect(() => ctx.repo.git('rev-parse', '--verify', REF)).toThrow()
    expect(claimsInCache()).toBe(claims)
    expect(hits('/trackback/2101.00011')).toBe(0)
  })

  it('a run that can write creates the ref from the cache’s ledger and sends the held ping', async () => {
    ctx.api.setFault('git-write', undefined)
    const writer = await ctx.run({
      eventName: 'workflow_dispatch',
      sha: shas[2] as string
    })
    // The cache's ledger (its last commit, its sent ping) went into the
    // ref's first commit: the plan starts there, and nothing is resent.
    expect(statuses(writer, ctx.peers.receiver.url)).toEqual([
      '/trackback/2101.00011 sent'
    ])
    expect(
      Object.values(ctx.refLedger().entries)
        .map((e) => `${e.ping.replace(ctx.peers.receiver.url, '')} ${e.status}`)
        .sort()
    ).toEqual(['/trackback/2101.00010 sent', '/trackback/2101.00011 sent'])
    expect(ctx.repo.git('log', '--format=%B', REF)).toMatch(
      /Creates the ledger ref, its ledger taken from the Actions cache entry trackback-ledger-/
    )
    expect(hits('/trackback/2101.00010')).toBe(1)
  })

  it('the ref exists: holds the ping for a run that can write it, which sends it once', async () => {
    const held = await pushDenied(
      '_posts/2026-11-22-c.md',
      post('C', [url('/trackback/2101.00013')])
    )
    expectHeld(held, 'write')
    expect(warnings(held).join('\n')).toMatch(
      /sends nothing and holds its pings pending/
    )
    expect(hits('/trackback/2101.00013')).toBe(0)

    // With the cache gone, the next run that can write starts from the
    // ref's last commit and finds the ping.
    ctx.api.setFault('git-write', undefined)
    ctx.peers.cache.evict()
    const writer = await ctx.run({
      eventName: 'workflow_dispatch',
      sha: shas[3] as string
    })
    expect(statuses(writer, ctx.peers.receiver.url)).toEqual([
      '/trackback/2101.00013 sent'
    ])
    expect(hits('/trackback/2101.00010')).toBe(1)
    expect(hits('/trackback/2101.00011')).toBe(1)
    expect(hits('/trackback/2101.00013')).toBe(1)
  })
})

/**
 * A push whose `before` is past the ledger's last commit: the run for the
 * push in between never ran (GitHub cancels a run waiting in a concurrency
 * group when a newer one queues). With the ledger ref the next push looks
 * from the ledger's last commit (sources/widen.ts); with the cache alone it
 * keeps its own range and says which commits no run looked at.
 */
describe.each([
  ['the ledger ref', true],
  ['the Actions cache alone', false]
])('a cancelled push run, with %s', (_, ref) => {
  const blog = durableBlog()
  it(
    ref
      ? 'the next push sends the new targets of the commits no run looked at, once'
      : 'the next push keeps its own commits and names the ones no run looked at',
    async () => {
      const ctx = blog()
      const { shas } = ctx
      const write = (name: string, target: string): string => {
        ctx.repo.write(
          `_posts/2026-11-2${name.length}-${name}.md`,
          post(name, [ctx.url(target)])
        )
        return ctx.repo.commit(name)
      }
      shas.push(write('a', '/trackback/2101.00011'))
      await ctx.run({
        ref,
        sha: shas[1] as string,
        payload: { before: shas[0], after: shas[1] }
      })
      // The run for this push was cancelled while it waited.
      shas.push(write('bb', '/trackback/2101.00012'))
      shas.push(write('ccc', '/trackback/2101.00013'))
      const next = await ctx.run({
        ref,
        sha: shas[3] as string,
        payload: { before: shas[2], after: shas[3] }
      })
      const span = `${(shas[1] as string).slice(0, 7)}..${(shas[2] as string).slice(0, 7)}`
      expect(warnings(next).join('\n')).toContain(
        ref
          ? `No run looked at the commits ${span}`
          : `No run recorded looking at the commits ${span}`
      )
      expect(statuses(next, ctx.peers.receiver.url)).toEqual(
        ref
          ? ['/trackback/2101.00012 sent', '/trackback/2101.00013 sent']
          : ['/trackback/2101.00013 sent']
      )
      expect(ctx.hits('/trackback/2101.00011')).toEqual(['accepted'])
      expect(ctx.hits('/trackback/2101.00012')).toEqual(ref ? ['accepted'] : [])
      // A re-run of that push sends nothing again.
      const again = await ctx.run({
        ref,
        sha: shas[3] as string,
        runId: '99',
        attempt: '1',
        payload: { before: shas[2], after: shas[3] }
      })
      expect(again.outputs.sent).toBe('0')
      expect(ctx.hits('/trackback/2101.00012')).toEqual(ref ? ['accepted'] : [])
      expect(ctx.hits('/trackback/2101.00013')).toEqual(['accepted'])
    }
  )
})
