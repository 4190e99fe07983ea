// `npm run bench`: how fast the bundled action is, on 127.0.0.1 only.
//
//   1. sending   1,000 pings over 50 receiver hosts (127.0.0.2–127.0.0.51),
//                each answering after 50 ms, host-delay 0, concurrency 50:
//                the bundled action end to end, timed by its own Sending
//                phase, against the lower bound (busiest host × 50 ms).
//   2. seed      the same 1,000 pings one POST after another (fetch in a
//                loop, as a hand-written script does), on the same receivers.
//   3. planning  dry runs of the bundled action on git repositories of
//                2,000, 20,000 and 200,000 posts for a push adding 50 posts:
//                whole run (spawn → exit, summary written) and the planning
//                phases; then scan mode (no base commit, max-age).
//   4. startup   `node dist/index.js` to its first log line, the bundle's
//                size, and the action's peak RSS during scenario 1.
//   5. discovery 1,000 article-page targets on 50 page hosts
//                (127.0.0.102–151), each answering after 50 ms; every
//                target is a GET (discovery) and a Webmention POST to the
//                next host's endpoint: the bundled action end to end, timed
//                by its Sending phase, against the lower bound (the busiest
//                host's 40 requests × 50 ms). See bench/discovery.mjs.
//
// Each figure is the median of several runs, with min and max. The table is
// printed and written, with the raw runs, to bench/results.json.
//
//   node scripts/bench.mjs [--only sending,seed,planning,startup,discovery]
//     [--sizes 2000,20000,200000] [--runs N] [--seed-runs N] [--scan-runs N]
//     [--out bench/results.json] [--cache-dir DIR] [--verbose]
//
// Generated blogs are cached in --cache-dir (default: $BENCH_CACHE_DIR, else
// /dev/shm/trackback-bench-cache, else <tmp>/trackback-bench-cache) and
// reused by later runs.
import { execFileSync, spawn } from 'node:child_process'
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync
} from 'node:fs'
import os from 'node:os'
import * as path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { blogRepo, PUSHED_POSTS } from './bench/blog-repo.mjs'
import {
  discoveryBound,
  discoveryOnce,
  pageTarget,
  startPageHosts
} from './bench/discovery.mjs'
import {
  markdownTable,
  phaseTimes,
  sendingLowerBound,
  span,
  summarize
} from './bench/stats.mjs'
import { startReceiver } from './peers/receiver.mjs'
import { runAction } from './peers/run-action.mjs'

/**
 * Where generated blogs are kept: a RAM disk when there is one (writing
 * 200,000 small files to a slow disk takes minutes), else the temp dir.
 */
function defaultCacheDir() {
  const shm = '/dev/shm'
  const base =
    existsSync(shm) && statSync(shm).isDirectory() ? shm : os.tmpdir()
  return path.join(base, 'trackback-bench-cache')
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const { values: opts } = parseArgs({
  options: {
    only: {
      type: 'string',
      default: 'sending,seed,planning,startup,discovery'
    },
    sizes: { type: 'string', default: '2000,20000,200000' },
    runs: { type: 'string', default: '5' },
    'seed-runs': { type: 'string', default: '3' },
    'scan-runs': { type: 'string', default: '3' },
    out: { type: 'string', default: 'bench/results.json' },
    'cache-dir': {
      type: 'string',
      default: process.env.BENCH_CACHE_DIR || defaultCacheDir()
    },
    verbose: { type: 'boolean', default: false }
  }
})
const only = new Set(opts.only.split(','))
const RUNS = Number(opts.runs)
const HOSTS = 50
const PINGS = 1000
const ANSWER_MS = 50
/** Posts in the sending scenario's push; each has PINGS / POSTS targets. */
const POSTS = 200
/** Start-ups are short and noisy: more of them. */
const STARTUP_RUNS = Math.max(RUNS, 21)
const started = performance.now()

const log = (...parts) => console.error(`[bench ${elapsed()}]`, ...parts)
const debug = (...parts) => opts.verbose && log(...parts)
function elapsed() {
  return `${((performance.now() - started) / 1000).toFixed(0)}s`
}

/** Run `fn` `n` times one after the other; returns the results. */
async function repeat(n, fn) {
  const out = []
  for (let i = 0; i < n; i++) out.push(await fn(i))
  return out
}

function git(cwd, ...args) {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'Bench',
      GIT_AUTHOR_EMAIL: 'bench@example.org',
      GIT_COMMITTER_NAME: 'Bench',
      GIT_COMMITTER_EMAIL: 'bench@example.org'
    }
  }).trim()
}

