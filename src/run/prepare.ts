// Per-instance preparation, done once per run and shared by every (model, cycle) job:
// fetch the vulnerable and fixed sources, read the gold block, mask, build the prompt, load rules.
import path from 'node:path';
import { existsSync } from 'node:fs';
import type { Instance, Prompt, Task } from '../core/index.js';
import { cacheDir, fetchSource, type FetchedSource, type FetchOptions } from '../repo/index.js';
import { prepareDependencies } from '../dynamic/index.js';
import { makeTask, readGoldBlock } from '../task/index.js';
import { buildPrompt } from '../context/index.js';
import { createAnalysisCache, loadRules, rulePack, type AnalysisCache, type Rule } from '../analysis/index.js';
import type { RunConfig } from './config.js';

export interface PreparedInstance {
  instance: Instance;
  source: FetchedSource;
  task: Task;
  prompt: Prompt;
  /** The CVE-specific rules (findings anywhere count). */
  cveRules: Rule[];
  /** The default pack of the instance's CWE (findings count only inside the written block). */
  packRules: Rule[];
  analysisCache: AnalysisCache;
  /** Verdict caches keyed by the merged file's hash: the rest of the repository never changes. */
  memo: Map<string, unknown>;
  depsDir?: string;
}

/** `dynamic`: also install the package's dependencies for its tests and PoC (once per name@version). */
export async function prepareInstance(instance: Instance, cfg: Pick<RunConfig, 'mode' | 'context' | 'gitMirror' | 'registry'> & { dynamic?: boolean }): Promise<PreparedInstance> {
  const fetchOpts: FetchOptions = { ...(cfg.gitMirror ? { gitMirror: cfg.gitMirror } : {}), ...(cfg.registry ? { registry: cfg.registry } : {}) };
  const source = await fetchSource(instance.source, fetchOpts);
  const fixSource = instance.fix?.source ? await fetchSource(instance.fix.source, fetchOpts) : undefined;
  const gold = readGoldBlock(instance, fixSource?.dir);
  const task = makeTask(instance, source.dir, gold);
  const prompt = buildPrompt(task, source.dir, { mode: cfg.mode, budget: cfg.context.budget, topK: cfg.context.topK });
  const cveRules = await loadRules(instance.rules.map((r) => path.resolve(instance.dir ?? '.', r)));
  const packFiles = rulePack(instance.cwe, instance.language).filter((f) => existsSync(f));
  const packRules = packFiles.length ? await loadRules(packFiles) : [];
  const depsDir = cfg.dynamic && (instance.tests || instance.poc) ? await prepareDependencies(instance, source.dir, cacheDir('deps')) : undefined;
  return { instance, source, task, prompt, cveRules, packRules, analysisCache: createAnalysisCache(), memo: new Map(), ...(depsDir ? { depsDir } : {}) };
}
