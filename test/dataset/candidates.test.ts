// The bundled instances agree with the verified candidate list they were built from
// (../shared/data/npm-cve-candidates.json, present on the development machine only): package,
// versions, file, CVE, CWE and the GitHub advisory id. A wrong advisory id once slipped in
// (copied from another package's advisory); this keeps the metadata honest.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadInstance } from '../../src/dataset/index.js';

const CANDIDATES = path.resolve('..', 'shared', 'data', 'npm-cve-candidates.json');
const DATASET = 'datasets/npm-cves';

interface Candidate {
  id: string; package: string; cve: string | null; advisory: string | null; cwe: string;
  vulnerable_version: string; fixed_version: string; vuln_file: string;
}

describe.skipIf(!existsSync(CANDIDATES))('npm-cves metadata vs the verified candidates', () => {
  it('every instance that comes from the list agrees with it', () => {
    const raw = JSON.parse(readFileSync(CANDIDATES, 'utf8')) as Candidate[] | { candidates: Candidate[] };
    const byId = new Map((Array.isArray(raw) ? raw : raw.candidates).map((c) => [c.id, c]));
    const problems: string[] = [];
    let checked = 0;
    for (const id of readdirSync(DATASET)) {
      if (!existsSync(path.join(DATASET, id, 'instance.yaml'))) continue;
      const c = byId.get(id);
      if (!c) continue;
      checked++;
      // a relative folder must load too (it once failed the "leaves the folder" check)
      const inst = loadInstance(path.join(DATASET, id), 'npm-cves');
      const ghsa = (c.advisory ?? '').split(' ')[0] ?? '';
      const want: [string, unknown, unknown][] = [
        ['cve', inst.cve ?? null, c.cve],
        ['cwe', inst.cwe, c.cwe],
        ['source.name', inst.source.type === 'npm' ? inst.source.name : undefined, c.package],
        ['source.version', inst.source.type === 'npm' ? inst.source.version : undefined, c.vulnerable_version],
        ['vuln_file', inst.vuln_file, c.vuln_file],
      ];
      if (ghsa.startsWith('GHSA-')) want.push(['advisory', inst.advisory, ghsa]);
      const fixSource = inst.fix?.source;
      if (fixSource?.type === 'npm') want.push(['fix.source.version', fixSource.version, c.fixed_version]);
      for (const [field, ours, theirs] of want) if (ours !== theirs) problems.push(`${id}: ${field}: ${String(ours)} vs ${String(theirs)}`);
    }
    expect(checked).toBeGreaterThanOrEqual(50);
    expect(problems).toEqual([]);
  });
});
