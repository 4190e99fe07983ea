/**
 * The hostile-input corpus (__fixtures__/hostile/corpus.ts), case by case:
 * broken front matter, odd encodings, huge files, targets of the wrong shape
 * or scheme, IP literals in every notation, bad arXiv ids, broken site
 * configs and invalid inputs. Each gives its message (and line), never an
 * exception, and a good target next to a bad one is still planned.
 */
import { beforeAll, describe, expect, it } from '@jest/globals'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import {
  configCases,
  FORBIDDEN_HOSTS,
  inputCases,
  postCases,
  type PostCase
} from '../../__fixtures__/hostile/corpus.js'
import { urlPolicyError } from '../../src/net/address-policy.js'
import { loadMarkdown } from '../../src/post/excerpt.js'
import { emptyLedger } from '../../src/ledger/ledger.js'
import { planPings } from '../../src/run/plan.js'
import { readPost } from '../../src/post/post.js'
import { parseSettings, SettingsError } from '../../src/settings/settings.js'
import { loadSite } from '../../src/site/generators.js'
import { jekyllSite } from '../../src/site/jekyll/config.js'

// The excerpt functions (and readPost) need the Markdown reader loaded.
beforeAll(() => loadMarkdown())

const NOW = new Date('2026-11-24T12:00:00Z')
const FILE = '_posts/2026-11-20-hostile.md'
const SITE = jekyllSite(
  { url: 'https://blog.example.org', timezone: 'UTC' },
  {}
)

/** What the plan made of one post source, in the corpus's terms. */
function rowsOf(text: string): Array<Record<string, unknown>> {
  const post = readPost(FILE, text, SITE, { key: 'trackback', now: NOW })
  const plan = planPings(
    [{ file: FILE, after: post, reason: 'diff' }],
    emptyLedger(),
    {
      now: NOW,
      dryRun: false,
      blogName: 'Blog',
      maxPings: 100_000,
      addressPolicy: (ping) => urlPolicyError(ping, false)
    }
  )
  return plan.pings.map((p) =>
    p.request
      ? { status: 'send', ping: p.request.ping, line: p.result.line }
      : {
          status: p.result.status,
          message: p.result.message,
          line: p.result.line
        }
  )
}

function expectCase(c: PostCase): void {
  const rows = rowsOf(c.text)
  if (c.expect.kind === 'unreadable') {
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({
      status: 'invalid',
      message: expect.stringMatching(c.expect.message)
    })
    if (c.expect.line !== undefined) {
      expect(rows[0]?.line).toBe(c.expect.line)
    }
    return
  }
  expect(
    rows.map((r, i) => {
      const want = c.expect.kind === 'rows' ? c.expect.rows[i] : undefined
      // Compare a row only on what the case pins down.
      if (!want) return r
      const got: Record<string, unknown> = { status: r.status }
      if (want.status === 'send') got.ping = r.ping
      else got.message = r.message
      if (want.line !== undefined) got.line = r.line
      return got
    })
  ).toEqual(
    c.expect.rows.map((want) =>
      want.status === 'send'
        ? { status: 'send', ping: want.ping, ...lineOf(want) }
        : {
            status: 'invalid',
            message: expect.stringMatching(want.message),
            ...lineOf(want)
          }
    )
  )
}

const lineOf = (row: { line?: number }): { line?: number } =>
  row.line === undefined ? {} : { line: row.line }

const posts = postCases()
const configs = configCases()
const inputs = inputCases()

describe('the hostile-input corpus', () => {
  it('holds at least 300 cases', () => {
    expect(
      posts.length + configs.length + inputs.length
    ).toBeGreaterThanOrEqual(300)
  })
})

describe.each([...new Set(posts.map((c) => c.category))])(
  'post sources: %s',
  (category) => {
    it.each(
      posts
        .filter((c) => c.category === category)
        .map((c) => [c.name, c] as const)
    )('%s', (_name, c) => {
      expectCase(c)
    })
  }
)

describe('site configuration', () => {
  it.each(configs.map((c) => [`${c.file}: ${c.name}`, c] as const))(
    '%s',
    async (_name, c) => {
      const root = mkdtempSync(path.join(os.tmpdir(), 'trackback-hostile-'))
      try {
        writeFileSync(path.join(root, c.file), c.text)
        const { problems } = await loadSite(root, {})
        expect(problems).toContainEqual(
          expect.objectContaining({
            file: c.file,
            message: expect.stringMatching(c.message),
            ...(c.line !== undefined ? { line: c.line } : {})
          })
        )
      } finally {
        rmSync(root, { recursive: true, force: true })
      }
    }
  )
})

describe('action inputs', () => {
  it.each(inputs.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    let error: unknown
    try {
      parseSettings((name) => c.inputs[name] ?? '', 'push')
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(SettingsError)
    expect((error as Error).message).toMatch(c.message)
    expect((error as Error).message).toMatch(/Expected/)
  })
})

describe('the address policy on every IP notation of the corpus', () => {
  it.each(FORBIDDEN_HOSTS)(
    '%s is refused, and allowed only by allow-private-networks',
    (host) => {
      for (const url of [
        `http://${host}/tb`,
        `https://${host}:443/tb`,
        `http://${host}:8080/tb`
      ]) {
        expect(urlPolicyError(url, false)).toMatch(
          /private or special-purpose|local machine/
        )
        expect(urlPolicyError(url, true)).toBeUndefined()
      }
    }
  )
})
