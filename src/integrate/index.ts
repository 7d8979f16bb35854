// The integrate stage (architecture.md): Answer → Candidate. Puts a model's answer into the
// workspace: infill (fenced code spliced into the mask) or a unified diff, never outside repoRoot.

import type { Answer, Candidate, OutputMode, Task } from '../core/index.js';
import { cleanBlock } from './cleanBlock.js';
import { integrateDiff } from './diffApply.js';
import { extractFenced, integrateInfill, mergeBlock } from './infill.js';

export { MASK_MARKER } from './cleanBlock.js';
export { DIFF_FUZZ } from './diffApply.js';

/**
 * Integrates one answer into the workspace at `repoRoot` and returns what happened.
 * - `exact_block` (reference generators) is spliced verbatim in either mode.
 * - infill: fenced code, cleaned (method.md §4), spliced into task.prefix/suffix with task.eol.
 * - diff: a unified diff applied with fuzz; any path outside repoRoot (absolute, '..', a symlink
 *   out, .git) refuses the whole patch and nothing is written.
 * Never throws for a bad answer (merged=false with merge_error); throws only on I/O errors.
 */
export async function integrate(answer: Answer, task: Task, repoRoot: string, mode: OutputMode): Promise<Candidate> {
  if (answer.infra_error !== undefined) return { merged: false, merge_error: `no answer: ${answer.infra_error}`, changed: [] };
  if (answer.exact_block !== undefined) return mergeBlock(task, repoRoot, answer.exact_block, answer.exact_block.join('\n'));
  return mode === 'diff' ? integrateDiff(answer, task, repoRoot) : integrateInfill(answer, task, repoRoot);
}

/**
 * The code of an answer: the fenced block (longest, last on a tie), or null without a fence.
 * With a task, the block is also cleaned as for infill (repeated context dropped, re-indented,
 * braces rebalanced) and joined with "\n".
 */
export function extractCode(raw: string, task?: Task): string | null {
  const code = extractFenced(raw);
  if (code === null) return null;
  return (task ? cleanBlock(code, task) : code).join('\n');
}
