// Fresh workspaces: one copy of the repository per (instance, model, cycle).
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Instance, Workspace } from '../core/index.js';
import type { FetchedSource } from './sources.js';

/** Copies a fetched tree into a new folder under `parent` (default: the OS temp dir). */
export function createWorkspace(instance: Instance, src: FetchedSource, parent?: string): Workspace {
  const base = parent ?? path.join(os.tmpdir(), 'ase-workspaces');
  mkdirSync(base, { recursive: true });
  const dir = mkdtempSync(path.join(base, `${instance.id.replace(/[^\w.-]/g, '_')}-`));
  const root = path.join(dir, 'repo');
  // verbatimSymlinks: a link in the repository stays a link (never followed out of the tree).
  cpSync(src.dir, root, { recursive: true, verbatimSymlinks: true, filter: (p) => !p.split(path.sep).includes('node_modules') });
  return { root, instance, sourceHash: src.hash };
}

/** Removes a workspace folder (the parent of `root`). */
export function removeWorkspace(ws: Workspace): void {
  rmSync(path.dirname(ws.root), { recursive: true, force: true });
}
