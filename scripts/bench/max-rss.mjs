// Preloaded into the action by `npm run bench` (NODE_OPTIONS=--import):
// reports the process's peak resident set size on stderr when it exits.
process.on('exit', () => {
  process.stderr.write(`bench:max-rss-kb=${process.resourceUsage().maxRSS}\n`)
})
