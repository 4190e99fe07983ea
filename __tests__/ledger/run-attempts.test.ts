/**
 * Whether an earlier attempt of a run reached this step, from the Actions
 * API's jobs lists: plain data shaped like GitHub's answers (extra fields
 * included), for the ways a re-run comes about.
 */
import { describe, expect, it } from '@jest/globals'
import {
  ACTIONS_READ_HINT,
  MAX_RUN_ATTEMPT,
  STEP_RECHECK_MS,
  apiProblem,
  checkEarlierAttempts,
  identifyStep,
  judgeAttempt,
  judgeEarlierAttempts,
  stepIdentity,
  type RunJob,
  type RunStep,
  type StepIdentity
} from '../../src/ledger/run-attempts.js'

const RUN = 7_100_200_300
const OURS = 'Run octo/trackback-action@v1'
const RUNNER = 'GitHub Actions 12'
const identity: StepIdentity = {
  runnerName: RUNNER,
  jobId: 'trackback',
  defaultStepName: OURS
}

type StepState = [status: string, conclusion: string | null]
const DONE: StepState = ['completed', 'success']
const FAILED: StepState = ['completed', 'failure']
const SKIPPED: StepState = ['completed', 'skipped']
const CANCELLED: StepState = ['completed', 'cancelled']
const RUNNING: StepState = ['in_progress', null]
const QUEUED: StepState = ['queued', null]

/** The steps of the README's single-job workflow, in order. */
const STEP_NAMES = [
  'Set up job',
  'Run actions/checkout@v4',
  'Build the site',
  'Deploy',
  OURS,
  'Post Run actions/checkout@v4',
  'Complete job'
]

let ids = 1000
/** A step as the API lists it, with the times GitHub adds. */
function step(number: number, [status, conclusion]: StepState): RunStep {
  return {
    name: STEP_NAMES[number - 1] ?? `step ${number}`,
    number,
    status,
    conclusion,
    ...(status === 'queued'
      ? { started_at: null, completed_at: null }
      : {
          started_at: '2026-11-24T10:00:00Z',
          completed_at: status === 'completed' ? '2026-11-24T10:00:09Z' : null
        })
  } as RunStep
}

/** Steps 1..n in the given states (the rest of the list left out). */
function steps(...states: StepState[]): RunStep[] {
  return states.map((state, i) => step(i + 1, state))
}

/** A job as the API lists it (fields this code ignores included). */
function job(
  name: string,
  attempt: number,
  fields: Partial<RunJob> & Record<string, unknown>
): RunJob {
  ids += 1
  return {
    id: ids,
    run_id: RUN,
    run_url: `https://api.github.com/repos/octo/blog/actions/runs/${RUN}`,
    run_attempt: attempt,
    node_id: `CR_kwDO${ids}`,
    head_sha: 'a'.repeat(40),
    url: `https://api.github.com/repos/octo/blog/actions/jobs/${ids}`,
    html_url: `https://github.com/octo/blog/actions/runs/${RUN}/job/${ids}`,
    created_at: '2026-11-24T10:00:00Z',
    started_at: '2026-11-24T10:00:01Z',
    completed_at: null,
    name,
    status: 'completed',
    conclusion: 'success',
    labels: ['ubuntu-latest'],
    runner_id: 12,
    runner_name: RUNNER,
    runner_group_id: 0,
    runner_group_name: 'GitHub Actions',
    workflow_name: 'Pages',
    head_branch: 'main',
    check_run_url: `https://api.github.com/repos/octo/blog/check-runs/${ids}`,
    steps: [],
    ...fields
  } as RunJob
}

/** Attempt `n` running our step (5) in job `name` on our runner. */
function running(attempt: number, name = 'trackback'): RunJob {
  return job(name, attempt, {
    status: 'in_progress',
    conclusion: null,
    steps: steps(DONE, DONE, DONE, DONE, RUNNING, QUEUED, QUEUED)
  })
}

