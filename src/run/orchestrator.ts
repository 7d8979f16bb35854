// The orchestrator: a queue of (instance, model, cycle) jobs with a concurrency limit. It only
// calls stages; each stage's work lives in its own folder.
import pLimit from 'p-limit';
import { errorMessage, HarnessError, isInfraError, type Instance, type JobKey } from '../core/index.js';
import { createModel, type ModelAdapter } from '../models/index.js';
import { cacheDir } from '../repo/index.js';
import { sandboxStatus } from '../dynamic/index.js';
import type { ModelReport } from '../score/index.js';
import { ResultStore } from '../store/index.js';
import { writeResults } from '../report/index.js';
import type { RunConfig } from './config.js';
import { recordInfra, runJob, type JobOutcome } from './job.js';
import { buildManifest } from './manifest.js';
import { prepareInstance, releasePrepared, type PreparedInstance } from './prepare.js';
import { createProgress } from './progress.js';
import { reportsFromStore } from './results.js';

export interface RunSummary {
  reports: ModelReport[];
  counts: Record<JobOutcome | 'skipped', number>;
  manifest: Record<string, unknown>;
  /** First infrastructure error, for the one-line notice. */
  firstInfra?: string;
}

/** Checks the sandbox once, up front: a missing sandbox is one clear line, not N infra errors. */
async function checkSandbox(cfg: RunConfig): Promise<void> {
  if (!cfg.dynamic || !cfg.instances.some((i) => i.tests || i.poc)) return;
  const st = await sandboxStatus();
  if (!st.available) {
    throw new HarnessError('SANDBOX_UNAVAILABLE', `sandbox unavailable (${st.reason ?? 'bubblewrap missing'}): install bubblewrap (apt-get install -y bubblewrap) or pass --no-dynamic to skip tests and PoCs`);
  }
}

async function prepareAll(cfg: RunConfig): Promise<{ prepared: Map<string, PreparedInstance>; failed: Map<string, string> }> {
  const prepared = new Map<string, PreparedInstance>();
  const failed = new Map<string, string>();
  const limit = pLimit(Math.max(2, cfg.concurrency));
  await Promise.all(cfg.instances.map((inst) => limit(async () => {
    try {
      const prep = await prepareInstance(inst, cfg);
      prepared.set(inst.id, prep);
    } catch (err) {
      if (!isInfraError(err)) throw err;
      failed.set(inst.id, errorMessage(err));
    }
  })));
  if (prepared.size === 0 && failed.size > 0) {
    // Nothing can run: say why in one line rather than scoring N infrastructure errors.
    throw new HarnessError('SOURCE_UNAVAILABLE', [...failed.values()][0] ?? 'no instance could be prepared');
  }
  return { prepared, failed };
}

export function modelOptions(cfg: RunConfig): Parameters<typeof createModel>[1] {
  return {
    ...(cfg.model.baseUrl ? { baseUrl: cfg.model.baseUrl } : {}),
    ...(cfg.model.apiKeyEnv ? { apiKeyEnv: cfg.model.apiKeyEnv } : {}),
    params: cfg.model.params,
    ...(cfg.model.timeoutMs ? { timeoutMs: cfg.model.timeoutMs } : {}),
    ...(cfg.model.maxRetries !== undefined ? { maxRetries: cfg.model.maxRetries } : {}),
    ...(cfg.model.retryDelayMs ? { retryDelayMs: cfg.model.retryDelayMs } : {}),
    concurrency: cfg.concurrency,
    ...(cfg.responseCache ? { cacheDir: cacheDir('responses') } : {}),
  };
}

