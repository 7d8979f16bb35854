// `ase run --model openai:…` against a local server that speaks the OpenAI chat API: the same
// adapter code that talks to a real provider (issue 2 acceptance).
import { existsSync, readFileSync, statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBenchmark } from '../../src/run/index.js';
import { startOpenAIServer, type OpenAIServer } from '../helpers/openai-server.js';
import { miniConfig, tempDir, MINI_DATASET } from '../helpers/runConfig.js';

process.env.ASE_CACHE ??= tempDir('cache');

const GOLD = readFileSync(`${MINI_DATASET}/mini-static-traversal/gold.js`, 'utf8');
const fence = (code: string): string => 'Here you go:\n```javascript\n' + code + '```\n';

let server: OpenAIServer;
beforeAll(async () => {
  server = await startOpenAIServer();
});
afterAll(async () => {
  await server.close();
});

function cfg(over: Parameters<typeof miniConfig>[0] = {}) {
  return miniConfig({
    ids: ['mini-static-traversal'],
    models: ['openai:test-model'],
    concurrency: 1,
    model: { baseUrl: server.url, params: { temperature: 0.2 }, maxRetries: 2, timeoutMs: 1500, retryDelayMs: { base: 5, max: 20 } },
    ...over,
  });
}

async function one(over: Parameters<typeof miniConfig>[0] = {}) {
  const { reports } = await runBenchmark(cfg(over));
  const r = reports[0];
  if (!r) throw new Error('no report');
  return { report: r, cycle: r.instances[0]?.cycles[0] };
}

describe('openai-compatible model end to end', () => {
  it('429 then success: retried, merged and secure', async () => {
    const before = server.count;
    server.enqueue({ status: 429, headers: { 'retry-after': '0' }, body: { error: { message: 'slow down' } } }, { content: fence(GOLD) });
    const { cycle, report } = await one();
    expect(server.count - before).toBe(2);
    expect(cycle).toMatchObject({ merged: true, syntax: true, secure: true, infra_error: null });
    expect(report.complete).toBe(true);
    expect(server.requests.at(-1)?.body).toMatchObject({ model: 'test-model', temperature: 0.2 });
  });

  it('500s then success', async () => {
    server.enqueue({ status: 500 }, { status: 503 }, { content: fence(GOLD) });
    const { cycle } = await one();
    expect(cycle).toMatchObject({ merged: true, secure: true, infra_error: null });
  });

  it('a server that never answers in time is an infrastructure error, not the model failing', async () => {
    server.enqueue({ hang: true }, { hang: true }, { hang: true });
    const { cycle, report } = await one({ model: { baseUrl: server.url, params: {}, maxRetries: 2, timeoutMs: 300, retryDelayMs: { base: 5, max: 20 } } });
    expect(cycle?.infra_error).toMatch(/model/);
    expect(report.complete).toBe(false);
    expect(report.counts.infra_errors).toBe(1);
    expect(report.scores.security).toBeNull();
  });

  it('an answer with no code block is recorded as not merged, not a crash', async () => {
    server.enqueue({ content: 'I would rather not write that code.' });
    const { cycle, report } = await one();
    expect(cycle).toMatchObject({ merged: false, secure: false, infra_error: null });
    expect(report.complete).toBe(true);
    expect(report.scores.quality).toBe(0);
  });

  it('a diff that tries ../../etc/passwd is refused and recorded', async () => {
    const before = statSync('/etc/passwd').mtimeMs;
    const diff = ['```diff', '--- a/../../etc/passwd', '+++ b/../../etc/passwd', '@@ -1,1 +1,1 @@', '-root:x:0:0:root:/root:/bin/bash', '+pwned::0:0::/:/bin/sh', '```'].join('\n');
    server.enqueue({ content: diff });
    const { cycle } = await one({ mode: 'diff' });
    expect(cycle).toMatchObject({ merged: false, infra_error: null });
    expect(statSync('/etc/passwd').mtimeMs).toBe(before);
    expect(readFileSync('/etc/passwd', 'utf8')).not.toContain('pwned');
  });

  it('the response cache answers a repeated prompt without a request', async () => {
    const cache = { ...cfg(), responseCache: true };
    server.enqueue({ content: fence(GOLD) });
    await runBenchmark(cache);
    const before = server.count;
    const again = await runBenchmark({ ...cache, out: tempDir('out') });
    expect(server.count).toBe(before);
    expect(again.reports[0]?.scores.security).toBe(100);
    expect(existsSync(cache.out)).toBe(true);
  });
});
