#!/usr/bin/env node
// A TrackBack receiver on your computer, to try `trackback-action send` on
// your own blog without pinging anyone (README: "Try it on your own blog,
// locally"). It answers like WordPress does (see scripts/peers/receiver.mjs)
// and prints each ping it gets.
//
//   node scripts/receiver.mjs [port]     (default 8808; 0 picks a free one)
import { startReceiver } from './peers/receiver.mjs'

const port = Number(process.argv[2] ?? 8808)
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(
    `usage: node scripts/receiver.mjs [port]  (not '${process.argv[2]}')`
  )
  process.exit(2)
}
const receiver = await startReceiver({ port, floodSeconds: 0 })
console.log(`TrackBack receiver at ${receiver.url}`)
console.log(`Use ${receiver.url}/trackback/1 as a target. Ctrl-C stops it.`)

let shown = 0
const timer = setInterval(() => {
  for (const ping of receiver.pings.slice(shown)) {
    const { title = '', url = '', blog_name: blog = '' } = ping.fields
    console.log(
      `${new Date(ping.at).toISOString()} ${ping.method} ${ping.path}: ${ping.result}` +
        (url ? `\n  "${title}" ${url}${blog ? ` (${blog})` : ''}` : '')
    )
  }
  shown = receiver.pings.length
}, 200)

const stop = async () => {
  clearInterval(timer)
  await receiver.close()
  process.exit(0)
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
