import { describe, expect, it } from '@jest/globals'
import {
  arxivId,
  arxivIdOfPing,
  arxivPingUrl,
  parseArxiv
} from '../../src/post/arxiv.js'
import { resolveTarget } from '../../src/post/targets.js'

const EXPECTED =
  'Expected an http(s) ping URL or an arXiv id such as arXiv:2101.00001.'

describe('arxivId', () => {
  it.each([
    ['arXiv:2101.00001', '2101.00001'],
    ['arxiv:2101.00001v2', '2101.00001'],
    ['ARXIV: 2101.00001', '2101.00001'],
    ['arXiv : 2101.00001v12', '2101.00001'],
    ['  arXiv:2101.00001  ', '2101.00001'],
    ['arXiv:2101.00001 [hep-th]', '2101.00001'],
    ['arXiv:2101.00001v3 [cond-mat.mes-hall]', '2101.00001'],
    ['2101.00001', '2101.00001'],
    ['2101.00001V2', '2101.00001'],
    ['0704.0001', '0704.0001'],
    ['1412.9999', '1412.9999'],
    ['1501.00001', '1501.00001'],
    ['9912.99999', '9912.99999'],
    ['hep-th/9901001', 'hep-th/9901001'],
    ['hep-th/9901001v2', 'hep-th/9901001'],
    ['arXiv:hep-th/9901001v2', 'hep-th/9901001'],
    ['math.GT/0309136', 'math/0309136'],
    ['arXiv:math.GT/0309136v1', 'math/0309136'],
    ['cs.AI/0101001', 'cs/0101001'],
    ['HEP-TH/9901001', 'hep-th/9901001'],
    ['astro-ph/9108001', 'astro-ph/9108001'],
    ['cond-mat/0703999', 'cond-mat/0703999'],
    ['q-bio/0601001', 'q-bio/0601001'],
    ['https://arxiv.org/abs/2101.00001', '2101.00001'],
    ['https://arxiv.org/abs/2101.00001v2', '2101.00001'],
    ['https://arxiv.org/pdf/2101.00001v2', '2101.00001'],
    ['https://arxiv.org/pdf/2101.00001v2.pdf', '2101.00001'],
    ['https://arxiv.org/pdf/2101.00001.pdf', '2101.00001'],
    ['https://arxiv.org/abs/2101.00001/', '2101.00001'],
    ['http://arxiv.org/abs/2101.00001', '2101.00001'],
    ['https://www.arxiv.org/abs/2101.00001', '2101.00001'],
    ['http://export.arxiv.org/abs/2101.00001v1', '2101.00001'],
    ['https://ARXIV.org/abs/2101.00001', '2101.00001'],
    ['https://arxiv.org/trackback/2101.00001', '2101.00001'],
    ['https://arxiv.org/tb/2101.00001', '2101.00001'],
    ['https://arxiv.org/html/2101.00001v2', '2101.00001'],
    ['https://arxiv.org/abs/2101.00001?context=hep-th', '2101.00001'],
    ['https://arxiv.org/abs/2101.00001v2#S3', '2101.00001'],
    ['https://arxiv.org/abs/hep-th/9901001v2', 'hep-th/9901001'],
    ['https://arxiv.org/abs/math.GT/0309136', 'math/0309136'],
    ['https://arxiv.org/pdf/hep-th/9901001.pdf', 'hep-th/9901001'],
    ['https://arxiv.org/abs/arXiv:2101.00001', '2101.00001'],
    ['arxiv.org/abs/2101.00001', '2101.00001'],
    ['www.arxiv.org/pdf/2101.00001v1', '2101.00001']
  ])('%s → %s', (text, id) => {
    expect(arxivId(text)).toBe(id)
  })

  it.each([
    ['arXiv:2113.00001', 'month 13'],
    ['arXiv:2100.00001', 'month 00'],
    ['2113.00001', 'month 13'],
    ['arXiv:foo', 'not an arXiv id'],
    ['arXiv:', 'not an arXiv id'],
    ['arXiv:0703.0001', 'April 2007'],
    ['arXiv:1412.00001', '4 digits'],
    ['arXiv:1501.0001', '5 digits'],
    ['arXiv:2101.000001', '5 digits'],
    ['arXiv:2101.00000', 'start at 1'],
    ['arXiv:2101.00001v0', 'start at v1'],
    ['arXiv:foo-th/9901001', "'foo-th' is not an arXiv archive"],
    ['stat/0601001', "'stat' is not an arXiv archive"],
    ['hep-th/99010011', '7 digits'],
    ['hep-th/990100', '7 digits'],
    ['hep-th/9913001', 'month 13'],
    ['hep-th/9107001', '9108'],
    ['hep-th/0704001', '0703'],
    ['hep-th/9901000', 'start at 1'],
    ['https://arxiv.org/abs/2113.00001', 'month 13'],
    ['https://arxiv.org/abs/foo', 'not an arXiv id'],
    ['https://arxiv.org/list/hep-th/new', 'does not name a paper'],
    ['https://arxiv.org/', 'does not name a paper']
  ])('%s is an invalid arXiv reference (%s)', (text, problem) => {
    expect(arxivId(text)).toBeUndefined()
    const target = resolveTarget(text)
    expect(target.ping).toBeUndefined()
    expect(target.arxivId).toBeUndefined()
    expect(target.error).toContain(problem)
    expect(target.error).toContain(EXPECTED)
  })

  it.each([
    'https://example.org/abs/2101.00001',
    'https://arxiv.org.evil.example/abs/2101.00001',
    'https://notarxiv.org/abs/2101.00001',
    'ftp://arxiv.org/abs/2101.00001',
    'https://user@arxiv.org/abs/2101.00001',
    'foo',
    '2101',
    '2101.00001.5',
    'arxiv 2101.00001x',
    ''
  ])('%s names no arXiv paper', (text) => {
    expect(arxivId(text)).toBeUndefined()
  })
})

