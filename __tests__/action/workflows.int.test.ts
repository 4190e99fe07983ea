/**
 * The project's GitHub workflows cannot run here, so these tests keep them
 * correct: each is valid YAML whose `run:` steps call npm scripts and files
 * that exist, whose actions are pinned, and whose `uses: ./` step passes
 * only inputs that action.yml declares. The self-test job is reproduced with
 * the bundle (same inputs, same kind of shallow checkout), and the release
 * script moves a tag in a real local repository. The workflows bloggers
 * copy (examples/ and README.md) are held to the same checks, and to the
 * least permissions: no `contents: write` unless they opt in to the ledger
 * ref (or push a gh-pages branch).
 */
import { describe, expect, it } from '@jest/globals'
import { execFileSync, spawnSync } from 'node:child_process'
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { parse } from 'yaml'
import { fixtureProblems } from '../../scripts/check-fixture-run.mjs'
import { requireBundle, runActionOk } from '../support/peers.js'
import { makeRepo } from '../support/repo.js'

interface Step {
  name?: string
  id?: string
  uses?: string
  run?: string
  with?: Record<string, unknown>
  env?: Record<string, unknown>
}
interface Job {
  needs?: string | string[]
  permissions?: Record<string, string>
  outputs?: Record<string, string>
  steps?: Step[]
}
interface Workflow {
  name?: string
  on?: unknown
  concurrency?: { group?: string; 'cancel-in-progress'?: boolean }
  jobs?: Record<string, Job>
}

const ROOT = path.resolve('.')
const DIR = path.join(ROOT, '.github/workflows')
const FILES = readdirSync(DIR).filter((f) => /\.ya?ml$/.test(f))
const scripts = Object.keys(
  (
    JSON.parse(readFileSync('package.json', 'utf8')) as {
      scripts: Record<string, string>
    }
  ).scripts
)
const action = parse(readFileSync('action.yml', 'utf8')) as {
  inputs: Record<string, { required?: boolean }>
}

const load = (file: string): Workflow =>
  parse(readFileSync(path.join(DIR, file), 'utf8')) as Workflow
const stepsOf = (workflow: Workflow): Step[] =>
  Object.values(workflow.jobs ?? {}).flatMap((job) => job.steps ?? [])

/** The simple commands of a `run:` block (lines, `&&`, `||`, `;`, `|`). */
function commands(run: string): string[][] {
  return run
    .replace(/\\\n/g, ' ')
    .split(/\n|&&|\|\||;|\|/)
    .map((c) => c.trim().split(/\s+/).filter(Boolean))
    .filter((words) => words.length > 0 && !words[0]?.startsWith('#'))
}

/** Why a command would not run as written, or undefined. */
function commandProblem(words: string[]): string | undefined {
  const [program, first, second] = words
  const file = words.slice(1).find((w) => !w.startsWith('-'))
  switch (program) {
    case 'npm':
      if (first === 'ci' || first === 'test') return undefined
      if (first === 'run' && second !== undefined) {
        return scripts.includes(second)
          ? undefined
          : `no npm script '${second}' in package.json`
      }
      return `unexpected npm command '${words.join(' ')}'`
    case 'node':
    case 'bash':
      return file !== undefined && existsSync(path.join(ROOT, file))
        ? undefined
        : `${program} runs '${file}', which does not exist`
    case 'git':
      return undefined
    default:
      return `unexpected command '${program}' (use an npm script or a file)`
  }
}

describe('commands', () => {
  it('splits a run block into simple commands', () => {
    expect(
      commands('npm ci\nnpm run build && git diff \\\n  -- dist/')
    ).toEqual([
      ['npm', 'ci'],
      ['npm', 'run', 'build'],
      ['git', 'diff', '--', 'dist/']
    ])
  })

  it('flags scripts and files that do not exist', () => {
    expect(commandProblem(['npm', 'run', 'nope'])).toContain("'nope'")
    expect(commandProblem(['node', 'scripts/nope.mjs'])).toContain('nope.mjs')
    expect(commandProblem(['curl', 'x'])).toContain("'curl'")
    expect(commandProblem(['npm', 'run', 'build'])).toBeUndefined()
  })
})