/** Fail the bench when a run did not do what is being timed. */
function check(ok, message) {
  if (!ok) throw new Error(`bench: ${message}`)
}

// ------------------------------------------------- 1 and 2: sending, seed

/** Scenario 1's target number `k`: an arXiv-style ping URL on a receiver. */
function receiverTarget(receivers, k) {
  const receiver = receivers[k % receivers.length]
  const ping = `${receiver.url}/trackback/2101.${String(k).padStart(5, '0')}`
  return { ping, host: receiver.url }
}

/**
 * A blog whose push publishes POSTS posts with PINGS targets in all;
 * `targetFor(k)` gives target number k (its URL and host).
 */
function sendingBlog(targetFor) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'trackback-bench-send-'))
  git(dir, 'init', '-q', '-b', 'main')
  writeFileSync(
    path.join(dir, '_config.yml'),
    'title: Bench Notes\nurl: https://bench.example.org\npermalink: /:year/:month/:day/:title/\n'
  )
  git(dir, 'add', '-A')
  git(dir, 'commit', '-q', '-m', 'Start')
  const before = git(dir, 'rev-parse', 'HEAD')
  mkdirSync(path.join(dir, '_posts'))
  const day = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10)
  const perPost = PINGS / POSTS
  const pings = []
  for (let n = 0; n < POSTS; n++) {
    const title = `Reading notes ${n}`
    const slug = `reading-notes-${n}`
    const body = `What paper ${n} claims, and what I make of it.`
    const targets = []
    for (let k = 0; k < perPost; k++) {
      const { ping, host } = targetFor(n * perPost + k)
      targets.push(ping)
      pings.push({
        ping,
        host,
        fields: {
          title,
          url: `https://bench.example.org/${day.replace(/-/g, '/')}/${slug}/`,
          excerpt: body,
          blog_name: 'Bench Notes'
        }
      })
    }
    writeFileSync(
      path.join(dir, '_posts', `${day}-${slug}.md`),
      `---\ntitle: ${title}\ntrackback:\n${targets.map((t) => `  - ${t}`).join('\n')}\n---\n${body}\n`
    )
  }
  git(dir, 'add', '-A')
  git(dir, 'commit', '-q', '-m', `Publish ${POSTS} posts`)
  return { dir, before, after: git(dir, 'rev-parse', 'HEAD'), pings }
}

const MAX_RSS = pathToFileURL(path.join(ROOT, 'scripts/bench/max-rss.mjs')).href
const CPU_PROF = pathToFileURL(
  path.join(ROOT, 'scripts/bench/cpu-prof.mjs')
).href

