// From the store to reports: the one place that turns stored verdicts into ModelReports.
import type { CycleVerdict, Instance } from '../core/index.js';
import { describeSource } from '../repo/index.js';
import { scoreModel, type InstanceResult, type ModelReport } from '../score/index.js';
import type { ResultStore } from '../store/index.js';

function repoName(inst: Instance): string {
  const s = inst.source;
  return s.type === 'npm' ? s.name : s.type === 'git' ? s.repo : describeSource(s);
}

/** Scores every model of a store over `instances` (the run's instance list). */
export function reportsFromStore(store: ResultStore, instances: Instance[], models: string[], cycles: number, bootstrap: number): ModelReport[] {
  return models.map((model) => {
    const byInstance = new Map<string, CycleVerdict[]>();
    for (const v of store.verdicts(model)) {
      if (v.cycle >= cycles) continue;
      const arr = byInstance.get(v.instance_id) ?? [];
      arr[v.cycle] = v.verdict;
      byInstance.set(v.instance_id, arr);
    }
    const gen = new Map<string, InstanceResult['generation']>();
    for (const a of store.answers(model)) {
      const g = gen.get(a.instance_id) ?? [];
      g.push({ latency_ms: a.latency_ms, ...(a.usage?.input_tokens !== undefined ? { input_tokens: a.usage.input_tokens } : {}), ...(a.usage?.output_tokens !== undefined ? { output_tokens: a.usage.output_tokens } : {}) });
      gen.set(a.instance_id, g);
    }
    const results: InstanceResult[] = instances.map((inst) => ({
      id: inst.id, cwe: inst.cwe, language: inst.language, seed: inst.seed,
      ...(inst.mutation_of ? { mutation_of: inst.mutation_of } : {}),
      repo: repoName(inst),
      cycles: byInstance.get(inst.id) ?? [],
      ...(gen.get(inst.id) ? { generation: gen.get(inst.id) } : {}),
    }));
    return scoreModel(model, results, { cycles, bootstrap });
  });
}
