/**
 * The Actions jobs adapter against the loopback GitHub API
 * (scripts/peers/github-api.mjs): every page read, the fields mapped, and
 * errors passed on for run-attempts.ts to turn into a refusal.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { createRunJobsApi } from '../../src/github/actions-api.js'
import {
  ACTIONS_READ_HINT,
  checkEarlierAttempts
} from '../../src/ledger/run-attempts.js'
import {
  startGitHubApi,
  type GitHubApi
} from '../../scripts/peers/github-api.mjs'
import { makeRepo, type TempRepo } from '../support/repo.js'

const RUN = 9_000_000_001

/** A job as GitHub lists it: `steps` numbered from 1, and the rest. */
function apiJob(
  id: number,
  name: string,
  attempt: number,
  status: string,
  conclusion: string | null,
  steps: Array<[string, string, string | null]>
): Record<string, unknown> {
  return {
    id,
    run_id: RUN,
    run_attempt: attempt,
    node_id: `CR_${id}`,
    head_sha: 'b'.repeat(40),
    url: `https://api.github.com/repos/octo/blog/actions/jobs/${id}`,
    html_url: `https://github.com/octo/blog/actions/runs/${RUN}/job/${id}`,
    status,
    conclusion,
    created_at: '2026-11-24T10:00:00Z',
    started_at: '2026-11-24T10:00:01Z',
    completed_at: status === 'completed' ? '2026-11-24T10:02:00Z' : null,
    name,
    steps: steps.map(([stepName, stepStatus, stepConclusion], i) => ({
      name: stepName,
      status: stepStatus,
      conclusion: stepConclusion,
      number: i + 1,
      started_at: '2026-11-24T10:00:01Z',
      completed_at: null
    })),
    check_run_url: `https://api.github.com/repos/octo/blog/check-runs/${id}`,
    labels: ['ubuntu-latest'],
    runner_id: id,
    runner_name: `GitHub Actions ${id}`,
    runner_group_id: 0,
    runner_group_name: 'GitHub Actions',
    workflow_name: 'Pages',
    head_branch: 'main'
  }
}

const OURS = 'Run octo/trackback-action@v1'

describe('createRunJobsApi against a loopback GitHub API', () => {
  let repo: TempRepo
  let server: GitHubApi

  beforeAll(async () => {
    repo = makeRepo()
    server = await startGitHubApi({ repoDir: repo.dir })
    // Attempt 1: a matrix of 250 jobs; the one that pings is 250th, its
    // deploy failed so its ping step was skipped.
    const attempt1 = Array.from({ length: 249 }, (_, i) =>
      apiJob(i + 1, `build (${i + 1})`, 1, 'completed', 'success', [
        ['Set up job', 'completed', 'success'],
        ['Complete job', 'completed', 'success']
      ])
    )
    attempt1.push(
      apiJob(250, 'trackback', 1, 'completed', 'failure', [
        ['Set up job', 'completed', 'success'],
        ['Deploy', 'completed', 'failure'],
        [OURS, 'completed', 'skipped'],
        ['Complete job', 'completed', 'success']
      ])
    )
    server.setRunJobs(RUN, 1, attempt1)
    server.setRunJobs(RUN, 2, [
      apiJob(300, 'trackback', 2, 'in_progress', null, [
        ['Set up job', 'completed', 'success'],
        ['Deploy', 'completed', 'success'],
        [OURS, 'in_progress', null],
        ['Complete job', 'queued', null]
      ])
    ])
  })
  afterAll(async () => {
    await server.close()
    repo.cleanup()
  })

  const api = (token = 'test-token'): ReturnType<typeof createRunJobsApi> =>
    createRunJobsApi(token, 'octo', 'blog', RUN, server.url)

  it('reads every page (100 jobs a page) with the token', async () => {
    server.requests.length = 0
    const jobs = await api('s3cret').jobs(1)
    expect(jobs).toHaveLength(250)
    expect(new Set(jobs.map((j) => j.name)).size).toBe(250)
    expect(server.requests.map((r) => r.url)).toEqual([
      `/repos/octo/blog/actions/runs/${RUN}/attempts/1/jobs?per_page=100`,
      `/repos/octo/blog/actions/runs/${RUN}/attempts/1/jobs?per_page=100&page=2`,
      `/repos/octo/blog/actions/runs/${RUN}/attempts/1/jobs?per_page=100&page=3`
    ])
    expect(server.requests.every((r) => r.route === 'jobs')).toBe(true)
    expect(server.requests[0]?.authorization).toBe('token s3cret')
  })

  it('keeps the fields the decision reads, and only those', async () => {
    const jobs = await api().jobs(1)
    expect(jobs[249]).toEqual({
      name: 'trackback',
      status: 'completed',
      conclusion: 'failure',
      runner_name: 'GitHub Actions 250',
      run_attempt: 1,
      steps: [
        {
          name: 'Set up job',
          number: 1,
          status: 'completed',
          conclusion: 'success'
        },
        {
          name: 'Deploy',
          number: 2,
          status: 'completed',
          conclusion: 'failure'
        },
        { name: OURS, number: 3, status: 'completed', conclusion: 'skipped' },
        {
          name: 'Complete job',
          number: 4,
          status: 'completed',
          conclusion: 'success'
        }
      ]
    })
  })

  it('proves with these lists that attempt 1 never reached the step', async () => {
    const check = await checkEarlierAttempts(api(), {
      attempt: 2,
      missing: [1],
      identity: { runnerName: 'GitHub Actions 300', defaultStepName: OURS },
      sleep: async () => undefined
    })
    expect(check).toEqual({
      notReached: true,
      reason:
        'no earlier attempt ran this step (attempt 1, job "trackback": step 3 was skipped)'
    })
  })

  it('rejects with the status for an attempt GitHub does not know (404)', async () => {
    await expect(api().jobs(7)).rejects.toMatchObject({ status: 404 })
  })

  it('rejects with 403 when the token may not read Actions, which refuses with the hint', async () => {
    const forbidden = {
      status: 403,
      message: 'Resource not accessible by integration',
      times: 1
    }
    server.setFault('jobs', forbidden)
    await expect(api().jobs(1)).rejects.toMatchObject({ status: 403 })
    server.setFault('jobs', forbidden)
    const check = await checkEarlierAttempts(api(), {
      attempt: 2,
      missing: [1],
      identity: { runnerName: 'GitHub Actions 300' },
      sleep: async () => undefined
    })
    expect(check).toEqual({
      notReached: false,
      reason:
        'the Actions API did not answer (403 Resource not accessible by integration)',
      hint: ACTIONS_READ_HINT
    })
  })
})