/** One end-to-end send of the whole push; returns its figures. */
async function sendOnce(blog, receivers) {
  for (const r of receivers) r.reset()
  const t0 = performance.now()
  const result = await runAction({
    workspace: blog.dir,
    eventName: 'push',
    payload: { before: blog.before, after: blog.after, ref: 'refs/heads/main' },
    sha: blog.after,
    inputs: {
      'dry-run': 'false',
      'max-pings': String(PINGS),
      'host-delay': '0',
      concurrency: String(HOSTS),
      'allow-private-networks': 'true'
    },
    // The action's peak RSS, reported by the process itself at exit.
    env: { NODE_OPTIONS: `--import=${MAX_RSS}` }
  })
  const wallMs = performance.now() - t0
  const sent = result.results.filter((r) => r.status === 'sent').length
  check(
    result.code === 0 && sent === PINGS,
    `sending run: exit ${result.code}, ${sent}/${PINGS} sent\n${result.stdout.slice(-2000)}\n${result.stderr}`
  )
  for (const r of receivers) {
    check(
      r.stats.maxActive <= 1,
      `${r.url} had ${r.stats.maxActive} requests at once`
    )
    check(r.pings.length === PINGS / HOSTS, `${r.url} got ${r.pings.length}`)
  }
  const rss = /bench:max-rss-kb=(\d+)/.exec(result.stderr)
  const cpu = /bench:cpu-ms=(\d+)/.exec(result.stderr)
  const phases = phaseTimes(result.stdout)
  debug('send run', phases, `${wallMs.toFixed(0)} ms`)
  return {
    sendingMs: phases.Sending?.ms ?? NaN,
    wallMs,
    maxRssMb: rss ? Number(rss[1]) / 1024 : NaN,
    cpuMs: cpu ? Number(cpu[1]) : NaN
  }
}

/** The seed approach: one POST after another, as a hand-written script. */
async function seedOnce(pings) {
  const t0 = performance.now()
  let accepted = 0
  for (const p of pings) {
    const response = await fetch(p.ping, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8'
      },
      body: new URLSearchParams({ ...p.fields, charset: 'UTF-8' }).toString()
    })
    if (/<error>0<\/error>/.test(await response.text())) accepted++
  }
  const ms = performance.now() - t0
  check(accepted === pings.length, `seed: ${accepted}/${pings.length} accepted`)
  return ms
}

async function startReceivers() {
  return Promise.all(
    Array.from({ length: HOSTS }, (_, i) =>
      startReceiver({ host: `127.0.0.${i + 2}`, delayMs: ANSWER_MS })
    )
  )
}

// ------------------------------------------------------------ 3: planning

/** Dry runs on a generated blog: the push (base known) and a scan. */
async function planningRuns(size, runs, scanRuns) {
  const repo = await blogRepo(size, opts['cache-dir'], log)
  log(
    `${size} posts: ${repo.cached ? 'cached' : 'generated'} blog at ${repo.dir}`
  )
  const phasesOf = async (eventName, payload, extra = {}) => {
    const t0 = performance.now()
    const result = await runAction({
      workspace: repo.dir,
      eventName,
      payload,
      sha: repo.after,
      inputs: { 'dry-run': 'true', 'max-pings': '1000', ...extra }
    })
    const wallMs = performance.now() - t0
    const phases = phaseTimes(result.stdout)
    const wouldSend = Number(result.outputs['would-send'] ?? NaN)
    check(result.code === 0, `dry run: exit ${result.code}\n${result.stderr}`)
    check(result.summary.length > 0, 'dry run: no job summary was written')
    // Planning: from reading the site's config to the decided pings.
    const planMs = span(phases, 'Site', 'Planning')
    debug(eventName, size, phases, `${wallMs.toFixed(0)} ms`)
    return { wallMs, planMs, phases, wouldSend, results: result.results.length }
  }
  const push = await repeat(runs, () =>
    phasesOf('push', {
      before: repo.before,
      after: repo.after,
      ref: 'refs/heads/main'
    })
  )
  check(
    push.every((r) => r.results > 0 && r.results === push[0].results),
    `push dry run on ${size} posts found ${push.map((r) => r.results)} pings`
  )
  // Scan mode: no base commit and no ledger; max-age reaches back to the
  // pushed posts however long ago the cached blog was generated.
  const maxAge = Math.ceil((Date.now() - repo.generatedAt) / 86_400_000) + 30
  const scan = await repeat(scanRuns, () =>
    phasesOf('workflow_dispatch', {}, { 'max-age': String(maxAge) })
  )
  return { size, push, scan, pushedPosts: PUSHED_POSTS }
}

