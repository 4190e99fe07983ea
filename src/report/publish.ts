/**
 * Publishing the report through `@actions/core`: the outputs, the
 * annotations (each once) and the job summary.
 */
import * as core from '@actions/core'
import type { Annotation } from './annotations.js'
import { countResults, renderSummary } from './summary.js'
import type { Counts, RunReport } from './summary.js'

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
