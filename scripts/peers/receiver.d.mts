import type { IncomingHttpHeaders } from 'node:http'

/** How one request to `/fault/<name>` is answered. */
export interface Fault {
  /** HTTP status (default 200, or 307 with `redirect`). */
  status?: number
  /** Reason phrase for the status line. */
  reason?: string
  /** Body (default empty; with `trickle`, a TrackBack success). */
  body?: string
  /** Content-Type (default `text/xml; charset=UTF-8`). */
  contentType?: string
  headers?: Record<string, string>
  /** Value of a `Retry-After` header. */
  retryAfter?: string | number
  /** Wait this long before answering. */
  delayMs?: number
  /** Send the body one character every this many ms. */
  trickle?: number
  /** Send a body of this many bytes ('x' repeated). */
  hugeBytes?: number
  /** Never answer. */
  hang?: boolean
  /**
   * Hold the request until `release(name)` is called, then answer per the
   * other fields. Lets a test see what happens elsewhere while it is held.
   */
  hold?: boolean
  /**
   * Send the status line, headers (announcing 4096 bytes) and this start of
   * the body, then reset the connection: a reset mid-response.
   */
  resetAfterBody?: string
  /** Answer with WordPress's `wp_die` XML envelope holding this message. */
  wpDie?: string
  /** Reset the connection (TCP RST) instead of answering. */
  reset?: boolean
  /** Answer with this Location (status 307 unless `status` says otherwise). */
  redirect?: string
  /** What to record as the ping's `result` (default 'fault'). */
  result?: string
}

export interface ReceiverOptions {
  /** Port to listen on; 0 (default) picks a free one. */
  port?: number
  /** Loopback address to listen on (default 127.0.0.1; e.g. 127.0.0.2). */
  host?: string
  /** WordPress flood window in seconds (default 15; 0 turns it off). */
  floodSeconds?: number
  /** Answer every request this many ms after its body arrived (default 0). */
  delayMs?: number
  wordpress?: {
    /** Existing post ids (default: every positive integer). */
    posts?: Array<string | number>
    /** Post ids with trackbacks closed. */
    closed?: Array<string | number>
    /** Prefix of the post page a 302 points to (default `/?p=`). */
    postPage?: string
    /**
     * Add `Retry-After` (seconds left in the window) to the flood answer.
     * Stock WordPress sends none.
     */
    floodRetryAfter?: boolean
  }
  mt?: {
    /** Answer every ping with `403 Throttled`. */
    throttled?: boolean
    /** Throttle a ping that comes within this many seconds of the last. */
    throttleSeconds?: number
  }
  /** Faults by name, for `/fault/<name>`; the nth request takes the nth. */
  faults?: Record<string, Fault[]>
  /** Serve HTTPS with this key and certificate (PEM). */
  tls?: { key: string | Buffer; cert: string | Buffer }
}

/** One request the receiver got. */
export interface ReceivedPing {
  method: string
  /** Path with query string, e.g. `/wp-trackback.php?p=1`. */
  path: string
  /** The form fields as received. */
  fields: Record<string, string>
  /** The raw body. */
  body: string
  headers: IncomingHttpHeaders
  /** Epoch ms when the request body had arrived. */
  at: number
  /** Epoch ms when the answer was finished or the connection closed. */
  doneAt?: number
  /**
   * What the receiver did: 'accepted' (stored), 'duplicate', 'flood',
   * 'throttled', 'closed', 'no-id', 'ignored', 'redirected', 'error',
   * 'not-found', or a fault's `result`.
   */
  result: string
}

export interface Receiver {
  /** Base URL, `http://127.0.0.1:PORT` (`https://` with `tls`). */
  url: string
  port: number
  /** Every request received, in arrival order. */
  pings: ReceivedPing[]
  /**
   * Requests in progress now, the most at once, the total; connections
   * accepted (for TLS: after a handshake) and failed TLS handshakes.
   */
  stats: {
    active: number
    maxActive: number
    requests: number
    connections: number
    tlsErrors: number
  }
  /** The pings the receiver stored. */
  accepted(): ReceivedPing[]
  /** Set the fault(s) for `/fault/<name>` and return that URL. */
  setFault(name: string, fault: Fault | Fault[]): string
  /** Let the requests held by fault `name` (and later ones) go on. */
  release(name: string): void
  /** How many requests of fault `name` are held now. */
  held(name: string): number
  /** Change the WordPress flood window (seconds; 0 turns it off). */
  setFloodSeconds(seconds: number): void
  /** Forget pings, stored urls, flood state, fault counters and gates. */
  reset(): void
  /** Stop listening and drop open connections. */
  close(): Promise<void>
}

export function startReceiver(options?: ReceiverOptions): Promise<Receiver>
