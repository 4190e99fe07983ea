import { b as attemptsNotRemembered, l as ledgerWasRead, r as refPredatesRun } from './coverage.js';
import { setTimeout as setTimeout$1 } from 'node:timers/promises';
import { a as createAgents, d as destroyAgents, b as pagesToCheck, c as checkPages, e as applyPageChecks } from './page-check.js';
import { P as PING_BACKOFF, q as DEFAULT_MAX_RETRY_WAIT_MS, r as repeatInRun, e as errorMessage, t as pool, u as CLAIM_RECHECK_MS, U as USER_AGENT, v as plural } from './arxiv.js';
import { f as firstExchange, i as isNext } from './page-target.js';
import { r as recordOutcomes, c as recordOutcome } from './ledger.js';
import './address-policy.js';
import 'node:dns';
import './commonjs-helpers.js';
import 'node:http';
import 'node:https';
import 'node:net';
import 'node:tls';

/**
 * One queue per host of each request's first exchange; a request equal to
 * an earlier one becomes its copy.
 */
function queueRequests(requests, first) {
    const queues = { hosts: new Map(), copies: new Map() };
    const firstOf = new Map();
    requests.forEach((request, index) => {
        // One endpoint (webmention.io) serves many targets: the target is part of
        // what makes a ping the same.
        const same = `${request.protocol ?? 'trackback'}\n${request.ping}\n${request.target ?? ''}\n${request.fields.url}`;
        const earlier = firstOf.get(same);
        if (earlier !== undefined) {
            queues.copies.set(earlier, [...(queues.copies.get(earlier) ?? []), index]);
            return;
        }
        firstOf.set(same, index);
        enqueue(queues, {
            index,
            request,
            exchange: first(request),
            exchanges: 0,
            attempts: 0,
            requests: 0
        });
    });
    return queues;
}
/**
 * Put a ping at the end of the queue of its exchange's host: a host serves
 * requests in the order they became ready. So a host reads its own pages
 * before it takes the POSTs other hosts' pages lead to, and a page read
 * early gives its endpoint's host work early: a host that took those POSTs
 * first would read its own pages late and leave the hosts after it idle at
 * the end (a whole answer's wait per host in `npm run bench`'s scenario 5).
 */
function enqueue(queues, item) {
    const key = hostKey(item.exchange.url, item.index);
    let host = queues.hosts.get(key);
    if (!host) {
        host = { key, items: [], busy: false, readyAt: 0 };
        queues.hosts.set(key, host);
    }
    host.items.push(item);
}
/**
 * The free host with work that may go soonest. A host never waits for
 * another: each exchange holds one host only, so hosts cannot deadlock,
 * and a free host with work is chosen as soon as it is the earliest.
 */
function nextHost(queues) {
    let next;
    for (const host of queues.hosts.values()) {
        if (host.busy || host.items.length === 0)
            continue;
        if (!next || host.readyAt < next.readyAt)
            next = host;
    }
    return next;
}
/** Requests to one host:port share a queue; bad URLs each get their own. */
function hostKey(url, index) {
    try {
        const parsed = new URL(url);
        const port = parsed.port ||
            (parsed.protocol === 'https:'
                ? '443'
                : parsed.protocol === 'http:'
                    ? '80'
                    : '');
        return `${parsed.hostname.toLowerCase()}:${port}`;
    }
    catch {
        return `invalid#${index}`;
    }
}

/**
 * Send a run's pings politely: one request at a time per host with a gap
 * between them, several hosts in parallel, copies of a ping sent once, and
 * no request after the run's deadline. "Host" is every host contacted: a
 * page target's GET waits its turn at the page's host and its POST at the
 * endpoint's (host-queues.ts). Whether a failed try is repeated, and after
 * what wait, is the retry rule's (net/retry.ts); this module schedules,
 * paces and reports.
 */
const DEADLINE = 'deadline: run out of time before sending, will retry next run';
const DEADLINE_DURING = 'deadline: the run ran out of time during the request';
/**
 * Send pings and return one outcome per request, in input order.
 *
 * Requests with the same ping URL and post URL are sent once; the copies
 * get the first one's outcome with `requests: 0`.
 */
