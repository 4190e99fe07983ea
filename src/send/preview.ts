/**
 * Discovery in previews (dry runs, pull requests, `check`): each article
 * page that a run would notify gets the same one guarded, capped GET as a
 * real run (page-target.ts's readPage), so that "Would send" names the
 * protocol and the endpoint, and a page offering nothing shows as invalid
 * before it is merged. Never a POST. Pages of one host are read one at a
 * time, several hosts at once.
 */
import { createAgents, destroyAgents } from '../net/http-client.js'
import type { PingRequest, Protocol, Result } from '../types.js'
import { pool } from '../util.js'
import { PROTOCOLS } from './discover.js'
import { discoverPage } from './page-target.js'

/** A row shown by the preview, with the request the run would make. */
export interface PreviewRow {
  result: Result
  request?: PingRequest
}

/** How the preview reads pages. */
export interface PreviewOptions {
  timeoutMs: number
  userAgent: string
  allowPrivateNetworks: boolean
  /** Hosts read at once. */
  concurrency: number
  protocols?: readonly Protocol[]
}

const NAMES: Record<Protocol, string> = {
  trackback: 'TrackBack ping',
  webmention: 'Webmention',
  pingback: 'Pingback'
}

/**
 * Read the page of every previewed row whose target is an article page,
 * and write what the run would send into its result. Returns how many
 * pages were read.
 */
export async function previewPages(
  rows: PreviewRow[],
  options: PreviewOptions
): Promise<number> {
  const pages = rows.filter(
    (r) => r.result.status === 'dry-run' && r.request?.kind === 'page'
  )
  if (pages.length === 0) return 0
  const byHost = new Map<string, PreviewRow[]>()
  for (const row of pages) {
    const host = hostOf(row.request?.ping ?? '')
    byHost.set(host, [...(byHost.get(host) ?? []), row])
  }
  const agents = createAgents(options.allowPrivateNetworks)
  try {
    await pool([...byHost.values()], options.concurrency, async (list) => {
      for (const row of list) await previewOne(row, options, agents)
    })
  } finally {
    destroyAgents(agents)
  }
  return pages.length
}

function hostOf(url: string): string {
  try {
    return new URL(url).host
  } catch {
    return url
  }
}

/** One page: its protocol and endpoint, or why nothing would be sent. */
async function previewOne(
  row: PreviewRow,
  options: PreviewOptions,
  agents: ReturnType<typeof createAgents>
): Promise<void> {
  const url = row.request?.ping ?? ''
  const read = await discoverPage(url, {
    ...options,
    protocols: options.protocols ?? PROTOCOLS,
    agents
  })
  const { result } = row
  if (read === 'not-a-page') {
    result.protocol = 'trackback'
    result.endpoint = url
    result.message = `Would send a TrackBack ping to ${url} (it is not an HTML page, so it is taken as a ping URL).`
    return
  }
  if (!('kind' in read)) {
    result.protocol = read.protocol
    result.endpoint = read.endpoint
    result.message = `Would send a ${NAMES[read.protocol]} to ${read.endpoint}.`
    return
  }
  if (read.kind === 'rejected' && read.nothingFound) {
    result.status = 'invalid'
    result.message = read.message
    return
  }
  // A page that cannot be read now may be readable when the run sends.
  result.message = `Would read the page first to find how it takes notifications; now: ${read.message}`
}
