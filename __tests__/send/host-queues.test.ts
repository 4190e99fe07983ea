import { describe, expect, it } from '@jest/globals'
import {
  enqueue,
  hostKey,
  nextHost,
  queueRequests,
  type Item
} from '../../src/send/host-queues.js'
import type { Exchange } from '../../src/send/page-target.js'
import { pingRequest } from '../support/sending.js'

/** An exchange to `url` that is never run here. */
const to = (url: string): Exchange => ({
  url,
  run: () => Promise.reject(new Error('not run in a pure test'))
})

const first = (request: { ping: string }): Exchange => to(request.ping)

describe('queueRequests', () => {
  it('queues by the host of the first exchange and sets copies aside', () => {
    const queues = queueRequests(
      [
        pingRequest('a', 'http://A.example/tb/1', 'https://b/x'),
        pingRequest('b', 'http://a.example:80/tb/2'),
        pingRequest('c', 'https://a.example/tb/3'),
        pingRequest('d', 'http://A.example/tb/1', 'https://b/x'),
        pingRequest('e', 'not a url')
      ],
      first
    )
    expect(
      [...queues.hosts.values()].map((h) => [
        h.key,
        h.items.map((i) => i.request.id)
      ])
    ).toEqual([
      ['a.example:80', ['a', 'b']],
      ['a.example:443', ['c']],
      ['invalid#4', ['e']]
    ])
    expect([...queues.copies]).toEqual([[0, [3]]])
  })
})

describe('enqueue', () => {
  it('puts a ping whose page was read at the end of its endpoint host queue', () => {
    const queues = queueRequests(
      [
        pingRequest('p1', 'http://b.example/1'),
        pingRequest('p2', 'http://b.example/2')
      ],
      first
    )
    const moved = (id: string): Item => ({
      index: 9,
      request: pingRequest(id, 'http://a.example/page'),
      exchange: to('http://b.example/webmention'),
      exchanges: 1,
      attempts: 0,
      requests: 1
    })
    enqueue(queues, moved('m1'))
    enqueue(queues, moved('m2'))
    const host = queues.hosts.get('b.example:80')!
    expect(host.items.map((i) => i.request.id)).toEqual([
      'p1',
      'p2',
      'm1',
      'm2'
    ])
  })

  it('opens a queue for a host first met as an endpoint', () => {
    const queues = queueRequests([], first)
    enqueue(queues, {
      index: 0,
      request: pingRequest('m', 'http://a.example/page'),
      exchange: to('https://webmention.io/a.example/webmention'),
      exchanges: 1,
      attempts: 0,
      requests: 1
    })
    expect([...queues.hosts.keys()]).toEqual(['webmention.io:443'])
  })
})

describe('nextHost', () => {
  it('takes the free host with work that can go soonest', () => {
    const queues = queueRequests(
      ['http://a/1', 'http://b/1', 'http://c/1', 'http://d/1'].map((u, n) =>
        pingRequest(`r${n}`, u)
      ),
      first
    )
    const [a, b, c, d] = [...queues.hosts.values()]
    a!.readyAt = 50
    b!.readyAt = 10
    b!.busy = true
    c!.readyAt = 30
    d!.readyAt = 5
    d!.items.length = 0
    expect(nextHost(queues)?.key).toBe('c:80')
    c!.busy = true
    expect(nextHost(queues)?.key).toBe('a:80')
    a!.busy = true
    expect(nextHost(queues)).toBeUndefined()
  })
})

describe('hostKey', () => {
  it.each([
    ['http://Example.org/x', 'example.org:80'],
    ['https://example.org/x', 'example.org:443'],
    ['http://127.0.0.5:8080/webmention', '127.0.0.5:8080'],
    ['ftp://example.org/x', 'example.org:'],
    ['nonsense', 'invalid#7']
  ])('%s → %s', (url, key) => {
    expect(hostKey(url, 7)).toBe(key)
  })
})
