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

/**
 * Edit distance between two strings (UTF-16 code units): Levenshtein, or
 * with `swaps` a swap of two neighbours counting as one edit (optimal
 * string alignment). With `limit`, anything above it is `limit + 1`, and
 * strings whose lengths differ by more are not compared.
 */
export function editDistance(
  a: string,
  b: string,
  { limit = Infinity, swaps = false }: { limit?: number; swaps?: boolean } = {}
): number {
  if (a === b) return 0
  if (Math.abs(a.length - b.length) > limit) return limit + 1
  let before: number[] = []
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let best = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + cost
      )
      const swapped =
        swaps &&
        i > 1 &&
        j > 1 &&
        a[i - 1] === b[j - 2] &&
        a[i - 2] === b[j - 1]
      if (swapped) best = Math.min(best, (before[j - 2] ?? 0) + 1)
      current.push(best)
    }
    before = previous
    previous = current
  }
  return Math.min(previous[b.length] ?? 0, limit + 1)
}
