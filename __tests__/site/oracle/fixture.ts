/**
 * Fixture sites for the generator oracle: write a site described in
 * cases.ts to a directory, build it with the real generator, and read the
 * generator's own answer for every post (public URL, date, published or
 * not). Only the test suite uses this; it needs Debian's `jekyll` and `hugo`.
 */
import { execFile } from 'node:child_process'
import { mkdir, readdir, readFile, realpath, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)

/** One file of a fixture site, path relative to the site root. */
export interface SiteFile {
  path: string
  text: string
}

/** A fixture site: the generator, the zone the build runs in, its files. */
export interface OracleSite {
  name: string
  generator: 'jekyll' | 'hugo'
  /** `TZ` of the build process (and of the action while it computes). */
  tz: string
  files: SiteFile[]
}

/** How a post file is written. */
export interface FileOptions {
  /** Front matter syntax (default yaml); the text is written as given. */
  format?: 'yaml' | 'toml' | 'json'
  /** Start the file with a byte order mark. */
  bom?: boolean
  /** Write CRLF line endings. */
  crlf?: boolean
  /** The body after the front matter. */
  body?: string
}

/**
 * A post file: front matter text (lines separated by `\n`) between the
 * format's delimiters, then a body. A JSON front matter is the object text.
 * `frontMatter` undefined writes a file without front matter.
 */
export function post(
  path: string,
  frontMatter?: string,
  options: FileOptions = {}
): SiteFile {
  const body = options.body ?? 'A paragraph of text.\n'
  let text: string
  if (frontMatter === undefined) {
    text = body
  } else if (options.format === 'json') {
    text = `${frontMatter}\n${body}`
  } else {
    const fence = options.format === 'toml' ? '+++' : '---'
    const inner = frontMatter === '' ? '' : `${frontMatter}\n`
    text = `${fence}\n${inner}${fence}\n${body}`
  }
  if (options.crlf) text = text.replace(/\r?\n/g, '\r\n')
  if (options.bom) text = `\uFEFF${text}`
  return { path, text }
}

/** A config or other file written verbatim. */
export function raw(path: string, text: string): SiteFile {
  return { path, text }
}

/** Write the site's files under `dir`. */
export async function writeSite(dir: string, site: OracleSite): Promise<void> {
  for (const f of site.files) {
    await mkdir(dirname(join(dir, f.path)), { recursive: true })
    await writeFile(join(dir, f.path), f.text)
  }
}

/** What the generator says about one post. */
export interface OracleAnswer {
  /** Source path relative to the site root. */
  path: string
  /** Absolute public URL. */
  url: string
  /** The post's (publish) date as an ISO instant, when it has one. */
  date?: string
  /** Whether a normal build publishes it. */
  published: boolean
  /** Whether the generator marks it a draft (Hugo). */
  draft?: boolean
  /**
   * The generator's own summary as text (Jekyll `excerpt | strip_html`,
   * Hugo `.Summary | plainify`), entities not decoded; published Hugo
   * pages only.
   */
  excerpt?: string
  /** The generator's title as text (`strip_html`, `plainify`). */
  title?: string
}

/** Files the oracle adds to a Jekyll site: a page listing `site.posts`. */
const JEKYLL_LISTING = `---
layout: null
permalink: /oracle-posts.json
---
[{% for p in site.posts %}{"path": {{ p.path | jsonify }}, "url": {{ p.url | absolute_url | jsonify }}, "date": {{ p.date | date: "%Y-%m-%dT%H:%M:%S.%L%z" | jsonify }}, "excerpt": {{ p.excerpt | strip_html | normalize_whitespace | jsonify }}, "title": {{ p.title | strip_html | jsonify }}}{% unless forloop.last %},{% endunless %}
{% endfor %}]
`

interface JekyllListed {
  path: string
  url: string
  date: string
  excerpt: string
  title: string
}

/**
 * Build a Jekyll site twice in `dir`: a normal build into `_site` (which
 * decides what is published and is kept for the built-site check) and one
 * with `--future --unpublished` (the URL of every post, live or not).
 */
export async function jekyllOracle(
  dir: string,
  tz: string
): Promise<OracleAnswer[]> {
  await writeFile(join(dir, 'oracle-posts.liquid'), JEKYLL_LISTING)
  const env = { ...process.env, TZ: tz, JEKYLL_ENV: 'production' }
  const build = async (
    dest: string,
    extra: string[]
  ): Promise<JekyllListed[]> => {
    await run(
      'jekyll',
      [
        'build',
        '--quiet',
        '--safe',
        '--source',
        dir,
        '--destination',
        dest,
        ...extra
      ],
      { env, cwd: dir }
    )
    const text = await readFile(join(dest, 'oracle-posts.json'), 'utf8')
    return JSON.parse(text) as JekyllListed[]
  }
  const everything = await build(join(dir, '.oracle-all'), [
    '--future',
    '--unpublished',
    '--disable-disk-cache'
  ])
  const live = new Set(
    (await build(join(dir, '_site'), ['--disable-disk-cache'])).map(
      (p) => p.path
    )
  )
  return everything.map((p) => ({
    path: p.path,
    url: p.url,
    date: isoInstant(p.date),
    published: live.has(p.path),
    excerpt: p.excerpt,
    title: p.title
  }))
}

