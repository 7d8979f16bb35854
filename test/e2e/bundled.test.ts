// The README's main job on real npm packages (the small end-to-end set that reaches the npm
// registry). A registry outage is reported as such and the test is skipped, never failed.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sandboxStatus } from '../../src/dynamic/index.js';
import { MINI_DATASET, tempDir } from '../helpers/runConfig.js';

const ROOT = path.resolve(MINI_DATASET, '..', '..', '..', '..');
const INSTANCES = ['npm-st-CVE-2014-3744', 'npm-kill-port-CVE-2019-5414', 'npm-striptags-CVE-2021-32696'];

async function registryUp(): Promise<boolean> {
  try {
    const res = await fetch('https://registry.npmjs.org/st', { method: 'HEAD', signal: AbortSignal.timeout(8000) });
    return res.ok;
  } catch {
    return false;
  }
}

function run(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'ase.js'), ...args], { env: { ...process.env, ASE_CACHE: process.env.ASE_E2E_CACHE ?? tempDir('cache') } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

describe('bundled dataset, real npm tarballs', async () => {
  const up = await registryUp();
  const sandbox = (await sandboxStatus()).available;
  if (!up) console.warn('npm registry unreachable: the end-to-end tests against it are skipped (a registry outage, not a test failure)');

  it.skipIf(!up)('gold scores Security 100 and Quality 100, vulnerable Security 0', async () => {
    const out = tempDir('bundled');
    const args = ['run', '--model', 'gold', '--model', 'vulnerable', '--cycles', '1', '--no-progress', '--out', out,
      ...INSTANCES.flatMap((i) => ['--instance', i]), ...(sandbox ? [] : ['--no-dynamic'])];
    const r = await run(args);
    expect(r.status, r.stderr).toBe(0);
    const res = JSON.parse(readFileSync(path.join(out, 'results.json'), 'utf8')) as { models: { model: string; scores: Record<string, number>; instances: { cycles: Record<string, unknown>[] }[] }[] };
    const by = Object.fromEntries(res.models.map((m) => [m.model, m]));
    expect(by.gold?.scores).toMatchObject({ security: 100, quality: 100 });
    expect(by.vulnerable?.scores.security).toBe(0);
    if (sandbox) {
      for (const inst of by.vulnerable?.instances ?? []) expect(inst.cycles[0]).toMatchObject({ functional: true, poc_triggered: true });
      for (const inst of by.gold?.instances ?? []) expect(inst.cycles[0]).toMatchObject({ functional: true, poc_triggered: false });
    }
  }, 600_000);
});
