/**
 * The local run harness (scripts/peers/run-action.mjs, used by the action
 * tests and `npm run demo`) removes its temporary folder after each run,
 * whether the action succeeds or fails, and when reading its files throws.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import {
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import {
  runAction,
  type ActionResult
} from '../../scripts/peers/run-action.mjs'

describe('runAction', () => {
  let root: string
  let script: string

  beforeAll(() => {
    root = mkdtempSync(path.join(tmpdir(), 'trackback-harness-test-'))
    // A stand-in for the action: it reports the folder its files are in.
    script = path.join(root, 'fake-action.mjs')
    writeFileSync(
      script,
      [
        "import { appendFileSync, readFileSync } from 'node:fs'",
        "import { dirname } from 'node:path'",
        'const { GITHUB_EVENT_PATH: event, GITHUB_OUTPUT: output } = process.env',
        'const n = JSON.parse(readFileSync(event, "utf8")).n',
        'appendFileSync(output, `sent=${n}\\ntemp=${dirname(event)}\\n`)',
        'appendFileSync(process.env.GITHUB_STEP_SUMMARY, "Summary.")',
        'process.exitCode = Number(process.env.INPUT_EXIT ?? 0)'
      ].join('\n')
    )
  })

  afterAll(() => rmSync(root, { recursive: true, force: true }))

  const run = (
    inputs: Record<string, string>,
    file = script
  ): Promise<ActionResult> =>
    runAction({
      workspace: root,
      eventName: 'push',
      payload: { n: 3 },
      sha: '0'.repeat(40),
      inputs,
      runnerTemp: root,
      script: file
    })

  it('reads the outputs and summary, then removes its trackback-run-* folder', async () => {
    const result = await run({})
    expect(result.code).toBe(0)
    expect(result.outputs.sent).toBe('3')
    expect(result.summary).toBe('Summary.')
    const temp = result.outputs.temp ?? ''
    expect(path.basename(temp)).toMatch(/^trackback-run-/)
    expect(existsSync(temp)).toBe(false)
  })

  it('removes it when the action fails', async () => {
    const result = await run({ exit: '1' })
    expect(result.code).toBe(1)
    expect(result.outputs.temp).toMatch(/trackback-run-/)
    expect(existsSync(result.outputs.temp ?? '')).toBe(false)
  })

  it('removes it when reading what the action left throws', async () => {
    // The action notes its folder, then deletes its output file.
    const noted = path.join(root, 'noted.txt')
    const breaking = path.join(root, 'breaking-action.mjs')
    writeFileSync(
      breaking,
      [
        "import { rmSync, writeFileSync } from 'node:fs'",
        "import { dirname } from 'node:path'",
        `writeFileSync(${JSON.stringify(noted)}, dirname(process.env.GITHUB_OUTPUT))`,
        'rmSync(process.env.GITHUB_OUTPUT)'
      ].join('\n')
    )
    await expect(run({}, breaking)).rejects.toThrow(/ENOENT/)
    const temp = readFileSync(noted, 'utf8')
    expect(path.basename(temp)).toMatch(/^trackback-run-/)
    expect(existsSync(temp)).toBe(false)
  })
})
