/**
 * A new ledger ref and its seed (ref-store.ts): the ref's first commit takes
 * in the Actions cache's ledger, whichever write creates it and however many
 * runs race to; after that the cache is never asked; a seed that could hide
 * the cache's ledger creates nothing. And the ref read when the API hands
 * its files back as bytes.
 */
import { describe, expect, it } from '@jest/globals'
import type { Ledger } from '../../src/types.js'
import { startGitHubApi } from '../../scripts/peers/github-api.mjs'
import { ledgerWith, refBench, seedOf } from '../support/ledger-ref.js'

const CACHED = 'trackback-ledger-7-1'
const cachedLedger = ledgerWith('https://x.example/cached', 'sent')
const cached = (): ReturnType<typeof seedOf> =>
  seedOf({
    ledger: cachedLedger,
    answer: { available: true, restoredKey: CACHED }
  })

describe('a new ledger ref and its seed', () => {
  const bench = refBench('seed')
  const { freshRef } = bench
  const store = (
    ref: string,
    runId: string,
    seed: ReturnType<typeof seedOf>,
    server = bench.api
  ): ReturnType<typeof bench.store> => bench.store(ref, runId, { seed, server })
  const storedLedger = (ref: string): Ledger =>
    JSON.parse(bench.show(ref, 'ledger.json')) as Ledger
  const message = (ref: string): string =>
    bench.repo.git('log', '-1', '--format=%B', ref)

  it('takes in the cache’s ledger as its first commit; later runs read the ref alone', async () => {
    const ref = freshRef()
    const seed = cached()
    const first = store(ref, '1', seed)
    const loaded = await first.load()
    expect(loaded).toEqual({
      ledger: cachedLedger,
      restoredKey: CACHED,
      warnings: [],
      available: true,
      durable: {
        ref: 'missing',
        seed: { available: true, restoredKey: CACHED },
        behind: true
      }
    })
    // Behind: the run saves what it loaded, which creates the ref.
    expect((await first.save(loaded.ledger)).saved).toBe(true)
    expect(storedLedger(ref)).toEqual(cachedLedger)
    expect(message(ref)).toMatch(
      `Creates the ledger ref, its ledger taken from the Actions cache entry ${CACHED}.`
    )

    const other = seedOf({
      ledger: ledgerWith('https://x.example/other', 'sent')
    })
    const second = store(ref, '2', other)
    const again = await second.load()
    expect(again.ledger).toEqual(cachedLedger)
    expect(again.durable).toMatchObject({ ref: 'found', behind: false })
    await second.claimMany(['a#0'])
    await second.save(ledgerWith('https://x.example/2', 'sent'))
    expect(other.asked).toBe(0)
    expect(seed.asked).toBe(1)
  })

  it('claims as the first write carry the seed too', async () => {
    const ref = freshRef()
    const one = store(ref, '1', cached())
    await one.load()
    expect((await one.claimMany(['a#0'])).results).toEqual(['won'])
    expect(storedLedger(ref)).toEqual(cachedLedger)
    expect(message(ref)).toMatch(/^trackback-action: run 1\.1 claims 1 ping/)
  })

  it('two runs creating it at once: one creates it, the other builds on it', async () => {
    const ref = freshRef()
    const a = store(ref, '1', cached())
    const b = store(ref, '2', seedOf({}))
    await Promise.all([a.load(), b.load()])
    const names = ['p#0', 'q#0', 'r#0']
    const [ra, rb] = await Promise.all([a.claimMany(names), b.claimMany(names)])
    const won = names.filter(
      (_, i) => ra.results[i] === 'won' || rb.results[i] === 'won'
    )
    const both = names.filter(
      (_, i) => ra.results[i] === 'won' && rb.results[i] === 'won'
    )
    expect(won).toEqual(names)
    expect(both).toEqual([])
    expect(bench.repo.git('rev-list', '--count', ref)).toBe('1')
  })

  it('a seed that could hide the cache’s ledger: nothing is created, nothing claimed', async () => {
    const ref = freshRef()
    const refusal =
      'the ledger ref does not exist yet and takes in the Actions cache’s ledger when it is created, but could not read the saved ledger: HTTP 503; it is not created in this run'
    const one = store(ref, '1', seedOf({ refusal }))
    const loaded = await one.load()
    expect(loaded.warnings).toEqual([refusal])
    expect(loaded.durable).toMatchObject({ ref: 'missing', behind: false })
    expect(await one.claimMany(['a#0'])).toEqual({
      results: ['unknown'],
      permanent: true,
      problem: refusal
    })
    const saved = await one.save(ledgerWith('https://x.example/1', 'failed'))
    expect(saved.saved).toBe(false)
    expect(saved.warnings.join(' ')).toContain(refusal)
    expect(() => bench.repo.git('rev-parse', '--verify', ref)).toThrow()
  })

  it.each(['application/octet-stream', 'application/vnd.github.raw'])(
    'reads the ref when the API labels its files %s (bytes, not text)',
    async (rawContentType) => {
      const ref = freshRef()
      const writer = store(ref, '1', cached())
      await writer.load()
      await writer.claimMany(['a#0'])
      const bytes = await startGitHubApi({
        repoDir: bench.repo.dir,
        rawContentType
      })
      try {
        const reader = store(ref, '2', seedOf({}), bytes)
        const loaded = await reader.load()
        expect(loaded.warnings).toEqual([])
        expect(loaded.ledger).toEqual(cachedLedger)
        expect((await reader.claimMany(['a#0', 'b#0'])).results).toEqual([
          'taken',
          'won'
        ])
      } finally {
        await bytes.close()
      }
    }
  )
})
