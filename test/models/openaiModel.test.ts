import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HarnessError } from '../../src/core/index.js';
import { createModel, type ModelOptions } from '../../src/models/index.js';
import { startOpenAIServer, type OpenAIServer } from '../helpers/openai-server.js';
import { makePrompt, makeTask } from '../integrate/makeTask.js';

const task = makeTask('function f(a) {\n  return a;\n}\n', 2, 2);
let server: OpenAIServer;
let cacheDir: string;
const fast: ModelOptions = { retryDelayMs: { base: 5, max: 2000 }, timeoutMs: 2000 };

beforeAll(async () => {
  server = await startOpenAIServer();
  cacheDir = await mkdtemp(join(tmpdir(), 'ase-models-'));
});
afterAll(async () => {
  await server.close();
  await rm(cacheDir, { recursive: true, force: true });
});
afterEach(() => server.reset());

function model(opts: ModelOptions = {}) {
  return createModel('openai:test-model', { baseUrl: server.url, ...fast, ...opts });
}

describe('openai adapter against the local server', () => {
  it('returns the content, usage and model id', async () => {
    server.enqueue({ content: '```js\nreturn 1;\n```', usage: { input_tokens: 7, output_tokens: 3 } });
    const a = await model().generate({ prompt: makePrompt(), task });
    expect(a).toMatchObject({ model: 'openai:test-model', raw: '```js\nreturn 1;\n```', cached: false, usage: { input_tokens: 7, output_tokens: 3 } });
    expect(a.infra_error).toBeUndefined();
    expect(server.requests[0]!.body.messages).toEqual([
      { role: 'system', content: 'You are a programmer.' },
      { role: 'user', content: 'fill the block' },
    ]);
  });

  it('waits for Retry-After on 429, then succeeds', async () => {
    server.enqueue({ status: 429, headers: { 'retry-after': '1' } }, { content: 'ok' });
    const t0 = Date.now();
    const a = await model().generate({ prompt: makePrompt(), task });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(950);
    expect(a.raw).toBe('ok');
    expect(server.count).toBe(2);
  });

  it('honours retry-after-ms too', async () => {
    server.enqueue({ status: 429, headers: { 'retry-after-ms': '60' } }, { content: 'ok' });
    const t0 = Date.now();
    const a = await model({ retryDelayMs: { base: 1, max: 5000 } }).generate({ prompt: makePrompt(), task });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(55);
    expect(a.raw).toBe('ok');
  });

  it('a 429 pauses the other requests of the adapter too', async () => {
    server.enqueue({ status: 429, headers: { 'retry-after-ms': '400' } });
    const m = model({ concurrency: 2 });
    const first = m.generate({ prompt: makePrompt('a'), task });
    while (server.count === 0) await new Promise((r) => setTimeout(r, 5));
    await new Promise((r) => setTimeout(r, 100));
    const second = m.generate({ prompt: makePrompt('b'), task });
    await Promise.all([first, second]);
    const [r429, ...rest] = server.requests;
    expect(rest).toHaveLength(2);
    for (const r of rest) expect(r.at - r429!.at).toBeGreaterThanOrEqual(380);
  });

  it('retries 500s, then succeeds', async () => {
    server.enqueue({ status: 500 }, { status: 503 }, { status: 502 }, { content: 'fine' });
    const a = await model().generate({ prompt: makePrompt(), task });
    expect(a.raw).toBe('fine');
    expect(a.infra_error).toBeUndefined();
    expect(server.count).toBe(4);
  });

  it('500 forever → infra_error after maxRetries, never throws', async () => {
    server.setDefault({ status: 500 });
    try {
      const a = await model({ maxRetries: 3 }).generate({ prompt: makePrompt(), task });
      expect(a.infra_error).toMatch(/HTTP 500 after 4 attempts/);
      expect(a.raw).toBe('');
      expect(server.count).toBe(4);
    } finally {
      server.setDefault({ content: 'default' });
    }
  });

  it('after 3 requests in a row exhaust their retries, the next ones try once; a success resets', async () => {
    server.setDefault({ status: 503 });
    try {
      const m = model({ maxRetries: 1 });
      for (let i = 0; i < 3; i++) expect((await m.generate({ prompt: makePrompt(`b${i}`), task })).infra_error).toMatch(/after 2 attempts/);
      expect(server.count).toBe(6);
      const fast = await m.generate({ prompt: makePrompt('b3'), task });
      expect(fast.infra_error).toMatch(/HTTP 503 \(provider failing, retries skipped\) after 1 attempt/);
      expect(server.count).toBe(7);
      server.enqueue({ content: 'up again' });
      expect((await m.generate({ prompt: makePrompt('b4'), task })).raw).toBe('up again');
      await m.generate({ prompt: makePrompt('b5'), task });
      expect(server.count).toBe(10);
    } finally {
      server.setDefault({ content: 'default' });
    }
  });

  it('a timeout is retried, then becomes infra_error', async () => {
    server.setDefault({ delayMs: 1000, content: 'too late' });
    try {
      const a = await model({ timeoutMs: 100, maxRetries: 2 }).generate({ prompt: makePrompt(), task });
      expect(a.infra_error).toMatch(/timeout after 3 attempts/);
      expect(server.count).toBe(3);
    } finally {
      server.setDefault({ content: 'default' });
    }
  });

  it('a timeout then a prompt answer succeeds', async () => {
    server.enqueue({ delayMs: 1000 }, { content: 'second' });
    const a = await model({ timeoutMs: 100 }).generate({ prompt: makePrompt(), task });
    expect(a.raw).toBe('second');
  });

  it('a dropped connection is retried', async () => {
    server.enqueue({ destroy: true }, { content: 'back' });
    const a = await model().generate({ prompt: makePrompt(), task });
    expect(a.raw).toBe('back');
    expect(server.count).toBe(2);
  });

  it('a 400 is infra_error without retries', async () => {
    server.enqueue({ status: 400 });
    const a = await model().generate({ prompt: makePrompt(), task });
    expect(a.infra_error).toMatch(/HTTP 400 after 1 attempt:/);
    expect(server.count).toBe(1);
  });

  it('a 200 with no choices is infra_error', async () => {
    server.enqueue({ body: { id: 'x', object: 'chat.completion', choices: [] } });
    const a = await model().generate({ prompt: makePrompt(), task });
    expect(a.infra_error).toMatch(/no choices/);
  });

  it('forwards only the params that are set', async () => {
    await model({ params: { temperature: 0.2, top_p: 0.9, max_tokens: 321, reasoning_effort: 'low', seed: 7 } }).generate({ prompt: makePrompt(), task });
    expect(server.requests[0]!.body).toMatchObject({ model: 'test-model', temperature: 0.2, top_p: 0.9, max_tokens: 321, reasoning_effort: 'low', seed: 7 });
    server.reset();
    await model({ params: { temperature: 0 } }).generate({ prompt: makePrompt(), task });
    const body = server.requests[0]!.body as Record<string, unknown>;
    expect(body.temperature).toBe(0);
    for (const k of ['top_p', 'max_tokens', 'max_completion_tokens', 'reasoning_effort', 'seed']) expect(body).not.toHaveProperty(k);
  });

  it('a cache hit makes no request; cycles and params are separate entries; failures are not cached', async () => {
    const m = model({ cacheDir, params: { temperature: 0.5 } });
    server.enqueue({ content: 'first' });
    const a1 = await m.generate({ prompt: makePrompt('cached'), task, cycle: 0 });
    const a2 = await m.generate({ prompt: makePrompt('cached'), task, cycle: 0 });
    expect(server.count).toBe(1);
    expect(a1).toMatchObject({ raw: 'first', cached: false });
    expect(a2).toMatchObject({ raw: 'first', cached: true });
    await m.generate({ prompt: makePrompt('cached'), task, cycle: 1 });
    await model({ cacheDir, params: { temperature: 0.7 } }).generate({ prompt: makePrompt('cached'), task, cycle: 0 });
    expect(server.count).toBe(3);
    server.enqueue({ status: 400 }, { content: 'later' });
    const bad = await m.generate({ prompt: makePrompt('fails'), task });
    expect(bad.infra_error).toBeDefined();
    const good = await m.generate({ prompt: makePrompt('fails'), task });
    expect(good).toMatchObject({ raw: 'later', cached: false });
  });

  it('limits concurrency', async () => {
    let inFlight = 0;
    let peak = 0;
    server.setDefault(async () => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setTimeout(r, 60));
      inFlight--;
      return { content: 'x' };
    });
    try {
      const m = model({ concurrency: 2 });
      await Promise.all(Array.from({ length: 6 }, (_, i) => m.generate({ prompt: makePrompt(`p${i}`), task })));
      expect(peak).toBeLessThanOrEqual(2);
      expect(peak).toBeGreaterThanOrEqual(1);
      expect(server.count).toBe(6);
    } finally {
      server.setDefault({ content: 'default' });
    }
  });

  it('rejects with the abort reason when the caller aborts', async () => {
    server.enqueue({ delayMs: 1000 });
    const ac = new AbortController();
    const p = model().generate({ prompt: makePrompt(), task }, ac.signal);
    while (server.count === 0) await new Promise((r) => setTimeout(r, 5));
    ac.abort(new Error('stop'));
    await expect(p).rejects.toThrow('stop');
  });

  it('describe() records everything but the key', () => {
    process.env.ASE_TEST_SECRET_KEY = 'sk-very-secret-123';
    try {
      const m = createModel('openai:test-model', { baseUrl: server.url, apiKeyEnv: 'ASE_TEST_SECRET_KEY', params: { temperature: 0.1, seed: 3 } });
      const d = m.describe();
      expect(d).toMatchObject({ id: 'openai:test-model', provider: 'openai', base_url: server.url, params: { temperature: 0.1, seed: 3 }, api_key_env: 'ASE_TEST_SECRET_KEY' });
      expect(JSON.stringify(d)).not.toContain('sk-very-secret-123');
    } finally {
      delete process.env.ASE_TEST_SECRET_KEY;
    }
  });

  it('a model name may contain colons (Ollama tags)', async () => {
    const m = createModel('openai:qwen3:8b', { baseUrl: server.url });
    expect(m.describe()).toMatchObject({ id: 'openai:qwen3:8b', model: 'qwen3:8b' });
    await m.generate({ prompt: makePrompt(), task });
    expect(server.requests[0]!.body.model).toBe('qwen3:8b');
  });

  it('sends the key from the named env var', async () => {
    process.env.ASE_TEST_KEY2 = 'sk-abc';
    try {
      await createModel('openai:test-model', { baseUrl: server.url, apiKeyEnv: 'ASE_TEST_KEY2' }).generate({ prompt: makePrompt(), task });
      expect(server.requests[0]!.headers.authorization).toBe('Bearer sk-abc');
    } finally {
      delete process.env.ASE_TEST_KEY2;
    }
  });
});

