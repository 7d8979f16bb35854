// Issue 4, item 7: every hostile candidate is contained, recorded with the right verdict, the
// harness keeps running, and nothing outside the workspace changes.

import { createServer, type Server } from 'node:net';
import { mkdtempSync, writeFileSync, existsSync, rmSync, readdirSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTests, type SandboxResult, type Limits } from '../../src/dynamic/index.js';
import type { DynamicVerdict } from '../../src/core/index.js';
import { HOSTILE, copyRepo, hostileReport, instance, leftoverCgroups, noSandbox, processesWith, treeHash } from './support.js';

const inst = instance(path.join(HOSTILE, 'instance'), { poc: undefined });
const hostDir = mkdtempSync(path.join(tmpdir(), 'ase-hostile-host-'));
const secret = `host-secret-${randomBytes(8).toString('hex')}`;
const secretDir = path.join(hostDir, 'secrets');
const secretPath = path.join(secretDir, 'secret.txt');
const outsidePath = path.join(hostDir, 'outside.txt');
const marker = `ase-stray-${randomBytes(6).toString('hex')}`;
let server: Server;
let port = 0;
let connections = 0;
const repos: string[] = [];
let hostBefore: Record<string, string>;
let instanceBefore: Record<string, string>;

async function runHostile(name: string, limits: Partial<Limits> = {}, timeoutMs = 10_000): Promise<{ v: DynamicVerdict; r: SandboxResult; repo: string }> {
  const repo = copyRepo(path.join(HOSTILE, name));
  repos.push(repo);
  writeFileSync(path.join(repo, 'target.json'), JSON.stringify({ secretPath, secretDir, outsidePath, port, marker, harnessPid: process.pid }));
  let r: SandboxResult | undefined;
  const v = await runTests({ instance: inst, repoRoot: repo, timeoutMs, limits, onResult: (x) => { r = x; } });
  if (!r) throw new Error(`no sandbox result: ${JSON.stringify(v)}`);
  return { v, r, repo };
}

