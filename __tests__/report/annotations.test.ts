import { describe, expect, it } from '@jest/globals'
import { annotationsFor } from '../../src/report/annotations.js'
import { result } from './results.js'

describe('annotationsFor', () => {
  it('annotates invalid, rejected and failed rows on their line', () => {
    const annotations = annotationsFor([
      result('sent', { line: 2 }),
      result('invalid', { ping: '', message: "Invalid target 'x'.", line: 3 }),
      result('rejected', { message: 'Trackbacks are closed.', line: 4 }),
      result('failed', { message: 'HTTP 503', line: 5 }),
      result('pending', { line: 6 }),
      result('invalid', { target: '', ping: '', message: 'Bad YAML' })
    ])
    expect(annotations).toEqual([
      {
        level: 'error',
        title: 'TrackBack: invalid target',
        file: '_posts/2026-11-20-a.md',
        line: 3,
        message: "Invalid target 'x'."
      },
      {
        level: 'warning',
        title: 'TrackBack: ping rejected',
        file: '_posts/2026-11-20-a.md',
        line: 4,
        message: 'arXiv:2101.00001: Trackbacks are closed.'
      },
      {
        level: 'warning',
        title: 'TrackBack: ping failed',
        file: '_posts/2026-11-20-a.md',
        line: 5,
        message: 'arXiv:2101.00001: HTTP 503'
      },
      {
        level: 'error',
        title: 'TrackBack: invalid target',
        file: '_posts/2026-11-20-a.md',
        message: 'Bad YAML'
      }
    ])
  })
})
