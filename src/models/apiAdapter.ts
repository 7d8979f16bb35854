// What every API adapter shares: the response cache, the concurrency limit, retries, and the
// rule that a provider failure becomes an Answer with infra_error instead of an exception.

import pLimit from 'p-limit';
import type { Answer, ModelParams, Prompt, Usage } from '../core/index.js';
import { ResponseCache, type CacheKeyMaterial } from './responseCache.js';
import { classifySdkError, isRetryable, sleep, withRetries, type Attempt, type RetryPolicy } from './retry.js';
import type { GenerateRequest, ModelAdapter } from './types.js';

/** Consecutive requests that exhausted their retries before later ones stop retrying. */
export const BREAKER_AFTER = 3;

export interface ProviderReply {
  raw: string;
  usage?: Usage;
}

export interface ApiAdapterConfig {
  id: string;
  provider: string;
  model: string;
  baseUrl: string;
  params: ModelParams;
  timeoutMs: number;
  retry: RetryPolicy;
  concurrency: number;
  cacheDir?: string;
  /** Provider-specific facts for the manifest (never a secret). */
  extra?: Record<string, unknown>;
  /** One request; throws the SDK's error on failure. */
  call: (prompt: Prompt, signal: AbortSignal | undefined) => Promise<ProviderReply>;
}

/** Params with unset keys removed, so `{}` and `{ temperature: undefined }` describe and cache alike. */
export function setParams(params: ModelParams | undefined): ModelParams {
  return Object.fromEntries(Object.entries(params ?? {}).filter(([, v]) => v !== undefined)) as ModelParams;
}

export function makeApiAdapter(cfg: ApiAdapterConfig): ModelAdapter {
  const limit = pLimit(cfg.concurrency);
  const cache = cfg.cacheDir === undefined ? undefined : new ResponseCache(cfg.cacheDir);
  const params = setParams(cfg.params);

  const material = (req: GenerateRequest): CacheKeyMaterial => ({
    model: cfg.id,
    base_url: cfg.baseUrl,
    params: { ...params },
    prompt_hash: req.prompt.hash,
    mode: req.prompt.mode,
    cycle: req.cycle,
  });

  // A 429 pauses every request of this adapter, not only the one that got it: the limit is per key.
  let pausedUntil = 0;

  async function attempt(req: GenerateRequest, signal?: AbortSignal): Promise<Attempt<ProviderReply>> {
    const wait = pausedUntil - Date.now();
    if (wait > 0) await sleep(wait, signal);
    try {
      return { ok: true, value: await cfg.call(req.prompt, signal) };
    } catch (err) {
      const failure = classifySdkError(err);
      if (failure.kind === 'http' && failure.status === 429) {
        const pause = Math.min(failure.retryAfterMs ?? cfg.retry.baseDelayMs, cfg.retry.maxDelayMs);
        pausedUntil = Math.max(pausedUntil, Date.now() + pause);
      }
      return { ok: false, failure };
    }
  }

  // Requests in a row that used up their retries on a retryable failure (server down, wrong URL).
  // From BREAKER_AFTER on, new requests make one attempt, so a dead endpoint fails a run in
  // seconds instead of minutes; a success restores the full policy.
  let exhausted = 0;

  async function request(req: GenerateRequest, signal?: AbortSignal): Promise<Answer> {
    const started = Date.now();
    const broken = exhausted >= BREAKER_AFTER;
    const policy = broken ? { ...cfg.retry, maxRetries: 0 } : cfg.retry;
    const { result, attempts } = await withRetries<ProviderReply>(() => attempt(req, signal), policy, signal);
    const latency_ms = Date.now() - started;
    if (result.ok) {
      exhausted = 0;
      return { model: cfg.id, raw: result.value.raw, usage: result.value.usage, latency_ms, cached: false };
    }
    const f = result.failure;
    if (isRetryable(f)) exhausted++;
    const what = (f.kind === 'http' ? `HTTP ${f.status}` : f.kind) + (broken ? ' (provider failing, retries skipped)' : '');
    return {
      model: cfg.id,
      raw: '',
      latency_ms,
      cached: false,
      infra_error: `${cfg.id}: ${what} after ${attempts} attempt${attempts === 1 ? '' : 's'}: ${f.message.slice(0, 300)}`,
    };
  }

  return {
    id: cfg.id,
    kind: 'api',
    describe: () => ({
      id: cfg.id,
      kind: 'api',
      provider: cfg.provider,
      model: cfg.model,
      base_url: cfg.baseUrl,
      params: { ...params },
      timeout_ms: cfg.timeoutMs,
      max_retries: cfg.retry.maxRetries,
      retry_delay_ms: { base: cfg.retry.baseDelayMs, max: cfg.retry.maxDelayMs },
      concurrency: cfg.concurrency,
      cache: cfg.cacheDir !== undefined,
      ...cfg.extra,
    }),
    async generate(req, signal) {
      const key = material(req);
      const hit = await cache?.get(key);
      if (hit) return hit;
      const answer = await limit(() => request(req, signal));
      // A cache that cannot be written costs a future rerun, not this answer.
      if (cache && answer.infra_error === undefined) await cache.put(key, answer).catch(() => undefined);
      return answer;
    },
  };
}