/** A finished job of an earlier attempt. */
function finished(
  name: string,
  attempt: number,
  conclusion: string,
  list: RunStep[],
  runner: string | null = 'GitHub Actions 3'
): RunJob {
  return job(name, attempt, {
    conclusion,
    runner_name: runner,
    completed_at: '2026-11-24T10:01:00Z',
    steps: list
  })
}

/** A job that never started: skipped, or cancelled while queued. */
function neverStarted(
  name: string,
  attempt: number,
  conclusion: string
): RunJob {
  return job(name, attempt, {
    conclusion,
    runner_name: null,
    runner_id: null,
    started_at: '2026-11-24T10:00:00Z',
    completed_at: '2026-11-24T10:00:00Z',
    steps: []
  })
}

const deployFailed = (attempt: number, name = 'trackback'): RunJob =>
  finished(
    name,
    attempt,
    'failure',
    steps(DONE, DONE, DONE, FAILED, SKIPPED, DONE, DONE)
  )

const verdict = (
  earlier: Array<{ attempt: number; jobs: RunJob[] }>,
  current: RunJob[] = [running(earlier.length + 1)],
  who: StepIdentity = identity
): ReturnType<typeof judgeEarlierAttempts> =>
  judgeEarlierAttempts(current, earlier, who, earlier.length + 1)

describe('judgeEarlierAttempts: one job, re-run after attempt 1', () => {
  it('sends when the deploy failed and our step was skipped after it', () => {
    const v = verdict([{ attempt: 1, jobs: [deployFailed(1)] }])
    expect(v).toEqual({
      notReached: true,
      reason:
        'no earlier attempt ran this step (attempt 1, job "trackback": step 5 was skipped)'
    })
  })

  // Attempt 1's job (its conclusion and steps 1..n; ours is 5) → verdict.
  const cases: Array<{
    name: string
    conclusion: string
    states: StepState[]
    notReached: boolean
    reason: string
  }> = [
    {
      name: 'refuses when our step failed (it may have sent some)',
      conclusion: 'failure',
      states: [DONE, DONE, DONE, DONE, FAILED, DONE, DONE],
      notReached: false,
      reason:
        'an earlier attempt ran this step (attempt 1, job "trackback": step 5 ended failure)'
    },
    {
      name: 'refuses when our step succeeded (a later step failed)',
      conclusion: 'failure',
      states: [DONE, DONE, DONE, DONE, DONE, FAILED, DONE],
      notReached: false,
      reason: 'step 5 ended success'
    },
    {
      name: 'refuses when our step ran with `if: always()` after the failed deploy',
      conclusion: 'failure',
      states: [DONE, DONE, DONE, FAILED, DONE, DONE, DONE],
      notReached: false,
      reason: 'step 5 ended success'
    },
    {
      name: 'refuses when our step was cancelled (cancelled mid-run reads the same)',
      conclusion: 'cancelled',
      states: [DONE, DONE, DONE, DONE, CANCELLED, SKIPPED, DONE],
      notReached: false,
      reason: 'step 5 ended cancelled'
    },
    {
      name: 'sends when the run was cancelled during the deploy and our step skipped',
      conclusion: 'cancelled',
      states: [DONE, DONE, DONE, CANCELLED, SKIPPED, DONE, DONE],
      notReached: true,
      reason: 'step 5 was skipped'
    },
    {
      name: 'refuses a step that started and never finished (job timed out)',
      conclusion: 'timed_out',
      states: [DONE, DONE, DONE, DONE, RUNNING],
      notReached: false,
      reason:
        'an earlier attempt ran this step (attempt 1, job "trackback": step 5 is in progress)'
    },
    {
      name: 'refuses a queued step in a finished job (a record not to trust)',
      conclusion: 'failure',
      states: [DONE, DONE, DONE, FAILED, QUEUED],
      notReached: false,
      reason:
        'cannot tell whether an earlier attempt ran this step (attempt 1, job "trackback": step 5 is queued)'
    }
  ]

  it.each(cases)('$name', ({ conclusion, states, notReached, reason }) => {
    const jobs = [finished('trackback', 1, conclusion, steps(...states))]
    expect(verdict([{ attempt: 1, jobs }])).toEqual({
      notReached,
      reason: expect.stringContaining(reason)
    })
  })
})

