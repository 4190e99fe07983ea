import {
  afterEach,
  beforeEach,
  describe,
  expect,
  it,
  jest
} from '@jest/globals'
import type { Annotation } from '../../src/report/annotations.js'
import type { RunReport } from '../../src/report/summary.js'
import { result } from './results.js'

// publishReport talks only to @actions/core: record what it is told.
const written = jest.fn<() => Promise<void>>()
const addRaw = jest.fn((_text: string, _overwrite: boolean) => ({
  write: written
}))
const core = {
  setOutput: jest.fn(),
  error: jest.fn(),
  warning: jest.fn(),
  notice: jest.fn(),
  summary: { addRaw }
}
jest.unstable_mockModule('@actions/core', () => core)

const { publishReport } = await import('../../src/report/publish.js')
const { renderSummary } = await import('../../src/report/summary.js')

const report: RunReport = {
  results: [
    result('sent'),
    result('dry-run'),
    result('failed', { message: 'HTTP 503' })
  ],
  dryRun: false,
  notes: ['Found 1 post by git diff.']
}

const annotation = (
  level: Annotation['level'],
  message: string,
  line?: number
): Annotation => ({
  level,
  title: `TrackBack: ${level}`,
  file: '_posts/a.md',
  message,
  ...(line === undefined ? {} : { line })
})

describe('publishReport', () => {
  const summaryFile = process.env.GITHUB_STEP_SUMMARY
  beforeEach(() => {
    jest.clearAllMocks()
    written.mockResolvedValue(undefined)
    process.env.GITHUB_STEP_SUMMARY = '/tmp/summary.md'
  })
  afterEach(() => {
    if (summaryFile === undefined) delete process.env.GITHUB_STEP_SUMMARY
    else process.env.GITHUB_STEP_SUMMARY = summaryFile
  })

  it('sets the outputs and returns the counts', async () => {
    const counts = await publishReport(report, [])
    expect(counts).toEqual({
      sent: 1,
      failed: 1,
      skipped: 1,
      pending: 0,
      wouldSend: 1
    })
    expect(core.setOutput.mock.calls).toEqual([
      ['sent', 1],
      ['failed', 1],
      ['skipped', 1],
      ['pending', 0],
      ['would-send', 1],
      ['results', JSON.stringify(report.results)]
    ])
  })

  it('annotates each problem once, at its level', async () => {
    await publishReport(report, [
      annotation('error', 'bad', 3),
      annotation('warning', 'slow'),
      annotation('error', 'bad', 3),
      annotation('error', 'bad', 4),
      annotation('notice', 'fyi', 5)
    ])
    const at = (title: string, line?: number): object => ({
      title: `TrackBack: ${title}`,
      file: '_posts/a.md',
      startLine: line
    })
    expect(core.error.mock.calls).toEqual([
      ['bad', at('error', 3)],
      ['bad', at('error', 4)]
    ])
    expect(core.warning.mock.calls).toEqual([['slow', at('warning')]])
    expect(core.notice.mock.calls).toEqual([['fyi', at('notice', 5)]])
  })

  it('writes the job summary over the file when there is one', async () => {
    await publishReport(report, [])
    expect(addRaw).toHaveBeenCalledWith(renderSummary(report), true)
    expect(written).toHaveBeenCalledTimes(1)

    jest.clearAllMocks()
    delete process.env.GITHUB_STEP_SUMMARY
    await publishReport(report, [])
    expect(addRaw).not.toHaveBeenCalled()
  })

  it('warns when the job summary cannot be written, and goes on', async () => {
    written.mockRejectedValue(new Error('disk full'))
    const counts = await publishReport(report, [])
    expect(counts.sent).toBe(1)
    expect(core.warning).toHaveBeenCalledWith(
      'Could not write the job summary: Error: disk full'
    )
  })
})
