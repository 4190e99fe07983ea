/**
 * The notification protocols behind one interface: each turns a ping
 * request into one guarded exchange (trackback.ts's postGuarded) and its
 * answer into the same `Attempt` verdicts (`sent`, `already-sent`,
 * `rejected`, `failed`, `retry` with `ambiguous` when the receiver may have
 * stored it), so the sender (sender.ts) paces and retries them all alike.
 * Which protocol a target gets is decided once, before sending
 * (discover.ts); a target never gets two.
 */
import { sendPingback } from './pingback.js'
import { postPing, type Attempt, type ClientOptions } from './trackback.js'
import { sendWebmention } from './webmention.js'
import type { PingRequest, Protocol } from '../types.js'

/** One protocol: how a request is sent and its answer read. Never throws. */
export type NotificationSender = (
  request: PingRequest,
  options: ClientOptions
) => Promise<Attempt>

/** Every protocol's sender. */
export const SENDERS: Record<Protocol, NotificationSender> = {
  trackback: postPing,
  webmention: sendWebmention,
  pingback: sendPingback
}

/** Send a request by its protocol (TrackBack when it names none). */
export function sendNotification(
  request: PingRequest,
  options: ClientOptions
): Promise<Attempt> {
  return SENDERS[request.protocol ?? 'trackback'](request, options)
}
