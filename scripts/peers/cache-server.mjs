// A loopback stand-in for the GitHub Actions cache service (v2, twirp JSON),
// good enough for the real @actions/cache 6 client. Plain ESM JavaScript so
// that both the TypeScript tests and plain-node demo scripts can start it.
//
// What the client does on the wire (read from node_modules, @actions/cache
// 6.3 with @azure/storage-blob 12.31):
// - twirp: JSON POST to `{ACTIONS_RESULTS_URL}twirp/<service>/<Method>` with a
//   Bearer token and snake_case fields. A non-2xx answer must still carry a
//   JSON body: the client JSON.parses every body, and a parse failure counts
//   as a retryable error. It retries 500/502/503/504 five times, starting at
//   3 s; other statuses fail at once; ECONNREFUSED/ECONNRESET fail at once.
// - save: CreateCacheEntry → upload with the Azure SDK's
//   BlockBlobClient.uploadFile (one `PUT` with `x-ms-blob-type: BlockBlob`
//   up to 128 MiB, else `PUT ?comp=block&blockid=…` per 64 MiB block and a
//   `PUT ?comp=blocklist` XML commit; each answered 201) →
//   FinalizeCacheEntryUpload.
// - restore: GetCacheEntryDownloadURL (200 `{ok:false}` on a miss). Hosts
//   other than `*.blob.core.windows.net` are downloaded with one plain GET by
//   the toolkit's http-client; ranged GET and HEAD are served anyway.
// - The Azure SDK parses container and blob names from an IP-style URL as
//   `/<account>/<container>/<blob>`, so signed URLs have that shape.
import { randomBytes } from 'node:crypto'
import { createServer } from 'node:http'

const SERVICE = 'github.actions.results.api.v1.CacheService'
const ACCOUNT = 'devstoreaccount1'
const CONTAINER = 'actions-cache'

/**
 * Starts a cache service on 127.0.0.1 (a free port unless `options.port`).
 * See cache-server.d.mts for the full contract.
 *
 * @param {import('./cache-server.d.mts').CacheServerOptions} [options]
 * @returns {Promise<import('./cache-server.d.mts').CacheServer>}
 */
