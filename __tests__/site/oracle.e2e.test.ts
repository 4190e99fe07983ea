/**
 * The generators as oracle: every fixture site in oracle/cases.ts is built
 * with the real Jekyll or Hugo (Debian's packages, installed by .ci/run),
 * and for every file the action must agree with the generator on whether it
 * is a post, whether it is published, its public URL and its date. The
 * action's side uses the same calls as main.ts: loadSite → postMatcher →
 * readPost.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { decodeHTML } from 'entities'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  builtSiteFiles,
  checkAgainstBuiltSite,
  defaultBuiltDir,
  pageFileFor
} from '../../src/site/built-site.js'
import { loadMarkdown } from '../../src/post/excerpt.js'
import type { PostChange } from '../../src/run/plan.js'
import { isPost, readPost } from '../../src/post/post.js'
import { postMatcher } from '../../src/site/post-paths.js'
import { loadSite } from '../../src/site/generators.js'
import type { Problem, Site } from '../../src/types.js'
import { DIFFERENCES, SITES } from './oracle/cases.js'
import { hugoOracle, jekyllOracle, writeSite } from './oracle/fixture.js'
import type { OracleAnswer, OracleSite } from './oracle/fixture.js'

// The excerpt functions (and readPost) need the Markdown reader loaded.
beforeAll(() => loadMarkdown())

/** One file as either side sees it. */
interface Verdict {
  post: boolean
  published?: boolean
  draft?: boolean
  url?: string
  date?: string
  error?: string
}

function oracleVerdict(
  answer: OracleAnswer | undefined,
  site: OracleSite
): Verdict {
  if (!answer) return { post: false }
  return {
    post: true,
    published: answer.published,
    ...(site.generator === 'hugo' ? { draft: answer.draft } : {}),
    url: canonicalUrl(answer.url),
    ...(answer.date !== undefined ? { date: answer.date } : {})
  }
}

/**
 * Deliberate difference: with `url: https://example.org/` (trailing slash)
 * Jekyll's `absolute_url` glues `url` and the path into
 * `https://example.org//2021/…`. The page is the same; the action pings
 * the URL without the doubled slash, which is what readers link to.
 */
