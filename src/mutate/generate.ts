// Drawing recipes (deterministic given the seed S) and writing mutant folders. Validation is the
// caller's (the CLI runs `ase validate`'s checks on each folder and removes those that fail).
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml, parseDocument } from 'yaml';
import { instanceFile, type Instance, type MutationOperator, type MutationRecipe } from '../core/index.js';
import { hashSeed, makeRng } from '../score/index.js';
import { MutationError, parseJs } from './ast.js';
import { mutateVersions } from './apply.js';
import { earlyReturnCandidates } from './early-return.js';
import { renameCandidates } from './rename.js';
import { reorderGroups } from './reorder.js';
import { addSentinels, regionOf } from './sentinel.js';
import { drawName } from './vocabulary.js';
import { describeOperator } from './recipe.js';

/** Most names one rename changes (all of a small function's, a sample of a big one's). */
const MAX_RENAMES = 8;
/** Names never renamed: they mean something to the language or to readers of the code. */
const KEEP = new Set(['arguments', 'undefined', 'eval', 'require', 'module', 'exports', 'self', 'global', 'window']);

export interface DrawInput {
  instance: Instance;
  /** The vulnerable file's lines (as fetched). */
  lines: string[];
  gold?: string[];
  /** Words never to rename (those a rule, test or PoC of the seed mentions). */
  reserved: Set<string>;
  seed: number;
  /** 1-based mutant number (m1, m2 …). */
  index: number;
}

export interface DrawnRecipe {
  operators: MutationOperator[];
  /** Operators that were drawn but do not apply here, with the reason. */
  skipped: string[];
}

