/**
 * fileText: a file's text from the contents API's answer, whichever shape
 * Octokit gives it (text, bytes, or the base64 JSON description).
 */
import { describe, expect, it } from '@jest/globals'
import { fileText } from '../../src/github/api.js'

const TEXT = '{"version":1,"entries":{}}\nünïcode ✓\n'
const BYTES = new TextEncoder().encode(TEXT)

describe('fileText', () => {
  it('takes a string as it is', () => {
    expect(fileText(TEXT)).toBe(TEXT)
    expect(fileText('')).toBe('')
  })

  it('decodes an ArrayBuffer (raw answers without charset=utf-8)', () => {
    const buffer = BYTES.buffer.slice(
      BYTES.byteOffset,
      BYTES.byteOffset + BYTES.byteLength
    )
    expect(fileText(buffer)).toBe(TEXT)
    expect(fileText(new ArrayBuffer(0))).toBe('')
  })

  it('decodes a Uint8Array or a Buffer, minding its offset', () => {
    expect(fileText(BYTES)).toBe(TEXT)
    expect(fileText(Buffer.from(TEXT))).toBe(TEXT)
    const framed = new Uint8Array([120, ...BYTES, 121])
    expect(fileText(framed.subarray(1, framed.length - 1))).toBe(TEXT)
  })

  it('drops a byte-order mark, as decoding a text answer does', () => {
    expect(fileText(new Uint8Array([0xef, 0xbb, 0xbf, ...BYTES]))).toBe(TEXT)
  })

  it('decodes the JSON description of a file (base64 content)', () => {
    const content = Buffer.from(TEXT)
      .toString('base64')
      .replace(/.{60}/g, '$&\n')
    expect(
      fileText({ type: 'file', encoding: 'base64', content, name: 'x' })
    ).toBe(TEXT)
  })

  it('answers undefined for anything else (a directory listing, nothing)', () => {
    expect(fileText([{ name: 'a', type: 'file' }])).toBeUndefined()
    expect(fileText({ type: 'dir' })).toBeUndefined()
    expect(
      fileText({ type: 'file', encoding: 'none', content: '' })
    ).toBeUndefined()
    expect(fileText(undefined)).toBeUndefined()
    expect(fileText(null)).toBeUndefined()
  })
})
