// Turns the code a model wrote for the <MASKED> block into the lines to splice (method.md §4):
// drop the mask marker, drop lines that repeat the prefix's tail or the suffix's head,
// re-indent to the mask's indentation, rebalance braces against the original block.

import { MASK_TOKEN, type Language, type Task } from '../core/index.js';
import { scanBraces } from './braces.js';

export const MASK_MARKER = MASK_TOKEN;

const norm = (l: string): string => l.trim().replace(/\s+/g, ' ');
const isBlank = (l: string): boolean => l.trim() === '';
// A line with no identifier or literal: only brackets and separators (`}`, `});`, `{`), or a block keyword alone.
const TRIVIAL = /^(?:[{}()[\];,]*|end|fi|done|esac|else|else:|try:|finally:)$/;
const isTrivial = (l: string): boolean => TRIVIAL.test(norm(l));
// A line made only of closers, which rebalancing may drop from the end.
const CLOSERS = /^[)}\];,]*\}[)}\];,]*$/;

/** Marker lines: two or more bracket the code (take what is between); a single one is dropped. */
export function dropMaskMarkers(lines: readonly string[]): string[] {
  const marks = lines.flatMap((l, i) => (l.includes(MASK_MARKER) ? [i] : []));
  if (marks.length === 0) return [...lines];
  if (marks.length >= 2) return lines.slice(marks[0]! + 1, marks.at(-1));
  return lines.filter((_, i) => i !== marks[0]);
}

/**
 * The lengths k (ascending) for which the first k non-blank answer lines equal the last k non-blank
 * lines of `before`: the borders of answer ++ [sep] ++ before, by the KMP prefix function, O(n).
 */
export function headMatches(answer: readonly string[], before: readonly string[]): number[] {
  const a = answer.filter((l) => !isBlank(l)).map(norm);
  const b = before.filter((l) => !isBlank(l)).map(norm);
  const m = Math.min(a.length, b.length);
  if (m === 0) return [];
  const SEP = '\u0000sep';
  const seq = [...a.slice(0, m), SEP, ...b.slice(b.length - m)];
  const pi = new Array<number>(seq.length).fill(0);
  for (let i = 1; i < seq.length; i++) {
    let k = pi[i - 1]!;
    while (k > 0 && seq[i] !== seq[k]) k = pi[k - 1]!;
    if (seq[i] === seq[k]) k++;
    pi[i] = k;
  }
  const out: number[] = [];
  for (let k = pi[seq.length - 1]!; k > 0; k = pi[k - 1]!) out.push(k);
  return out.reverse();
}

/** Index just past the k-th non-blank line (from the start). */
function cutHead(lines: readonly string[], k: number): number {
  let seen = 0;
  for (let i = 0; i < lines.length; i++) if (!isBlank(lines[i]!) && ++seen === k) return i + 1;
  return k === 0 ? 0 : lines.length;
}

/** Index of the k-th non-blank line from the end (the first line to drop). */
function cutTail(lines: readonly string[], k: number): number {
  let seen = 0;
  for (let i = lines.length - 1; i >= 0; i--) if (!isBlank(lines[i]!) && ++seen === k) return i;
  return lines.length;
}

/** Candidate cuts per side: the largest matches first (a long echo), bounded for pathological inputs. */
const MAX_CUTS = 32;

/**
 * Drops leading lines that repeat the prefix's tail and trailing lines that repeat the suffix's head.
 * Among all such cuts, keeps the one whose brace balance is closest to the original block's, then
 * the one dropping the most non-trivial lines, then the smallest: a repeated signature goes, but a
 * block's own closing `}` that happens to equal the suffix's first line stays.
 */
export function dropRepeatedContext(lines: readonly string[], task: Task, target: number, lang?: Language): string[] {
  const nonBlank = lines.filter((l) => !isBlank(l)).length;
  const heads = [0, ...headMatches(lines, task.prefix).slice(-MAX_CUTS)];
  const reversed = [...lines].reverse();
  const tails = [0, ...headMatches(reversed, [...task.suffix].reverse()).slice(-MAX_CUTS)];
  // Prefix sums over lines: brace balance (one scan, so strings and comments keep their state)
  // and non-trivial line counts, making each candidate cut O(1).
  const { deltas } = scanBraces(lines, lang);
  const bal = [0];
  const sig = [0];
  lines.forEach((l, i) => {
    bal.push(bal[i]! + deltas[i]!);
    sig.push(sig[i]! + (!isBlank(l) && !isTrivial(l) ? 1 : 0));
  });
  const n = lines.length;
  let best = { start: 0, end: n, score: Infinity, nontrivial: -1, dropped: 0 };
  for (const p of heads) {
    for (const s of tails) {
      if (p + s > nonBlank) continue;
      const start = cutHead(lines, p);
      const end = Math.max(start, s === 0 ? n : cutTail(lines, s));
      const score = Math.abs(bal[end]! - bal[start]! - target);
      const nontrivial = sig[start]! + (sig[n]! - sig[end]!);
      const dropped = p + s;
      if (score < best.score || (score === best.score && (nontrivial > best.nontrivial || (nontrivial === best.nontrivial && dropped < best.dropped)))) {
        best = { start, end, score, nontrivial, dropped };
      }
    }
  }
  return lines.slice(best.start, best.end);
}

