import type { IncomingHttpHeaders } from 'node:http'

export interface NotifyOptions {
  /** Fetch the source and require a link to the target (default true). */
  verify?: boolean
}

/** One notification the receiver stored. */
export interface Notification {
  protocol: 'trackback' | 'webmention' | 'pingback'
  source: string
  target: string
  /** False when the same (source, target) came before (Webmention updates). */
  first: boolean
  title?: string
}

export interface NotifyRequest {
  method: string
  /** Path and query. */
  path: string
  headers: IncomingHttpHeaders
}

export interface NotifyReceiver {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  url: string
  notifications: Notification[]
  /** Every request so far, in order. */
  requests: NotifyRequest[]
  /** Approve a notification: the target's page then links to the source. */
  approve(source: string, target: string): void
  reset(): void
  close(): Promise<void>
}

export function startNotifyReceiver(
  options?: NotifyOptions
): Promise<NotifyReceiver>
