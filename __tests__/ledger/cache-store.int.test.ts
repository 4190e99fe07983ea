// The store against the real @actions/cache client, talking to the loopback
// cache service in scripts/peers. Each test gets its own service, workspace
// and runner temp directory; "runs" are stores with different run ids.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import * as cache from '@actions/cache'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import {
  startCacheServer,
  type CacheServer
} from '../../scripts/peers/cache-server.mjs'
import { emptyLedger, recordOutcome } from '../../src/ledger/ledger.js'
import {
  createLedgerStore,
  type CacheLedgerStore,
  type LedgerStoreOptions
} from '../../src/ledger/cache-store.js'
import type { Ledger } from '../../src/types.js'

const PREFIX = 'trackback-ledger'
/** Ledger saves and restores, not claims. */
const LEDGER_KEYS = /^trackback-ledger-(?!claim-)/
const CACHE_ENV = [
  'ACTIONS_CACHE_SERVICE_V2',
  'ACTIONS_RESULTS_URL',
  'ACTIONS_RUNTIME_TOKEN',
  'ACTIONS_CACHE_MODE',
  'ACTIONS_CACHE_URL',
  'RUNNER_TEMP',
  'GITHUB_WORKSPACE'
]

let server: CacheServer
let root: string
let dir: string
const savedEnv: Record<string, string | undefined> = {}

beforeEach(async () => {
  for (const name of CACHE_ENV) {
    savedEnv[name] = process.env[name]
    delete process.env[name]
  }
  server = await startCacheServer()
  root = await mkdtemp(path.join(tmpdir(), 'ledger-store-'))
  await mkdir(path.join(root, 'temp'))
  await mkdir(path.join(root, 'workspace'))
  Object.assign(process.env, server.env(), {
    RUNNER_TEMP: path.join(root, 'temp'),
    GITHUB_WORKSPACE: path.join(root, 'workspace')
  })
  dir = path.join(root, 'workspace', '.trackback')
})

afterEach(async () => {
  await server.close()
  for (const name of CACHE_ENV) {
    if (savedEnv[name] === undefined) delete process.env[name]
    else process.env[name] = savedEnv[name]
  }
  await rm(root, { recursive: true, force: true })
})

/** The store's info lines (it writes no warnings: it returns them). */
const infos: string[] = []
const log = {
  info: (line: string) => void infos.push(line),
  warning: (line: string) => {
    throw new Error(`the cache store warned: ${line}`)
  }
}

function run(
  runId: string,
  runAttempt = '1',
  extra: Partial<LedgerStoreOptions> = {}
): CacheLedgerStore {
  return createLedgerStore({
    prefix: PREFIX,
    runId,
    runAttempt,
    dir,
    log,
    ...extra
  })
}

const NOW = new Date('2026-11-20T10:00:00.000Z')

/** A ledger with one pair per ping, each with the given outcome. */
function sent(pings: string[], base: Ledger = emptyLedger()): Ledger {
  let ledger = base
  for (const ping of pings) {
    ledger = recordOutcome(
      ledger,
      { post: 'https://blog.example/p/', ping, source: 'p.md', target: ping },
      'sent',
      { now: NOW, maxAttempts: 3 }
    )
  }
  return ledger
}

function pings(ledger: Ledger): string[] {
  return Object.values(ledger.entries)
    .map((entry) => entry.ping)
    .sort()
}

function keys(): string[] {
  return server.entries().map((entry) => entry.key)
}

/** Saves arbitrary text as if a ledger, bypassing the store. */
async function plant(key: string, text: string): Promise<void> {
  await mkdir(dir, { recursive: true })
  await writeFile(path.join(dir, 'ledger.json'), text)
  expect(await cache.saveCache([path.join(dir, 'ledger.json')], key)).not.toBe(
    -1
  )
}

