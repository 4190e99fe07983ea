import { describe, expect, it } from '@jest/globals'
import { HELP, parseArgs, type RunCommand } from '../../src/cli/args.js'
import { checkSettings } from '../../src/cli/check.js'
import { UsageError } from '../../src/sources/local-range.js'
import { SettingsError } from '../../src/settings/settings.js'

const check = (...argv: string[]): RunCommand => {
  const command = parseArgs(argv)
  if (command.kind !== 'check') throw new Error(`not check: ${command.kind}`)
  return command
}

describe('parseArgs', () => {
  it('reads check with no options', () => {
    expect(parseArgs(['check'])).toEqual({
      kind: 'check',
      since: undefined,
      live: false,
      dryRun: false,
      commit: true,
      json: false,
      verbose: false,
      color: undefined,
      inputs: {}
    })
  })

  it('reads --since and the switches, in any order', () => {
    const command = check('--live', 'check', '--since', 'v1.2', '--json')
    expect(command).toMatchObject({ since: 'v1.2', live: true, json: true })
  })

  it('takes values after = or as the next argument', () => {
    expect(check('check', '--since=HEAD~3').since).toBe('HEAD~3')
    expect(
      check('check', '--site-url=https://me.github.io/blog').inputs
    ).toEqual({ 'site-url': 'https://me.github.io/blog' })
  })

  it('maps input flags to inputs, joining repeated list flags by newline', () => {
    const command = check(
      'check',
      '--posts',
      'posts/**/*.md',
      '--posts',
      'notes/*.md',
      '--permalink',
      '/:year/:title/',
      '--working-directory',
      'site',
      '--ignore',
      'example.org',
      '--resend',
      '_posts/2026-01-01-a.md',
      '--allow-private-networks',
      '--timeout',
      '5'
    )
    expect(command.inputs).toEqual({
      posts: 'posts/**/*.md\nnotes/*.md',
      permalink: '/:year/:title/',
      'working-directory': 'site',
      ignore: 'example.org',
      resend: '_posts/2026-01-01-a.md',
      'allow-private-networks': 'true',
      timeout: '5'
    })
  })

  it('lets --no-color and --color decide the colours', () => {
    expect(check('check', '--no-color').color).toBe(false)
    expect(check('check', '--color').color).toBe(true)
  })

  it('answers --help and --version before anything else', () => {
    expect(parseArgs(['--help'])).toEqual({ kind: 'help' })
    expect(parseArgs(['check', '-h', '--bogus'])).toEqual({ kind: 'help' })
    expect(parseArgs(['-V'])).toEqual({ kind: 'version' })
    expect(HELP).toContain('--since <ref>')
    expect(HELP).toContain('Exit codes')
  })

  it('reads send with --dry-run and --no-commit', () => {
    expect(parseArgs(['send'])).toMatchObject({
      kind: 'send',
      dryRun: false,
      commit: true
    })
    expect(
      parseArgs(['send', '--dry-run', '--no-commit', '--since', 'v1'])
    ).toMatchObject({ kind: 'send', dryRun: true, commit: false, since: 'v1' })
    expect(HELP).toContain('trackback-action send [--dry-run]')
  })

  it.each([
    [[], /Missing command/],
    [['push'], /Unknown command 'push': the commands are check and send/],
    [['check', '--dry-run'], /--dry-run is an option of send/],
    [['check', '--no-commit'], /--no-commit is an option of send/],
    [['send', '--live'], /--live is an option of check/],
    [['check', 'extra'], /Unexpected argument 'extra'/],
    [['check', '--bogus'], /Unknown option '--bogus'/],
    [['check', '-x'], /Unknown option '-x'/],
    [['check', '--since'], /--since needs a value/],
    [['check', '--since', '--json'], /--since needs a value/],
    [['check', '--json=yes'], /--json takes no value/],
    [['check', '--', 'x'], /Unexpected argument 'x'/]
  ])('refuses %j', (argv, message) => {
    expect(() => parseArgs(argv)).toThrow(UsageError)
    expect(() => parseArgs(argv)).toThrow(message)
  })
})

describe('checkSettings', () => {
  it('is always a dry run without a token, in the current directory by default', () => {
    const settings = checkSettings(check('check'), 'blog')
    expect(settings).toMatchObject({
      dryRun: true,
      githubToken: '',
      workingDirectory: 'blog',
      maxAgeDays: 30
    })
  })

  it('takes --working-directory relative to the repository root', () => {
    const settings = checkSettings(
      check('check', '--working-directory', './site/'),
      'elsewhere'
    )
    expect(settings.workingDirectory).toBe('site')
  })

  it('names the flag, not the input, in errors', () => {
    const command = check('check', '--max-age', 'soon', '--site-url', 'x')
    expect(() => checkSettings(command, '')).toThrow(SettingsError)
    expect(() => checkSettings(command, '')).toThrow(
      /Invalid --site-url: 'x'.*\nInvalid --max-age: 'soon'/s
    )
  })
})
