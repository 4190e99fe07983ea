/** Site folders in a temporary directory, for the tests that load sites. */
import { afterAll, beforeAll } from '@jest/globals'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'

/** Writes `files` (path → text) into a new site folder `name`; its path. */
export type WriteSite = (
  name: string,
  files: Record<string, string>
) => Promise<string>

/**
 * A temporary directory made before the tests of the calling file (or
 * describe block) and removed after them, and the way to write sites in it.
 */
export function tempSites(prefix = 'site-config-'): WriteSite {
  let root: string | undefined
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), prefix))
  })
  afterAll(async () => {
    if (root !== undefined) await rm(root, { recursive: true, force: true })
  })
  return async (name, files) => {
    if (root === undefined) throw new Error('tempSites: used outside a test')
    const dir = join(root, name)
    await mkdir(dir, { recursive: true })
    for (const [path, text] of Object.entries(files)) {
      await mkdir(dirname(join(dir, path)), { recursive: true })
      await writeFile(join(dir, path), text)
    }
    return dir
  }
}
