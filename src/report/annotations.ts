/**
 * The annotations of a run: one on the post file (and line) of each
 * invalid, rejected or failed target.
 */
import type { Problem, Result, ResultStatus } from '../types.js'

/** An annotation on a file and line. */
export interface Annotation extends Problem {
  level: 'error' | 'warning' | 'notice'
  title: string
}

const ANNOTATED: Partial<
  Record<ResultStatus, { level: Annotation['level']; title: string }>
> = {
  invalid: { level: 'error', title: 'TrackBack: invalid target' },
  rejected: { level: 'warning', title: 'TrackBack: ping rejected' },
  failed: { level: 'warning', title: 'TrackBack: ping failed' }
}

/**
 * One annotation per invalid, rejected or failed row, on the line of the
 * target in the post's front matter when it is known.
 */
export function annotationsFor(results: Result[]): Annotation[] {
  return results.flatMap((r) => {
    const kind = ANNOTATED[r.status]
    if (!kind) return []
    // An invalid row's message already names the target.
    const message =
      r.status === 'invalid' || !r.target
        ? r.message
        : `${r.target}: ${r.message}`
    const annotation: Annotation = { ...kind, file: r.post, message }
    if (r.line !== undefined) annotation.line = r.line
    return [annotation]
  })
}
