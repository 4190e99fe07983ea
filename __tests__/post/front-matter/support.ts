/** Shared by the front-matter tests: the error a parse throws. */
import { expect } from '@jest/globals'
import {
  FrontMatterError,
  parseFrontMatter
} from '../../../src/post/front-matter/index.js'
import type { FrontMatterOptions } from '../../../src/post/front-matter/index.js'

/** The FrontMatterError a parse throws, or a failure if it throws none. */
export function errorOf(
  text: string,
  options?: FrontMatterOptions
): FrontMatterError {
  try {
    parseFrontMatter(text, options)
  } catch (error) {
    expect(error).toBeInstanceOf(FrontMatterError)
    return error as FrontMatterError
  }
  throw new Error('expected parseFrontMatter to throw')
}

/** Expect parsing `text` to fail with this message, on this line. */
export function expectError(
  text: string,
  line: number | undefined,
  message: RegExp
): void {
  const error = errorOf(text)
  expect(error.message).toMatch(message)
  expect(error.line).toBe(line)
  expect(error.name).toBe('FrontMatterError')
}
