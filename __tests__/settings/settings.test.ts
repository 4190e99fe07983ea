import { describe, expect, it } from '@jest/globals'
import {
  DEFAULT_LEDGER_REF,
  parseSettings,
  SettingsError,
  SUGGESTED_LEDGER_REF
} from '../../src/settings/settings.js'

const reader =
  (inputs: Record<string, string>) =>
  (name: string): string =>
    inputs[name] ?? ''

describe('parseSettings', () => {
  it('applies the documented defaults', () => {
    const s = parseSettings(reader({}), 'push')
    expect(s).toMatchObject({
      workingDirectory: '',
      posts: [],
      siteDir: 'auto',
      frontMatterKey: 'trackback',
      dryRun: false,
      maxAgeDays: 30,
      maxPings: 50,
      timeoutMs: 15000,
      retries: 2,
      concurrency: 4,
      maxAttempts: 5,
      runTimeoutMs: 600000,
      cacheKey: 'trackback-ledger',
      ledgerRef: '',
      allowPrivateNetworks: false,
      failOnError: false,
      waitForLiveMs: 120_000,
      requireLink: false,
      landedDays: 30,
      landedChecks: 4
    })
    expect(s.siteUrl).toBeUndefined()
  })

  it.each([
    ['auto', 'push', false],
    ['auto', 'pull_request', true],
    ['auto', 'pull_request_target', true],
    ['auto', 'workflow_dispatch', false],
    ['true', 'push', true],
    ['TRUE', 'push', true],
    ['false', 'push', false],
    ['', 'schedule', false],
    // Promise 2: a pull request never sends, whatever the input says.
    ['false', 'pull_request', true],
    ['false', 'pull_request_target', true]
  ])('dry-run %p on %p → %p', (input, event, expected) => {
    expect(parseSettings(reader({ 'dry-run': input }), event).dryRun).toBe(
      expected
    )
  })

  it.each([
    ['working-directory', './site/', 'workingDirectory', 'site'],
    ['working-directory', '.', 'workingDirectory', ''],
    ['working-directory', 'a//b/./c', 'workingDirectory', 'a/b/c'],
    ['timeout', '2.5', 'timeoutMs', 2500],
    ['run-timeout', '90', 'runTimeoutMs', 90000],
    ['max-age', '0', 'maxAgeDays', 0],
    ['concurrency', '16', 'concurrency', 16],
    ['allow-private-networks', 'true', 'allowPrivateNetworks', true],
    ['fail-on-error', 'True', 'failOnError', true],
    ['wait-for-live', '0', 'waitForLiveMs', 0],
    ['wait-for-live', '2.5', 'waitForLiveMs', 2500],
    ['require-link', 'true', 'requireLink', true],
    ['landed-days', '0', 'landedDays', 0],
    ['landed-days', '60', 'landedDays', 60],
    ['landed-checks', '10', 'landedChecks', 10],
    [
      'site-url',
      ' https://me.github.io/blog ',
      'siteUrl',
      'https://me.github.io/blog'
    ],
    ['front-matter-key', 'pings', 'frontMatterKey', 'pings'],
    ['protocols', '', 'protocols', ['trackback', 'webmention', 'pingback']],
    [
      'protocols',
      'Pingback, trackback',
      'protocols',
      ['trackback', 'pingback']
    ],
    ['protocols', 'webmention\n', 'protocols', ['webmention']]
  ])('%s: %p', (input, value, field, expected) => {
    const s = parseSettings(reader({ [input]: value }), 'push')
    expect(s[field as keyof typeof s]).toEqual(expected)
  })

  it('reads posts as newline-separated globs, skipping blanks and comments', () => {
    const s = parseSettings(
      reader({ posts: 'src/posts/**/*.md\n\n  # old\n blog/*.md \r\n' }),
      'push'
    )
    expect(s.posts).toEqual(['src/posts/**/*.md', 'blog/*.md'])
  })

  it('reads resend and ignore as lists, empty by default', () => {
    expect(parseSettings(reader({}), 'push')).toMatchObject({
      resend: [],
      ignore: []
    })
    const s = parseSettings(
      reader({
        resend:
          '_posts/2026-01-02-x.md\nhttps://arxiv.org/trackback/2101.00001\n',
        ignore: '# asked us to stop\nexample.org\nhttps://x.org/tb/\n'
      }),
      'workflow_dispatch'
    )
    expect(s.resend).toEqual([
      '_posts/2026-01-02-x.md',
      'https://arxiv.org/trackback/2101.00001'
    ])
    expect(s.ignore).toEqual(['example.org', 'https://x.org/tb/'])
  })

  it('refuses an ignore line that is neither a host nor a URL prefix', () => {
    expect(() =>
      parseSettings(reader({ ignore: 'example.org\nmailto:me@x.org' }), 'push')
    ).toThrow(
      /^Invalid input 'ignore': 'mailto:me@x.org'\. Expected a host name/
    )
  })

  it.each([
    ['timeout', '-1', "Invalid input 'timeout': '-1'"],
    ['timeout', '0', "Invalid input 'timeout': '0'"],
    ['timeout', 'soon', "Invalid input 'timeout': 'soon'"],
    [
      'retries',
      '1.5',
      "Invalid input 'retries': '1.5'. Expected a whole number"
    ],
    ['max-pings', '1e3', "Invalid input 'max-pings'"],
    [
      'concurrency',
      '0',
      "Invalid input 'concurrency': '0'. Expected a whole number ≥ 1."
    ],
    ['max-attempts', 'x', "Invalid input 'max-attempts'"],
    ['run-timeout', '0', "Invalid input 'run-timeout': '0'"],
    ['run-timeout', '10m', "Invalid input 'run-timeout': '10m'"],
    [
      'dry-run',
      'maybe',
      "Invalid input 'dry-run': 'maybe'. Expected true, false or auto."
    ],
    [
      'fail-on-error',
      'yes',
      "Invalid input 'fail-on-error': 'yes'. Expected true or false."
    ],
    ['allow-private-networks', '1', "Invalid input 'allow-private-networks'"],
    [
      'wait-for-live',
      '-5',
      "Invalid input 'wait-for-live': '-5'. Expected a number ≥ 0."
    ],
    ['wait-for-live', '2m', "Invalid input 'wait-for-live': '2m'"],
    ['landed-days', '1.5', "Invalid input 'landed-days': '1.5'"],
    ['landed-checks', '-1', "Invalid input 'landed-checks': '-1'"],
    ['require-link', 'on', "Invalid input 'require-link': 'on'"],
    ['working-directory', '../other', "Invalid input 'working-directory'"],
    ['working-directory', '/etc', "Invalid input 'working-directory'"],
    ['site-url', 'me.github.io', "Invalid input 'site-url': 'me.github.io'"],
    ['site-url', 'ftp://x.org', "Invalid input 'site-url'"],
    ['cache-key', 'a b', "Invalid input 'cache-key'"],
    ['site-dir', '../_site', "Invalid input 'site-dir': '../_site'"],
    ['site-dir', '/srv/www', "Invalid input 'site-dir'"],
    ['site-dir', '.', "Invalid input 'site-dir': '.'"],
    ['ledger-ref', 'trackback-ledger', "Invalid input 'ledger-ref'"],
    ['ledger-ref', 'refs/ledger', "Invalid input 'ledger-ref': 'refs/ledger'"],
    ['ledger-ref', 'refs/a/b..c', "Invalid input 'ledger-ref'"],
    ['ledger-ref', 'refs/a/b c', "Invalid input 'ledger-ref'"],
    ['ledger-ref', 'refs/a/b.lock', "Invalid input 'ledger-ref'"],
    ['ledger-ref', 'refs/pull/1/head', "Invalid input 'ledger-ref'"]
  ])('rejects %s: %p', (input, value, message) => {
    expect(() => parseSettings(reader({ [input]: value }), 'push')).toThrow(
      message
    )
  })

  it.each([
    ['', 'auto'],
    ['AUTO', 'auto'],
    ['none', 'none'],
    ['./public/', 'public'],
    ['build\\site', 'build/site']
  ])('reads site-dir %p as %p', (value, siteDir) => {
    expect(parseSettings(reader({ 'site-dir': value }), 'push').siteDir).toBe(
      siteDir
    )
  })

  it.each([
    ['refs/trackback-action/ledger', 'refs/trackback-action/ledger'],
    ['refs/heads/trackback-ledger', 'refs/heads/trackback-ledger'],
    [' refs/x/y ', 'refs/x/y'],
    ['none', ''],
    // An empty input: what `ledger-ref: ''` in a workflow gives (unset, the
    // runner fills in action.yml's default).
    ['', '']
  ])('reads ledger-ref %p as %p', (value, ledgerRef) => {
    expect(
      parseSettings(reader({ 'ledger-ref': value }), 'push').ledgerRef
    ).toBe(ledgerRef)
  })

  it('keeps the ledger in the Actions cache unless ledger-ref names a ref', () => {
    expect(DEFAULT_LEDGER_REF).toBe('')
    expect(() =>
      parseSettings(reader({ 'ledger-ref': 'refs/x' }), 'push')
    ).toThrow(`such as ${SUGGESTED_LEDGER_REF} (refs/`)
    expect(
      parseSettings(reader({ 'ledger-ref': SUGGESTED_LEDGER_REF }), 'push')
        .ledgerRef
    ).toBe('refs/trackback-action/ledger')
  })

  it('reports every bad input at once', () => {
    try {
      parseSettings(
        reader({ timeout: '-1', 'dry-run': 'maybe', retries: 'x' }),
        'push'
      )
      throw new Error('expected a SettingsError')
    } catch (error) {
      expect(error).toBeInstanceOf(SettingsError)
      expect((error as SettingsError).problems).toHaveLength(3)
    }
  })
})

describe('the protocols input', () => {
  it('refuses an unknown protocol name', () => {
    expect(() =>
      parseSettings(reader({ protocols: 'trackback, smoke-signal' }), 'push')
    ).toThrow(/Invalid input 'protocols'/)
  })
})
