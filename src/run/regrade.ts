// `ase regrade DIR`: recompute every verdict and score from the stored answers, asking no model.
import { existsSync } from 'node:fs';
import pLimit from 'p-limit';
import { HarnessError, type Instance, type OutputMode } from '../core/index.js';
import { loadInstance } from '../dataset/index.js';
import { ResultStore } from '../store/index.js';
import { writeResults } from '../report/index.js';
import type { ModelReport } from '../score/index.js';
import { runJob } from './job.js';
import { prepareInstance } from './prepare.js';
import { reportsFromStore } from './results.js';
import { buildManifest } from './manifest.js';

export interface StoredConfig {
  dataset: { name: string; dir: string };
  models: string[];
  cycles: number;
  mode: OutputMode;
  dynamic: boolean;
  context: { budget: number; topK: number };
  bootstrap: number;
  instances: string[];
  /** Where sources and images came from (absent in stores written before they were kept). */
  gitMirror?: string;
  registry?: string;
  aseImages?: string;
}

export function readStoredConfig(store: ResultStore): StoredConfig {
  const raw = store.getMeta('config');
  if (!raw) throw new HarnessError('STORE_INVALID', `${store.file}: holds no finished run configuration`);
  return JSON.parse(raw) as StoredConfig;
}

/** The run's instances: re-read from their folders (to pick up rule fixes), else the stored snapshot. */
function currentInstances(store: ResultStore, cfg: StoredConfig): Instance[] {
  const snap = new Map(store.instances().map((i) => [i.id, i]));
  return cfg.instances.flatMap((id) => {
    const s = snap.get(id);
    if (!s) return [];
    return s.dir && existsSync(s.dir) ? [loadInstance(s.dir, s.dataset)] : [s];
  });
}

export async function regrade(dir: string, opts: { concurrency: number; dynamic?: boolean }): Promise<{ reports: ModelReport[]; regraded: number; infra: number }> {
  const store = ResultStore.open(dir);
  try {
    const cfg = readStoredConfig(store);
    const dynamic = opts.dynamic ?? cfg.dynamic;
    const instances = currentInstances(store, cfg);
    const limit = pLimit(opts.concurrency);
    let regraded = 0;
    let infra = 0;
    for (const inst of instances) {
      const prep = await prepareInstance(inst, {
        mode: cfg.mode, context: cfg.context, dynamic,
        ...(cfg.gitMirror ? { gitMirror: cfg.gitMirror } : {}), ...(cfg.registry ? { registry: cfg.registry } : {}), ...(cfg.aseImages ? { aseImages: cfg.aseImages } : {}),
      });
      const keys = cfg.models.flatMap((model) => Array.from({ length: cfg.cycles }, (_, cycle) => ({ instance_id: inst.id, model, cycle })))
        .filter((k) => store.getAnswer(k));
      const outcomes = await Promise.all(keys.map((k) => limit(() => runJob(store, prep, undefined, k, { mode: cfg.mode, dynamic, keepWorkspaces: false }))));
      regraded += outcomes.length;
      infra += outcomes.filter((o) => o === 'infra').length;
    }
    const reports = reportsFromStore(store, instances, cfg.models, cfg.cycles, cfg.bootstrap);
    const manifest = { ...(store.lastManifest() ?? {}), regraded_at: new Date().toISOString(), regrade_tool: buildManifest({ dataset: cfg.dataset, instanceHashes: {}, models: [], options: {}, promptHashes: {} }).tool };
    await writeResults(dir, reports, manifest);
    return { reports, regraded, infra };
  } finally {
    store.close();
  }
}

/** `ase report DIR`: scores from the store as they are. */
export async function reportFromDir(dir: string): Promise<{ reports: ModelReport[]; manifest: Record<string, unknown> }> {
  const store = ResultStore.open(dir, { readonly: true });
  try {
    const cfg = readStoredConfig(store);
    const snap = new Map(store.instances().map((i) => [i.id, i]));
    const instances = cfg.instances.flatMap((id) => (snap.get(id) ? [snap.get(id) as Instance] : []));
    return { reports: reportsFromStore(store, instances, cfg.models, cfg.cycles, cfg.bootstrap), manifest: store.lastManifest() ?? {} };
  } finally {
    store.close();
  }
}
