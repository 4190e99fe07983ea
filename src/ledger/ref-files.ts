/**
 * The files of a ledger ref's commit, as pure functions: `claims.json`
 * (every claim ever won, `{ version, created, claims }`, each claim
 * `<sha256(name), 32 hex>: "<ISO time> <run id>.<attempt>"`), `ledger.json`
 * (the ledger, as ledger.ts serializes it) and `README.md` (what the ref is,
 * for whoever finds it); and what a head commit's files say about whether
 * the store may build on it (headOf).
 */
import { createHash } from 'node:crypto'
import { emptyLedger } from './ledger.js'
import { LedgerFormatError, parseLedgerReport } from './read-ledger.js'
import type { ClaimResult } from './store.js'
import type { Ledger } from '../types.js'
import { errorMessage, isRecord } from '../util.js'
import { CLAIMS_FILE, LEDGER_FILE } from '../constants.js'

const README_FILE = 'README.md'

const README = `# trackback-action's ledger

This ref is written by trackback-action: \`ledger.json\` records every
TrackBack ping it sent, and \`claims.json\` the pings runs claimed before
sending (so that none goes out twice). Do not edit it by hand; deleting the
ref makes the action forget what it sent.
`

/** The claims file. */
export interface ClaimsFile {
  /** When the ref was created (ISO). */
  created: string
  /** `claimKey(name)` → `<ISO time> <run id>.<attempt>` of the winner. */
  claims: Record<string, string>
}

/** The ref's head as read. */
export interface Head {
  /** Undefined when the ref does not exist. */
  commit?: string
  ledger: Ledger
  /** ledger.json as stored, carried over unchanged by claim commits. */
  ledgerText?: string
  claims?: ClaimsFile
  /** Set when the store must not write over this head. */
  refusal?: string
  /** Problems to report once (a corrupt ledger, dropped entries). */
  notes: string[]
}

/** The key of a claim in claims.json: 32 hex digits of the name's SHA-256. */
export function claimKey(name: string): string {
  return createHash('sha256').update(name).digest('hex').slice(0, 32)
}

/** Parses claims.json; throws LedgerFormatError when it is unusable. */
export function parseClaims(text: string): ClaimsFile {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (error) {
    throw new LedgerFormatError(
      `${CLAIMS_FILE} is not valid JSON: ${errorMessage(error)}`,
      'corrupt'
    )
  }
  if (!isRecord(data)) {
    throw new LedgerFormatError(`${CLAIMS_FILE} is not an object.`, 'corrupt')
  }
  if (data.version !== 1) {
    throw typeof data.version === 'number'
      ? new LedgerFormatError(
          `${CLAIMS_FILE} has format version ${data.version}; this release reads version 1.`,
          'unsupported-version',
          data.version
        )
      : new LedgerFormatError(
          `${CLAIMS_FILE} has no format version.`,
          'corrupt'
        )
  }
  if (typeof data.created !== 'string' || !isRecord(data.claims)) {
    throw new LedgerFormatError(
      `${CLAIMS_FILE} lacks \`created\` or \`claims\`.`,
      'corrupt'
    )
  }
  const claims: Record<string, string> = {}
  for (const [key, value] of Object.entries(data.claims)) {
    // A claim is kept whatever its value says: dropping one could let a
    // ping go out twice.
    claims[key] = typeof value === 'string' ? value : JSON.stringify(value)
  }
  return { created: data.created, claims }
}

/** claims.json's text: keys sorted, so equal claims give equal text. */
export function serializeClaims(file: ClaimsFile): string {
  const claims: Record<string, string> = {}
  for (const key of Object.keys(file.claims).sort()) {
    claims[key] = file.claims[key] as string
  }
  return `${JSON.stringify({ version: 1, created: file.created, claims }, null, 2)}\n`
}

/**
 * Decides claims against the claims already made: a name is 'won' when
 * nobody holds it, or when `stamp` does (this very call wrote it before,
 * and the answer was lost), else 'taken'. `next` holds the claims with the
 * won ones added, or is undefined when nothing is new.
 */
export function addClaims(
  file: ClaimsFile,
  names: string[],
  stamp: string
): { results: ClaimResult[]; next?: ClaimsFile } {
  const added: Record<string, string> = {}
  const results = names.map((name): ClaimResult => {
    const key = claimKey(name)
    const holder = Object.hasOwn(file.claims, key)
      ? file.claims[key]
      : undefined
    if (holder === undefined) {
      added[key] = stamp
      return 'won'
    }
    return holder === stamp ? 'won' : 'taken'
  })
  if (Object.keys(added).length === 0) return { results }
  return {
    results,
    next: { created: file.created, claims: { ...file.claims, ...added } }
  }
}

/** The files of a commit: the ledger text, the claims, the README. */
export function filesOf(
  ledgerText: string,
  claims: ClaimsFile
): Record<string, string> {
  return {
    [LEDGER_FILE]: ledgerText,
    [CLAIMS_FILE]: serializeClaims(claims),
    [README_FILE]: README
  }
}

/**
 * Reads a head commit's files. claims.json marks the ref as a ledger: a
 * head without it, or with claims that cannot be read, or with a ledger of
 * a newer release, is refused (neither used nor written over). A corrupt
 * ledger.json is not: its history stays in the ref's earlier commits, and
 * building on an empty ledger keeps the claims, which are what prevent
 * duplicates.
 */
export function headOf(
  ref: string,
  commit: string,
  ledgerText: string | undefined,
  claimsText: string | undefined
): Head {
  const head: Head = { commit, ledger: emptyLedger(), ledgerText, notes: [] }
  if (claimsText === undefined) {
    head.refusal = `${ref} holds no ${CLAIMS_FILE}, so it is not a trackback-action ledger; it is neither read nor written (choose another ledger-ref)`
    return head
  }
  try {
    head.claims = parseClaims(claimsText)
  } catch (error) {
    head.refusal = `${ref}: ${errorMessage(error)} No claim can be decided and nothing is written over it; repair or delete the ref`
    return head
  }
  if (ledgerText === undefined) return head
  try {
    const { ledger, dropped } = parseLedgerReport(ledgerText)
    head.ledger = ledger
    if (dropped > 0) {
      head.notes.push(
        `the ledger in ${ref} had ${dropped} unreadable ${dropped === 1 ? 'entry' : 'entries'}; dropped`
      )
    }
  } catch (error) {
    if (
      error instanceof LedgerFormatError &&
      error.problem === 'unsupported-version'
    ) {
      head.refusal = `the ledger in ${ref} was written by a newer release (${error.message}); this run neither uses nor writes it`
    } else {
      head.notes.push(
        `the ledger in ${ref} is unusable (${errorMessage(error)}); starting from an empty one (the old text stays in the ref's history)`
      )
    }
  }
  return head
}
