// The pure helpers of `npm run bench` (scripts/bench/stats.mjs).
import { describe, expect, it } from '@jest/globals'
import {
  markdownTable,
  meets,
  phaseTimes,
  sendingLowerBound,
  span,
  summarize
} from '../../scripts/bench/stats.mjs'

describe('summarize', () => {
  it('takes the middle value of an odd count, unsorted input', () => {
    expect(summarize([30, 10, 20])).toEqual({
      median: 20,
      min: 10,
      max: 30,
      runs: 3
    })
  })

  it('averages the two middle values of an even count', () => {
    expect(summarize([4, 1, 3, 2])).toEqual({
      median: 2.5,
      min: 1,
      max: 4,
      runs: 4
    })
  })

  it('leaves out NaN measurements and does not reorder its input', () => {
    const values = [5, NaN, 1]
    expect(summarize(values)).toEqual({ median: 3, min: 1, max: 5, runs: 2 })
    expect(values).toEqual([5, NaN, 1])
  })

  it('gives NaN and zero runs for no measurements', () => {
    expect(summarize([NaN])).toEqual({
      median: NaN,
      min: NaN,
      max: NaN,
      runs: 0
    })
  })
})

describe('sendingLowerBound', () => {
  it('is the busiest host’s count times the request time', () => {
    const hosts = ['a', 'b', 'a', 'c', 'a', 'b']
    expect(sendingLowerBound(hosts, 50)).toBe(150)
  })

  it('is 20 × 50 ms for 1,000 pings spread evenly over 50 hosts', () => {
    const hosts = Array.from({ length: 1000 }, (_, i) => `h${i % 50}`)
    expect(sendingLowerBound(hosts, 50)).toBe(1000)
  })

  it('is zero without pings', () => {
    expect(sendingLowerBound([], 50)).toBe(0)
  })
})

describe('phaseTimes and span', () => {
  const log = [
    '::debug::Settings: {}',
    '::group::Site',
    '::debug::Site took 12.5 ms, 40.0 ms after start',
    '::endgroup::',
    'Site: https://example.org (jekyll)',
    '::debug::Finding posts took 30 ms, 80.5 ms after start',
    '::debug::Planning took 4.5 ms, 90 ms after start',
    'a post took 3 ms, 4 ms after start' // not a debug line
  ].join('\n')

  it('reads each phase’s duration, start and end', () => {
    expect(phaseTimes(log)).toEqual({
      Site: { ms: 12.5, start: 27.5, end: 40 },
      'Finding posts': { ms: 30, start: 50.5, end: 80.5 },
      Planning: { ms: 4.5, start: 85.5, end: 90 }
    })
  })

  it('measures from the start of one phase to the end of another', () => {
    expect(span(phaseTimes(log), 'Site', 'Planning')).toBe(62.5)
  })

  it('is NaN when a phase is missing', () => {
    expect(span(phaseTimes(log), 'Site', 'Sending')).toBeNaN()
  })
})

describe('meets', () => {
  it('compares with each operator, at the limit too', () => {
    expect(meets(1.1, { op: '<=', limit: 1.1 })).toBe(true)
    expect(meets(1.1, { op: '<', limit: 1.1 })).toBe(false)
    expect(meets(40, { op: '>=', limit: 40 })).toBe(true)
    expect(meets(40, { op: '>', limit: 40 })).toBe(false)
  })

  it('has no verdict without a goal or a measurement', () => {
    expect(meets(1, undefined)).toBeUndefined()
    expect(meets(NaN, { op: '<', limit: 1 })).toBeUndefined()
  })
})

describe('markdownTable', () => {
  it('prints one aligned row per measurement with its goal and verdict', () => {
    const table = markdownTable([
      {
        name: 'start-up',
        unit: 'ms',
        median: 101.4,
        min: 90,
        max: 180.6,
        runs: 10,
        goal: { op: '<', limit: 150 }
      },
      {
        name: 'ratio',
        digits: 2,
        median: 1.234,
        min: 1.2,
        max: 1.3,
        runs: 5,
        goal: { op: '<=', limit: 1.1 }
      },
      { name: 'size', unit: 'KB', median: NaN, min: NaN, max: NaN, runs: 0 }
    ])
    expect(table.split('\n')).toEqual([
      '| measure       | median | min  | max  | runs | goal   | met    |',
      '| ------------- | ------ | ---- | ---- | ---- | ------ | ------ |',
      '| start-up (ms) | 101    | 90   | 181  | 10   | < 150  | yes    |',
      '| ratio         | 1.23   | 1.20 | 1.30 | 5    | <= 1.1 | **no** |',
      '| size (KB)     | —      | —    | —    | 0    |        |        |'
    ])
  })
})