describe('an arXiv id written without its colon', () => {
  it.each([
    ['arxiv 2101.00001', 'arXiv:2101.00001'],
    ['arXiv 2101.00001', 'arXiv:2101.00001'],
    ['ARXIV  2101.00001v2', 'arXiv:2101.00001v2'],
    ['arXiv2101.00001', 'arXiv:2101.00001'],
    ['arXiv 2101.00001 [hep-th]', 'arXiv:2101.00001'],
    ['arxiv hep-th/9901001', 'arXiv:hep-th/9901001']
  ])('%s is not a URL: it suggests %s', (text, suggestion) => {
    expect(arxivId(text)).toBeUndefined()
    expect(resolveTarget(text).error).toBe(
      `Invalid target '${text.trim()}': this is not a URL; to name the ` +
        `arXiv paper, write ${suggestion} (with a colon). ${EXPECTED}`
    )
  })

  it('says what is wrong with an id that is not valid either', () => {
    expect(resolveTarget('arxiv 2113.00001').error).toBe(
      "Invalid target 'arxiv 2113.00001': month 13 in the arXiv id does not " +
        `exist (YYMM: 01 to 12). ${EXPECTED}`
    )
  })

  it.each([
    'arxiv:2101.00001 ',
    'arXiv: 2101.00001',
    ' arxiv : 2101.00001',
    '2101.00001'
  ])('%p, with the colon or as a bare id, is a paper', (text) => {
    expect(resolveTarget(text)).toMatchObject({
      ping: 'https://arxiv.org/trackback/2101.00001',
      arxivId: '2101.00001'
    })
  })

  it('leaves arxiv.org addresses to the URL reader', () => {
    expect(resolveTarget('arxiv.org/abs/2101.00001').arxivId).toBe('2101.00001')
  })
})

describe('arxivPingUrl', () => {
  it.each([
    ['2101.00001', 'https://arxiv.org/trackback/2101.00001'],
    ['hep-th/9901001', 'https://arxiv.org/trackback/hep-th/9901001']
  ])('%s → %s', (id, url) => {
    expect(arxivPingUrl(id)).toBe(url)
  })
})

describe('arxivIdOfPing', () => {
  it.each([
    ['https://arxiv.org/trackback/2101.00001', '2101.00001'],
    ['https://arxiv.org/trackback/hep-th/9901001', 'hep-th/9901001'],
    ['https://x.org/trackback/2101.00001', undefined]
  ])('%p', (ping, id) => expect(arxivIdOfPing(ping)).toBe(id))
})

describe('parseArxiv', () => {
  it.each([
    ['arXiv:2101.00001v2', { id: '2101.00001' }],
    ['math.GT/0309136', { id: 'math/0309136' }],
    ['https://arxiv.org/abs/hep-th/9901001', { id: 'hep-th/9901001' }],
    ['https://example.org/tb', undefined],
    ['foo', undefined],
    // arxivId trims; parseArxiv takes text already trimmed.
    [' arXiv:2101.00001', undefined]
  ])('%s → %p', (text, result) => {
    expect(parseArxiv(text)).toEqual(result)
  })

  it.each([
    ['arXiv:2113.00001', 'month 13 in the arXiv id does not exist'],
    ['https://arxiv.org/list/hep-th/new', 'does not name a paper'],
    [`arXiv:${'x'.repeat(100)}`, `'${'x'.repeat(60)}…' is not an arXiv id`]
  ])('%s is an error (%s)', (text, problem) => {
    const result = parseArxiv(text)
    expect(result).toEqual({ error: expect.stringContaining(problem) })
  })
})

describe('arxivIdOfPing inverts arxivPingUrl', () => {
  it.each(['2101.00001', 'hep-th/9901001'])('%s', (id) => {
    expect(arxivIdOfPing(arxivPingUrl(id))).toBe(id)
  })
})
