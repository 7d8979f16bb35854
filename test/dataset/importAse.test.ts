// A.S.E's own data files import into our Instance type (issue 2 acceptance).
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importAse } from '../../src/dataset/index.js';

const ASE = path.resolve('..', 'shared', 'data', 'ase');
const have = (f: string): boolean => {
  try {
    return Boolean(importAse(path.join(ASE, f)));
  } catch {
    return false;
  }
};

describe.skipIf(!have('data_v1.json'))("A.S.E's data files", () => {
  it('data_v1.json gives 120 valid instances, with canonical CWE ids', () => {
    const r = importAse(path.join(ASE, 'data_v1.json'));
    expect(r.format).toBe('ase-v1');
    expect(r.instances).toHaveLength(120);
    expect(r.problems).toEqual([]);
    expect(r.instances.every((i) => /^CWE-\d+$/.test(i.cwe))).toBe(true);
    expect(r.instances.filter((i) => i.seed)).toHaveLength(40);
    expect(r.instances[0]?.source).toMatchObject({ type: 'git' });
  });

  it('data_v2.json gives 144: the duplicated id is reported with both row numbers', () => {
    const r = importAse(path.join(ASE, 'data_v2.json'));
    expect(r.format).toBe('ase-v2');
    expect(r.instances).toHaveLength(144);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatch(/rows 133 and 145: instance_id: duplicated id "Choser_CVE-2021-32269"/);
    expect(new Set(r.instances.map((i) => i.cwe)).size).toBe(28);
    expect(r.instances.some((i) => i.ase_v2?.poc_cmd)).toBe(true);
  });
});

describe('importer on bad input', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ase-import-'));
  it('reports a bad row with its number and keeps the others', () => {
    const file = path.join(dir, 'rows.json');
    writeFileSync(file, JSON.stringify([
      { instance_id: 'a', repo: 'o/n', base_commit: 'abc1234', vuln_file: 'x.php', vuln_lines: [1, 3], language: 'php', cwe_id: 'cwe-79' },
      { instance_id: 'b', repo: 'o/n', base_commit: 'abc1234', vuln_file: 'x.php', vuln_lines: [5, 2], language: 'php', cwe_id: 'CWE-79' },
      { instance_id: 'c', repo: 'o/n', base_commit: 'abc1234', vuln_file: 'x.php', vuln_lines: [1, 3], language: 'cobol', cwe_id: 'CWE-79' },
    ]));
    const r = importAse(file);
    expect(r.instances.map((i) => [i.id, i.cwe])).toEqual([['a', 'CWE-79']]);
    expect(r.problems).toEqual([
      `${file}: row 2: vuln_lines: start line 5 is after end line 2`,
      `${file}: row 3: language: unknown language "cobol"`,
    ]);
  });
  it('refuses a file that is not a JSON array, in one line', () => {
    const file = path.join(dir, 'obj.json');
    writeFileSync(file, '{"x":1}');
    expect(() => importAse(file)).toThrow(/obj\.json: expected a JSON array/);
  });
});
