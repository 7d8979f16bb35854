// Health of the bundled mutants (no network): every folder is a valid recipe of a seed that
// exists, holds only its instance.yaml, and reads the seed's own files from the seed's folder.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { instanceFile } from '../../src/core/index.js';
import { bundledDatasetsDir, formatProblem, lintDataset } from '../../src/dataset/index.js';

const DIR = path.join(bundledDatasetsDir(), 'npm-cves-mutants');
const SEEDS = path.join(bundledDatasetsDir(), 'npm-cves');

describe.skipIf(!existsSync(DIR))('datasets/npm-cves-mutants', () => {
  const rep = lintDataset(DIR);

  it('lints clean: valid recipes, unique ids, seeds found in npm-cves', () => {
    expect(rep.problems.map(formatProblem)).toEqual([]);
    expect(rep.instances.length).toBeGreaterThanOrEqual(20);
  });

  it('each mutant is <seed>--m<k> with seed false, a recipe, and only its instance.yaml: the seed\'s files are read from the seed\'s folder', () => {
    for (const m of rep.instances) {
      expect(m.seed).toBe(false);
      expect(m.mutation?.operators.length).toBeGreaterThan(0);
      expect(m.id).toBe(`${m.mutation_of ?? ''}--m${m.id.split('--m')[1] ?? ''}`);
      const seedDir = path.join(SEEDS, m.mutation_of!);
      expect(m.seedDir).toBe(seedDir);
      expect(readdirSync(m.dir!)).toEqual(['instance.yaml']);
      for (const f of [...m.rules, m.tests?.file, m.poc?.file, m.fix?.block_patch, m.fix?.block_file]) {
        if (f !== undefined) expect(instanceFile(m, f), `${m.id}: ${f}`).toBe(path.join(seedDir, f));
      }
    }
  });
});
