/**
 * Hostile and broken input, as data: post sources, site configs and action
 * inputs that users (or pull requests) can write. Each case says what the
 * action must make of it: a message (and the file line where there is one),
 * never a crash. Tests: __tests__/hostile-input.test.ts (every case) and
 * __tests__/action.test.ts (a repository of many broken posts plus good
 * ones, run through the bundle).
 */

/** What a post source must come to. */
export type PostExpectation =
  /** The whole post is unreadable: one `invalid` row with this message. */
  | { kind: 'unreadable'; message: RegExp; line?: number }
  /**
   * The post is read; these rows come out in order (`invalid` rows carry
   * their message and line; `send` rows are pings the run would send).
   */
  | { kind: 'rows'; rows: Row[] }

export type Row =
  | { status: 'invalid'; message: RegExp; line?: number }
  | { status: 'send'; ping: string; line?: number }

export interface PostCase {
  name: string
  category: string
  text: string
  expect: PostExpectation
}

export interface ConfigCase {
  name: string
  category: string
  /** File name relative to the site root. */
  file: string
  text: string
  message: RegExp
  line?: number
}

export interface InputCase {
  name: string
  category: string
  inputs: Record<string, string>
  message: RegExp
}

/** A good ping URL the corpus posts also carry, to show they still send. */
export const GOOD_PING = 'https://good.example.org/trackback/1'

const yaml = (...lines: string[]): string =>
  ['---', 'title: Broken', ...lines, '---', 'Body text.', ''].join('\n')
const expected = /Expected an http\(s\) ping URL or an arXiv id/

function invalid(message: RegExp, line?: number): Row {
  return line === undefined
    ? { status: 'invalid', message }
    : { status: 'invalid', message, line }
}

function send(ping: string, line?: number): Row {
  return line === undefined
    ? { status: 'send', ping }
    : { status: 'send', ping, line }
}

