/**
 * Reads every input once, applies defaults, validates, and returns one typed
 * settings object. The parsing is pure (`parseSettings`) so that it is tested
 * with plain data; `getSettings` only hands it `core.getInput`.
 */
import * as core from '@actions/core'
import { inputLines, parseIgnore } from './ignore.js'
import { parseProtocols } from './protocols.js'
import type { Protocol } from '../types.js'

/** The action's settings, read from its inputs. */
export interface Settings {
  /** The site's root relative to the workspace, `/`-separated, '' for the root. */
  workingDirectory: string
  /** Globs of post sources relative to the site root; [] means the generator's defaults. */
  posts: string[]
  /** Base URL of the published site, when the input gives one. */
  siteUrl?: string
  /** URL pattern for posts, when the input gives one. */
  permalink?: string
  /** Blog name sent with pings, when the input gives one. */
  blogName?: string
  /**
   * The built site to check post URLs against, relative to the site root:
   * a folder, `auto` (the generator's `_site`/`public` when present) or
   * `none` (no check).
   */
  siteDir: string
  /** Front-matter key holding the targets. */
  frontMatterKey: string
  /** Whether to send nothing and only report. */
  dryRun: boolean
  /** Why the run sends or not, for the log: `dry-run is auto`. */
  dryRunReason: string
  /** Days of posts to consider when no base commit is known. */
  maxAgeDays: number
  /** Most pings one run may send. */
  maxPings: number
  /** Per-request timeout in milliseconds. */
  timeoutMs: number
  /** In-run retries of transient failures. */
  retries: number
  /** Gap between two requests to the same host, in milliseconds. */
  hostDelayMs: number
  /** Hosts pinged at once. */
  concurrency: number
  /**
   * Time from the step's start after which no request starts, in
   * milliseconds; unfinished pings are recorded as failed.
   */
  runTimeoutMs: number
  /** Runs that may try a failing ping before it is given up. */
  maxAttempts: number
  /** Prefix of the ledger's cache keys. */
  cacheKey: string
  /**
   * The git ref that keeps the ledger instead of the Actions cache
   * (ledger/ref-store.ts), e.g. `refs/trackback-action/ledger`; '' (the
   * default) keeps it in the cache.
   */
  ledgerRef: string
  /** Token for the compare API ('' when none). */
  githubToken: string
  /** Allow loopback and private addresses and any port. */
  allowPrivateNetworks: boolean
  /**
   * Post paths and ping or post URLs to send again although the ledger says
   * sent (resend.ts); honoured on workflow_dispatch runs and by the CLI.
   */
  resend: string[]
  /** Host names and URL prefixes of targets never to ping (ignore.ts). */
  ignore: string[]
  /**
   * Protocols an article page may be notified by, in send/discover.ts's
   * order (TrackBack, Webmention, Pingback); all by default. Ping URLs and
   * arXiv ids are TrackBack whatever this says.
   */
  protocols: Protocol[]
  /** Fail the step when a ping failed or was rejected. */
  failOnError: boolean
  /** How long to wait for a post's page to answer 200 before pinging, in ms; 0: do not wait. */
  waitForLiveMs: number
  /** Hold a ping as pending when the live post does not link to its target. */
  requireLink: boolean
  /** Days after sending to keep looking whether a ping shows; 0: never look (landed/). */
  landedDays: number
  /** Most landed checks one run makes. */
  landedChecks: number
}

/** Reads one input by name (as `core.getInput` does). */
export type InputReader = (name: string) => string

/** Thrown when inputs are invalid; lists every problem, one per line. */
export class SettingsError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'))
    this.name = 'SettingsError'
  }
}

const PULL_REQUEST_EVENTS = new Set(['pull_request', 'pull_request_target'])

/**
 * The inputs as read so far, and every problem found in them: each reader
 * answers a fallback for a bad value and notes the problem, so that a user
 * fixes their workflow in one go.
 */
class Inputs {
  readonly problems: string[] = []

  constructor(private readonly read: InputReader) {}

  /** The input as written, untrimmed (lists keep their lines). */
  raw(name: string): string {
    return this.read(name)
  }

  text(name: string): string {
    return this.read(name).trim()
  }

  optional(name: string): string | undefined {
    return this.text(name) || undefined
  }

  invalid(name: string, value: string, expected: string): void {
    this.problems.push(`Invalid input '${name}': '${value}'. ${expected}`)
  }

