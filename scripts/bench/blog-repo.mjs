// Synthetic Jekyll blogs in real git repositories for `npm run bench`.
//
// A blog of N posts is one commit holding the site plus N posts, then a
// second commit adding 50 recent posts (the push being measured). Posts are
// real Markdown files with YAML front matter (title, date, tags, one to
// three TrackBack targets) and bodies of 1.5–5 KB, laid out as
// `_posts/YYYY/YYYY-MM-DD-slug.md`. The history is written with
// `git fast-import` while the same files are written to the work tree, so
// a 200,000-post blog takes about 30 s (2 CPUs, /dev/shm); finished
// repositories are kept under the cache directory and reused while their
// posts are young enough for the scan-mode measurement.
import { execFileSync, spawn } from 'node:child_process'
import {
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import * as path from 'node:path'

/** Bump when the generated content changes, so cached repositories are rebuilt. */
const FORMAT = 4
/** Posts the measured push adds. */
export const PUSHED_POSTS = 50
const DAY = 86_400_000
/** A cached repository is rebuilt after this many days (its new posts age). */
const MAX_CACHE_AGE_DAYS = 20

const WORDS = (
  'the model attention layer paper result claim data training loss scaling ' +
  'law benchmark we show that this is not what a reader expects from an ' +
  'abstract method proof theorem lemma bound sample error gradient network ' +
  'transformer kernel token context window figure table appendix baseline ' +
  'ablation compute budget note review reproduce code release open question'
).split(' ')

/** A small deterministic PRNG (mulberry32), so every run builds the same blog. */
function random(seed) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function paragraphs(rand, count) {
  const out = []
  for (let p = 0; p < count; p++) {
    const words = []
    const length = 50 + Math.floor(rand() * 70)
    for (let w = 0; w < length; w++) {
      words.push(WORDS[Math.floor(rand() * WORDS.length)])
    }
    const text = words.join(' ')
    out.push(text[0].toUpperCase() + text.slice(1) + '.')
  }
  return out
}

function isoDay(ms) {
  return new Date(ms).toISOString().slice(0, 10)
}

/** One post: its path and text. `n` numbers it, `ms` is its date. */
export function makePost(n, ms, rand, pool) {
  const day = isoDay(ms)
  const topic = WORDS[n % WORDS.length]
  const slug = `notes-on-${topic}-${n}`
  const targets = []
  const count = 1 + Math.floor(rand() * 3)
  for (let t = 0; t < count; t++) {
    const id = `${15 + (n % 10)}${String(1 + ((t * 4 + n) % 12)).padStart(2, '0')}.${String((n * 7 + t) % 100000).padStart(5, '0')}`
    targets.push(
      t === 2
        ? `https://blog${n % 97}.example.org/wp-trackback.php?p=${n}`
        : `arXiv:${id}`
    )
  }
  const body = []
  // 1.5–5 KB of prose: a few paragraphs picked from a shared pool.
  let size = 0
  const want = 1500 + Math.floor(rand() * 3500)
  while (size < want) {
    const p = pool[Math.floor(rand() * pool.length)]
    body.push(p)
    size += p.length + 2
  }
  const text = [
    '---',
    `title: "Notes on ${topic}, part ${n}"`,
    `date: ${day} 09:${String(n % 60).padStart(2, '0')}:00 +0000`,
    `tags: [${topic}, reading-notes]`,
    'trackback:',
    ...targets.map((t) => `  - ${t}`),
    '---',
    '',
    body.join('\n\n'),
    ''
  ].join('\n')
  return { path: `_posts/${day.slice(0, 4)}/${day}-${slug}.md`, text }
}

const SITE_FILES = {
  '_config.yml':
    'title: Bench Notes\nurl: https://bench.example.org\nbaseurl: ""\npermalink: /:year/:month/:day/:title/\ntimezone: UTC\n',
  'index.md': '---\nlayout: home\n---\n',
  'about.md':
    '---\nlayout: page\ntitle: About\n---\nA blog made up for a benchmark.\n',
  Gemfile: "source 'https://rubygems.org'\ngem 'jekyll', '~> 4.3'\n"
}

/** Feed a fast-import stream to git, honouring back-pressure. */
async function fastImport(dir, write) {
  // Light compression and no delta search: the blobs are small and the
  // stream is built for speed, not for a compact pack.
  const args = ['-c', 'pack.compression=1', '-c', 'core.bigFileThreshold=1']
  const child = spawn('git', [...args, 'fast-import', '--quiet', '--done'], {
    cwd: dir,
    stdio: ['pipe', 'ignore', 'inherit'],
    // glibc's malloc gives memory back to the system after each blob and
    // asks for it again (two brk calls a blob): with a high trim threshold
    // fast-import takes a third of the time.
    env: {
      ...process.env,
      GLIBC_TUNABLES:
        'glibc.malloc.trim_threshold=268435456:glibc.malloc.top_pad=67108864'
    }
  })
  const closed = new Promise((resolve, reject) => {
    child.on('error', reject)
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`git fast-import exit ${code}`))
    )
  })
  let buffered = []
  let bytes = 0
  const flush = async () => {
    if (buffered.length === 0) return
    const chunk = Buffer.concat(buffered)
    buffered = []
    bytes = 0
    if (!child.stdin.write(chunk)) {
      await new Promise((resolve) => child.stdin.once('drain', resolve))
    }
  }
  const put = async (data) => {
    const buffer = Buffer.isBuffer(data) ? data : Buffer.from(data)
    buffered.push(buffer)
    bytes += buffer.length
    if (bytes > 1 << 20) await flush()
  }
  await write(put)
  await put('done\n')
  await flush()
  child.stdin.end()
  await closed
}

