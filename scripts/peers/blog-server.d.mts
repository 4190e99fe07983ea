import type { IncomingHttpHeaders } from 'node:http'

/** How the server answers for one path. */
export interface Page {
  /** Default 200 (301 with `location`). */
  status?: number
  body?: string
  /** Default `text/html; charset=utf-8`. */
  contentType?: string
  location?: string
  /** Never answer. */
  hang?: boolean
}

export interface BlogRequest {
  method: string
  /** Path and query. */
  path: string
  headers: IncomingHttpHeaders
}

export interface BlogServer {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  url: string
  /** Every request so far, in order. */
  requests: BlogRequest[]
  /** Serve `page` at `path` (path and query); undefined: 404 again. */
  setPage(path: string, page: Page | undefined): void
  close(): Promise<void>
}

export function startBlogServer(): Promise<BlogServer>
/** A post's page: a title and links, as a generator would render it. */
export function postPage(title: string, links?: string[]): Page
