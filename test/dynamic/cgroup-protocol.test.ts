// The cgroup v2 and v1 protocols, on a file tree laid out like the kernel's. This machine's kernel
// gives memory and pids to v1 (its v2 mount has no controllers), so the v2 path cannot run for real
// here; this checks which files it reads and writes, and what it concludes from them.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cgroupPaths, createRunCgroup, detectCgroup, resetCgroupDetection } from '../../src/dynamic/cgroup.js';

const saved = { ...cgroupPaths };
afterEach(() => {
  Object.assign(cgroupPaths, saved);
  resetCgroupDetection();
});

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'ase-cgfake-'));
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), content);
  }
  return root;
}

function use(root: string, self: string): void {
  cgroupPaths.root = path.join(root, 'sys');
  cgroupPaths.selfCgroup = path.join(root, 'self-cgroup');
  writeFileSync(cgroupPaths.selfCgroup, self);
  resetCgroupDetection();
}

describe.skipIf(process.env.ASE_SANDBOX_CGROUP !== undefined)('cgroup protocols', () => {
  it('v2: delegated memory+pids → enables them for children, one cgroup per run with memory.max, pids.max, no swap', async () => {
    const root = tree({
      'sys/cgroup.controllers': 'cpuset cpu io memory pids\n',
      'sys/user.slice/ase/cgroup.controllers': 'memory pids\n',
      'sys/user.slice/ase/cgroup.subtree_control': '\n',
    });
    use(root, '0::/user.slice/ase\n');
    const l = await detectCgroup();
    expect(l).toMatchObject({ mode: 'v2', memoryBase: path.join(root, 'sys/user.slice/ase') });
    expect(readFileSync(path.join(root, 'sys/user.slice/ase/cgroup.subtree_control'), 'utf8')).toBe('+memory +pids');

    const cg = await createRunCgroup(512 * 2 ** 20, 64);
    expect(cg.mode).toBe('v2');
    const dir = path.dirname(cg.procsFiles[0]!);
    expect(path.dirname(dir)).toBe(path.join(root, 'sys/user.slice/ase'));
    expect(path.basename(dir)).toMatch(new RegExp(`^ase-sbx-${process.pid}-`));
    expect(readFileSync(path.join(dir, 'memory.max'), 'utf8')).toBe(String(512 * 2 ** 20));
    expect(readFileSync(path.join(dir, 'memory.swap.max'), 'utf8')).toBe('0');
    expect(readFileSync(path.join(dir, 'pids.max'), 'utf8')).toBe('64');

    expect(await cg.oomKilled()).toBe(false);
    writeFileSync(path.join(dir, 'memory.events'), 'low 0\nhigh 0\nmax 3\noom 1\noom_kill 1\n');
    writeFileSync(path.join(dir, 'memory.peak'), '123456789\n');
    expect(await cg.oomKilled()).toBe(true);
    expect(await cg.memoryPeak()).toBe(123456789);
    writeFileSync(path.join(dir, 'cgroup.procs'), '');
    await cg.destroy();
    expect(readFileSync(path.join(dir, 'cgroup.kill'), 'utf8')).toBe('1');
  });

  it('v2 without memory or pids delegated falls back to v1 when v1 has them', async () => {
    const root = tree({
      'sys/cgroup.controllers': 'cpu io\n',
      'sys/memory/jobs/x/memory.limit_in_bytes': '9223372036854771712\n',
      'sys/pids/jobs/x/pids.max': 'max\n',
    });
    use(root, '12:pids:/jobs/x\n9:memory:/jobs/x\n0::/jobs/x\n');
    expect(await detectCgroup()).toMatchObject({ mode: 'v1', memoryBase: path.join(root, 'sys/memory/jobs/x'), pidsBase: path.join(root, 'sys/pids/jobs/x') });
    const cg = await createRunCgroup(2 ** 30, 128);
    const [memProcs, pidProcs] = cg.procsFiles;
    expect(readFileSync(path.join(path.dirname(memProcs!), 'memory.limit_in_bytes'), 'utf8')).toBe(String(2 ** 30));
    expect(readFileSync(path.join(path.dirname(pidProcs!), 'pids.max'), 'utf8')).toBe('128');
    writeFileSync(path.join(path.dirname(memProcs!), 'memory.oom_control'), 'oom_kill_disable 0\nunder_oom 0\noom_kill 2\n');
    expect(await cg.oomKilled()).toBe(true);
  });

  it('neither → none, with the reason', async () => {
    use(tree({ 'sys/cgroup.controllers': 'cpu\n' }), '0::/\n');
    expect(await detectCgroup()).toMatchObject({ mode: 'none', reason: expect.stringMatching(/no writable cgroup/) });
  });
});
