// `npm run screenshot`: the README's pictures of the job summary, taken
// from real runs of the bundled action (dist/index.js; `npm run build`
// first).
//
// Makes a small Jekyll blog in a temporary git repository, starts a
// TrackBack receiver and an Actions cache service on 127.0.0.1
// (scripts/peers/), and runs the action the way a runner does, twice:
//   1. the push that publishes three posts, against the receiver (it stands
//      in for arXiv and a WordPress blog whose post 7 has TrackBacks closed)
//      → docs/summary.png
//   2. a pull request adding a post whose targets are real arXiv papers: a
//      dry run, which contacts nothing → docs/summary-pull-request.png
// Each run's job summary (the $GITHUB_STEP_SUMMARY Markdown) is rendered to
// HTML with marked and GitHub-like CSS, and Debian's headless Chromium
// takes the screenshot. Pass --keep to keep the HTML files and print where.
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'
import { marked } from 'marked'
import { startCacheServer } from './peers/cache-server.mjs'
import { startReceiver } from './peers/receiver.mjs'
import { runAction } from './peers/run-action.mjs'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium'
const WIDTH = 1100
const keep = process.argv.includes('--keep')

/** `YYYY-MM-DD` of today plus `days` (UTC). */
function day(days) {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)
}

/** A git repository in a temporary folder, with a fixed author. */
function makeRepo() {
  const dir = mkdtempSync(path.join(tmpdir(), 'trackback-screenshot-blog-'))
  const git = (...args) =>
    execFileSync(
      'git',
      ['-c', 'user.name=Ada', '-c', 'user.email=ada@example.org', ...args],
      {
        cwd: dir,
        encoding: 'utf8'
      }
    ).trim()
  const write = (file, text) => {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true })
    writeFileSync(path.join(dir, file), text)
  }
  const commit = (message) => {
    git('add', '-A')
    git('commit', '-q', '-m', message)
    return git('rev-parse', 'HEAD')
  }
  git('init', '-q', '-b', 'main')
  return { dir, git, write, commit }
}

const post = (title, targets, body) =>
  [
    '---',
    `title: "${title}"`,
    'trackback:',
    ...targets.map((t) => `  - ${t}`),
    '---',
    body,
    ''
  ].join('\n')

/** GitHub-like styles for a job summary card. */
const CSS = `
body { margin: 0; padding: 24px; background: #f6f8fa; color: #1f2328;
  font: 14px/1.5 -apple-system, BlinkMacSystemFont, "Segoe UI", "Noto Sans",
  Helvetica, Arial, sans-serif, "Noto Color Emoji"; }
.card { background: #fff; border: 1px solid #d0d7de; border-radius: 6px; }
.card > header { padding: 12px 16px; border-bottom: 1px solid #d0d7de;
  font-weight: 600; font-size: 14px; }
.card > header span { color: #59636e; font-weight: 400; }
.body { padding: 8px 24px 16px; }
h2 { font-size: 1.5em; font-weight: 600; padding-bottom: .3em;
  border-bottom: 1px solid #d1d9e0b3; margin: 16px 0; }
h3 { font-size: 1.25em; font-weight: 600; margin: 24px 0 8px; }
p, ul { margin: 0 0 12px; }
a { color: #0969da; text-decoration: none; }
code { font: 12px ui-monospace, SFMono-Regular, "DejaVu Sans Mono", monospace;
  background: #818b981f; border-radius: 6px; padding: .2em .4em; }
table { border-collapse: collapse; margin: 0 0 12px; display: block;
  width: max-content; max-width: 100%; overflow: auto; }
th, td { border: 1px solid #d1d9e0; padding: 6px 13px; text-align: left;
  vertical-align: top; }
th { font-weight: 600; }
tr:nth-child(2n) td { background: #f6f8fa; }
`

function page(markdown, job) {
  return `<!doctype html><html><head><meta charset="utf-8"><style>${CSS}</style></head>
<body><div class="card"><header>${job} <span>summary</span></header>
<div class="body">${marked.parse(markdown)}</div></div>
<script>document.body.dataset.height = document.documentElement.scrollHeight</script>
</body></html>`
}

