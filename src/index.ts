/** The action's entry point (dist/index.js). */
import { run } from './main.js'

await run()

// A request to a hung cache service or receiver may still hold a socket
// open after the run has settled and reported; it must not hold the job.
// The timer is unref'd, so a process with nothing left exits at once.
setTimeout(() => process.exit(), 2000).unref()
