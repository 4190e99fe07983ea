/** Types for docs.mjs (the README's inputs/outputs tables from action.yml). */
export function markers(name: string): { start: string; end: string }
export function renderTables(actionYml: string): {
  inputs: string
  outputs: string
}
export function replaceBlocks(
  readme: string,
  blocks: Record<string, string>
): string
export function expectedReadme(
  readme: string,
  actionYml: string,
  readmePath: string
): Promise<string>
