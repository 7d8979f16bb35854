// bench/pipeline: wall time and peak memory of the full gold run (all bundled instances × 3
// cycles) on a warm cache. Run: `npx tsx bench/pipeline.ts [--no-dynamic] [--dataset NAME]`.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadDataset } from '../src/dataset/index.js';
import { runBenchmark, type RunConfig } from '../src/run/index.js';

const argv = process.argv.slice(2);
const dynamic = !argv.includes('--no-dynamic');
const dsName = argv.includes('--dataset') ? argv[argv.indexOf('--dataset') + 1] ?? 'npm-cves' : 'npm-cves';
const ds = loadDataset(dsName);
const cycles = 3;

function config(): RunConfig {
  return {
    out: mkdtempSync(path.join(os.tmpdir(), 'ase-bench-pipeline-')),
    dataset: { name: ds.name, dir: ds.dir },
    instances: ds.instances,
    models: ['gold'],
    cycles,
    concurrency: Math.max(2, os.availableParallelism()),
    mode: 'infill',
    dynamic,
    fresh: false,
    responseCache: false,
    model: { params: {} },
    context: { budget: 16_000, topK: 5 },
    keepWorkspaces: false,
    progress: false,
    bootstrap: 1000,
  };
}

let peak = 0;
const sampler = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().rss);
}, 10);

const warm = Date.now();
await runBenchmark(config()); // fills the source, dependency and parse caches
const warmMs = Date.now() - warm;

const t0 = process.hrtime.bigint();
const res = await runBenchmark(config());
const ms = Number(process.hrtime.bigint() - t0) / 1e6;
clearInterval(sampler);
peak = Math.max(peak, process.memoryUsage().rss);

const jobs = ds.instances.length * cycles;
const gold = res.reports[0];
console.log(`bench/pipeline: dataset ${ds.name}, ${ds.instances.length} instances × ${cycles} cycles = ${jobs} jobs, gold, dynamic ${dynamic ? 'on' : 'off'}, concurrency ${config().concurrency}`);
console.log(`  first run (cold caches):   ${(warmMs / 1000).toFixed(2)} s`);
console.log(`  warm run wall time:        ${(ms / 1000).toFixed(2)} s`);
console.log(`  per (instance, cycle):     ${(ms / jobs).toFixed(0)} ms wall, ${((ms * config().concurrency) / jobs).toFixed(0)} ms of worker time`);
console.log(`  peak RSS:                  ${(peak / 2 ** 20).toFixed(0)} MiB (maxRSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB)`);
console.log(`  gold scores:               ${JSON.stringify(gold?.scores)} complete=${String(gold?.complete)}`);
