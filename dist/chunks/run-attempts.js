import { a as apiStatus, i as isRateLimit } from './errors.js';
import { e as errorMessage } from './arxiv.js';

/**
 * Did an earlier attempt of this workflow run reach this step? A re-run
 * (`GITHUB_RUN_ATTEMPT` > 1) may send only what earlier attempts did not.
 * Usually the ledger says what they did (Ledger.runs). When it holds no
 * record of an attempt, most often because that attempt failed before this
 * step (a failed deploy, then "Re-run failed jobs") and so saved nothing,
 * the Actions API's jobs lists can prove that the attempt never started
 * this step, and so sent nothing.
 *
 * The decision is pure (`judgeEarlierAttempts`: jobs lists in, verdict out);
 * `checkEarlierAttempts` fetches the lists through a small interface
 * (actions-api.ts is the adapter). Anything short of proof refuses: a wrong
 * "not reached" would send pings twice, a wrong refusal only holds them.
 */
/** GitHub allows 50 re-runs of a run: attempts past 51 do not exist. */
const MAX_RUN_ATTEMPT = 51;
/** How long to wait before asking again when this step is not listed yet. */
const STEP_RECHECK_MS = 3000;
/** Read this step's identity from the runner's environment. */
function stepIdentity(env) {
    const repository = env.GITHUB_ACTION_REPOSITORY;
    const ref = env.GITHUB_ACTION_REF;
    return {
        runnerName: env.RUNNER_NAME || undefined,
        jobId: env.GITHUB_JOB || undefined,
        defaultStepName: repository && ref ? `Run ${repository}@${ref}` : undefined
    };
}
/**
 * Find this step in the current attempt's jobs: the running job on this
 * runner (else, when that is not listed, the only running job called
 * `GITHUB_JOB`, or the only running job), and in it the running step (or
 * the only unfinished step with the default name). Ambiguity is a problem,
 * never a guess.
 */
function identifyStep(jobs, identity, attempt) {
    const job = findJob(jobs, identity, attempt);
    if (!('found' in job))
        return job;
    const step = findRunningStep(job.found, identity.defaultStepName);
    if (!('found' in step))
        return step;
    return {
        step: {
            job: job.found.name,
            number: step.found.number,
            name: step.found.name
        }
    };
}
/** This attempt's running job that runs this step (identifyStep). */
function findJob(jobs, identity, attempt) {
    const running = jobs.filter((j) => j.status === 'in_progress' &&
        (j.run_attempt === undefined || j.run_attempt === attempt));
    const { runnerName, jobId } = identity;
    const onRunner = runnerName
        ? running.filter((j) => j.runner_name === runnerName)
        : [];
    if (onRunner.length > 1) {
        return {
            problem: `${onRunner.length} running jobs list runner "${runnerName}"`,
            retry: false
        };
    }
    if (onRunner[0])
        return { found: onRunner[0] };
    // A job another runner is known to run is never ours.
    const candidates = running.filter((j) => !runnerName || !j.runner_name || j.runner_name === runnerName);
    const named = jobId
        ? candidates.filter((j) => j.name === jobId || j.name.startsWith(`${jobId} (`))
        : [];
    if (named.length > 1) {
        return {
            problem: `${named.length} running jobs are named like "${jobId}" and none lists runner "${runnerName ?? ''}"`,
            retry: false
        };
    }
    const job = named[0] ?? (candidates.length === 1 ? candidates[0] : undefined);
    if (job)
        return { found: job };
    return {
        problem: `no running job of attempt ${attempt} is recognisably this one (${candidates.length} candidates)`,
        retry: candidates.length === 0
    };
}
/** The step of `job` running now: this step (identifyStep). */
function findRunningStep(job, defaultStepName) {
    const steps = job.steps ?? [];
    const inProgress = steps.filter((s) => s.status === 'in_progress');
    const byDefaultName = defaultStepName
        ? steps.filter((s) => s.name === defaultStepName && s.status !== 'completed')
        : [];
    const step = inProgress.length === 1 ? inProgress[0] : undefined;
    if (step && byDefaultName.length > 0 && !byDefaultName.includes(step)) {
        // The running step is another one than the step with this action's
        // default name: the list is behind the runner, or the names mislead.
        return {
            problem: `job "${job.name}" runs step ${step.number} "${step.name}", not "${defaultStepName}"`,
            retry: true
        };
    }
    if (step)
        return { found: step };
    if (inProgress.length === 0 && byDefaultName.length === 1) {
        return { found: byDefaultName[0] };
    }
    return {
        problem: `job "${job.name}" lists ${inProgress.length} running steps`,
        retry: inProgress.length === 0
    };
}
/** Whether one job of an earlier attempt started this step. */
function jobReached(job, ours) {
    if (job.status !== 'completed') {
        // An earlier attempt has ended before a re-run starts: a job still
        // listed as queued or running is a record not to be trusted.
        return { reached: 'unknown', why: `the job is ${job.status}` };
    }
    const steps = job.steps ?? [];
    if (steps.length === 0) {
        // A job that started lists "Set up job" at least. One that never did
        // (skipped by `if:` or a failed `needs:`, cancelled while queued, no
        // runner) lists nothing, and ran nothing.
        return job.conclusion === 'success'
            ? { reached: 'unknown', why: 'the job succeeded but lists no steps' }
            : {
                reached: 'no',
                why: `the job never started (${job.conclusion ?? 'no conclusion'})`
            };
    }
    const step = steps.find((s) => s.number === ours.number);
    if (!step) {
        if (steps.some((s) => s.name === ours.name)) {
            return {
                reached: 'unknown',
                why: `"${ours.name}" is not step ${ours.number} there`
            };
        }
        // When setting up the job fails, none of its steps runs, whatever
        // their `if:` says, and they may not be listed at all.
        const setUp = steps.find((s) => s.number === 1);
        const setUpFailed = setUp?.name === 'Set up job' &&
            setUp.status === 'completed' &&
            (setUp.conclusion === 'failure' || setUp.conclusion === 'cancelled');
        return setUpFailed
            ? { reached: 'no', why: `setting up the job ended ${setUp.conclusion}` }
            : { reached: 'unknown', why: `step ${ours.number} is not listed` };
    }
    if (step.name !== ours.name) {
        return {
            reached: 'unknown',
            why: `step ${ours.number} is "${step.name}", not "${ours.name}"`
        };
    }
    // Steps after a failed one (and steps whose `if:` is false) end
    // `skipped`: they never started. Any other state means it started, or
    // may have: `cancelled` is also what a step stopped mid-run reports.
    if (step.status === 'completed' && step.conclusion === 'skipped') {
        return { reached: 'no', why: `step ${ours.number} was skipped` };
    }
    if (step.status === 'completed' || step.status === 'in_progress') {
        return {
            reached: 'yes',
            why: `step ${ours.number} ${step.status === 'completed' ? `ended ${step.conclusion ?? 'without a conclusion'}` : 'is in progress'}`
        };
    }
    return { reached: 'unknown', why: `step ${ours.number} is ${step.status}` };
}
/**
 * Whether attempt `attempt` started this step, from that attempt's jobs
 * list. Every job with this job's name must show it did not (a matrix
 * without distinct names lists several); a list without the job proves
 * nothing (its name may depend on the attempt or on who re-ran it).
 */