function shuffle<T>(xs: T[], rng: (n: number) => number): T[] {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng(i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Draws the operators of one mutant; each is kept only if it applies to both versions. */
export function drawRecipe(input: DrawInput): DrawnRecipe {
  const { instance, lines, gold } = input;
  const rng = makeRng(hashSeed(input.seed, `${instance.id}#m${input.index}`));
  const text = addSentinels(lines, instance.vuln_lines).join('\n');
  const root = parseJs(text, instance.language);
  const region = regionOf(text);
  const goldText = gold ? [...lines.slice(0, instance.vuln_lines[0] - 1), ...gold, ...lines.slice(instance.vuln_lines[1])].join('\n') : '';
  const words = new Set(`${text}\n${goldText}`.match(/[A-Za-z_$][\w$]*/g) ?? []);
  const drawn: MutationOperator[] = [];

  const names = shuffle(renameCandidates(root, region).filter((n) => !KEEP.has(n) && !input.reserved.has(n)), rng).slice(0, MAX_RENAMES).sort();
  if (names.length) {
    const used = new Set<string>();
    const map: Record<string, string> = {};
    for (const n of names) {
      const to = drawName(rng, (x) => words.has(x) || used.has(x) || input.reserved.has(x));
      used.add(to);
      map[n] = to;
    }
    drawn.push({ op: 'rename', map });
  }
  const groups = reorderGroups(root, text, region);
  if (groups.length) {
    const g = groups[rng(groups.length)]!.map((u) => u.name);
    let order = shuffle(g, rng);
    if (order.join() === g.join()) order = [...g.slice(1), g[0]!];
    drawn.push({ op: 'reorder', order });
  }
  const ifs = earlyReturnCandidates(root, text, region).length;
  if (ifs) drawn.push({ op: 'early-return', index: rng(ifs), of: ifs });

  // Keep what applies on top of what was kept before it (the counts of later operators are taken
  // on the text the earlier ones produced).
  const kept: MutationOperator[] = [];
  const skipped: string[] = [];
  for (const op of drawn) {
    let candidate = op;
    if (op.op === 'early-return' && kept.length) {
      try {
        const before = mutateVersions(lines, instance.vuln_lines, gold, kept, instance.language).vulnerable;
        const t = addSentinels(before.lines, before.range).join('\n');
        const n = earlyReturnCandidates(parseJs(t, instance.language), t, regionOf(t)).length;
        if (n === 0) { skipped.push(`${describeOperator(op)}: no candidate left`); continue; }
        candidate = { op: 'early-return', index: Math.min(op.index, n - 1), of: n };
      } catch (e) {
        skipped.push(`${describeOperator(op)}: ${(e as Error).message}`);
        continue;
      }
    }
    try {
      mutateVersions(lines, instance.vuln_lines, gold, [...kept, candidate], instance.language);
      kept.push(candidate);
    } catch (e) {
      if (!(e instanceof MutationError)) throw e;
      skipped.push(`${describeOperator(candidate)}: ${e.message}`);
    }
  }
  return { operators: kept, skipped };
}

/**
 * Words the seed's rules match on (patterns, regexes, function names; not their messages): renaming
 * one could blind the rule. Tests and PoCs call the package's public names, which are never renamed.
 */
export function reservedWords(instance: Instance): Set<string> {
  const out = new Set<string>();
  if (!instance.dir) return out;
  const walk = (v: unknown, key?: string): void => {
    if (key === 'message' || key === 'id') return;
    if (typeof v === 'string') {
      // Regex escapes (`\bname\b`, `\w+`) are not part of a word; `$` is read both as part of a
      // name (`$el`) and as a regex anchor (`^target$`).
      const t = v.replace(/\\[A-Za-z]/g, ' ');
      for (const w of [...(t.match(/[A-Za-z_$][\w$]*/g) ?? []), ...(t.match(/[A-Za-z_]\w*/g) ?? [])]) out.add(w);
    } else if (Array.isArray(v)) v.forEach((x) => walk(x));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, k);
  };
  for (const f of instance.rules) walk(parseYaml(readFileSync(instanceFile(instance, f), 'utf8')));
  return out;
}

/** The id of mutant `index` of a seed. */
export const mutantId = (seedId: string, index: number): string => `${seedId}--m${index}`;

/**
 * Renames the identifiers of our own prose (summary, notes) that stand for code: inside backticks,
 * inside a call's parentheses or an index's brackets (`set(key, value)`, `mtimes[key]`), or as the
 * object of a member access (`opts.dir`); never after a dot (a property) and never in plain English
 * (an "empty path" stays a path).
 */
export function renameInProse(s: string, map: Record<string, string>): string {
  let out = '';
  let tick = false;
  const stack: boolean[] = []; // per open ( or [: whether it is code (directly after a name or a bracket)
  for (let i = 0; i < s.length;) {
    const c = s[i]!;
    const word = /^[A-Za-z_$][\w$]*/.exec(s.slice(i))?.[0];
    if (word && !/[\w$]/.test(s[i - 1] ?? '')) {
      const member = /^[.[][A-Za-z_$'"]/.test(s.slice(i + word.length, i + word.length + 2));
      const code = tick || member || stack.some((x) => x);
      const prop = s[i - 1] === '.';
      out += code && !prop ? (map[word] ?? word) : word;
      i += word.length;
      continue;
    }
    if (c === '`') tick = !tick;
    else if (c === '(' || c === '[') stack.push(/[\w$\])]/.test(s[i - 1] ?? ''));
    else if ((c === ')' || c === ']') && stack.length) stack.pop();
    out += c;
    i++;
  }
  return out;
}

/**
 * Writes `<out>/<seed-id>--m<index>/instance.yaml`: the seed's fields with seed: false, mutation_of
 * and the recipe. The folder holds nothing else: the loader reads the seed's rule, test, PoC, gold
 * patch and lockfile from the seed's folder (found through the recipe's seed_dataset). Returns the folder.
 */
export function writeMutant(seed: Instance, recipe: MutationRecipe, outDir: string, index: number): string {
  if (!seed.dir) throw new Error(`${seed.id}: a seed without a folder cannot be mutated`);
  const id = mutantId(seed.id, index);
  const dir = path.join(outDir, id);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const doc = parseDocument(readFileSync(path.join(seed.dir, 'instance.yaml'), 'utf8'));
  const map = Object.assign({}, ...recipe.operators.map((o) => (o.op === 'rename' ? o.map : {}))) as Record<string, string>;
  doc.set('id', id);
  if (typeof doc.get('title') === 'string') doc.set('title', `${String(doc.get('title'))} (mutant ${index})`);
  for (const key of ['summary', 'notes']) {
    const v = doc.get(key);
    if (typeof v === 'string') doc.set(key, renameInProse(v, map));
  }
  doc.set('seed', false);
  doc.set('mutation_of', seed.id);
  doc.set('mutation', doc.createNode(recipe));
  const header = `# Mutant ${index} of ${seed.id} (src/mutate, docs/mutation.md): the seed's package and region,\n# rewritten at run time by the operators under \`mutation\`; vuln_lines are the seed's.\n`;
  writeFileSync(path.join(dir, 'instance.yaml'), header + doc.toString({ lineWidth: 100 }));
  return dir;
}