describe('without a cache service', () => {
  it('says so once and makes no calls', async () => {
    delete process.env['ACTIONS_RESULTS_URL']
    const store = run('1')
    const loaded = await store.load()
    expect(loaded).toEqual({
      ledger: emptyLedger(),
      warnings: [
        'no cache service: the ledger cannot be kept; pings are deduplicated by the push’s diff only'
      ],
      available: false
    })
    const saved = await store.save(sent(['https://a.example/tb']))
    expect(saved).toMatchObject({ saved: false, key: '', warnings: [] })
    expect(await store.claim('x')).toBe('unknown')
    expect(server.requests()).toEqual([])
  })

  it.each([
    ['none', false],
    ['write-only', false]
  ])('treats ACTIONS_CACHE_MODE=%s as no ledger', async (mode, available) => {
    process.env['ACTIONS_CACHE_MODE'] = mode
    const loaded = await run('1').load()
    expect(loaded.available).toBe(available)
    expect(loaded.warnings[0]).toContain(`'${mode}'`)
    expect(server.requests()).toEqual([])
  })
})

describe('load and save', () => {
  it('round-trips a ledger between runs', async () => {
    const first = run('100')
    const loaded = await first.load()
    expect(loaded).toEqual({
      ledger: emptyLedger(),
      warnings: [],
      available: true
    })
    const ledger = sent(['https://a.example/tb', 'https://b.example/tb'])
    const saved = await first.save(ledger)
    expect(saved).toEqual({
      saved: true,
      key: `${PREFIX}-100-1`,
      ledger,
      warnings: []
    })

    const second = await run('101').load()
    expect(second).toEqual({
      ledger,
      restoredKey: `${PREFIX}-100-1`,
      warnings: [],
      available: true
    })
  })

  it('uploads in one PUT and downloads with one GET', async () => {
    await run('1').save(sent(['https://a.example/tb']))
    await run('2').load()
    expect(
      server.requests().map((request) => `${request.method} ${request.status}`)
    ).toEqual([
      'POST 200', // GetCacheEntryDownloadURL before saving: a miss
      'POST 200', // CreateCacheEntry
      'PUT 201',
      'POST 200', // FinalizeCacheEntryUpload
      'POST 200', // lookup: is ours still the newest?
      'POST 200', // GetCacheEntryDownloadURL
      'GET 200'
    ])
  })

  it('restores the newest of several saves', async () => {
    await run('1').save(sent(['https://a.example/tb']))
    await run('2').save(sent(['https://b.example/tb']))
    const loaded = await run('3').load()
    expect(loaded.restoredKey).toBe(`${PREFIX}-2-1`)
    // Run 2 merged run 1's ledger in before saving.
    expect(pings(loaded.ledger)).toEqual([
      'https://a.example/tb',
      'https://b.example/tb'
    ])
  })

  it('numbers later saves within a run', async () => {
    const store = run('5')
    const one = await store.save(sent(['https://a.example/tb']))
    const two = await store.save(sent(['https://b.example/tb']))
    expect([one.key, two.key]).toEqual([`${PREFIX}-5-1`, `${PREFIX}-5-1-2`])
    expect(pings(two.ledger)).toHaveLength(2)
  })

  it('lets a re-run (attempt 2) restore attempt 1', async () => {
    await run('7', '1').save(sent(['https://a.example/tb']))
    const retry = run('7', '2')
    const loaded = await retry.load()
    expect(loaded.restoredKey).toBe(`${PREFIX}-7-1`)
    const saved = await retry.save(
      sent(['https://b.example/tb'], loaded.ledger)
    )
    expect(saved.key).toBe(`${PREFIX}-7-2`)
    expect(keys()).toEqual([`${PREFIX}-7-1`, `${PREFIX}-7-2`])
  })

  it('merges two runs that save at the same time', async () => {
    await run('1').save(sent(['https://old.example/tb']))
    const a = run('10')
    const b = run('11')
    const [loadedA, loadedB] = await Promise.all([a.load(), b.load()])
    const [savedA, savedB] = await Promise.all([
      a.save(sent(['https://a.example/tb'], loadedA.ledger)),
      b.save(sent(['https://b.example/tb'], loadedB.ledger))
    ])
    expect(savedA.saved && savedB.saved).toBe(true)
    const later = await run('12').load()
    expect(pings(later.ledger)).toEqual([
      'https://a.example/tb',
      'https://b.example/tb',
      'https://old.example/tb'
    ])
    expect(later.restoredKey).toBe(keys().at(-1))
  })

  it('saves the union again when another run saved right after it', async () => {
    await server.close()
    // Run 20 saves a ledger without run 10's entry just after run 10's save
    // is final: run 10's re-read before saving could not have seen it.
    let planted = false
    server = await startCacheServer({
      afterFinalize: async (key) => {
        if (key !== `${PREFIX}-10-1` || planted) return
        planted = true
        await plant(
          `${PREFIX}-20-1`,
          JSON.stringify(sent(['https://other.example/tb']))
        )
      }
    })
    Object.assign(process.env, server.env())
    const saved = await run('10').save(sent(['https://a.example/tb']))
    expect(saved.saved).toBe(true)
    expect(saved.key).toBe(`${PREFIX}-10-1-2`)
    expect(keys()).toEqual([
      `${PREFIX}-10-1`,
      `${PREFIX}-20-1`,
      `${PREFIX}-10-1-2`
    ])
    const later = await run('30').load()
    expect(pings(later.ledger)).toEqual([
      'https://a.example/tb',
      'https://other.example/tb'
    ])
  })

  it('starts empty, without warnings, after the entries were evicted', async () => {
    await run('1').save(sent(['https://a.example/tb']))
    server.evict()
    const store = run('2')
    expect(await store.load()).toEqual({
      ledger: emptyLedger(),
      warnings: [],
      available: true
    })
    expect((await store.save(emptyLedger())).saved).toBe(true)
  })

  it('reads the ledger with the same dir given relative to the cwd', async () => {
    const cwd = process.cwd()
    process.chdir(path.join(root, 'workspace'))
    try {
      const relative = { dir: '.trackback' }
      await run('1', '1', relative).save(sent(['https://a.example/tb']))
      const loaded = await run('2', '1', relative).load()
      expect(loaded.restoredKey).toBe(`${PREFIX}-1-1`)
    } finally {
      process.chdir(cwd)
    }
  })
})