describe('judgeEarlierAttempts: a job that never started', () => {
  it.each(['skipped', 'cancelled', 'failure'])(
    'sends when our job ended %s without a step (never started)',
    (conclusion) => {
      const v = verdict([
        { attempt: 1, jobs: [neverStarted('trackback', 1, conclusion)] }
      ])
      expect(v).toEqual({
        notReached: true,
        reason: `no earlier attempt ran this step (attempt 1, job "trackback": the job never started (${conclusion}))`
      })
    }
  )

  it('refuses a job still listed as queued or waiting in an ended attempt', () => {
    for (const status of ['queued', 'waiting', 'in_progress']) {
      const jobs = [
        job('trackback', 1, { status, conclusion: null, steps: [] })
      ]
      expect(verdict([{ attempt: 1, jobs }])).toEqual({
        notReached: false,
        reason: `cannot tell whether an earlier attempt ran this step (attempt 1, job "trackback": the job is ${status})`
      })
    }
  })

  it('refuses a job that succeeded but lists no steps', () => {
    const jobs = [neverStarted('trackback', 1, 'success')]
    expect(verdict([{ attempt: 1, jobs }]).notReached).toBe(false)
  })

  it('sends when setting up the job failed (no step runs, listed or not)', () => {
    const jobs = [
      finished('trackback', 1, 'failure', [
        step(1, FAILED),
        { ...step(2, DONE), name: 'Complete job' }
      ])
    ]
    expect(verdict([{ attempt: 1, jobs }])).toMatchObject({
      notReached: true,
      reason: expect.stringContaining('setting up the job ended failure')
    })
  })

  it('refuses when our step is not listed and set-up did not fail', () => {
    const jobs = [finished('trackback', 1, 'failure', steps(DONE, FAILED))]
    expect(verdict([{ attempt: 1, jobs }])).toMatchObject({
      notReached: false,
      reason: expect.stringContaining('step 5 is not listed')
    })
  })
})

