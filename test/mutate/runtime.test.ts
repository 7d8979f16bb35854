// A mutant at run time: its recipe is applied to the fetched (here local) source and the gold
// block, vuln_lines are recomputed, and the instance validates like its seed; a recipe that no
// longer fits the file is a one-line error naming the mutant and the operator.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDataset, loadInstance, lintDataset, formatProblem } from '../../src/dataset/index.js';
import { sandboxStatus } from '../../src/dynamic/index.js';
import { drawRecipe, reservedWords, writeMutant } from '../../src/mutate/index.js';
import { prepareInstance, validateInstance } from '../../src/run/index.js';
import { instanceFile, type Instance, type MutationRecipe } from '../../src/core/index.js';
import { copyMiniDataset, MINI_PACKAGES, tempDir } from '../helpers/runConfig.js';

process.env.ASE_CACHE ??= tempDir('cache');
const PKGS = MINI_PACKAGES;
const SEED = 'mini-exec-injection';
const sandbox = (await sandboxStatus()).available;

/** A copy of the mini dataset (absolute source paths) and one mutant of SEED written beside it. */
function withMutant(recipe: Omit<MutationRecipe, 'seed_dataset'>): { seed: Instance; mutant: Instance; dir: string } {
  const root = tempDir('mutants');
  const seeds = copyMiniDataset(path.join(root, 'mini'));
  const seed = loadDataset(seeds).instances.find((i) => i.id === SEED)!;
  const out = path.join(root, 'mini-mutants');
  const dir = writeMutant(seed, { seed_dataset: seeds, ...recipe }, out, 1);
  return { seed, mutant: loadInstance(dir, 'mini-mutants'), dir: out };
}

const RECIPE = { generator_seed: 7, operators: [{ op: 'rename' as const, map: { name: 'person', cb: 'done', cmd: 'line' } }] };
const prepCfg = { mode: 'infill' as const, context: { budget: 16_000, topK: 3 } };

