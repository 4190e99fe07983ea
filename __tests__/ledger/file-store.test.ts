import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import {
  FileLedgerStore,
  LEDGER_FILE,
  LedgerFileError,
  lockSends,
  openClaims,
  parseLedgerFile,
  readLedgerFile,
  serializeLedgerFile
} from '../../src/ledger/file-store.js'
import { ledgerKey } from '../../src/ledger/ledger.js'
import type { Ledger, LedgerEntry } from '../../src/types.js'

const POST = 'https://blog.example.org/2026/12/01/x.html'
const PING = 'https://arxiv.org/trackback/2101.00001'
const KEY = ledgerKey(POST, PING)

const entry = (over: Partial<LedgerEntry> = {}): LedgerEntry => ({
  post: POST,
  ping: PING,
  source: '_posts/2026-12-01-x.md',
  target: 'arXiv:2101.00001',
  status: 'sent',
  attempts: 1,
  updated: '2026-12-01T10:00:00.000Z',
  ...over
})
const ledgerOf = (...entries: LedgerEntry[]): Ledger => ({
  version: 1,
  entries: Object.fromEntries(
    entries.map((e) => [ledgerKey(e.post, e.ping), e])
  )
})

describe('the ledger file as text', () => {
  it('is the ledger JSON plus the open claims, and reads back the same', () => {
    const contents = {
      ledger: { ...ledgerOf(entry()), lastCommit: 'a'.repeat(40) },
      claims: { [`${KEY}#1`]: '2026-12-01T10:00:00.000Z' }
    }
    const text = serializeLedgerFile(contents)
    expect(JSON.parse(text)).toMatchObject({
      version: 1,
      lastCommit: 'a'.repeat(40),
      claims: { [`${KEY}#1`]: '2026-12-01T10:00:00.000Z' }
    })
    expect(parseLedgerFile(text, LEDGER_FILE)).toEqual(contents)
  })

  it('has no claims key when no claim is open', () => {
    const text = serializeLedgerFile({ ledger: ledgerOf(entry()), claims: {} })
    expect(JSON.parse(text)).not.toHaveProperty('claims')
  })

  it('refuses a file that is not a ledger, naming it and how to restore it', () => {
    expect(() => parseLedgerFile('{"entries": 1', LEDGER_FILE)).toThrow(
      LedgerFileError
    )
    expect(() => parseLedgerFile('[]', LEDGER_FILE)).toThrow(
      /\.trackback-ledger\.json cannot be read: .*git checkout -- \.trackback-ledger\.json/
    )
  })
})

describe('openClaims', () => {
  const claims = {
    [`${KEY}#0`]: '2026-12-01T10:00:00.000Z',
    [`${KEY}#1`]: '2026-12-02T10:00:00.000Z'
  }
  it('keeps a claim until the entry records its try', () => {
    const failedOnce = ledgerOf(entry({ status: 'failed', attempts: 1 }))
    expect(Object.keys(openClaims({ ledger: failedOnce, claims }))).toEqual([
      `${KEY}#1`
    ])
    expect(openClaims({ ledger: ledgerOf(), claims })).toEqual(claims)
  })
  it('drops every claim of a pair once it is sent or rejected', () => {
    expect(openClaims({ ledger: ledgerOf(entry()), claims })).toEqual({})
    expect(
      openClaims({
        ledger: ledgerOf(entry({ status: 'rejected', attempts: 1 })),
        claims
      })
    ).toEqual({})
  })
})

describe('FileLedgerStore and readLedgerFile, on a real directory', () => {
  let dir: string
  let file: string
  const now = (): Date => new Date('2026-12-02T08:00:00.000Z')
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'trackback-file-store-'))
    file = path.join(dir, LEDGER_FILE)
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it('loads an empty ledger when there is no file, and saves one', async () => {
    const store = new FileLedgerStore(file, { now })
    const loaded = await store.load()
    expect(loaded.ledger.entries).toEqual({})
    expect(loaded.available).toBe(true)
    const saved = await store.save({
      ...ledgerOf(entry()),
      lastCommit: 'b'.repeat(40)
    })
    expect(saved.saved).toBe(true)
    const back = parseLedgerFile(readFileSync(file, 'utf8'), LEDGER_FILE)
    expect(back.ledger.entries[KEY]?.status).toBe('sent')
    expect(back.ledger.lastCommit).toBe('b'.repeat(40))
  })

  it('writes claims to disk before answering; a second claim of a name is taken', async () => {
    const store = new FileLedgerStore(file, { now })
    const first = await store.claimMany([`${KEY}#0`])
    expect(first).toEqual({ results: ['won'], permanent: true })
    // Another store on the same file (a later send after a crash).
    const later = new FileLedgerStore(file, { now })
    expect(await later.claim(`${KEY}#0`)).toBe('taken')
    expect(await later.claim(`${KEY}#1`)).toBe('won')
  })

  it("counts the action's claims and entries as taken and known", async () => {
    const store = new FileLedgerStore(file, {
      now,
      also: ledgerOf(entry()),
      alsoClaimed: (name) => name === `${KEY}#3`
    })
    expect((await store.load()).ledger.entries[KEY]?.status).toBe('sent')
    expect(await store.claim(`${KEY}#3`)).toBe('taken')
  })

  it('a save that changes no record leaves the file as it is', async () => {
    const store = new FileLedgerStore(file, { now })
    await store.save({ ...ledgerOf(entry()), lastCommit: 'c'.repeat(40) })
    const before = readFileSync(file, 'utf8')
    await store.save({ ...ledgerOf(entry()), lastCommit: 'd'.repeat(40) })
    expect(readFileSync(file, 'utf8')).toBe(before)
  })

  it('the action reads the entries, and an open claim as given up, without the last commit', async () => {
    const store = new FileLedgerStore(file, { now })
    const other = entry({
      ping: 'https://b.example/tb',
      status: 'failed',
      attempts: 1
    })
    await store.save({
      ...ledgerOf(entry(), other),
      lastCommit: 'e'.repeat(40)
    })
    await store.claim(`${ledgerKey(POST, 'https://b.example/tb')}#1`)
    const read = await readLedgerFile(dir)
    expect(read.ledger?.lastCommit).toBeUndefined()
    expect(read.ledger?.entries[KEY]?.status).toBe('sent')
    expect(
      read.ledger?.entries[ledgerKey(POST, 'https://b.example/tb')]
    ).toMatchObject({
      status: 'given-up',
      message: expect.stringMatching(/may have been sent/)
    })
  })

  it('tells the action when the file is missing or unreadable', async () => {
    expect(await readLedgerFile(dir)).toEqual({})
    writeFileSync(file, 'not json')
    expect((await readLedgerFile(dir)).warning).toMatch(/cannot be read/)
  })

  it('lets one send hold the lock at a time', async () => {
    const release = await lockSends(dir)
    expect(release).toBeDefined()
    expect(await lockSends(dir)).toBeUndefined()
    await release?.()
    const again = await lockSends(dir)
    expect(again).toBeDefined()
    await again?.()
  })
})
