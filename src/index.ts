/** The action's entry point (dist/index.js). */
import { run } from './main.js'

// The top-level await keeps the process alive until the run settles.
await run()
