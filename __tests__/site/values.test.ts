import { describe, expect, it } from '@jest/globals'
import { booleanValue } from '../../src/site/values.js'

describe('booleanValue', () => {
  it.each([
    [true, true],
    [false, false],
    ['true', true],
    ['Yes', true],
    ['on', true],
    ['FALSE', false],
    ['no', false],
    ['off', false],
    ['maybe', undefined],
    [1, undefined]
  ])('booleanValue(%j) → %j', (input, output) => {
    expect(booleanValue(input)).toBe(output)
  })
})