async function sendPings(requests, options, hooks = {}) {
    const agents = createAgents(options.allowPrivateNetworks, true);
    const { post } = hooks;
    const first = post
        ? (request) => ({
            url: request.ping,
            run: (client) => post(request, client)
        })
        : firstExchange;
    const run = {
        ...queueRequests(requests, first),
        requests,
        options,
        hooks,
        now: hooks.now ?? Date.now,
        sleep: hooks.sleep ?? setTimeout$1,
        client: {
            timeoutMs: options.timeoutMs,
            userAgent: options.userAgent,
            allowPrivateNetworks: options.allowPrivateNetworks,
            agents,
            ...(options.protocols ? { protocols: options.protocols } : {})
        },
        policy: {
            retries: options.retries,
            maxWaitMs: options.maxRetryWaitMs ?? DEFAULT_MAX_RETRY_WAIT_MS,
            backoff: PING_BACKOFF
        },
        outcomes: new Array(requests.length)
    };
    try {
        await serveAll(run);
    }
    finally {
        destroyAgents(agents);
    }
    if (run.failure)
        throw run.failure.error;
    if (run.hookError)
        throw run.hookError.error;
    return run.outcomes.map((outcome, index) => outcome ?? {
        id: requests[index].id,
        status: 'failed',
        message: 'not sent',
        requests: 0
    });
}
/**
 * Serve hosts, up to `concurrency` at once, until no queue has work. Each
 * turn takes the free host that can go soonest, makes one exchange with it
 * and frees it; the ping then waits in the queue of its next exchange's
 * host, if any. A turn holds one host and never waits for another, so no
 * two turns wait on each other.
 */
function serveAll(run) {
    const limit = Math.max(1, run.options.concurrency);
    let active = 0;
    return new Promise((resolve) => {
        const pump = () => {
            while (active < limit && !run.failure) {
                const host = nextHost(run);
                if (!host)
                    break;
                host.busy = true;
                active += 1;
                void turn(host);
            }
            if (active === 0)
                resolve();
        };
        // The next turn starts as soon as this one's exchange is decided, as
        // the worker loop did: the wait a host asked for is measured from then.
        const turn = async (host) => {
            try {
                await serve(run, host);
            }
            catch (error) {
                run.failure ??= { error };
            }
            finally {
                host.busy = false;
                active -= 1;
                pump();
            }
        };
        pump();
    });
}
/** One turn of a host: take the head of its queue, wait, send, decide. */
async function serve(run, host) {
    const item = host.items.shift();
    if (!(await waitForHost(run, host, item)))
        return;
    const result = await tryOnce(run, item);
    host.readyAt = run.now() + run.options.hostDelayMs;
    host.waitReason = undefined;
    if (isNext(result)) {
        item.exchange = result.next;
        enqueue(run, item);
        return;
    }
    const attempt = result;
    if (attempt.kind !== 'retry') {
        finish(run, item, {
            id: item.request.id,
            status: attempt.kind,
            message: attempt.message,
            requests: item.requests,
            ...(attempt.httpStatus !== undefined
                ? { httpStatus: attempt.httpStatus }
                : {}),
            ...sentBy(attempt)
        });
        return;
    }
    const decision = repeatInRun(attempt, item.attempts, run.policy, msLeft(run, run.now()));
    if (decision.repeat) {
        // The whole host waits: a throttled receiver throttles every ping. The
        // ping stays first in line, and repeats only the exchange that failed.
        host.readyAt = Math.max(host.readyAt, run.now() + decision.waitMs);
        host.items.unshift(item);
        return;
    }
    if (decision.wait) {
        host.readyAt = Math.max(host.readyAt, run.now() + decision.wait.ms);
        host.waitReason = `${host.key} ${decision.wait.why}`;
    }
    giveUp(run, item, decision.message);
}
/**
 * Wait until the host may be asked again. False when it may not be in this
 * run (the wait it asked for is too long, or the deadline comes first):
 * then the pings it would have served are given up.
 */
