import { e as errorMessage } from './arxiv.js';

/**
 * Reading the errors the GitHub API client (Octokit) throws: its HTTP
 * status, and whether a 403 is a rate limit rather than a refusal. Shared by
 * the adapters that call the API (github/api.ts, github/git-data.ts,
 * ledger/ref-git.ts, ledger/run-attempts.ts), so that they agree on what a
 * permission problem is.
 */
/** The HTTP status an API error carries (Octokit's `status`), if any. */
function apiStatus(error) {
    const status = error?.status;
    return typeof status === 'number' ? status : undefined;
}
/**
 * A 403 that is GitHub's rate limit ("API rate limit exceeded", "secondary
 * rate limit"), which a later try may pass, unlike a 403 for a permission
 * the token lacks.
 */
function isRateLimit(error) {
    return apiStatus(error) === 403 && /rate limit/i.test(errorMessage(error));
}

export { apiStatus as a, isRateLimit as i };
