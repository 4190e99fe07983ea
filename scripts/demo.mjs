// `npm run demo`: the action's main job on an embedded sample blog.
//
// Makes a small Jekyll blog in a temporary git repository, starts a local
// TrackBack receiver (answering like WordPress and arXiv) and a local
// Actions cache service on 127.0.0.1, then runs the bundled action
// (dist/index.js) the way a runner does: once for the push that publishes
// two posts, and again as a re-run of the same workflow. The second run
// sends nothing: the ledger in the cache remembers the first.
//
// Pass --verbose to see the action's own log.
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { startCacheServer } from './peers/cache-server.mjs'
import { startReceiver } from './peers/receiver.mjs'
import { runAction } from './peers/run-action.mjs'

const verbose = process.argv.includes('--verbose')
const tty = process.stdout.isTTY
const bold = (s) => (tty ? `\x1b[1m${s}\x1b[0m` : s)
const dim = (s) => (tty ? `\x1b[2m${s}\x1b[0m` : s)

/** `YYYY-MM-DD` of today plus `days` (UTC). */
function day(days) {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)
}

function makeBlog(receiverUrl) {
  const dir = mkdtempSync(path.join(tmpdir(), 'trackback-demo-blog-'))
  const git = (...args) =>
    execFileSync('git', args, {
      cwd: dir,
      encoding: 'utf8',
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 'Demo',
        GIT_AUTHOR_EMAIL: 'demo@example.org',
        GIT_COMMITTER_NAME: 'Demo',
        GIT_COMMITTER_EMAIL: 'demo@example.org'
      }
    }).trim()
  const write = (file, text) => {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true })
    writeFileSync(path.join(dir, file), text)
  }
  git('init', '-q', '-b', 'main')
  write(
    '_config.yml',
    'title: Paper Notes\nurl: https://notes.example.org\nbaseurl: ""\npermalink: /:year/:month/:day/:title.html\ntimezone: UTC\n'
  )
  write('index.md', '---\nlayout: home\n---\n')
  git('add', '-A')
  git('commit', '-q', '-m', 'Start the blog')
  const before = git('rev-parse', 'HEAD')
  write(
    `_posts/${day(-3)}-attention-revisited.md`,
    [
      '---',
      'title: "Attention, revisited"',
      'trackback:',
      `  - ${receiverUrl}/trackback/2101.00001`,
      `  - ${receiverUrl}/wp-trackback.php?p=42`,
      '---',
      'A summary of [arXiv:2101.00001](https://arxiv.org/abs/2101.00001): what the',
      'paper claims, and what I think of it.',
      ''
    ].join('\n')
  )
  write(
    `_posts/${day(-2)}-scaling-notes.md`,
    [
      '---',
      'title: Notes on scaling laws',
      `trackback: ${receiverUrl}/trackback/2202.00002`,
      '---',
      'Reading notes on **scaling laws**, with a few plots of my own.',
      ''
    ].join('\n')
  )
  write(
    `_posts/${day(60)}-next-year.md`,
    `---\ntitle: Scheduled post\ntrackback: ${receiverUrl}/trackback/2303.00003\n---\nNot out yet.\n`
  )
  git('add', '-A')
  git('commit', '-q', '-m', 'Publish two paper summaries')
  const after = git('rev-parse', 'HEAD')
  return { dir, before, after }
}

function table(results) {
  const rows = results.map((r) => [
    r.post,
    r.ping || r.target,
    r.status,
    r.message
  ])
  const widths = [0, 1, 2].map((i) =>
    Math.max(...rows.map((r) => r[i].length), 6)
  )
  return rows
    .map(
      (r) =>
        [0, 1, 2].map((i) => r[i].padEnd(widths[i])).join('  ') +
        '  ' +
        dim(r[3])
    )
    .join('\n')
}

async function main() {
  const receiver = await startReceiver({ floodSeconds: 0 })
  const cache = await startCacheServer()
  const blog = makeBlog(receiver.url)
  const runnerTemp = mkdtempSync(path.join(tmpdir(), 'trackback-demo-runner-'))
  let failed = false
  try {
    console.log(bold('trackback-action demo'))
    console.log(`  sample blog:   ${blog.dir}`)
    console.log(
      `  receiver:      ${receiver.url} (answers like WordPress and arXiv)`
    )
    console.log(`  cache service: ${cache.url}`)
    console.log('')
    const run = (attempt) =>
      runAction({
        workspace: blog.dir,
        eventName: 'push',
        payload: {
          before: blog.before,
          after: blog.after,
          ref: 'refs/heads/main'
        },
        sha: blog.after,
        runId: '1001',
        runAttempt: String(attempt),
        runnerTemp,
        repository: 'researcher/paper-notes',
        inputs: {
          'allow-private-networks': 'true',
          'host-delay': '0.2',
          'dry-run': 'auto',
          // The sample blog is not deployed anywhere: a real run first waits
          // for each post's page to answer 200 (default 120 s).
          'wait-for-live': '0'
        },
        env: cache.env()
      })

    for (const attempt of [1, 2]) {
      const before = receiver.accepted().length
      const result = await run(attempt)
      const got = receiver.accepted().length - before
      console.log(
        bold(
          attempt === 1
            ? 'Run 1: the push that publishes two posts'
            : 'Run 2: the same workflow run again (re-run)'
        )
      )
      if (verbose) console.log(result.stdout)
      console.log(table(result.results))
      console.log(
        `  outputs: sent=${result.outputs.sent} failed=${result.outputs.failed} ` +
          `pending=${result.outputs.pending} skipped=${result.outputs.skipped}; ` +
          `the receiver got ${got} new ping(s); exit code ${result.code}`
      )
      console.log('')
      if (result.code !== 0) {
        failed = true
        console.log(result.stdout)
        console.log(result.stderr)
      }
      if (attempt === 2 && got !== 0) failed = true
    }
    const stored = receiver.accepted()
    console.log(bold('What the receiver stored'))
    for (const ping of stored) {
      console.log(
        `  ${ping.path}  url=${ping.fields.url}  title="${ping.fields.title}"  blog_name="${ping.fields.blog_name}"`
      )
    }
    console.log('')
    console.log(
      failed
        ? 'Demo FAILED: see above.'
        : `The second run sent nothing: the ledger in the cache (${cache
            .entries()
            .map((e) => e.key)
            .filter((k) => !k.includes('claim'))
            .join(', ')}) remembers every ping of the first.`
    )
  } finally {
    await receiver.close()
    await cache.close()
    rmSync(blog.dir, { recursive: true, force: true })
    rmSync(runnerTemp, { recursive: true, force: true })
  }
  process.exitCode = failed ? 1 : 0
}

await main()
