// Applying a recipe: to one text (the vulnerable file, then the gold version of it with the same
// parameters), and at run time to a fetched source, giving a mutated copy of the tree, the
// recomputed vuln_lines and the mutated gold block. The rest of the pipeline is unchanged.
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { HarnessError, sha256, type Instance, type Language, type LineRange } from '../core/index.js';
import { fillCacheDir, type FetchedSource } from '../repo/index.js';
import { sliceRegion, splitLines } from '../task/index.js';
import { MutationError, parseJs } from './ast.js';
import { applyEarlyReturn } from './early-return.js';
import { describeOperator, type MutationOperator, type MutationRecipe } from './recipe.js';
import { applyRename } from './rename.js';
import { applyReorder } from './reorder.js';
import { addSentinels, regionOf, removeSentinels } from './sentinel.js';

export interface MutatedText {
  lines: string[];
  /** The masked region in the mutated lines (1-based inclusive; end < start for an empty block). */
  range: LineRange;
}

/** Applies one operator to a text holding the sentinels. */
export function applyOperator(text: string, op: MutationOperator, language: Language, strict = true): string {
  const root = parseJs(text, language);
  const region = regionOf(text);
  switch (op.op) {
    case 'rename': return applyRename(text, root, region, op.map, strict);
    case 'reorder': return applyReorder(text, root, region, op.order);
    case 'early-return': return applyEarlyReturn(text, root, region, op.index, op.of);
  }
}

/**
 * Applies `ops` in order to `lines` whose masked region is `range`. `strict`: every renamed name must
 * be a binding (false for the gold version, whose block may drop a local). Throws MutationError
 * prefixed with the operator (`operator 2 (reorder a, b): …`).
 */
export function mutateLines(lines: string[], range: readonly [number, number], ops: MutationOperator[], language: Language, strict = true): MutatedText {
  let text = addSentinels(lines, range).join('\n');
  parseJs(text, language);
  ops.forEach((op, i) => {
    try {
      text = applyOperator(text, op, language, strict);
      parseJs(text, language);
    } catch (e) {
      if (e instanceof MutationError) throw new MutationError(`operator ${i + 1} (${describeOperator(op)}): ${e.message}`);
      throw e;
    }
  });
  const out = removeSentinels(text.split('\n'));
  return { lines: out.lines, range: out.range };
}

export interface MutatedVersions {
  vulnerable: MutatedText;
  /** The mutated gold block, when there is a gold block. */
  gold?: string[];
}

/**
 * Mutates the vulnerable file and the gold version of it (the gold block spliced in its place) with
 * the same operators, and checks that the code around the block came out the same in both.
 */
export function mutateVersions(fileLines: string[], range: LineRange, gold: string[] | undefined, ops: MutationOperator[], language: Language): MutatedVersions {
  const vulnerable = mutateLines(fileLines, range, ops, language, true);
  if (!gold) return { vulnerable };
  const [a, b] = range;
  const goldLines = [...fileLines.slice(0, a - 1), ...gold, ...fileLines.slice(b)];
  let g: MutatedText;
  try {
    g = mutateLines(goldLines, [a, a + gold.length - 1], ops, language, false);
  } catch (e) {
    if (e instanceof MutationError) throw new MutationError(`on the gold version: ${e.message}`);
    throw e;
  }
  const [va, vb] = vulnerable.range;
  const [ga, gb] = g.range;
  const same = va === ga && vulnerable.lines.slice(0, va - 1).join('\n') === g.lines.slice(0, ga - 1).join('\n') &&
    vulnerable.lines.slice(vb).join('\n') === g.lines.slice(gb).join('\n');
  if (!same) throw new MutationError('the operators change the code around the block differently in the vulnerable and gold versions');
  return { vulnerable, gold: g.lines.slice(ga - 1, gb) };
}

export interface MaterializedMutant {
  /** The instance with vuln_lines recomputed on the mutated file. */
  instance: Instance;
  /** A copy of the fetched tree holding the mutated file (read-only, like any fetched source). */
  source: FetchedSource;
  gold?: string[];
}

/**
 * The run-time hook: applies a mutant's recipe to its fetched (vulnerable) source and gold block.
 * Throws INSTANCE_INVALID with one line naming the mutant and the operator when it no longer applies.
 */
export async function materializeMutant(instance: Instance & { mutation: MutationRecipe }, source: FetchedSource, gold: string[] | undefined): Promise<MaterializedMutant> {
  const file = path.join(source.dir, instance.vuln_file);
  if (!existsSync(file)) throw new HarnessError('REGION_INVALID', `${instance.id}: vuln_file "${instance.vuln_file}" is not in the repository`);
  const text = readFileSync(file, 'utf8');
  const { lines, eol } = splitLines(text);
  sliceRegion(lines, instance.vuln_lines, `${instance.id}: vuln_lines in ${instance.vuln_file}`);
  let m: MutatedVersions;
  try {
    m = mutateVersions(lines, instance.vuln_lines, gold, instance.mutation.operators, instance.language);
  } catch (e) {
    if (e instanceof MutationError) throw new HarnessError('INSTANCE_INVALID', `${instance.id}: mutation of ${instance.mutation_of ?? 'its seed'} no longer applies to ${instance.vuln_file}: ${e.message}`);
    throw e;
  }
  const mutatedText = m.vulnerable.lines.join(eol);
  const hash = sha256(`mutant:${source.hash}:${instance.vuln_file}:${sha256(mutatedText)}`);
  const dir = await fillCacheDir('mutants', hash, (tmp) => {
    cpSync(source.dir, tmp, { recursive: true, verbatimSymlinks: true });
    writeFileSync(path.join(tmp, instance.vuln_file), mutatedText);
  });
  return {
    instance: { ...instance, vuln_lines: m.vulnerable.range },
    source: { dir, hash },
    ...(m.gold ? { gold: m.gold } : {}),
  };
}
