// Context and prompt (method.md §3): README, BM25 files, summary, budget, stable hash.
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { buildPrompt, countTokens, codeTokens, retrieveBm25 } from '../../src/context/index.js';
import { makeTask } from '../../src/task/index.js';
import { loadDataset } from '../../src/dataset/index.js';
import { MINI_DATASET } from '../helpers/runConfig.js';

const PKG = path.resolve(MINI_DATASET, '..', '..', 'packages', 'mini-static');
const inst = loadDataset(MINI_DATASET).instances.find((i) => i.id === 'mini-static-traversal');
if (!inst) throw new Error('fixture missing');

describe('buildPrompt', () => {
  const task = makeTask(inst, PKG);
  it('holds the README, the masked file, the summary and the instructions, and never the block', () => {
    const p = buildPrompt(task, PKG);
    expect(p.user).toContain('[start of README.md]');
    expect(p.user).toContain('[start of index.js]');
    expect(p.user).toContain('<MASKED>');
    expect(p.user).toContain('percent-decode the URL path');
    expect(p.user).not.toContain('path.join(root, decoded)');
    expect(p.files.map((f) => f.path)).toEqual(expect.arrayContaining(['README.md', 'index.js']));
    expect(p.tokens).toBe(countTokens(p.system) + countTokens(p.user));
    expect(buildPrompt(task, PKG, { budget: 1 }).files.filter((f) => f.score !== undefined)).toEqual([]);
    expect(p.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(buildPrompt(task, PKG).hash).toBe(p.hash);
  });
  it('asks for a diff in diff mode', () => {
    expect(buildPrompt(task, PKG, { mode: 'diff' }).user).toMatch(/unified diff/);
  });
  it('counts real tokens', () => {
    expect(countTokens('hello world')).toBe(2);
  });
});

describe('BM25 retrieval', () => {
  it('splits identifiers and ranks the file that shares them first', () => {
    expect(codeTokens('readFileSync snake_case')).toEqual(expect.arrayContaining(['readfilesync', 'read', 'file', 'sync', 'snake', 'case']));
    const root = path.resolve(MINI_DATASET, '..', '..', 'packages');
    const hits = retrieveBm25(root, 'greet echo hello name exec', 2);
    expect(hits[0]?.path).toBe(path.join('mini-exec', 'index.js'));
  });
});
