// The content-addressed cache ($ASE_CACHE, default under the user's cache dir).
import { mkdirSync } from 'node:fs';
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
