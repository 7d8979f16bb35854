// Diff mode (`--output diff`): the answer is a unified diff over the repository. Every path is
// checked before anything is read or written; the whole patch applies or nothing is written.

import { existsSync } from 'node:fs';
import { mkdir, readFile, realpath, unlink, writeFile } from 'node:fs/promises';
import { dirname, relative, sep } from 'node:path';
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

  // 1. Every path named by the diff (and the masked file) must resolve inside the workspace.
  //    Files are keyed by their real path, so two names for one file (a symlink inside) stay one file.
  const realOf = new Map<string, string>();
  const need = (p: string | null | undefined): string | null => (p === undefined ? taskRel.rel : p);
  for (const p of [taskRel.rel, ...patches.flatMap((fp) => [need(fp.oldPath), need(fp.newPath)])]) {
    if (p === null) continue;
    const r = await resolveInside(repoRoot, p);
    if (!r.ok) return fail(`refused ${JSON.stringify(p)}: ${r.reason}`, code);
    realOf.set(p, r.abs);
  }
  const taskAbs = realOf.get(taskRel.rel)!;

  // 2. Apply in memory. The masked file starts from the masked text the model saw.
  const contents = new Map<string, string | null>();
  const current = async (a: string): Promise<string | null> => {
    if (contents.has(a)) return contents.get(a)!;
    if (a === taskAbs) return task.masked;
    return existsSync(a) ? readFile(a, 'utf8') : null;
  };
  for (const fp of patches) {
    const oldP = need(fp.oldPath);
    const newP = need(fp.newPath);
    if (oldP === null && newP === null) return fail('diff names /dev/null on both sides', code);
    const oldA = oldP === null ? null : realOf.get(oldP)!;
    const newA = newP === null ? null : realOf.get(newP)!;
    const target = (newP ?? oldP)!;
    let result: string | false;
    if (oldA === null) {
      if ((await current(newA!)) !== null) return fail(`diff creates ${target}, which exists`, code);
      result = created(fp);
    } else {
      const source = await current(oldA);
      if (source === null) return fail(`diff changes ${oldP}, which does not exist`, code);
      result = tryApply(source, fp);
    }
    if (result === false) return fail(`patch for ${target} does not apply (fuzz ${DIFF_FUZZ})`, code);
    if (oldA !== null && oldA !== newA) contents.set(oldA, null);
    if (newA !== null) contents.set(newA, result);
  }
  if (!contents.has(taskAbs)) contents.set(taskAbs, task.masked);

  const realRoot = await realpath(repoRoot);
  // 3. Write, after checking that no file is also used as a directory by another file of the diff.
  const files = [...contents].filter(([, t]) => t !== null).map(([a]) => a);
  for (const a of files) {
    const clash = files.find((b) => b.startsWith(a + sep));
    if (clash) return fail(`diff writes ${relative(realRoot, a)} both as a file and as a directory`, code);
  }
  try {
    for (const [a, text] of contents) {
      if (text === null) {
        if (existsSync(a)) await unlink(a);
      } else {
        await mkdir(dirname(a), { recursive: true });
        await writeFile(a, text);
      }
    }
  } catch (err) {
    return fail(`could not write the diff: ${(err as Error).message}`, code);
  }
  const changed = [...contents.keys()].map((a) => relative(realRoot, a).split(sep).join('/')).sort();
  return { merged: true, code, changed, merged_file: contents.get(taskAbs) ?? undefined };
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
