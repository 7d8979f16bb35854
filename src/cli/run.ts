// `ase run`: parse flags, resolve the dataset, call the orchestrator, print the table.
import os from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import { Option } from 'commander';
import { HarnessError, type ModelParams } from '../core/index.js';
import { loadDataset } from '../dataset/index.js';
import { renderBreakdown, renderTable } from '../report/index.js';
import { runBenchmark, type RunConfig } from '../run/index.js';
import { collect, existingDir, floatOption, intOption } from './options.js';

export const DEFAULT_DATASET = 'npm-cves';

/** One or more datasets as one (ids must stay unique): `--dataset npm-cves --dataset npm-cves-mutants`. */
function loadDatasets(names: string[]): ReturnType<typeof loadDataset> {
  const all = names.map((n) => loadDataset(n));
  if (all.length === 1) return all[0]!;
  const seen = new Map<string, string>();
  for (const d of all) {
    for (const i of d.instances) {
      const other = seen.get(i.id);
      if (other) throw new HarnessError('CONFIG_INVALID', `--dataset: instance "${i.id}" is in both ${other} and ${d.name}`);
      seen.set(i.id, d.name);
    }
  }
  return {
    name: all.map((d) => d.name).join('+'),
    dir: all[0]!.dir,
    instances: all.flatMap((d) => d.instances),
    problems: all.flatMap((d) => d.problems ?? []),
  };
}
export const DEFAULT_OUT = 'ase-results';

interface RunFlags {
  model: string[];
  dataset?: string[];
  instance?: string[];
  cwe?: string[];
  cycles: number;
  concurrency: number;
  out: string;
  output: 'infill' | 'diff';
  baseUrl?: string;
  apiKeyEnv?: string;
  temperature?: number;
  topP?: number;
  maxTokens?: number;
  reasoningEffort?: string;
  seed?: number;
  timeout?: number;
  maxRetries?: number;
  dynamic: boolean;
  cache: boolean;
  fresh: boolean;
  gitMirror?: string;
  registry?: string;
  aseImages?: string;
  budget: number;
  topK: number;
  keepWorkspaces: boolean;
  progress: boolean;
  bootstrap: number;
}

