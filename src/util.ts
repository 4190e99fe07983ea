/** Small helpers every folder uses, written once. */

/** The message of anything thrown. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/** A plain object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** At most `max` code points, with `…` when cut. */
export function shorten(text: string, max: number): string {
  const points = Array.from(text.slice(0, max * 2))
  return points.length > max || text.length > max * 2
    ? `${points.slice(0, max).join('')}…`
    : text
}

/**
 * Run `fn` over items with at most `limit` at a time (at least one), in
 * order of start.
 */
export async function pool<T>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<void>
): Promise<void> {
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++] as T
      await fn(item)
    }
  }
  const count = Math.max(1, Math.min(limit, items.length))
  await Promise.all(Array.from({ length: count }, worker))
}

/** `1 link`, `2 links`: a count with its noun. */
export function plural(
  count: number,
  noun: string,
  nouns = `${noun}s`
): string {
  return `${count} ${count === 1 ? noun : nouns}`
}
