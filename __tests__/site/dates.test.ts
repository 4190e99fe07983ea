import { describe, expect, it } from '@jest/globals'
import { parseDateString } from '../../src/site/dates.js'

describe('parseDateString', () => {
  it.each([
    '2021-03-04',
    '2021-03-04 10:00:00',
    '2021-03-04T10:00:00',
    '2021-03-04 10:00:00 +01:00',
    '2021-03-04 10:00:00+0100',
    '2021-03-04T10:00:00z',
    '2021-03-04 10:00:00 UTC'
  ])('reads %j', (text) => {
    expect(parseDateString(text, 'UTC')?.isValid).toBe(true)
  })

  it.each([
    '',
    'yesterday',
    '2021-13-01',
    '2021-04-31',
    '04/03/2021',
    '2021-03-04 25:00'
  ])('rejects %j', (text) => {
    expect(parseDateString(text, 'UTC')).toBeUndefined()
  })
})
