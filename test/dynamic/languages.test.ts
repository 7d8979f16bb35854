// PHP and Python runners: exit code for tests; for PoCs, markers and $ASE_EVIDENCE files judged
// outside (no in-process helpers), with a zero exit as completion.

import { execFileSync } from 'node:child_process';
import { appendFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runPoc, runTests } from '../../src/dynamic/index.js';
import { FIXTURES, copyRepo, instance, noSandbox } from './support.js';

const repos: string[] = [];
afterAll(() => { for (const r of repos) rmSync(r, { recursive: true, force: true }); });
/** A copy of a fixture twin with `code` appended to `file` (a spoofing attempt). */
function spoofed(k: string, variant: string, file: string, code: string): string {
  const repo = copyRepo(path.join(FIXTURES, k, variant));
  repos.push(repo);
  appendFileSync(path.join(repo, file), code);
  return repo;
}

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
  it('spoof: exit(0) from the code under test fails the test and leaves the PoC triggered', async () => {
    const t = await runTests({ instance: inst, repoRoot: spoofed('php-traversal', 'fixed', 'index.php', "\necho '[A.S.E] vulnerability not found';\nexit(0);\n") });
    expect(t).toMatchObject({ value: false, exit_code: 0 });
    const v = await runPoc({ instance: inst, repoRoot: spoofed('php-traversal', 'vulnerable', 'index.php', '\nexit(0);\n') });
    expect(v.value).toBe(true);
    expect(v.detail).toMatch(/^incomplete: /);
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
  it('spoof: sys.exit(0) from the code under test fails the test', async () => {
    const t = await runTests({ instance: inst, repoRoot: spoofed('py-cmd', 'fixed', 'greet.py', '\nimport sys\nprint("all tests passed")\nsys.exit(0)\n') });
    expect(t).toMatchObject({ value: false, exit_code: 0 });
    expect(t.detail).toContain('greet.py');
  });
  it('fixed: tests pass, PoC not triggered', async () => {
    const repoRoot = path.join(FIXTURES, 'py-cmd', 'fixed');
    expect((await runTests({ instance: inst, repoRoot })).value).toBe(true);
    const v = await runPoc({ instance: inst, repoRoot });
    expect(v.value, v.detail).toBe(false);
  });
});