function canonicalUrl(url: string): string {
  return (
    url
      .replace(/^(https?:\/\/[^/]+)\/{2,}/, '$1/')
      // Deliberate difference: Hugo 0.111 keeps a `#` from a file name raw
      // in `.Permalink` (`/posts/a-#b/`), which a browser reads as a
      // fragment: that link reaches `/posts/a-`. The page is written to
      // `posts/a-#b/index.html`; the action pings the URL that reaches it.
      .replace(/#/g, '%23')
  )
}

/**
 * Text as a reader compares it. Deliberate difference: the generators'
 * Markdown renderers turn quotes and dashes typographic (kramdown, and
 * Goldmark's typographer: ’ “ ” – — …); the action sends the characters
 * as written, so both are compared in their plain forms.
 */
function readable(text: string): string {
  return decodeHTML(text)
    .replace(/[‘’]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/—/g, '---')
    .replace(/–/g, '--')
    .replace(/…/g, '...')
    .replace(/\s+/g, ' ')
    .trim()
}

/** The action's excerpt is the generator's summary, or its start (`…`). */
function excerptAgrees(ours: string, theirs: string): boolean {
  const cut = ours.endsWith('…')
  const text = readable(cut ? ours.slice(0, -1) : ours)
  return cut ? readable(theirs).startsWith(text) : readable(theirs) === text
}

/** The action's answer, computed with `TZ` set as the build had it. */
async function actionVerdicts(
  dir: string,
  fixture: OracleSite,
  now: Date
): Promise<{
  site: Site
  problems: Problem[]
  verdicts: Map<string, Verdict>
  texts: Map<string, { excerpt: string; title: string }>
}> {
  const savedTz = process.env.TZ
  process.env.TZ = fixture.tz
  try {
    const { site, problems } = await loadSite(dir, {})
    const isPostFile = postMatcher([], site)
    const verdicts = new Map<string, Verdict>()
    const texts = new Map<string, { excerpt: string; title: string }>()
    for (const file of fixture.files) {
      if (!isPostFile(file.path)) {
        verdicts.set(file.path, { post: false })
        continue
      }
      const text = await readFile(join(dir, file.path), 'utf8')
      const read = readPost(file.path, text, site, { key: 'trackback', now })
      if (!isPost(read)) {
        verdicts.set(file.path, { post: true, error: read.message })
        continue
      }
      texts.set(file.path, { excerpt: read.excerpt, title: read.title })
      verdicts.set(file.path, {
        post: true,
        published: read.state === 'published',
        ...(site.generator === 'hugo' ? { draft: read.state === 'draft' } : {}),
        ...(read.url !== undefined ? { url: read.url } : {}),
        ...(read.urlError !== undefined ? { error: read.urlError } : {}),
        ...(read.date !== undefined ? { date: read.date } : {})
      })
    }
    return { site, problems, verdicts, texts }
  } finally {
    if (savedTz === undefined) delete process.env.TZ
    else process.env.TZ = savedTz
  }
}

const root = await mkdtemp(join(tmpdir(), 'trackback-oracle-'))
afterAll(async () => {
  await rm(root, { recursive: true, force: true })
})

describe.each(SITES.map((s) => [s.name, s] as const))('%s', (name, fixture) => {
  const dir = join(root, name)
  let oracle = new Map<string, OracleAnswer>()
  let action = new Map<string, Verdict>()
  let problems: Problem[] = []
  let site: Site = { generator: 'other' }
  let texts = new Map<string, { excerpt: string; title: string }>()

  beforeAll(async () => {
    await writeSite(dir, fixture)
    const answers =
      fixture.generator === 'jekyll'
        ? await jekyllOracle(dir, fixture.tz)
        : await hugoOracle(dir, fixture.tz)
    oracle = new Map(answers.map((a) => [a.path, a]))
    const computed = await actionVerdicts(dir, fixture, new Date())
    action = computed.verdicts
    problems = computed.problems
    site = computed.site
    texts = computed.texts
  })

  it('reads the config without problems', () => {
    expect(problems).toEqual([])
  })

  it('lists only files of the fixture', () => {
    const known = new Set(fixture.files.map((f) => f.path))
    expect([...oracle.keys()].filter((p) => !known.has(p))).toEqual([])
  })

  it("gives the generator's summary and title as plain text", () => {
    const disagreements: string[] = []
    let compared = 0
    for (const [path, answer] of oracle) {
      const ours = texts.get(path)
      if (!ours) continue
      if (answer.excerpt !== undefined) {
        compared++
        if (!excerptAgrees(ours.excerpt, answer.excerpt)) {
          disagreements.push(`${path}: ${ours.excerpt} ≠ ${answer.excerpt}`)
        }
      }
      if (answer.title && readable(ours.title) !== readable(answer.title)) {
        disagreements.push(`${path}: title ${ours.title} ≠ ${answer.title}`)
      }
    }
    expect(compared).toBeGreaterThan(0)
    expect(disagreements).toEqual([])
  })

  /** Published posts the action computes the generator's URL for. */
  const publishedUrls = (): Array<[string, string]> =>
    [...action.entries()].flatMap(([path, v]) =>
      v.published &&
      v.url !== undefined &&
      !DIFFERENCES.some((d) => d.site === name && d.path === path)
        ? [[path, v.url] as [string, string]]
        : []
    )

  it("finds every published post's page in the built site", async () => {
    const files = await builtSiteFiles(join(dir, defaultBuiltDir(site) ?? ''))
    const urls = publishedUrls()
    expect(urls.length).toBeGreaterThan(0)
    const missing = urls.filter(
      ([, url]) => pageFileFor(url, site.url ?? '', files ?? new Set()) == null
    )
    expect(missing).toEqual([])
  })

  it('names the real page when a URL misses the built site', async () => {
    const built = defaultBuiltDir(site) ?? ''
    const files = (await builtSiteFiles(join(dir, built))) ?? new Set()
    const [path, url] = publishedUrls()[0] ?? ['', '']
    const wrong = url.replace(/(\.html|\/)?$/, 'x$1')
    const change: PostChange = {
      file: path,
      after: {
        path,
        state: 'published',
        title: '',
        excerpt: '',
        url: wrong,
        targets: []
      },
      reason: 'diff'
    }
    const [checked] = checkAgainstBuiltSite(
      [change],
      { dir: built, files },
      site.url ?? ''
    )
    const after = checked?.after
    expect(after && isPost(after) ? after.urlError : '').toContain(
      `is not in the built site: there is no ${built}/`
    )
    expect(after && isPost(after) ? after.urlError : '').toContain(
      `Nearest pages: ${url}`
    )
  })

  it.each(fixture.files.map((f) => [f.path]))('%s', (path) => {
    const expected = oracleVerdict(oracle.get(path), fixture)
    const difference = DIFFERENCES.find(
      (d) => d.site === name && d.path === path
    )
    if (difference) {
      // A documented difference must still be one, or it is stale.
      expect(expected.url).not.toBe(difference.url)
      expected.url = difference.url
    }
    expect(action.get(path)).toEqual(expected)
  })
})
