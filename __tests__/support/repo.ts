/** A real git repository in a temporary directory, for adapter and end-to-end tests. */
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import * as path from 'node:path'

export interface TempRepo {
  dir: string
  write(file: string, text: string): void
  remove(file: string): void
  git(...args: string[]): string
  /** Commit everything and return the new HEAD SHA. */
  commit(message: string, date?: string): string
  cleanup(): void
}

export function makeRepo(prefix = 'trackback-repo-'): TempRepo {
  const dir = mkdtempSync(path.join(tmpdir(), prefix))
  const env = {
    ...process.env,
    GIT_AUTHOR_NAME: 'Test',
    GIT_AUTHOR_EMAIL: 'test@example.org',
    GIT_COMMITTER_NAME: 'Test',
    GIT_COMMITTER_EMAIL: 'test@example.org'
  }
  const git = (...args: string[]): string =>
    execFileSync('git', args, { cwd: dir, env, encoding: 'utf8' }).trim()
  git('init', '-q', '-b', 'main')
  git('config', 'commit.gpgsign', 'false')
  return {
    dir,
    git,
    write(file, text): void {
      const full = path.join(dir, file)
      mkdirSync(path.dirname(full), { recursive: true })
      writeFileSync(full, text)
    },
    remove(file): void {
      rmSync(path.join(dir, file))
    },
    commit(message, date): string {
      git('add', '-A')
      const dated = date
        ? [
            '-c',
            `user.name=Test`,
            'commit',
            '-q',
            '--allow-empty',
            '-m',
            message,
            `--date=${date}`
          ]
        : ['commit', '-q', '--allow-empty', '-m', message]
      git(...dated)
      return git('rev-parse', 'HEAD')
    },
    cleanup(): void {
      rmSync(dir, { recursive: true, force: true })
    }
  }
}