// ------------------------------------------------------------- 4: startup

/** Spawn node with `args` and time it to its first line on stdout. */
function firstLine(args, cwd) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now()
    const child = spawn(process.execPath, args, {
      cwd,
      env: { PATH: process.env.PATH, HOME: process.env.HOME },
      stdio: ['ignore', 'pipe', 'ignore']
    })
    let at
    child.stdout.on('data', () => (at ??= performance.now() - t0))
    child.on('error', reject)
    child.on('close', () => resolve(at ?? NaN))
  })
}

function bundleSize() {
  const dist = path.join(ROOT, 'dist')
  let total = 0
  for (const name of readdirSync(dist, { recursive: true })) {
    const file = path.join(dist, String(name))
    if (file.endsWith('.js') && statSync(file).isFile()) {
      total += statSync(file).size
    }
  }
  return {
    totalKb: total / 1024,
    startKb: staticSize(path.join(dist, 'index.js'), new Set()) / 1024
  }
}

/** Bytes of a module and the files it imports statically (what start-up parses). */
function staticSize(file, seen) {
  if (seen.has(file)) return 0
  seen.add(file)
  const text = readFileSync(file, 'utf8')
  let size = Buffer.byteLength(text)
  for (const [, spec] of text.matchAll(
    /^import (?:[^'"]* from )?'(\.[^']+)'/gm
  )) {
    size += staticSize(path.resolve(path.dirname(file), spec), seen)
  }
  return size
}

// ---------------------------------------------------------------- main

const rows = []
const raw = {}
const row = (name, values, extra = {}) => {
  const s = summarize(values)
  rows.push({ name, ...s, ...extra })
  return s
}

if (only.has('sending') || only.has('seed') || only.has('startup')) {
  const receivers = await startReceivers()
  const blog = sendingBlog((k) => receiverTarget(receivers, k))
  try {
    const bound = sendingLowerBound(
      blog.pings.map((p) => p.host),
      ANSWER_MS
    )
    let sending
    if (only.has('sending') || only.has('startup')) {
      log(`sending: ${PINGS} pings over ${HOSTS} hosts, ${RUNS} runs`)
      // One unmeasured run warms the page cache and the receivers.
      await sendOnce(blog, receivers)
      const runs = await repeat(RUNS, () => sendOnce(blog, receivers))
      raw.sending = { boundMs: bound, runs }
      sending = row(
        '1. sending 1,000 pings, Sending phase',
        runs.map((r) => r.sendingMs),
        { unit: 'ms' }
      )
      rows.push({
        name: '1. lower bound (busiest host × 50 ms)',
        unit: 'ms',
        median: bound,
        min: bound,
        max: bound,
        runs: 1
      })
      row(
        '1. measured / lower bound',
        runs.map((r) => r.sendingMs / bound),
        { digits: 3, goal: { op: '<=', limit: 1.1 } }
      )
      row(
        '1. whole action run (spawn → exit)',
        runs.map((r) => r.wallMs),
        { unit: 'ms' }
      )
      // The CPU the action spends is what keeps it from the bound: each
      // answer must be read and the next request written before the host
      // can start its 50 ms again.
      row(
        '1. action CPU time (user + system), whole run',
        runs.map((r) => r.cpuMs),
        {
          unit: 'ms'
        }
      )
      raw.maxRss = runs.map((r) => r.maxRssMb)
    }
    if (only.has('seed')) {
      const seedRuns = Number(opts['seed-runs'])
      log(
        `seed: ${PINGS} pings one after another, ${seedRuns} runs side by side`
      )
      // Each run is one POST after another and spends its ~53 s waiting
      // for answers, so the runs go side by side (one after another they
      // took over half the bench): a receiver answers each request after
      // its own 50 ms, and a few loops of 20 requests a second use a few
      // per cent of a CPU. Checked: 53.7 s each side by side, 53.1–53.8 s
      // alone.
      for (const r of receivers) r.reset()
      const runs = await Promise.all(
        Array.from({ length: seedRuns }, () => seedOnce(blog.pings))
      )
      raw.seed = runs
      const seed = row('2. seed approach (sequential POSTs)', runs, {
        unit: 'ms'
      })
      if (sending) {
        // Speed-up of each seed run over the median send, and the median's ratio.
        row(
          '2. speed-up over the seed approach',
          runs.map((ms) => ms / sending.median),
          {
            digits: 1,
            goal: { op: '>=', limit: 40 },
            unit: '×'
          }
        )
        raw.speedUp = seed.median / sending.median
      }
    }
  } finally {
    await Promise.all(receivers.map((r) => r.close()))
    rmSync(blog.dir, { recursive: true, force: true })
  }
}

if (only.has('planning')) {
  const sizes = opts.sizes.split(',').map(Number)
  raw.planning = []
  for (const size of sizes) {
    const scanRuns = Number(opts['scan-runs'])
    log(`planning: ${size} posts, ${RUNS} push runs, ${scanRuns} scan runs`)
    raw.planning.push(await planningRuns(size, RUNS, scanRuns))
  }
  const label = (n) => n.toLocaleString('en-US')
  for (const p of raw.planning) {
    row(
      `3. ${label(p.size)} posts: planning phase (push)`,
      p.push.map((r) => r.planMs),
      {
        unit: 'ms',
        ...(p.size === 20000 ? { goal: { op: '<', limit: 300 } } : {})
      }
    )
  }
  for (const p of raw.planning) {
    row(
      `3. ${label(p.size)} posts: whole dry run (push)`,
      p.push.map((r) => r.wallMs),
      { unit: 'ms' }
    )
  }
  const first = raw.planning[0]
  const last = raw.planning[raw.planning.length - 1]
  if (first && last && first !== last) {
    const a = summarize(first.push.map((r) => r.planMs)).median
    const b = summarize(last.push.map((r) => r.planMs))
    row(
      `3. planning ${label(last.size)} / ${label(first.size)} posts`,
      [b.median / a],
      {
        digits: 2,
        goal: { op: '<=', limit: 1.5 }
      }
    )
  }
  for (const p of raw.planning) {
    row(
      `3. ${label(p.size)} posts: scan mode (no base), whole run`,
      p.scan.map((r) => r.wallMs),
      { unit: 'ms' }
    )
  }
}

if (only.has('startup')) {
  log('startup: cold start to the first log line')
  const cwd = mkdtempSync(path.join(os.tmpdir(), 'trackback-bench-start-'))
  try {
    const script = path.join(ROOT, 'dist', 'index.js')
    await firstLine([script], cwd)
    // Interleaved, so that a busy moment of the machine weighs on both.
    const runs = []
    const bare = []
    for (let i = 0; i < STARTUP_RUNS; i++) {
      runs.push(await firstLine([script], cwd))
      bare.push(await firstLine(['-e', 'console.log(1)'], cwd))
    }
    raw.startup = { runs, bare }
    row('4. start-up: node dist/index.js to first log line', runs, {
      unit: 'ms',
      goal: { op: '<', limit: 150 }
    })
    row('4. for reference: node -e "console.log(1)"', bare, { unit: 'ms' })
  } finally {
    rmSync(cwd, { recursive: true, force: true })
  }
  const size = bundleSize()
  raw.bundle = size
  rows.push({
    name: '4. bundle: parsed at start (dist/index.js + its static imports)',
    unit: 'KB',
    median: size.startKb,
    min: size.startKb,
    max: size.startKb,
    runs: 1
  })
  rows.push({
    name: '4. bundle: all of dist/*.js',
    unit: 'KB',
    median: size.totalKb,
    min: size.totalKb,
    max: size.totalKb,
    runs: 1
  })
  if (raw.maxRss) {
    row('4. peak RSS of the action during scenario 1', raw.maxRss, {
      unit: 'MB',
      goal: { op: '<', limit: 120 }
    })
  }
}

if (only.has('discovery')) {
  const hosts = await startPageHosts(ANSWER_MS)
  const blog = sendingBlog((k) => pageTarget(hosts, k))
  // The inputs the action would use, but for two: host-delay 0 (default
  // 2 s; the bound is one request at a time per host with no gap, as in
  // scenario 1) and concurrency 50 (default 4; the bound has every host
  // busy at once). allow-private-networks lets it reach 127.0.0.x.
  const inputs = {
    'dry-run': 'false',
    'max-pings': String(PINGS),
    'host-delay': '0',
    concurrency: String(HOSTS),
    'allow-private-networks': 'true'
  }
  try {
    const bound = discoveryBound(hosts, blog.pings, ANSWER_MS)
    log(`discovery: ${PINGS} page targets over ${HOSTS} hosts, ${RUNS} runs`)
    const once = () =>
      discoveryOnce({
        blog,
        hosts,
        inputs,
        // BENCH_CPU_PROF=DIR writes a V8 CPU profile of each action run.
        env: {
          NODE_OPTIONS: [
            `--import=${MAX_RSS}`,
            ...(process.env.BENCH_CPU_PROF ? [`--import=${CPU_PROF}`] : [])
          ].join(' '),
          BENCH_CPU_PROF: process.env.BENCH_CPU_PROF ?? ''
        },
        check
      })
    await once()
    const runs = await repeat(RUNS, once)
    for (const r of runs) debug('discovery run', r)
    raw.discovery = { boundMs: bound, runs }
    row(
      '5. discovery: 1,000 page targets (GET + POST), Sending phase',
      runs.map((r) => r.sendingMs),
      { unit: 'ms' }
    )
    rows.push({
      name: '5. lower bound (busiest host: 40 requests × 50 ms)',
      unit: 'ms',
      median: bound,
      min: bound,
      max: bound,
      runs: 1
    })
    row(
      '5. measured / lower bound',
      runs.map((r) => r.sendingMs / bound),
      { digits: 3, goal: { op: '<=', limit: 1.15 } }
    )
    row(
      '5. first request to last answer, at the hosts',
      runs.map((r) => r.lastDoneAt - r.firstRequestAt),
      { unit: 'ms' }
    )
    row(
      '5. action CPU time (user + system), whole run',
      runs.map((r) => r.cpuMs),
      { unit: 'ms' }
    )
  } finally {
    await Promise.all(hosts.map((h) => h.close()))
    rmSync(blog.dir, { recursive: true, force: true })
  }
}

const machine = {
  cpus: os.cpus().length,
  cpuModel: os.cpus()[0]?.model ?? '',
  node: process.version,
  platform: `${os.platform()} ${os.release()}`,
  loadAverage: os.loadavg().map((l) => Number(l.toFixed(2)))
}
const totalSeconds = (performance.now() - started) / 1000
const table = markdownTable(rows)
console.log(
  `\n${machine.cpus} CPUs (${machine.cpuModel}), node ${machine.node}, load average ${machine.loadAverage.join(' ')}; bench took ${totalSeconds.toFixed(0)} s\n`
)
console.log(table)
const out = path.resolve(ROOT, opts.out)
mkdirSync(path.dirname(out), { recursive: true })
const results = JSON.stringify({
  command: `node scripts/bench.mjs ${process.argv.slice(2).join(' ')}`.trim(),
  date: new Date().toISOString(),
  machine,
  totalSeconds: Number(totalSeconds.toFixed(1)),
  rows,
  raw
})
// Written as the project's formatter would, so that a fresh result passes
// `prettier --check`.
const prettier = await import('prettier')
const config = (await prettier.resolveConfig(out)) ?? {}
writeFileSync(out, await prettier.format(results, { ...config, filepath: out }))
console.log(`\nWritten to ${path.relative(process.cwd(), out)}.`)
