/** Types for check-fixture-run.mjs. */
export interface FixtureExpectation {
  outputs: Record<string, string>
  results: Array<Record<string, string | number>>
}
export function fixtureProblems(
  outputs: Record<string, string>,
  expected: FixtureExpectation
): string[]