describe('judgeEarlierAttempts: several jobs and attempts', () => {
  // build → deploy → trackback, as in the README's Pages workflows.
  const build = (attempt: number, conclusion = 'success'): RunJob =>
    finished('build', attempt, conclusion, steps(DONE, DONE, DONE, DONE))
  const deploy = (attempt: number, conclusion: string): RunJob =>
    finished(
      'deploy',
      attempt,
      conclusion,
      steps(DONE, conclusion === 'success' ? DONE : FAILED, DONE)
    )

  it('"Re-run failed jobs" after a failed deploy job: our job was skipped, now sends', () => {
    const attempt1 = [
      build(1),
      deploy(1, 'failure'),
      neverStarted('trackback', 1, 'skipped')
    ]
    // Attempt 2 lists build as it was (not re-run), the rest anew.
    const attempt2 = [build(1), deploy(2, 'success'), running(2)]
    expect(verdict([{ attempt: 1, jobs: attempt1 }], attempt2)).toEqual({
      notReached: true,
      reason:
        'no earlier attempt ran this step (attempt 1, job "trackback": the job never started (skipped))'
    })
  })

  it('"Re-run all jobs" after the same failure sends too', () => {
    const attempt1 = [
      build(1),
      deploy(1, 'failure'),
      neverStarted('trackback', 1, 'skipped')
    ]
    const attempt2 = [build(2), deploy(2, 'success'), running(2)]
    expect(verdict([{ attempt: 1, jobs: attempt1 }], attempt2).notReached).toBe(
      true
    )
  })

  it('"Re-run all jobs" after a run that pinged and then failed refuses', () => {
    const attempt1 = [
      build(1),
      deploy(1, 'success'),
      finished(
        'trackback',
        1,
        'failure',
        steps(DONE, DONE, DONE, DONE, DONE, FAILED, DONE)
      )
    ]
    const attempt2 = [build(2), deploy(2, 'success'), running(2)]
    expect(verdict([{ attempt: 1, jobs: attempt1 }], attempt2).notReached).toBe(
      false
    )
  })

  it('needs every earlier attempt to show the step not reached', () => {
    const skipped = [neverStarted('trackback', 1, 'skipped')]
    const attempt2Failed = [deployFailed(2)]
    expect(
      verdict([
        { attempt: 1, jobs: skipped },
        { attempt: 2, jobs: attempt2Failed }
      ]).notReached
    ).toBe(true)
    const attempt2Ran = [
      finished(
        'trackback',
        2,
        'failure',
        steps(DONE, DONE, DONE, DONE, FAILED, DONE, DONE)
      )
    ]
    expect(
      verdict([
        { attempt: 1, jobs: skipped },
        { attempt: 2, jobs: attempt2Ran }
      ])
    ).toMatchObject({
      notReached: false,
      reason: expect.stringContaining('attempt 2, job "trackback": step 5')
    })
  })

  it('judges only the attempts it is given (those the ledger lacks)', () => {
    // Attempt 2 ran the step and saved its ledger; attempt 1 never did.
    const v = judgeEarlierAttempts(
      [running(3)],
      [{ attempt: 1, jobs: [deployFailed(1)] }],
      identity,
      3
    )
    expect(v.notReached).toBe(true)
  })

  it('refuses when no earlier attempt is given at all', () => {
    expect(judgeEarlierAttempts([running(2)], [], identity, 2)).toEqual({
      notReached: false,
      reason: 'no earlier attempt was checked'
    })
  })

  it('refuses when the earlier attempt lists no job of this name', () => {
    const v = verdict([{ attempt: 1, jobs: [build(1), deploy(1, 'failure')] }])
    expect(v).toEqual({
      notReached: false,
      reason:
        'cannot tell whether an earlier attempt ran this step (attempt 1 lists no job "trackback")'
    })
  })
})

describe('judgeEarlierAttempts: matrix jobs', () => {
  const sites = ['site-a', 'site-ab', 'site-b']
  const named = (site: string): string => `trackback (${site})`

  it('matches the job by its whole name, never a similar one', () => {
    // site-a and site-ab pinged in attempt 1; site-b's deploy failed.
    const attempt1 = sites.map((site) =>
      site === 'site-b'
        ? deployFailed(1, named(site))
        : finished(
            named(site),
            1,
            'success',
            steps(DONE, DONE, DONE, DONE, DONE, DONE, DONE)
          )
    )
    const current = [running(2, named('site-b'))]
    expect(
      judgeEarlierAttempts(
        current,
        [{ attempt: 1, jobs: attempt1 }],
        identity,
        2
      )
    ).toMatchObject({ notReached: true })
    // The same lists, seen from site-a's re-run: it pinged.
    const fromA = [running(2, named('site-a'))]
    expect(
      judgeEarlierAttempts(fromA, [{ attempt: 1, jobs: attempt1 }], identity, 2)
    ).toMatchObject({
      notReached: false,
      reason: expect.stringContaining(
        'job "trackback (site-a)": step 5 ended success'
      )
    })
  })

  it('with several jobs of one name, every one must show the step not reached', () => {
    const twins = [deployFailed(1), neverStarted('trackback', 1, 'cancelled')]
    expect(verdict([{ attempt: 1, jobs: twins }]).notReached).toBe(true)
    const oneRan = [
      deployFailed(1),
      finished(
        'trackback',
        1,
        'success',
        steps(DONE, DONE, DONE, DONE, DONE, DONE, DONE)
      )
    ]
    expect(verdict([{ attempt: 1, jobs: oneRan }]).notReached).toBe(false)
  })

  it('finds a matrix job by GITHUB_JOB when the runner is not listed yet', () => {
    const current = [
      job(named('site-b'), 2, {
        status: 'in_progress',
        conclusion: null,
        runner_name: null,
        steps: steps(DONE, DONE, DONE, DONE, RUNNING)
      }),
      neverStarted(named('site-a'), 1, 'skipped')
    ]
    const found = identifyStep(current, identity, 2)
    expect(found).toEqual({
      step: { job: named('site-b'), number: 5, name: OURS }
    })
  })
})

