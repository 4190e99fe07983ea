/**
 * An answer's body as text, and whether it is a web page: shared by the
 * protocols' answer readers (trackback.ts's postGuarded and its callers).
 */
import type { Exchange } from '../net/http-client.js'

/** Whether a 2xx answer is a web page (the URL is an article, not a ping URL). */
export function isHtmlPage(
  status: number,
  text: string,
  exchange: Extract<Exchange, { ok: true }>
): boolean {
  if (status < 200 || status >= 300) return false
  const type = exchange.headers['content-type'] ?? ''
  if (/^\s*(text\/html|application\/xhtml\+xml)/i.test(type)) return true
  return /^\s*(<!doctype html|<html[\s>])/i.test(text)
}

const UTF8 = new TextDecoder('utf-8', { fatal: true })

/** Bodies are UTF-8 when valid, else Latin-1 (Serendipity's ISO-8859-1). */
export function decodeText(bytes: Buffer): string {
  try {
    return UTF8.decode(bytes)
  } catch {
    return bytes.toString('latin1')
  }
}