describe.each(FILES)('.github/workflows/%s', (file) => {
  const workflow = load(file)
  const steps = stepsOf(workflow)

  it('refers only to outputs that exist', () => {
    expect(danglingReferences(workflow)).toEqual([])
  })

  it('is a workflow with triggers and jobs that have steps', () => {
    expect(workflow.name).toEqual(expect.any(String))
    expect(workflow.on).toBeDefined()
    expect(Object.keys(workflow.jobs ?? {}).length).toBeGreaterThan(0)
    for (const job of Object.values(workflow.jobs ?? {})) {
      expect(job.steps?.length).toBeGreaterThan(0)
    }
  })

  it('runs only npm scripts and files that exist', () => {
    const problems = steps.flatMap((step) =>
      step.run === undefined
        ? []
        : commands(step.run).flatMap((words) => commandProblem(words) ?? [])
    )
    expect(problems).toEqual([])
  })

  it('keeps expressions out of run: (they go through env:)', () => {
    expect(steps.filter((s) => s.run?.includes('${{'))).toEqual([])
  })

  it('pins every action to a major version or a commit', () => {
    const loose = steps
      .flatMap((s) => (s.uses === undefined ? [] : [s.uses]))
      .filter(
        (uses) =>
          !uses.startsWith('./') &&
          !/^[\w.-]+\/[\w.-]+(\/[\w./-]+)?@(v\d+|[0-9a-f]{40})$/.test(uses)
      )
    expect(loose).toEqual([])
  })

  it('gives the action from this checkout only inputs action.yml declares', () => {
    for (const step of steps.filter((s) => s.uses === './')) {
      const given = Object.keys(step.with ?? {})
      expect(given.filter((name) => !(name in action.inputs))).toEqual([])
      const required = Object.entries(action.inputs)
        .filter(([, spec]) => spec.required === true)
        .map(([name]) => name)
      expect(required.filter((name) => !given.includes(name))).toEqual([])
    }
  })
})

/** `needs.<job>.outputs.<name>` and `steps.<id>.outputs` that name nothing. */
function danglingReferences(workflow: Workflow): string[] {
  const jobs = workflow.jobs ?? {}
  const problems: string[] = []
  for (const [name, job] of Object.entries(jobs)) {
    const text = JSON.stringify(job)
    const needs = [job.needs ?? []].flat()
    for (const [, other, output] of text.matchAll(
      /needs\.([\w-]+)\.outputs\.([\w-]+)/g
    )) {
      if (!needs.includes(other ?? '')) {
        problems.push(`${name} uses needs.${other} without needing it`)
      } else if (!((output ?? '') in (jobs[other ?? '']?.outputs ?? {}))) {
        problems.push(`${name}: job ${other} has no output ${output}`)
      }
    }
    const ids = new Set((job.steps ?? []).map((s) => s.id))
    for (const [, id] of text.matchAll(/steps\.([\w-]+)\.outputs/g)) {
      if (!ids.has(id)) problems.push(`${name}: no step with id ${id}`)
    }
  }
  return problems
}

/** The complete example workflows in examples/, one per generator. */
const EXAMPLES = readdirSync('examples')
  .filter((f) => /\.ya?ml$/.test(f))
  .sort()
  .map((f) => [f, readFileSync(path.join('examples', f), 'utf8')] as const)

/**
 * The workflows shown in a Markdown text: each yaml block that starts with
 * `# .github/workflows/`, with the heading above it.
 */
function markdownWorkflows(text: string): Array<readonly [string, string]> {
  const found: Array<readonly [string, string]> = []
  let heading = ''
  for (const m of text.matchAll(
    /^#{2,3} (.+)$|^```yaml\n(# \.github\/workflows\/[\s\S]*?)^```$/gm
  )) {
    if (m[1] !== undefined) heading = m[1]
    else found.push([heading, m[2] ?? ''] as const)
  }
  return found
}

const README_WORKFLOWS = markdownWorkflows(readFileSync('README.md', 'utf8'))

/**
 * A README snippet without `on:` shows only what differs from the README's
 * first (complete) workflow: each of its jobs' keys replace the same keys of
 * the job with the same name there.
 */
function completed(snippet: Workflow, base: Workflow): Workflow {
  if (snippet.on !== undefined) return snippet
  const jobs = { ...base.jobs }
  for (const [name, job] of Object.entries(snippet.jobs ?? {})) {
    jobs[name] = { ...jobs[name], ...job }
  }
  return { ...base, jobs }
}

/**
 * What every example a blogger copies must be: valid, pinned, with real
 * inputs, a concurrency group, and the least permissions for the action's
 * job: `actions: read` (re-runs) and `contents: read`, or `contents: write`
 * only where the step sets `ledger-ref` or the job pushes a gh-pages branch.
 */