describe('identifyStep: finding this step in the current attempt', () => {
  it('is the running step of the running job on this runner', () => {
    const current = [
      { ...running(2, 'lint'), runner_name: 'GitHub Actions 7' },
      running(2)
    ]
    expect(identifyStep(current, identity, 2)).toEqual({
      step: { job: 'trackback', number: 5, name: OURS }
    })
  })

  it('ignores a finished copy of an earlier attempt on the same runner', () => {
    // A self-hosted runner ran attempt 1's job too; "Re-run failed jobs"
    // lists that job again as it was.
    const current = [deployFailed(1), running(2, 'trackback-2')]
    for (const j of current) j.runner_name = 'build-box'
    const found = identifyStep(current, { runnerName: 'build-box' }, 2)
    expect(found).toMatchObject({ step: { job: 'trackback-2' } })
  })

  it('refuses two running jobs on one runner name', () => {
    const current = [running(2), running(2, 'other')]
    expect(identifyStep(current, identity, 2)).toEqual({
      problem: `2 running jobs list runner "${RUNNER}"`,
      retry: false
    })
  })

  it('never takes a job another runner runs', () => {
    const current = [{ ...running(2), runner_name: 'GitHub Actions 99' }]
    expect(identifyStep(current, identity, 2)).toMatchObject({
      problem: expect.stringContaining('no running job'),
      retry: true
    })
  })

  it('takes the only running job when nothing else names it', () => {
    const current = [
      { ...running(2, 'Ping other blogs'), runner_name: null },
      neverStarted('lint', 2, 'skipped')
    ]
    expect(identifyStep(current, { runnerName: RUNNER }, 2)).toMatchObject({
      step: { job: 'Ping other blogs', number: 5 }
    })
  })

  it('refuses two running jobs when neither is on this runner', () => {
    const current = [
      { ...running(2, 'a'), runner_name: null },
      { ...running(2, 'b'), runner_name: null }
    ]
    expect(identifyStep(current, { runnerName: RUNNER }, 2)).toMatchObject({
      problem: expect.stringContaining('2 candidates')
    })
    const twins = [
      { ...running(2, 'trackback (a)'), runner_name: null },
      { ...running(2, 'trackback (b)'), runner_name: null }
    ]
    expect(identifyStep(twins, identity, 2)).toMatchObject({
      problem: expect.stringContaining('2 running jobs are named like')
    })
  })

  it('asks again when the job lists no running step yet', () => {
    const current = [
      job('trackback', 2, {
        status: 'in_progress',
        conclusion: null,
        steps: steps(DONE, DONE, DONE, DONE, QUEUED)
      })
    ]
    // A step with `name:` cannot be recognised by the default name.
    expect(identifyStep(current, { runnerName: RUNNER }, 2)).toEqual({
      problem: 'job "trackback" lists 0 running steps',
      retry: true
    })
    // With the default name, the one unfinished step of that name is ours.
    expect(identifyStep(current, identity, 2)).toEqual({
      step: { job: 'trackback', number: 5, name: OURS }
    })
  })

  it('refuses a running step that is not the one with our default name', () => {
    // The list lags: the deploy still shows as running, ours as queued.
    const current = [
      job('trackback', 2, {
        status: 'in_progress',
        conclusion: null,
        steps: steps(DONE, DONE, DONE, RUNNING, QUEUED)
      })
    ]
    expect(identifyStep(current, identity, 2)).toEqual({
      problem: `job "trackback" runs step 4 "Deploy", not "${OURS}"`,
      retry: true
    })
    // Without the default name (a step with `name:`) the running one is ours.
    expect(identifyStep(current, { runnerName: RUNNER }, 2)).toMatchObject({
      step: { number: 4 }
    })
  })

  it('refuses two running steps', () => {
    const current = [
      job('trackback', 2, {
        status: 'in_progress',
        conclusion: null,
        steps: steps(DONE, RUNNING, RUNNING)
      })
    ]
    expect(identifyStep(current, { runnerName: RUNNER }, 2)).toEqual({
      problem: 'job "trackback" lists 2 running steps',
      retry: false
    })
  })

  it('needs the running job to belong to this attempt', () => {
    const stale = [{ ...running(2), run_attempt: 1 }]
    expect(identifyStep(stale, identity, 2)).toMatchObject({ retry: true })
  })

  it('makes judgeEarlierAttempts refuse when it fails', () => {
    expect(verdict([{ attempt: 1, jobs: [deployFailed(1)] }], [])).toEqual({
      notReached: false,
      reason:
        'this step is not identifiable: no running job of attempt 2 is recognisably this one (0 candidates)'
    })
  })
})

