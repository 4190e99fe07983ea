/** The loopback peers an end-to-end run talks to, started and stopped together. */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import {
  startCacheServer,
  type CacheServer
} from '../../scripts/peers/cache-server.mjs'
import { startReceiver, type Receiver } from '../../scripts/peers/receiver.mjs'

export interface Peers {
  receiver: Receiver
  cache: CacheServer
  /** RUNNER_TEMP shared by every run (the ledger's cache path lives in it). */
  runnerTemp: string
  close(): Promise<void>
}

/** A receiver without WordPress's flood window, and a cache service. */
export async function startPeers(): Promise<Peers> {
  const receiver = await startReceiver({ floodSeconds: 0 })
  const cache = await startCacheServer()
  const runnerTemp = mkdtempSync(path.join(tmpdir(), 'trackback-e2e-runner-'))
  return {
    receiver,
    cache,
    runnerTemp,
    async close(): Promise<void> {
      await receiver.close()
      await cache.close()
      rmSync(runnerTemp, { recursive: true, force: true })
    }
  }
}