function expectValidExample(workflow: Workflow): void {
  expect(workflow.name).toEqual(expect.any(String))
  expect(workflow.on).toBeDefined()
  expect(workflow.concurrency).toMatchObject({
    group: expect.any(String),
    'cancel-in-progress': false
  })
  expect(danglingReferences(workflow)).toEqual([])
  const steps = stepsOf(workflow)
  const ours = steps.filter((s) => s.uses === '<owner>/trackback-action@v1')
  expect(ours).toHaveLength(1)
  const given = Object.keys(ours[0]?.with ?? {})
  expect(given.filter((name) => !(name in action.inputs))).toEqual([])
  const loose = steps
    .flatMap((s) => (s.uses === undefined || s === ours[0] ? [] : [s.uses]))
    .filter((uses) => !/^[\w.-]+\/[\w.-]+@v\d+$/.test(uses))
  expect(loose).toEqual([])
  const job = Object.values(workflow.jobs ?? {}).find((j) =>
    j.steps?.some((s) => s === ours[0])
  )
  expect(job?.steps?.some((s) => s.uses?.startsWith('actions/checkout@'))).toBe(
    true
  )
  const writes =
    given.includes('ledger-ref') ||
    (job?.steps ?? []).some((s) =>
      s.uses?.startsWith('peaceiris/actions-gh-pages@')
    )
  expect(job?.permissions).toEqual({
    contents: writes ? 'write' : 'read',
    actions: 'read'
  })
}

describe('danglingReferences', () => {
  it('finds outputs and steps that do not exist', () => {
    const workflow = parse(
      [
        'jobs:',
        '  build:',
        '    outputs: { site-url: "${{ steps.pages.outputs.base_url }}" }',
        '    steps: [{ id: page, uses: actions/configure-pages@v5 }]',
        '  ping:',
        '    needs: build',
        '    steps:',
        '      - with: { a: "${{ needs.build.outputs.site_url }}" }',
        '      - with: { b: "${{ needs.deploy.outputs.page_url }}" }'
      ].join('\n')
    ) as Workflow
    expect(danglingReferences(workflow)).toEqual([
      'build: no step with id pages',
      'ping: job build has no output site_url',
      'ping uses needs.deploy without needing it'
    ])
  })
})

describe('the example workflows in examples/', () => {
  it('are there for each generator', () => {
    expect(EXAMPLES.map(([file]) => file)).toEqual([
      'astro.yml',
      'eleventy.yml',
      'hugo-gh-pages.yml',
      'hugo-pages.yml',
      'jekyll-pages.yml'
    ])
  })

  it.each(EXAMPLES)(
    '%s: valid, pinned, with real inputs and the least permissions',
    (_, text) => {
      expectValidExample(parse(text) as Workflow)
    }
  )
})

/**
 * Where a Pages workflow's action job finds the built site: the artifact
 * the build job uploaded (`github-pages`, a tar), unpacked into `site-dir`.
 * Returns the unpacking step's `run:` and the folder, or undefined when the
 * workflow uploads no Pages artifact.
 */
function builtSiteSteps(
  workflow: Workflow
): { run: string; dir: string } | undefined {
  const steps = stepsOf(workflow)
  const uploads = steps.some(
    (s) =>
      s.uses?.startsWith('actions/upload-pages-artifact@') === true ||
      s.uses?.startsWith('withastro/action@') === true
  )
  if (!uploads) return undefined
  const job = Object.values(workflow.jobs ?? {}).find((j) =>
    j.steps?.some((s) => s.uses === '<owner>/trackback-action@v1')
  )
  const list = job?.steps ?? []
  const ours = list.findIndex((s) => s.uses === '<owner>/trackback-action@v1')
  const download = list.findIndex(
    (s) =>
      s.uses?.startsWith('actions/download-artifact@') === true &&
      s.with?.name === 'github-pages'
  )
  const unpack = list.find(
    (s, i) => i > download && i < ours && s.run?.includes('artifact.tar')
  )
  expect(download).toBeGreaterThan(-1)
  expect(download).toBeLessThan(ours)
  expect(unpack?.run).toEqual(expect.any(String))
  const dir = list[ours]?.with?.['site-dir']
  expect(dir).toEqual(expect.any(String))
  return { run: unpack?.run ?? '', dir: String(dir) }
}

