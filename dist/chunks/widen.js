import { c as createGit } from './git.js';
import 'node:child_process';

/**
 * The rule (pure): a push's range from the ledger's last commit when that
 * commit is a strict ancestor of the push's base and the ledger is exact;
 * only a note when it is not exact.
 */
function widenPushRange(range, facts) {
    const { ledgerCommit, ancestor, exact } = facts;
    if (range.kind !== 'diff' ||
        range.source !== 'push' ||
        ledgerCommit === undefined ||
        ledgerCommit === range.base ||
        ledgerCommit === range.head ||
        ancestor !== true) {
        return { range };
    }
    const span = `${ledgerCommit.slice(0, 7)}..${range.base.slice(0, 7)}`;
    if (!exact) {
        return {
            range,
            note: `No run recorded looking at the commits ${span} (the ledger's last commit is behind this push's base: a run cancelled while it waited in its concurrency group, a failed deploy, or a lost ledger): new targets of their posts are not sent by this push. Send them with resend on a manual run; with a ledger-ref, a push looks from the last commit a run looked at.`
        };
    }
    return {
        range: { ...range, base: ledgerCommit, source: 'ledger' },
        note: `No run looked at the commits ${span} (the ledger's last commit is behind this push's base: a run cancelled while it waited in its concurrency group, or a failed deploy): this push looks at them too, from the ledger's last commit.`
    };
}
/**
 * widenPushRange with the ancestry asked of local git, else of the compare
 * API (a shallow checkout does not have the ledger's commit).
 */
async function widenedPushRange(range, facts) {
    if (range.kind !== 'diff' || facts.ledgerCommit === range.head) {
        return { range };
    }
    const ancestor = await isAncestor(facts.workspace, facts.ledgerCommit, range.base, facts.api);
    return widenPushRange(range, { ...facts, ancestor });
}
/**
 * Whether `ancestor` is an ancestor of `commit`: local git when both are
 * checked out, else the compare API, else undefined.
 */
async function isAncestor(workspace, ancestor, commit, api) {
    const local = await createGit(workspace).isAncestor(ancestor, commit);
    if (local !== undefined || !api?.isAncestor)
        return local;
    try {
        return await api.isAncestor(ancestor, commit);
    }
    catch {
        return undefined;
    }
}

export { widenPushRange, widenedPushRange };
