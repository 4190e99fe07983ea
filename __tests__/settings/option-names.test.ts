import { describe, expect, it } from '@jest/globals'
import { flagNames, inputNames } from '../../src/settings/option-names.js'

describe('how messages name options', () => {
  it('the action names workflow inputs', () => {
    expect(inputNames.name('max-pings')).toBe('max-pings')
    expect(inputNames.phrase('site-url')).toBe('the site-url input')
    expect(inputNames.setTo('allow-private-networks', 'true')).toBe(
      'allow-private-networks: true'
    )
    expect(inputNames.setTo('max-pings', '60')).toBe('max-pings: 60')
  })

  it('the CLI names flags', () => {
    expect(flagNames.name('max-pings')).toBe('--max-pings')
    expect(flagNames.phrase('site-url')).toBe('--site-url')
    expect(flagNames.setTo('allow-private-networks', 'true')).toBe(
      '--allow-private-networks'
    )
    expect(flagNames.setTo('max-pings', '60')).toBe('--max-pings 60')
  })
})
