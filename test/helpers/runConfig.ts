// Builds a RunConfig for tests: the mini fixture dataset, a temp output folder and cache.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadDataset } from '../../src/dataset/index.js';
import type { RunConfig } from '../../src/run/index.js';

export const MINI_DATASET = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'datasets', 'mini');

export function tempDir(prefix: string): string {
  return mkdtempSync(path.join(os.tmpdir(), `ase-test-${prefix}-`));
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