function judgeAttempt(jobs, ours, attempt) {
    const same = jobs.filter((j) => j.name === ours.job);
    if (same.length === 0) {
        return {
            attempt,
            reached: 'unknown',
            reason: `attempt ${attempt} lists no job "${ours.job}"`
        };
    }
    const findings = same.map((job) => jobReached(job, ours));
    const worst = findings.find((f) => f.reached === 'yes') ??
        findings.find((f) => f.reached === 'unknown') ??
        findings[0];
    return {
        attempt,
        reached: worst.reached,
        reason: `attempt ${attempt}, job "${ours.job}": ${worst.why}`
    };
}
/**
 * The verdict on earlier attempts from their jobs lists: this step is
 * found in the current attempt's list (`current`, attempt `attempt`), then
 * judged in each earlier list given (the attempts the ledger holds no
 * record of). Proof needs every one of them to say "not reached".
 */
function judgeEarlierAttempts(current, earlier, identity, attempt) {
    const found = identifyStep(current, identity, attempt);
    if (!('step' in found)) {
        return {
            notReached: false,
            reason: `this step is not identifiable: ${found.problem}`
        };
    }
    const findings = earlier.map((e) => judgeAttempt(e.jobs, found.step, e.attempt));
    const open = findings.find((f) => f.reached !== 'no');
    if (open) {
        return {
            notReached: false,
            reason: open.reached === 'yes'
                ? `an earlier attempt ran this step (${open.reason})`
                : `cannot tell whether an earlier attempt ran this step (${open.reason})`
        };
    }
    if (findings.length === 0) {
        return { notReached: false, reason: 'no earlier attempt was checked' };
    }
    return {
        notReached: true,
        reason: `no earlier attempt ran this step (${findings.map((f) => f.reason).join('; ')})`
    };
}
/** What to tell the user when the token may not read Actions runs. */
const ACTIONS_READ_HINT = 'Grant the workflow `permissions: actions: read` so that a re-run can ask GitHub whether earlier attempts reached this step.';
/**
 * Fetch the jobs lists and judge them (judgeEarlierAttempts): the current
 * attempt's (again after STEP_RECHECK_MS when this step is not listed as
 * running yet), then each attempt in `missing`. API errors refuse, with
 * a hint when they were about permissions.
 */
async function checkEarlierAttempts(api, options) {
    const { attempt, missing, identity } = options;
    if (!Number.isInteger(attempt) || attempt < 2 || attempt > MAX_RUN_ATTEMPT) {
        return {
            notReached: false,
            reason: `attempt ${attempt} is not a re-run GitHub can make`
        };
    }
    try {
        let current = await api.jobs(attempt);
        const found = identifyStep(current, identity, attempt);
        if ('retry' in found && found.retry) {
            // The runner reports a step's start in batches: give the list a
            // moment to catch up before giving up on it.
            await options.sleep(STEP_RECHECK_MS);
            current = await api.jobs(attempt);
        }
        if (!('step' in identifyStep(current, identity, attempt))) {
            return judgeEarlierAttempts(current, [], identity, attempt);
        }
        const earlier = [];
        for (const k of missing)
            earlier.push({ attempt: k, jobs: await api.jobs(k) });
        return judgeEarlierAttempts(current, earlier, identity, attempt);
    }
    catch (error) {
        return apiProblem(error);
    }
}
/** An API error as a refusing verdict; permission errors carry the hint. */
function apiProblem(error) {
    const status = apiStatus(error);
    const message = errorMessage(error);
    const permission = status === 401 || (status === 403 && !isRateLimit(error));
    return {
        notReached: false,
        reason: `the Actions API did not answer (${typeof status === 'number' ? `${status} ` : ''}${message})`,
        hint: permission ? ACTIONS_READ_HINT : undefined
    };
}

export { ACTIONS_READ_HINT, MAX_RUN_ATTEMPT, STEP_RECHECK_MS, apiProblem, checkEarlierAttempts, identifyStep, judgeAttempt, judgeEarlierAttempts, stepIdentity };