/** Runs (or resumes) a benchmark. Finished jobs are skipped; stored answers are reused. */
export async function runBenchmark(cfg: RunConfig, signal?: AbortSignal): Promise<RunSummary> {
  const adapters: ModelAdapter[] = cfg.models.map((m) => createModel(m, modelOptions(cfg)));
  await checkSandbox(cfg);
  // Everything that can fail on bad input (sources, regions, rules) runs before the store is
  // touched, so a broken instance or an unreachable registry never changes an existing store.
  const { prepared, failed } = await prepareAll(cfg);
  const store = ResultStore.open(cfg.out, { fresh: cfg.fresh });
  try {
    store.transaction(() => {
      for (const a of adapters) store.putModel(a.id, a.describe());
    });
    const instanceHashes = Object.fromEntries(cfg.instances.map((i) => [i.id, store.putInstance(i)]));
    for (const p of prepared.values()) store.putPrompt(p.instance.id, p.prompt);
    const manifest = buildManifest({
      dataset: cfg.dataset,
      instanceHashes,
      models: adapters.map((a) => a.describe()),
      options: { cycles: cfg.cycles, mode: cfg.mode, dynamic: cfg.dynamic, context: cfg.context, concurrency: cfg.concurrency },
      promptHashes: store.promptHashes(),
    });
    store.setMeta('config', JSON.stringify({ dataset: cfg.dataset, models: cfg.models, cycles: cfg.cycles, mode: cfg.mode, dynamic: cfg.dynamic, context: cfg.context, bootstrap: cfg.bootstrap, instances: cfg.instances.map((i) => i.id),
      ...(cfg.gitMirror ? { gitMirror: cfg.gitMirror } : {}), ...(cfg.registry ? { registry: cfg.registry } : {}), ...(cfg.aseImages ? { aseImages: cfg.aseImages } : {}) }));
    const runId = store.startRun(`ase run ${cfg.models.map((m) => `--model ${m}`).join(' ')}`, manifest);

    const counts: RunSummary['counts'] = { generated: 0, reused: 0, infra: 0, skipped: 0 };
    const jobs: { key: JobKey; adapter: ModelAdapter; inst: Instance }[] = [];
    for (const adapter of adapters) {
      for (const inst of cfg.instances) {
        for (let cycle = 0; cycle < cfg.cycles; cycle++) {
          const key = { instance_id: inst.id, model: adapter.id, cycle };
          const done = store.getVerdict(key);
          if (done && !done.infra_error && prepared.has(inst.id)) counts.skipped++;
          else jobs.push({ key, adapter, inst });
        }
      }
    }
    const progress = createProgress(cfg.progress, jobs.length);
    const limit = pLimit(cfg.concurrency);
    // Jobs left per instance: its analysis cache is dropped after its last one (run memory).
    const left = new Map<string, number>();
    for (const { inst } of jobs) left.set(inst.id, (left.get(inst.id) ?? 0) + 1);
    let firstInfra: string | undefined;
    await Promise.all(jobs.map(({ key, adapter, inst }) => limit(async () => {
      if (signal?.aborted) return;
      const prep = prepared.get(inst.id);
      let outcome: JobOutcome;
      if (!prep) {
        recordInfra(store, key, `source: ${failed.get(inst.id) ?? 'not prepared'}`);
        outcome = 'infra';
      } else {
        outcome = await runJob(store, prep, adapter, key, cfg, signal);
      }
      counts[outcome]++;
      const n = (left.get(inst.id) ?? 1) - 1;
      left.set(inst.id, n);
      if (n === 0 && prep) releasePrepared(prep);
      if (outcome === 'infra') firstInfra ??= store.getVerdict(key)?.infra_error ?? undefined;
      progress.tick(`${adapter.id} ${inst.id}#${key.cycle}`);
    })));
    progress.stop();
    store.finishRun(runId);

    const reports = reportsFromStore(store, cfg.instances, adapters.map((a) => a.id), cfg.cycles, cfg.bootstrap);
    await writeResults(cfg.out, reports, manifest);
    return { reports, counts, manifest, ...(firstInfra ? { firstInfra } : {}) };
  } finally {
    store.close();
  }
}
