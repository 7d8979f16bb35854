// The content-addressed cache ($ASE_CACHE, default under the user's cache dir).
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import envPaths from 'env-paths';

/** Root of the cache: $ASE_CACHE, else the platform cache dir (e.g. ~/.cache/ase-bench). */
export function cacheRoot(): string {
  const dir = process.env.ASE_CACHE ? path.resolve(process.env.ASE_CACHE) : envPaths('ase-bench', { suffix: '' }).cache;
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** A named sub-folder of the cache, created on demand. */
export function cacheDir(...parts: string[]): string {
  const dir = path.join(cacheRoot(), ...parts);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/**
 * `<cache>/<kind>/<key>`, filled once by `fill(tmp)` in a temporary sibling folder and renamed
 * into place, so a reader never sees a half-filled entry and two processes may race safely.
 */
export async function fillCacheDir(kind: string, key: string, fill: (tmp: string) => void | Promise<void>): Promise<string> {
  const root = cacheDir(kind);
  const dest = path.join(root, key);
  if (existsSync(dest)) return dest;
  const tmp = mkdtempSync(path.join(root, `.tmp-${key.slice(0, 12)}-`));
  try {
    await fill(tmp);
    try {
      renameSync(tmp, dest);
    } catch (err) {
      // Another process filled it first: theirs is as good as ours.
      if (!existsSync(dest)) throw err;
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return dest;
}