async function waitForHost(run, host, item) {
    const wait = host.readyAt - run.now();
    // A host that asked for a wait longer than the run can give is left
    // alone for the rest of the run: its other pings are not sent either.
    const tooLong = wait > run.policy.maxWaitMs;
    if (tooLong || pastDeadline(run, run.now() + Math.max(0, wait))) {
        const why = host.waitReason
            ? `${host.waitReason}; not tried in this run, will retry next run`
            : DEADLINE;
        for (const left of [item, ...host.items.splice(0)]) {
            giveUp(run, left, `${why}${lastTry(left)}`);
        }
        return false;
    }
    if (wait > 0)
        await run.sleep(wait);
    if (pastDeadline(run, run.now())) {
        giveUp(run, item, `${DEADLINE}${lastTry(item)}`);
        return false;
    }
    return true;
}
/**
 * Make the ping's next exchange once. A verdict counts as a try; an
 * exchange that leads to another (the page read, the POST next) does not.
 * A throwing exchange counts as a failed try.
 */
async function tryOnce(run, item) {
    let result;
    try {
        result = await withinDeadline(item.exchange.run(run.client), msLeft(run, run.now()));
    }
    catch (error) {
        const text = errorMessage(error);
        result = { kind: 'failed', message: text, requestSent: true };
    }
    item.exchanges += 1;
    if (isNext(result)) {
        item.requests += result.requests;
        return result;
    }
    item.attempts += 1;
    item.requests += result.requests ?? 1;
    item.last = result;
    return result;
}
/**
 * The attempt, or, when the run's deadline comes first, an ambiguous
 * failure: the request may be on the wire, so it is not repeated in this
 * run, and the run goes on to save what it knows. (Each exchange settles
 * by its own time limit too; this keeps a redirect chain or a slow post
 * function from holding the run past its deadline.)
 */
async function withinDeadline(posting, leftMs) {
    if (!Number.isFinite(leftMs))
        return posting;
    // Settled or not, a post that lost the race must not throw unheard.
    posting.catch(() => undefined);
    // A plain timer, cleared when the post wins: aborting a timers/promises
    // delay builds an AbortError (a DOMException and its stack) for every
    // exchange, which was a tenth of the sender's CPU with 2,000 exchanges.
    let timer;
    const timeUp = new Promise((resolve) => {
        timer = setTimeout(() => resolve({
            kind: 'retry',
            ambiguous: true,
            message: `${DEADLINE_DURING} (the receiver may have got the ping)`,
            requestSent: true
        }), Math.max(0, leftMs));
    });
    try {
        return await Promise.race([posting, timeUp]);
    }
    finally {
        clearTimeout(timer);
    }
}
function msLeft(run, at) {
    const { deadline } = run.options;
    return deadline === undefined ? Number.POSITIVE_INFINITY : deadline - at;
}
function pastDeadline(run, at) {
    return msLeft(run, at) <= 0;
}
function lastTry(item) {
    return item.last ? ` (last try: ${item.last.message})` : '';
}
/** End a ping as failed for this run. */
function giveUp(run, item, message) {
    finish(run, item, {
        id: item.request.id,
        status: 'failed',
        message,
        requests: item.requests,
        ...(item.last?.httpStatus !== undefined
            ? { httpStatus: item.last.httpStatus }
            : {}),
        ...(item.last ? sentBy(item.last) : {})
    });
}
/** Record a ping's outcome and its copies', and tell the caller of each. */
function finish(run, item, outcome) {
    const all = [outcome];
    for (const copy of run.copies.get(item.index) ?? []) {
        const request = run.requests[copy];
        const copied = {
            ...outcome,
            id: request.id,
            requests: 0,
            message: `same ping as ${item.request.id}: ${outcome.message}`
        };
        all.push(copied);
        run.outcomes[copy] = copied;
    }
    run.outcomes[item.index] = outcome;
    for (const each of all) {
        try {
            run.hooks.onOutcome?.(each);
        }
        catch (error) {
            // Keep the other workers going; report the caller's error at the end.
            run.hookError ??= { error };
        }
    }
}
/** The protocol, endpoint, nothing-found flag and status page an attempt reports. */
function sentBy(attempt) {
    return {
        ...(attempt.protocol ? { protocol: attempt.protocol } : {}),
        ...(attempt.endpoint ? { endpoint: attempt.endpoint } : {}),
        ...(attempt.nothingFound ? { nothingFound: true } : {}),
        ...(attempt.statusUrl ? { statusUrl: attempt.statusUrl } : {})
    };
}

