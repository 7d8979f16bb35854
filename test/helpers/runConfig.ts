// Builds a RunConfig for tests: the mini fixture dataset, a temp output folder and cache.
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadDataset } from '../../src/dataset/index.js';
import type { RunConfig } from '../../src/run/index.js';

export const MINI_DATASET = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'datasets', 'mini');

export function tempDir(prefix: string): string {
  return mkdtempSync(path.join(os.tmpdir(), `ase-test-${prefix}-`));
}

/** The mini fixture packages (instances point at them with a path relative to their folder). */
export const MINI_PACKAGES = path.resolve(MINI_DATASET, '..', '..', 'packages');

/** A copy of the mini dataset at `dir` (created) whose instances name the fixture packages by absolute path. */
export function copyMiniDataset(dir: string): string {
  cpSync(MINI_DATASET, dir, { recursive: true });
  for (const i of readdirSync(dir)) {
    const f = path.join(dir, i, 'instance.yaml');
    if (existsSync(f)) writeFileSync(f, readFileSync(f, 'utf8').replace('../../../packages', MINI_PACKAGES));
  }
  return dir;
}

export function miniConfig(over: Partial<RunConfig> & { ids?: string[] } = {}): RunConfig {
  const ds = loadDataset(MINI_DATASET);
  const { ids, ...rest } = over;
  return {
    out: tempDir('out'),
    dataset: { name: ds.name, dir: ds.dir },
    instances: ids ? ds.instances.filter((i) => ids.includes(i.id)) : ds.instances,
    models: ['gold'],
    cycles: 1,
    concurrency: 2,
    mode: 'infill',
    dynamic: false,
    fresh: false,
    responseCache: false,
    model: { params: {} },
    context: { budget: 16000, topK: 3 },
    keepWorkspaces: false,
    progress: false,
    bootstrap: 200,
    ...rest,
  };
}
