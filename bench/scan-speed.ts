// Scan speed of the static analysis (issue 3 acceptance): for each JS instance of the bundled
// dataset, the time to scan the whole repository with its CVE rule + its CWE's default pack
// (cold: fresh cache), and the incremental rescan after the masked file changed (warm cache,
// the file alternates between the vulnerable and the gold block). Prints median and p95 over
// all runs, and the peak RSS of the process. Targets: ≤ 300 ms, ≤ 50 ms, ≤ 300 MB.
// Run: node --expose-gc --import tsx bench/scan-speed.ts [--dataset npm-cves] [--runs 5] [--only SUBSTR[,SUBSTR…]] [--rss-per-scan]
// Equality check (no timing): `--dump FILE` writes, per instance, the findings and notices of a
// cold scan of the vulnerable and of the gold version, and `--compare FILE` recomputes them and
// exits 1 on any difference; both modes also check that warm-cache rescans (gold after
// vulnerable after gold) give exactly the cold results.
// (with --expose-gc the garbage of one instance is collected before the next, so the peak RSS
// is that of one instance's scans and its cache, not of the whole benchmark's leftovers).
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AnalysisResult } from '../src/core/index.js';
import { analyze, createAnalysisCache, loadRules, rulePack, type Rule } from '../src/analysis/index.js';
import { listInstanceDirs, loadInstance, resolveDataset } from '../src/dataset/index.js';
import { fetchSource } from '../src/repo/index.js';
import { makeTask, readGoldBlock, spliceBlock } from '../src/task/index.js';

const args = process.argv.slice(2);
const opt = (name: string, dflt: string): string => (args.includes(name) ? args[args.indexOf(name) + 1] ?? dflt : dflt);
const datasetName = opt('--dataset', 'npm-cves');
const runs = Number(opt('--runs', '5'));
const only = opt('--only', '');
const dumpTo = opt('--dump', '');
const compareWith = opt('--compare', '');
const checkMode = dumpTo !== '' || compareWith !== '';
/** `--only a,b`: the instances whose id contains one of the comma-separated texts. */
const picked = (id: string): boolean => only === '' || only.split(',').some((o) => o !== '' && id.includes(o));
/** Print the peak RSS of each cold scan (stderr): shows whether repeated scans in one process keep more memory. */
const rssPerScan = args.includes('--rss-per-scan');

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const i = (s.length - 1) * q;
  const lo = Math.floor(i);
  const hi = Math.ceil(i);
  return s[lo]! + (s[hi]! - s[lo]!) * (i - lo);
}

let peakRss = 0;
/** The highest RSS sampled while the current instance ran, and which instance set the overall peak. */
let instancePeak = 0;
let peakBy = '';
let current = '';
const sample = (): void => {
  const rss = process.memoryUsage().rss;
  instancePeak = Math.max(instancePeak, rss);
  if (rss > peakRss) {
    peakRss = rss;
    peakBy = current;
  }
};
const mb = (b: number): string => `${(b / 1024 / 1024).toFixed(0)} MB`;
const timer = setInterval(sample, 5);

/** What the equality check compares: findings as returned (order included), notices as a sorted set. */
function outcome(r: AnalysisResult): unknown {
  return {
    files_scanned: r.files_scanned,
    findings: r.findings,
    notices: r.notices.map((n) => JSON.stringify(n)).sort(),
  };
}

const full: number[] = [];
const incremental: number[] = [];
const fullCpu: number[] = [];
const incCpu: number[] = [];
const cpuMs = (c: NodeJS.CpuUsage): number => (c.user + c.system) / 1000;
const gc = (globalThis as { gc?: () => void }).gc;
const perInstance: Array<{ line: string; full: number; incremental: number; incrementalCpu: number }> = [];
const outcomes: Record<string, { vulnerable: unknown; gold: unknown }> = {};
const problems: string[] = [];
/**
 * Times one instance: `runs` cold scans, then incremental rescans with a cache. In a function of
 * its own so that the cache and results die when it returns (an async loop body keeps its locals
 * until the next iteration overwrites them, which held one instance's cache during the next).
 */
