// `npm run docs`: write the README's inputs and outputs tables from
// action.yml, so the two never disagree. `npm run docs -- --check` (what CI
// runs) changes nothing and fails when the README is out of date.
//
// The tables sit between marker comments in README.md:
//   <!-- generated:inputs (npm run docs) -->  …  <!-- /generated:inputs -->
// Everything else in the README is left alone. The result goes through
// prettier, so `prettier --check .` agrees with it.
import { readFileSync, writeFileSync } from 'node:fs'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'
import * as prettier from 'prettier'
import { parse } from 'yaml'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

/** The marker comments around one generated block. */
export function markers(name) {
  return {
    start: `<!-- generated:${name} (npm run docs) -->`,
    end: `<!-- /generated:${name} -->`
  }
}

/**
 * One line of Markdown table text: no newlines, `|` escaped, and `<` `>`
 * outside code spans escaped too, so that `abs/<id>` is not taken for an
 * HTML tag (and hidden) by GitHub.
 */
function cell(text) {
  return String(text)
    .replace(/\s+/g, ' ')
    .trim()
    .split(/(`[^`]*`)/)
    .map((part, i) =>
      i % 2 === 1 ? part : part.replace(/</g, '&lt;').replace(/>/g, '&gt;')
    )
    .join('')
    .replace(/\|/g, '\\|')
}

/** A default value as the README shows it. */
function shownDefault(value) {
  if (value === undefined || value === null || String(value) === '') {
    return '—'
  }
  return `\`${cell(value)}\``
}

/**
 * The Markdown tables for action.yml's text: `{ inputs, outputs }`.
 * Throws when the metadata has no inputs or an input has no description.
 */
export function renderTables(actionYml) {
  const action = parse(actionYml) ?? {}
  const inputs = Object.entries(action.inputs ?? {})
  const outputs = Object.entries(action.outputs ?? {})
  if (inputs.length === 0) throw new Error('action.yml declares no inputs')
  for (const [name, spec] of [...inputs, ...outputs]) {
    if (!spec?.description?.trim()) {
      throw new Error(`action.yml: '${name}' has no description`)
    }
  }
  const inputRows = inputs.map(
    ([name, spec]) =>
      `| \`${name}\` | ${shownDefault(spec.default)} | ${cell(spec.description)} |`
  )
  const outputRows = outputs.map(
    ([name, spec]) => `| \`${name}\` | ${cell(spec.description)} |`
  )
  return {
    inputs: [
      '| Input | Default | What it does |',
      '| --- | --- | --- |',
      ...inputRows
    ].join('\n'),
    outputs: [
      '| Output | What it holds |',
      '| --- | --- |',
      ...outputRows
    ].join('\n')
  }
}

/**
 * The README with each generated block replaced. Throws when a block's
 * markers are missing or out of order, naming the markers to add.
 */
export function replaceBlocks(readme, blocks) {
  let text = readme
  for (const [name, body] of Object.entries(blocks)) {
    const { start, end } = markers(name)
    const from = text.indexOf(start)
    const to = text.indexOf(end)
    if (from < 0 || to < from) {
      throw new Error(
        `README.md needs the lines\n${start}\n${end}\nwhere the ${name} table goes.`
      )
    }
    text = `${text.slice(0, from + start.length)}\n\n${body}\n\n${text.slice(to)}`
  }
  return text
}

/** The README as it should be for this action.yml, formatted by prettier. */
export async function expectedReadme(readme, actionYml, readmePath) {
  const options = (await prettier.resolveConfig(readmePath)) ?? {}
  return prettier.format(replaceBlocks(readme, renderTables(actionYml)), {
    ...options,
    filepath: readmePath
  })
}

async function main() {
  const check = process.argv.includes('--check')
  const readmePath = path.join(ROOT, 'README.md')
  const readme = readFileSync(readmePath, 'utf8')
  const actionYml = readFileSync(path.join(ROOT, 'action.yml'), 'utf8')
  const expected = await expectedReadme(readme, actionYml, readmePath)
  if (expected === readme) {
    console.log('README.md inputs and outputs match action.yml.')
    return
  }
  if (check) {
    console.error(
      'README.md inputs/outputs tables differ from action.yml. Run `npm run docs` and commit README.md.'
    )
    process.exitCode = 1
    return
  }
  writeFileSync(readmePath, expected)
  console.log('Updated the inputs and outputs tables in README.md.')
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    await main()
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error))
    process.exitCode = 1
  }
}