export async function startCacheServer(options = {}) {
  const token = options.token ?? 'cache-server-token'
  /** @type {Map<number, any>} every entry, reserved or finalized, by id */
  const entries = new Map()
  /** @type {Array<{ method: string, path: string, status: number }>} */
  const log = []
  /** @type {any} */
  let fault
  let nextId = 1
  let sequence = 0
  const sockets = new Set()

  const server = createServer((request, response) => {
    handle(request, response).catch((error) => {
      if (!response.headersSent) {
        twirpError(response, 500, 'internal', String(error))
      } else {
        response.destroy()
      }
    })
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })

  /**
   * @param {import('node:http').IncomingMessage} request
   * @param {import('node:http').ServerResponse} response
   */
  async function handle(request, response) {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1')
    const body = await readBody(request)
    const entry = {
      method: request.method ?? '',
      path: url.pathname,
      status: 0
    }
    log.push(entry)
    response.on('finish', () => (entry.status = response.statusCode))

    const twirpPrefix = `/twirp/${SERVICE}/`
    const operation = url.pathname.startsWith(twirpPrefix)
      ? url.pathname.slice(twirpPrefix.length)
      : url.pathname.startsWith(`/${ACCOUNT}/${CONTAINER}/`)
        ? request.method === 'PUT'
          ? 'upload'
          : 'download'
        : 'unknown'

    if (applyFault(operation, response, requestKey(operation, url, body)))
      return

    if (operation === 'upload' || operation === 'download') {
      blob(request, response, url, body, operation)
      return
    }
    if (request.method !== 'POST' || operation === 'unknown') {
      twirpError(response, 404, 'bad_route', `no handler for ${url.pathname}`)
      return
    }
    if (request.headers.authorization !== `Bearer ${token}`) {
      twirpError(response, 401, 'unauthenticated', 'invalid runtime token')
      return
    }
    let input
    try {
      input = JSON.parse(body.toString('utf8') || '{}')
    } catch {
      twirpError(response, 400, 'malformed', 'the body is not JSON')
      return
    }
    switch (operation) {
      case 'CreateCacheEntry':
        return createEntry(response, input, request)
      case 'FinalizeCacheEntryUpload':
        return await finalizeEntry(response, input)
      case 'GetCacheEntryDownloadURL':
        return downloadUrl(response, input, request)
      default:
        twirpError(response, 404, 'bad_route', `no method ${operation}`)
    }
  }

  /**
   * The cache key a request is about: the `key` field of a twirp call, or
   * the key of the entry a blob URL points to.
   */
  function requestKey(operation, url, body) {
    if (operation === 'upload' || operation === 'download') {
      return entries.get(Number(url.pathname.split('/')[3]))?.key
    }
    try {
      const key = JSON.parse(body.toString('utf8') || '{}').key
      return typeof key === 'string' ? key : undefined
    } catch {
      return undefined
    }
  }

  /** Answers per the current fault; true when the request was taken care of. */
  function applyFault(operation, response, key) {
    // consume() may clear `fault`; keep the one this request sees.
    const current = fault
    if (!current) return false
    const methodMatches =
      current.method === undefined ||
      current.method === 'any' ||
      current.method === operation
    const keyMatches =
      current.key === undefined ||
      (key !== undefined &&
        (typeof current.key === 'string'
          ? key.startsWith(current.key)
          : current.key.test(key)))
    if (!methodMatches || !keyMatches) return false
    if (current.type === 'missing') {
      // What a runner without the service (or a wrong base URL) looks like.
      consume()
      twirpError(response, 404, 'bad_route', 'no cache service here')
      return true
    }
    if (current.type === 'error') {
      consume()
      const status = current.status ?? 500
      if (operation === 'upload' || operation === 'download') {
        azureError(response, status, 'InternalError', 'injected fault')
      } else {
        twirpError(response, status, 'internal', 'injected fault')
      }
      return true
    }
    if (current.type === 'hang') {
      // Never answer; close() destroys the socket.
      consume()
      return true
    }
    if (current.type === 'conflict' && operation === 'CreateCacheEntry') {
      consume()
      conflict(response)
      return true
    }
    if (current.type === 'read-only' && operation === 'CreateCacheEntry') {
      consume()
      // The service's policy denial: 200 with ok:false and a stable prefix,
      // which the client turns into CacheWriteDeniedError.
      json(response, 200, {
        ok: false,
        signed_upload_url: '',
        message: 'cache write denied: the token of this run is read-only'
      })
      return true
    }
    if (
      current.type === 'read-denied' &&
      operation === 'GetCacheEntryDownloadURL'
    ) {
      consume()
      twirpError(
        response,
        403,
        'permission_denied',
        'cache read denied: the token of this run has no readable scopes'
      )
      return true
    }
    return false
  }

  function consume() {
    if (fault?.times === undefined) return
    fault.times -= 1
    if (fault.times <= 0) fault = undefined
  }

  function createEntry(response, input, request) {
    const { key, version } = input
    if (typeof key !== 'string' || !key || typeof version !== 'string') {
      twirpError(response, 400, 'invalid_argument', 'key and version required')
      return
    }
    for (const existing of entries.values()) {
      // Reserved-but-unfinished entries block the key too: that is what
      // makes keys write-once even between two concurrent savers.
      if (existing.key === key && existing.version === version) {
        conflict(response)
        return
      }
    }
    const id = nextId++
    const signature = randomBytes(12).toString('hex')
    entries.set(id, {
      id,
      key,
      version,
      signature,
      finalized: false,
      data: undefined,
      blocks: new Map(),
      size: 0,
      sequence: 0,
      createdAt: ''
    })
    json(response, 200, {
      ok: true,
      signed_upload_url: `${baseUrl(request)}${ACCOUNT}/${CONTAINER}/${id}?sig=${signature}`
    })
  }

  async function finalizeEntry(response, input) {
    const { key, version } = input
    const size = Number(input.size_bytes ?? 0)
    const entry = [...entries.values()].find(
      (candidate) =>
        candidate.key === key &&
        candidate.version === version &&
        !candidate.finalized
    )
    if (!entry) {
      twirpError(response, 404, 'not_found', `no reserved entry for ${key}`)
      return
    }
    if (!entry.data || entry.data.length !== size) {
      json(response, 200, {
        ok: false,
        entry_id: '0',
        message: `uploaded size ${entry.data?.length ?? 0} does not match ${size}`
      })
      return
    }
    entry.finalized = true
    entry.size = size
    entry.sequence = ++sequence
    entry.createdAt = new Date().toISOString()
    // Lets a test act "between" two steps of a client, e.g. save another
    // entry after this one is final but before the client hears so.
    await options.afterFinalize?.(entry.key)
    json(response, 200, { ok: true, entry_id: String(entry.id) })
  }

  function downloadUrl(response, input, request) {
    const { key, version } = input
    const restoreKeys = Array.isArray(input.restore_keys)
      ? input.restore_keys
      : []
    const usable = [...entries.values()]
      .filter((entry) => entry.finalized && entry.version === version)
      .sort((a, b) => b.sequence - a.sequence)
    const match =
      usable.find((entry) => entry.key === key) ??
      restoreKeys
        .map((prefix) => usable.find((entry) => entry.key.startsWith(prefix)))
        .find((entry) => entry !== undefined)
    if (!match) {
      json(response, 200, {
        ok: false,
        signed_download_url: '',
        matched_key: ''
      })
      return
    }
    json(response, 200, {
      ok: true,
      signed_download_url: `${baseUrl(request)}${ACCOUNT}/${CONTAINER}/${match.id}?sig=${match.signature}`,
      matched_key: match.key
    })
  }

  /** Azure block-blob style storage of one entry's archive. */
  function blob(request, response, url, body, operation) {
    const id = Number(url.pathname.split('/')[3])
    const entry = entries.get(id)
    if (!entry || url.searchParams.get('sig') !== entry.signature) {
      azureError(response, 403, 'AuthenticationFailed', 'bad signature')
      return
    }
    if (operation === 'upload') {
      if (entry.finalized) {
        azureError(response, 409, 'BlobImmutable', 'the entry is finalized')
        return
      }
      const comp = url.searchParams.get('comp')
      if (comp === 'block') {
        entry.blocks.set(url.searchParams.get('blockid') ?? '', body)
      } else if (comp === 'blocklist') {
        const ids = [
          ...body
            .toString('utf8')
            .matchAll(/<(?:Latest|Committed|Uncommitted)>([^<]*)</g)
        ].map((match) => match[1])
        const missing = ids.find((blockId) => !entry.blocks.has(blockId))
        if (missing !== undefined) {
          azureError(response, 400, 'InvalidBlockList', `no block ${missing}`)
          return
        }
        entry.data = Buffer.concat(
          ids.map((blockId) => entry.blocks.get(blockId))
        )
        entry.blocks.clear()
      } else if (comp === null) {
        if (request.headers['x-ms-blob-type'] !== 'BlockBlob') {
          azureError(response, 400, 'MissingRequiredHeader', 'x-ms-blob-type')
          return
        }
        entry.data = body
      } else {
        azureError(response, 400, 'UnsupportedQueryParameter', `comp=${comp}`)
        return
      }
      response.writeHead(201, {
        etag: `"0x${entry.id.toString(16)}${Date.now().toString(16)}"`,
        'last-modified': new Date().toUTCString(),
        'x-ms-request-id': randomBytes(8).toString('hex'),
        'x-ms-version': '2025-01-05',
        'x-ms-request-server-encrypted': 'true',
        'content-length': '0'
      })
      response.end()
      return
    }
    if (!entry.finalized || !entry.data) {
      azureError(response, 404, 'BlobNotFound', 'the entry is not finalized')
      return
    }
    const data = entry.data
    const headers = {
      'content-type': 'application/octet-stream',
      'accept-ranges': 'bytes',
      'x-ms-blob-type': 'BlockBlob',
      'last-modified': new Date(entry.createdAt).toUTCString(),
      etag: `"0x${entry.id.toString(16)}"`
    }
    const range = /^bytes=(\d+)-(\d*)$/.exec(
      String(request.headers['x-ms-range'] ?? request.headers.range ?? '')
    )
    if (range) {
      const start = Number(range[1])
      const end = Math.min(
        range[2] ? Number(range[2]) : data.length - 1,
        data.length - 1
      )
      if (start > end) {
        azureError(response, 416, 'InvalidRange', 'range not satisfiable')
        return
      }
      const part = data.subarray(start, end + 1)
      response.writeHead(206, {
        ...headers,
        'content-range': `bytes ${start}-${end}/${data.length}`,
        'content-length': String(part.length)
      })
      response.end(request.method === 'HEAD' ? undefined : part)
      return
    }
    response.writeHead(200, {
      ...headers,
      'content-length': String(data.length)
    })
    response.end(request.method === 'HEAD' ? undefined : data)
  }

  await new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve(undefined))
  })
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  const url = `http://127.0.0.1:${port}/`

  return {
    url,
    token,
    env: () => ({
      ACTIONS_CACHE_SERVICE_V2: 'true',
      ACTIONS_RESULTS_URL: url,
      ACTIONS_RUNTIME_TOKEN: token
    }),
    entries: () =>
      [...entries.values()]
        .filter((entry) => entry.finalized)
        .sort((a, b) => a.sequence - b.sequence)
        .map((entry) => ({
          key: entry.key,
          version: entry.version,
          size: entry.size,
          createdAt: entry.createdAt
        })),
    read: (key, version) => {
      const found = [...entries.values()]
        .filter(
          (entry) =>
            entry.finalized &&
            entry.key === key &&
            (version === undefined || entry.version === version)
        )
        .sort((a, b) => b.sequence - a.sequence)[0]
      return found?.data ? Buffer.from(found.data) : undefined
    },
    requests: () => log.map((entry) => ({ ...entry })),
    evict: (keyPredicate) => {
      let evicted = 0
      for (const [id, entry] of entries) {
        if (!keyPredicate || keyPredicate(entry.key)) {
          entries.delete(id)
          evicted += 1
        }
      }
      return evicted
    },
    setFault: (next) => {
      fault = next ? { ...next } : undefined
    },
    close: async () => {
      await new Promise((resolve) => {
        server.close(() => resolve(undefined))
        for (const socket of sockets) socket.destroy()
      })
    }
  }

  function baseUrl(request) {
    return `http://${request.headers.host ?? `127.0.0.1:${port}`}/`
  }
}

function readBody(request) {
  return new Promise((resolve, reject) => {
    const chunks = []
    request.on('data', (chunk) => chunks.push(chunk))
    request.on('end', () => resolve(Buffer.concat(chunks)))
    request.on('error', reject)
  })
}

function json(response, status, value) {
  const text = JSON.stringify(value)
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(text))
  })
  response.end(text)
}

/** A twirp error: the client parses the body as JSON and reads `msg`. */
function twirpError(response, status, code, msg) {
  json(response, status, { code, msg })
}

function conflict(response) {
  twirpError(
    response,
    409,
    'already_exists',
    'cache entry with the same key, version, and scope already exists'
  )
}

function azureError(response, status, code, message) {
  const text = `<?xml version="1.0" encoding="utf-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`
  response.writeHead(status, {
    'content-type': 'application/xml',
    'content-length': String(Buffer.byteLength(text)),
    'x-ms-error-code': code
  })
  response.end(text)
}
