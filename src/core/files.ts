// Where an instance's own files (rules, tests, PoC, gold patch, lockfile) are read from. A mutant
// folder holds only its instance.yaml; the loader sets `seedDir` and every other file is its seed's.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Instance } from './types.js';

/**
 * The absolute path of `rel` for this instance: in its own folder when there, else in its seed's
 * folder (a mutant), else the own-folder path (so that a "not found" names the instance's folder).
 */
export function instanceFile(inst: Pick<Instance, 'dir' | 'seedDir'>, rel: string): string {
  const own = path.resolve(inst.dir ?? '.', rel);
  if (existsSync(own) || !inst.seedDir) return own;
  const seed = path.resolve(inst.seedDir, rel);
  return existsSync(seed) ? seed : own;
}

/** The folder `rel` is read from (see instanceFile): the instance's own folder or its seed's. */
export function instanceFileDir(inst: Pick<Instance, 'dir' | 'seedDir'>, rel: string): string | undefined {
  if (!inst.dir) return undefined;
  const at = instanceFile(inst, rel);
  return inst.seedDir && at.startsWith(path.resolve(inst.seedDir) + path.sep) ? path.resolve(inst.seedDir) : path.resolve(inst.dir);
}
