// A loopback stand-in for the two GitHub REST endpoints the action's API
// adapter calls (src/github/api.ts), answered from a real local git
// repository: the compare endpoint (changed files, paginated) and the
// contents endpoint (raw file bytes at a ref). Also the Actions jobs list of
// a run attempt (src/github/actions-api.ts), from jobs a test sets with
// setRunJobs. Plain ESM JavaScript so the
// TypeScript tests and plain-node scripts can both use it; types live in
// github-api.d.mts.
import { execFile } from 'node:child_process'
import http from 'node:http'

const JSON_TYPE = 'application/json; charset=utf-8'

/** `git diff --name-status` letters → the compare API's file statuses. */
const STATUS = {
  A: 'added',
  M: 'modified',
  D: 'removed',
  R: 'renamed',
  C: 'copied',
  T: 'changed'
}

/** GitHub lists at most this many files when the request is not paginated. */
const UNPAGED_FILES = 300
const DEFAULT_PER_PAGE = 30
const MAX_PER_PAGE = 100

/**
 * Run git in `cwd`; resolves with exit code and raw stdout.
 * @param {string} cwd
 * @param {string[]} args
 * @returns {Promise<{ code: number, stdout: Buffer, stderr: string }>}
 */
function git(cwd, args) {
  return new Promise((resolve) => {
    execFile(
      'git',
      args,
      {
        cwd,
        encoding: 'buffer',
        maxBuffer: 64 * 1024 * 1024,
        env: { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' }
      },
      (error, stdout, stderr) => {
        const code =
          error && typeof error.code === 'number' ? error.code : error ? 1 : 0
        resolve({ code, stdout, stderr: stderr.toString('utf8') })
      }
    )
  })
}

/**
 * The files changed base...head, as the compare API lists them.
 * @param {string} repoDir
 * @param {string} base
 * @param {string} head
 * @returns {Promise<import('./github-api.d.mts').CompareFile[] | undefined>}
 */
async function compareFiles(repoDir, base, head) {
  const result = await git(repoDir, [
    'diff',
    '--name-status',
    '-z',
    '--no-ext-diff',
    '-M',
    `${base}...${head}`
  ])
  if (result.code !== 0) return undefined
  const fields = result.stdout.toString('utf8').split('\0')
  const files = []
  let i = 0
  while (i < fields.length) {
    const code = fields[i++]
    if (!code) continue
    const status = STATUS[code[0]] ?? 'changed'
    if (code[0] === 'R' || code[0] === 'C') {
      const from = fields[i++] ?? ''
      const to = fields[i++] ?? ''
      files.push({ filename: to, status, previous_filename: from })
    } else {
      files.push({ filename: fields[i++] ?? '', status })
    }
  }
  return files
}

/**
 * The compare API's `status` of head against base: `identical`, `ahead`
 * (base is an ancestor of head), `behind` (the other way) or `diverged`.
 * @param {string} repoDir
 * @param {string} base
 * @param {string} head
 */
async function compareStatus(repoDir, base, head) {
  const [a, b] = await Promise.all(
    [base, head].map(async (rev) =>
      (await git(repoDir, ['rev-parse', `${rev}^{commit}`])).stdout
        .toString('utf8')
        .trim()
    )
  )
  if (a === b) return 'identical'
  const ancestor = async (x, y) =>
    (await git(repoDir, ['merge-base', '--is-ancestor', x, y])).code === 0
  if (await ancestor(base, head)) return 'ahead'
  if (await ancestor(head, base)) return 'behind'
  return 'diverged'
}

/**
 * A positive integer query parameter, or undefined.
 * @param {URLSearchParams} query
 * @param {string} name
 */
function positive(query, name) {
  const raw = query.get(name)
  if (raw === null) return undefined
  const value = Number.parseInt(raw, 10)
  return Number.isFinite(value) && value > 0 ? value : undefined
}

// --- Git Data API: the ledger ref (src/ledger/ref-git.ts) ------------------
//
// GET git/ref/{ref}, POST git/trees (inline content), POST git/commits,
// PATCH git/refs/{ref} (fast-forward only unless force) and POST git/refs,
// answered by the same real repository: objects are written with git, and
// a ref moves with `git update-ref <ref> <new> <old>`, an atomic
// compare-and-swap, so concurrent writers get GitHub's 422 as they would.

const GIT_DATA_ROUTE =
  /^\/repos\/([^/]+)\/([^/]+)\/git\/(ref|refs|trees|commits)(?:\/(.*))?$/
const ZERO = '0'.repeat(40)

/**
 * The Git Data endpoints over `repoDir`.
 * @param {string} repoDir
 */
function createGitData(repoDir) {
  const committer = {
    GIT_AUTHOR_NAME: 'github-actions[bot]',
    GIT_AUTHOR_EMAIL: 'github-actions[bot]@users.noreply.github.com',
    GIT_COMMITTER_NAME: 'github-actions[bot]',
    GIT_COMMITTER_EMAIL: 'github-actions[bot]@users.noreply.github.com'
  }
  const run = (args, input) =>
    new Promise((resolve) => {
      const child = execFile(
        'git',
        args,
        {
          cwd: repoDir,
          encoding: 'utf8',
          env: { ...process.env, ...committer, GIT_TERMINAL_PROMPT: '0' }
        },
        (error, stdout, stderr) =>
          resolve({ code: error ? 1 : 0, stdout: stdout.trim(), stderr })
      )
      if (input !== undefined) child.stdin?.end(input)
    })
  const invalid = (message) => [422, { message, status: '422' }]
  const current = async (ref) => {
    const found = await run(['rev-parse', '--verify', '-q', ref])
    return found.code === 0 ? found.stdout : undefined
  }
  const refBody = (ref, sha) => ({
    ref,
    object: { type: 'commit', sha }
  })

  /** @returns {Promise<[number, unknown]>} */
  async function handle(method, kind, rest, raw) {
    let body = {}
    try {
      body = raw.length > 0 ? JSON.parse(raw.toString('utf8')) : {}
    } catch {
      return [400, { message: 'Problems parsing JSON' }]
    }
    const name = rest === undefined ? '' : decodeURIComponent(rest)
    if (method === 'GET' && kind === 'ref') {
      const sha = await current(`refs/${name}`)
      return sha
        ? [200, refBody(`refs/${name}`, sha)]
        : [404, { message: 'Not Found', status: '404' }]
    }
    if (method === 'POST' && kind === 'trees' && !rest) {
      if (body.base_tree) return invalid('base_tree is not served here')
      const lines = []
      for (const item of body.tree ?? []) {
        if (typeof item.content !== 'string' || item.path.includes('/')) {
          return invalid('only inline blobs at the top level are served here')
        }
        const blob = await run(['hash-object', '-w', '--stdin'], item.content)
        lines.push(`${item.mode} blob ${blob.stdout}\t${item.path}`)
      }
      const tree = await run(['mktree'], lines.map((l) => `${l}\n`).join(''))
      return [201, { sha: tree.stdout, tree: [], truncated: false }]
    }
    if (method === 'POST' && kind === 'commits' && !rest) {
      const parents = (body.parents ?? []).flatMap((p) => ['-p', p])
      const made = await run(
        ['commit-tree', body.tree, ...parents, '-F', '-'],
        body.message ?? ''
      )
      if (made.code !== 0) return invalid(made.stderr.trim())
      return [
        201,
        {
          sha: made.stdout,
          tree: { sha: body.tree },
          parents: (body.parents ?? []).map((sha) => ({ sha })),
          message: body.message,
          committer: { date: new Date().toISOString() }
        }
      ]
    }
    if (method === 'POST' && kind === 'refs' && !rest) {
      const ref = String(body.ref ?? '')
      if (!ref.startsWith('refs/') || ref.split('/').length < 3) {
        return invalid('Reference name is invalid')
      }
      const made = await run(['update-ref', ref, body.sha, ZERO])
      return made.code === 0
        ? [201, refBody(ref, body.sha)]
        : invalid('Reference already exists')
    }
    if (method === 'PATCH' && kind === 'refs' && name) {
      const ref = `refs/${name}`
      const old = await current(ref)
      if (!old) return invalid('Reference does not exist')
      if (!body.force) {
        const ff = await run(['merge-base', '--is-ancestor', old, body.sha])
        if (ff.code !== 0) return invalid('Update is not a fast forward')
      }
      // The old value makes the move a compare-and-swap: a writer that
      // came in between makes it fail, as on GitHub.
      const moved = await run(['update-ref', ref, body.sha, old])
      return moved.code === 0
        ? [200, refBody(ref, body.sha)]
        : invalid('Update is not a fast forward')
    }
    return [404, { message: 'Not Found', status: '404' }]
  }

  return { handle }
}

/**
 * Start the server.
 * @param {import('./github-api.d.mts').GitHubApiOptions} options
 * @returns {Promise<import('./github-api.d.mts').GitHubApi>}
 */
export async function startGitHubApi(options) {
  const { repoDir } = options
  const host = options.host ?? '127.0.0.1'
  // GitHub's documented behaviour unless a test asks otherwise (null).
  const filesOnFirstPage =
    options.filesOnFirstPage === undefined ? 300 : options.filesOnFirstPage
  /** @type {import('./github-api.d.mts').GitHubApiRequest[]} */
  const requests = []
  /** @type {Map<string, import('./github-api.d.mts').GitHubApiFault>} */
  const faults = new Map()
  const sockets = new Set()
  let baseUrl = ''

  // GitHub labels raw file bytes `text/plain; charset=utf-8`, which is what
  // makes Octokit hand them back as a string.
  const rawType = options.rawContentType ?? 'text/plain; charset=utf-8'

  const send = (res, status, body) => {
    const raw = Buffer.isBuffer(body)
    const payload = raw ? body : Buffer.from(JSON.stringify(body))
    res.writeHead(status, {
      'Content-Type': raw ? rawType : JSON_TYPE,
      'Content-Length': String(payload.length)
    })
    res.end(payload)
  }
  const sendFault = (res, fault) =>
    send(
      res,
      fault.status ?? 500,
      fault.body ?? { message: fault.message ?? 'Server Error' }
    )
  const notFound = (res) =>
    send(res, 404, {
      message: 'Not Found',
      documentation_url: 'https://docs.github.com/rest',
      status: '404'
    })

  /** Take the fault for a route (counting down `times`). */
  const takeFault = (route) => {
    const fault = faults.get(route) ?? faults.get('any')
    if (!fault) return undefined
    if (fault.times !== undefined) {
      fault.times -= 1
      if (fault.times <= 0) {
        for (const [key, value] of faults) {
          if (value === fault) faults.delete(key)
        }
      }
    }
    return fault
  }

  const handleCompare = async (res, url, basehead) => {
    const split = basehead.indexOf('...')
    if (split < 0) return notFound(res)
    const base = basehead.slice(0, split)
    const head = basehead.slice(split + 3)
    const all = await compareFiles(repoDir, base, head)
    if (!all) return notFound(res)
    const perPage = positive(url.searchParams, 'per_page')
    const page = positive(url.searchParams, 'page')
    let files
    if (filesOnFirstPage !== null && (perPage || page)) {
      // GitHub's documented behaviour for paginated compares: per_page and
      // page page the commits; the files appear on the first page only,
      // capped for the whole comparison.
      files = (page ?? 1) === 1 ? all.slice(0, filesOnFirstPage) : []
    } else if (perPage || page) {
      const size = Math.min(perPage ?? DEFAULT_PER_PAGE, MAX_PER_PAGE)
      const start = ((page ?? 1) - 1) * size
      files = all.slice(start, start + size)
    } else {
      files = all.slice(0, UNPAGED_FILES)
    }
    send(res, 200, {
      url: `${baseUrl}${url.pathname}`,
      status: await compareStatus(repoDir, base, head),
      ahead_by: 1,
      behind_by: 0,
      total_commits: 1,
      commits: [],
      files
    })
  }

  const handleContents = async (res, url, req, file) => {
    const ref = url.searchParams.get('ref') ?? 'HEAD'
    const type = await git(repoDir, ['cat-file', '-t', `${ref}:${file}`])
    if (type.code !== 0) return notFound(res)
    const kind = type.stdout.toString('utf8').trim()
    if (kind !== 'blob') {
      // A directory: GitHub answers a JSON listing even for the raw type.
      const listed = await git(repoDir, ['ls-tree', '-z', `${ref}:${file}`])
      const entries = listed.stdout
        .toString('utf8')
        .split('\0')
        .filter(Boolean)
        .map((line) => {
          const name = line.slice(line.indexOf('\t') + 1)
          return {
            name,
            path: file ? `${file}/${name}` : name,
            type: line.split(' ')[1] === 'tree' ? 'dir' : 'file'
          }
        })
      return send(res, 200, entries)
    }
    const blob = await git(repoDir, ['cat-file', 'blob', `${ref}:${file}`])
    if (blob.code !== 0) return notFound(res)
    const accept = String(req.headers.accept ?? '')
    if (accept.includes('raw')) return send(res, 200, blob.stdout)
    const name = file.slice(file.lastIndexOf('/') + 1)
    send(res, 200, {
      type: 'file',
      encoding: 'base64',
      size: blob.stdout.length,
      name,
      path: file,
      content: blob.stdout.toString('base64')
    })
  }

  // --- Actions: the jobs of one run attempt (src/github/actions-api.ts) ---
  /** @type {Map<string, object[]>} `<run id>/<attempt>` → jobs */
  const runJobs = new Map()

  /** GitHub's paginated answer: `{ total_count, jobs }` and a Link header. */
  const handleJobs = (res, url, runId, attempt) => {
    const all = runJobs.get(`${runId}/${attempt}`)
    if (!all) return notFound(res)
    const size = Math.min(
      positive(url.searchParams, 'per_page') ?? DEFAULT_PER_PAGE,
      MAX_PER_PAGE
    )
    const page = positive(url.searchParams, 'page') ?? 1
    const jobs = all.slice((page - 1) * size, page * size)
    const pages = Math.max(1, Math.ceil(all.length / size))
    const link = (n) => `${baseUrl}${url.pathname}?per_page=${size}&page=${n}`
    const links = []
    if (page < pages) links.push(`<${link(page + 1)}>; rel="next"`)
    links.push(`<${link(pages)}>; rel="last"`)
    const payload = Buffer.from(
      JSON.stringify({ total_count: all.length, jobs })
    )
    res.writeHead(200, {
      'Content-Type': JSON_TYPE,
      'Content-Length': String(payload.length),
      Link: links.join(', ')
    })
    res.end(payload)
  }
  const jobsRoute =
    /^\/repos\/[^/]+\/[^/]+\/actions\/runs\/(\d+)\/attempts\/(\d+)\/jobs$/
  // --- end of the Actions block ---

  // --- Git Data: the ledger ref ---
  const gitData = createGitData(repoDir)

  const server = http.createServer((req, res) => {
    const chunks = []
    req.on('data', (chunk) => chunks.push(chunk))
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://github-api.invalid')
      const entry = {
        method: req.method ?? '',
        url: url.pathname + url.search,
        authorization: req.headers.authorization,
        accept: req.headers.accept,
        route: 'other'
      }
      requests.push(entry)
      const jobs = jobsRoute.exec(url.pathname)
      if (jobs && req.method === 'GET') {
        entry.route = 'jobs'
        const fault = takeFault('jobs')
        if (fault) return sendFault(res, fault)
        return handleJobs(res, url, jobs[1], jobs[2])
      }
      const git = GIT_DATA_ROUTE.exec(url.pathname)
      if (git) {
        entry.route = req.method === 'GET' ? 'git-read' : 'git-write'
        const fault = takeFault(entry.route)
        if (fault) return sendFault(res, fault)
        return gitData
          .handle(req.method ?? '', git[3], git[4], Buffer.concat(chunks))
          .then(([status, body]) => send(res, status, body))
          .catch((error) => send(res, 500, { message: String(error) }))
      }
      const match =
        /^\/repos\/([^/]+)\/([^/]+)\/(compare|contents)(?:\/(.*))?$/.exec(
          url.pathname
        )
      if (!match || req.method !== 'GET') return notFound(res)
      const route = match[3]
      entry.route = route
      const fault = takeFault(route)
      if (fault) return sendFault(res, fault)
      let rest
      try {
        rest = decodeURIComponent(match[4] ?? '')
      } catch {
        return notFound(res)
      }
      const done =
        route === 'compare'
          ? handleCompare(res, url, rest)
          : handleContents(res, url, req, rest)
      done.catch((error) => {
        if (!res.headersSent) send(res, 500, { message: String(error) })
        else res.destroy()
      })
    })
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })

  await new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, host, () => resolve(undefined))
  })
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  baseUrl = `http://${host}:${port}`

  return {
    url: baseUrl,
    port,
    requests,
    setRunJobs(runId, attempt, jobs) {
      runJobs.set(`${runId}/${attempt}`, jobs)
    },
    setFault(route, fault) {
      if (fault) faults.set(route, { ...fault })
      else faults.delete(route)
    },
    close() {
      for (const socket of sockets) socket.destroy()
      return new Promise((resolve) => server.close(() => resolve()))
    }
  }
}