/**
 * Re-runs (`GITHUB_RUN_ATTEMPT` > 1): may this attempt send? An earlier
 * attempt of the same run may have sent the same pings, so a re-run sends
 * only when something vouches for those attempts: the ledger holds their
 * outcomes, or the Actions API shows that those it lacks never reached this
 * step (`earlierAttempts`), or the ledger ref's claims predate the run.
 * `rerunRefusal` is the rule claimAndSend applies.
 */
/**
 * Why this attempt may not claim its pings, or undefined when it may. Only
 * a re-run with a cache service is refused (without one, claims decide),
 * and never one whose pings the ledger ref's claims already settled.
 */
function rerunRefusal(facts) {
    if (facts.firstAttempt || facts.claimedInRef || !facts.storeAvailable) {
        return undefined;
    }
    // A claim alone cannot vouch for an earlier attempt: claims are evicted
    // after 7 days, and a re-run may come later than that.
    if (!facts.ledgerRead)
        return 'unread';
    // The first attempt sent this run's pings, or tried to; with its ledger
    // gone (never saved, or evicted with the claims, or the ledger restarted
    // after an eviction) nothing tells which. (When the Actions API proves
    // that no earlier attempt reached this step, earlierAttemptSaved is true.)
    if (!facts.earlierAttemptSaved)
        return 'unaccounted';
    return undefined;
}
/** The warning of a re-run refused as 'unaccounted'. */
function unaccountedWarning(hint) {
    return `A re-run without a saved ledger cannot tell what the earlier attempt sent, and GitHub's jobs list did not show that it never reached this step: nothing is sent (at most once). Push again or run the workflow to retry.${hint ? ` ${hint}` : ''}`;
}
/**
 * Whether the earlier attempts of this run are accounted for: the ledger
 * holds their outcomes, or the Actions API shows that those it lacks never
 * reached this step (run-attempts.ts). The API is asked only when that
 * decides something: a re-run with pings to send and a ledger that was
 * read (an unread one holds every ping pending anyway).
 */
async function earlierAttempts(input, log) {
    const { runId, runAttempt } = input;
    const missing = attemptsNotRemembered(input.ledger, runId, runAttempt);
    if (missing.length === 0)
        return { accounted: true };
    if (!input.ledgerRead || !input.plan.pings.some((p) => p.request)) {
        return { accounted: false };
    }
    const run = Number(runId);
    if (!input.runJobsApi || !Number.isSafeInteger(run)) {
        log.info(`Re-run attempt ${runAttempt}: the ledger holds no record of attempt(s) ${missing.join(', ')}, and without github-token and a GitHub run id the Actions API cannot say whether they reached this step.`);
        return { accounted: false };
    }
    // Loaded here: only re-runs without a full ledger get this far.
    const { checkEarlierAttempts, stepIdentity } = await import('./run-attempts.js');
    const check = await checkEarlierAttempts(input.runJobsApi(run), {
        attempt: Number(runAttempt),
        missing,
        identity: stepIdentity(input.env),
        sleep: input.sleep
    });
    log.info(`Re-run attempt ${runAttempt}, no ledger record of attempt(s) ${missing.join(', ')}: ${check.reason}${check.notReached ? '; sending as a first attempt would, through claims.' : '.'}`);
    return { accounted: check.notReached, hint: check.hint };
}

/**
 * Claiming and sending: which planned pings this run may send (the claim
 * rule against concurrent runs and re-runs), sending the ones it won, and
 * recording their outcomes in the run's ledger. The world comes in through
 * parameters (the store's claims, a sender, a sleep, a log), so that the
 * simulation test drives exactly this code with fakes.
 */