describe('the built site in the Pages examples', () => {
  const pages = EXAMPLES.filter(
    ([, text]) => builtSiteSteps(parse(text) as Workflow) !== undefined
  )

  it('is in every workflow that deploys a Pages artifact', () => {
    expect(pages.map(([file]) => file)).toEqual([
      'astro.yml',
      'eleventy.yml',
      'hugo-pages.yml',
      'jekyll-pages.yml'
    ])
  })

  it.each(pages)(
    '%s unpacks the artifact where the action looks for it',
    (_, text) => {
      const { run, dir } = builtSiteSteps(parse(text) as Workflow) ?? {
        run: '',
        dir: ''
      }
      const work = mkdtempSync(path.join(tmpdir(), 'trackback-pages-'))
      try {
        // The artifact as actions/upload-pages-artifact makes it: a tar of
        // the built folder's contents, named artifact.tar; run by GitHub's
        // default shell for run: steps (bash --noprofile --norc -eo pipefail).
        const built = path.join(work, 'built')
        const temp = path.join(work, 'runner-temp')
        const workspace = path.join(work, 'workspace')
        for (const dir of [built, path.join(temp, 'pages'), workspace]) {
          execFileSync('mkdir', ['-p', dir])
        }
        execFileSync('mkdir', ['-p', path.join(built, '2026/12/01')])
        execFileSync('cp', [
          'package.json',
          path.join(built, '2026/12/01/post.html')
        ])
        execFileSync('tar', [
          '--directory',
          built,
          '-cf',
          path.join(temp, 'pages', 'artifact.tar'),
          '.'
        ])
        const result = spawnSync(
          'bash',
          ['--noprofile', '--norc', '-eo', 'pipefail', '-c', run],
          {
            cwd: workspace,
            env: { PATH: process.env.PATH ?? '', RUNNER_TEMP: temp },
            encoding: 'utf8'
          }
        )
        expect(result.stderr).toBe('')
        expect(result.status).toBe(0)
        expect(
          existsSync(path.join(workspace, dir, '2026/12/01/post.html'))
        ).toBe(true)
      } finally {
        rmSync(work, { recursive: true, force: true })
      }
    }
  )
})

