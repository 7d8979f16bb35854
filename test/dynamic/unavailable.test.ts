// Without bubblewrap: one clear line, a typed error, and no unsandboxed fallback. bwrap is hidden by
// emptying PATH before the stage loads (this file runs in its own worker).

import path from 'node:path';
import { describe, expect, it } from 'vitest';

const savedPath = process.env.PATH;
process.env.PATH = '/nonexistent';
const { sandboxStatus, runTests, runPoc } = await import('../../src/dynamic/index.js');
const { HarnessError } = await import('../../src/core/index.js');
const { FIXTURES, instance } = await import('./support.js');

describe('no bubblewrap', () => {
  it('sandboxStatus says why in one line', async () => {
    const st = await sandboxStatus();
    process.env.PATH = savedPath;
    expect(st.available).toBe(false);
    expect(st.reason).toMatch(/bubblewrap.*not installed.*--no-dynamic/);
    expect(st.reason).not.toContain('\n');
  });

  it('runTests and runPoc throw SANDBOX_UNAVAILABLE instead of running unsandboxed', async () => {
    const inst = instance(path.join(FIXTURES, 'cmd', 'instance'), { cwe: 'CWE-78' });
    const repoRoot = path.join(FIXTURES, 'cmd', 'fixed');
    for (const run of [runTests, runPoc]) {
      const err = await run({ instance: inst, repoRoot }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(HarnessError);
      expect((err as InstanceType<typeof HarnessError>).code).toBe('SANDBOX_UNAVAILABLE');
    }
  });
});
