// How much the sandbox adds: median start-to-exit time of `node -e 0` outside vs inside the
// bubblewrap sandbox (issue 4 target: ≤ 50 ms extra per run). Runs are interleaved so that load
// from other work on the machine hits both sides alike.
//   npx tsx bench/sandbox.ts [runs=30]

import { spawn } from 'node:child_process';
import { runSandboxed } from '../src/dynamic/sandbox.js';
import { sandboxStatus } from '../src/dynamic/index.js';

const runs = Number(process.argv[2] ?? 30);

function outside(): Promise<number> {
  const t = performance.now();
  return new Promise((resolve, reject) => {
    const c = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore', env: { PATH: '/usr/bin:/bin' } });
    c.on('error', reject);
    c.on('close', () => resolve(performance.now() - t));
  });
}

async function inside(): Promise<{ spawnToExit: number; total: number }> {
  const t = performance.now();
  const r = await runSandboxed({ argv: [process.execPath, '-e', '0'], env: { PATH: '/usr/bin:/bin' }, mounts: [] });
  if (r.exitCode !== 0) throw new Error(`sandboxed node failed: ${JSON.stringify(r)}`);
  return { spawnToExit: r.durationMs, total: performance.now() - t };
}

const quantile = (xs: number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  return s[lo]! + (s[Math.min(lo + 1, s.length - 1)]! - s[lo]!) * (pos - lo);
};
const median = (xs: number[]): number => quantile(xs, 0.5);

const st = await sandboxStatus();
if (!st.available) {
  console.error(`sandbox unavailable: ${st.reason}`);
  process.exit(2);
}
await outside();
await inside();
const out: number[] = [];
const inS: number[] = [];
const inT: number[] = [];
for (let i = 0; i < runs; i++) {
  out.push(await outside());
  const r = await inside();
  inS.push(r.spawnToExit);
  inT.push(r.total);
}
const f = (x: number): string => `${x.toFixed(1).padStart(6)} ms`;
const load = (await import('node:os')).loadavg()[0]!.toFixed(1);
console.log(`node -e 0, ${runs} interleaved runs each, cgroup ${st.cgroup}, load average ${load} on ${(await import('node:os')).cpus().length} CPUs`);
console.log('                                               median      extra    (p10      extra)');
const row = (name: string, xs: number[]): void => {
  const extra = name.startsWith('outside') ? '' : `${f(median(xs) - median(out))}`;
  const extra10 = name.startsWith('outside') ? '' : `${f(quantile(xs, 0.1) - quantile(out, 0.1))}`;
  console.log(`  ${name.padEnd(44)} ${f(median(xs))} ${extra.padStart(10)}   ${f(quantile(xs, 0.1))} ${extra10.padStart(9)}`);
};
row('outside (spawn → exit)', out);
row('inside  (spawn → exit)', inS);
row('inside  (whole call, cgroup setup/teardown)', inT);