async function measure(id: string, work: string, rules: Rule[], putVulnerable: () => void, putGold: () => void): Promise<{ line: string; full: number; incremental: number; incrementalCpu: number }> {
  const mine: number[] = [];
  let files = 0;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const before = instancePeak;
    instancePeak = 0;
    const r = await analyze({ root: work, rules });
    mine.push(performance.now() - t0);
    fullCpu.push(cpuMs(process.cpuUsage(c0)));
    files = r.files_scanned;
    sample();
    if (rssPerScan) process.stderr.write(`${id}: cold scan ${i + 1}: peak RSS ${mb(instancePeak)}\n`);
    instancePeak = Math.max(before, instancePeak);
  }
  const cache = createAnalysisCache();
  await analyze({ root: work, rules, cache });
  const inc: number[] = [];
  const mineCpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    if (i % 2 === 0) putGold();
    else putVulnerable();
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    await analyze({ root: work, rules, cache });
    inc.push(performance.now() - t0);
    mineCpu.push(cpuMs(process.cpuUsage(c0)));
    sample();
  }
  full.push(...mine);
  incremental.push(...inc);
  incCpu.push(...mineCpu);
  const fullMedian = quantile(mine, 0.5);
  return {
    full: fullMedian, incremental: quantile(inc, 0.5), incrementalCpu: quantile(mineCpu, 0.5),
    line: `${id.padEnd(48)} ${String(files).padStart(4)} files  full ${fullMedian.toFixed(1).padStart(7)} ms  incremental ${quantile(inc, 0.5).toFixed(1).padStart(6)} ms (CPU ${quantile(mineCpu, 0.5).toFixed(1).padStart(6)} ms)  peak rss ${mb(instancePeak).padStart(6)}`,
  };
}