describe('unusable saved ledgers', () => {
  it('warns about a corrupt ledger and saves a fresh one over it', async () => {
    await plant(`${PREFIX}-1-1`, '{"version":1,"entries":')
    const store = run('2')
    const loaded = await store.load()
    expect(loaded.ledger).toEqual(emptyLedger())
    expect(loaded.restoredKey).toBeUndefined()
    expect(loaded.warnings).toHaveLength(1)
    expect(loaded.warnings[0]).toMatch(/trackback-ledger-1-1 is unusable/)
    const saved = await store.save(sent(['https://a.example/tb']))
    expect(saved.saved).toBe(true)
    expect((await run('3').load()).restoredKey).toBe(`${PREFIX}-2-1`)
  })

  it('does not save over a ledger of a newer format', async () => {
    await plant(`${PREFIX}-1-1`, '{"version":2,"entries":{}}')
    const store = run('2')
    const loaded = await store.load()
    expect(loaded.warnings[0]).toMatch(/format version 2/)
    const saved = await store.save(sent(['https://a.example/tb']))
    expect(saved.saved).toBe(false)
    expect(saved.warnings.join('\n')).toMatch(/newer format/)
    expect(keys()).toEqual([`${PREFIX}-1-1`])
  })

  it('drops unreadable entries with a count', async () => {
    const good = sent(['https://a.example/tb'])
    await plant(
      `${PREFIX}-1-1`,
      JSON.stringify({
        ...good,
        entries: { ...good.entries, bad: { post: 1 } }
      })
    )
    const loaded = await run('2').load()
    expect(loaded.ledger).toEqual(good)
    expect(loaded.warnings).toEqual([
      `the saved ledger ${PREFIX}-1-1 had 1 unreadable entry; it was dropped`
    ])
  })
})

