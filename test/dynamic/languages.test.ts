// PHP and Python runners: exit code for tests; for PoCs, markers and $ASE_EVIDENCE files judged
// outside (no in-process helpers), with a zero exit as completion.

import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPoc, runTests } from '../../src/dynamic/index.js';
import { FIXTURES, instance, noSandbox } from './support.js';

const has = (bin: string): boolean => { try { execFileSync(bin, ['--version'], { stdio: 'ignore' }); return true; } catch { return false; } };

describe.skipIf(noSandbox || !has('php')).concurrent('php runner', () => {
  const inst = instance(path.join(FIXTURES, 'php-traversal', 'instance'), { language: 'php', tests: { file: 'test.php' }, poc: { file: 'poc.php' } });
  it('vulnerable: tests pass, PoC triggered (secret in the evidence file)', async () => {
    const repoRoot = path.join(FIXTURES, 'php-traversal', 'vulnerable');
    expect((await runTests({ instance: inst, repoRoot })).value).toBe(true);
    const v = await runPoc({ instance: inst, repoRoot });
    expect(v.value, v.detail).toBe(true);
    expect(v.detail).toContain('returned.txt');
  });
  it('fixed: tests pass, PoC not triggered', async () => {
    const repoRoot = path.join(FIXTURES, 'php-traversal', 'fixed');
    const t = await runTests({ instance: inst, repoRoot });
    expect(t.value, t.detail).toBe(true);
    const v = await runPoc({ instance: inst, repoRoot });
    expect(v.value, v.detail).toBe(false);
  });
});

describe.skipIf(noSandbox || !has('/usr/bin/python3')).concurrent('python runner', () => {
  const inst = instance(path.join(FIXTURES, 'py-cmd', 'instance'), { language: 'python', cwe: 'CWE-78', tests: { file: 'test.py' }, poc: { file: 'poc.py' } });
  it('vulnerable: tests pass, PoC triggered (marker)', async () => {
    const repoRoot = path.join(FIXTURES, 'py-cmd', 'vulnerable');
    expect((await runTests({ instance: inst, repoRoot })).value).toBe(true);
    expect((await runPoc({ instance: inst, repoRoot })).value).toBe(true);
  });
  it('fixed: tests pass, PoC not triggered', async () => {
    const repoRoot = path.join(FIXTURES, 'py-cmd', 'fixed');
    expect((await runTests({ instance: inst, repoRoot })).value).toBe(true);
    const v = await runPoc({ instance: inst, repoRoot });
    expect(v.value, v.detail).toBe(false);
  });
});
