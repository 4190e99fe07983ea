export interface PageHostOptions {
  /** Loopback address to listen on (default 127.0.0.1; e.g. 127.0.0.2). */
  host?: string
  /** Port to listen on; 0 (default) picks a free one. */
  port?: number
  /** Answer every request this many ms after its body arrived (default 0). */
  delayMs?: number
}

/** One request the host got. */
export interface HostRequest {
  method: string
  /** Path with query string. */
  path: string
  body: string
  /** Epoch ms when the request arrived. */
  at: number
  /** Epoch ms when the answer was finished or the connection closed. */
  doneAt?: number
}

export interface PageHost {
  /** `http://<host>:<port>`, no trailing slash. */
  url: string
  /** Every request so far, in arrival order. */
  requests: HostRequest[]
  /** Requests in progress now, and the most at once. */
  stats: { active: number; maxActive: number }
  /** Where the pages' Webmention endpoint is (an origin; default itself). */
  setEndpoint(origin: string): void
  /** Forget the requests and the most at once. */
  reset(): void
  /** Stop listening and drop open connections. */
  close(): Promise<void>
}

export function startPageHost(options?: PageHostOptions): Promise<PageHost>