/**
 * Add a file to the commit being streamed, and write it to the work tree.
 * `madeDirs` holds the folders made so far (one mkdir each, not one a file).
 */
function fileCommand(put, dir, file, text, madeDirs) {
  const data = Buffer.from(text)
  const full = path.join(dir, file)
  const parent = path.dirname(full)
  if (!madeDirs.has(parent)) {
    mkdirSync(parent, { recursive: true })
    madeDirs.add(parent)
  }
  writeFileSync(full, data)
  return put(
    Buffer.concat([
      Buffer.from(`M 100644 inline ${file}\ndata ${data.length}\n`),
      data,
      Buffer.from('\n')
    ])
  )
}

async function commit(put, { message, at, files }) {
  const who = `Bench <bench@example.org> ${Math.floor(at / 1000)} +0000`
  const msg = Buffer.from(message)
  await put(
    `commit refs/heads/main\nauthor ${who}\ncommitter ${who}\ndata ${msg.length}\n${message}\n`
  )
  await files()
  await put('\n')
}

/**
 * Build (or reuse) a blog of `size` posts under `cacheDir`. Returns the
 * repository's directory, the two commits (before and after the push) and
 * when it was generated.
 */
export async function blogRepo(size, cacheDir, log = () => {}) {
  const dir = path.join(cacheDir, `blog-${size}-v${FORMAT}`)
  const metaFile = path.join(dir, '.git', 'bench-meta.json')
  if (existsSync(metaFile)) {
    const meta = JSON.parse(readFileSync(metaFile, 'utf8'))
    if (Date.now() - meta.generatedAt < MAX_CACHE_AGE_DAYS * DAY) {
      return { dir, ...meta, cached: true }
    }
  }
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  const git = (...args) =>
    execFileSync('git', args, { cwd: dir, encoding: 'utf8' }).trim()
  const started = Date.now()
  git('init', '-q', '-b', 'main')
  const rand = random(size)
  const pool = paragraphs(rand, 400)
  const generatedAt = Date.now()
  // Old posts span the 25 years before a year ago; the pushed ones are
  // from the last few days.
  const newest = generatedAt - 365 * DAY
  const span = 25 * 365 * DAY
  const madeDirs = new Set()
  await fastImport(dir, async (put) => {
    await commit(put, {
      message: `A blog of ${size} posts`,
      at: newest,
      files: async () => {
        for (const [file, text] of Object.entries(SITE_FILES)) {
          await fileCommand(put, dir, file, text, madeDirs)
        }
        for (let n = 0; n < size; n++) {
          const post = makePost(
            n,
            newest - span + (span * n) / size,
            rand,
            pool
          )
          await fileCommand(put, dir, post.path, post.text, madeDirs)
        }
      }
    })
    await commit(put, {
      message: `Publish ${PUSHED_POSTS} posts`,
      at: generatedAt,
      files: async () => {
        for (let k = 0; k < PUSHED_POSTS; k++) {
          const post = makePost(
            size + k,
            generatedAt - (k % 5) * DAY,
            rand,
            pool
          )
          await fileCommand(put, dir, post.path, post.text, madeDirs)
        }
      }
    })
  })
  // The work tree was written along the stream (faster than a checkout on
  // slow disks); the index is made from the tree, as a checkout leaves it.
  git('read-tree', 'main')
  const meta = {
    before: git('rev-parse', 'main~1'),
    after: git('rev-parse', 'main'),
    generatedAt,
    size
  }
  writeFileSync(metaFile, JSON.stringify(meta))
  log(
    `generated a ${size}-post blog in ${((Date.now() - started) / 1000).toFixed(1)} s`
  )
  return { dir, ...meta, cached: false }
}