describe('judgeAttempt: step names and numbers', () => {
  const ours = { job: 'trackback', number: 5, name: OURS }

  it('refuses a different step at our number (the workflow changed?)', () => {
    const list = steps(DONE, DONE, DONE, FAILED, SKIPPED)
    const renamed = list.map((s) =>
      s.number === 5 ? { ...s, name: 'Notify' } : s
    )
    expect(
      judgeAttempt([finished('trackback', 1, 'failure', renamed)], ours, 1)
    ).toEqual({
      attempt: 1,
      reached: 'unknown',
      reason: `attempt 1, job "trackback": step 5 is "Notify", not "${OURS}"`
    })
  })

  it('refuses our step at another number', () => {
    const list = steps(DONE, DONE, FAILED, SKIPPED).map((s) =>
      s.number === 4 ? { ...s, name: OURS } : s
    )
    expect(
      judgeAttempt([finished('trackback', 1, 'failure', list)], ours, 1)
    ).toMatchObject({
      reached: 'unknown',
      reason: expect.stringContaining(`"${OURS}" is not step 5 there`)
    })
  })
})

describe('stepIdentity', () => {
  it('reads the runner, the job and the default step name', () => {
    expect(
      stepIdentity({
        RUNNER_NAME: RUNNER,
        GITHUB_JOB: 'trackback',
        GITHUB_ACTION_REPOSITORY: 'octo/trackback-action',
        GITHUB_ACTION_REF: 'v1'
      })
    ).toEqual(identity)
  })

  it('leaves out what the environment does not say (a local action: no ref)', () => {
    expect(
      stepIdentity({ RUNNER_NAME: '', GITHUB_ACTION_REPOSITORY: '' })
    ).toEqual({
      runnerName: undefined,
      jobId: undefined,
      defaultStepName: undefined
    })
  })
})

