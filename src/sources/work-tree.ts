/**
 * Reading post sources from the work tree, safely: no path outside it
 * (absolute or with `..`, as a ledger could hold), no symbolic link
 * followed, and no more than MAX_SOURCE_BYTES of a file.
 */
import { constants, readFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import * as path from 'node:path'
import { MAX_SOURCE_BYTES } from '../constants.js'

/**
 * Why a repository-relative path (from git, or from a ledger anyone with
 * cache access could have written) must not be read, or undefined when it
 * may: absolute paths and `..` segments would read outside the work tree.
 */
export function unsafeSourcePath(file: string): string | undefined {
  if (file === '' || file.includes('\0')) return 'not a file path'
  if (path.posix.isAbsolute(file) || path.win32.isAbsolute(file)) {
    return 'an absolute path'
  }
  if (file.split(/[\\/]/).includes('..')) {
    return "a path that leaves the repository ('..')"
  }
  return undefined
}

/** Symbolic links are not followed: a post that is a link is not read. */
const NO_FOLLOW = constants.O_RDONLY | constants.O_NOFOLLOW

/** Called with a file the work tree holds but that may not be read, and why. */
export type RefusedSource = (file: string, why: string) => void

/**
 * Read a work-tree file as text, or undefined when missing, too large, a
 * symbolic link or an unsafe path (these two also told to `refused`).
 */
export async function readWorkTree(
  workspace: string,
  file: string,
  refused?: RefusedSource
): Promise<string | undefined> {
  const unsafe = unsafeSourcePath(file)
  if (unsafe) return void refused?.(file, unsafe)
  try {
    return sourceText(
      await readFile(path.join(workspace, file), { flag: NO_FOLLOW })
    )
  } catch (error) {
    return void refusedLink(error, file, refused)
  }
}

/** readWorkTree, synchronously. */
export function readWorkTreeSync(
  workspace: string,
  file: string,
  refused?: RefusedSource
): string | undefined {
  const unsafe = unsafeSourcePath(file)
  if (unsafe) return void refused?.(file, unsafe)
  try {
    return sourceText(
      readFileSync(path.join(workspace, file), { flag: NO_FOLLOW })
    )
  } catch (error) {
    return void refusedLink(error, file, refused)
  }
}

/** ELOOP is O_NOFOLLOW's answer for a symbolic link. */
function refusedLink(
  error: unknown,
  file: string,
  refused: RefusedSource | undefined
): void {
  if ((error as { code?: unknown } | null)?.code === 'ELOOP') {
    refused?.(file, 'a symbolic link (not followed)')
  }
}

function sourceText(buffer: Buffer): string {
  return buffer.length > MAX_SOURCE_BYTES
    ? buffer.subarray(0, MAX_SOURCE_BYTES).toString('utf8')
    : buffer.toString('utf8')
}
