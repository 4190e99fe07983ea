/**
 * The XML parser loads only for answers that need it: this file never loads
 * it, so an answer that needed it would throw here.
 */
import { describe, expect, it } from '@jest/globals'
import {
  interpretResponse,
  needsResponseParser
} from '../../src/send/trackback-answer.js'

const PLAIN = [
  '<?xml version="1.0" encoding="utf-8"?>\n<response>\n<error>0</error>\n</response>\n',
  '\uFEFF<response><error>0</error></response>',
  '<b>Notice</b>: Undefined index<br />\n<?xml version="1.0"?><response><error>0</error></response>'
]
const PARSED = [
  '<response><error>1</error><message>No</message></response>',
  '<response><error>0</error><message>Thanks</message></response>',
  '<response><error>0</error></response>trailing'
]

describe('needsResponseParser', () => {
  it.each(PLAIN)('reads the plain success %j without the parser', (body) => {
    expect(needsResponseParser(body)).toBe(false)
    expect(interpretResponse(200, body)).toEqual({
      kind: 'sent',
      message: 'accepted'
    })
  })

  it.each(PARSED)('asks for the parser for %j', (body) => {
    expect(needsResponseParser(body)).toBe(true)
    expect(() => interpretResponse(200, body)).toThrow(/not awaited/)
  })
})