function leadingWs(l: string): string {
  return /^[ \t]*/.exec(l)![0];
}

/** Removes the lines' common indentation and prefixes `indent`; blank lines become empty. */
export function reindent(lines: readonly string[], indent: string, spaceIndentUnit?: number): string[] {
  const body = lines.filter((l) => !isBlank(l));
  if (body.length === 0) return lines.map(() => '');
  const work = [...lines];
  // A model often drops the indentation of its first line only, keeping the file's indentation for the rest.
  const first = work.findIndex((l) => !isBlank(l));
  const rest = body.slice(1);
  // Only when the first line opens nothing: after `if (a) {` or `def f():` deeper lines are expected.
  const opens = /[{:([]\s*$/.test(work[first]!.trimEnd());
  if (indent && !opens && leadingWs(work[first]!) === '' && rest.length > 0 && rest.every((l) => l.startsWith(indent))) {
    work[first] = indent + work[first]!;
  }
  const common = work.filter((l) => !isBlank(l)).map(leadingWs).reduce((a, b) => {
    let k = 0;
    while (k < a.length && k < b.length && a[k] === b[k]) k++;
    return a.slice(0, k);
  });
  const rel = work.map((l) => (isBlank(l) ? '' : l.slice(common.length)));
  const matched = matchIndentStyle(rel, indent, spaceIndentUnit);
  return matched.map((l) => (l === '' ? '' : indent + l));
}

/** Smallest run of 2+ leading spaces (a single space is a ` * ` doc-comment line): the indent unit. */
function spaceUnit(lines: readonly string[]): number {
  let unit = 0;
  for (const l of lines) {
    if (isBlank(l)) continue;
    const n = /^ */.exec(l)![0].length;
    if (n >= 2 && (unit === 0 || n < unit)) unit = n;
  }
  return unit;
}

/**
 * Relative indentation in the file's style: a tab-indented file gets tabs for the answer's
 * space units, a space-indented one gets spaces for its tabs (mixing them is a TabError in Python).
 */
function matchIndentStyle(rel: readonly string[], indent: string, fileUnit?: number): string[] {
  if (indent.startsWith('\t')) {
    const unit = spaceUnit(rel);
    if (unit === 0) return [...rel];
    return rel.map((l) => {
      const n = /^ */.exec(l)![0].length;
      return '\t'.repeat(Math.floor(n / unit)) + ' '.repeat(n % unit) + l.slice(n);
    });
  }
  if (indent.startsWith(' ')) {
    const unit = fileUnit || (indent.length % 4 === 0 ? 4 : indent.length % 2 === 0 ? 2 : indent.length);
    return rel.map((l) => {
      const tabs = /^\t*/.exec(l)![0].length;
      return ' '.repeat(tabs * unit) + l.slice(tabs);
    });
  }
  return [...rel];
}

/**
 * Makes the block's brace balance equal the original block's: extra trailing closer lines are
 * dropped; missing closers are appended at the indentation of the lines that opened them.
 */
export function rebalanceBraces(lines: readonly string[], target: number, indent: string, lang?: Language): string[] {
  const out = [...lines];
  let scan = scanBraces(out, lang);
  if (scan.balance < target) {
    let balance = scan.balance;
    let last = out.length - 1;
    while (balance < target) {
      while (last >= 0 && isBlank(out[last]!)) last--;
      if (last < 0 || !CLOSERS.test(norm(out[last]!))) break;
      balance -= scan.deltas[last]!;
      out.splice(last);
      last--;
    }
    scan = scanBraces(out, lang);
  }
  if (scan.balance > target) {
    const missing = scan.balance - target;
    const indents = scan.openIndents.slice(-missing).reverse();
    for (let i = 0; i < missing; i++) out.push(`${indents[i] ?? indent}}`);
  }
  return out;
}

/** The full clean-up of method.md §4 for one extracted code block. */
export function cleanBlock(code: readonly string[], task: Task): string[] {
  const lang = task.instance.language;
  const target = scanBraces(task.vulnerableBlock, lang).balance;
  let lines = dropMaskMarkers(code);
  lines = dropRepeatedContext(lines, task, target, lang);
  while (lines.length > 0 && isBlank(lines[0]!)) lines.shift();
  while (lines.length > 0 && isBlank(lines.at(-1)!)) lines.pop();
  lines = reindent(lines, task.indent, Math.min(8, spaceUnit([...task.prefix, ...task.vulnerableBlock, ...task.suffix])));
  return rebalanceBraces(lines, target, task.indent, lang);
}
