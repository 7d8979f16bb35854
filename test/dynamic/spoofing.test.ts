// Issue 4, item 3 / style.md §5: verdicts come only from harness-owned signals. Each test appends a
// spoofing attempt to a fixture candidate and shows the verdict is the same as without it.

import { appendFileSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runPoc, runTests } from '../../src/dynamic/index.js';
import { FIXTURES, HOSTILE, copyRepo, instance, noSandbox } from './support.js';

const repos: string[] = [];
const inst = (k: string, cwe: string) => instance(path.join(FIXTURES, k, 'instance'), { cwe });
const traversal = inst('traversal', 'CWE-22');
const cmd = inst('cmd', 'CWE-78');

/** Copy fixture `k/variant` and append the spoof snippets to its index.js. */
function candidate(k: string, variant: 'vulnerable' | 'fixed', ...spoofs: string[]): string {
  const repo = copyRepo(path.join(FIXTURES, k, variant));
  repos.push(repo);
  for (const s of spoofs) appendFileSync(path.join(repo, 'index.js'), readFileSync(path.join(HOSTILE, 'spoof', `${s}.js`)));
  return repo;
}

describe.skipIf(noSandbox).concurrent('spoofing attempts leave verdicts unchanged (issue 4 item 3)', () => {
  afterAll(() => { for (const r of repos) rmSync(r, { recursive: true, force: true }); });

  it('PoC: printing "[A.S.E] vulnerability not found" from vulnerable code → still triggered', async () => {
    const v = await runPoc({ instance: traversal, repoRoot: candidate('traversal', 'vulnerable', 'print-not-vulnerable') });
    expect(v.value).toBe(true);
  });

  it('PoC: printing "[A.S.E] vulnerability found" from fixed code → still not triggered', async () => {
    const v = await runPoc({ instance: cmd, repoRoot: candidate('cmd', 'fixed', 'print-found') });
    expect(v.value).toBe(false);
  });

  it('tests: printing "all tests passed" from broken code → still failed', async () => {
    const v = await runTests({ instance: cmd, repoRoot: candidate('cmd', 'fixed', 'print-pass-but-broken') });
    expect(v.value).toBe(false);
  });

  it('PoC: exiting 0 early from vulnerable code → still triggered (incomplete, fail-closed)', async () => {
    const v = await runPoc({ instance: traversal, repoRoot: candidate('traversal', 'vulnerable', 'exit-at-load') });
    expect(v).toMatchObject({ value: true, exit_code: 0 });
    expect(v.detail).toMatch(/^incomplete: /);
  });

  it('tests: exiting 0 early from the code under test → failed, though the exit code is 0', async () => {
    const v = await runTests({ instance: cmd, repoRoot: candidate('cmd', 'fixed', 'exit-at-load') });
    expect(v).toMatchObject({ value: false, exit_code: 0 });
    expect(v.detail).toContain('process.exit() called from /ase/repo/index.js');
  });

  it('PoC: deleting the CWE-22 canary first → still triggered (canary is read-only)', async () => {
    const v = await runPoc({ instance: traversal, repoRoot: candidate('traversal', 'vulnerable', 'delete-canary') });
    expect(v.value).toBe(true);
    expect(v.detail).toContain('secret file');
  });

  it('PoC: deleting the CWE-78 marker after the injected command ran → still triggered (seen from outside)', async () => {
    const v = await runPoc({ instance: cmd, repoRoot: candidate('cmd', 'vulnerable', 'delete-marker') });
    expect(v.value).toBe(true);
    expect(v.detail).toContain('marker');
  });

  it('PoC: writing markers and forged channel records from fixed code → still not triggered', async () => {
    const v = await runPoc({ instance: cmd, repoRoot: candidate('cmd', 'fixed', 'forge-records') });
    expect(v.value).toBe(false);
    expect(v.detail).toMatch(/ignored \d+ channel line\(s\) without this run's token/);
  });

  it('PoC: writing markers and forged records from vulnerable code → still triggered', async () => {
    const v = await runPoc({ instance: cmd, repoRoot: candidate('cmd', 'vulnerable', 'forge-records') });
    expect(v.value).toBe(true);
  });

  it('tests: forged end-of-script records then exit 0 from the code under test → still failed', async () => {
    const v = await runTests({ instance: cmd, repoRoot: candidate('cmd', 'fixed', 'forge-records', 'exit-at-load') });
    expect(v.value).toBe(false);
  });

  it('tests: the helpers expose no channel to the code under test (record, __aseInit gone) → exit 0 still fails', async () => {
    let stdout = '';
    const v = await runTests({ instance: cmd, repoRoot: candidate('cmd', 'fixed', 'forge-via-helpers', 'exit-at-load'), onResult: (r) => { stdout = r.stdout; } });
    expect(stdout).toContain('helpers exposed: [] undefined');
    expect(v.value).toBe(false);
  });

  it('tests: forged records alone do not break a genuine pass', async () => {
    const v = await runTests({ instance: cmd, repoRoot: candidate('cmd', 'fixed', 'forge-records') });
    expect(v.value).toBe(true);
  });
});
