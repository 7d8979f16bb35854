// Memory of repeated cold scans of one instance's repository (issue 3, peak memory), in a fresh
// process: per scan, the process's high-water mark (VmHWM, which sees the peak inside
// synchronous code too), the RSS after a full collection, the CPU time; then the JS heap an
// analysis cache keeps after one more scan; at the end, the ast-grep node wrappers the scans
// obtained, by method (each holds ~500 bytes of native memory until its finalizer runs from the
// event loop: bench/napi-finalizers.mts).
// Run: node --expose-gc --import tsx bench/scan-memory.mts INSTANCE-ID-PART [--scans 3] [--dataset npm-cves]
import napi from '@ast-grep/napi';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const args = process.argv.slice(2);
const opt = (name: string, dflt: string): string => (args.includes(name) ? args[args.indexOf(name) + 1] ?? dflt : dflt);
const only = args[0] ?? '';
const scans = Number(opt('--scans', '3'));
const gc = (globalThis as { gc?: () => void }).gc;
if (only === '' || only.startsWith('--') || gc === undefined) {
  console.error('usage: node --expose-gc --import tsx bench/scan-memory.mts INSTANCE-ID-PART [--scans 3] [--dataset npm-cves]');
  process.exit(2);
}

// Count the wrappers every node-returning method hands out (before the analysis modules load).
const made = new Map<string, number>();
const proto = (napi as unknown as { SgNode: { prototype: Record<string, (...a: unknown[]) => unknown> } }).SgNode.prototype;
for (const m of ['ancestors', 'child', 'children', 'field', 'fieldChildren', 'find', 'findAll', 'getMatch', 'getMultipleMatches', 'namedChildren', 'next', 'nextAll', 'parent', 'prev', 'prevAll', 'getRoot']) {
  const orig = proto[m]!;
  proto[m] = function (this: unknown, ...a: unknown[]): unknown {
    const r = orig.apply(this, a);
    made.set(m, (made.get(m) ?? 0) + (r === null || r === undefined ? 0 : Array.isArray(r) ? r.length : 1));
    return r;
  };
}

const { analyze, createAnalysisCache, loadRules, rulePack } = await import('../src/analysis/index.js');
type AnalysisCache = ReturnType<typeof createAnalysisCache>;
const { listInstanceDirs, loadInstance, resolveDataset } = await import('../src/dataset/index.js');
const { fetchSource } = await import('../src/repo/index.js');
const ds = resolveDataset(opt('--dataset', 'npm-cves'));
const dir = listInstanceDirs(ds.dir).sort().find((d) => path.basename(d).includes(only));
if (dir === undefined) {
  console.error(`no instance of ${ds.name} whose id contains ${only}`);
  process.exit(2);
}
const inst = loadInstance(dir, ds.name);
const src = await fetchSource(inst.source);
const rules = [
  ...await loadRules(inst.rules.map((r) => path.resolve(inst.dir ?? '.', r))),
  ...await loadRules(rulePack(inst.cwe, inst.language)),
];
const work = mkdtempSync(path.join(os.tmpdir(), 'ase-mem-'));
const mb = (b: number): string => `${(b / 1048576).toFixed(0)} MB`;
const hwm = (): number => Number(/VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) * 1024;
try {
  cpSync(src.dir, work, { recursive: true });
  gc();
  console.log(`${inst.id}: RSS before the scans ${mb(process.memoryUsage.rss())}`);
  for (let i = 0; i < scans; i++) {
    const c0 = process.cpuUsage();
    const r = await analyze({ root: work, rules });
    const c = process.cpuUsage(c0);
    gc();
    await new Promise((res) => setImmediate(res));
    gc();
    console.log(`cold scan ${i + 1}: ${r.findings.length} findings, cpu ${((c.user + c.system) / 1000).toFixed(0)} ms, high-water mark so far ${mb(hwm())}, RSS after a gc ${mb(process.memoryUsage.rss())}`);
  }
  // The JS heap an analysis cache keeps between scans (what an incremental rescan reuses).
  let cache: AnalysisCache | undefined = createAnalysisCache();
  await analyze({ root: work, rules, cache });
  const settled = async (): Promise<number> => {
    gc();
    await new Promise((res) => setImmediate(res));
    gc();
    return process.memoryUsage().heapUsed;
  };
  const withCache = await settled();
  const results = cache.results.size;
  cache = undefined;
  const without = await settled();
  console.log(`analysis cache after a scan: ${results} rule results, ${((withCache - without) / 1048576).toFixed(1)} MB of JS heap`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
const total = [...made.values()].reduce((a, b) => a + b, 0);
console.log(`node wrappers obtained in ${scans} scan(s): ${total} (${[...made].filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1]).map(([m, n]) => `${m} ${n}`).join(', ')})`);
