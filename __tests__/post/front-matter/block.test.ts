import { describe, expect, it } from '@jest/globals'
import {
  checkBracketDepth,
  countLines,
  delimitedBlock,
  entriesWithoutLines,
  lineAt,
  TOML_DELIMITER,
  withoutBom,
  YAML_CLOSER,
  YAML_OPENER
} from '../../../src/post/front-matter/block.js'
import type { Block } from '../../../src/post/front-matter/block.js'
import { FrontMatterError } from '../../../src/post/front-matter/index.js'
import {
  MAX_FRONT_MATTER_DEPTH,
  MAX_FRONT_MATTER_LENGTH
} from '../../../src/constants.js'

/** The FrontMatterError a call throws. */
function thrown(run: () => unknown): FrontMatterError {
  try {
    run()
  } catch (error) {
    expect(error).toBeInstanceOf(FrontMatterError)
    return error as FrontMatterError
  }
  throw new Error('expected a FrontMatterError')
}

describe('delimiter lines', () => {
  it.each([
    [YAML_OPENER, '---', true],
    [YAML_OPENER, '--- \t', true],
    [YAML_OPENER, '...', false],
    [YAML_OPENER, '----', false],
    [YAML_CLOSER, '---', true],
    [YAML_CLOSER, '... ', true],
    [YAML_CLOSER, '+++', false],
    [TOML_DELIMITER, '+++\t', true],
    [TOML_DELIMITER, '++++', false]
  ])('%s on %p: %p', (pattern, line, matches) => {
    expect(pattern.test(line)).toBe(matches)
  })
})

describe('withoutBom', () => {
  it('drops one leading BOM only', () => {
    expect(withoutBom('\uFEFF---')).toBe('---')
    expect(withoutBom('\uFEFF\uFEFFx')).toBe('\uFEFFx')
    expect(withoutBom('x\uFEFF')).toBe('x\uFEFF')
  })
})

describe('lineAt and countLines', () => {
  it.each([
    ['a\nb', 0, { start: 0, contentEnd: 1, next: 2 }],
    ['a\r\nb', 0, { start: 0, contentEnd: 1, next: 3 }],
    ['a\r\nb', 3, { start: 3, contentEnd: 4, next: 4 }],
    ['\r\n', 0, { start: 0, contentEnd: 0, next: 2 }],
    ['\n', 0, { start: 0, contentEnd: 0, next: 1 }],
    ['', 0, { start: 0, contentEnd: 0, next: 0 }]
  ])('lineAt(%j, %p)', (text, start, line) => {
    expect(lineAt(text, start)).toEqual(line)
  })

  it.each([
    ['a\nb\nc', 0, 1],
    ['a\nb\nc', 1, 1],
    ['a\nb\nc', 2, 2],
    ['a\nb\nc', 4, 3],
    ['a\nb\nc', 99, 3]
  ])('countLines(%j, %p) is %p', (text, offset, line) => {
    expect(countLines(text, offset)).toBe(line)
  })
})

describe('delimitedBlock', () => {
  const block = (
    text: string,
    closer = YAML_CLOSER,
    delimiter = '---'
  ): Block => delimitedBlock(text, lineAt(text, 0), closer, delimiter)

  it('gives the block with LF line ends, its lines and the body', () => {
    expect(block('---\r\na: 1\r\nb: 2\r\n...\r\nBody\r\n')).toEqual({
      source: 'a: 1\nb: 2\n',
      firstLine: 2,
      body: 'Body\r\n',
      bodyLine: 5
    })
  })

  it('ignores lines that only start like a closer', () => {
    expect(block('+++\na = "+++x"\n+++ \n', TOML_DELIMITER, '+++')).toEqual({
      source: 'a = "+++x"\n',
      firstLine: 2,
      body: '',
      bodyLine: 4
    })
  })

  it.each([
    ['---\na: 1\n', YAML_CLOSER, '---', "'---' or '...'"],
    ['+++\na = 1\n---\n', TOML_DELIMITER, '+++', "'+++'"]
  ])('refuses an unclosed block: %j', (text, closer, delimiter, closers) => {
    const error = thrown(() => block(text, closer, delimiter))
    expect(error.message).toBe(
      `Front matter opened with '${delimiter}' on line 1 is never closed: ` +
        `expected a line with only ${closers} after it.`
    )
    expect(error.line).toBe(1)
  })

  it('refuses a block over the size cap, not one at it', () => {
    const at = `---\n${'x'.repeat(MAX_FRONT_MATTER_LENGTH - 1)}\n---\n`
    expect(block(at).source.length).toBe(MAX_FRONT_MATTER_LENGTH)
    const over = `---\n${'x'.repeat(MAX_FRONT_MATTER_LENGTH)}\n---\n`
    const error = thrown(() => block(over))
    expect(error.message).toMatch(
      `too large (${MAX_FRONT_MATTER_LENGTH + 1} characters; at most ` +
        `${MAX_FRONT_MATTER_LENGTH})`
    )
    expect(error.line).toBe(1)
  })
})

describe('checkBracketDepth', () => {
  it('accepts nesting up to the cap, closers included', () => {
    const deepest = '['.repeat(MAX_FRONT_MATTER_DEPTH)
    expect(() => checkBracketDepth(deepest, 1)).not.toThrow()
    const again = `${'{'.repeat(MAX_FRONT_MATTER_DEPTH)}${'}'.repeat(MAX_FRONT_MATTER_DEPTH)}[`
    expect(() => checkBracketDepth(again, 1)).not.toThrow()
  })

  it('does not let stray closers lower the count below zero', () => {
    const text = `${']'.repeat(10)}${'['.repeat(MAX_FRONT_MATTER_DEPTH + 1)}`
    expect(() => checkBracketDepth(text, 1)).toThrow(FrontMatterError)
  })

  it('refuses deeper nesting at its file line', () => {
    const text = `a\nb\n${'['.repeat(MAX_FRONT_MATTER_DEPTH + 1)}`
    const error = thrown(() => checkBracketDepth(text, 2))
    expect(error.message).toBe(
      `Front matter is nested more than ${MAX_FRONT_MATTER_DEPTH} levels deep.`
    )
    expect(error.line).toBe(4)
  })
})

describe('entriesWithoutLines', () => {
  it.each([
    [null, []],
    [undefined, []],
    ['a', [{ value: 'a' }]],
    [
      ['a', null],
      [{ value: 'a' }, { value: null }]
    ],
    [{ k: 1 }, [{ value: { k: 1 } }]]
  ])('%p', (value, entries) => {
    expect(entriesWithoutLines(value)).toEqual(entries)
  })
})