describe('mutants at run time', () => {
  it('writes a recipe folder: seed false, mutation_of, the recipe, renamed summary', () => {
    const { mutant } = withMutant(RECIPE);
    expect(mutant.id).toBe(`${SEED}--m1`);
    expect(mutant.seed).toBe(false);
    expect(mutant.mutation_of).toBe(SEED);
    expect(mutant.mutation?.operators).toEqual(RECIPE.operators);
    expect(mutant.summary).toContain('greet(person, done)');
    expect(mutant.vuln_lines).toEqual([6, 9]);
  });

  it('applies the recipe to the source and the gold block, and recomputes the region', async () => {
    const { mutant } = withMutant(RECIPE);
    const prep = await prepareInstance(mutant, prepCfg);
    expect(prep.instance.vuln_lines).toEqual([6, 9]);
    expect(prep.task.masked).toContain('function greet(person, done) {\n  <MASKED>\n}');
    expect(prep.task.vulnerableBlock.join('\n')).toContain("const line = 'echo hello ' + person;");
    expect(prep.task.goldBlock?.join('\n')).toContain("execFile('echo', ['hello', String(person)], (err, out) => {");
    expect(prep.task.goldBlock?.join('\n')).toContain('done(err, out ? out.trim() : out);');
    // The fetched source is never written: the mutated file lives in a copy.
    expect(readFileSync(path.join(PKGS, 'mini-exec', 'index.js'), 'utf8')).toContain('function greet(name, cb)');
    expect(prep.source.dir).not.toBe(path.join(PKGS, 'mini-exec'));
  });

  it('validates like its seed (rule on vulnerable, clean gold; tests and PoC where the sandbox runs)', async () => {
    // The rule's source is greet's parameter *named* name: a recipe that keeps it validates ...
    const { mutant } = withMutant({ operators: [{ op: 'rename', map: { cb: 'done', cmd: 'line' } }] });
    expect((await validateInstance(mutant, { repeat: 1, dynamic: sandbox, concurrency: 1 })).failures).toEqual([]);
    // ... and one that renames it blinds the rule, which validation reports (the generator drops it).
    const blind = withMutant(RECIPE).mutant;
    expect((await validateInstance(blind, { repeat: 1, dynamic: false, concurrency: 1 })).failures).toEqual(['vulnerable CVE rule: the CVE rule finds no flow on the vulnerable block']);
  }, 120_000);

  it('draws recipes deterministically from the seed, never renaming what the rule names', () => {
    const { seed } = withMutant(RECIPE);
    const lines = readFileSync(path.join(PKGS, 'mini-exec', 'index.js'), 'utf8').split('\n');
    const draw = (s: number) => drawRecipe({ instance: seed, lines, reserved: reservedWords(seed), seed: s, index: 1 });
    const a = draw(1);
    expect(a).toEqual(draw(1));
    const rename = a.operators.find((o) => o.op === 'rename');
    expect(rename && Object.keys(rename.map).sort()).toEqual(['cb', 'cmd', 'err', 'out']);
    expect(reservedWords(seed).has('name')).toBe(true);
    expect(JSON.stringify(draw(2))).not.toBe(JSON.stringify(a));
  });

  it('an operator that no longer applies is one line naming the mutant and the operator', async () => {
    const { mutant } = withMutant({ operators: [{ op: 'rename', map: { nosuch: 'other' } }] });
    await expect(prepareInstance(mutant, prepCfg)).rejects.toThrow(
      /^mini-exec-injection--m1: mutation of mini-exec-injection no longer applies to index\.js: operator 1 \(rename nosuch→other\): "nosuch" is not a parameter or local variable of the functions around the masked block$/,
    );
    const r = await validateInstance(mutant, { repeat: 1, dynamic: false, concurrency: 1 });
    expect(r.ok).toBe(false);
    expect(r.failures[0]).toMatch(/operator 1 \(rename nosuch→other\)/);
  });

  it('lints: the seed is found through the recipe\'s seed_dataset; a missing seed is an error', () => {
    const { dir } = withMutant(RECIPE);
    expect(lintDataset(dir).problems.map(formatProblem)).toEqual([]);
    const f = path.join(dir, `${SEED}--m1`, 'instance.yaml');
    writeFileSync(f, readFileSync(f, 'utf8').replace(`mutation_of: ${SEED}`, 'mutation_of: no-such-seed'));
    expect(lintDataset(dir).problems.map(formatProblem).join('\n')).toMatch(/mutation_of: seed "no-such-seed" is not in .*mini \(the mutant reads its rules\.0 "rule\.yaml" from the seed's folder\)$/);
  });

  it('a mutant folder holds only its instance.yaml and reads the seed\'s files; its own copy wins; paths stay inside', () => {
    const { dir, seed } = withMutant(RECIPE);
    const mdir = path.join(dir, `${SEED}--m1`);
    expect(readdirSync(mdir)).toEqual(['instance.yaml']);
    const m = loadInstance(mdir, 'mini-mutants');
    expect(m.seedDir).toBe(seed.dir);
    expect(instanceFile(m, m.rules[0]!)).toBe(path.join(seed.dir!, m.rules[0]!));
    writeFileSync(path.join(mdir, m.rules[0]!), readFileSync(path.join(seed.dir!, m.rules[0]!)));
    expect(instanceFile(loadInstance(mdir, 'mini-mutants'), m.rules[0]!)).toBe(path.join(mdir, m.rules[0]!));
    const f = path.join(mdir, 'instance.yaml');
    writeFileSync(f, readFileSync(f, 'utf8').replace(/^rules:.*$/m, 'rules: [ ../mini-static-traversal/rule.yaml ]'));
    expect(() => loadInstance(mdir, 'mini-mutants')).toThrow(/rules\.0: "\.\.\/mini-static-traversal\/rule\.yaml" leaves the instance folder$/);
  });

  it('a recipe on a seed is refused by the schema', () => {
    const { dir } = withMutant(RECIPE);
    const f = path.join(dir, `${SEED}--m1`, 'instance.yaml');
    writeFileSync(f, readFileSync(f, 'utf8').replace('seed: false', 'seed: true'));
    expect(() => loadInstance(path.dirname(f), 'x')).toThrow(/mutation: a recipe belongs to a mutant/);
  });
});
