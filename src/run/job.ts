// One job: (instance, model, cycle) → stored answer → workspace → candidate → stored verdict.
import { errorMessage, type CycleVerdict, type JobKey } from '../core/index.js';
import type { ModelAdapter } from '../models/index.js';
import { integrate } from '../integrate/index.js';
import { createWorkspace, removeWorkspace } from '../repo/index.js';
import { finalizeVerdict } from '../score/index.js';
import type { ResultStore, StoredAnswer } from '../store/index.js';
import { evaluateCandidate } from './evaluate.js';
import type { PreparedInstance } from './prepare.js';
import type { RunConfig } from './config.js';

export type JobOutcome = 'generated' | 'reused' | 'infra';

function infraVerdict(reason: string): CycleVerdict {
  return finalizeVerdict({ merged: false, syntax: false, functional: null, static_findings: 0, poc_triggered: null, infra_error: reason, detail: {} });
}

/** Records an infrastructure failure of a job (the instance could not be prepared, …). */
export function recordInfra(store: ResultStore, key: JobKey, reason: string): void {
  store.putVerdict(key, infraVerdict(reason), null);
}

/**
 * Runs one job. The answer is stored the moment it arrives (before evaluation), so a killed
 * run never asks the model twice; an answer already stored (or `answer` given, for regrade) is reused.
 */
export async function runJob(
  store: ResultStore, prep: PreparedInstance, model: ModelAdapter | undefined, key: JobKey,
  cfg: Pick<RunConfig, 'mode' | 'dynamic' | 'keepWorkspaces'>, signal?: AbortSignal,
): Promise<JobOutcome> {
  let answer: StoredAnswer | undefined = store.getAnswer(key);
  let outcome: JobOutcome = 'reused';
  // A stored answer to another prompt (the context or template changed) is not an answer to this
  // one, except in regrade (no model), which re-judges exactly what was answered.
  if (!answer || (model && answer.prompt_hash !== prep.prompt.hash)) {
    if (!model) {
      recordInfra(store, key, 'no stored answer for this job');
      return 'infra';
    }
    const a = await model.generate({ prompt: prep.prompt, task: prep.task, cycle: key.cycle }, signal);
    if (a.infra_error) {
      recordInfra(store, key, `model: ${a.infra_error}`);
      return 'infra';
    }
    answer = { ...a, prompt_hash: prep.prompt.hash };
    store.putAnswer(key, answer);
    outcome = 'generated';
  }
  const ws = createWorkspace(prep.instance, prep.source);
  try {
    const cand = await integrate(answer, prep.task, ws.root, cfg.mode);
    const verdict = await evaluateCandidate(prep, ws.root, cand, { dynamic: cfg.dynamic, ...(signal ? { signal } : {}) });
    store.putVerdict(key, verdict, cand.merged_file ?? null);
    return verdict.infra_error ? 'infra' : outcome;
  } catch (err) {
    recordInfra(store, key, `harness: ${errorMessage(err)}`);
    return 'infra';
  } finally {
    if (!cfg.keepWorkspaces) removeWorkspace(ws);
  }
}
