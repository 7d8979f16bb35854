// The two stages together against the local server, as the pipeline uses them (issue 2 acceptance):
// an answer with no code block and a diff that tries ../../etc/passwd are recorded, not crashes.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { integrate } from '../../src/integrate/index.js';
import { createModel } from '../../src/models/index.js';
import { startOpenAIServer, type OpenAIServer } from '../helpers/openai-server.js';
import { makePrompt, makeTask } from './makeTask.js';

const SRC = 'function f(p) {\n  return read(p);\n}\n';
let server: OpenAIServer;
let base: string;
let root: string;

beforeAll(async () => {
  server = await startOpenAIServer();
  base = await mkdtemp(join(tmpdir(), 'ase-through-'));
  root = join(base, 'a', 'b', 'repo');
  await mkdir(join(root, 'lib'), { recursive: true });
  await writeFile(join(root, 'lib/index.js'), SRC);
});
afterAll(async () => {
  await server.close();
  await rm(base, { recursive: true, force: true });
});

describe('model answer → integrate', () => {
  const task = makeTask(SRC, 2, 2);
  const model = () => createModel('openai:test-model', { baseUrl: server.url, retryDelayMs: { base: 1 } });

  it('answers by prompt (function responder) and merges the code', async () => {
    server.setDefault((req) => ({ content: (req.body.messages.at(-1).content as string).includes('safe') ? '```js\nreturn safeRead(p);\n```' : 'no' }));
    const a = await model().generate({ prompt: makePrompt('be safe'), task });
    const c = await integrate(a, task, root, 'infill');
    expect(c.merged_file).toBe('function f(p) {\n  return safeRead(p);\n}\n');
  });

  it('no code block → merged=false, merge_error recorded', async () => {
    server.enqueue({ content: 'I would rather not.' });
    const a = await model().generate({ prompt: makePrompt(), task });
    expect(await integrate(a, task, root, 'infill')).toEqual({ merged: false, merge_error: 'no code block', changed: [] });
  });

  it('a diff aimed at ../../etc/passwd is refused and nothing is written', async () => {
    await writeFile(join(base, 'a', 'etc-passwd'), 'root\n');
    await writeFile(join(root, 'lib/index.js'), SRC);
    server.enqueue({ content: '```diff\n--- a/../../etc-passwd\n+++ b/../../etc-passwd\n@@ -1 +1 @@\n-root\n+pwned\n```' });
    const a = await model().generate({ prompt: makePrompt('diff', { mode: 'diff' }), task });
    const c = await integrate(a, task, root, 'diff');
    expect(c.merged).toBe(false);
    expect(c.merge_error).toMatch(/^refused .*'\.\.'/);
    expect(await readFile(join(base, 'a', 'etc-passwd'), 'utf8')).toBe('root\n');
    expect(await readFile(join(root, 'lib/index.js'), 'utf8')).toBe(SRC);
  });
});
