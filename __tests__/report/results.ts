/** Shared by the report tests: a result row, with what a test sets. */
import type { Result, ResultStatus } from '../../src/types.js'

export const result = (
  status: ResultStatus,
  overrides: Partial<Result> = {}
): Result => ({
  post: '_posts/2026-11-20-a.md',
  url: 'https://blog.example.org/a.html',
  target: 'arXiv:2101.00001',
  ping: 'https://arxiv.org/trackback/2101.00001',
  status,
  message: '',
  ...overrides
})
