// Building the prompt (method.md §3): masked file, README, BM25 files, summary, within a token budget.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { MASK_TOKEN, sha256, type ContextFile, type OutputMode, type Prompt, type Task } from '../core/index.js';
import { retrieveBm25 } from './retrieve.js';
import { countTokens, truncateToTokens } from './tokens.js';
import { SYSTEM_PROMPT, instructions } from './templates.js';

export interface ContextOptions {
  /** Total token budget of the user message (default 16000). */
  budget?: number;
  /** How many BM25 files at most (default 5). */
  topK?: number;
  /** Lines of the masked file kept on each side of the mask when the file is too long (default 300). */
  window?: number;
  /** Budget share of the README (default 2000 tokens). */
  readmeTokens?: number;
  mode?: OutputMode;
}

const MASK = MASK_TOKEN;

function fileBlock(p: string, text: string): string {
  return `[start of ${p}]\n${text.replace(/\n$/, '')}\n[end of ${p}]`;
}

/** The masked file, or a window of ±`window` lines around the mask if it is too long. */
function maskedView(task: Task, window: number): string {
  const lines = task.masked.split(/\r?\n/);
  const at = lines.findIndex((l) => l.includes(MASK));
  if (lines.length <= window * 2 + 1 || at < 0) return lines.join('\n');
  const from = Math.max(0, at - window);
  const to = Math.min(lines.length, at + window + 1);
  return [from > 0 ? `… (${from} lines above omitted)` : '', ...lines.slice(from, to), to < lines.length ? `… (${lines.length - to} lines below omitted)` : '']
    .filter((l, i, a) => l !== '' || (i > 0 && i < a.length - 1))
    .join('\n');
}

function findReadme(root: string): string | undefined {
  const name = readdirSync(root).filter((f) => /^readme(\.(md|markdown|txt|rst))?$/i.test(f)).sort()[0];
  return name && existsSync(path.join(root, name)) ? name : undefined;
}

/** Builds the prompt of a task. Pure apart from reading the workspace's files. */
export function buildPrompt(task: Task, repoRoot: string, opts: ContextOptions = {}): Prompt {
  const budget = opts.budget ?? 16_000;
  const mode = opts.mode ?? 'infill';
  const files: ContextFile[] = [];
  const parts: string[] = [];
  let used = 0;

  const readme = findReadme(repoRoot);
  if (readme) {
    const text = truncateToTokens(readFileSync(path.join(repoRoot, readme), 'utf8'), opts.readmeTokens ?? 2000);
    const block = `## Repository README\n${fileBlock(readme, text)}`;
    const t = countTokens(block);
    parts.push(block);
    used += t;
    files.push({ path: readme, tokens: t });
  }

  const view = fileBlock(task.file, maskedView(task, opts.window ?? 300));
  const tail = [
    `## The file to complete\n${view}`,
    task.instance.summary ? `## What the masked block must do\n${task.instance.summary.trim()}` : '',
    instructions(mode, task),
  ].filter(Boolean).join('\n\n');
  const tailTokens = countTokens(tail);
  used += tailTokens;
  files.push({ path: task.file, tokens: countTokens(view) });

  const lines = task.masked.split(/\r?\n/);
  const at = lines.findIndex((l) => l.includes(MASK));
  const query = `${lines.slice(Math.max(0, at - 40), at + 40).join('\n')}\n${task.instance.summary ?? ''}`;
  const related: string[] = [];
  for (const hit of retrieveBm25(repoRoot, query, opts.topK ?? 5, [task.file])) {
    const block = fileBlock(hit.path, hit.text);
    const t = countTokens(block);
    if (used + t > budget) continue;
    related.push(block);
    used += t;
    files.push({ path: hit.path, tokens: t, score: Number(hit.score.toFixed(4)) });
  }
  if (related.length) parts.push(`## Related files of the repository\n${related.join('\n\n')}`);
  parts.push(tail);

  const user = parts.join('\n\n');
  return { system: SYSTEM_PROMPT, user, hash: sha256(`${SYSTEM_PROMPT}\u0000${user}`), tokens: countTokens(SYSTEM_PROMPT) + countTokens(user), files, mode };
}