/**
 * Claim each ping, then send the ones this run won. A ping goes out only
 * when this run created its claim (`<ledger key>#<attempts>`, one per try),
 * or, when the cache cannot answer, for a first try found by this push's own
 * diff (no other push covers those commits). With a ledger ref
 * (`claimMany`), all are claimed there at once and only a won claim sends.
 * Returns whether any request went out.
 */
async function claimAndSend(plan, deps) {
    const toSend = plan.pings.flatMap((planned, index) => planned.request ? [{ index, planned }] : []);
    if (toSend.length === 0) {
        deps.log.info('Nothing to send.');
        return false;
    }
    const runAttempt = deps.runAttempt ?? '1';
    const claiming = {
        deps,
        toSend,
        won: [],
        runAttempt,
        firstAttempt: !(Number(runAttempt) > 1),
        fromPush: deps.range.kind === 'diff' && deps.range.source !== 'ledger',
        cacheAnswers: deps.storeAvailable
    };
    if (!(await claimAll(claiming)))
        return false;
    const won = claiming.won.sort((a, b) => a.index - b.index);
    deps.log.info(`Sending ${won.length} ping(s).`);
    await sendWon(won, deps);
    return won.length > 0;
}
/**
 * Claim every ping, in the ledger ref at once or through the cache one by
 * one. False when this attempt is a re-run that may send none of them.
 */
