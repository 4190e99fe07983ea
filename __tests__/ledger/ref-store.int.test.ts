/**
 * The ledger ref: the claims file's pure rules, then the store through the
 * real Octokit adapter against a loopback Git Data API whose refs move by
 * compare-and-swap in a real git repository (scripts/peers/github-api.mjs).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { createLedgerRefApi } from '../../src/github/api.js'
import {
  emptyLedger,
  recordOutcome,
  serializeLedger
} from '../../src/ledger/ledger.js'
import {
  addClaims,
  claimKey,
  createLedgerRefStore,
  parseClaims,
  serializeClaims,
  type LedgerRefStore
} from '../../src/ledger/ref-store.js'
import type { Ledger } from '../../src/types.js'
import {
  startGitHubApi,
  type GitHubApi
} from '../../scripts/peers/github-api.mjs'
import { makeRepo, type TempRepo } from '../support/repo.js'

const CREATED = '2026-11-01T00:00:00.000Z'

describe('claims.json', () => {
  it('wins names nobody holds, and says taken for the others', () => {
    const file = { created: CREATED, claims: { [claimKey('a#0')]: 'x 1.1' } }
    const { results, next } = addClaims(file, ['a#0', 'b#0'], 'y 2.1')
    expect(results).toEqual(['taken', 'won'])
    expect(next?.claims).toEqual({
      [claimKey('a#0')]: 'x 1.1',
      [claimKey('b#0')]: 'y 2.1'
    })
  })

  it('wins again what the same call wrote before (an answer lost on the way)', () => {
    const file = { created: CREATED, claims: { [claimKey('a#0')]: 'y 2.1' } }
    expect(addClaims(file, ['a#0'], 'y 2.1')).toEqual({ results: ['won'] })
    expect(addClaims(file, ['a#0'], 'z 2.1').results).toEqual(['taken'])
  })

  it('writes nothing when every name is taken', () => {
    const file = { created: CREATED, claims: { [claimKey('a#0')]: 'x 1.1' } }
    expect(addClaims(file, ['a#0'], 'y 2.1').next).toBeUndefined()
  })

  it('round-trips, keys sorted, and keeps claims whatever their value', () => {
    const file = { created: CREATED, claims: { b: '2', a: '1' } }
    const text = serializeClaims(file)
    expect(text.indexOf('"a"')).toBeLessThan(text.indexOf('"b"'))
    expect(parseClaims(text)).toEqual(file)
    expect(
      parseClaims(
        JSON.stringify({ version: 1, created: CREATED, claims: { a: 7 } })
      ).claims
    ).toEqual({ a: '7' })
  })

  it('refuses text that is not a claims file', () => {
    expect(() => parseClaims('{')).toThrow(/not valid JSON/)
    expect(() => parseClaims('{"version":2}')).toThrow(/version 2/)
    expect(() => parseClaims('{"version":1}')).toThrow(/lacks/)
  })
})

describe('the ledger ref through the Git Data API', () => {
  let repo: TempRepo
  let api: GitHubApi
  let refCount = 0
  const sleep = async (): Promise<void> => undefined

  /** A fresh ref name per test, so that tests do not share a ledger. */
  function freshRef(): string {
    refCount += 1
    return `refs/trackback-action/test-${refCount}`
  }

  function store(ref: string, runId: string, now?: Date): LedgerRefStore {
    return createLedgerRefStore({
      api: createLedgerRefApi('t0ken', 'octo', 'blog', ref, api.url, 5000),
      ref,
      runId,
      runAttempt: '1',
      sleep,
      ...(now ? { now: () => now } : {})
    })
  }

  function ledgerWith(ping: string, status: 'sent' | 'failed'): Ledger {
    return recordOutcome(
      emptyLedger(),
      { post: 'https://b.example/p', ping, source: 'p.md', target: ping },
      status,
      { now: new Date('2026-11-20T00:00:00Z'), maxAttempts: 5 }
    )
  }

  const show = (ref: string, file: string): string =>
    repo.git('show', `${ref}:${file}`)

  beforeAll(async () => {
    repo = makeRepo()
    repo.write('index.md', '# Home\n')
    repo.commit('start')
    api = await startGitHubApi({ repoDir: repo.dir })
  })
  afterAll(async () => {
    await api?.close()
    repo?.cleanup()
  })

  it('creates the ref with its first claims; a later run finds them taken', async () => {
    const ref = freshRef()
    const first = store(ref, '1', new Date(CREATED))
    const loaded = await first.load()
    expect(loaded.ledger).toEqual(emptyLedger())
    expect(first.state()).toMatchObject({ ref: 'missing', write: 'unknown' })

    expect(await first.claimMany(['a#0', 'b#0'])).toEqual({
      results: ['won', 'won'],
      permanent: true
    })
    expect(first.state()).toMatchObject({
      ref: 'found',
      write: 'allowed',
      created: CREATED
    })
    const claims = parseClaims(show(ref, 'claims.json'))
    expect(Object.keys(claims.claims).sort()).toEqual(
      [claimKey('a#0'), claimKey('b#0')].sort()
    )
    expect(show(ref, 'ledger.json')).toBe(serializeLedger(emptyLedger()).trim())
    expect(show(ref, 'README.md')).toMatch(/trackback-action/)

    const second = store(ref, '2')
    await second.load()
    expect((await second.claimMany(['a#0', 'c#0'])).results).toEqual([
      'taken',
      'won'
    ])
    // One commit per claimMany, one parent each: the ref's history.
    expect(repo.git('rev-list', '--count', ref)).toBe('2')
  })

  it('claims a thousand pings in one commit', async () => {
    const ref = freshRef()
    const one = store(ref, '1')
    await one.load()
    const names = Array.from({ length: 1000 }, (_, i) => `ping-${i}#0`)
    const writesBefore = api.requests.filter(
      (r) => r.route === 'git-write'
    ).length
    const batch = await one.claimMany(names)
    expect(batch.results.every((r) => r === 'won')).toBe(true)
    // Tree, commit, ref: three writes for the whole batch.
    expect(
      api.requests.filter((r) => r.route === 'git-write').length - writesBefore
    ).toBe(3)
    expect(repo.git('rev-list', '--count', ref)).toBe('1')
  })

  it('two runs claiming the same pings at once: each ping is won exactly once', async () => {
    const ref = freshRef()
    await store(ref, '0').claimMany(['seed#0'])
    const names = Array.from({ length: 20 }, (_, i) => `p${i}#0`)
    const a = store(ref, '1')
    const b = store(ref, '2')
    await Promise.all([a.load(), b.load()])
    const [ra, rb] = await Promise.all([
      a.claimMany(names),
      b.claimMany([...names].reverse())
    ])
    const wonA = names.filter((_, i) => ra.results[i] === 'won')
    const wonB = [...names].reverse().filter((_, i) => rb.results[i] === 'won')
    expect([...wonA, ...wonB].sort()).toEqual([...names].sort())
    expect(wonA.filter((n) => wonB.includes(n))).toEqual([])
    // The loser read the winner's commit and built on it.
    expect(
      api.requests.some((r) => r.method === 'PATCH' && r.url.includes('test-'))
    ).toBe(true)
  })

  it('a save that lost the race merges with the winner’s ledger', async () => {
    const ref = freshRef()
    await store(ref, '0').save(emptyLedger())
    const a = store(ref, '1')
    const b = store(ref, '2')
    await a.load()
    await b.load()
    expect(
      (await a.save(ledgerWith('https://x.example/1', 'sent'))).saved
    ).toBe(true)
    // b still holds the head from before a's save: its first try is refused
    // (not a fast-forward), it reads a's commit and saves the union.
    const saved = await b.save(ledgerWith('https://x.example/2', 'failed'))
    expect(saved.saved).toBe(true)
    const stored = JSON.parse(show(ref, 'ledger.json')) as Ledger
    expect(
      Object.values(stored.entries)
        .map((e) => e.ping)
        .sort()
    ).toEqual(['https://x.example/1', 'https://x.example/2'])
    expect(saved.ledger).toEqual(stored)
  })

  it('keeps the claims when saving, and the ledger when claiming', async () => {
    const ref = freshRef()
    const one = store(ref, '1')
    await one.load()
    await one.save(ledgerWith('https://x.example/1', 'sent'))
    await one.claimMany(['k#0'])
    await one.save(ledgerWith('https://x.example/2', 'sent'))
    expect(Object.keys(parseClaims(show(ref, 'claims.json')).claims)).toEqual([
      claimKey('k#0')
    ])
    expect(
      Object.keys((JSON.parse(show(ref, 'ledger.json')) as Ledger).entries)
    ).toHaveLength(2)
  })

  it('saves nothing when the ledger adds nothing', async () => {
    const ref = freshRef()
    const one = store(ref, '1')
    await one.load()
    await one.save(ledgerWith('https://x.example/1', 'sent'))
    const again = await one.save(ledgerWith('https://x.example/1', 'sent'))
    expect(again.saved).toBe(true)
    expect(repo.git('rev-list', '--count', ref)).toBe('1')
  })

  it('a token that cannot write: claims unknown, nothing saved, the state says denied', async () => {
    const ref = freshRef()
    api.setFault('git-write', {
      status: 403,
      message: 'Resource not accessible by integration'
    })
    try {
      const one = store(ref, '1')
      await one.load()
      const batch = await one.claimMany(['a#0'])
      expect(batch).toMatchObject({ results: ['unknown'], permanent: true })
      expect(batch.problem).toMatch(/cannot write .*HTTP 403/)
      expect(one.state()).toMatchObject({ ref: 'missing', write: 'denied' })
      expect(
        (await one.save(ledgerWith('https://x.example/1', 'sent'))).saved
      ).toBe(false)
    } finally {
      api.setFault('git-write', undefined)
    }
    expect(() => repo.git('rev-parse', '--verify', ref)).toThrow()
  })

  it('tries a 502 again, and gives up with a reason when it persists', async () => {
    const ref = freshRef()
    const one = store(ref, '1')
    await one.load()
    api.setFault('git-write', { status: 502, times: 1 })
    expect((await one.claimMany(['a#0'])).results).toEqual(['won'])
    api.setFault('git-write', { status: 502 })
    try {
      const batch = await one.claimMany(['b#0'])
      expect(batch.results).toEqual(['unknown'])
      expect(batch.problem).toMatch(/HTTP 502/)
      expect(one.state().write).toBe('allowed')
    } finally {
      api.setFault('git-write', undefined)
    }
  })

  it('a ref that is not a ledger (a branch of the blog) is neither read nor written', async () => {
    const head = repo.git('rev-parse', 'HEAD')
    const one = store('refs/heads/main', '1')
    const loaded = await one.load()
    expect(loaded.warnings.join(' ')).toMatch(/not a trackback-action ledger/)
    expect((await one.claimMany(['a#0'])).results).toEqual(['unknown'])
    expect(
      (await one.save(ledgerWith('https://x.example/1', 'sent'))).saved
    ).toBe(false)
    expect(repo.git('rev-parse', 'refs/heads/main')).toBe(head)
  })

  it('an unreadable API: load warns, the state says unreadable', async () => {
    const ref = freshRef()
    api.setFault('git-read', { status: 500 })
    try {
      const one = store(ref, '1')
      const loaded = await one.load()
      expect(loaded.warnings.join(' ')).toMatch(/could not read .*HTTP 500/)
      expect(one.state().ref).toBe('unreadable')
    } finally {
      api.setFault('git-read', undefined)
    }
  })
})