  number(
    name: string,
    fallback: number,
    { min, integer }: { min: number; integer: boolean }
  ): number {
    const raw = this.text(name)
    if (raw === '') return fallback
    const value = Number(raw)
    const shape = integer ? /^\d+$/ : /^\d+(\.\d+)?$/
    if (!shape.test(raw) || !Number.isFinite(value) || value < min) {
      const what = integer ? 'a whole number' : 'a number'
      this.invalid(name, raw, `Expected ${what} ≥ ${min}.`)
      return fallback
    }
    return value
  }

  boolean(name: string, fallback: boolean): boolean {
    const raw = this.text(name)
    if (raw === '') return fallback
    const value = parseBoolean(raw)
    if (value === undefined) {
      this.invalid(name, raw, 'Expected true or false.')
      return fallback
    }
    return value
  }
}

/**
 * Parse and validate the inputs. Collects every problem before throwing so
 * that a user fixes their workflow in one go.
 */
export function parseSettings(read: InputReader, eventName: string): Settings {
  const inputs = new Inputs(read)
  const settings: Settings = {
    ...parseDryRun(inputs, eventName),
    ...parseLocations(inputs),
    ...parseLimits(inputs),
    frontMatterKey: inputs.text('front-matter-key') || 'trackback',
    cacheKey: parseCacheKey(inputs),
    ledgerRef: parseLedgerRef(inputs.raw('ledger-ref'), inputs.problems),
    githubToken: inputs.text('github-token'),
    allowPrivateNetworks: inputs.boolean('allow-private-networks', false),
    failOnError: inputs.boolean('fail-on-error', false),
    requireLink: inputs.boolean('require-link', false),
    resend: inputLines(inputs.raw('resend')),
    ignore: parseIgnoreInput(inputs),
    protocols: parseProtocols(inputs.raw('protocols'), inputs.problems)
  }
  if (inputs.problems.length > 0) throw new SettingsError(inputs.problems)
  return settings
}

/** Whether the run sends, and why (a pull request never does). */
function parseDryRun(
  inputs: Inputs,
  eventName: string
): Pick<Settings, 'dryRun' | 'dryRunReason'> {
  let dryRun: boolean
  let dryRunReason: string
  const dryRunRaw = inputs.text('dry-run').toLowerCase() || 'auto'
  if (dryRunRaw === 'auto') {
    dryRun = PULL_REQUEST_EVENTS.has(eventName)
    dryRunReason = 'dry-run is auto'
  } else {
    const value = parseBoolean(dryRunRaw)
    if (value === undefined) {
      inputs.invalid(
        'dry-run',
        inputs.text('dry-run'),
        'Expected true, false or auto.'
      )
    }
    dryRun = value ?? true
    dryRunReason = `dry-run is ${dryRunRaw}`
  }
  // Promise: nothing is sent from a pull request, whatever the input says.
  if (!dryRun && PULL_REQUEST_EVENTS.has(eventName)) {
    dryRun = true
    dryRunReason = `pull requests never send; dry-run: ${dryRunRaw} overridden`
  }
  return { dryRun, dryRunReason }
}

/** Where the site is, where it is built, and where it is published. */
function parseLocations(
  inputs: Inputs
): Pick<
  Settings,
  | 'workingDirectory'
  | 'posts'
  | 'siteUrl'
  | 'permalink'
  | 'blogName'
  | 'siteDir'
> {
  const workingDirectory = normaliseDirectory(inputs.text('working-directory'))
  if (workingDirectory === undefined) {
    inputs.invalid(
      'working-directory',
      inputs.text('working-directory'),
      'Expected a path inside the repository.'
    )
  }
  const siteUrl = inputs.optional('site-url')
  if (siteUrl !== undefined && !isHttpUrl(siteUrl)) {
    inputs.invalid(
      'site-url',
      siteUrl,
      'Expected an absolute http(s) URL such as https://example.org/blog.'
    )
  }
  const siteDirRaw = inputs.text('site-dir') || 'auto'
  const siteDir = ['auto', 'none'].includes(siteDirRaw.toLowerCase())
    ? siteDirRaw.toLowerCase()
    : normaliseDirectory(siteDirRaw)
  if (siteDir === undefined || siteDir === '') {
    inputs.invalid(
      'site-dir',
      siteDirRaw,
      'Expected auto, none or a folder inside the site such as _site or public.'
    )
  }
  return {
    workingDirectory: workingDirectory ?? '',
    posts: inputLines(inputs.raw('posts')),
    siteUrl,
    permalink: inputs.optional('permalink'),
    blogName: inputs.optional('blog-name'),
    siteDir: siteDir || 'auto'
  }
}