/** Render an HTML file to a PNG as tall as the page. */
function screenshot(htmlFile, pngFile) {
  const profile = mkdtempSync(path.join(tmpdir(), 'trackback-chromium-'))
  const flags = (height) => [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--hide-scrollbars',
    '--force-device-scale-factor=1',
    `--user-data-dir=${profile}`,
    `--window-size=${WIDTH},${height}`
  ]
  const url = `file://${htmlFile}`
  try {
    const dom = execFileSync(CHROMIUM, [...flags(800), '--dump-dom', url], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore']
    })
    const height = Number(/data-height="(\d+)"/.exec(dom)?.[1] ?? 1600)
    execFileSync(CHROMIUM, [...flags(height), `--screenshot=${pngFile}`, url], {
      stdio: ['ignore', 'ignore', 'ignore']
    })
    return height
  } finally {
    rmSync(profile, { recursive: true, force: true })
  }
}

async function main() {
  const receiver = await startReceiver({
    floodSeconds: 0,
    wordpress: { closed: [7] }
  })
  const cache = await startCacheServer()
  const repo = makeRepo()
  const runnerTemp = mkdtempSync(
    path.join(tmpdir(), 'trackback-screenshot-runner-')
  )
  const out = mkdtempSync(path.join(tmpdir(), 'trackback-screenshot-html-'))
  try {
    repo.write(
      '_config.yml',
      'title: Paper Notes\nurl: https://notes.example.org\npermalink: /:year/:month/:title/\ntimezone: UTC\n'
    )
    const start = repo.commit('Start the blog')
    const tb = receiver.url
    repo.write(
      `_posts/${day(-2)}-attention-revisited.md`,
      post(
        'Attention, revisited',
        [`${tb}/trackback/2101.00001`, `${tb}/wp-trackback.php?p=42`],
        'A summary of [arXiv:2101.00001](https://arxiv.org/abs/2101.00001).'
      )
    )
    repo.write(
      `_posts/${day(-1)}-scaling-notes.md`,
      post(
        'Notes on scaling laws',
        [
          `${tb}/trackback/2202.00002`,
          `${tb}/wp-trackback.php?p=7`,
          'arXiv:2213.00001'
        ],
        'Reading notes on **scaling laws**.'
      )
    )
    repo.write(
      `_posts/${day(30)}-next-month.md`,
      post('Coming next month', [`${tb}/trackback/2303.00003`], 'Not out yet.')
    )
    const published = repo.commit(
      'Publish two paper summaries, schedule a third'
    )

    const common = {
      workspace: repo.dir,
      runnerTemp,
      repository: 'ada/paper-notes',
      env: cache.env()
    }
    const pushed = await runAction({
      ...common,
      eventName: 'push',
      payload: { before: start, after: published, ref: 'refs/heads/main' },
      sha: published,
      runId: '2001',
      // The sample posts are not online: do not wait for them to be.
      inputs: {
        'allow-private-networks': 'true',
        'host-delay': '0.2',
        'wait-for-live': '0'
      }
    })

    repo.git('checkout', '-q', '-b', 'new-post')
    repo.write(
      `_posts/${day(0)}-two-papers-on-sparsity.md`,
      post(
        'Two papers on sparsity',
        [
          'arXiv:2404.00004',
          'https://arxiv.org/abs/2405.00005v2',
          'https://blog.example.org/wp-trackback.php?p=42'
        ],
        'How [arXiv:2404.00004](https://arxiv.org/abs/2404.00004) and its sequel prune networks.'
      )
    )
    const head = repo.commit('New post: two papers on sparsity')
    const pull = await runAction({
      ...common,
      eventName: 'pull_request',
      payload: {
        pull_request: { base: { sha: published }, head: { sha: head } }
      },
      sha: head,
      runId: '2002',
      inputs: {}
    })

    mkdirSync(path.join(ROOT, 'docs'), { recursive: true })
    for (const [name, run, job] of [
      ['summary', pushed, 'trackback'],
      ['summary-pull-request', pull, 'trackback (pull request)']
    ]) {
      if (run.code !== 0 || !run.summary) {
        throw new Error(
          `the ${name} run failed (${run.code}):\n${run.stdout}\n${run.stderr}`
        )
      }
      const html = path.join(out, `${name}.html`)
      writeFileSync(html, page(run.summary, job))
      const png = path.join(ROOT, 'docs', `${name}.png`)
      const height = screenshot(html, png)
      console.log(
        `${path.relative(ROOT, png)}: ${WIDTH}×${height}, ${run.results.length} rows (${run.results.map((r) => r.status).join(', ')})`
      )
    }
    if (keep) console.log(`HTML kept in ${out}`)
  } finally {
    await receiver.close()
    await cache.close()
    rmSync(repo.dir, { recursive: true, force: true })
    rmSync(runnerTemp, { recursive: true, force: true })
    if (!keep) rmSync(out, { recursive: true, force: true })
  }
}

await main()
