import { describe, expect, it } from '@jest/globals'
import { flagNames, inputNames } from '../../src/settings/option-names.js'
import {
  emptyLedger,
  ledgerKey,
  recordOutcome
} from '../../src/ledger/ledger.js'
import { planPings, type PostChange } from '../../src/run/plan.js'
import { readableTime } from '../../src/run/plan-target.js'
import type { Ledger, Post, Target } from '../../src/types.js'

const NOW = new Date('2026-11-23T12:00:00Z')
const URL_A = 'https://blog.example.org/2026/11/20/a.html'
const PING_1 = 'https://arxiv.org/trackback/2101.00001'
const PING_2 = 'https://other.example.org/wp-trackback.php?p=42'
const PING_3 = 'https://third.example.org/tb/7'

const target = (ping: string, written = ping, line = 5): Target => ({
  written,
  ping,
  line
})

function post(overrides: Partial<Post> = {}): Post {
  return {
    path: '_posts/2026-11-20-a.md',
    state: 'published',
    date: '2026-11-20T00:00:00.000Z',
    title: 'A',
    excerpt: 'About A.',
    url: URL_A,
    targets: [target(PING_1, 'arXiv:2101.00001'), target(PING_2)],
    targetsLine: 4,
    ...overrides
  }
}

const FILE = '_posts/2026-11-20-a.md'
const options = { now: NOW, dryRun: false, blogName: 'My blog', maxPings: 50 }

function change(overrides: Partial<PostChange>): PostChange {
  return { file: FILE, reason: 'diff', ...overrides }
}

function sentLedger(...pings: string[]): Ledger {
  let ledger = emptyLedger()
  for (const ping of pings) {
    ledger = recordOutcome(
      ledger,
      { post: URL_A, ping, source: FILE, target: ping },
      'sent',
      { now: new Date('2026-11-01T00:00:00Z'), maxAttempts: 5 }
    )
  }
  return ledger
}

const statuses = (
  plan: ReturnType<typeof planPings>
): Array<[string, string]> =>
  plan.pings.map((p) => [p.result.ping || p.result.target, p.result.status])

describe('planPings: which targets are new', () => {
  it('sends every target of an added post, with the TrackBack fields', () => {
    const plan = planPings([change({ after: post() })], emptyLedger(), options)
    expect(plan.pings.map((p) => p.request)).toEqual([
      {
        id: ledgerKey(URL_A, PING_1),
        ping: PING_1,
        fields: {
          url: URL_A,
          title: 'A',
          excerpt: 'About A.',
          blog_name: 'My blog'
        }
      },
      expect.objectContaining({ ping: PING_2 })
    ])
    expect(plan.pings[0]?.result).toEqual({
      post: FILE,
      url: URL_A,
      target: 'arXiv:2101.00001',
      ping: PING_1,
      status: 'pending',
      message: 'To send in this run.',
      line: 5
    })
  })

  it('sends only the targets a modified post gained', () => {
    const before = post({ targets: [target(PING_1)] })
    const after = post({ targets: [target(PING_1), target(PING_3)] })
    const plan = planPings([change({ before, after })], emptyLedger(), options)
    expect(
      plan.pings.filter((p) => p.request).map((p) => p.request?.ping)
    ).toEqual([PING_3])
    expect(statuses(plan)).toEqual([
      [PING_1, 'skipped'],
      [PING_3, 'pending']
    ])
  })

  it('compares targets by ping URL, so rewriting a target does not resend it', () => {
    const before = post({ targets: [target(PING_1, 'arXiv:2101.00001')] })
    const after = post({
      targets: [target(PING_1, 'https://arxiv.org/abs/2101.00001v2')]
    })
    const plan = planPings([change({ before, after })], emptyLedger(), options)
    expect(plan.pings.some((p) => p.request)).toBe(false)
  })

  it.each(['draft', 'unpublished', 'future'] as const)(
    'sends all targets when the previous version was %s',
    (state) => {
      const plan = planPings(
        [change({ before: post({ state }), after: post() })],
        emptyLedger(),
        options
      )
      expect(plan.pings.filter((p) => p.request)).toHaveLength(2)
    }
  )

  it('sends all targets of a post moved out of _drafts (no previous post)', () => {
    const plan = planPings(
      [change({ before: undefined, after: post() })],
      emptyLedger(),
      options
    )
    expect(plan.pings.filter((p) => p.request)).toHaveLength(2)
  })

  it('sends nothing for a deleted post', () => {
    const plan = planPings(
      [change({ before: post(), after: undefined })],
      emptyLedger(),
      options
    )
    expect(plan.pings).toEqual([])
  })

  it('sends nothing when only the text changed, even without a ledger', () => {
    const plan = planPings(
      [change({ before: post(), after: post({ excerpt: 'Edited.' }) })],
      emptyLedger(),
      options
    )
    expect(plan.pings.some((p) => p.request)).toBe(false)
    expect(plan.pings.map((p) => p.result.status)).toEqual([
      'skipped',
      'skipped'
    ])
  })

  it('collapses the same pair listed by two changes', () => {
    const plan = planPings(
      [change({ after: post() }), change({ after: post(), reason: 'ledger' })],
      emptyLedger(),
      options
    )
    expect(plan.pings.filter((p) => p.request)).toHaveLength(2)
  })
})