export function registerRun(program: Command): void {
  program.command('run')
    .description('run the benchmark: generate, integrate, judge and score every (instance, model, cycle)')
    .requiredOption('-m, --model <spec>', 'model to evaluate (repeatable): gold, vulnerable, empty, openai:<model>, anthropic:<model>', collect)
    .option('-d, --dataset <name|path>', `bundled dataset name or dataset folder (repeatable: e.g. seeds and their mutants together; default ${DEFAULT_DATASET})`, collect)
    .option('-i, --instance <id>', 'only these instances (repeatable)', collect)
    .option('--cwe <CWE-n>', 'only instances of this CWE (repeatable)', collect)
    .option('-c, --cycles <n>', 'generations per instance (Stability needs ≥ 2)', intOption('--cycles', 1, 100), 3)
    .option('-j, --concurrency <n>', 'jobs in flight at once (and requests per model)', intOption('--concurrency', 1, 256), Math.max(2, os.availableParallelism()))
    .option('-o, --out <dir>', 'output folder (store, results.json, results.csv); rerunning resumes', DEFAULT_OUT)
    .addOption(new Option('--output <mode>', 'answer format asked of the model').choices(['infill', 'diff']).default('infill'))
    .option('--base-url <url>', 'OpenAI-compatible endpoint (vLLM, Ollama, llama.cpp server, OpenRouter …)')
    .option('--api-key-env <VAR>', 'environment variable holding the API key (default OPENAI_API_KEY / ANTHROPIC_API_KEY)')
    .option('--temperature <t>', 'sampling temperature', floatOption('--temperature', 0, 2))
    .option('--top-p <p>', 'nucleus sampling', floatOption('--top-p', 0, 1))
    .option('--max-tokens <n>', 'maximum answer tokens', intOption('--max-tokens', 1, 1_000_000))
    .option('--reasoning-effort <level>', 'reasoning effort passed to reasoning models (e.g. low, medium, high)')
    .option('--seed <n>', 'sampling seed passed to the provider', intOption('--seed', 0))
    .option('--timeout <ms>', 'per-request timeout', intOption('--timeout', 100))
    .option('--max-retries <n>', 'retries on 429/5xx/timeouts', intOption('--max-retries', 0, 20))
    .option('--no-dynamic', 'skip functional tests and PoCs (static verdicts only)')
    .option('--no-cache', 'do not reuse cached model responses from earlier runs')
    .option('--fresh', 'start over: move the existing store aside (ase.sqlite.bak)', false)
    .option('--git-mirror <dir>', 'resolve git owner/name to DIR/owner/name.git (offline mirrors)')
    .option('--registry <url>', 'npm registry URL')
    .option('--ase-images <dir>', 'A.S.E v2 instances: folder of image archives (docker save / OCI, named <image ref with / and : as _>.tar) whose status, test and PoC commands run in the sandbox')
    .option('--budget <tokens>', 'prompt token budget', intOption('--budget', 500, 2_000_000), 16_000)
    .option('--top-k <n>', 'BM25-retrieved files in the prompt', intOption('--top-k', 0, 100), 5)
    .option('--keep-workspaces', 'keep job workspaces on disk', false)
    .option('--no-progress', 'no progress bar')
    .option('--bootstrap <n>', 'bootstrap resamples for the 95% intervals', intOption('--bootstrap', 0, 100_000), 1000)
    .action(async (flags: RunFlags) => {
      const ds = loadDatasets(flags.dataset?.length ? flags.dataset : [DEFAULT_DATASET]);
      for (const p of ds.problems ?? []) process.stderr.write(`skipped: ${p}\n`);
      let instances = ds.instances;
      if (flags.instance?.length) {
        const unknown = flags.instance.filter((id) => !instances.some((i) => i.id === id));
        if (unknown.length) throw new HarnessError('CONFIG_INVALID', `--instance: no instance "${unknown[0]}" in dataset ${ds.name}`);
        instances = instances.filter((i) => flags.instance?.includes(i.id));
      }
      if (flags.cwe?.length) instances = instances.filter((i) => flags.cwe?.includes(i.cwe));
      if (instances.length === 0) throw new HarnessError('CONFIG_INVALID', `nothing to run: no instance of dataset ${ds.name} matches the filters`);
      const dupModel = flags.model.find((m, i) => flags.model.indexOf(m) !== i);
      if (dupModel) throw new HarnessError('CONFIG_INVALID', `--model ${dupModel} is given twice`);
      const params: ModelParams = {
        ...(flags.temperature !== undefined ? { temperature: flags.temperature } : {}),
        ...(flags.topP !== undefined ? { top_p: flags.topP } : {}),
        ...(flags.maxTokens !== undefined ? { max_tokens: flags.maxTokens } : {}),
        ...(flags.reasoningEffort !== undefined ? { reasoning_effort: flags.reasoningEffort } : {}),
        ...(flags.seed !== undefined ? { seed: flags.seed } : {}),
      };
      const cfg: RunConfig = Object.freeze({
        out: path.resolve(flags.out),
        dataset: { name: ds.name, dir: ds.dir },
        instances,
        models: flags.model,
        cycles: flags.cycles,
        concurrency: flags.concurrency,
        mode: flags.output,
        dynamic: flags.dynamic,
        fresh: flags.fresh,
        responseCache: flags.cache,
        model: {
          ...(flags.baseUrl ? { baseUrl: flags.baseUrl } : {}),
          ...(flags.apiKeyEnv ? { apiKeyEnv: flags.apiKeyEnv } : {}),
          params,
          ...(flags.timeout ? { timeoutMs: flags.timeout } : {}),
          ...(flags.maxRetries !== undefined ? { maxRetries: flags.maxRetries } : {}),
        },
        context: { budget: flags.budget, topK: flags.topK },
        ...(flags.gitMirror ? { gitMirror: path.resolve(flags.gitMirror) } : {}),
        ...(flags.registry ? { registry: flags.registry } : {}),
        ...(flags.aseImages ? { aseImages: existingDir('--ase-images', flags.aseImages) } : {}),
        keepWorkspaces: flags.keepWorkspaces,
        progress: flags.progress,
        bootstrap: flags.bootstrap,
      });
      const t0 = Date.now();
      const summary = await runBenchmark(cfg);
      const c = summary.counts;
      console.log(renderTable(summary.reports));
      // Seeds and mutants run together: how much of a score survives the change of surface.
      if (instances.some((i) => i.seed) && instances.some((i) => !i.seed)) console.log(renderBreakdown(summary.reports, 'kind'));
      console.log(`${instances.length} instances × ${cfg.models.length} models × ${cfg.cycles} cycles: ${c.generated} generated, ${c.reused} re-judged from stored answers, ${c.skipped} already done, ${c.infra} infrastructure errors — ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      console.log(`results: ${path.join(cfg.out, 'results.json')}, ${path.join(cfg.out, 'results.csv')}`);
      if (summary.reports.some((r) => !r.complete)) {
        console.error(`ase: results are incomplete: infrastructure errors left (first: ${summary.firstInfra ?? 'missing cycles'}); rerun the same command to retry them`);
        process.exitCode = 3;
      }
    });
}
