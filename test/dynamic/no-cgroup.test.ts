// Degraded mode (a desktop without a delegated cgroup): runs still work under rlimits and the wall
// clock, and every report says that no cgroup limited them. Forced with ASE_SANDBOX_CGROUP=none;
// this file runs in its own worker, so the cached detection does not leak into other files.

import path from 'node:path';
import { describe, expect, it } from 'vitest';

process.env.ASE_SANDBOX_CGROUP = 'none';
const { sandboxStatus, runTests, runPoc } = await import('../../src/dynamic/index.js');
const { FIXTURES, instance } = await import('./support.js');
const st = await sandboxStatus();

describe.skipIf(!st.available)('cgroup none', () => {
  it('sandboxStatus says so', () => {
    expect(st).toMatchObject({ available: true, cgroup: 'none' });
  });

  it('tests and PoCs still run and are judged; the verdict names the cgroup mode', async () => {
    const inst = instance(path.join(FIXTURES, 'cmd', 'instance'), { cwe: 'CWE-78' });
    const t = await runTests({ instance: inst, repoRoot: path.join(FIXTURES, 'cmd', 'fixed') });
    expect(t.value).toBe(true);
    expect(t.detail).toContain('cgroup none');
    const p = await runPoc({ instance: inst, repoRoot: path.join(FIXTURES, 'cmd', 'vulnerable') });
    expect(p.value).toBe(true);
  });
});
