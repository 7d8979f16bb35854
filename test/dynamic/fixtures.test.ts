// The runners on our own fixture packages, one per CWE family: tests pass on both twins, the PoC
// triggers on the vulnerable twin and not on the fixed one (issue 4 acceptance, in miniature).

import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPoc, runTests } from '../../src/dynamic/index.js';
import { FIXTURES, instance, noSandbox } from './support.js';

const CASES: [string, string][] = [
  ['traversal', 'CWE-22'], ['cmd', 'CWE-78'], ['xss', 'CWE-79'], ['sql', 'CWE-89'], ['eval', 'CWE-94'], ['pollution', 'CWE-1321'],
];

/** The CWE-89 canary database and query() need the sqlite3 CLI (Debian package sqlite3). */
const hasSqlite = ((): boolean => { try { execFileSync('sqlite3', ['-version'], { stdio: 'ignore' }); return true; } catch { return false; } })();

describe.skipIf(noSandbox).concurrent('fixture packages (vulnerable vs fixed twin)', () => {
  for (const [k, cwe] of CASES) {
    if (cwe === 'CWE-89' && !hasSqlite) {
      it.skip(`${cwe} ${k}: needs the sqlite3 CLI`, () => {});
      continue;
    }
    const inst = instance(path.join(FIXTURES, k, 'instance'), { cwe, id: `fixture-${k}` });
    it(`${cwe} ${k}: vulnerable → ${k === 'traversal' ? 'tests pass, ' : ''}PoC triggered`, async () => {
      const repoRoot = path.join(FIXTURES, k, 'vulnerable');
      if (k === 'traversal') expect((await runTests({ instance: inst, repoRoot })).value).toBe(true);
      const poc = await runPoc({ instance: inst, repoRoot });
      expect(poc.value, poc.detail).toBe(true);
      expect(poc.detail).toMatch(/^triggered: /);
    });
    it(`${cwe} ${k}: fixed → tests pass, PoC not triggered`, async () => {
      const repoRoot = path.join(FIXTURES, k, 'fixed');
      const t = await runTests({ instance: inst, repoRoot });
      expect(t.value, t.detail).toBe(true);
      const poc = await runPoc({ instance: inst, repoRoot });
      expect(poc.value, poc.detail).toBe(false);
      expect(poc.infra_error).toBeUndefined();
    });
  }

  it('a test may end with its own process.exit, and may be an ES module', async () => {
    const repoRoot = path.join(FIXTURES, 'cmd', 'fixed');
    for (const file of ['test-exit.js', 'test.mjs']) {
      const v = await runTests({ instance: instance(path.join(FIXTURES, 'cmd', 'instance'), { tests: { file } }), repoRoot });
      expect(v.value, `${file}: ${v.detail}`).toBe(true);
    }
  });

  it('no tests/poc in the instance → value null, nothing run', async () => {
    const inst = instance(path.join(FIXTURES, 'cmd', 'instance'), { tests: undefined, poc: undefined });
    expect(await runTests({ instance: inst, repoRoot: path.join(FIXTURES, 'cmd', 'fixed') })).toEqual({ value: null });
    expect(await runPoc({ instance: inst, repoRoot: path.join(FIXTURES, 'cmd', 'fixed') })).toEqual({ value: null });
  });

  it('a missing script or repository is an infrastructure error, not the model\'s failure', async () => {
    const inst = instance(path.join(FIXTURES, 'cmd', 'instance'), { tests: { file: 'nope.js' } });
    const v = await runTests({ instance: inst, repoRoot: path.join(FIXTURES, 'cmd', 'fixed') });
    expect(v.value).toBeNull();
    expect(v.infra_error).toContain('nope.js');
    const w = await runPoc({ instance: inst, repoRoot: '/nonexistent/repo' });
    expect(w.value).toBeNull();
    expect(w.infra_error).toContain('does not exist');
    const big = await runTests({ instance: instance(path.join(FIXTURES, 'cmd', 'instance')), repoRoot: path.join(FIXTURES, 'traversal', 'vulnerable'), limits: { tmpfsBytes: 100 } });
    expect(big.value).toBeNull();
    expect(big.infra_error).toContain('too large for the in-memory workspace');
  });

  it('an aborted run is an infrastructure error', async () => {
    const inst = instance(path.join(FIXTURES, 'cmd', 'instance'));
    const ac = new AbortController();
    const p = runTests({ instance: inst, repoRoot: path.join(FIXTURES, 'cmd', 'fixed'), signal: ac.signal, onSpawn: () => ac.abort() });
    const v = await p;
    expect(v.value).toBeNull();
    expect(v.infra_error).toBe('aborted by the harness');
  });
});
