// The models stage's public types (re-exported by index.ts).

import type { Answer, ModelParams, Prompt, Task } from '../core/index.js';

/** How to reach and drive a model. Everything here is recorded by `describe()` except secrets. */
export interface ModelOptions {
  /** Provider base URL (`--base-url`), e.g. http://127.0.0.1:8000/v1 for vLLM. */
  baseUrl?: string;
  /** Name of the environment variable holding the API key (default OPENAI_API_KEY / ANTHROPIC_API_KEY). */
  apiKeyEnv?: string;
  params?: ModelParams;
  /** Per-request timeout (default 600 000 ms). */
  timeoutMs?: number;
  /** Retries after the first attempt (default 5). */
  maxRetries?: number;
  /** Requests in flight at once for this adapter (default 4). */
  concurrency?: number;
  /** Response cache folder; undefined = no cache. */
  cacheDir?: string;
  /** Backoff tuning (tests use a few ms): first delay (default 1000 ms, doubling) and cap (default 60 000 ms, also caps Retry-After). */
  retryDelayMs?: { base?: number; max?: number };
}

export interface GenerateRequest {
  prompt: Prompt;
  task: Task;
  /** The job's cycle. Part of the cache key, so cycles of one instance are separate samples. */
  cycle?: number;
}

export interface ModelAdapter {
  /** The spec it was created from, e.g. `openai:gpt-4o`, `gold`. */
  readonly id: string;
  readonly kind: 'reference' | 'api';
  /** id, provider, base URL, every parameter: for the run manifest. Never contains a key. */
  describe(): Record<string, unknown>;
  /**
   * One answer for one prompt. Provider failures never throw: after retries the Answer
   * carries `infra_error`. Rejects only when `signal` aborts (with the signal's reason).
   */
  generate(req: GenerateRequest, signal?: AbortSignal): Promise<Answer>;
}

export type { Answer };
