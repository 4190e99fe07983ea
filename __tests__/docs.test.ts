/**
 * The README's inputs and outputs tables are generated from action.yml
 * (`npm run docs`): these tests fail when someone changes one without the
 * other, and pin down how the generator treats odd descriptions.
 */
import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import * as path from 'node:path'
import { parse } from 'yaml'
import {
  expectedReadme,
  markers,
  renderTables,
  replaceBlocks
} from '../scripts/docs.mjs'

const README = path.resolve('README.md')
const readme = readFileSync(README, 'utf8')
const actionYml = readFileSync(path.resolve('action.yml'), 'utf8')

describe('README inputs and outputs', () => {
  it('match action.yml (run `npm run docs` after changing either)', async () => {
    expect(await expectedReadme(readme, actionYml, README)).toBe(readme)
  })

  it('list every input and output action.yml declares', () => {
    const action = parse(actionYml) as {
      inputs: Record<string, unknown>
      outputs: Record<string, unknown>
    }
    for (const name of [
      ...Object.keys(action.inputs),
      ...Object.keys(action.outputs)
    ]) {
      expect(readme).toMatch(new RegExp(`^\\| \`${name}\` +\\|`, 'm'))
    }
  })
})

describe('renderTables', () => {
  const yml = [
    'inputs:',
    '  a:',
    '    description: >-',
    '      One line',
    '      and | a pipe.',
    "    default: 'x'",
    '  b:',
    "    description: 'Empty default.'",
    "    default: ''",
    'outputs:',
    '  n:',
    "    description: 'A count.'"
  ].join('\n')

  it('makes one row per input and output, one line each, pipes escaped', () => {
    const { inputs, outputs } = renderTables(yml)
    expect(inputs.split('\n')).toEqual([
      '| Input | Default | What it does |',
      '| --- | --- | --- |',
      '| `a` | `x` | One line and \\| a pipe. |',
      '| `b` | — | Empty default. |'
    ])
    expect(outputs.split('\n')).toEqual([
      '| Output | What it holds |',
      '| --- | --- |',
      '| `n` | A count. |'
    ])
  })

  it('escapes < and > outside code spans (GitHub would hide <id>)', () => {
    const { inputs } = renderTables(
      "inputs:\n  a:\n    description: 'See abs/<id> or `<id>`.'\n"
    )
    expect(inputs).toContain('| See abs/&lt;id&gt; or `<id>`. |')
  })

  it('refuses an input without a description', () => {
    expect(() => renderTables('inputs:\n  a:\n    default: x\n')).toThrow(
      "'a' has no description"
    )
  })
})

describe('replaceBlocks', () => {
  const { start, end } = markers('inputs')

  it('replaces only what is between the markers', () => {
    const text = `# T\n\n${start}\nold\n${end}\n\nkept\n`
    expect(replaceBlocks(text, { inputs: 'new' })).toBe(
      `# T\n\n${start}\n\nnew\n\n${end}\n\nkept\n`
    )
  })

  it('says which markers to add when they are missing', () => {
    expect(() => replaceBlocks('# T\n', { inputs: 'new' })).toThrow(start)
  })
})
