// Loaded with `node --import` (NODE_OPTIONS may not hold --cpu-prof): a V8
// CPU profile of the whole process, written at exit to
// $BENCH_CPU_PROF/<pid>.cpuprofile (open it in Chrome's DevTools).
import { Session } from 'node:inspector'
import { writeFileSync } from 'node:fs'
import * as path from 'node:path'

const dir = process.env.BENCH_CPU_PROF
if (dir) {
  const session = new Session()
  session.connect()
  session.post('Profiler.enable')
  session.post('Profiler.setSamplingInterval', { interval: 200 })
  session.post('Profiler.start')
  process.on('exit', () => {
    // A session on the main thread answers before post returns.
    session.post('Profiler.stop', (error, result) => {
      if (error || !result) return
      writeFileSync(
        path.join(dir, `${process.pid}.cpuprofile`),
        JSON.stringify(result.profile)
      )
    })
  })
}
