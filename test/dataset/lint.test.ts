// Instance folders: schema, one-line errors naming file and field, health checks.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatProblem, lintDataset, loadDataset, bundledDatasetsDir } from '../../src/dataset/index.js';
import { MINI_DATASET } from '../helpers/runConfig.js';

function copyMini(): string {
  const dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'ase-lint-')), 'mini');
  cpSync(MINI_DATASET, dir, { recursive: true });
  return dir;
}

function edit(file: string, from: string | RegExp, to: string): void {
  writeFileSync(file, readFileSync(file, 'utf8').replace(from, to));
}

describe('dataset lint', () => {
  it('the mini fixture dataset is clean', () => {
    const rep = lintDataset(MINI_DATASET);
    expect(rep.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(rep.instances).toHaveLength(2);
  });

  it('malformed YAML: one line with the file and the line', () => {
    const dir = copyMini();
    const file = path.join(dir, 'mini-exec-injection', 'instance.yaml');
    edit(file, 'cwe: CWE-78', 'cwe: [CWE-78');
    const rep = lintDataset(dir);
    const line = rep.problems.map(formatProblem).find((l) => l.startsWith(file));
    expect(line).toMatch(/instance\.yaml \(line \d+\): malformed YAML/);
    expect(line?.includes('\n')).toBe(false);
  });

  it('a wrong field names the field', () => {
    const dir = copyMini();
    const file = path.join(dir, 'mini-exec-injection', 'instance.yaml');
    edit(file, 'cwe: CWE-78', 'cwe: cwe-78');
    edit(path.join(dir, 'mini-static-traversal', 'instance.yaml'), 'vuln_lines: [7, 9]', 'vuln_lines: [9, 9]');
    const lines = lintDataset(dir).problems.map(formatProblem);
    expect(lines).toContain(`${file}: cwe: must be a canonical CWE id such as CWE-22`);
    expect(lines.find((l) => l.includes('mini-static-traversal'))).toMatch(/vuln_lines: a masked region spans at least two lines/);
  });

  it('unknown keys, missing files and duplicate ids are errors', () => {
    const dir = copyMini();
    const file = path.join(dir, 'mini-exec-injection', 'instance.yaml');
    edit(file, 'seed: true', 'seed: true\nsumary: typo');
    edit(path.join(dir, 'mini-static-traversal', 'instance.yaml'), 'rules: [rule.yaml]', 'rules: [missing.yaml]');
    const lines = lintDataset(dir).problems.map(formatProblem);
    expect(lines.find((l) => l.startsWith(file))).toMatch(/sumary|Unrecognized key/);
    expect(lines.find((l) => l.includes('mini-static-traversal'))).toMatch(/rules\.0: "missing\.yaml" does not exist/);
  });

  it('an unknown dataset is one clear line', () => {
    expect(() => loadDataset('no-such-dataset')).toThrow(/dataset "no-such-dataset" not found/);
  });
});

describe('bundled datasets health (method.md §8)', () => {
  for (const name of ['npm-cves']) {
    it(`${name}: valid, unique ids, canonical CWEs, summary, rule, test and PoC present`, () => {
      const rep = lintDataset(path.join(bundledDatasetsDir(), name));
      expect(rep.problems.map(formatProblem)).toEqual([]);
      expect(rep.instances.length).toBeGreaterThanOrEqual(6);
    });
  }
});