describe('planPings: the ledger', () => {
  it('never resends what the ledger records as sent', () => {
    const plan = planPings(
      [change({ after: post() })],
      sentLedger(PING_1),
      options
    )
    expect(statuses(plan)).toEqual([
      [PING_1, 'already-sent'],
      [PING_2, 'pending']
    ])
    expect(plan.pings[0]?.request).toBeUndefined()
    expect(plan.pings[0]?.result.message).toBe('Sent on 2026-11-01.')
  })

  it('retries a failed ping from an earlier run even if the target is not new', () => {
    const ledger = recordOutcome(
      emptyLedger(),
      { post: URL_A, ping: PING_1, source: FILE, target: PING_1 },
      'failed',
      { now: NOW, maxAttempts: 5, message: 'timed out' }
    )
    const plan = planPings(
      [
        change({ after: post({ targets: [target(PING_1)] }), reason: 'ledger' })
      ],
      ledger,
      options
    )
    expect(plan.pings[0]?.request?.ping).toBe(PING_1)
    expect(plan.pings[0]?.attempts).toBe(1)
  })

  it('skips a pair given up or rejected earlier, saying why', () => {
    let ledger = emptyLedger()
    ledger = recordOutcome(
      ledger,
      { post: URL_A, ping: PING_1, source: FILE, target: PING_1 },
      'rejected',
      {
        now: NOW,
        maxAttempts: 5,
        message: 'Sorry, trackbacks are closed for this item.'
      }
    )
    ledger = recordOutcome(
      ledger,
      { post: URL_A, ping: PING_2, source: FILE, target: PING_2 },
      'failed',
      {
        now: NOW,
        maxAttempts: 1,
        message: 'HTTP 500'
      }
    )
    const plan = planPings([change({ after: post() })], ledger, options)
    expect(statuses(plan)).toEqual([
      [PING_1, 'skipped'],
      [PING_2, 'skipped']
    ])
    expect(plan.pings[0]?.result.message).toContain('trackbacks are closed')
    expect(plan.pings[1]?.result.message).toContain('Given up after 1 attempts')
  })

  it('forgets due entries whose target was removed from the post', () => {
    const ledger = recordOutcome(
      emptyLedger(),
      { post: URL_A, ping: PING_3, source: FILE, target: PING_3 },
      'failed',
      { now: NOW, maxAttempts: 5 }
    )
    const plan = planPings(
      [change({ after: post(), reason: 'ledger' })],
      ledger,
      options
    )
    expect(plan.forget).toEqual([ledgerKey(URL_A, PING_3)])
  })

  it('forgets due entries of a deleted post', () => {
    const ledger = recordOutcome(
      emptyLedger(),
      { post: URL_A, ping: PING_3, source: FILE, target: PING_3 },
      'pending',
      { now: NOW, maxAttempts: 5, due: '2026-11-22T00:00:00Z' }
    )
    const plan = planPings(
      [change({ after: undefined, reason: 'ledger' })],
      ledger,
      options
    )
    expect(plan.forget).toEqual([ledgerKey(URL_A, PING_3)])
  })

  it('resends on request even though the ledger says sent', () => {
    const plan = planPings(
      [change({ after: post() })],
      sentLedger(PING_1, PING_2),
      {
        ...options,
        resend: (pair) => pair.ping === PING_2
      }
    )
    expect(statuses(plan)).toEqual([
      [PING_1, 'already-sent'],
      [PING_2, 'pending']
    ])
  })
})

