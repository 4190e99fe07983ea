/** The run's first line: whether it sends, for which event, and why. */
import { describe, expect, it } from '@jest/globals'
import { sendingLine } from '../../src/run/words.js'
import { parseSettings } from '../../src/settings/settings.js'

const line = (
  eventName: string,
  payload: Record<string, unknown>,
  inputs: Record<string, string> = {}
): string =>
  sendingLine(
    parseSettings((name) => inputs[name] ?? '', eventName),
    { eventName, payload }
  )

describe('sendingLine', () => {
  it.each([
    [
      'push',
      { ref: 'refs/heads/main' },
      {},
      'Sending: a push to main (dry-run is auto).'
    ],
    ['push', {}, {}, 'Sending: a push (dry-run is auto).'],
    ['pull_request', {}, {}, 'Not sending: a pull request (dry-run is auto).'],
    [
      'pull_request',
      {},
      { 'dry-run': 'false' },
      'Not sending: a pull request (pull requests never send; dry-run: false overridden).'
    ],
    [
      'push',
      { ref: 'refs/heads/main' },
      { 'dry-run': 'true' },
      'Not sending: a push to main (dry-run is true).'
    ],
    ['schedule', {}, {}, 'Sending: a scheduled run (dry-run is auto).'],
    ['workflow_dispatch', {}, {}, 'Sending: a manual run (dry-run is auto).'],
    ['', {}, {}, 'Sending: a local run (dry-run is auto).'],
    [
      'deployment_status',
      {},
      {},
      'Sending: a deployment_status event (dry-run is auto).'
    ]
  ])('%s %j %j → %s', (eventName, payload, inputs, expected) => {
    expect(line(eventName, payload, inputs)).toBe(expected)
  })
})
