// Builds a Task the way the mask stage does (method.md §2): lines split on the file's EOL,
// prefix + vulnerableBlock + suffix joined by eol === original.

import type { Instance, Language, Prompt, Task } from '../../src/core/index.js';

export function makeInstance(over: Partial<Instance> = {}): Instance {
  return {
    id: 'test-instance',
    dataset: 'test',
    cwe: 'CWE-22',
    language: 'javascript',
    source: { type: 'local', path: '/nowhere' },
    vuln_file: 'lib/index.js',
    vuln_lines: [2, 3],
    rules: [],
    seed: true,
    ...over,
  };
}

/** A task masking 1-based inclusive lines [start, end] of `original`. */
export function makeTask(original: string, start: number, end: number, over: { file?: string; gold?: string[]; language?: Language } = {}): Task {
  const eol = original.includes('\r\n') ? '\r\n' : '\n';
  const lines = original.split(eol);
  const prefix = lines.slice(0, start - 1);
  const vulnerableBlock = lines.slice(start - 1, end);
  const suffix = lines.slice(end);
  const indent = /^\s*/.exec(vulnerableBlock[0] ?? '')![0];
  const file = over.file ?? 'lib/index.js';
  return {
    instance: makeInstance({ vuln_file: file, vuln_lines: [start, end], language: over.language ?? 'javascript' }),
    file,
    original,
    eol,
    prefix,
    suffix,
    vulnerableBlock,
    goldBlock: over.gold,
    indent,
    masked: [...prefix, `${indent}<MASKED>`, ...suffix].join(eol),
  };
}

export function makePrompt(user = 'fill the block', over: Partial<Prompt> = {}): Prompt {
  return { system: 'You are a programmer.', user, hash: `hash-${user}`, tokens: 10, files: [], mode: 'infill', ...over };
}