describe('checkEarlierAttempts, with a jobs API made of plain data', () => {
  /** Serves fixed lists, a list per call for the current attempt. */
  function api(lists: Record<number, RunJob[] | RunJob[][] | Error>): {
    jobs(n: number): Promise<RunJob[]>
    asked: number[]
  } {
    const calls = new Map<number, number>()
    const asked: number[] = []
    return {
      asked,
      async jobs(n) {
        asked.push(n)
        const entry = lists[n]
        if (entry instanceof Error) throw entry
        if (!entry) throw Object.assign(new Error('Not Found'), { status: 404 })
        const call = calls.get(n) ?? 0
        calls.set(n, call + 1)
        const nested = entry.length > 0 && Array.isArray(entry[0])
        if (!nested) return entry as RunJob[]
        const lists2 = entry as RunJob[][]
        return lists2[Math.min(call, lists2.length - 1)] as RunJob[]
      }
    }
  }
  const slept: number[] = []
  const sleep = async (ms: number): Promise<void> => {
    slept.push(ms)
  }

  it('asks for the current attempt, then each attempt the ledger lacks', async () => {
    const jobsApi = api({
      1: [deployFailed(1)],
      2: [deployFailed(2)],
      3: [running(3)]
    })
    const check = await checkEarlierAttempts(jobsApi, {
      attempt: 3,
      missing: [1, 2],
      identity,
      sleep
    })
    expect(check).toMatchObject({ notReached: true })
    expect(check.hint).toBeUndefined()
    expect(jobsApi.asked).toEqual([3, 1, 2])
  })

  it('asks once more after a pause when our step is not listed as running yet', async () => {
    slept.length = 0
    const lagging = job('trackback', 2, {
      status: 'in_progress',
      conclusion: null,
      steps: steps(DONE, DONE, DONE, DONE, QUEUED)
    })
    const jobsApi = api({ 1: [deployFailed(1)], 2: [[lagging], [running(2)]] })
    // The step has a `name:`: only a running step can be ours.
    const check = await checkEarlierAttempts(jobsApi, {
      attempt: 2,
      missing: [1],
      identity: { runnerName: RUNNER },
      sleep
    })
    expect(slept).toEqual([STEP_RECHECK_MS])
    expect(jobsApi.asked).toEqual([2, 2, 1])
    expect(check.notReached).toBe(true)
  })

  it('gives up after the second look, without asking about earlier attempts', async () => {
    slept.length = 0
    const jobsApi = api({ 1: [deployFailed(1)], 2: [[], []] })
    const check = await checkEarlierAttempts(jobsApi, {
      attempt: 2,
      missing: [1],
      identity,
      sleep
    })
    expect(check.notReached).toBe(false)
    expect(check.reason).toContain('not identifiable')
    expect(jobsApi.asked).toEqual([2, 2])
    expect(slept).toEqual([STEP_RECHECK_MS])
  })

  it('refuses with the permission to grant when the API answers 403', async () => {
    const forbidden = Object.assign(
      new Error('Resource not accessible by integration'),
      { status: 403 }
    )
    const check = await checkEarlierAttempts(api({ 2: forbidden }), {
      attempt: 2,
      missing: [1],
      identity,
      sleep
    })
    expect(check).toEqual({
      notReached: false,
      reason:
        'the Actions API did not answer (403 Resource not accessible by integration)',
      hint: ACTIONS_READ_HINT
    })
    expect(ACTIONS_READ_HINT).toContain('permissions: actions: read')
  })

  it('refuses without a hint when an earlier attempt is not found (404)', async () => {
    const check = await checkEarlierAttempts(api({ 2: [running(2)] }), {
      attempt: 2,
      missing: [1],
      identity,
      sleep
    })
    expect(check).toEqual({
      notReached: false,
      reason: 'the Actions API did not answer (404 Not Found)',
      hint: undefined
    })
  })

  it(`refuses attempt numbers GitHub cannot make (past ${MAX_RUN_ATTEMPT})`, async () => {
    const jobsApi = api({})
    for (const attempt of [MAX_RUN_ATTEMPT + 1, 1, 2.5, Number.NaN]) {
      const check = await checkEarlierAttempts(jobsApi, {
        attempt,
        missing: [1],
        identity,
        sleep
      })
      expect(check.notReached).toBe(false)
    }
    expect(jobsApi.asked).toEqual([])
  })
})

describe('apiProblem', () => {
  it('hints at the permission for 401 and 403, not for a rate limit', () => {
    const error = (status: number, message: string): Error =>
      Object.assign(new Error(message), { status })
    expect(apiProblem(error(401, 'Bad credentials')).hint).toBe(
      ACTIONS_READ_HINT
    )
    expect(apiProblem(error(403, 'Forbidden')).hint).toBe(ACTIONS_READ_HINT)
    expect(
      apiProblem(error(403, 'API rate limit exceeded for installation')).hint
    ).toBeUndefined()
    expect(apiProblem(error(500, 'boom'))).toEqual({
      notReached: false,
      reason: 'the Actions API did not answer (500 boom)',
      hint: undefined
    })
    expect(apiProblem(new Error('socket hang up')).reason).toBe(
      'the Actions API did not answer (socket hang up)'
    )
  })
})
