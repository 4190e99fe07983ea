/** Types for arxiv.mjs (a loopback stand-in for arXiv's TrackBack service). */
export interface ArxivOptions {
  /** Port to listen on; 0 (default) picks a free one. */
  port?: number
  /** Answer the Turtle export with HTTP 500 (the /tb/ page is the fallback). */
  exportBroken?: boolean
}

/** One TrackBack the stand-in took. */
export interface ArxivPing {
  trackbackId: number
  /** The paper's id, as in the ping URL. */
  id: string
  url: string
  title: string
  blogName: string
  /** `pending` until a test moderates it. */
  status: 'pending' | 'accepted' | 'rejected'
  postedAt: Date
}

export interface ArxivRequest {
  method: string
  path: string
}

export interface ArxivStandIn {
  /** `http://127.0.0.1:PORT`: ping URLs are `<url>/trackback/<id>`. */
  url: string
  /** Every TrackBack taken, in order. */
  pings: ArxivPing[]
  /** Every request, in order. */
  requests: ArxivRequest[]
  /** Moderate the pings from this post URL (to paper `id`, or all); accepted by default. */
  moderate(url: string, status?: 'accepted' | 'rejected', id?: string): void
  setExportBroken(broken: boolean): void
  close(): Promise<void>
}

export function startArxiv(options?: ArxivOptions): Promise<ArxivStandIn>
export function documentHash(id: string): string
export function tbPageHtml(id: string, listed: ArxivPing[]): string
export function trackbackTurtle(id: string, listed: ArxivPing[]): string
