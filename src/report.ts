/**
 * Reporting: the outputs, the job summary and the annotations. The
 * rendering is pure (`countResults`, `renderSummary`); `publishReport` hands
 * the result to `@actions/core`.
 */
import * as core from '@actions/core'
import type { Problem, Result, ResultStatus } from './types.js'

/** Everything the report shows. */
export interface RunReport {
  results: Result[]
  dryRun: boolean
  /** One line each: how posts were found, ledger state, warnings. */
  notes: string[]
}

/** The counts set as outputs. */
export interface Counts {
  sent: number
  failed: number
  skipped: number
  pending: number
  wouldSend: number
}

const ICON: Record<ResultStatus, string> = {
  sent: '✅',
  'already-sent': '☑️',
  rejected: '⛔',
  failed: '❌',
  pending: '⏳',
  'dry-run': '🔍',
  invalid: '⚠️',
  skipped: '⏭️'
}

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

const ARXIV_PING = /^https:\/\/arxiv\.org\/trackback\/(.+)$/

function wouldSend(n: number): string {
  if (n === 0) return 'Merging this would send no ping.'
  return n === 1
    ? 'This ping would be sent:'
    : `These ${n} pings would be sent:`
}

/** The job summary as HTML (GitHub renders it with the Markdown around it). */
export function renderSummary(report: RunReport): string {
  const { results, dryRun } = report
  const counts = countResults(results)
  const out: string[] = []
  out.push(
    dryRun ? '<h2>TrackBack: would send</h2>' : '<h2>TrackBack pings</h2>'
  )
  if (dryRun) {
    out.push(`<p>Dry run: nothing was sent. ${wouldSend(counts.wouldSend)}</p>`)
  }
  const byPost = new Map<string, Result[]>()
  for (const r of results) {
    const list = byPost.get(r.post) ?? []
    list.push(r)
    byPost.set(r.post, list)
  }
  if (byPost.size === 0) {
    out.push('<p>No post in this run has TrackBack targets to send.</p>')
  }
  for (const [post, rows] of byPost) {
    const url = rows.find((r) => r.url)?.url ?? ''
    out.push(`<h3>${url ? link(url, url) : escapeHtml(post)}</h3>`)
    out.push(`<p><code>${escapeHtml(post)}</code></p>`)
    out.push(
      '<table><tr><th>Target</th><th>Ping URL</th><th>Status</th><th>Message</th></tr>'
    )
    for (const r of rows) {
      const arxiv = ARXIV_PING.exec(r.ping)
      let message = escapeHtml(r.message)
      if (arxiv && (r.status === 'sent' || r.status === 'already-sent')) {
        const tb = `https://arxiv.org/tb/${arxiv[1]}`
        message += `${message ? ' ' : ''}arXiv reviews pings before listing them at ${link(tb, tb)}.`
      }
      out.push(
        `<tr><td>${escapeHtml(r.target)}</td><td>${r.ping ? link(r.ping, r.ping) : ''}</td>` +
          `<td>${ICON[r.status]} ${r.status}</td><td>${message}</td></tr>`
      )
    }
    out.push('</table>')
  }
  out.push(
    `<p><strong>${counts.sent} sent</strong>, ${counts.failed} failed or invalid, ` +
      `${counts.pending} pending, ${counts.skipped} skipped` +
      `${dryRun ? ` (${counts.wouldSend} would be sent)` : ''}.</p>`
  )
  if (report.notes.length > 0) {
    out.push(
      `<ul>${report.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul>`
    )
  }
  return out.join('\n')
}

/** An annotation on a file and line. */
export interface Annotation extends Problem {
  level: 'error' | 'warning' | 'notice'
  title: string
}

/** Set the outputs, write the job summary and annotate problems. */
export async function publishReport(
  report: RunReport,
  annotations: Annotation[]
): Promise<Counts> {
  const counts = countResults(report.results)
  core.setOutput('sent', counts.sent)
  core.setOutput('failed', counts.failed)
  core.setOutput('skipped', counts.skipped)
  core.setOutput('pending', counts.pending)
  core.setOutput('would-send', counts.wouldSend)
  core.setOutput('results', JSON.stringify(report.results))

  const seen = new Set<string>()
  for (const a of annotations) {
    const id = `${a.level}:${a.file}:${a.line ?? ''}:${a.message}`
    if (seen.has(id)) continue
    seen.add(id)
    const properties = { title: a.title, file: a.file, startLine: a.line }
    if (a.level === 'error') core.error(a.message, properties)
    else if (a.level === 'warning') core.warning(a.message, properties)
    else core.notice(a.message, properties)
  }

  if (process.env.GITHUB_STEP_SUMMARY) {
    try {
      await core.summary.addRaw(renderSummary(report), true).write()
    } catch (error) {
      core.warning(`Could not write the job summary: ${String(error)}`)
    }
  }
  return counts
}
