// Health of the bundled mutants (no network): every folder is a valid recipe of a seed that
// exists, and its copies of the seed's rule, test, PoC, gold patch and lockfile are current.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledDatasetsDir, formatProblem, lintDataset } from '../../src/dataset/index.js';

const DIR = path.join(bundledDatasetsDir(), 'npm-cves-mutants');
const SEEDS = path.join(bundledDatasetsDir(), 'npm-cves');

describe.skipIf(!existsSync(DIR))('datasets/npm-cves-mutants', () => {
  const rep = lintDataset(DIR);

  it('lints clean: valid recipes, unique ids, seeds found in npm-cves', () => {
    expect(rep.problems.map(formatProblem)).toEqual([]);
    expect(rep.instances.length).toBeGreaterThanOrEqual(20);
  });

  it('each mutant is <seed>--m<k> with seed false, a recipe, and the seed\'s own files unchanged', () => {
    for (const m of rep.instances) {
      expect(m.seed).toBe(false);
      expect(m.mutation?.operators.length).toBeGreaterThan(0);
      expect(m.id).toBe(`${m.mutation_of ?? ''}--m${m.id.split('--m')[1] ?? ''}`);
      const seedDir = path.join(SEEDS, m.mutation_of!);
      for (const f of readdirSync(m.dir!)) {
        if (f === 'instance.yaml') continue;
        expect(readFileSync(path.join(m.dir!, f), 'utf8'), `${m.id}/${f}`).toBe(readFileSync(path.join(seedDir, f), 'utf8'));
      }
      for (const f of readdirSync(seedDir)) {
        if (f === 'instance.yaml' || /\.test\.js$/.test(f)) continue;
        expect(existsSync(path.join(m.dir!, f)), `${m.id} lacks the seed's ${f}`).toBe(true);
      }
    }
  });
});
