/** Types for stats.mjs: summaries and tables for `npm run bench`. */

/** Median, min and max of repeated measurements. */
export interface Summary {
  median: number
  min: number
  max: number
  /** How many measurements (NaN ones left out). */
  runs: number
}

/** A goal a measurement should meet, e.g. `{ op: '<=', limit: 1.1 }`. */
export interface Goal {
  op: '<' | '<=' | '>' | '>='
  limit: number
}

/** One phase of an action run, in ms since its process started. */
export interface Phase {
  ms: number
  start: number
  end: number
}

/** One line of the results table. */
export interface Row extends Summary {
  name: string
  unit?: string
  /** Decimals shown (default 0). */
  digits?: number
  goal?: Goal
}

export function summarize(values: number[]): Summary
export function sendingLowerBound(hosts: string[], requestMs: number): number
export function phaseTimes(stdout: string): Record<string, Phase>
export function span(
  phases: Record<string, Phase>,
  first: string,
  last: string
): number
export function meets(
  value: number,
  goal: Goal | undefined
): boolean | undefined
export function cell(value: number, digits: number): string
export function markdownTable(rows: Row[]): string
