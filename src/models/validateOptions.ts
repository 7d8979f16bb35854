// Model options are checked once, at creation: a bad value fails the run before any request
// (style.md §14: config fails, never warns).

import { HarnessError } from '../core/index.js';
import type { ModelOptions } from './types.js';

type Check = [ok: boolean, what: string];

/** @throws HarnessError CONFIG_INVALID naming the spec and the first bad option. */
export function validateOptions(spec: string, opts: ModelOptions): void {
  const p = opts.params ?? {};
  const int = (v: unknown): boolean => Number.isInteger(v);
  const checks: Check[] = [
    [p.temperature === undefined || (Number.isFinite(p.temperature) && p.temperature >= 0 && p.temperature <= 2), `temperature ${p.temperature} (0–2)`],
    [p.top_p === undefined || (Number.isFinite(p.top_p) && p.top_p > 0 && p.top_p <= 1), `top_p ${p.top_p} (0 < top_p ≤ 1)`],
    [p.max_tokens === undefined || (int(p.max_tokens) && p.max_tokens > 0), `max_tokens ${p.max_tokens} (a positive integer)`],
    [p.seed === undefined || int(p.seed), `seed ${p.seed} (an integer)`],
    [p.reasoning_effort === undefined || /^[a-z]+$/.test(p.reasoning_effort), `reasoning_effort '${p.reasoning_effort}' (a word such as low, medium, high)`],
    [opts.timeoutMs === undefined || (Number.isFinite(opts.timeoutMs) && opts.timeoutMs > 0), `timeout ${opts.timeoutMs} ms (positive)`],
    [opts.maxRetries === undefined || (int(opts.maxRetries) && opts.maxRetries >= 0), `max retries ${opts.maxRetries} (an integer ≥ 0)`],
    [opts.concurrency === undefined || (int(opts.concurrency) && opts.concurrency >= 1), `concurrency ${opts.concurrency} (an integer ≥ 1)`],
    [opts.baseUrl === undefined || /^https?:\/\/[^\s/]+/.test(opts.baseUrl), `base URL '${opts.baseUrl}' (http:// or https://)`],
    [opts.apiKeyEnv === undefined || /^[A-Za-z_][A-Za-z0-9_]*$/.test(opts.apiKeyEnv), `API key variable name '${opts.apiKeyEnv}'`],
  ];
  const bad = checks.find(([ok]) => !ok);
  if (bad) throw new HarnessError('CONFIG_INVALID', `${spec}: invalid ${bad[1]}`, { spec });
}
