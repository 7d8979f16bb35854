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

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

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
const f = (x: number): string => `${x.toFixed(1)} ms`;
console.log(`node -e 0, ${runs} interleaved runs each, cgroup ${st.cgroup}`);
console.log(`  outside (spawn → exit)                       median ${f(median(out))}`);
console.log(`  inside  (spawn → exit)                       median ${f(median(inS))}   extra ${f(median(inS) - median(out))}`);
console.log(`  inside  (whole call, cgroup setup/teardown)  median ${f(median(inT))}   extra ${f(median(inT) - median(out))}`);
