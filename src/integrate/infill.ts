// Infill mode (method.md §4): the answer's fenced code becomes the <MASKED> block.

import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Answer, Candidate, Task } from '../core/index.js';
import { cleanBlock } from './cleanBlock.js';
import { findFencedBlocks, pickCodeBlock } from './fences.js';
import { resolveInside } from './safePath.js';

// Reasoning models served without a reasoning parser (vLLM, Ollama, llama.cpp) put their
// thinking, drafts included, in the content between <think> tags.
const THINK = /<think>[\s\S]*?<\/think>/g;

/** The answer without closed <think>…</think> sections (an unclosed one is left: it may be all there is). */
export function stripThinking(raw: string): string {
  return raw.replace(THINK, '');
}

/** The fenced code of an answer (longest block, last on a tie), or null when it has no fence. */
export function extractFenced(raw: string): string[] | null {
  return pickCodeBlock(findFencedBlocks(stripThinking(raw)))?.lines ?? null;
}

/** prefix + block + suffix, joined with the file's own line terminator. */
export function splice(task: Task, block: readonly string[]): string {
  return [...task.prefix, ...block, ...task.suffix].join(task.eol);
}

/** Writes `text` at task.file under repoRoot (never outside it). */
export async function writeTaskFile(task: Task, repoRoot: string, text: string): Promise<string | undefined> {
  const r = await resolveInside(repoRoot, task.file);
  if (!r.ok) return `refused ${task.file}: ${r.reason}`;
  await mkdir(dirname(r.abs), { recursive: true });
  await writeFile(r.abs, text);
  return undefined;
}

/** Splices `block` and writes the file: the Candidate of a successful merge. */
export async function mergeBlock(task: Task, repoRoot: string, block: readonly string[], code: string): Promise<Candidate> {
  const merged_file = splice(task, block);
  const refused = await writeTaskFile(task, repoRoot, merged_file);
  if (refused) return { merged: false, merge_error: refused, code, changed: [] };
  return { merged: true, code, changed: [task.file], merged_file };
}

export async function integrateInfill(answer: Answer, task: Task, repoRoot: string): Promise<Candidate> {
  const code = extractFenced(answer.raw);
  if (code === null) return { merged: false, merge_error: 'no code block', changed: [] };
  const block = cleanBlock(code, task);
  return mergeBlock(task, repoRoot, block, block.join('\n'));
}