async function claimAll(claiming) {
    const { deps } = claiming;
    const names = claiming.toSend.map(({ planned }) => claimName(planned, deps.runId));
    // Claims in the ledger ref are permanent: when it is older than this run,
    // each earlier attempt sent only what it claimed there, so a re-run needs
    // no record of them and may claim straight away.
    const early = deps.claimsPredateRun === true;
    let batch = early ? await deps.claimMany?.(names) : undefined;
    const refusal = rerunRefusal({
        firstAttempt: claiming.firstAttempt,
        claimedInRef: batch !== undefined,
        storeAvailable: deps.storeAvailable,
        ledgerRead: deps.ledgerRead,
        earlierAttemptSaved: deps.earlierAttemptSaved
    });
    if (refusal) {
        refuseRerun(claiming, refusal);
        return false;
    }
    if (!early)
        batch = await deps.claimMany?.(names);
    if (batch) {
        // The ledger ref's answer: only a won claim sends (never an unclaimed
        // ping, which later runs trusting the ref could not know of).
        const { results, problem } = batch;
        claiming.toSend.forEach((item, i) => settle(claiming, item, results[i] ?? 'unknown', problem));
    }
    else {
        await pool(claiming.toSend, 4, (item) => claimInCache(claiming, item));
    }
    return true;
}
/** Claim one ping through the cache, asking twice when it cannot answer. */
async function claimInCache(claiming, item) {
    const { deps } = claiming;
    const name = claimName(item.planned, deps.runId);
    let claim = claiming.cacheAnswers
        ? await deps.claim(name)
        : 'unknown';
    if (claim === 'unknown' && claiming.cacheAnswers) {
        // Another run's claim may be still uploading (not visible yet): ask
        // once more after it has had time to finish.
        await deps.sleep(CLAIM_RECHECK_MS);
        claim = await deps.claim(name);
    }
    // Two unanswered claims mean trouble with the cache service: do not
    // spend the run's time asking again for every ping.
    if (claim === 'unknown')
        claiming.cacheAnswers = false;
    // Only a target new in the diff may go unclaimed: a ping the ledger
    // brought back (a retry, a scheduled post now due) is in every
    // overlapping run's plan. Not on a re-run either: attempt 1 of this run
    // may have sent it.
    const unclaimed = item.planned.newInDiff === true &&
        claiming.firstAttempt &&
        claiming.fromPush;
    settle(claiming, item, claim === 'unknown' && unclaimed ? 'won' : claim);
}
/** Act on a claim's answer: send, report taken, or hold for a later run. */
function settle(claiming, item, claim, problem) {
    if (claim === 'won') {
        claiming.won.push(item);
    }
    else if (claim === 'taken') {
        const message = 'Another run has already claimed this ping (a concurrent or earlier run); not sent again.';
        claiming.deps.results[item.index] = {
            ...item.planned.result,
            status: 'skipped',
            message
        };
        // The log says why, as the summary does.
        const { post, target } = item.planned.result;
        claiming.deps.log.info(`${post} → ${target}: skipped, ${message}`);
    }
    else {
        holdUnclaimed(claiming, item, problem);
    }
}
/** A ping no claim could be made for: pending, for a later run. */
function holdUnclaimed(claiming, item, problem) {
    const { deps, runAttempt } = claiming;
    const { planned, index } = item;
    const message = problem
        ? `Not sent, held for a later run: ${problem}.`
        : claiming.firstAttempt
            ? 'Could not claim the ping through the cache service; a later run retries it.'
            : `Not sent: this is re-run attempt ${runAttempt} and the cache service cannot tell whether an earlier attempt sent it; a later run retries it once the cache answers.`;
    deps.results[index] = { ...planned.result, status: 'pending', message };
    deps.log.info(`${planned.result.post} → ${planned.result.target}: pending, ${message}`);
    // Remembered (when the ledger can be saved) so that a later run, not
    // only a re-run of this one, picks it up.
    const pair = planned.pair;
    if (pair) {
        deps.update((l) => recordOutcome(l, pair, 'pending', {
            now: deps.now,
            message,
            maxAttempts: deps.maxAttempts
        }));
    }
}
/** A re-run that may send nothing: say why in every row. */
function refuseRerun(claiming, refusal) {
    const { deps, toSend } = claiming;
    if (refusal === 'unread') {
        for (const item of toSend)
            holdUnclaimed(claiming, item);
        return;
    }
    deps.log.warning(unaccountedWarning(deps.rerunHint));
    deps.log.info(toSend
        .map(({ planned: { result } }) => `${result.post} → ${result.target}: skipped (re-run)`)
        .join('\n'));
    for (const { planned, index } of toSend) {
        deps.results[index] = {
            ...planned.result,
            status: 'skipped',
            message: 'Not sent: this is a re-run and no saved ledger says whether the earlier attempt sent it.'
        };
    }
}
/** Send the won pings and record each outcome in the rows and the ledger. */
async function sendWon(won, deps) {
    const byId = new Map(won.map((w) => [w.planned.request?.id ?? '', w]));
    // Outcomes go into the ledger together when sending ends (the ledger is
    // saved only then): one copy of it instead of one per ping.
    const outcomes = [];
    const lines = lineBatch((text) => deps.log.info(text));
    try {
        await deps.send(won.flatMap((w) => (w.planned.request ? [w.planned.request] : [])), (outcome) => {
            const item = byId.get(outcome.id);
            const pair = item?.planned.pair;
            if (!item || !pair)
                return;
            outcomes.push({
                pair,
                outcome: outcome.status,
                details: {
                    now: deps.now,
                    message: outcome.message,
                    maxAttempts: deps.maxAttempts,
                    ...(outcome.protocol ? { protocol: outcome.protocol } : {}),
                    ...(outcome.statusUrl ? { statusUrl: outcome.statusUrl } : {})
                }
            });
            deps.results[item.index] = {
                ...item.planned.result,
                // A page that offers no protocol is an invalid target (the
                // ledger keeps it rejected: not tried again until it changes).
                status: outcome.nothingFound ? 'invalid' : outcome.status,
                message: outcome.message,
                ...(outcome.protocol ? { protocol: outcome.protocol } : {}),
                ...(outcome.endpoint ? { endpoint: outcome.endpoint } : {})
            };
            lines.add(`${pair.source} → ${pair.ping}: ${outcome.nothingFound ? 'invalid' : outcome.status} ${outcome.message}`);
        });
    }
    finally {
        lines.flush();
        deps.update((l) => recordOutcomes(l, outcomes));
    }
}
/**
 * The name a ping is claimed under: `<ledger key>#<attempts>`, one per try.
 * A resend is claimed once per workflow run (its re-runs share the claim):
 * the ledger's attempts do not move for a pair already sent.
 */
