// `ase dataset mutate`: draws mutants of every seed (recipes, deterministic given --seed), writes
// their folders, validates each one as `ase validate` does, and keeps only those that pass.
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import pLimit from 'p-limit';
import { errorMessage, type Instance, type MutationOperator } from '../core/index.js';
import { loadDataset, loadInstance } from '../dataset/index.js';
import { drawRecipe, describeOperator, reservedWords, writeMutant } from '../mutate/index.js';
import { fetchSource } from '../repo/index.js';
import { validateInstance } from '../run/index.js';
import { readGoldBlock, splitLines } from '../task/index.js';
import { collect, intOption } from './options.js';
import { DEFAULT_DATASET } from './run.js';

interface MutateFlags {
  dataset: string; out: string; perSeed: number; seed: number; instance?: string[];
  dynamic: boolean; validate: boolean; concurrency: number; registry?: string;
}

async function drawFor(seed: Instance, flags: MutateFlags): Promise<{ index: number; recipe: ReturnType<typeof drawRecipe> }[]> {
  const opts = flags.registry ? { registry: flags.registry } : {};
  const src = await fetchSource(seed.source, opts);
  const fix = seed.fix?.source ? await fetchSource(seed.fix.source, opts) : undefined;
  const gold = readGoldBlock(seed, fix?.dir, src.dir);
  const lines = splitLines(readFileSync(path.join(src.dir, seed.vuln_file), 'utf8')).lines;
  const reserved = reservedWords(seed);
  const out = [];
  for (let index = 1; index <= flags.perSeed; index++) {
    out.push({ index, recipe: drawRecipe({ instance: seed, lines, ...(gold ? { gold } : {}), reserved, seed: flags.seed, index }) });
  }
  return out;
}

/** Smaller recipes to try when a recipe fails validation: the rename alone, the rest alone. */
function fallbacks(ops: MutationOperator[]): MutationOperator[][] {
  if (ops.length < 2) return [];
  const rename = ops.filter((o) => o.op === 'rename');
  const rest = ops.filter((o) => o.op !== 'rename');
  return [rename, rest].filter((x) => x.length > 0 && x.length < ops.length);
}

export function registerMutate(ds: Command): void {
  ds.command('mutate')
    .description('write anti-memorisation mutants of every seed (method.md §7) as run-time recipes, validate each, keep those that pass')
    .option('-d, --dataset <name|path>', 'the seeds: bundled dataset name or dataset folder', DEFAULT_DATASET)
    .option('-o, --out <dir>', 'dataset folder the mutants go to', 'datasets/npm-cves-mutants')
    .option('-n, --per-seed <n>', 'mutants per seed', intOption('--per-seed', 1, 20), 1)
    .option('-s, --seed <n>', 'seed of the recipe generator (same seed, same recipes)', intOption('--seed', 0, 2 ** 31), 1)
    .option('-i, --instance <id>', 'only these seeds (repeatable)', collect)
    .option('-j, --concurrency <n>', 'mutants validated at once', intOption('--concurrency', 1, 16), 1)
    .option('--no-dynamic', 'validate without tests and PoCs (static checks only)')
    .option('--no-validate', 'write the recipes without validating them')
    .option('--registry <url>', 'npm registry URL')
    .action(async (flags: MutateFlags) => {
      const { name, dir: seedsDir, instances } = loadDataset(flags.dataset);
      const outDir = path.resolve(flags.out);
      // Where the seeds are, seen from the mutants' dataset folder (a sibling: just its name).
      const seedDataset = path.relative(path.dirname(outDir), seedsDir) || name;
      const seeds = instances.filter((i) => i.seed && (!flags.instance?.length || flags.instance.includes(i.id)));
      const limit = pLimit(flags.concurrency);
      let kept = 0;
      let dropped = 0;
      await Promise.all(seeds.map((seed) => limit(async () => {
        let drawn;
        try {
          drawn = await drawFor(seed, flags);
        } catch (e) {
          dropped += flags.perSeed;
          console.log(`DROP ${seed.id}: cannot read the seed: ${errorMessage(e).split('\n')[0] ?? ''}`);
          return;
        }
        for (const { index, recipe } of drawn) {
          const label = `${seed.id}--m${index}`;
          if (recipe.operators.length === 0) {
            dropped++;
            console.log(`DROP ${label}: no operator applies${recipe.skipped.length ? ` (${recipe.skipped.join('; ')})` : ' (no renameable local, no movable declarations, no if/else to flatten)'}`);
            continue;
          }
          // A recipe that fails validation is retried smaller: the rename alone, then the other operators.
          const tries = [recipe.operators, ...fallbacks(recipe.operators)];
          let done = false;
          const why: string[] = [];
          for (const operators of tries) {
            const dir = writeMutant(seed, { seed_dataset: seedDataset, generator_seed: flags.seed, operators }, outDir, index);
            const ops = operators.map(describeOperator).join('; ');
            if (!flags.validate) {
              console.log(`WROTE ${label}: ${ops}`);
              done = true;
              break;
            }
            const inst = loadInstance(dir, path.basename(outDir));
            const v = await validateInstance(inst, { repeat: 1, dynamic: flags.dynamic, concurrency: 1, ...(flags.registry ? { registry: flags.registry } : {}) });
            if (v.ok) {
              console.log(`KEEP ${label} (${(v.duration_ms / 1000).toFixed(1)} s): ${ops}${why.length ? ` (after dropping: ${why.join(' | ')})` : ''}`);
              done = true;
              break;
            }
            rmSync(dir, { recursive: true, force: true });
            why.push(`[${ops}] ${v.failures.join('; ')}`);
          }
          if (done) kept++;
          else {
            dropped++;
            console.log(`DROP ${label}: ${why.join(' | ')}`);
          }
        }
      })));
      console.log(`${kept} mutants kept, ${dropped} dropped, from ${seeds.length} seeds of ${name} (seed ${flags.seed}) in ${outDir}`);
    });
}