/**
 * Ask Hugo in `dir`: `hugo list all` (every regular page with its permalink,
 * dates and draft flag, drafts and future and expired included), then a
 * normal build into `public/` whose pages list what is published (by file
 * name: `.File.Path` is relative to a content dir, which may be one of
 * several, one per language).
 */
export async function hugoOracle(
  dir: string,
  tz: string
): Promise<OracleAnswer[]> {
  const env = { ...process.env, TZ: tz }
  await mkdir(join(dir, 'layouts/_default'), { recursive: true })
  await writeFile(
    join(dir, 'layouts/_default/single.html'),
    '<h1>{{ .Title }}</h1>\n{{ .Content }}\n'
  )
  await writeFile(join(dir, 'layouts/_default/list.html'), '{{ .Title }}\n')
  // Every language's home lists the regular pages the build publishes.
  await writeFile(
    join(dir, 'layouts/index.html'),
    '{{ range .Site.AllPages }}{{ if .IsPage }}ORACLE\t{{ .File.Filename | base64Encode | safeHTML }}\t{{ .Summary | plainify | base64Encode | safeHTML }}\t{{ .Title | plainify | base64Encode | safeHTML }}\n{{ end }}{{ end }}'
  )
  const listed = await run('hugo', ['list', 'all', '--source', dir], { env })
  const rows = parseCsv(listed.stdout)
  const header = rows.shift() ?? []
  const col = (name: string): number => header.indexOf(name)
  await run(
    'hugo',
    ['--quiet', '--source', dir, '--destination', join(dir, 'public')],
    {
      env
    }
  )
  const live = new Map<string, { excerpt: string; title: string }>()
  const roots = [`${dir}/`, `${await realpath(dir)}/`]
  const relativePath = (file: string): string => {
    const root = roots.find((r) => file.startsWith(r))
    return root === undefined ? file : file.slice(root.length)
  }
  const unbase64 = (b64: string | undefined): string =>
    Buffer.from(b64 ?? '', 'base64').toString('utf8')
  for (const file of await listFiles(join(dir, 'public'))) {
    if (!file.endsWith('index.html')) continue
    const html = await readFile(join(dir, 'public', file), 'utf8')
    for (const line of html.split('\n')) {
      if (line.startsWith('ORACLE\t')) {
        const [, path, excerpt, title] = line.trim().split('\t')
        live.set(relativePath(unbase64(path)), {
          excerpt: unbase64(excerpt),
          title: unbase64(title)
        })
      }
    }
  }
  return rows
    .filter((r) => r.length === header.length)
    .map((r) => {
      const path = r[col('path')] ?? ''
      const date = r[col('publishDate')] ?? ''
      return {
        path,
        url: r[col('permalink')] ?? '',
        date: date.startsWith('0001-') ? undefined : isoInstant(date),
        draft: r[col('draft')] === 'true',
        published: live.has(path),
        ...live.get(path)
      }
    })
}

/** Every file under `dir`, relative to it, `/`-separated. */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true })
  return entries
    .filter((e) => e.isFile())
    .map((e) =>
      join(e.parentPath, e.name)
        .slice(dir.length + 1)
        .split('\\')
        .join('/')
    )
}

/** A date as an ISO instant in UTC without milliseconds. */
function isoInstant(text: string): string | undefined {
  const normal = text.replace(/([+-]\d{2})(\d{2})$/, '$1:$2')
  const ms = Date.parse(normal)
  return Number.isNaN(ms)
    ? undefined
    : new Date(ms).toISOString().replace(/\.000Z$/, 'Z')
}

/** RFC 4180 CSV as Go's encoding/csv writes it. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"'
        i++
      } else if (c === '"') {
        quoted = false
      } else {
        field += c
      }
    } else if (c === '"') {
      quoted = true
    } else if (c === ',') {
      row.push(field)
      field = ''
    } else if (c === '\n') {
      row.push(field)
      rows.push(row)
      row = []
      field = ''
    } else if (c !== '\r') {
      field += c
    }
  }
  if (field !== '' || row.length > 0) rows.push([...row, field])
  return rows
}
