// Retries for provider calls: exponential backoff with jitter, Retry-After honoured.
// We run our own loop (the SDKs get maxRetries: 0) so delays are configurable and testable,
// and so every provider follows the same policy (method.md §5: infrastructure errors are retried).

/** A provider failure reduced to what the retry policy needs. */
export interface ProviderFailure {
  kind: 'http' | 'timeout' | 'connection' | 'abort' | 'other';
  status?: number;
  /** Delay the server asked for (Retry-After / retry-after-ms), in ms. */
  retryAfterMs?: number;
  message: string;
}

export interface RetryPolicy {
  /** Retries after the first attempt. */
  maxRetries: number;
  /** First backoff delay; doubles per attempt. */
  baseDelayMs: number;
  /** Cap on a computed backoff delay and on a server's Retry-After. */
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxRetries: 5, baseDelayMs: 1000, maxDelayMs: 60_000 };

/** 429, 408, 5xx, timeouts and connection errors are worth retrying; other 4xx are config errors. */
export function isRetryable(f: ProviderFailure): boolean {
  if (f.kind === 'timeout' || f.kind === 'connection') return true;
  if (f.kind !== 'http' || f.status === undefined) return false;
  return f.status === 429 || f.status === 408 || f.status >= 500;
}

/** Parses `retry-after-ms` (ms) or `Retry-After` (seconds or an HTTP date). */
export function parseRetryAfter(get: (name: string) => string | null | undefined, now = Date.now()): number | undefined {
  const ms = get('retry-after-ms');
  if (ms && Number.isFinite(Number(ms)) && Number(ms) >= 0) return Number(ms);
  const ra = get('retry-after');
  if (!ra) return undefined;
  if (/^\s*\d+(\.\d+)?\s*$/.test(ra)) return Number(ra) * 1000;
  const date = Date.parse(ra);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Delay before retry number `attempt` (0-based): the server's Retry-After if given, else base·2^attempt with ±25 % jitter; capped. */
export function backoffDelay(attempt: number, policy: RetryPolicy, f?: ProviderFailure, random = Math.random): number {
  // Retry-After is a minimum: up to +10 % so that requests told the same time do not return together.
  if (f?.retryAfterMs !== undefined) return Math.min(Math.round(f.retryAfterMs * (1 + random() * 0.1)), policy.maxDelayMs);
  const exp = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return Math.round(exp * (0.75 + random() * 0.5));
}

/** Sleeps `ms`, rejecting with the signal's reason when aborted. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason as Error);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason as Error);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export type Attempt<T> = { ok: true; value: T } | { ok: false; failure: ProviderFailure };

export interface RetryOutcome<T> {
  result: Attempt<T>;
  attempts: number;
}

/**
 * Calls `fn` until it succeeds, fails with a non-retryable failure, or retries run out.
 * Never throws for provider failures; rethrows only when `signal` aborts.
 */
export async function withRetries<T>(
  fn: () => Promise<Attempt<T>>,
  policy: RetryPolicy,
  signal?: AbortSignal,
): Promise<RetryOutcome<T>> {
  for (let attempt = 0; ; attempt++) {
    if (signal?.aborted) throw signal.reason;
    const result = await fn();
    if (result.ok) return { result, attempts: attempt + 1 };
    if (result.failure.kind === 'abort') throw signal?.reason ?? new Error(result.failure.message);
    if (!isRetryable(result.failure) || attempt >= policy.maxRetries) return { result, attempts: attempt + 1 };
    await sleep(backoffDelay(attempt, policy, result.failure), signal);
  }
}

/** Maps an SDK error (openai or @anthropic-ai/sdk, both Stainless-generated) to a ProviderFailure. */
export function classifySdkError(err: unknown): ProviderFailure {
  const e = err as { name?: string; status?: unknown; headers?: { get?: (n: string) => string | null }; message?: string };
  const name = e?.constructor?.name ?? e?.name ?? '';
  const message = e?.message ?? String(err);
  if (name === 'APIUserAbortError' || e?.name === 'AbortError') return { kind: 'abort', message };
  if (name === 'APIConnectionTimeoutError') return { kind: 'timeout', message };
  if (name === 'APIConnectionError') return { kind: 'connection', message };
  if (typeof e?.status === 'number') {
    const get = e.headers?.get?.bind(e.headers);
    return { kind: 'http', status: e.status, message, retryAfterMs: get ? parseRetryAfter(get) : undefined };
  }
  return { kind: 'other', message };
}
