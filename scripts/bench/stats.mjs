// Pure helpers for `npm run bench`: summarising repeated measurements and
// printing them. Plain ESM JavaScript (types in stats.d.mts) so the bench
// script runs without a build and the tests import it as is.

/**
 * The median, min and max of a list of measurements (NaN ones ignored).
 * The median of an even count is the mean of the two middle values.
 * @param {number[]} values
 * @returns {import('./stats.d.mts').Summary}
 */
export function summarize(values) {
  const sorted = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b)
  const n = sorted.length
  if (n === 0) return { median: NaN, min: NaN, max: NaN, runs: 0 }
  const mid = Math.floor(n / 2)
  const median = n % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
  return { median, min: sorted[0], max: sorted[n - 1], runs: n }
}

/**
 * The least wall time for sending pings when each host takes one request
 * at a time and every request takes `requestMs`: the busiest host's count
 * times `requestMs`.
 * @param {string[]} hosts  the host of each ping
 * @param {number} requestMs
 */
export function sendingLowerBound(hosts, requestMs) {
  const counts = new Map()
  for (const host of hosts) counts.set(host, (counts.get(host) ?? 0) + 1)
  let busiest = 0
  for (const count of counts.values()) busiest = Math.max(busiest, count)
  return busiest * requestMs
}

/**
 * Phases from an action's log: the debug lines its log groups write,
 * `::debug::<phase> took <ms> ms, <ms> ms after start`.
 * @param {string} stdout
 * @returns {Record<string, import('./stats.d.mts').Phase>}
 */
export function phaseTimes(stdout) {
  const phases = {}
  const line = /^::debug::(.+) took ([\d.]+) ms, ([\d.]+) ms after start$/gm
  for (const [, name, ms, end] of stdout.matchAll(line)) {
    phases[name] = {
      ms: Number(ms),
      start: Number(end) - Number(ms),
      end: Number(end)
    }
  }
  return phases
}

/**
 * Milliseconds from the start of phase `first` to the end of phase `last`
 * (NaN when either is missing).
 * @param {Record<string, import('./stats.d.mts').Phase>} phases
 */
export function span(phases, first, last) {
  const a = phases[first]
  const b = phases[last]
  return a && b ? b.end - a.start : NaN
}

/** Whether `value` meets a goal `{ op: '<' | '<=' | '>=' | '>', limit }`. */
export function meets(value, goal) {
  if (!goal || Number.isNaN(value)) return undefined
  switch (goal.op) {
    case '<':
      return value < goal.limit
    case '<=':
      return value <= goal.limit
    case '>':
      return value > goal.limit
    case '>=':
      return value >= goal.limit
    default:
      return undefined
  }
}

/**
 * A number for a table cell: `digits` decimals, or '—' for NaN.
 * @param {number} value
 * @param {number} digits
 */
export function cell(value, digits) {
  return Number.isNaN(value) ? '—' : value.toFixed(digits)
}

/**
 * A Markdown table of measurement rows.
 * @param {import('./stats.d.mts').Row[]} rows
 */
export function markdownTable(rows) {
  const head = ['measure', 'median', 'min', 'max', 'runs', 'goal', 'met']
  const lines = rows.map((row) => {
    const d = row.digits ?? 0
    const goal = row.goal ? `${row.goal.op} ${row.goal.limit}` : ''
    const met = meets(row.median, row.goal)
    return [
      `${row.name}${row.unit ? ` (${row.unit})` : ''}`,
      cell(row.median, d),
      cell(row.min, d),
      cell(row.max, d),
      String(row.runs),
      goal,
      met === undefined ? '' : met ? 'yes' : '**no**'
    ]
  })
  const widths = head.map((h, i) =>
    Math.max(h.length, ...lines.map((line) => line[i].length))
  )
  const format = (cells) =>
    `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`
  return [
    format(head),
    `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`,
    ...lines.map(format)
  ].join('\n')
}
