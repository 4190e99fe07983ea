/**
 * Reads every input once, applies defaults, validates, and returns one typed
 * settings object. The parsing is pure (`parseSettings`) so that it is tested
 * with plain data; `getSettings` only hands it `core.getInput`.
 */
import * as core from '@actions/core'
import { inputLines, parseIgnore } from './ignore.js'
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
  /** Why the run is (or is not) a dry run, for the log. */
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
   * The git ref that keeps the ledger durably (durable-ledger.ts), e.g.
   * `refs/trackback-action/ledger`; '' keeps it in the cache only.
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
  /** Fail the step when a ping failed or was rejected. */
  failOnError: boolean
  /** How long to wait for a post's page to answer 200 before pinging, in ms; 0: do not wait. */
  waitForLiveMs: number
  /** Hold a ping as pending when the live post does not link to its target. */
  requireLink: boolean
  /**
   * Protocols an article page may be notified by, in send/discover.ts's
   * order (TrackBack, Webmention, Pingback); all by default. Ping URLs and
   * arXiv ids are TrackBack whatever this says.
   */
  protocols: Protocol[]
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
 * Parse and validate the inputs. Collects every problem before throwing so
 * that a user fixes their workflow in one go.
 */
export function parseSettings(read: InputReader, eventName: string): Settings {
  const problems: string[] = []
  const text = (name: string): string => read(name).trim()
  const optional = (name: string): string | undefined => text(name) || undefined

  const number = (
    name: string,
    fallback: number,
    { min, integer }: { min: number; integer: boolean }
  ): number => {
    const raw = text(name)
    if (raw === '') return fallback
    const value = Number(raw)
    const shape = integer ? /^\d+$/ : /^\d+(\.\d+)?$/
    if (!shape.test(raw) || !Number.isFinite(value) || value < min) {
      const what = integer ? 'a whole number' : 'a number'
      problems.push(
        `Invalid input '${name}': '${raw}'. Expected ${what} ≥ ${min}.`
      )
      return fallback
    }
    return value
  }

  const boolean = (name: string, fallback: boolean): boolean => {
    const raw = text(name)
    if (raw === '') return fallback
    const value = parseBoolean(raw)
    if (value === undefined) {
      problems.push(
        `Invalid input '${name}': '${raw}'. Expected true or false.`
      )
      return fallback
    }
    return value
  }

  let dryRun: boolean
  let dryRunReason: string
  const dryRunRaw = text('dry-run').toLowerCase() || 'auto'
  if (dryRunRaw === 'auto') {
    dryRun = PULL_REQUEST_EVENTS.has(eventName)
    dryRunReason = dryRun
      ? `dry-run is auto and this is a ${eventName} event`
      : `dry-run is auto and this is a ${eventName || 'local'} event`
  } else {
    const value = parseBoolean(dryRunRaw)
    if (value === undefined) {
      problems.push(
        `Invalid input 'dry-run': '${text('dry-run')}'. Expected true, false or auto.`
      )
    }
    dryRun = value ?? true
    dryRunReason = `dry-run is ${dryRunRaw}`
  }
  // Promise: nothing is sent from a pull request, whatever the input says.
  if (!dryRun && PULL_REQUEST_EVENTS.has(eventName)) {
    dryRun = true
    dryRunReason = `${eventName} events never send (dry-run: ${dryRunRaw} overridden)`
  }

  const workingDirectory = normaliseDirectory(text('working-directory'))
  if (workingDirectory === undefined) {
    problems.push(
      `Invalid input 'working-directory': '${text('working-directory')}'. Expected a path inside the repository.`
    )
  }

  const siteUrl = optional('site-url')
  if (siteUrl !== undefined && !isHttpUrl(siteUrl)) {
    problems.push(
      `Invalid input 'site-url': '${siteUrl}'. Expected an absolute http(s) URL such as https://example.org/blog.`
    )
  }

  const siteDirRaw = text('site-dir') || 'auto'
  const siteDir = ['auto', 'none'].includes(siteDirRaw.toLowerCase())
    ? siteDirRaw.toLowerCase()
    : normaliseDirectory(siteDirRaw)
  if (siteDir === undefined || siteDir === '') {
    problems.push(
      `Invalid input 'site-dir': '${siteDirRaw}'. Expected auto, none or a folder inside the site such as _site or public.`
    )
  }

  const frontMatterKey = text('front-matter-key') || 'trackback'
  const cacheKey = text('cache-key') || 'trackback-ledger'
  if (!/^[A-Za-z0-9._-]{1,200}$/.test(cacheKey)) {
    problems.push(
      `Invalid input 'cache-key': '${cacheKey}'. Expected letters, digits, '.', '_' or '-'.`
    )
  }

  const ledgerRef = parseLedgerRef(read('ledger-ref'), problems)

  const ignore = inputLines(read('ignore'))
  problems.push(...parseIgnore(ignore).problems)

  const protocols = parseProtocols(read('protocols'), problems)

  const settings: Settings = {
    workingDirectory: workingDirectory ?? '',
    posts: inputLines(read('posts')),
    siteUrl,
    permalink: optional('permalink'),
    blogName: optional('blog-name'),
    siteDir: siteDir || 'auto',
    frontMatterKey,
    dryRun,
    dryRunReason,
    maxAgeDays: number('max-age', 30, { min: 0, integer: false }),
    maxPings: number('max-pings', 50, { min: 0, integer: true }),
    timeoutMs: number('timeout', 15, { min: 0.001, integer: false }) * 1000,
    retries: number('retries', 2, { min: 0, integer: true }),
    hostDelayMs: number('host-delay', 2, { min: 0, integer: false }) * 1000,
    concurrency: number('concurrency', 4, { min: 1, integer: true }),
    runTimeoutMs:
      number('run-timeout', 600, { min: 0.001, integer: false }) * 1000,
    maxAttempts: number('max-attempts', 5, { min: 1, integer: true }),
    cacheKey,
    ledgerRef,
    githubToken: text('github-token'),
    allowPrivateNetworks: boolean('allow-private-networks', false),
    failOnError: boolean('fail-on-error', false),
    waitForLiveMs:
      number('wait-for-live', 120, { min: 0, integer: false }) * 1000,
    requireLink: boolean('require-link', false),
    resend: inputLines(read('resend')),
    ignore,
    protocols
  }
  if (problems.length > 0) throw new SettingsError(problems)
  return settings
}

