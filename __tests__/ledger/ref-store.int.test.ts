/**
 * The ledger ref's store through the real Octokit adapter against a
 * loopback Git Data API whose refs move by compare-and-swap in a real git
 * repository (__tests__/support/ledger-ref.ts): claims and saves racing, and
 * the runs that must hold their pings (a token that cannot write, a ref that
 * is not a ledger, an unreadable API, no token). A new ref's seed:
 * ref-seed.int.test.ts; the claims file's rules: ref-files.test.ts.
 */
import { describe, expect, it } from '@jest/globals'
import { emptyLedger, serializeLedger } from '../../src/ledger/ledger.js'
import { claimKey, parseClaims } from '../../src/ledger/ref-files.js'
import type { Ledger } from '../../src/types.js'
import { ledgerWith, refBench, seedOf } from '../support/ledger-ref.js'

const CREATED = '2026-11-01T00:00:00.000Z'
const DENIED = {
  status: 403,
  message: 'Resource not accessible by integration'
}

describe('the ledger ref through the Git Data API', () => {
  const bench = refBench('test')
  const { freshRef, warnings } = bench
  const store: typeof bench.store = (...args) => bench.store(...args)
  const show: typeof bench.show = (...args) => bench.show(...args)

  it('creates the ref with its first claims; a later run finds them taken', async () => {
    const ref = freshRef()
    const first = store(ref, '1', { now: new Date(CREATED) })
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
    expect(bench.repo.git('rev-list', '--count', ref)).toBe('2')
  })

  it('claims a thousand pings in one commit', async () => {
    const ref = freshRef()
    const one = store(ref, '1')
    await one.load()
    const names = Array.from({ length: 1000 }, (_, i) => `ping-${i}#0`)
    const writesBefore = bench.api.requests.filter(
      (r) => r.route === 'git-write'
    ).length
    const batch = await one.claimMany(names)
    expect(batch.results.every((r) => r === 'won')).toBe(true)
    // Tree, commit, ref: three writes for the whole batch.
    expect(
      bench.api.requests.filter((r) => r.route === 'git-write').length -
        writesBefore
    ).toBe(3)
    expect(bench.repo.git('rev-list', '--count', ref)).toBe('1')
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
      bench.api.requests.some(
        (r) => r.method === 'PATCH' && r.url.includes('test-')
      )
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
    expect(bench.repo.git('rev-list', '--count', ref)).toBe('1')
  })

  it('a token that cannot create the ref: claims unknown, nothing saved, one warning', async () => {
    const ref = freshRef()
    const seed = seedOf({})
    bench.api.setFault('git-write', DENIED)
    warnings.length = 0
    try {
      const one = store(ref, '1', { seed })
      await one.load()
      const batch = await one.claimMany(['a#0'])
      expect(batch).toMatchObject({ results: ['unknown'], permanent: true })
      expect(batch.problem).toMatch(
        /cannot create it \(grant contents: write\); a run that can will send it/
      )
      expect(one.state()).toMatchObject({ ref: 'missing', write: 'denied' })
      expect(one.state().problem).toMatch(/cannot write .*HTTP 403/)
      const saved = await one.save(ledgerWith('https://x.example/1', 'sent'))
      expect(saved).toMatchObject({ saved: false, warnings: [] })
      expect((await one.claimMany(['b#0'])).results).toEqual(['unknown'])
    } finally {
      bench.api.setFault('git-write', undefined)
    }
    expect(() => bench.repo.git('rev-parse', '--verify', ref)).toThrow()
    // Never a fallback: the cache was read for the seed, nothing else.
    expect(seed.asked).toBe(1)
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatch(
      /^This run's token cannot write .*HTTP 403.*which does not exist yet, so this run sends nothing and holds its pings pending for a run that can create it\. Grant the workflow `permissions: contents: write`, or remove `ledger-ref`/
    )
  })

  it('a token that cannot write an existing ref: nothing may be sent, and the warning says why', async () => {
    const ref = freshRef()
    await store(ref, '0').save(emptyLedger())
    bench.api.setFault('git-write', DENIED)
    warnings.length = 0
    try {
      const one = store(ref, '1')
      await one.load()
      const batch = await one.claimMany(['a#0'])
      expect(batch).toMatchObject({ results: ['unknown'], permanent: true })
      expect(batch.problem).toMatch(/cannot write it \(grant contents: write\)/)
      expect(
        (await one.save(ledgerWith('https://x.example/3', 'failed'))).saved
      ).toBe(false)
    } finally {
      bench.api.setFault('git-write', undefined)
    }
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatch(/sends nothing and holds its pings pending/)
    expect(bench.repo.git('rev-list', '--count', ref)).toBe('1')
  })

  it('tries a 502 again, and gives up with a reason when it persists', async () => {
    const ref = freshRef()
    const one = store(ref, '1')
    await one.load()
    bench.api.setFault('git-write', { status: 502, times: 1 })
    expect((await one.claimMany(['a#0'])).results).toEqual(['won'])
    bench.api.setFault('git-write', { status: 502 })
    try {
      const batch = await one.claimMany(['b#0'])
      expect(batch.results).toEqual(['unknown'])
      expect(batch.problem).toMatch(/HTTP 502/)
      expect(one.state().write).toBe('allowed')
    } finally {
      bench.api.setFault('git-write', undefined)
    }
  })

  it('a ref that is not a ledger (a branch of the blog) is neither read nor written', async () => {
    const head = bench.repo.git('rev-parse', 'HEAD')
    const one = store('refs/heads/main', '1')
    const loaded = await one.load()
    expect(loaded.warnings.join(' ')).toMatch(/not a trackback-action ledger/)
    expect((await one.claimMany(['a#0'])).results).toEqual(['unknown'])
    expect(
      (await one.save(ledgerWith('https://x.example/1', 'sent'))).saved
    ).toBe(false)
    expect(bench.repo.git('rev-parse', 'refs/heads/main')).toBe(head)
  })

  it('an unreadable API: load warns, the state says unreadable', async () => {
    const ref = freshRef()
    bench.api.setFault('git-read', { status: 500 })
    try {
      const one = store(ref, '1')
      const loaded = await one.load()
      expect(loaded.warnings.join(' ')).toMatch(/could not read .*HTTP 500/)
      expect(loaded.durable).toEqual({ ref: 'unreadable', behind: false })
      expect(one.state().ref).toBe('unreadable')
    } finally {
      bench.api.setFault('git-read', undefined)
    }
  })

  it('without a token: nothing is asked, every ping is held, and the warning says why', async () => {
    const before = bench.api.requests.length
    const one = store(freshRef(), '1', { token: '' })
    const loaded = await one.load()
    expect(loaded.warnings.join(' ')).toMatch(
      /could not read .*HTTP 401: ledger-ref .* github-token/
    )
    const batch = await one.claimMany(['a#0'])
    expect(batch.results).toEqual(['unknown'])
    expect(batch.problem).toMatch(/github-token/)
    expect(bench.api.requests.length).toBe(before)
  })
})