describe('the seed of a new ledger ref', () => {
  it('is the newest ledger, with where it came from', async () => {
    await run('1').save(sent(['https://a.example/tb']))
    await run('2').save(sent(['https://b.example/tb']))
    infos.length = 0
    const seed = await run('3').seed()
    expect(pings(seed.ledger)).toEqual([
      'https://a.example/tb',
      'https://b.example/tb'
    ])
    expect(seed).toMatchObject({
      answer: { available: true, restoredKey: `${PREFIX}-2-1` },
      warnings: []
    })
    expect(seed.refusal).toBeUndefined()
    expect(infos.join('\n')).toMatch(/starts from the cache’s ledger/)
  })

  it('is empty, and not refused, when the cache holds none or has no service', async () => {
    expect(await run('1').seed()).toEqual({
      ledger: emptyLedger(),
      answer: { available: true },
      warnings: []
    })
    delete process.env['ACTIONS_RESULTS_URL']
    expect(await run('1').seed()).toEqual({
      ledger: emptyLedger(),
      answer: { available: false },
      warnings: []
    })
  })

  it('is refused when the cache could not be read: creating the ref would hide its ledger', async () => {
    await run('1').save(sent(['https://a.example/tb']))
    server.setFault({ type: 'read-denied' })
    const seed = await run('2').seed()
    expect(seed.refusal).toMatch(
      /does not exist yet and takes in the Actions cache’s ledger .*cache read denied.*not created in this run/
    )
    expect(seed.ledger).toEqual(emptyLedger())
  })

  it('is refused when a newer release wrote the cache’s ledger', async () => {
    await plant(`${PREFIX}-1-1`, '{"version":2,"entries":{}}')
    expect((await run('2').seed()).refusal).toMatch(/format version 2/)
  })

  it('starts empty over a corrupt ledger, with a warning', async () => {
    await plant(`${PREFIX}-1-1`, '{"version":1,"entries":')
    const seed = await run('2').seed()
    expect(seed.refusal).toBeUndefined()
    expect(seed.ledger).toEqual(emptyLedger())
    expect(seed.warnings.join(' ')).toMatch(
      /1-1 is unusable .*the ledger ref starts without it/
    )
  })
})

describe('claim', () => {
  it('is won once, then taken, across runs', async () => {
    const name = 'https://blog.example/p/ https://a.example/tb'
    expect(await run('1').claim(name)).toBe('won')
    expect(await run('2').claim(name)).toBe('taken')
    expect(await run('1').claim(name)).toBe('taken')
    expect(await run('2').claim(`${name}/other`)).toBe('won')
    expect(keys()).toHaveLength(2)
    for (const key of keys()) {
      expect(key).toMatch(new RegExp(`^${PREFIX}-claim-[0-9a-f]{32}$`))
    }
  })

  it('is never mistaken for the ledger (different cache version)', async () => {
    const store = run('1')
    expect(await store.claim('some pair')).toBe('won')
    expect(await store.load()).toMatchObject({
      ledger: emptyLedger(),
      warnings: []
    })
  })

  it('gives one winner among concurrent claims', async () => {
    const results = await Promise.all(
      ['1', '2', '3'].map((id) => run(id).claim('contested'))
    )
    expect(results.sort()).toEqual(['taken', 'taken', 'won'])
  })

  it.each([
    ['a 409 for a key that is not visible', { type: 'conflict' as const }],
    ['a read-only token', { type: 'read-only' as const }],
    ['no service', { type: 'missing' as const }],
    [
      'a non-retried 5xx',
      {
        type: 'error' as const,
        method: 'CreateCacheEntry' as const,
        status: 501
      }
    ]
  ])('is unknown with %s', async (_name, fault) => {
    server.setFault(fault)
    expect(await run('1').claim('pair')).toBe('unknown')
  })

  it('is unknown when the upload fails after the key was reserved', async () => {
    server.setFault({ type: 'error', method: 'upload', status: 403 })
    expect(await run('1').claim('pair')).toBe('unknown')
    server.setFault(undefined)
    // The reserved key blocks others, yet nobody can see a finished claim.
    expect(await run('2').claim('pair')).toBe('unknown')
  })

  it('is unknown when the cache mode forbids writes', async () => {
    process.env['ACTIONS_CACHE_MODE'] = 'read'
    expect(await run('1').claim('pair')).toBe('unknown')
    expect(server.requests()).toEqual([])
  })
})

