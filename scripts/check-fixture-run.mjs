// Check a run of the action on __fixtures__/blog against
// __fixtures__/blog/expected.json: the counts, and one row per (post,
// target) with the fields the expectation names. The outputs come as JSON
// in $OUTPUTS (in a workflow: `${{ toJSON(steps.<id>.outputs) }}`).
// Used by the self-test job of .github/workflows/ci.yml and by
// __tests__/workflows.test.ts, which runs the bundle the same way.
import { readFileSync } from 'node:fs'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

/** What differs between the outputs and the expectation; [] when nothing. */
export function fixtureProblems(outputs, expected) {
  const problems = []
  for (const [name, value] of Object.entries(expected.outputs)) {
    if (outputs[name] !== value) {
      problems.push(`output ${name}: expected ${value}, got ${outputs[name]}`)
    }
  }
  let results
  try {
    results = JSON.parse(outputs.results ?? '')
  } catch {
    return [...problems, 'output results is not JSON']
  }
  const key = (r) => `${r.post} ${r.target}`
  const byKey = new Map(results.map((r) => [key(r), r]))
  for (const want of expected.results) {
    const got = byKey.get(key(want))
    if (!got) {
      problems.push(`no result for ${key(want)}`)
      continue
    }
    byKey.delete(key(want))
    for (const [field, value] of Object.entries(want)) {
      if (got[field] !== value) {
        problems.push(
          `${key(want)}: ${field} expected ${JSON.stringify(value)}, got ${JSON.stringify(got[field])}`
        )
      }
    }
  }
  for (const extra of byKey.keys()) problems.push(`unexpected result ${extra}`)
  return problems
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const expected = JSON.parse(
    readFileSync(path.join(ROOT, '__fixtures__/blog/expected.json'), 'utf8')
  )
  const problems = fixtureProblems(
    JSON.parse(process.env.OUTPUTS ?? '{}'),
    expected
  )
  if (problems.length > 0) {
    console.error(
      `The fixture run differs from expected.json:\n- ${problems.join('\n- ')}`
    )
    process.exitCode = 1
  } else {
    console.log(
      `The fixture run matches expected.json (${expected.results.length} rows).`
    )
  }
}
