/** Site folders in a temporary directory, for the tests that load sites. */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'

export interface SiteDirs {
  /** Write `files` (path → text) into a new folder `name`; its path. */
  write(name: string, files: Record<string, string>): Promise<string>
  cleanup(): Promise<void>
}

export async function makeSiteDirs(prefix = 'site-config-'): Promise<SiteDirs> {
  const root = await mkdtemp(join(tmpdir(), prefix))
  return {
    async write(name, files) {
      const dir = join(root, name)
      await mkdir(dir, { recursive: true })
      for (const [path, text] of Object.entries(files)) {
        await mkdir(dirname(join(dir, path)), { recursive: true })
        await writeFile(join(dir, path), text)
      }
      return dir
    },
    cleanup: () => rm(root, { recursive: true, force: true })
  }
}
