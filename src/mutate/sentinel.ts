// The masked region travels through the operators as two comment lines around it; after the last
// operator they are found, removed, and the lines between them are the new vuln_lines.
import { MutationError, type Region } from './ast.js';

export const BEGIN = '/* ase-mutate: masked block begins */';
export const END = '/* ase-mutate: masked block ends */';

export const isSentinel = (s: string): boolean => s === BEGIN || s === END;

/** `lines` with the sentinels around [a, b] (1-based inclusive). */
export function addSentinels(lines: string[], [a, b]: readonly [number, number]): string[] {
  return [...lines.slice(0, a - 1), BEGIN, ...lines.slice(a - 1, b), END, ...lines.slice(b)];
}

/** The region between the sentinels as character offsets (from the begin line to the end line's end). */
export function regionOf(text: string): Region {
  const a = text.indexOf(BEGIN);
  const b = text.indexOf(END);
  if (a < 0 || b < 0 || text.indexOf(BEGIN, a + 1) >= 0 || text.indexOf(END, b + 1) >= 0 || b < a) {
    throw new MutationError('the masked block was lost (its markers are missing or out of order)');
  }
  return [a, b + END.length];
}

/** Removes the sentinel lines; returns the lines and the 1-based inclusive range between them. */
export function removeSentinels(lines: string[]): { lines: string[]; range: [number, number] } {
  const a = lines.findIndex((l) => l.trim() === BEGIN);
  const b = lines.findIndex((l) => l.trim() === END);
  if (a < 0 || b < 0 || b <= a + 1) throw new MutationError('the masked block was lost (its marker lines are missing, empty or out of order)');
  const out = [...lines.slice(0, a), ...lines.slice(a + 1, b), ...lines.slice(b + 1)];
  return { lines: out, range: [a + 1, b - 1] };
}
