/** The action's entry point (dist/index.js). */
import { run } from './main.js'

// Not a top-level await: a chunk the run loads later may import from this
// one (rollup puts modules both share here), and while a top-level await is
// pending such an import would wait for the run, which waits for it.
void run().then(() => {
  // A request to a hung cache service or receiver may still hold a socket
  // open after the run has settled and reported; it must not hold the job.
  // The timer is unref'd, so a process with nothing left exits at once.
  setTimeout(() => process.exit(), 2000).unref()
})