/** The numbers: how much, how often, how long. */
function parseLimits(
  inputs: Inputs
): Pick<
  Settings,
  | 'maxAgeDays'
  | 'maxPings'
  | 'timeoutMs'
  | 'retries'
  | 'hostDelayMs'
  | 'concurrency'
  | 'runTimeoutMs'
  | 'maxAttempts'
  | 'waitForLiveMs'
  | 'landedDays'
  | 'landedChecks'
> {
  const seconds = (name: string, fallback: number, min: number): number =>
    inputs.number(name, fallback, { min, integer: false }) * 1000
  const count = (name: string, fallback: number, min: number): number =>
    inputs.number(name, fallback, { min, integer: true })
  return {
    maxAgeDays: inputs.number('max-age', 30, { min: 0, integer: false }),
    maxPings: count('max-pings', 50, 0),
    timeoutMs: seconds('timeout', 15, 0.001),
    retries: count('retries', 2, 0),
    hostDelayMs: seconds('host-delay', 2, 0),
    concurrency: count('concurrency', 4, 1),
    runTimeoutMs: seconds('run-timeout', 600, 0.001),
    maxAttempts: count('max-attempts', 5, 1),
    waitForLiveMs: seconds('wait-for-live', 120, 0),
    landedDays: count('landed-days', 30, 0),
    landedChecks: count('landed-checks', 4, 0)
  }
}

function parseCacheKey(inputs: Inputs): string {
  const cacheKey = inputs.text('cache-key') || 'trackback-ledger'
  if (!/^[A-Za-z0-9._-]{1,200}$/.test(cacheKey)) {
    inputs.invalid(
      'cache-key',
      cacheKey,
      "Expected letters, digits, '.', '_' or '-'."
    )
  }
  return cacheKey
}

function parseIgnoreInput(inputs: Inputs): string[] {
  const ignore = inputLines(inputs.raw('ignore'))
  inputs.problems.push(...parseIgnore(ignore).problems)
  return ignore
}

/** Read the settings from the action's inputs. */
export function getSettings(eventName: string): Settings {
  return parseSettings((name) => core.getInput(name), eventName)
}

/**
 * action.yml's default for `ledger-ref`: none, the Actions cache keeps the
 * ledger (no repository writes, no extra permission).
 */
export const DEFAULT_LEDGER_REF = ''

/** The ref name the docs and messages suggest for `ledger-ref`. */
export const SUGGESTED_LEDGER_REF = 'refs/trackback-action/ledger'

/**
 * The `ledger-ref` input: '' (the cache only) when empty or `none`, else a
 * ref name GitHub accepts for a new ref (`refs/` and at least two slashes),
 * each part a valid git name. The runner fills in action.yml's default when
 * the workflow does not set it.
 */
function parseLedgerRef(raw: string, problems: string[]): string {
  const value = raw.trim()
  if (value === '' || value.toLowerCase() === 'none') return DEFAULT_LEDGER_REF
  const parts = value.split('/')
  const valid =
    parts.length >= 3 &&
    parts[0] === 'refs' &&
    parts.every(
      (part) =>
        part !== '' &&
        !part.startsWith('.') &&
        !part.endsWith('.lock') &&
        !part.endsWith('.')
    ) &&
    // The characters git refuses in ref names (git check-ref-format).
    // eslint-disable-next-line no-control-regex
    !/[\x00-\x20\x7f~^:?*[\\]|\.\.|@\{/.test(value) &&
    !value.startsWith('refs/pull/')
  if (!valid) {
    problems.push(
      `Invalid input 'ledger-ref': '${value}'. Expected a ref name such as ${SUGGESTED_LEDGER_REF} (refs/ and at least two slashes), or none.`
    )
    return ''
  }
  return value
}

/** YAML 1.2 core booleans, as `core.getBooleanInput` accepts them. */
function parseBoolean(raw: string): boolean | undefined {
  const value = raw.trim().toLowerCase()
  if (value === 'true') return true
  if (value === 'false') return false
  return undefined
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value)
    return (url.protocol === 'http:' || url.protocol === 'https:') && !!url.host
  } catch {
    return false
  }
}

/** `./site/` → `site`; '.' → ''; refuses paths that leave the repository. */
function normaliseDirectory(raw: string): string | undefined {
  const parts: string[] = []
  for (const part of raw.replace(/\\/g, '/').split('/')) {
    if (part === '' || part === '.') continue
    if (part === '..') return undefined
    parts.push(part)
  }
  if (raw.startsWith('/')) return undefined
  return parts.join('/')
}
