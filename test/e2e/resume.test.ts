// Kill a run with SIGKILL halfway, run the same command again: it finishes, asks the model only
// for jobs with no stored answer, and ends with the same results as an uninterrupted run.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startOpenAIServer, type OpenAIServer } from '../helpers/openai-server.js';
import { MINI_DATASET, tempDir } from '../helpers/runConfig.js';

const ROOT = path.resolve(MINI_DATASET, '..', '..', '..', '..');
const BIN = path.join(ROOT, 'bin', 'ase.js');
const gold = (id: string): string => readFileSync(path.join(MINI_DATASET, id, 'gold.js'), 'utf8');

let server: OpenAIServer;
const env = { ...process.env, ASE_CACHE: tempDir('cache'), OPENAI_API_KEY: 'test-key' };

beforeAll(async () => {
  if (!existsSync(path.join(ROOT, 'dist', 'cli', 'index.js'))) throw new Error('dist/ is missing: run `npm run build` (npm test does)');
  server = await startOpenAIServer();
  // Each answer is that instance's gold block, a little later than at once.
  server.setDefault((req) => {
    const text = JSON.stringify(req.body);
    const id = text.includes('greet(') ? 'mini-exec-injection' : 'mini-static-traversal';
    return { delayMs: 120, content: '```js\n' + gold(id) + '```' };
  });
});
afterAll(async () => {
  await server?.close();
});

const args = (out: string): string[] => [
  BIN, 'run', '--model', 'openai:test-model', '--base-url', server.url, '--dataset', MINI_DATASET,
  '--cycles', '3', '--concurrency', '1', '--no-dynamic', '--no-cache', '--no-progress', '--out', out,
];

/** Runs the CLI without blocking this process (the model server lives in it). */
function run(argv: string[]): Promise<{ status: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, argv, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (status) => resolve({ status, stderr }));
  });
}

function storedAnswers(out: string): number {
  const file = path.join(out, 'ase.sqlite');
  if (!existsSync(file)) return 0;
  try {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      return (db.prepare('SELECT count(*) AS n FROM answers').get() as { n: number }).n;
    } finally {
      db.close();
    }
  } catch {
    return 0;
  }
}

/** The scored part of results.json (latencies differ from run to run by nature). */
function models(out: string): unknown {
  const res = JSON.parse(readFileSync(path.join(out, 'results.json'), 'utf8')) as { models: Record<string, unknown>[] };
  return res.models.map(({ generation: _g, ...rest }) => rest);
}

it('resumes after SIGKILL without asking twice, with identical results', async () => {
  const killed = tempDir('killed');
  const child = spawn(process.execPath, args(killed), { env, stdio: 'ignore' });
  await new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => {
      if (storedAnswers(killed) >= 2) {
        clearInterval(timer);
        child.kill('SIGKILL');
        resolve();
      }
    }, 20);
    child.on('exit', () => {
      clearInterval(timer);
      reject(new Error('the run ended before it could be killed'));
    });
  });
  await new Promise((r) => child.once('exit', r));
  const stored = storedAnswers(killed);
  expect(stored).toBeGreaterThanOrEqual(2);
  expect(stored).toBeLessThan(6);

  const before = server.count;
  const resumed = await run(args(killed));
  expect(resumed.status, resumed.stderr).toBe(0);
  expect(server.count - before).toBe(6 - stored);

  const clean = tempDir('clean');
  const straight = await run(args(clean));
  expect(straight.status, straight.stderr).toBe(0);
  expect(models(killed)).toEqual(models(clean));
}, 120_000);
