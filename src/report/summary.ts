/**
 * The pure half of the report: the counts set as outputs and the job
 * summary's HTML, from the results of a run (publish.ts hands them to
 * `@actions/core`).
 */
import type { Result, ResultStatus } from '../types.js'
import { arxivIdOfPing } from '../post/arxiv.js'
import type { LandedReport } from '../landed/report.js'
import { landedSection } from './landed-section.js'

/** Everything the report shows. */
export interface RunReport {
  results: Result[]
  dryRun: boolean
  /** One line each: how posts were found, ledger state, warnings. */
  notes: string[]
  /** A pull-request event: the dry run shows what merging would send. */
  pullRequest?: boolean
  /** Whether sent pings show on their receivers (landed/). */
  landed?: LandedReport
}

/** The counts set as outputs. */
export interface Counts {
  sent: number
  failed: number
  skipped: number
  pending: number
  wouldSend: number
}

/** How each status reads in the summary: an icon and plain words. */
const LABEL: Record<ResultStatus, string> = {
  sent: '✅ sent',
  'already-sent': '☑️ already sent',
  rejected: '⛔ rejected',
  failed: '❌ failed',
  pending: '⏳ pending',
  'dry-run': '🔍 would send',
  invalid: '⚠️ invalid',
  skipped: '⏭️ skipped'
}

/** A status label for a table cell: kept on one line. */
const cellLabel = (status: ResultStatus): string =>
  LABEL[status].replace(/ /g, '&nbsp;')

/** The order of the totals line. */
const TOTALS_ORDER: ResultStatus[] = [
  'sent',
  'dry-run',
  'already-sent',
  'pending',
  'failed',
  'rejected',
  'invalid',
  'skipped'
]

/**
 * Count results for the outputs: `failed` includes rejected and invalid
 * pairs, `skipped` includes already-sent and dry-run pairs.
 */
export function countResults(results: Result[]): Counts {
  const counts: Counts = {
    sent: 0,
    failed: 0,
    skipped: 0,
    pending: 0,
    wouldSend: 0
  }
  for (const r of results) {
    switch (r.status) {
      case 'sent':
        counts.sent++
        break
      case 'failed':
      case 'rejected':
      case 'invalid':
        counts.failed++
        break
      case 'pending':
        counts.pending++
        break
      case 'dry-run':
        counts.wouldSend++
        counts.skipped++
        break
      default:
        counts.skipped++
    }
  }
  return counts
}

/** Escape text for HTML in the job summary. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
}

function link(text: string, href: string): string {
  return /^https?:\/\//i.test(href)
    ? `<a href="${escapeHtml(href)}">${escapeHtml(text)}</a>`
    : escapeHtml(text)
}

const plural = (n: number, one: string, many = `${one}s`): string =>
  `${n} ${n === 1 ? one : many}`

/** Results grouped by post source, in the order first seen. */
function byPost(results: Result[]): Map<string, Result[]> {
  const groups = new Map<string, Result[]>()
  for (const r of results) {
    const list = groups.get(r.post) ?? []
    list.push(r)
    groups.set(r.post, list)
  }
  return groups
}

/** "5 targets in 2 posts: 2 sent, 1 pending, 2 skipped." */
export function totalsLine(results: Result[]): string {
  const posts = byPost(results).size
  const parts = TOTALS_ORDER.flatMap((status) => {
    const n = results.filter((r) => r.status === status).length
    return n === 0 ? [] : [`${n} ${LABEL[status].replace(/^\S+ /, '')}`]
  })
  const head = `${plural(results.length, 'target')} in ${plural(posts, 'post')}`
  return parts.length === 0 ? `${head}.` : `${head}: ${parts.join(', ')}.`
}

