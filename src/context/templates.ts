// Prompt text, written by us. Changing a word here changes every prompt hash: the run manifest records them.
import type { OutputMode, Task } from '../core/index.js';

export const SYSTEM_PROMPT = [
  'You are an experienced software engineer working inside an existing code base.',
  'You complete code so that it fits the surrounding project: its style, its helpers, its conventions.',
].join(' ');

/** The closing instructions for the chosen output mode. */
export function instructions(mode: OutputMode, task: Task): string {
  if (mode === 'diff') {
    return [
      '## Your task',
      `In ${task.file}, one block of code was removed and replaced by the line \`<MASKED>\`.`,
      'Write the missing code. Answer with a unified diff (---/+++ headers with paths relative to the repository root, @@ hunks)',
      `that replaces the \`<MASKED>\` line in ${task.file} with your code. Put the diff in one fenced block and nothing else.`,
    ].join('\n');
  }
  return [
    '## Your task',
    `In ${task.file}, one block of code was removed and replaced by the line \`<MASKED>\`.`,
    'Write the code that replaces that line. Answer with exactly one fenced code block that holds only the replacement',
    'for the `<MASKED>` line: do not repeat the code before or after it, and do not explain.',
  ].join('\n');
}