function claimName(planned, runId = '') {
    return planned.resend
        ? `${planned.request?.id}#resend-${runId}`
        : `${planned.request?.id}#${planned.attempts}`;
}
/**
 * Log lines gathered within one turn of the event loop and written
 * together. Many receivers' answers arrive in the same turn, and a write per
 * line cost a tenth of the sender's CPU; no line waits longer than the turn.
 */
function lineBatch(write) {
    let lines = [];
    let pending;
    const flush = () => {
        clearImmediate(pending);
        pending = undefined;
        if (lines.length === 0)
            return;
        const text = lines.join('\n');
        lines = [];
        write(text);
    };
    return {
        add(line) {
            lines.push(line);
            pending ??= setImmediate(flush);
        },
        flush
    };
}

/**
 * Not before the post is ready: the run's step between planning and
 * sending. It fetches the page of each post about to be pinged
 * (page-check.ts) and holds as pending, for the next run, the pings of a
 * post that is not live yet or, with require-link, does not link to the
 * target; missing links become annotations.
 */
/**
 * The plan with the pings of unready posts held, and the annotations about
 * them. `clock.now` is the planning clock; `clock.deadline` (epoch ms) the
 * end of the run's time budget.
 */
async function holdUnready(plan, settings, clock, log) {
    const options = {
        waitForLiveMs: settings.waitForLiveMs,
        requireLink: settings.requireLink
    };
    const urls = pagesToCheck(plan, options);
    if (urls.length === 0)
        return { plan, annotations: [] };
    return log.group('Checking that the posts are live', async () => {
        // Waiting never eats the run's whole budget: sending needs some too.
        const waitMs = Math.max(0, Math.min(settings.waitForLiveMs, (clock.deadline - Date.now()) / 2));
        log.info(`Fetching ${urls.length} post page(s)${waitMs > 0 ? `, for up to ${Math.round(waitMs / 1000)} s until each answers 200` : ''}.`);
        const checks = await checkPages(urls, {
            timeoutMs: settings.timeoutMs,
            userAgent: USER_AGENT,
            allowPrivateNetworks: settings.allowPrivateNetworks,
            waitMs,
            concurrency: settings.concurrency
        });
        for (const check of checks.values()) {
            log.info(check.live
                ? `${check.url}: live${check.links ? ` (${plural(check.links.length, 'link')})` : ''}`
                : `${check.url}: not live (${check.reason})`);
        }
        return applyPageChecks(plan, checks, { ...options, now: clock.now });
    });
}

/**
 * The sending step of a run, loaded only by runs that send: whether a
 * re-run may send (rerun.ts), the claims (claim-send.ts) and the sender
 * (send/sender.ts) wired together with the run's settings and clock.
 */
/** Claim and send the plan's pings. Returns whether any request went out. */
async function sendPlan(input, log) {
    const { settings, loaded, store } = input;
    const ledgerRead = ledgerWasRead(loaded);
    return log.group('Sending', async () => {
        const earlier = await earlierAttempts({ ...input, ledger: loaded.ledger, ledgerRead }, log);
        return claimAndSend(input.plan, {
            claim: (name) => store.claim(name),
            claimMany: store.claimMany?.bind(store),
            claimsPredateRun: refPredatesRun(loaded.durable, input.payload),
            send: (requests, onOutcome) => sendPings(requests, {
                timeoutMs: settings.timeoutMs,
                retries: settings.retries,
                concurrency: settings.concurrency,
                hostDelayMs: settings.hostDelayMs,
                allowPrivateNetworks: settings.allowPrivateNetworks,
                userAgent: USER_AGENT,
                deadline: input.deadline,
                protocols: settings.protocols
            }, { onOutcome }),
            sleep: input.sleep,
            log,
            storeAvailable: loaded.available,
            ledgerRead,
            earlierAttemptSaved: earlier.accounted,
            rerunHint: earlier.hint,
            range: input.range,
            now: input.now,
            runAttempt: input.runAttempt,
            runId: input.runId,
            maxAttempts: settings.maxAttempts,
            update: (fn) => (input.ledger.current = fn(input.ledger.current)),
            results: input.results
        });
    });
}

export { holdUnready, sendPlan };
