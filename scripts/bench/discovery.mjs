// Scenario 5 of `npm run bench`: article-page targets. 1,000 targets on 50
// page hosts (127.0.0.102–127.0.0.151), 20 pages a host; every page
// advertises a Webmention endpoint on the next host (host i → host i+1,
// the last → the first), so each target costs a GET (discovery) at its
// page's host and a POST at another host, and every host gets 20 GETs and
// 20 POSTs. Each answers after 50 ms. The lower bound, one request at a
// time per host, is the busiest host's 40 requests × 50 ms = 2 s.
//
// Distinct addresses rather than distinct ports: as on the web, each host
// is its own machine, and the scenario's addresses stay clear of
// scenario 1's receivers (127.0.0.2–51). The sender keys hosts by
// host:port, so ports would pace the same way.
//
// Endpoints on the next host, not on the page's own: it makes the sender
// pace by the host contacted (a POST to host i+1 must wait for host i+1's
// own page reads), and the receivers check that no host ever had two
// requests at once.
import { startPageHost } from '../peers/page-host.mjs'
import { runAction } from '../peers/run-action.mjs'
import { phaseTimes, sendingLowerBound } from './stats.mjs'

export const DISCOVERY_HOSTS = 50
/** First address's last byte: 127.0.0.102 onwards. */
const FIRST_ADDRESS = 102

/** The page hosts, each advertising the next one's endpoint. */
export async function startPageHosts(answerMs) {
  const hosts = await Promise.all(
    Array.from({ length: DISCOVERY_HOSTS }, (_, i) =>
      startPageHost({
        host: `127.0.0.${FIRST_ADDRESS + i}`,
        delayMs: answerMs
      })
    )
  )
  hosts.forEach((host, i) =>
    host.setEndpoint(hosts[(i + 1) % hosts.length].url)
  )
  return hosts
}

/** Target number `k`: an article page on host k mod 50. */
export function pageTarget(hosts, k) {
  const host = hosts[k % hosts.length]
  return { ping: `${host.url}/articles/${k}/`, host: host.url }
}

/**
 * The bound: the busiest host's requests × `answerMs`, counting for each
 * target its page's host (the GET) and its endpoint's host (the POST).
 */
export function discoveryBound(hosts, pings, answerMs) {
  const contacted = pings.flatMap((p) => {
    const i = hosts.findIndex((h) => h.url === p.host)
    return [p.host, hosts[(i + 1) % hosts.length].url]
  })
  return sendingLowerBound(contacted, answerMs)
}

/**
 * One end-to-end run of the bundled action on the blog whose push targets
 * the pages; checks that every target was sent by Webmention and that no
 * host had two requests at once. `inputs` are the action's inputs.
 */
export async function discoveryOnce({ blog, hosts, inputs, env, check }) {
  for (const host of hosts) host.reset()
  const t0 = performance.now()
  const result = await runAction({
    workspace: blog.dir,
    eventName: 'push',
    payload: { before: blog.before, after: blog.after, ref: 'refs/heads/main' },
    sha: blog.after,
    inputs,
    env
  })
  const wallMs = performance.now() - t0
  const sent = result.results.filter(
    (r) => r.status === 'sent' && r.protocol === 'webmention'
  ).length
  const total = blog.pings.length
  check(
    result.code === 0 && sent === total,
    `discovery run: exit ${result.code}, ${sent}/${total} sent by Webmention\n${result.stdout.slice(-2000)}\n${result.stderr}`
  )
  const perHost = total / hosts.length
  for (const host of hosts) {
    check(
      host.stats.maxActive <= 1,
      `${host.url} had ${host.stats.maxActive} requests at once`
    )
    const gets = host.requests.filter((r) => r.method === 'GET').length
    const posts = host.requests.filter((r) => r.method === 'POST').length
    check(
      gets === perHost && posts === perHost,
      `${host.url} got ${gets} GETs and ${posts} POSTs`
    )
  }
  const cpu = /bench:cpu-ms=(\d+)/.exec(result.stderr)
  const phases = phaseTimes(result.stdout)
  return {
    sendingMs: phases.Sending?.ms ?? NaN,
    wallMs,
    cpuMs: cpu ? Number(cpu[1]) : NaN,
    firstRequestAt: Math.min(
      ...hosts.flatMap((h) => h.requests.map((r) => r.at))
    ),
    lastDoneAt: Math.max(
      ...hosts.flatMap((h) => h.requests.map((r) => r.doneAt ?? r.at))
    )
  }
}