describe('planPings: the ignore input', () => {
  const ignore = (ping: string): string | undefined =>
    ping.startsWith('https://other.example.org/')
      ? 'other.example.org'
      : undefined

  it('skips an ignored target with a message and sends the others', () => {
    const plan = planPings([change({ after: post() })], emptyLedger(), {
      ...options,
      ignore
    })
    expect(statuses(plan)).toEqual([
      [PING_1, 'pending'],
      [PING_2, 'skipped']
    ])
    expect(plan.pings[1]?.request).toBeUndefined()
    expect(plan.pings[1]?.result.message).toBe(
      "Ignored: the ping URL matches the ignore pattern 'other.example.org'; never sent."
    )
  })

  it('does not queue an ignored target of a scheduled post', () => {
    const plan = planPings(
      [
        change({
          after: post({ state: 'future', dueAt: '2026-12-01T00:00:00.000Z' })
        })
      ],
      emptyLedger(),
      { ...options, ignore }
    )
    expect(statuses(plan)).toEqual([
      [PING_1, 'pending'],
      [PING_2, 'skipped']
    ])
    expect(plan.pings.map((p) => p.pendingUntil)).toEqual([
      '2026-12-01T00:00:00.000Z',
      undefined
    ])
  })

  it('wins over resend, keeps already-sent, and forgets unfinished tries', () => {
    let ledger = sentLedger(PING_1)
    ledger = recordOutcome(
      ledger,
      { post: URL_A, ping: PING_2, source: FILE, target: PING_2 },
      'failed',
      { now: new Date('2026-11-01T00:00:00Z'), maxAttempts: 5 }
    )
    const plan = planPings(
      [change({ after: post(), reason: 'ledger' })],
      ledger,
      {
        ...options,
        ignore: () => 'everything',
        resend: (pair) => pair.ping === PING_2
      }
    )
    expect(statuses(plan)).toEqual([
      [PING_1, 'already-sent'],
      [PING_2, 'skipped']
    ])
    expect(plan.forget).toEqual([ledgerKey(URL_A, PING_2)])
  })
})

describe('planPings: resend changes', () => {
  it('sends again only the covered target of a post the range did not change', () => {
    const plan = planPings(
      [change({ after: post(), reason: 'resend' })],
      sentLedger(PING_1, PING_2),
      { ...options, dryRun: true, resend: (pair) => pair.ping === PING_1 }
    )
    expect(statuses(plan)).toEqual([[PING_1, 'dry-run']])
    expect(plan.pings[0]?.result.message).toBe('Would be sent again (resend).')
    expect(plan.pings[0]?.request?.ping).toBe(PING_1)
  })
})

