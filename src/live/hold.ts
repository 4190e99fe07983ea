/**
 * Not before the post is ready: the run's step between planning and
 * sending. It fetches the page of each post about to be pinged
 * (page-check.ts) and holds as pending, for the next run, the pings of a
 * post that is not live yet or, with require-link, does not link to the
 * target; missing links become annotations.
 */
import { applyPageChecks, checkPages, pagesToCheck } from './page-check.js'
import type { Log } from '../run/plan-run.js'
import type { Plan } from '../run/plan.js'
import type { Annotation } from '../report/annotations.js'
import type { Settings } from '../settings/settings.js'
import { USER_AGENT } from '../constants.js'
import { plural } from '../util.js'

/** The settings the check reads. */
export type HoldSettings = Pick<
  Settings,
  | 'waitForLiveMs'
  | 'requireLink'
  | 'timeoutMs'
  | 'allowPrivateNetworks'
  | 'concurrency'
>

/**
 * The plan with the pings of unready posts held, and the annotations about
 * them. `clock.now` is the planning clock; `clock.deadline` (epoch ms) the
 * end of the run's time budget.
 */
export async function holdUnready(
  plan: Plan,
  settings: HoldSettings,
  clock: { now: Date; deadline: number },
  log: Log
): Promise<{ plan: Plan; annotations: Annotation[] }> {
  const options = {
    waitForLiveMs: settings.waitForLiveMs,
    requireLink: settings.requireLink
  }
  const urls = pagesToCheck(plan, options)
  if (urls.length === 0) return { plan, annotations: [] }
  return log.group('Checking that the posts are live', async () => {
    // Waiting never eats the run's whole budget: sending needs some too.
    const waitMs = Math.max(
      0,
      Math.min(settings.waitForLiveMs, (clock.deadline - Date.now()) / 2)
    )
    log.info(
      `Fetching ${urls.length} post page(s)${waitMs > 0 ? `, for up to ${Math.round(waitMs / 1000)} s until each answers 200` : ''}.`
    )
    const checks = await checkPages(urls, {
      timeoutMs: settings.timeoutMs,
      userAgent: USER_AGENT,
      allowPrivateNetworks: settings.allowPrivateNetworks,
      waitMs,
      concurrency: settings.concurrency
    })
    for (const check of checks.values()) {
      log.info(
        check.live
          ? `${check.url}: live${check.links ? ` (${plural(check.links.length, 'link')})` : ''}`
          : `${check.url}: not live (${check.reason})`
      )
    }
    return applyPageChecks(plan, checks, { ...options, now: clock.now })
  })
}