describe('when the cache service misbehaves', () => {
  it('survives a service that is down', async () => {
    await server.close()
    const store = run('1')
    const loaded = await store.load()
    expect(loaded.available).toBe(true)
    expect(loaded.ledger).toEqual(emptyLedger())
    expect(loaded.warnings[0]).toMatch(/could not read the saved ledger/)
    // Nothing was read, so a save could hide the saved history: refused.
    const saved = await store.save(sent(['https://a.example/tb']))
    expect(saved.saved).toBe(false)
    expect(saved.warnings.join('\n')).toMatch(/not saved/)
    expect(await store.claim('pair')).toBe('unknown')
  })

  it('survives a missing service (404 bad_route)', async () => {
    server.setFault({ type: 'missing' })
    const store = run('1')
    expect((await store.load()).warnings[0]).toMatch(/404/)
    expect((await store.save(emptyLedger())).saved).toBe(false)
  })

  it('retries a passing 500 (the client waits 3 s)', async () => {
    await run('1').save(sent(['https://a.example/tb']))
    server.setFault({
      type: 'error',
      method: 'GetCacheEntryDownloadURL',
      status: 500,
      times: 1
    })
    const loaded = await run('2').load()
    expect(loaded.restoredKey).toBe(`${PREFIX}-1-1`)
    expect(loaded.warnings).toEqual([])
  })

  it('warns when saving fails with a non-retried 5xx', async () => {
    server.setFault({
      type: 'error',
      method: 'FinalizeCacheEntryUpload',
      status: 501
    })
    const saved = await run('1').save(sent(['https://a.example/tb']))
    expect(saved.saved).toBe(false)
    expect(saved.warnings[0]).toMatch(
      /could not save the ledger as trackback-ledger-1-1: .*501/
    )
  })

  it('warns when the token is read-only', async () => {
    server.setFault({ type: 'read-only' })
    const saved = await run('1').save(sent(['https://a.example/tb']))
    expect(saved.saved).toBe(false)
    expect(saved.warnings[0]).toMatch(/cache write denied/)
  })

  it('does not save when reads are denied', async () => {
    await run('1').save(sent(['https://a.example/tb']))
    server.setFault({ type: 'read-denied' })
    const store = run('2')
    expect((await store.load()).warnings[0]).toMatch(/cache read denied/)
    expect((await store.save(emptyLedger())).saved).toBe(false)
    expect(keys()).toEqual([`${PREFIX}-1-1`])
  })

  it('saves when only the first read failed', async () => {
    await run('1').save(sent(['https://a.example/tb']))
    server.setFault({
      type: 'error',
      method: 'GetCacheEntryDownloadURL',
      status: 501,
      times: 1
    })
    const store = run('2')
    const loaded = await store.load()
    expect(loaded.warnings).toHaveLength(1)
    const saved = await store.save(sent(['https://b.example/tb']))
    expect(saved.saved).toBe(true)
    expect(pings(saved.ledger)).toEqual([
      'https://a.example/tb',
      'https://b.example/tb'
    ])
  })

  it('saves with the loaded ledger when the re-read before saving fails', async () => {
    await run('1').save(sent(['https://a.example/tb']))
    const store = run('2')
    const loaded = await store.load()
    server.setFault({
      type: 'error',
      method: 'GetCacheEntryDownloadURL',
      status: 501,
      times: 1
    })
    // The caller starts from scratch: the store still merges what it loaded.
    const saved = await store.save(sent(['https://b.example/tb']))
    expect(loaded.restoredKey).toBe(`${PREFIX}-1-1`)
    expect(saved.saved).toBe(true)
    expect(saved.warnings[0]).toMatch(/merged with the one read earlier/)
    expect(pings(saved.ledger)).toHaveLength(2)
  })

  it('gives up on a hung service after the timeout, for the rest of the run', async () => {
    server.setFault({ type: 'hang', method: 'GetCacheEntryDownloadURL' })
    const store = run('1', '1', { timeoutMs: 300 })
    const loaded = await store.load()
    expect(loaded.warnings[0]).toMatch(/did not answer within 0.3 s/)
    server.setFault(undefined)
    const saved = await store.save(emptyLedger())
    expect(saved.saved).toBe(false)
    expect(await store.claim('pair')).toBe('unknown')
  })

  it('saves under the next key when the run’s key is taken (409)', async () => {
    server.setFault({ type: 'conflict', times: 1, key: LEDGER_KEYS })
    const saved = await run('1').save(sent(['https://a.example/tb']))
    expect(saved).toMatchObject({
      saved: true,
      key: `${PREFIX}-1-1-2`,
      warnings: []
    })
    const loaded = await run('2').load()
    expect(loaded.restoredKey).toBe(`${PREFIX}-1-1-2`)
    expect(pings(loaded.ledger)).toEqual(['https://a.example/tb'])
  })

  it('warns when every key it tries is taken (409)', async () => {
    server.setFault({ type: 'conflict', key: LEDGER_KEYS })
    const saved = await run('1').save(sent(['https://a.example/tb']))
    expect(saved.saved).toBe(false)
    expect(saved.warnings).toEqual([
      expect.stringMatching(
        /^could not save the ledger as trackback-ledger-1-1-2: .*Unable to reserve cache with key trackback-ledger-1-1-2/
      )
    ])
    expect(keys()).toEqual([])
  })

  it.each(['CreateCacheEntry', 'FinalizeCacheEntryUpload'] as const)(
    'gives up on a save whose %s hangs, after the timeout',
    async (method) => {
      server.setFault({ type: 'hang', method })
      const store = run('1', '1', { timeoutMs: 500 })
      expect((await store.load()).warnings).toEqual([])
      const saved = await store.save(sent(['https://a.example/tb']))
      expect(saved.saved).toBe(false)
      expect(saved.warnings).toEqual([
        'could not save the ledger as trackback-ledger-1-1: the cache service did not answer within 0.5 s (saving the ledger); the cache is not used for the rest of this run'
      ])
      expect(keys()).toEqual([])
    }
  )

  it('does not save when ACTIONS_CACHE_MODE=read', async () => {
    await run('1').save(sent(['https://a.example/tb']))
    process.env['ACTIONS_CACHE_MODE'] = 'read'
    const store = run('2')
    expect((await store.load()).restoredKey).toBe(`${PREFIX}-1-1`)
    const saved = await store.save(emptyLedger())
    expect(saved.saved).toBe(false)
    expect(saved.warnings[0]).toMatch(/'read' does not permit writes/)
  })
})

