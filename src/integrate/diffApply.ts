// Diff mode (`--output diff`): the answer is a unified diff over the repository. Every path is
// checked before anything is read or written; the whole patch applies or nothing is written.

import { existsSync } from 'node:fs';
import { mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { applyPatch } from 'diff';
import type { Answer, Candidate, Task } from '../core/index.js';
import { findFencedBlocks } from './fences.js';
import { stripThinking } from './infill.js';
import { parseUnifiedDiff, type FilePatch } from './patchParse.js';
import { checkRelPath, resolveInside } from './safePath.js';

/** Context lines that may mismatch per hunk. */
export const DIFF_FUZZ = 2;

// A line that only a diff has: a file header or a hunk header.
const DIFFISH = /^(--- |\+\+\+ |@@|diff --git )/m;

/** The diff text: every fenced block that looks like a diff, joined; else the whole answer. */
export function extractDiffText(answer: string): string {
  const raw = stripThinking(answer);
  const blocks = findFencedBlocks(raw).filter((b) => DIFFISH.test(b.lines.join('\n')));
  return blocks.length > 0 ? blocks.map((b) => b.lines.join('\n')).join('\n') : raw;
}

type Failure = { merged: false; merge_error: string; code: string; changed: [] };
const fail = (merge_error: string, code: string): Failure => ({ merged: false, merge_error, code, changed: [] });

export async function integrateDiff(answer: Answer, task: Task, repoRoot: string): Promise<Candidate> {
  const code = extractDiffText(answer.raw);
  const patches = parseUnifiedDiff(code);
  if (patches.length === 0) return fail('no diff in answer', code);
  const taskRel = checkRelPath(task.file);
  if (!taskRel.ok) return fail(`refused ${task.file}: ${taskRel.reason}`, code);

  // 1. Every path named by the diff must resolve inside the workspace.
  const abs = new Map<string, string>();
  const need = (p: string | null | undefined): string | null => (p === undefined ? taskRel.rel : p);
  for (const fp of patches) {
    for (const p of [need(fp.oldPath), need(fp.newPath)]) {
      if (p === null) continue;
      const r = await resolveInside(repoRoot, p);
      if (!r.ok) return fail(`refused ${JSON.stringify(p)}: ${r.reason}`, code);
      abs.set(r.rel, r.abs);
    }
  }
  const relOf = (p: string): string => (checkRelPath(p) as { rel: string }).rel;

  // 2. Apply in memory. The masked file starts from the masked text the model saw.
  const contents = new Map<string, string | null>();
  const current = async (rel: string): Promise<string | null> => {
    if (contents.has(rel)) return contents.get(rel)!;
    if (rel === taskRel.rel) return task.masked;
    const a = abs.get(rel)!;
    return existsSync(a) ? readFile(a, 'utf8') : null;
  };
  for (const fp of patches) {
    const oldP = need(fp.oldPath);
    const newP = need(fp.newPath);
    if (oldP === null && newP === null) return fail('diff names /dev/null on both sides', code);
    const target = relOf((newP ?? oldP)!);
    let source = '';
    if (oldP === null) {
      if ((await current(target)) !== null) return fail(`diff creates ${target}, which exists`, code);
    } else {
      const s = await current(relOf(oldP));
      if (s === null) return fail(`diff changes ${oldP}, which does not exist`, code);
      source = s;
    }
    const result = oldP === null ? created(fp) : tryApply(source, fp);
    if (result === false) return fail(`patch for ${target} does not apply (fuzz ${DIFF_FUZZ})`, code);
    if (newP === null) contents.set(relOf(oldP!), null);
    else {
      if (oldP !== null && relOf(oldP) !== relOf(newP)) contents.set(relOf(oldP), null);
      contents.set(relOf(newP), result);
    }
  }
  if (!contents.has(taskRel.rel)) contents.set(taskRel.rel, task.masked);

  // 3. Write.
  for (const [rel, text] of contents) {
    const a = abs.get(rel) ?? (await resolveInside(repoRoot, rel).then((r) => (r.ok ? r.abs : undefined)));
    if (a === undefined) return fail(`refused ${rel}`, code);
    if (text === null) {
      if (existsSync(a)) await unlink(a);
    } else {
      await mkdir(dirname(a), { recursive: true });
      await writeFile(a, text);
    }
  }
  const merged = contents.get(taskRel.rel);
  return { merged: true, code, changed: [...contents.keys()].sort(), merged_file: merged ?? undefined };
}

/** A creation's text: its added lines (applyPatch on '' would add a stray blank line). */
function created(fp: FilePatch): string {
  const lines = fp.hunks.flatMap((h) => h.lines);
  const text = lines.filter((l) => l[0] === '+').map((l) => l.slice(1)).join('\n');
  return lines.some((l) => l.startsWith('\\')) ? text : `${text}\n`;
}

function tryApply(source: string, fp: FilePatch): string | false {
  try {
    return applyPatch(source, { oldFileName: '', newFileName: '', oldHeader: undefined, newHeader: undefined, hunks: fp.hunks }, { fuzzFactor: DIFF_FUZZ });
  } catch {
    return false;
  }
}