describe.skipIf(noSandbox).concurrent('hostile candidates are contained (issue 4 item 7)', () => {
  beforeAll(async () => {
    process.env.OPENAI_API_KEY = `sk-${secret}`;
    process.env.ASE_TEST_SECRET = secret;
    writeFileSync(path.join(hostDir, 'placeholder'), '');
    rmSync(secretDir, { recursive: true, force: true });
    await import('node:fs/promises').then((fs) => fs.mkdir(secretDir)).then(() => writeFileSync(secretPath, secret));
    server = createServer((s) => { connections++; s.destroy(); });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as { port: number }).port;
    hostBefore = treeHash(hostDir);
    instanceBefore = treeHash(path.join(HOSTILE, 'instance'));
  });

  afterAll(async () => {
    // Afterwards: host unchanged, no stray processes, no cgroups left, the harness still runs.
    expect(treeHash(hostDir)).toEqual(hostBefore);
    expect(treeHash(path.join(HOSTILE, 'instance'))).toEqual(instanceBefore);
    expect(readdirSync(hostDir).sort()).toEqual(['placeholder', 'secrets']);
    expect(processesWith(marker)).toEqual([]);
    expect(leftoverCgroups()).toEqual([]);
    const { v } = await runHostile('env-secrets');
    expect(v.value).toBe(true);
    delete process.env.OPENAI_API_KEY;
    delete process.env.ASE_TEST_SECRET;
    await new Promise((r) => server.close(r));
    for (const r of repos) rmSync(r, { recursive: true, force: true });
    rmSync(hostDir, { recursive: true, force: true });
  });

  it('reading /etc/shadow, home folders, host files: none exist inside', async () => {
    const { v, r } = await runHostile('read-host-files');
    expect(v.value).toBe(true);
    const seen = hostileReport(r.stdout);
    for (const p of ['/etc/shadow', '/etc/gshadow', '/etc/sudoers', '/root/.bashrc', '/root/.npmrc', '/root/.ssh/id_rsa', '/home', '/work', '/old_root', '/.dockerenv', secretPath, secretDir]) {
      expect(seen[p], p).toBe('ENOENT');
    }
    expect(r.stdout).not.toContain(secret);
    expect(seen['/proc pids']).toBeLessThan(5);
  });

  it('environment secrets: the sandbox gets a clean environment', async () => {
    const { v, r } = await runHostile('env-secrets');
    expect(v.value).toBe(true);
    const env = hostileReport(r.stdout).env as Record<string, string>;
    expect(Object.keys(env).sort()).toEqual(['ASE_HELPERS', 'ASE_INSTANCE', 'ASE_REPO', 'HOME', 'LANG', 'OLDPWD', 'PATH', 'PWD', 'TMPDIR', 'TZ']);
    expect(r.stdout).not.toContain(secret);
  });

  it('writing outside the workspace fails everywhere but the private /tmp', async () => {
    const { v, r } = await runHostile('write-outside');
    expect(v.value).toBe(true);
    const res = hostileReport(r.stdout);
    expect(res['/tmp/ase-x']).toBe('written');
    for (const [p, outcome] of Object.entries(res)) if (p !== '/tmp/ase-x') expect(outcome, p).not.toBe('written');
    expect(existsSync(outsidePath)).toBe(false);
    expect(existsSync('/tmp/ase-x')).toBe(false);
  });

  it('TCP to a server on the host loopback does not get through', async () => {
    const { v, r } = await runHostile('network');
    expect(v.value).toBe(true);
    const res = hostileReport(r.stdout);
    expect(res.v4).toBe('ECONNREFUSED');
    expect(['ECONNREFUSED', 'EADDRNOTAVAIL', 'ENETUNREACH']).toContain(res.v6);
    expect(connections).toBe(0);
  });

  it('signalling the harness by pid fails (separate pid namespace)', async () => {
    const { v, r } = await runHostile('signal-host');
    expect(v.value).toBe(true);
    expect(hostileReport(r.stdout).kill).toBe('ESRCH');
  });

  it('a fork bomb is capped by the pids limit and killed at the wall-time limit', async () => {
    const { v, r } = await runHostile('fork-bomb', { pids: 64 }, 2000);
    expect(v.value).toBe(false);
    expect(v.timed_out).toBe(true);
    expect(r.durationMs).toBeLessThan(8000);
    expect(processesWith('b(){ b | b & }; b')).toEqual([]);
  });

  it('an infinite loop times out and fails', async () => {
    const { v } = await runHostile('infinite-loop', {}, 1000);
    expect(v).toMatchObject({ value: false, timed_out: true, signal: 'SIGKILL' });
  });

  it('the CPU-time limit stops a spinning process before the wall clock does', async () => {
    const { v, r } = await runHostile('infinite-loop', { cpuSeconds: 1 }, 15_000);
    expect(v.value).toBe(false);
    expect(r.timedOut).toBe(false);
    expect(['SIGXCPU', 'SIGKILL']).toContain(r.signal);
  });

  it('allocating 8 GiB is stopped by the memory limit (OOM recorded)', async () => {
    const { v, r } = await runHostile('allocate-8gib', { memoryBytes: 128 * 1024 * 1024 });
    expect(v.value).toBe(false);
    if (r.cgroup !== 'none') {
      expect(r.oom).toBe(true);
      expect(v.detail).toContain('out of memory');
    }
  });

  it('printing 1 GiB is cut at the output limit, quickly', async () => {
    const { v, r } = await runHostile('print-1gib', { maxOutputBytes: 4 * 1024 * 1024, keepOutputBytes: 16 * 1024 });
    expect(v.value).toBe(false);
    expect(r.outputExceeded).toBe(true);
    expect(r.stdout.length).toBe(16 * 1024);
    expect(r.stdoutTruncated).toBe(true);
    expect(v.detail).toContain('output limit');
  });

  it('a background process left behind is killed with the sandbox', async () => {
    const { v, r } = await runHostile('background-process');
    expect(v.value).toBe(true);
    expect(hostileReport(r.stdout).spawned).toBeTypeOf('number');
    expect(processesWith(marker)).toEqual([]);
  });

  it('changing other workspace files changes only the run\'s own copy', async () => {
    const src = path.join(HOSTILE, 'change-workspace');
    const before = treeHash(src);
    const first = await runHostile('change-workspace');
    expect(first.v.value).toBe(true);
    expect(hostileReport(first.r.stdout)).toEqual({ sawPersist: false, instance: 'EROFS' });
    const repo = first.repo;
    const repoBefore = treeHash(repo);
    const again = await runTests({ instance: inst, repoRoot: repo, onResult: (x) => { first.r = x; } });
    expect(again.value).toBe(true);
    expect(hostileReport(first.r.stdout).sawPersist).toBe(false);
    expect(treeHash(repo)).toEqual(repoBefore);
    expect(treeHash(src)).toEqual(before);
  });

});