/** Read the settings from the action's inputs. */
export function getSettings(eventName: string): Settings {
  return parseSettings((name) => core.getInput(name), eventName)
}

/** action.yml's default for `ledger-ref` (durable-ledger.ts). */
export const DEFAULT_LEDGER_REF = 'refs/trackback-action/ledger'

/**
 * The `ledger-ref` input: '' (the cache only) when empty or `none`, else a
 * ref name GitHub accepts for a new ref (`refs/` and at least two slashes),
 * each part a valid git name. The runner fills in action.yml's default when
 * the workflow does not set it.
 */
function parseLedgerRef(raw: string, problems: string[]): string {
  const value = raw.trim()
  if (value === '' || value.toLowerCase() === 'none') return ''
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
      `Invalid input 'ledger-ref': '${value}'. Expected a ref name such as ${DEFAULT_LEDGER_REF} (refs/ and at least two slashes), or none.`
    )
    return ''
  }
  return value
}

const PROTOCOL_NAMES: readonly Protocol[] = [
  'trackback',
  'webmention',
  'pingback'
]

/**
 * The `protocols` input: names separated by commas, spaces or lines, any
 * case, in the preference order whatever order they are written in; empty
 * means all.
 */
function parseProtocols(raw: string, problems: string[]): Protocol[] {
  const names = raw
    .toLowerCase()
    .split(/[\s,]+/)
    .filter((name) => name !== '')
  if (names.length === 0) return [...PROTOCOL_NAMES]
  const unknown = names.filter(
    (name) => !(PROTOCOL_NAMES as readonly string[]).includes(name)
  )
  if (unknown.length > 0) {
    problems.push(
      `Invalid input 'protocols': '${raw.trim()}'. Expected one or more of trackback, webmention, pingback (separated by commas).`
    )
  }
  return PROTOCOL_NAMES.filter((name) => names.includes(name))
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
