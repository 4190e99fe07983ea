/**
 * The README's "Try it on your own blog, locally" recipe, run as written:
 * its receiver (scripts/receiver.mjs on the README's port), then its
 * commands in a fresh Jekyll repository, through bash, with the
 * `trackback-action` command standing for the bundled CLI (what
 * `npm install -g` of a clone installs) and a loopback blog server standing
 * in for `jekyll serve`.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { spawn, type ChildProcess } from 'node:child_process'
import {
  chmodSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import {
  postPage,
  startBlogServer,
  type BlogServer
} from '../../scripts/peers/blog-server.mjs'
import { makeRepo, type TempRepo } from '../support/repo.js'

const README = readFileSync('README.md', 'utf8')

/** The `sh` blocks of the section under `heading`. */
function shBlocks(heading: string): string[] {
  const start = README.indexOf(`### ${heading}`)
  const end = README.indexOf('\n#', start + 4)
  const section = README.slice(start, end === -1 ? undefined : end)
  return [...section.matchAll(/^```sh\n([\s\S]*?)^```$/gm)].map(
    (m) => m[1] ?? ''
  )
}

describe("the README's local recipe, as written", () => {
  const [setup = '', commands = ''] = shBlocks(
    'Try it on your own blog, locally'
  )
  let blog: BlogServer
  let repo: TempRepo
  let bin: string
  let receiver: ChildProcess
  let received = ''

  beforeAll(async () => {
    // The receiver line of the first block, with the clone at this checkout.
    const line = setup.split('\n').find((l) => l.includes('receiver.mjs')) ?? ''
    const [, script = '', port = '8808'] =
      /node (\S+receiver\.mjs)(?: (\d+))?/.exec(line) ?? []
    expect(script).toBe('~/trackback-action/scripts/receiver.mjs')
    receiver = spawn(process.execPath, ['scripts/receiver.mjs', port])
    await new Promise<void>((resolve, reject) => {
      receiver.stdout?.on('data', (chunk: Buffer) => {
        received += chunk.toString()
        if (received.includes('Ctrl-C')) resolve()
      })
      receiver.on('exit', (code) =>
        reject(new Error(`receiver exited ${code}`))
      )
    })
    blog = await startBlogServer()
    repo = makeRepo()
    repo.write('_config.yml', 'title: My Notes\ntimezone: UTC\n')
    repo.write('_posts/.keep', '')
    repo.commit('a Jekyll blog')
    // `trackback-action` on the PATH, as `npm install -g` of a clone makes it.
    bin = mkdtempSync(path.join(tmpdir(), 'trackback-bin-'))
    const shim = path.join(bin, 'trackback-action')
    writeFileSync(
      shim,
      `#!/bin/sh\nexec "${process.execPath}" "${path.resolve('dist/cli.js')}" "$@"\n`
    )
    chmodSync(shim, 0o755)
    const today = new Date().toISOString().slice(0, 10).replaceAll('-', '/')
    blog.setPage(`/${today}/trial.html`, postPage('A trial', []))
  })

  afterAll(async () => {
    receiver?.kill()
    await blog?.close()
    repo?.cleanup()
    rmSync(bin, { recursive: true, force: true })
  })

  /** Wait until the receiver has printed a line like `pattern`. */
  const printed = async (pattern: RegExp): Promise<void> => {
    for (let i = 0; i < 50 && !pattern.test(received); i++) {
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    expect(received).toMatch(pattern)
  }

  /** Run a script as bash does (async: the blog server answers meanwhile). */
  const run = (
    script: string
  ): Promise<{ status: number | null; stdout: string; stderr: string }> =>
    new Promise((resolve, reject) => {
      const child = spawn(
        'bash',
        ['--noprofile', '--norc', '-e', '-c', script],
        {
          cwd: repo.dir,
          env: {
            PATH: `${bin}:${process.env.PATH ?? ''}`,
            HOME: process.env.HOME ?? ''
          }
        }
      )
      let stdout = ''
      let stderr = ''
      child.stdout.on('data', (c: Buffer) => (stdout += c.toString()))
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString()))
      child.on('error', reject)
      child.on('close', (status) => resolve({ status, stdout, stderr }))
    })

  it('sends one ping to the receiver, and a second send sends nothing', async () => {
    expect(commands).toContain('http://127.0.0.1:4000')
    // The blog server stands in for `jekyll serve` at that address.
    const script = commands.replaceAll('http://127.0.0.1:4000', blog.url)
    const first = await run(script)
    expect(first.stderr).not.toMatch(/error/i)
    expect(first.status).toBe(0)
    expect(first.stdout).toMatch(/1 ping\(s\) would be sent, 0 invalid/)
    expect(first.stdout).toMatch(/Nothing was sent \(--dry-run\)/)
    expect(first.stdout).toMatch(/1 sent, 0 failed or invalid/)
    await printed(/POST \/trackback\/1: accepted\n {2}"A trial"/)

    const last = commands.trim().split('\n').at(-1) ?? ''
    const again = await run(last.replaceAll('http://127.0.0.1:4000', blog.url))
    expect(again.status).toBe(0)
    expect(again.stdout).toMatch(/0 sent/)
    // The receiver prints what it got every 200 ms: two rounds.
    await new Promise((resolve) => setTimeout(resolve, 400))
    expect(received.match(/POST \/trackback\/1/g)).toHaveLength(1)
  })
})
