/** The loopback peers an end-to-end run talks to, started and stopped together. */
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import {
  startCacheServer,
  type CacheServer
} from '../../scripts/peers/cache-server.mjs'
import { startReceiver, type Receiver } from '../../scripts/peers/receiver.mjs'
import {
  runAction,
  type ActionResult,
  type RunOptions
} from '../../scripts/peers/run-action.mjs'

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

/** End-to-end tests run the bundle: stop early when it has not been built. */
export function requireBundle(): void {
  if (!existsSync(path.resolve('dist/index.js')))
    throw new Error('dist/index.js is missing: run `npm run build` first')
}

/** Run the bundled action; a failed step fails the test with its log. */
export async function runActionOk(options: RunOptions): Promise<ActionResult> {
  const result = await runAction(options)
  if (result.code !== 0) {
    throw new Error(
      `action failed (${result.code}):\n${result.stdout}\n${result.stderr}`
    )
  }
  return result
}
