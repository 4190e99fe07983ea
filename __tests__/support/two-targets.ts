/** A published post with two targets on two hosts, and how to plan it. */
import type { Post } from '../../src/types.js'

export const NOW = new Date('2026-11-23T12:00:00Z')
export const FILE = '_posts/2026-11-20-a.md'
export const URL_A = 'https://blog.example.org/2026/11/20/a.html'
export const PING_1 = 'https://one.example.org/tb/1'
export const PING_2 = 'https://two.example.org/tb/2'
/** planPings's options for it. */
export const options = { now: NOW, dryRun: false, blogName: 'B', maxPings: 50 }

export const post: Post = {
  path: FILE,
  state: 'published',
  date: '2026-11-20T00:00:00.000Z',
  title: 'A',
  excerpt: 'About A.',
  url: URL_A,
  targets: [
    { written: PING_1, ping: PING_1, line: 4 },
    { written: PING_2, ping: PING_2, line: 5 }
  ],
  targetsLine: 3
}