const ds = resolveDataset(datasetName);
for (const dir of listInstanceDirs(ds.dir).sort()) {
  let inst;
  try {
    inst = loadInstance(dir, ds.name);
  } catch {
    continue;
  }
  if (!['javascript', 'typescript'].includes(inst.language)) continue;
  if (!picked(inst.id)) continue;
  const src = await fetchSource(inst.source);
  const fixDir = inst.fix?.source !== undefined ? (await fetchSource(inst.fix.source)).dir : undefined;
  const task = makeTask(inst, src.dir);
  const gold = readGoldBlock(inst, fixDir, src.dir) ?? task.vulnerableBlock;
  const rules = [
    ...await loadRules(inst.rules.map((r) => path.resolve(inst.dir ?? '.', r))),
    ...await loadRules(rulePack(inst.cwe, inst.language)),
  ];
  gc?.();
  current = inst.id;
  instancePeak = 0;
  const work = mkdtempSync(path.join(os.tmpdir(), 'ase-speed-'));
  try {
    cpSync(src.dir, work, { recursive: true });
    const target = path.join(work, inst.vuln_file);
    if (checkMode) {
      const put = (b: string[]): void => writeFileSync(target, spliceBlock(task, b));
      put(task.vulnerableBlock);
      const vulnerable = outcome(await analyze({ root: work, rules }));
      put(gold);
      const goldOut = outcome(await analyze({ root: work, rules }));
      outcomes[inst.id] = { vulnerable, gold: goldOut };
      // Warm cache: each rescan must give exactly the cold result.
      const cache = createAnalysisCache();
      const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);
      for (const [name, block, want] of [['gold', gold, goldOut], ['vulnerable', task.vulnerableBlock, vulnerable], ['gold', gold, goldOut]] as const) {
        put(block);
        const got = outcome(await analyze({ root: work, rules, cache }));
        if (!same(got, want)) problems.push(`${inst.id}: warm-cache rescan of the ${name} version differs from a cold scan`);
      }
      console.log(`${inst.id.padEnd(48)} vulnerable ${(vulnerable as { findings: unknown[] }).findings.length} finding(s), gold ${(goldOut as { findings: unknown[] }).findings.length}`);
      continue;
    }
    perInstance.push(await measure(inst.id, work, rules, () => writeFileSync(target, spliceBlock(task, task.vulnerableBlock)), () => writeFileSync(target, spliceBlock(task, gold))));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  // What the instance left alive once its scans and cache are dropped: RSS and heaps after a full collection.
  const last = perInstance[perInstance.length - 1];
  if (gc !== undefined && last !== undefined && !checkMode) {
    gc();
    await new Promise((r) => setImmediate(r));
    gc();
    const m = process.memoryUsage();
    last.line += `  after: rss ${mb(m.rss)} heap ${mb(m.heapUsed)}/${mb(m.heapTotal)} external ${mb(m.external)}`;
  }
  if (last !== undefined && !checkMode) process.stderr.write(`${last.line}\n`);
}
clearInterval(timer);
sample();
if (checkMode) {
  if (dumpTo !== '') {
    writeFileSync(dumpTo, JSON.stringify(outcomes, null, 1) + '\n');
    console.log(`wrote the findings of ${Object.keys(outcomes).length} instances (vulnerable and gold) to ${dumpTo}`);
  }
  if (compareWith !== '') {
    let before: Record<string, unknown>;
    try {
      before = JSON.parse(readFileSync(compareWith, 'utf8')) as Record<string, unknown>;
    } catch (err) {
      console.error(`${compareWith}: cannot read the findings dump: ${err instanceof Error ? err.message : String(err)}`);
      process.exit(2);
    }
    for (const id of new Set([...Object.keys(before), ...Object.keys(outcomes)])) {
      if (!picked(id)) continue;
      const a = before[id] as { vulnerable: unknown; gold: unknown } | undefined;
      const b = outcomes[id];
      if (a === undefined || b === undefined) problems.push(`${id}: present in only one of the two runs`);
      else for (const v of ['vulnerable', 'gold'] as const) {
        if (JSON.stringify(a[v]) !== JSON.stringify(b[v])) problems.push(`${id}: the ${v} version's findings or notices differ from ${compareWith}`);
      }
    }
  }
  for (const p of problems) console.log(`DIFF ${p}`);
  console.log(problems.length === 0 ? `equality check: ${Object.keys(outcomes).length} instances, no difference` : `equality check: ${problems.length} difference(s)`);
  process.exit(problems.length === 0 ? 0 : 1);
}
for (const l of perInstance) console.log(l.line);
console.log(`\n${perInstance.length} instances × ${runs} runs (CVE rule + default pack of the CWE)`);
console.log(`whole repository: median ${quantile(full, 0.5).toFixed(1)} ms, p95 ${quantile(full, 0.95).toFixed(1)} ms (target ≤ 300 ms)`);
console.log(`incremental (masked file changed): median ${quantile(incremental, 0.5).toFixed(1)} ms, p95 ${quantile(incremental, 0.95).toFixed(1)} ms (target ≤ 50 ms)`);
console.log(`CPU time (less sensitive to machine load): whole median ${quantile(fullCpu, 0.5).toFixed(1)} ms, p95 ${quantile(fullCpu, 0.95).toFixed(1)} ms; incremental median ${quantile(incCpu, 0.5).toFixed(1)} ms, p95 ${quantile(incCpu, 0.95).toFixed(1)} ms`);
// The overall incremental median sits among these: whether it holds depends on how far the
// instances around the middle are from the target, not only on the one that lands in the middle.
const byInc = [...perInstance].sort((a, b) => a.incremental - b.incremental);
const mid = Math.floor((byInc.length - 1) / 2);
console.log('instances around the middle (incremental median, wall):');
for (const l of byInc.slice(Math.max(0, mid - 3), mid + 4)) console.log(`  ${l.line}`);
console.log('slowest instances (whole repository, median):');
for (const l of [...perInstance].sort((a, b) => b.full - a.full).slice(0, 5)) console.log(`  ${l.line}`);
console.log(`load average at the end: ${os.loadavg().map((x) => x.toFixed(1)).join(' ')} on ${os.availableParallelism()} CPUs`);
// Two figures: the RSS sampled between scans and every 5 ms while a scan yields (the figure this
// bench always printed), and the kernel's high-water mark of the process (ru_maxrss), which also
// sees the peak inside a scan that never yields.
console.log(`peak RSS: sampled ${(peakRss / 1024 / 1024).toFixed(0)} MB (set while scanning ${peakBy}), high-water mark ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB (target ≤ 300 MB)${gc === undefined ? ' — run with node --expose-gc for a per-scan figure' : ''}`);
