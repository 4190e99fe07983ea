/** Shared pieces of the sender tests: options, requests and a fake clock. */
import type { SendOptions } from '../../src/send/sender.js'
import type { PingRequest } from '../../src/types.js'

/** Send options for loopback receivers: no host delay, 2 retries. */
export const testSendOptions: SendOptions = {
  timeoutMs: 3000,
  retries: 2,
  concurrency: 2,
  hostDelayMs: 0,
  allowPrivateNetworks: true,
  userAgent: 'trackback-action-test/1.0'
}

/** A ping request for post `id` to `ping`. */
export function pingRequest(
  id: string,
  ping: string,
  post = `https://blog.example/${id}/`
): PingRequest {
  return {
    id,
    ping,
    fields: {
      url: post,
      title: `Post ${id}`,
      excerpt: 'Text.',
      blog_name: 'Blog'
    }
  }
}

/** A clock that moves only when the sender sleeps or a test advances it. */
export interface FakeClock {
  now(): number
  advance(ms: number): void
  /** Every sleep asked for, in ms. */
  waits: number[]
  sleep(ms: number): Promise<void>
}

/** Retry waits cost no wall time. One clock moves for every host at once. */
export function fakeClock(): FakeClock {
  let t = Date.now()
  const waits: number[] = []
  return {
    now: () => t,
    advance: (ms) => {
      t += ms
    },
    waits,
    sleep: async (ms) => {
      waits.push(ms)
      t += ms
    }
  }
}
