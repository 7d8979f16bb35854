// The CLI as a user meets it: bad input is one clear line and a non-zero exit, and never
// damages an existing results store.
import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { MINI_DATASET, tempDir } from '../helpers/runConfig.js';

const ROOT = path.resolve(MINI_DATASET, '..', '..', '..', '..');
const env = { ...process.env, ASE_CACHE: tempDir('cache') };

function ase(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'ase.js'), ...args], { env, encoding: 'utf8', cwd: tempDir('cwd') });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function oneLine(stderr: string): string {
  const lines = stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  return lines[0] ?? '';
}

describe('ase CLI', () => {
  let out: string;
  let results: string;
  beforeAll(() => {
    out = tempDir('out');
    const r = ase('run', '--model', 'gold', '--model', 'vulnerable', '--dataset', MINI_DATASET, '--cycles', '2', '--no-dynamic', '--out', out);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/gold/);
    results = readFileSync(path.join(out, 'results.json'), 'utf8');
  });

  const unchanged = (): void => {
    expect(readFileSync(path.join(out, 'results.json'), 'utf8')).toBe(results);
    const rep = ase('report', out);
    expect(rep.status, rep.stderr).toBe(0);
  };

  it('an unknown dataset', () => {
    const r = ase('run', '--model', 'gold', '--dataset', 'nope', '--out', out);
    expect(r.status).not.toBe(0);
    expect(oneLine(r.stderr)).toMatch(/^ase: dataset "nope" not found/);
    unchanged();
  });

  it('a malformed YAML instance', () => {
    const ds = path.join(tempDir('ds'), 'mini');
    cpSync(MINI_DATASET, ds, { recursive: true });
    const f = path.join(ds, 'mini-exec-injection', 'instance.yaml');
    writeFileSync(f, readFileSync(f, 'utf8').replace('language: javascript', 'language: [javascript'));
    const r = ase('run', '--model', 'gold', '--dataset', ds, '--out', out, '--no-dynamic');
    expect(r.status).not.toBe(0);
    expect(oneLine(r.stderr)).toContain(`${f} (line`);
    const lint = ase('dataset', 'lint', '--dataset', ds);
    expect(lint.status).toBe(1);
    expect(lint.stdout).toMatch(/instance\.yaml \(line \d+\): .*malformed YAML/);
    unchanged();
  });

  it('out-of-range vuln_lines', () => {
    const ds = path.join(tempDir('ds'), 'mini');
    cpSync(MINI_DATASET, ds, { recursive: true });
    const f = path.join(ds, 'mini-exec-injection', 'instance.yaml');
    const pkgs = path.resolve(MINI_DATASET, '..', '..', 'packages');
    writeFileSync(f, readFileSync(f, 'utf8').replace('vuln_lines: [6, 9]', 'vuln_lines: [6, 90]').replace('../../../packages', pkgs));
    const r = ase('run', '--model', 'gold', '--dataset', ds, '--out', out, '--no-dynamic');
    expect(r.status).not.toBe(0);
    expect(oneLine(r.stderr)).toMatch(/mini-exec-injection: vuln_lines in index\.js: lines \[6, 90\] are outside the file \(\d+ lines\)/);
    unchanged();
  });

  it('an unreachable registry', () => {
    const ds = path.join(tempDir('ds'), 'reg');
    cpSync(path.join(ROOT, 'datasets', 'npm-cves', 'npm-st-CVE-2014-3744'), path.join(ds, 'npm-st-CVE-2014-3744'), { recursive: true });
    const r = ase('run', '--model', 'gold', '--dataset', ds, '--out', out, '--no-dynamic', '--registry', 'http://127.0.0.1:9/');
    expect(r.status).not.toBe(0);
    expect(oneLine(r.stderr)).toMatch(/^ase: npm:st@0\.2\.4: npm registry unreachable/);
    unchanged();
  });

  it('an unknown model and a bad flag', () => {
    const m = ase('run', '--model', 'gpt5', '--dataset', MINI_DATASET, '--out', out);
    expect(m.status).not.toBe(0);
    expect(oneLine(m.stderr)).toMatch(/unknown model 'gpt5'/);
    const c = ase('run', '--model', 'gold', '--cycles', 'three', '--out', out);
    expect(c.status).not.toBe(0);
    expect(c.stderr).toMatch(/--cycles must be an integer/);
    unchanged();
  });

  it('dataset import prints the counts', () => {
    const r = ase('dataset', 'import', path.resolve(ROOT, '..', 'shared', 'data', 'ase', 'data_v2.json'));
    if (r.status !== 0 && /no such file|ENOENT/.test(r.stderr)) return; // shared data not present
    expect(r.stdout).toMatch(/ase-v2: 144 valid instances/);
  });
});
