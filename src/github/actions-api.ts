/**
 * The Actions API adapter: the jobs of one attempt of this workflow run
 * (`GET /repos/{owner}/{repo}/actions/runs/{run_id}/attempts/{n}/jobs`,
 * every page), which run-attempts.ts reads to tell whether an earlier
 * attempt reached this step. The token needs `actions: read`.
 */
import { lazyOctokit } from './api.js'
import type { RunJob, RunJobsApi } from '../ledger/run-attempts.js'

/** The most jobs GitHub lists on one page. */
const PER_PAGE = 100

/** Create the adapter for run `runId` of `owner/repo`. */
export function createRunJobsApi(
  token: string,
  owner: string,
  repo: string,
  runId: number,
  baseUrl?: string
): RunJobsApi {
  const client = lazyOctokit(token, baseUrl)
  return {
    async jobs(attempt): Promise<RunJob[]> {
      const api = await client()
      const jobs = await api.paginate(
        api.rest.actions.listJobsForWorkflowRunAttempt,
        {
          owner,
          repo,
          run_id: runId,
          attempt_number: attempt,
          per_page: PER_PAGE
        }
      )
      return jobs.map((job): RunJob => ({
        name: job.name,
        status: job.status,
        conclusion: job.conclusion,
        runner_name: job.runner_name,
        run_attempt: job.run_attempt,
        steps: job.steps?.map((step) => ({
          name: step.name,
          number: step.number,
          status: step.status,
          conclusion: step.conclusion
        }))
      }))
    }
  }
}
