/**
 * The job summary's "Landed" section: of the pings sent in this and
 * earlier runs, which the receivers show, which are still awaited (and how
 * long since sending) and which were given up. Pure: landed/report.ts's
 * rows in, HTML out.
 */
import type { LandedReport, LandedRow } from '../landed/report.js'

/** Rows shown per group; the rest are counted. */
const MAX_ROWS = 20

/** The section, or [] when no sent ping is followed. */
export function landedSection(
  landed: LandedReport | undefined,
  escape: (text: string) => string
): string[] {
  if (!landed) return []
  const { visible, waiting, givenUp } = landed
  if (visible.length + waiting.length + givenUp.length === 0) return []
  const link = (href: string): string =>
    /^https?:\/\//i.test(href)
      ? `<a href="${escape(href)}">${escape(href)}</a>`
      : escape(href)
  const item = (r: LandedRow, state: string): string =>
    `<li><code>${escape(r.source)}</code> → ${link(r.ping)}: ${state}` +
    (r.statusUrl ? ` (receiver's status: ${link(r.statusUrl)})` : '') +
    '</li>'
  const group = (
    title: string,
    rows: LandedRow[],
    state: (r: LandedRow) => string
  ): string[] => {
    if (rows.length === 0) return []
    const shown = rows.slice(0, MAX_ROWS).map((r) => item(r, state(r)))
    const more = rows.length - shown.length
    if (more > 0) shown.push(`<li>and ${more} more</li>`)
    return [`<p>${title}</p>`, `<ul>${shown.join('')}</ul>`]
  }
  return [
    '<h3>Landed</h3>',
    `<p>${visible.length} visible, ${waiting.length} waiting, ${givenUp.length} given up (pings are looked for up to ${landed.days} days after sending; never sent again).</p>`,
    ...group(
      '✅ Visible on the receiver:',
      visible,
      (r) => `seen ${(r.since ?? '').slice(0, 10)}`
    ),
    ...group('⏳ Waiting:', waiting, (r) => `sent ${days(r.days)} ago`),
    ...group(
      '🚫 Given up:',
      givenUp,
      (r) => `not visible after ${days(r.days)}`
    )
  ]
}

function days(n: number | undefined): string {
  const d = n ?? 0
  return d === 1 ? '1 day' : `${d} days`
}