describe('planPings: publication and problems', () => {
  it('holds targets of a future post as pending until it is due', () => {
    const plan = planPings(
      [
        change({
          after: post({ state: 'future', dueAt: '2026-12-01T00:00:00.000Z' })
        })
      ],
      emptyLedger(),
      options
    )
    expect(plan.pings.every((p) => p.request === undefined)).toBe(true)
    expect(plan.pings.map((p) => [p.result.status, p.pendingUntil])).toEqual([
      ['pending', '2026-12-01T00:00:00.000Z'],
      ['pending', '2026-12-01T00:00:00.000Z']
    ])
    expect(plan.pings[0]?.result.message).toBe(
      'Scheduled for 2026-12-01 00:00 UTC: a run after that sends it.'
    )
  })

  const held: Array<[Post['state'], string, string]> = [
    ['draft', 'pending', 'Draft'],
    ['unpublished', 'pending', 'published: false'],
    ['expired', 'skipped', 'expired']
  ]
  it.each(held)('does not send for a %s post', (state, status, message) => {
    const plan = planPings(
      [change({ after: post({ state }) })],
      emptyLedger(),
      options
    )
    expect(plan.pings.map((p) => p.result.status)).toEqual([status, status])
    expect(plan.pings[0]?.result.message).toContain(message)
    expect(plan.pings.every((p) => !p.request && !p.pendingUntil)).toBe(true)
  })

  it('reports an invalid target at its line and still sends the others', () => {
    const bad: Target = {
      written: 'javascript:alert(1)',
      line: 7,
      error: "Invalid target 'javascript:alert(1)'."
    }
    const plan = planPings(
      [change({ after: post({ targets: [bad, target(PING_2)] }) })],
      emptyLedger(),
      options
    )
    expect(statuses(plan)).toEqual([
      ['javascript:alert(1)', 'invalid'],
      [PING_2, 'pending']
    ])
    expect(plan.pings[0]?.result).toMatchObject({
      post: FILE,
      line: 7,
      message: "Invalid target 'javascript:alert(1)'."
    })
  })

  it('reports an unreadable post and goes on with the next', () => {
    const plan = planPings(
      [
        change({
          file: 'broken.md',
          after: { path: 'broken.md', line: 3, message: 'Invalid YAML' }
        }),
        change({ after: post() })
      ],
      emptyLedger(),
      options
    )
    expect(plan.problems).toEqual([
      { file: 'broken.md', line: 3, message: 'Invalid YAML' }
    ])
    expect(statuses(plan)).toEqual([
      ['', 'invalid'],
      [PING_1, 'pending'],
      [PING_2, 'pending']
    ])
    expect(plan.pings[0]?.result.line).toBe(3)
  })

  it('reports a post whose URL cannot be worked out', () => {
    const plan = planPings(
      [change({ after: post({ url: undefined, urlError: 'no date' }) })],
      emptyLedger(),
      options
    )
    expect(plan.pings.map((p) => p.result.status)).toEqual([
      'invalid',
      'invalid'
    ])
    expect(plan.pings[0]?.result.message).toContain('no date')
    expect(plan.pings.map((p) => p.result.line)).toEqual([4, 4])
  })
})

describe('planPings: dry run and max-pings', () => {
  it('reports what a dry run would send, with the request kept for counting', () => {
    const plan = planPings([change({ after: post() })], emptyLedger(), {
      ...options,
      dryRun: true
    })
    expect(plan.pings.map((p) => p.result.status)).toEqual([
      'dry-run',
      'dry-run'
    ])
    expect(plan.pings[0]?.result.message).toBe('Would be sent.')
  })

  it('sends nothing at all when the run would exceed max-pings', () => {
    const plan = planPings([change({ after: post() })], emptyLedger(), {
      ...options,
      maxPings: 1
    })
    expect(plan.overLimit).toContain(
      'would send 2 pings, more than max-pings (1)'
    )
    expect(
      plan.pings.every(
        (p) => p.request === undefined && p.result.status === 'skipped'
      )
    ).toBe(true)
  })

  it('names the max-pings input, or the --max-pings flag for the CLI', () => {
    const run = (names?: typeof flagNames): string | undefined =>
      planPings([change({ after: post() })], emptyLedger(), {
        ...options,
        maxPings: 1,
        ...(names ? { names } : {})
      }).overLimit
    expect(run()).toBe(
      'This run would send 2 pings, more than max-pings (1); nothing was ' +
        'sent. If that is intended (a backfill), set the max-pings input to 2 ' +
        'or more for one run.'
    )
    expect(run(inputNames)).toBe(run())
    expect(run(flagNames)).toBe(
      'This run would send 2 pings, more than --max-pings (1); nothing was ' +
        'sent. If that is intended (a backfill), set --max-pings to 2 or ' +
        'more for one run.'
    )
  })

  it('allows exactly max-pings', () => {
    const plan = planPings([change({ after: post() })], emptyLedger(), {
      ...options,
      maxPings: 2
    })
    expect(plan.overLimit).toBeUndefined()
  })
})

describe('readableTime', () => {
  it.each([
    ['2026-12-25T08:30:00Z', '2026-12-25 08:30 UTC'],
    ['2026-12-25T08:30:00+02:00', '2026-12-25 06:30 UTC'],
    ['not a date', 'not a date']
  ])('%p → %p', (iso, shown) => expect(readableTime(iso)).toBe(shown))
})
