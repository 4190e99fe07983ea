import { describe, expect, it } from '@jest/globals'
import { parseConfigText } from '../../src/site/config-file.js'

describe('parseConfigText', () => {
  it('reads YAML 1.1, keeping timestamps as strings', () => {
    expect(
      parseConfigText(
        'a: 2021-03-04\nb: yes\nc: 2021-03-04 10:00:00 +01:00\n',
        'yaml',
        'f'
      )
    ).toEqual({
      data: { a: '2021-03-04', b: true, c: '2021-03-04 10:00:00 +01:00' }
    })
  })

  it.each<[string, 'yaml' | 'toml' | 'json', number, RegExp]>([
    ['title: x\nurl: [oops\n', 'yaml', 3, /Invalid YAML/],
    ['title = "x"\nbaseURL = \n', 'toml', 2, /Invalid TOML/],
    ['{\n  "title": "x",\n}\n', 'json', 3, /Invalid JSON/]
  ])('reports %j (%s) at line %d', (text, format, line, message) => {
    const { problem } = parseConfigText(text, format, 'cfg')
    expect(problem?.file).toBe('cfg')
    expect(problem?.line).toBe(line)
    expect(problem?.message).toMatch(message)
  })
})