describe('the workflows in README.md', () => {
  const [, first = ''] = README_WORKFLOWS[0] ?? []
  const base = parse(first) as Workflow

  it('are the Jekyll one in full and the ledger-ref opt-in', () => {
    expect(README_WORKFLOWS.map(([title]) => title)).toEqual([
      'Jekyll on GitHub Pages',
      'Keeping the ledger in a ref'
    ])
    expect(
      README_WORKFLOWS.filter(([, text]) => /^\s+ledger-ref:/m.test(text))
    ).toHaveLength(1)
  })

  it('show examples/jekyll-pages.yml as it is', () => {
    const file = readFileSync('examples/jekyll-pages.yml', 'utf8')
    const body = (text: string): string =>
      text.replace(/^(#( .*)?\n)+/, '').trimEnd()
    expect(body(first)).toBe(body(file))
  })

  it.each(README_WORKFLOWS)(
    '%s: valid, pinned, with real inputs and the least permissions',
    (_, text) => {
      expectValidExample(completed(parse(text) as Workflow, base))
    }
  )
})

describe('the CI workflow', () => {
  const ci = load('ci.yml')

  it('tests, lints, checks formatting and dist on push and pull request', () => {
    expect(Object.keys(ci.on as object)).toEqual(
      expect.arrayContaining(['push', 'pull_request'])
    )
    const runs = stepsOf(ci).flatMap((s) => (s.run ? commands(s.run) : []))
    const line = (words: string[]): string => words.join(' ')
    expect(runs.map(line)).toEqual(
      expect.arrayContaining([
        'npm test',
        'npm run lint',
        'npm run format:check',
        'npm run build',
        'git diff --exit-code --stat --ignore-space-at-eol --text -- dist/'
      ])
    )
  })
})

describe('the self-test job, reproduced with the bundle', () => {
  const job = load('ci.yml').jobs?.action
  const step = job?.steps?.find((s) => s.uses === './')
  const check = job?.steps?.find((s) => s.run?.includes('check-fixture-run'))

  it('runs the action from the checkout on the fixture blog, then checks it', () => {
    expect(step?.with).toMatchObject({
      'working-directory': '__fixtures__/blog',
      'dry-run': 'true'
    })
    expect(check?.env?.OUTPUTS).toBe(
      `\${{ toJSON(steps.${step?.id}.outputs) }}`
    )
  })

  it('gets what expected.json says, as a shallow checkout on GitHub would', async () => {
    requireBundle()
    // Like actions/checkout with fetch-depth 1: only the pushed commit.
    const repo = makeRepo('trackback-self-test-')
    try {
      cpSync('__fixtures__', path.join(repo.dir, '__fixtures__'), {
        recursive: true
      })
      const head = repo.commit('fixture')
      const inputs = Object.fromEntries(
        Object.entries(step?.with ?? {}).map(([name, value]) => {
          const text = String(value).replace(/\$\{\{ github\.run_id \}\}/g, '7')
          if (text.includes('${{')) throw new Error(`unhandled: ${text}`)
          return [name, text]
        })
      )
      const result = await runActionOk({
        workspace: repo.dir,
        eventName: 'push',
        payload: { before: 'a'.repeat(40), after: head },
        sha: head,
        inputs
      })
      const checked = spawnSync('bash', ['-c', check?.run ?? 'false'], {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...process.env, OUTPUTS: JSON.stringify(result.outputs) }
      })
      expect(checked.stderr).toBe('')
      expect(checked.status).toBe(0)
    } finally {
      repo.cleanup()
    }
  })

  it('fails the check when a row or a count differs', () => {
    const expected = JSON.parse(
      readFileSync('__fixtures__/blog/expected.json', 'utf8')
    ) as Parameters<typeof fixtureProblems>[1]
    const results = expected.results.map((r) => ({ ...r }))
    const outputs = { ...expected.outputs, results: JSON.stringify(results) }
    expect(fixtureProblems(outputs, expected)).toEqual([])
    const wrong = results.map((r, i) =>
      i === 0 ? { ...r, status: 'sent' } : r
    )
    expect(
      fixtureProblems(
        { ...outputs, sent: '1', results: JSON.stringify(wrong.slice(0, -1)) },
        expected
      )
    ).toEqual([
      'output sent: expected 0, got 1',
      expect.stringContaining('status expected "dry-run", got "sent"'),
      expect.stringContaining('no result for')
    ])
  })
})

describe('scripts/move-major-tag.sh (the release workflow)', () => {
  const release = load('release.yml')

  it('runs on published releases and moves the major tag', () => {
    expect(release.on).toEqual({ release: { types: ['published'] } })
    expect(
      stepsOf(release).some((s) => s.run?.includes('move-major-tag.sh'))
    ).toBe(true)
  })

  it('points v1 at each release and pushes it', () => {
    const base = mkdtempSync(path.join(tmpdir(), 'trackback-release-'))
    const git = (cwd: string, ...args: string[]): string =>
      execFileSync(
        'git',
        ['-c', 'user.name=R', '-c', 'user.email=r@example.org', ...args],
        { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }
      ).trim()
    const move = (cwd: string, tag: string): ReturnType<typeof spawnSync> =>
      spawnSync('bash', [path.join(ROOT, 'scripts/move-major-tag.sh'), tag], {
        cwd,
        encoding: 'utf8'
      })
    try {
      const remote = path.join(base, 'remote.git')
      const work = path.join(base, 'work')
      git(base, 'init', '-q', '--bare', remote)
      git(base, 'clone', '-q', remote, work)
      git(work, 'commit', '-q', '--allow-empty', '-m', 'one')
      git(work, 'tag', '-a', 'v1.0.0', '-m', 'v1.0.0')
      expect(move(work, 'v1.0.0').status).toBe(0)
      const first = git(work, 'rev-parse', 'HEAD')
      expect(git(remote, 'rev-parse', 'v1^{commit}')).toBe(first)

      git(work, 'commit', '-q', '--allow-empty', '-m', 'two')
      git(work, 'tag', 'v1.1.0')
      expect(move(work, 'v1.1.0').status).toBe(0)
      const second = git(work, 'rev-parse', 'HEAD')
      expect(git(remote, 'rev-parse', 'v1^{commit}')).toBe(second)
      expect(git(remote, 'tag', '--list')).toBe('v1')

      const bad = move(work, 'latest')
      expect(bad.status).toBe(1)
      expect(bad.stderr).toContain('Expected a release tag like v1.2.3')
    } finally {
      rmSync(base, { recursive: true, force: true })
    }
  })
})
