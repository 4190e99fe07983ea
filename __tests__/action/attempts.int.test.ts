/**
 * End to end: re-runs of the bundled action whose earlier attempts left no
 * ledger. The Actions API (the loopback stand-in) tells whether an earlier
 * attempt reached the step: one that never did (the deploy failed first)
 * lets the re-run send every ping once; one that did keeps it from sending.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { CacheServer } from '../../scripts/peers/cache-server.mjs'
import {
  startGitHubApi,
  type GitHubApi
} from '../../scripts/peers/github-api.mjs'
import type { Receiver } from '../../scripts/peers/receiver.mjs'
import type { ActionResult } from '../../scripts/peers/run-action.mjs'
import {
  requireBundle,
  runActionOk,
  startPeers,
  type Peers
} from '../support/peers.js'
import { makeRepo, type TempRepo } from '../support/repo.js'

const OURS = 'Run octo/trackback-action@v1'
const RUNNER = 'GitHub Actions 4'

type StepState = [string, string | null]

/** The trackback job of one attempt, as the jobs API lists it. */
function trackbackJob(
  attempt: number,
  deploy: StepState,
  ping: StepState,
  runner = `GitHub Actions ${attempt}`
): Record<string, unknown> {
  const running = ping[0] === 'in_progress'
  const steps: Array<[string, StepState]> = [
    ['Set up job', ['completed', 'success']],
    ['Run actions/checkout@v4', ['completed', 'success']],
    ['Deploy', deploy],
    [OURS, ping],
    ['Complete job', running ? ['queued', null] : ['completed', 'success']]
  ]
  return {
    id: 100 + attempt,
    run_attempt: attempt,
    name: 'trackback',
    status: running ? 'in_progress' : 'completed',
    conclusion: running
      ? null
      : deploy[1] === 'failure' || ping[1] === 'failure'
        ? 'failure'
        : 'success',
    runner_name: runner,
    labels: ['ubuntu-latest'],
    steps: steps.map(([name, [status, conclusion]], i) => ({
      name,
      status,
      conclusion,
      number: i + 1
    }))
  }
}

const DEPLOY_FAILED: StepState = ['completed', 'failure']
const DEPLOYED: StepState = ['completed', 'success']
const SKIPPED: StepState = ['completed', 'skipped']
const PINGED: StepState = ['completed', 'success']
const RUNNING: StepState = ['in_progress', null]