/** The lead paragraph and list of a dry run: exactly what would be sent. */
function wouldSendList(report: RunReport): string[] {
  const rows = report.results.filter((r) => r.status === 'dry-run')
  const who = report.pullRequest
    ? 'Merging this pull request'
    : 'This run without dry-run'
  const lead =
    `<p>Dry run: nothing was sent. ` +
    (rows.length === 0
      ? `${who} would send no ping.</p>`
      : `${who} would send exactly ${rows.length === 1 ? 'this ping' : `these ${rows.length} pings`}:</p>`)
  if (rows.length === 0) return [lead]
  const items = rows.map(
    (r) =>
      `<li>${link(r.url, r.url)} → ${link(r.ping, r.ping)}` +
      (r.target !== r.ping ? ` (<code>${escapeHtml(r.target)}</code>)` : '') +
      '</li>'
  )
  return [lead, `<ul>\n${items.join('\n')}\n</ul>`]
}

/** The note under a post's table for its arXiv targets. */
function arxivNote(rows: Result[]): string | undefined {
  const ids = [
    ...new Set(
      rows
        .filter((r) => r.status !== 'invalid')
        .flatMap((r) => {
          const id = arxivIdOfPing(r.ping)
          return id === undefined ? [] : [id]
        })
    )
  ]
  if (ids.length === 0) return undefined
  const pages = ids
    .map((id) => link(`arxiv.org/tb/${id}`, `https://arxiv.org/tb/${id}`))
    .join(', ')
  return (
    `<p>📄 arXiv lists a TrackBack only after a moderator has reviewed it, ` +
    `which can take days: ${ids.length === 1 ? 'look for it at' : 'look for them at'} ${pages}. ` +
    `arXiv expects the post to link to the paper's abstract page.</p>`
  )
}

const PROTOCOL_NAMES: Record<NonNullable<Result['protocol']>, string> = {
  trackback: 'TrackBack',
  webmention: 'Webmention',
  pingback: 'Pingback'
}

/** For a page target: the protocol it was sent by and the endpoint. */
function sentVia(r: Result): string {
  if (!r.protocol) return ''
  const name = PROTOCOL_NAMES[r.protocol]
  const where = r.endpoint ? `: ${link(r.endpoint, r.endpoint)}` : ''
  return `<br>${name}${where}`
}

/** One post's heading, table of targets and notes. */
function postSection(post: string, rows: Result[]): string[] {
  const url = rows.find((r) => r.url)?.url ?? ''
  const out = [
    `<h3>${url ? link(url, url) : escapeHtml(post)}</h3>`,
    `<p>Source: <code>${escapeHtml(post)}</code></p>`,
    '<table>',
    '<thead><tr><th>Target</th><th>Ping URL</th><th>Status</th><th>Message</th></tr></thead>',
    '<tbody>'
  ]
  for (const r of rows) {
    out.push(
      `<tr><td><code>${escapeHtml(r.target)}</code></td>` +
        `<td>${r.ping ? link(r.ping, r.ping) : ''}${sentVia(r)}</td>` +
        `<td>${cellLabel(r.status)}</td><td>${escapeHtml(r.message)}</td></tr>`
    )
  }
  out.push('</tbody>', '</table>')
  const note = arxivNote(rows)
  if (note) out.push(note)
  return out
}

/**
 * The job summary as HTML (GitHub renders it with the Markdown around it):
 * a title, the totals, for a dry run the list of what would be sent, then
 * one section per post with a table of its targets.
 */
export function renderSummary(report: RunReport): string {
  const { results, dryRun } = report
  const wouldSend = results.filter((r) => r.status === 'dry-run').length
  const out: string[] = [
    dryRun
      ? `<h2>TrackBack: would send ${plural(wouldSend, 'ping')}</h2>`
      : '<h2>TrackBack pings</h2>'
  ]
  if (dryRun) out.push(...wouldSendList(report))
  const groups = byPost(results)
  if (groups.size === 0) {
    out.push('<p>No post in this run has TrackBack targets.</p>')
  } else {
    out.push(`<p><strong>${escapeHtml(totalsLine(results))}</strong></p>`)
  }
  for (const [post, rows] of groups) out.push(...postSection(post, rows))
  out.push(...landedSection(report.landed, escapeHtml))
  if (report.notes.length > 0) {
    out.push(
      `<ul>${report.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul>`
    )
  }
  return out.join('\n')
}