describe('createModel', () => {
  it('unknown spec → MODEL_UNKNOWN naming the spec and the valid ones', () => {
    const err = (() => {
      try {
        createModel('gpt-4o');
      } catch (e) {
        return e;
      }
    })() as HarnessError;
    expect(err).toBeInstanceOf(HarnessError);
    expect(err.code).toBe('MODEL_UNKNOWN');
    expect(err.message).toContain("'gpt-4o'");
    expect(err.message).toContain('openai:<model>');
    expect(err.message).toContain('gold');
  });

  it('out-of-range options → CONFIG_INVALID naming the option', () => {
    const base = { baseUrl: 'http://127.0.0.1:1/v1' };
    expect(() => createModel('openai:m', { ...base, params: { temperature: 3 } })).toThrow(/openai:m: invalid temperature 3/);
    expect(() => createModel('openai:m', { ...base, params: { top_p: 0 } })).toThrow(/top_p/);
    expect(() => createModel('openai:m', { ...base, params: { max_tokens: 1.5 } })).toThrow(/max_tokens/);
    expect(() => createModel('openai:m', { ...base, concurrency: 0 })).toThrow(/concurrency/);
    expect(() => createModel('openai:m', { baseUrl: 'localhost:8000' })).toThrow(/base URL/);
    expect(() => createModel('anthropic:m', { ...base, maxRetries: -1 })).toThrow(/max retries/);
    expect(() => createModel('gold', { concurrency: 0 })).not.toThrow();
  });

  it('missing key for the default OpenAI URL → one clear line', () => {
    const saved = process.env.OPENAI_API_KEY;
    delete process.env.OPENAI_API_KEY;
    try {
      expect(() => createModel('openai:gpt-4o')).toThrow(/no API key: set OPENAI_API_KEY/);
      expect(() => createModel('openai:local', { baseUrl: 'http://127.0.0.1:1/v1' })).not.toThrow();
      expect(() => createModel('openai:local', { baseUrl: 'http://127.0.0.1:1/v1', apiKeyEnv: 'ASE_NOPE' })).toThrow(/set ASE_NOPE/);
    } finally {
      if (saved !== undefined) process.env.OPENAI_API_KEY = saved;
    }
  });
});