describe('cache-server', () => {
  it('serves staged blocks, block lists and ranged reads like Azure', async () => {
    // The toolkit only stages blocks above 128 MiB; drive the Azure SDK
    // directly with a tiny single-shot limit instead.
    const { BlockBlobClient } = await import('@azure/storage-blob')
    const response = await fetch(
      `${server.url}twirp/github.actions.results.api.v1.CacheService/CreateCacheEntry`,
      {
        method: 'POST',
        headers: {
          authorization: `Bearer ${server.token}`,
          'content-type': 'application/json'
        },
        body: JSON.stringify({ key: 'blocks', version: 'v' })
      }
    )
    const created = (await response.json()) as { signed_upload_url: string }
    const data = Buffer.from('0123456789'.repeat(1000))
    await new BlockBlobClient(created.signed_upload_url).uploadData(data, {
      maxSingleShotSize: 1024,
      blockSize: 4096
    })
    const uploads = server
      .requests()
      .filter((request) => request.method === 'PUT')
    expect(uploads).toHaveLength(4) // three blocks and the block list
    await fetch(
      `${server.url}twirp/github.actions.results.api.v1.CacheService/FinalizeCacheEntryUpload`,
      {
        method: 'POST',
        headers: { authorization: `Bearer ${server.token}` },
        body: JSON.stringify({
          key: 'blocks',
          version: 'v',
          size_bytes: '10000'
        })
      }
    )
    expect(server.read('blocks')?.equals(data)).toBe(true)
    const ranged = await fetch(
      created.signed_upload_url.replace(/\?.*/, '') +
        new URL(created.signed_upload_url).search,
      { headers: { range: 'bytes=10-19' } }
    )
    expect(ranged.status).toBe(206)
    expect(await ranged.text()).toBe('0123456789')
  })

  it('rejects a wrong runtime token', async () => {
    const response = await fetch(
      `${server.url}twirp/github.actions.results.api.v1.CacheService/GetCacheEntryDownloadURL`,
      { method: 'POST', body: '{}', headers: { authorization: 'Bearer x' } }
    )
    expect(response.status).toBe(401)
    expect(await response.json()).toMatchObject({ code: 'unauthenticated' })
  })
})
