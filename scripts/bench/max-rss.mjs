// Preloaded into the action by `npm run bench` (NODE_OPTIONS=--import):
// reports the process's peak resident set size and the CPU time it used
// on stderr when it exits.
process.on('exit', () => {
  const usage = process.resourceUsage()
  const cpuMs = (usage.userCPUTime + usage.systemCPUTime) / 1000
  process.stderr.write(
    `bench:max-rss-kb=${usage.maxRSS} bench:cpu-ms=${cpuMs.toFixed(0)}\n`
  )
})
