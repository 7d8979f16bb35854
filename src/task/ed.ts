// Our own gold blocks as edits of the vulnerable block (the `diff -e` / ed script format): only the
// lines we wrote are stored in the instance folder, with line numbers of the vulnerable block; the
// vulnerable block itself is taken from the package at run time. So an instance never holds a
// copy of upstream's code, even where our fix keeps most of it.
//
//   12a      append the following lines after line 12 (0a: before the first line)
//   3,5c     replace lines 3-5 with the following lines
//   7d       delete line 7 (7,9d: lines 7-9)
// Text follows `a`/`c` commands and ends at a line holding a single `.`. Commands run from the
// bottom of the block up (as `diff -e` writes them), so each one's numbers refer to the original.

import { diffArrays } from 'diff';

interface Edit { start: number; end: number; op: 'a' | 'c' | 'd'; text: string[] }

const CMD = /^(\d+)(?:,(\d+))?([acd])$/;

function parse(script: string, where: string): Edit[] {
  const lines = script.replace(/\r\n/g, '\n').split('\n');
  if (lines.at(-1) === '') lines.pop();
  const edits: Edit[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '' || line.startsWith('#')) continue;
    const m = CMD.exec(line);
    if (!m) throw new Error(`${where}: line ${i + 1}: "${line}" is not an ed command (Na, N,Mc, N,Md)`);
    const start = Number(m[1]);
    const end = m[2] === undefined ? start : Number(m[2]);
    const op = m[3] as Edit['op'];
    const text: string[] = [];
    if (op !== 'd') {
      for (i++; i < lines.length && lines[i] !== '.'; i++) text.push(lines[i]!);
      if (i >= lines.length) throw new Error(`${where}: the text of "${line}" is not closed by a line with a single "."`);
    }
    edits.push({ start, end, op, text });
  }
  return edits;
}

/** Apply an ed script to `block` (lines). Throws with `where` and the line for a bad script. */
export function applyEdScript(block: string[], script: string, where = 'ed script'): string[] {
  const out = [...block];
  let lastStart = Infinity;
  for (const e of parse(script, where)) {
    if (e.end < e.start || (e.op === 'a' ? e.start > out.length : e.start < 1 || e.end > block.length)) {
      throw new Error(`${where}: ${e.start},${e.end}${e.op} is outside the block (${block.length} lines)`);
    }
    if (e.start >= lastStart) throw new Error(`${where}: commands must go from the bottom of the block up (${e.start}${e.op} after ${lastStart})`);
    lastStart = e.start;
    if (e.op === 'a') out.splice(e.start, 0, ...e.text);
    else out.splice(e.start - 1, e.end - e.start + 1, ...(e.op === 'c' ? e.text : []));
  }
  return out;
}

/** The ed script that turns `from` into `to` (bottom-up, as `diff -e`). */
export function makeEdScript(from: string[], to: string[]): string {
  const edits: Edit[] = [];
  let i = 0; // lines of `from` consumed
  const parts = diffArrays(from, to);
  for (let k = 0; k < parts.length; k++) {
    const p = parts[k]!;
    if (!p.added && !p.removed) { i += p.value.length; continue; }
    if (p.removed) {
      const next = parts[k + 1];
      const added = next?.added ? next.value : undefined;
      if (added) k++;
      edits.push({ start: i + 1, end: i + p.value.length, op: added ? 'c' : 'd', text: added ?? [] });
      i += p.value.length;
    } else {
      edits.push({ start: i, end: i, op: 'a', text: p.value });
    }
  }
  const lines: string[] = [];
  for (const e of edits.reverse()) {
    if (e.text.includes('.')) throw new Error('a line holding a single "." cannot be written in an ed script');
    lines.push(`${e.start}${e.end !== e.start ? `,${e.end}` : ''}${e.op}`);
    if (e.op !== 'd') lines.push(...e.text, '.');
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}
