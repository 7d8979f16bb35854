// Issue 4 acceptance: a killed run leaves no stray sandboxed process (bwrap --die-with-parent,
// pid namespace), and the next harness sweeps the dead run's empty cgroups. Also: descriptors the
// harness inherited without close-on-exec do not reach the sandbox.

import { spawn } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sweepStaleCgroups } from '../../src/dynamic/cgroup.js';
import { HOSTILE, ROOT, copyRepo, leftoverCgroups, noSandbox, processesWith, status } from './support.js';

const until = async (cond: () => boolean, ms: number): Promise<boolean> => {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (cond()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return cond();
};

describe.skipIf(noSandbox)('the harness process', () => {
  it('SIGKILL of the harness mid-run leaves no sandboxed process behind; inherited fds stay out', async () => {
    const marker = `ase-killed-run-${randomBytes(6).toString('hex')}`;
    const repo = copyRepo(path.join(HOSTILE, 'stuck-with-children'));
    writeFileSync(path.join(repo, 'target.json'), JSON.stringify({ marker }));
    try {
      // fds 7 and 8 are pipes the child inherits without close-on-exec.
      const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'test/dynamic/kill-child.ts'), repo], {
        cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit', 'ignore', 'ignore', 'ignore', 'ignore', 'pipe', 'pipe'],
      });
      let out = '';
      child.stdout!.on('data', (b: Buffer) => { out += b.toString(); });
      expect(await until(() => processesWith(marker).length >= 3, 30_000)).toBe(true);
      // 0-2 stdio, 3 the channel, 4 the one ls opened to read /proc/self/fd: nothing inherited.
      expect(/FDS (.*)/.exec(out)?.[1]?.split(',').map(Number).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4]);
      const bwrapPid = Number(/SPAWNED (\d+)/.exec(out)?.[1]);
      expect(bwrapPid).toBeGreaterThan(0);
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
      expect(await until(() => processesWith(marker).length === 0, 5000)).toBe(true);
      expect(await until(() => !processesWith('/ase/instance/test.js').includes(bwrapPid), 2000)).toBe(true);
      expect(out).not.toContain('FINISHED');
      if (status.cgroup !== 'none') expect(leftoverCgroups(child.pid)).not.toEqual([]);
      await sweepStaleCgroups();
      expect(leftoverCgroups(child.pid)).toEqual([]);
    } finally {
      rmSync(repo, { recursive: true, force: true });
    }
  });
});
