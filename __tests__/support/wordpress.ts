/**
 * A throwaway Debian WordPress on a loopback address of its own
 * (scripts/wordpress/start.sh), and a way to read the comments it stored.
 */
import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import * as path from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)
const SCRIPTS = path.resolve('scripts/wordpress')

/** A post of the test site. */
export interface WordPressPost {
  id: number
  title: string
  pings: 'open' | 'closed'
  /** The post's page. */
  link: string
  /** The ping URL WordPress advertises for it. */
  trackback: string
}

/** A comment as stored in wp_comments. */
export interface WordPressComment {
  id: number
  post: number
  type: string
  author: string
  url: string
  ip: string
  content: string
  approved: string
}

/** One request as php -S logged it. */
export interface WordPressRequest {
  status: number
  method: string
  path: string
}

export interface WordPress {
  url: string
  version: string
  posts: WordPressPost[]
  /** Seconds start.sh took (packages present, site installed). */
  startSeconds: number
  comments(): Promise<WordPressComment[]>
  trackbacks(): Promise<WordPressComment[]>
  /**
   * Make a post's page embed TrackBack RDF (needs the test-only
   * trackback-rdf.php mu-plugin, see `startWordPress`'s `muPlugins`).
   */
  embedRdf(post: number): Promise<void>
  /** Approve a held comment, as a moderator would. */
  approve(id: number): Promise<void>
  /** Every request the server has answered so far, from its log. */
  requests(): WordPressRequest[]
  stop(): Promise<void>
}

/** The test-only must-use plugins in scripts/wordpress/test-mu-plugins/. */
export type TestMuPlugin =
  'reach-test-blog' | 'trackback-rdf' | 'approved-comments'

/**
 * Start a site with `open` posts taking pings and `closed` ones refusing
 * them, with the given test-only mu-plugins in a folder of the site's own.
 */
export async function startWordPress(
  open = 4,
  closed = 1,
  muPlugins: TestMuPlugin[] = []
): Promise<WordPress> {
  const started = Date.now()
  const plugins = muPlugins.flatMap((name) => [
    '--mu-plugin',
    path.join(SCRIPTS, 'test-mu-plugins', `${name}.php`)
  ])
  let stdout: string
  try {
    ;({ stdout } = await run(
      'bash',
      [
        path.join(SCRIPTS, 'start.sh'),
        '--open',
        String(open),
        '--closed',
        String(closed),
        ...plugins
      ],
      { timeout: 300_000 }
    ))
  } catch (error) {
    const failed = error as { stderr?: string; message: string }
    throw new Error(
      `scripts/wordpress/start.sh failed: ${failed.message}\n${failed.stderr ?? ''}`
    )
  }
  const site = JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as {
    url: string
    dir: string
    version: string
    posts: WordPressPost[]
  }
  const env = {
    ...process.env,
    TRACKBACK_WP_DIR: site.dir,
    TRACKBACK_WP_URL: site.url
  }
  const comments = async (): Promise<WordPressComment[]> => {
    const { stdout: json } = await run(
      'php',
      [path.join(SCRIPTS, 'site.php'), 'comments'],
      { env }
    )
    return JSON.parse(json) as WordPressComment[]
  }
  return {
    url: site.url,
    version: site.version,
    posts: site.posts,
    startSeconds: (Date.now() - started) / 1000,
    comments,
    async trackbacks(): Promise<WordPressComment[]> {
      return (await comments()).filter((c) => c.type === 'trackback')
    },
    async embedRdf(post: number): Promise<void> {
      await run('php', [path.join(SCRIPTS, 'site.php'), 'rdf', String(post)], {
        env
      })
    },
    async approve(id: number): Promise<void> {
      await run(
        'php',
        [path.join(SCRIPTS, 'site.php'), 'approve', String(id)],
        {
          env
        }
      )
    },
    requests(): WordPressRequest[] {
      const log = readFileSync(path.join(site.dir, 'php.log'), 'utf8')
      return [...log.matchAll(/\[(\d{3})\]: ([A-Z]+) (\S+)/g)].map((m) => ({
        status: Number(m[1]),
        method: m[2] as string,
        path: m[3] as string
      }))
    },
    async stop(): Promise<void> {
      await run('bash', [path.join(SCRIPTS, 'stop.sh'), site.dir])
    }
  }
}
