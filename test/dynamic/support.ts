// Shared helpers for the dynamic stage's tests: fixture paths, instances, host snapshots.

import { createHash } from 'node:crypto';
import { cpSync, readdirSync, readFileSync, statSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Instance } from '../../src/core/index.js';
import { sandboxStatus } from '../../src/dynamic/index.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const FIXTURES = path.join(ROOT, 'test/fixtures/dynamic');
export const HOSTILE = path.join(ROOT, 'test/fixtures/hostile');

export const status = await sandboxStatus();
/** Tests that need bubblewrap skip (with the reason in their name) where it is missing. */
export const noSandbox = !status.available;

export function instance(dir: string, over: Partial<Instance> = {}): Instance {
  return {
    id: `fixture-${path.basename(path.dirname(dir))}`, dataset: 'fixtures', dir, cwe: 'CWE-22', language: 'javascript',
    source: { type: 'local', path: dir }, vuln_file: 'index.js', vuln_lines: [1, 2], rules: [], seed: true,
    tests: { file: 'test.js' }, poc: { file: 'poc.js' }, ...over,
  };
}

/** Copy a fixture repository into a fresh temp dir (so a test may add files to it). */
export function copyRepo(src: string): string {
  const dst = mkdtempSync(path.join(tmpdir(), 'ase-dyn-test-'));
  cpSync(src, dst, { recursive: true });
  return dst;
}

/** rel path → sha256 + mode of every file and dir under `dir`: compare before/after a run. */
export function treeHash(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const p = path.join(d, name);
      const st = statSync(p);
      const rel = path.relative(dir, p);
      if (st.isDirectory()) { out[rel] = `dir ${st.mode}`; walk(p); }
      else out[rel] = `${createHash('sha256').update(readFileSync(p)).digest('hex')} ${st.mode}`;
    }
  };
  walk(dir);
  return out;
}

/** Pids of host processes whose command line contains `needle`. */
export function processesWith(needle: string): number[] {
  const pids: number[] = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d) || Number(d) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${d}/cmdline`, 'utf8').includes(needle)) pids.push(Number(d));
    } catch { /* gone */ }
  }
  return pids;
}

/** Cgroup dirs this process created and did not remove. */
export function leftoverCgroups(pid = process.pid): string[] {
  const left: string[] = [];
  const prefix = `ase-sbx-${pid}-`;
  const walk = (d: string, depth: number): void => {
    if (depth > 4 || !existsSync(d)) return;
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (!e.isDirectory()) continue;
      if (e.name.startsWith(prefix)) left.push(path.join(d, e.name));
      else if (depth < 4) walk(path.join(d, e.name), depth + 1);
    }
  };
  for (const c of ['memory', 'pids', 'unified']) walk(`/sys/fs/cgroup/${c}`, 0);
  return left;
}

export function hostileReport(stdout: string | undefined): Record<string, unknown> {
  const line = (stdout ?? '').split('\n').find((l) => l.startsWith('ASE-HOSTILE-REPORT '));
  if (!line) throw new Error(`no report in: ${stdout ?? ''}`);
  return JSON.parse(line.slice('ASE-HOSTILE-REPORT '.length)) as Record<string, unknown>;
}