// ── Unterminated or invalid YAML front matter ────────────────────────────
const brokenYaml: Array<[string, string[], RegExp, number | undefined]> = [
  // An unclosed quote or bracket runs on to the end of the front matter,
  // where the parser places it; the message points where it opened.
  [
    'unclosed single quote',
    ["title2: 'A"],
    /single-quoted value opens on this line and is never closed/,
    3
  ],
  [
    'unclosed double quote',
    ['title2: "A'],
    /double-quoted value opens on this line and is never closed/,
    3
  ],
  [
    'unclosed flow sequence',
    ['trackback: [a, b'],
    /list opened with \[ on this line is never closed/,
    3
  ],
  [
    'unclosed flow map',
    ['trackback: {a: b'],
    /map opened with \{ on this line is never closed/,
    3
  ],
  ['tab indentation', ['\ttrackback: x'], /indented with a tab/, 3],
  ['tab before list item', ['trackback:', '\t- x'], /Tabs|tab/i, 4],
  ['bad indentation', ['trackback:', '  - a', ' - b'], /YAML/, 5],
  ['key with no value indentation', ['a:', '  b: 1', ' c: 2'], /YAML/, 5],
  ['unknown alias', ['trackback: *nowhere'], /unknown alias \*nowhere/, 3],
  ['map as key', ['? [a]', ': b'], /keys must be plain values|YAML/, 3],
  ['compact nested mapping', ['a: b: c'], /YAML/, 3],
  ['extra closing bracket', ['a: [1, 2]]'], /YAML/, 3],
  ['text after a quoted value', ['a: "x" y'], /YAML/, 3],
  ['unterminated block scalar indicator', ['a: |x'], /YAML/, 3],
  ['bad escape in double quotes', ['a: "\\q"'], /YAML/, 3],
  ['lone closing bracket', ['a: ]'], /YAML/, 3],
  ['lone closing brace', ['a: }'], /YAML/, 3],
  ['two anchors on one node', ['a: &x &y 1'], /YAML|anchor/i, 3],
  ['list at top level', ['- a', '- b'], /YAML|mapping/, 3],
  ['reserved indicator @', ['a: @x'], /YAML|reserved/i, 3],
  ['reserved indicator backtick', ['a: `x'], /YAML|reserved/i, 3]
]

// Front matter that is not a mapping at all.
const notAMapping: Array<[string, string, RegExp]> = [
  ['a bare string', '---\njust text\n---\nBody\n', /must be a YAML mapping/],
  ['a number', '---\n42\n---\nBody\n', /must be a YAML mapping/],
  ['a list', '---\n- a\n- b\n---\nBody\n', /must be a YAML mapping/]
]

// ── TOML ──────────────────────────────────────────────────────────────────
const brokenToml: Array<[string, string[], RegExp, number | undefined]> = [
  ['unterminated string', ["title = 'A"], /Invalid TOML/, 2],
  ['missing value', ['title ='], /Invalid TOML/, 2],
  ['bare word value', ['title = hello'], /Invalid TOML/, 2],
  ['duplicate key', ["title = 'a'", "title = 'b'"], /Invalid TOML/, 3],
  ['unclosed array', ["trackback = ['a'"], /Invalid TOML/, undefined],
  ['unclosed table header', ['[params'], /Invalid TOML/, 2],
  ['bad date', ['date = 2026-13-45'], /Invalid TOML/, 2],
  ['key without equals', ['title'], /Invalid TOML/, 2],
  ['two values on a line', ['a = 1 b = 2'], /Invalid TOML/, 2],
  [
    'redefined table',
    ['[a]', 'x = 1', '[a]', 'y = 2'],
    /Invalid TOML/,
    undefined
  ]
]

// ── JSON ──────────────────────────────────────────────────────────────────
const brokenJson: Array<[string, string, RegExp, number | undefined]> = [
  [
    'no closing brace',
    '{\n"title": "A",\n"trackback": [\n',
    /no matching '\}'/,
    1
  ],
  [
    'trailing comma',
    '{\n"title": "A",\n"trackback": ["x",]\n}\nBody\n',
    /Invalid JSON/,
    undefined
  ],
  ['single quotes', "{\n'title': 'A'\n}\nBody\n", /Invalid JSON/, undefined],
  ['unquoted key', '{\ntitle: "A"\n}\nBody\n', /Invalid JSON/, undefined],
  [
    'missing comma',
    '{\n"title": "A"\n"x": 1\n}\nBody\n',
    /Invalid JSON/,
    undefined
  ],
  ['comment', '{\n// c\n"title": "A"\n}\nBody\n', /Invalid JSON/, undefined],
  [
    'bad literal',
    '{\n"title": undefined\n}\nBody\n',
    /Invalid JSON/,
    undefined
  ],
  ['NaN', '{\n"title": NaN\n}\nBody\n', /Invalid JSON/, undefined]
]

// ── Encodings and sizes ──────────────────────────────────────────────────
function encodings(): PostCase[] {
  const good = `trackback:\n  - ${GOOD_PING}\n  - javascript:alert(1)`
  const cases: PostCase[] = [
    {
      name: 'BOM before the front matter',
      category: 'encoding',
      text: `\ufeff---\ntitle: A\n${good}\n---\nBody\n`,
      expect: {
        kind: 'rows',
        rows: [send(GOOD_PING, 4), invalid(/javascript:/, 5)]
      }
    },
    {
      name: 'CRLF line ends',
      category: 'encoding',
      text: `---\r\ntitle: A\r\n${good.replaceAll('\n', '\r\n')}\r\n---\r\nBody\r\n`,
      expect: {
        kind: 'rows',
        rows: [send(GOOD_PING, 4), invalid(/javascript:/, 5)]
      }
    },
    {
      name: 'bare CR line ends',
      category: 'encoding',
      // Old Mac line ends: Jekyll sees no front matter, and neither do we.
      text: `---\rtitle: A\r${good.replaceAll('\n', '\r')}\r---\rBody\r`,
      expect: { kind: 'rows', rows: [] }
    },
    {
      name: 'NUL byte in the title',
      category: 'encoding',
      text: `---\ntitle: "A\u0000B"\n${good}\n---\nBody\n`,
      expect: {
        kind: 'rows',
        rows: [send(GOOD_PING, 4), invalid(/javascript:/, 5)]
      }
    },
    {
      name: 'NUL byte in the body',
      category: 'encoding',
      text: `---\ntitle: A\n${good}\n---\nBo\u0000dy\n`,
      expect: {
        kind: 'rows',
        rows: [send(GOOD_PING, 4), invalid(/javascript:/, 5)]
      }
    },
    {
      name: 'NUL byte in a target',
      category: 'encoding',
      text: yaml('trackback:', '  - "https://x.example.org/t\\0b"'),
      expect: { kind: 'rows', rows: [invalid(expected, 4)] }
    },
    {
      name: 'lone surrogate in the title',
      category: 'encoding',
      text: `---\ntitle: "\\uD800"\n${good}\n---\nBody\n`,
      expect: {
        kind: 'rows',
        rows: [send(GOOD_PING, 4), invalid(/javascript:/, 5)]
      }
    },
    {
      name: 'tabs in the body',
      category: 'encoding',
      text: `---\ntitle: A\n${good}\n---\n\tindented\tbody\n`,
      expect: {
        kind: 'rows',
        rows: [send(GOOD_PING, 4), invalid(/javascript:/, 5)]
      }
    },
    {
      name: 'empty file',
      category: 'encoding',
      text: '',
      expect: { kind: 'rows', rows: [] }
    },
    {
      name: 'only the opening marker',
      category: 'encoding',
      text: '---\n',
      expect: { kind: 'unreadable', message: /never closed/, line: 1 }
    },
    {
      name: 'empty front matter',
      category: 'encoding',
      text: '---\n---\nBody\n',
      expect: { kind: 'rows', rows: [] }
    },
    {
      name: '5 MB body after good front matter',
      category: 'size',
      text: `---\ntitle: A\n${good}\n---\n${'word '.repeat(1024 * 1024)}\n`,
      expect: {
        kind: 'rows',
        rows: [send(GOOD_PING, 4), invalid(/javascript:/, 5)]
      }
    },
    {
      name: '5 MB front matter',
      category: 'size',
      text: `---\ntitle: A\nfiller: "${'x'.repeat(5 * 1024 * 1024)}"\n---\nBody\n`,
      expect: { kind: 'unreadable', message: /Front matter is too large/ }
    },
    {
      name: '5 MB single line, no front matter end',
      category: 'size',
      text: `---\n${'y'.repeat(5 * 1024 * 1024)}`,
      expect: { kind: 'unreadable', message: /never closed|too large/ }
    },
    {
      name: 'deeply nested lists',
      category: 'size',
      text: yaml(`deep: ${'['.repeat(500)}${']'.repeat(500)}`),
      expect: { kind: 'unreadable', message: /nested more than|YAML/ }
    },
    {
      name: 'billion laughs aliases',
      category: 'size',
      text: yaml(
        'a: &a ["x","x","x","x","x","x","x","x","x","x"]',
        'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]',
        'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]',
        'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]',
        'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]',
        'f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]',
        'g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f,*f]',
        'trackback: *g'
      ),
      expect: { kind: 'unreadable', message: /alias|YAML|too/i }
    }
  ]
  return cases
}

// ── `trackback:` of the wrong shape ──────────────────────────────────────
function shapes(): PostCase[] {
  const one = (value: string, message: RegExp, line = 3): PostCase => ({
    name: `trackback: ${value.slice(0, 40)}`,
    category: 'targets shape',
    text: yaml(`trackback: ${value}`),
    expect: { kind: 'rows', rows: [invalid(message, line)] }
  })
  const cases: PostCase[] = [
    one('42', /Invalid target '42'/),
    one('-1', /Invalid target '-1'/),
    one('3.14', /Invalid target '3.14'/),
    one('0x1F', /Invalid target/),
    one('.inf', /Invalid target/),
    one('true', /Invalid target 'true'/),
    one('no', /Invalid target 'no'/),
    one('2026-01-01', /Invalid target '2026-01-01'/),
    one('{a: 1}', /must be a string .* not a map/),
    one('{}', /must be a string .* not a map/),
    one('!!binary aGVsbG8=', /Invalid target|must be a string/),
    one('""', /Empty target/),
    one("' '", /Empty target/),
    one('x', /Invalid target 'x'/),
    {
      name: 'trackback: null',
      category: 'targets shape',
      text: yaml('trackback: null'),
      expect: { kind: 'rows', rows: [] }
    },
    {
      name: 'trackback: ~',
      category: 'targets shape',
      text: yaml('trackback: ~'),
      expect: { kind: 'rows', rows: [] }
    },
    {
      name: 'trackback: [] (empty list)',
      category: 'targets shape',
      text: yaml('trackback: []'),
      expect: { kind: 'rows', rows: [] }
    },
    {
      name: 'nested list among good targets',
      category: 'targets shape',
      text: yaml('trackback:', '  - [a, b]', `  - ${GOOD_PING}`),
      expect: {
        kind: 'rows',
        rows: [invalid(/not a list/, 4), send(GOOD_PING, 5)]
      }
    },
    {
      name: 'map entry among good targets',
      category: 'targets shape',
      text: yaml('trackback:', `  - ${GOOD_PING}`, '  - url: x'),
      expect: {
        kind: 'rows',
        rows: [send(GOOD_PING, 4), invalid(/not a map/, 5)]
      }
    },
    {
      name: 'null entry among good targets',
      category: 'targets shape',
      text: yaml('trackback:', '  -', `  - ${GOOD_PING}`),
      expect: {
        kind: 'rows',
        rows: [
          invalid(/Invalid target|Empty target|null/, 4),
          send(GOOD_PING, 5)
        ]
      }
    },
    {
      name: 'number entries in TOML',
      category: 'targets shape',
      text: `+++\ntitle = 'A'\ntrackback = [1, '${GOOD_PING}']\n+++\nBody\n`,
      expect: {
        kind: 'rows',
        rows: [
          invalid(/not a number\. Put it in quotes/, 3),
          send(GOOD_PING, 3)
        ]
      }
    },
    {
      name: 'table in TOML',
      category: 'targets shape',
      text: `+++\ntitle = 'A'\n[trackback]\nurl = 'x'\n+++\nBody\n`,
      expect: { kind: 'rows', rows: [invalid(/not a map/)] }
    },
    {
      name: 'number entries in JSON',
      category: 'targets shape',
      text: `{\n"title": "A",\n"trackback": [\n1,\n"${GOOD_PING}"\n]\n}\nBody\n`,
      expect: {
        kind: 'rows',
        rows: [invalid(/not a number/, 4), send(GOOD_PING, 5)]
      }
    },
    {
      name: 'object in JSON',
      category: 'targets shape',
      text: `{\n"title": "A",\n"trackback": {"a": 1}\n}\nBody\n`,
      expect: { kind: 'rows', rows: [invalid(/not a map/, 3)] }
    }
  ]
  // 10,000 entries: the first 100 are considered, the rest is one problem.
  const id = (i: number): string => `2101.${String(i).padStart(5, '0')}`
  cases.push({
    name: '10,000 arXiv entries',
    category: 'targets shape',
    text: yaml(
      'trackback:',
      ...Array.from({ length: 10_000 }, (_, i) => `  - ${id(i + 1)}`)
    ),
    expect: {
      kind: 'rows',
      rows: [
        ...Array.from({ length: 100 }, (_, i) =>
          send(`https://arxiv.org/trackback/${id(i + 1)}`, 4 + i)
        ),
        invalid(/only the first 100 of 10000 are used/, 104)
      ]
    }
  })
  // 10,000 long URLs are more front matter than is read at all.
  cases.push({
    name: '10,000 URL entries',
    category: 'targets shape',
    text: yaml(
      'trackback:',
      ...Array.from(
        { length: 10_000 },
        (_, i) => `  - https://host-${i}.example.org/trackback/${i}`
      )
    ),
    expect: { kind: 'unreadable', message: /Front matter is too large/ }
  })
  // The same URL 500 times: one ping (the cap counts entries as written).
  cases.push({
    name: 'one target repeated 500 times',
    category: 'targets shape',
    text: yaml(
      'trackback:',
      ...Array.from({ length: 500 }, () => `  - ${GOOD_PING}`)
    ),
    expect: {
      kind: 'rows',
      rows: [
        send(GOOD_PING, 4),
        invalid(/only the first 100 of 500 are used/, 104)
      ]
    }
  })
  return cases
}

// ── Targets that are not http(s) ping URLs ───────────────────────────────
const badSchemes: Array<[string, RegExp]> = [
  ['javascript:alert(1)', /not javascript:/],
  ['JAVASCRIPT:alert(1)', /not javascript:/],
  ['javascript://example.org/%0aalert(1)', /not javascript:/],
  ['file:///etc/passwd', /not file:/],
  ['file://localhost/etc/passwd', /not file:/],
  ['data:text/html,<script>x</script>', /not data:/],
  ['data:,hello', /not data:/],
  ['ftp://example.org/tb', /not ftp:/],
  ['gopher://example.org/', /not gopher:/],
  ['mailto:someone@example.org', /not mailto:/],
  ['ws://example.org/tb', /not ws:/],
  ['blob:https://example.org/1', /not blob:/],
  ['vbscript:msgbox(1)', /not vbscript:/],
  ['chrome://settings', /not chrome:/],
  ['ldap://example.org/', /not ldap:/],
  ['dict://example.org:11211/', /not dict:/],
  ['smb://example.org/share', /not smb:/],
  ['/relative/tb', expected],
  ['relative/tb', expected],
  ['./tb', expected],
  ['../tb', expected],
  ['//example.org/tb', expected],
  ['?p=1', expected],
  ['#frag', expected],
  ['example.org/tb', expected],
  ['www.example.org/tb', expected],
  ['http:/example.org/tb', /Invalid target|Expected/],
  ['http://', /Invalid target/],
  ['https://', /Invalid target/],
  ['http:// example.org/tb', /Invalid target/],
  ['http://exa mple.org/tb', /Invalid target/],
  ['http://[::1/tb', /Invalid target/],
  ['http://example.org:99999/tb', /Invalid target/],
  ['http://user:pass@example.org/tb', /credentials|Invalid target/],
  ['http://user@example.org/tb', /credentials|Invalid target/],
  [`https://example.org/${'a'.repeat(3000)}`, /too long/]
]

// ── IP literals and local names (refused at planning time) ───────────────
export const FORBIDDEN_HOSTS: string[] = [
  '127.0.0.1',
  '127.1',
  '127.0.1',
  '2130706433',
  '0x7f000001',
  '0x7f.1',
  '0x7f.0.0.1',
  '0177.0.0.1',
  '0177.0.0.01',
  '017700000001',
  '0x7F.0x00.0x00.0x01',
  '127.000.000.001',
  '0',
  '0.0.0.0',
  '10.0.0.1',
  '012.0.0.1',
  '0xa.0.0.1',
  '167772161',
  '172.16.0.1',
  '172.31.255.255',
  '192.168.0.1',
  '3232235521',
  '0xc0a80001',
  '169.254.169.254',
  '0xa9fea9fe',
  '2852039166',
  '0251.0376.0251.0376',
  '169.254.0.1',
  '100.64.0.1',
  '100.127.255.254',
  '224.0.0.1',
  '239.255.255.250',
  '255.255.255.255',
  '240.0.0.1',
  '[::1]',
  '[::]',
  '[0:0:0:0:0:0:0:1]',
  '[::ffff:127.0.0.1]',
  '[::ffff:7f00:1]',
  '[::ffff:10.0.0.1]',
  '[::ffff:169.254.169.254]',
  '[::ffff:a9fe:a9fe]',
  '[::127.0.0.1]',
  '[64:ff9b::7f00:1]',
  '[2002:7f00:1::]',
  '[fe80::1]',
  '[fc00::1]',
  '[fd12:3456:789a::1]',
  '[ff02::1]',
  '[fec0::1]',
  'localhost',
  'LOCALHOST',
  'localhost.',
  'api.localhost'
]

const badArxiv: Array<[string, RegExp]> = [
  ['arXiv:2101.0000', /5 digits after the dot/],
  ['arXiv:2101.000001', /Invalid target/],
  ['arXiv:9913.00001', /month 13/],
  ['arXiv:2100.00001', /month 00|month/],
  ['arXiv:0612.1234v', /Invalid target/],
  ['arXiv:1234', /Invalid target/],
  ['arXiv:', /Invalid target|Empty/],
  ['arXiv:abc', /Invalid target/],
  ['hep-xx/9901001', /not an arXiv archive/],
  ['hep-th/99010', /Invalid target/],
  ['hep-th/9913001', /month 13|Invalid target/],
  ['q-fin/0701001', /not an arXiv archive/],
  ['https://arxiv.org/abs/', /Invalid target/],
  ['https://arxiv.org/abs/2101.0000', /5 digits after the dot|Invalid target/],
  ['https://arxiv.org/abs/hep-xx/9901001', /Invalid target/],
  ['https://arxiv.org/pdf/9913.00001v2.pdf', /month 13|Invalid target/],
  ['arXiv:2101.00001v0', /Invalid target/],
  ['arXiv:2101.00001vx', /Invalid target/]
]

function targetCases(): PostCase[] {
  const cases: PostCase[] = []
  for (const [target, message] of badSchemes) {
    for (const style of ['block', 'single', 'flow'] as const) {
      const quoted = JSON.stringify(target)
      const text =
        style === 'block'
          ? yaml('trackback:', `  - ${quoted}`, `  - ${GOOD_PING}`)
          : style === 'single'
            ? yaml(`trackback: ${quoted}`)
            : yaml(`trackback: [${quoted}, "${GOOD_PING}"]`)
      const rows =
        style === 'block'
          ? [invalid(message, 4), send(GOOD_PING, 5)]
          : style === 'single'
            ? [invalid(message, 3)]
            : [invalid(message, 3), send(GOOD_PING, 3)]
      cases.push({
        name: `${style}: ${target.slice(0, 60)}`,
        category: 'target scheme',
        text,
        expect: { kind: 'rows', rows }
      })
    }
  }
  for (const host of FORBIDDEN_HOSTS) {
    for (const [scheme, port] of [
      ['http', ''],
      ['https', ':443']
    ] as const) {
      const url = `${scheme}://${host}${port}/trackback/1`
      cases.push({
        name: `address ${url}`,
        category: 'ip literal',
        text: yaml('trackback:', `  - ${GOOD_PING}`, `  - "${url}"`),
        expect: {
          kind: 'rows',
          rows: [
            send(GOOD_PING, 4),
            invalid(
              /private or special-purpose|local machine|Invalid target/,
              5
            )
          ]
        }
      })
    }
  }
  for (const port of ['22', '25', '6379', '8443', '3306', '11211']) {
    const url = `http://blog.example.org:${port}/tb`
    cases.push({
      name: `port ${port}`,
      category: 'port',
      text: yaml('trackback:', `  - ${url}`),
      expect: { kind: 'rows', rows: [invalid(new RegExp(`port ${port}`), 4)] }
    })
  }
  for (const [target, message] of badArxiv) {
    cases.push({
      name: `arXiv ${target}`,
      category: 'arxiv id',
      text: yaml('trackback:', `  - "${target}"`, '  - arXiv:2101.00001'),
      expect: {
        kind: 'rows',
        rows: [
          invalid(message, 4),
          send('https://arxiv.org/trackback/2101.00001', 5)
        ]
      }
    })
  }
  return cases
}

/** Every post case, named `<category>: <name>`. */
export function postCases(): PostCase[] {
  const cases: PostCase[] = []
  for (const [name, lines, message, line] of brokenYaml) {
    cases.push({
      name,
      category: 'yaml',
      text: yaml(...lines),
      expect: { kind: 'unreadable', message, ...(line ? { line } : {}) }
    })
  }
  // The same breakage with CRLF line ends: same message, same line.
  for (const [name, lines, message, line] of brokenYaml) {
    cases.push({
      name: `${name} (CRLF)`,
      category: 'yaml',
      text: yaml(...lines).replaceAll('\n', '\r\n'),
      expect: { kind: 'unreadable', message, ...(line ? { line } : {}) }
    })
  }
  for (const [name, text, message] of notAMapping) {
    cases.push({
      name,
      category: 'yaml',
      text,
      expect: { kind: 'unreadable', message, line: 2 }
    })
  }
  for (const [name, lines, message, line] of brokenToml) {
    cases.push({
      name,
      category: 'toml',
      text: ['+++', ...lines, '+++', 'Body', ''].join('\n'),
      expect: { kind: 'unreadable', message, ...(line ? { line } : {}) }
    })
  }
  cases.push({
    name: 'unterminated TOML front matter',
    category: 'toml',
    text: "+++\ntitle = 'A'\ntrackback = ['https://x.example.org/tb']\n",
    expect: {
      kind: 'unreadable',
      message: /'\+\+\+' on line 1 is never closed/,
      line: 1
    }
  })
  for (const [name, text, message, line] of brokenJson) {
    cases.push({
      name,
      category: 'json',
      text,
      expect: { kind: 'unreadable', message, ...(line ? { line } : {}) }
    })
  }
  cases.push({
    name: 'unterminated YAML front matter',
    category: 'yaml',
    text: '---\ntitle: A\ntrackback: https://x.example.org/tb\nBody\n',
    expect: {
      kind: 'unreadable',
      message: /'---' on line 1 is never closed/,
      line: 1
    }
  })
  cases.push(...encodings(), ...shapes(), ...targetCases())
  return cases
}

/** Broken site configuration: a problem at the file and line, never a crash. */
export function configCases(): ConfigCase[] {
  const cases: ConfigCase[] = []
  const jekyll: Array<[string, string, RegExp, number | undefined]> = [
    [
      'unclosed quote',
      "title: 'My blog\nurl: https://x.example.org\n",
      /Invalid YAML/,
      undefined
    ],
    [
      'tab indentation',
      'title: A\n\turl: https://x.example.org\n',
      /Invalid YAML/,
      2
    ],
    [
      'unclosed flow',
      'url: https://x.example.org\nexclude: [a, b\n',
      /Invalid YAML/,
      undefined
    ],
    [
      'bad alias',
      'url: https://x.example.org\ntitle: *nope\n',
      /Invalid YAML/,
      2
    ],
    [
      'duplicate key',
      'url: https://x.example.org\nurl: https://y.example.org\n',
      /Invalid YAML/,
      2
    ],
    [
      'unknown time zone',
      'url: https://x.example.org\ntimezone: Mars/Olympus\n',
      /Unknown time zone 'Mars\/Olympus'/,
      undefined
    ]
  ]
  for (const [name, text, message, line] of jekyll) {
    cases.push({
      name,
      category: '_config.yml',
      file: '_config.yml',
      text,
      message,
      ...(line ? { line } : {})
    })
  }
  const hugo: Array<[string, string, RegExp, number | undefined]> = [
    [
      'unclosed string',
      "baseURL = 'https://x.example.org\n",
      /Invalid TOML/,
      1
    ],
    ['bare value', 'baseURL = https://x.example.org\n', /Invalid TOML/, 1],
    ['duplicate key', "baseURL = 'a'\nbaseURL = 'b'\n", /Invalid TOML/, 2],
    [
      'unclosed table',
      "baseURL = 'https://x.example.org/'\n[params\n",
      /Invalid TOML/,
      2
    ],
    [
      'unknown time zone',
      "baseURL = 'https://x.example.org/'\ntimeZone = 'Nowhere/Land'\n",
      /Unknown time zone 'Nowhere\/Land'/,
      undefined
    ]
  ]
  for (const [name, text, message, line] of hugo) {
    cases.push({
      name,
      category: 'hugo.toml',
      file: 'hugo.toml',
      text,
      message,
      ...(line ? { line } : {})
    })
  }
  cases.push({
    name: 'hugo.json trailing comma',
    category: 'hugo.json',
    file: 'hugo.json',
    text: '{\n"baseURL": "https://x.example.org/",\n}\n',
    message: /Invalid JSON/
  })
  cases.push({
    name: 'hugo.yaml tab',
    category: 'hugo.yaml',
    file: 'hugo.yaml',
    text: 'baseURL: https://x.example.org/\n\ttitle: x\n',
    message: /Invalid YAML/,
    line: 2
  })
  return cases
}

/** Invalid action inputs: the step fails naming the input and the expected form. */
export function inputCases(): InputCase[] {
  const numeric: Array<[string, string[]]> = [
    ['timeout', ['-1', '0', 'abc', '1e3x', '', ' ', 'Infinity', 'NaN']],
    ['max-age', ['-1', 'x', '--3']],
    ['max-pings', ['-1', '1.5', 'lots']],
    ['retries', ['-1', '2.5', 'x']],
    ['host-delay', ['-1', 'soon']],
    ['concurrency', ['0', '-2', '1.5']],
    ['max-attempts', ['0', '-1', '2.2']],
    ['run-timeout', ['0', '-5', 'x']]
  ]
  const cases: InputCase[] = []
  for (const [input, values] of numeric) {
    for (const value of values) {
      if (value.trim() === '') continue
      cases.push({
        name: `${input}: ${value}`,
        category: 'inputs',
        inputs: { [input]: value },
        message: new RegExp(`Invalid input '${input}': '${escape(value)}'`)
      })
    }
  }
  for (const value of ['maybe', 'yes', '1', 'on', 'enable']) {
    cases.push({
      name: `dry-run: ${value}`,
      category: 'inputs',
      inputs: { 'dry-run': value },
      message: new RegExp(`Invalid input 'dry-run': '${value}'`)
    })
  }
  for (const input of ['allow-private-networks', 'fail-on-error']) {
    for (const value of ['maybe', '2', 'nope']) {
      cases.push({
        name: `${input}: ${value}`,
        category: 'inputs',
        inputs: { [input]: value },
        message: new RegExp(`Invalid input '${input}': '${value}'`)
      })
    }
  }
  for (const value of [
    'ftp://x.example.org',
    'javascript:alert(1)',
    'not a url'
  ]) {
    cases.push({
      name: `site-url: ${value}`,
      category: 'inputs',
      inputs: { 'site-url': value },
      message: /Invalid input 'site-url'/
    })
  }
  for (const value of ['../outside', '/etc']) {
    cases.push({
      name: `working-directory: ${value}`,
      category: 'inputs',
      inputs: { 'working-directory': value },
      message: /Invalid input 'working-directory'/
    })
  }
  for (const value of ['a,b', 'with space', 'ünïcode']) {
    cases.push({
      name: `cache-key: ${value}`,
      category: 'inputs',
      inputs: { 'cache-key': value },
      message: /Invalid input 'cache-key'/
    })
  }
  return cases
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
