import { describe, expect, it } from 'vitest';
import { backoffDelay, isRetryable, parseRetryAfter, withRetries } from '../../src/models/retry.js';

const h = (m: Record<string, string>) => (n: string) => m[n] ?? null;

describe('retry policy', () => {
  it('parses Retry-After seconds, HTTP dates and retry-after-ms', () => {
    expect(parseRetryAfter(h({ 'retry-after': '2' }))).toBe(2000);
    expect(parseRetryAfter(h({ 'retry-after-ms': '250', 'retry-after': '9' }))).toBe(250);
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter(h({ 'retry-after': 'Thu, 01 Jan 2026 00:00:03 GMT' }), now)).toBe(3000);
    expect(parseRetryAfter(h({ 'retry-after': 'soon' }))).toBeUndefined();
    expect(parseRetryAfter(h({}))).toBeUndefined();
  });

  it('retries 429, 408, 5xx, timeouts and connection errors only', () => {
    for (const status of [429, 408, 500, 503, 529]) expect(isRetryable({ kind: 'http', status, message: '' })).toBe(true);
    for (const status of [400, 401, 403, 404, 409, 422]) expect(isRetryable({ kind: 'http', status, message: '' })).toBe(false);
    expect(isRetryable({ kind: 'timeout', message: '' })).toBe(true);
    expect(isRetryable({ kind: 'connection', message: '' })).toBe(true);
    expect(isRetryable({ kind: 'other', message: '' })).toBe(false);
  });

  it('backs off exponentially with jitter, capped; Retry-After wins but is capped too', () => {
    const p = { maxRetries: 5, baseDelayMs: 100, maxDelayMs: 1000 };
    expect(backoffDelay(0, p, undefined, () => 0.5)).toBe(100);
    expect(backoffDelay(2, p, undefined, () => 0.5)).toBe(400);
    expect(backoffDelay(2, p, undefined, () => 0)).toBe(300);
    expect(backoffDelay(2, p, undefined, () => 1)).toBe(500);
    expect(backoffDelay(10, p, undefined, () => 0.5)).toBe(1000);
    expect(backoffDelay(0, p, { kind: 'http', status: 429, retryAfterMs: 700, message: '' }, () => 0)).toBe(700);
    expect(backoffDelay(0, p, { kind: 'http', status: 429, retryAfterMs: 700, message: '' }, () => 1)).toBe(770);
    expect(backoffDelay(0, p, { kind: 'http', status: 429, retryAfterMs: 90_000, message: '' })).toBe(1000);
  });

  it('stops at maxRetries and reports attempts', async () => {
    let calls = 0;
    const out = await withRetries(async () => {
      calls++;
      return { ok: false as const, failure: { kind: 'http' as const, status: 503, message: 'down' } };
    }, { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 5 });
    expect(calls).toBe(3);
    expect(out.attempts).toBe(3);
    expect(out.result.ok).toBe(false);
  });
});
