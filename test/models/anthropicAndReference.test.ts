import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createModel } from '../../src/models/index.js';
import { startOpenAIServer, type OpenAIServer } from '../helpers/openai-server.js';
import { makePrompt, makeTask } from '../integrate/makeTask.js';

const task = makeTask('function f(a) {\n  return a;\n}\n', 2, 2, { gold: ['  return String(a);'] });

describe('reference generators', () => {
  it('gold / vulnerable / empty answer with exact_block and a fenced raw', async () => {
    const gold = await createModel('gold').generate({ prompt: makePrompt(), task });
    expect(gold).toMatchObject({ model: 'gold', exact_block: ['  return String(a);'], cached: false });
    expect(gold.raw).toBe('```javascript\n  return String(a);\n```');
    const vuln = await createModel('vulnerable').generate({ prompt: makePrompt(), task });
    expect(vuln.exact_block).toEqual(['  return a;']);
    const empty = await createModel('empty').generate({ prompt: makePrompt(), task });
    expect(empty.exact_block).toEqual([]);
    expect(createModel('gold').kind).toBe('reference');
    expect(createModel('gold').describe()).toEqual({ id: 'gold', kind: 'reference', provider: 'reference' });
  });

  it('gold without a gold block → infra_error', async () => {
    const a = await createModel('gold').generate({ prompt: makePrompt(), task: makeTask('x\ny\n', 1, 1) });
    expect(a.infra_error).toMatch(/no gold block/);
    expect(a.exact_block).toBeUndefined();
  });
});

describe('anthropic adapter against the local server', () => {
  let server: OpenAIServer;
  beforeAll(async () => {
    server = await startOpenAIServer();
  });
  afterAll(() => server.close());

  it('posts to /v1/messages with params, retries a 529, returns the text', async () => {
    server.enqueue({ status: 529 }, { content: '```\nok\n```', usage: { input_tokens: 4, output_tokens: 2 } });
    const m = createModel('anthropic:claude-test', {
      baseUrl: server.origin,
      params: { temperature: 0.3, max_tokens: 100, reasoning_effort: 'high' },
      retryDelayMs: { base: 5 },
    });
    const a = await m.generate({ prompt: makePrompt(), task });
    expect(a).toMatchObject({ raw: '```\nok\n```', usage: { input_tokens: 4, output_tokens: 2 } });
    expect(server.count).toBe(2);
    const req = server.requests.at(-1)!;
    expect(req.path).toBe('/v1/messages');
    expect(req.body).toMatchObject({
      model: 'claude-test', system: 'You are a programmer.', max_tokens: 100, temperature: 0.3,
      output_config: { effort: 'high' }, messages: [{ role: 'user', content: 'fill the block' }],
    });
    expect(m.describe()).toMatchObject({ provider: 'anthropic', base_url: server.origin });
  });

  it('refuses seed (no such parameter) and a missing key for the default URL', () => {
    expect(() => createModel('anthropic:x', { baseUrl: server.origin, params: { seed: 1 } })).toThrow(/no seed parameter/);
    const saved = process.env.ANTHROPIC_API_KEY;
    delete process.env.ANTHROPIC_API_KEY;
    try {
      expect(() => createModel('anthropic:x')).toThrow(/set ANTHROPIC_API_KEY/);
    } finally {
      if (saved !== undefined) process.env.ANTHROPIC_API_KEY = saved;
    }
  });
});
