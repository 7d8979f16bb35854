// The same behaviour contract for every API adapter (style.md §10), run against the local server.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createModel, type ModelOptions } from '../../src/models/index.js';
import { startOpenAIServer, type OpenAIServer } from '../helpers/openai-server.js';
import { makePrompt, makeTask } from '../integrate/makeTask.js';

let server: OpenAIServer;
let cacheDir: string;
beforeAll(async () => {
  server = await startOpenAIServer();
  cacheDir = await mkdtemp(join(tmpdir(), 'ase-conf-'));
});
afterAll(async () => {
  await server.close();
  await rm(cacheDir, { recursive: true, force: true });
});
afterEach(() => {
  server.reset();
  server.setDefault({ content: 'default' });
});

const task = makeTask('function f() {\n  x();\n}\n', 2, 2);
const providers = [
  { spec: 'openai:conf-model', url: () => server.url, env: 'OPENAI_API_KEY' },
  { spec: 'anthropic:conf-model', url: () => server.origin, env: 'ANTHROPIC_API_KEY' },
];

describe.each(providers)('$spec conformance', ({ spec, url }) => {
  const model = (o: ModelOptions = {}) => createModel(spec, { baseUrl: url(), retryDelayMs: { base: 2 }, timeoutMs: 2000, ...o });

  it('returns text and token counts', async () => {
    server.enqueue({ content: '```\ny();\n```', usage: { input_tokens: 11, output_tokens: 4 } });
    const a = await model().generate({ prompt: makePrompt(), task });
    expect(a).toMatchObject({ model: spec, raw: '```\ny();\n```', cached: false, usage: { input_tokens: 11, output_tokens: 4 } });
    expect(a.latency_ms).toBeGreaterThanOrEqual(0);
  });

  it('retries 429 and 5xx, then succeeds', async () => {
    server.enqueue({ status: 429, headers: { 'retry-after-ms': '5' } }, { status: 500 }, { status: 503 }, { content: 'ok' });
    expect((await model().generate({ prompt: makePrompt(), task })).raw).toBe('ok');
    expect(server.count).toBe(4);
  });

  it('a 401 is infra_error after one attempt', async () => {
    server.enqueue({ status: 401 });
    const a = await model().generate({ prompt: makePrompt(), task });
    expect(a.infra_error).toMatch(/HTTP 401 after 1 attempt/);
    expect(server.count).toBe(1);
  });

  it('a timeout is retried, then infra_error', async () => {
    server.setDefault({ delayMs: 800 });
    const a = await model({ timeoutMs: 80, maxRetries: 1 }).generate({ prompt: makePrompt(), task });
    expect(a.infra_error).toMatch(/timeout after 2 attempts/);
    expect(server.count).toBe(2);
  });

  it('a cache hit makes no request', async () => {
    const m = model({ cacheDir });
    await m.generate({ prompt: makePrompt(spec), task, cycle: 2 });
    const hit = await m.generate({ prompt: makePrompt(spec), task, cycle: 2 });
    expect(hit.cached).toBe(true);
    expect(server.count).toBe(1);
  });

  it('an abort rejects and is not turned into an answer', async () => {
    server.enqueue({ delayMs: 800 });
    const ac = new AbortController();
    const p = model().generate({ prompt: makePrompt(), task }, ac.signal);
    while (server.count === 0) await new Promise((r) => setTimeout(r, 5));
    ac.abort(new Error('user stop'));
    await expect(p).rejects.toThrow();
  });

  it('describe() names the base URL and params, never the key', () => {
    process.env.ASE_CONF_KEY = 'secret-conformance-key';
    try {
      const d = model({ apiKeyEnv: 'ASE_CONF_KEY', params: { temperature: 0.4 } }).describe();
      expect(d).toMatchObject({ id: spec, base_url: url(), params: { temperature: 0.4 }, api_key_env: 'ASE_CONF_KEY' });
      expect(JSON.stringify(d)).not.toContain('secret-conformance-key');
    } finally {
      delete process.env.ASE_CONF_KEY;
    }
  });
});