describe('re-runs whose earlier attempts left no ledger, asking the Actions API', () => {
  let receiver: Receiver
  let cache: CacheServer
  let api: GitHubApi
  let repo: TempRepo
  let runnerTemp: string
  let peers: Peers
  let runId = 5000
  let base: string

  /** One attempt of run `run` of a push base..head, as GitHub runs it. */
  async function attempt(
    run: number,
    n: number,
    head: string,
    extra: { token?: string } = {}
  ): Promise<ActionResult> {
    // This attempt's job is running our step on RUNNER.
    api.setRunJobs(run, n, [trackbackJob(n, DEPLOYED, RUNNING, RUNNER)])
    return runActionOk({
      workspace: repo.dir,
      eventName: 'push',
      payload: { before: base, after: head },
      sha: head,
      runId: String(run),
      runAttempt: String(n),
      runnerTemp,
      inputs: {
        'allow-private-networks': 'true',
        'host-delay': '0',
        'github-token': extra.token ?? 'test-token'
      },
      env: {
        ...cache.env(),
        GITHUB_API_URL: api.url,
        RUNNER_NAME: RUNNER,
        GITHUB_JOB: 'trackback',
        GITHUB_ACTION_REPOSITORY: 'octo/trackback-action',
        GITHUB_ACTION_REF: 'v1'
      }
    })
  }

  /** Publish a post with two targets; returns the new commit. */
  function publish(slug: string): string {
    base = repo.git('rev-parse', 'HEAD').trim()
    repo.write(
      `_posts/2026-11-20-${slug}.md`,
      [
        '---',
        `title: ${slug}`,
        'trackback:',
        `  - ${receiver.url}/trackback/${slug}-1`,
        `  - ${receiver.url}/trackback/${slug}-2`,
        '---',
        'Text.',
        ''
      ].join('\n')
    )
    return repo.commit(`publish ${slug}`)
  }

  const pingsTo = (slug: string): string[] =>
    receiver.pings
      .map((p) => p.path)
      .filter((p) => p.startsWith(`/trackback/${slug}-`))
      .sort()

  beforeAll(async () => {
    requireBundle()
    peers = await startPeers()
    ;({ receiver, cache, runnerTemp } = peers)
    repo = makeRepo()
    repo.write(
      '_config.yml',
      'title: Paper Notes\nurl: https://notes.example.org\ntimezone: UTC\n'
    )
    repo.commit('start')
    api = await startGitHubApi({ repoDir: repo.dir })
  })

  afterAll(async () => {
    await api?.close()
    await peers?.close()
    repo?.cleanup()
  })

  it('attempt 1 failed its deploy before the step: attempt 2 sends every ping once, attempt 3 none', async () => {
    const run = ++runId
    const head = publish('deploy-failed')
    api.setRunJobs(run, 1, [trackbackJob(1, DEPLOY_FAILED, SKIPPED)])
    // Attempt 1 never reached the action: no ledger, no claims.

    const second = await attempt(run, 2, head)
    expect(pingsTo('deploy-failed')).toEqual([
      '/trackback/deploy-failed-1',
      '/trackback/deploy-failed-2'
    ])
    expect(second.outputs).toMatchObject({ sent: '2', skipped: '0' })
    expect(second.stdout).toContain(
      'Re-run attempt 2, no ledger record of attempt(s) 1: no earlier attempt ran this step (attempt 1, job "trackback": step 4 was skipped); sending as a first attempt would, through claims.'
    )
    expect(second.stdout).not.toContain('::warning::A re-run')
    const jobsAsked = api.requests.filter((r) => r.route === 'jobs')
    expect(jobsAsked.map((r) => r.url.replace(/\?.*/, ''))).toEqual([
      `/repos/octo/blog/actions/runs/${run}/attempts/2/jobs`,
      `/repos/octo/blog/actions/runs/${run}/attempts/1/jobs`
    ])
    expect(jobsAsked[0]?.authorization).toBe('token test-token')

    // Attempt 3: attempt 2's ledger vouches for attempt 2, the API for
    // attempt 1; everything is already sent.
    api.requests.length = 0
    api.setRunJobs(run, 2, [trackbackJob(2, DEPLOYED, PINGED)])
    const third = await attempt(run, 3, head)
    expect(pingsTo('deploy-failed')).toHaveLength(2)
    expect(third.results.map((r) => r.status)).toEqual([
      'already-sent',
      'already-sent'
    ])
    // Nothing to send: the API is not asked.
    expect(api.requests.filter((r) => r.route === 'jobs')).toEqual([])
  })

  it('attempt 1 ran the step and its ledger is gone: attempt 2 sends nothing', async () => {
    const run = ++runId
    const head = publish('ran-then-lost')
    api.setRunJobs(run, 1, [trackbackJob(1, DEPLOYED, SKIPPED)])
    const first = await attempt(run, 1, head)
    expect(first.outputs.sent).toBe('2')
    // Its ledger and claims are evicted; the API says the step ran.
    expect(cache.evict()).toBeGreaterThan(0)
    api.setRunJobs(run, 1, [trackbackJob(1, DEPLOYED, PINGED)])

    const second = await attempt(run, 2, head)
    expect(pingsTo('ran-then-lost')).toHaveLength(2)
    expect(second.outputs).toMatchObject({ sent: '0', skipped: '2' })
    expect(second.stdout).toContain(
      'an earlier attempt ran this step (attempt 1, job "trackback": step 4 ended success).'
    )
    expect(second.stdout).toMatch(/::warning::A re-run without a saved ledger/)
  })

  it('a 403 from the API keeps the re-run from sending and says what to grant', async () => {
    const run = ++runId
    const head = publish('forbidden')
    api.setRunJobs(run, 1, [trackbackJob(1, DEPLOY_FAILED, SKIPPED)])
    api.setFault('jobs', {
      status: 403,
      message: 'Resource not accessible by integration'
    })
    try {
      const second = await attempt(run, 2, head)
      expect(pingsTo('forbidden')).toEqual([])
      expect(second.outputs).toMatchObject({ sent: '0', skipped: '2' })
      expect(second.stdout).toMatch(
        /::warning::A re-run without a saved ledger.*Grant the workflow `permissions: actions: read`/
      )
    } finally {
      api.setFault('jobs', undefined)
    }
  })

  it('without a token the API is not asked and the re-run sends nothing', async () => {
    const run = ++runId
    const head = publish('no-token')
    api.setRunJobs(run, 1, [trackbackJob(1, DEPLOY_FAILED, SKIPPED)])
    api.requests.length = 0
    const second = await attempt(run, 2, head, { token: '' })
    expect(pingsTo('no-token')).toEqual([])
    expect(second.outputs.skipped).toBe('2')
    expect(second.stdout).toContain('without github-token')
    expect(api.requests).toEqual([])
  })
})
