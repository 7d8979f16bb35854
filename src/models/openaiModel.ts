// `openai:<model>`: any OpenAI-compatible chat endpoint (OpenAI, vLLM, Ollama, llama.cpp,
// OpenRouter …) through the official SDK. Retries are ours (apiAdapter), so the SDK gets maxRetries 0.

import type OpenAI from 'openai';
import type { ModelParams, Prompt } from '../core/index.js';
import { makeApiAdapter, setParams, type ProviderReply } from './apiAdapter.js';
import { resolveApiKey } from './apiKey.js';
import { DEFAULT_RETRY, type RetryPolicy } from './retry.js';
import type { ModelAdapter, ModelOptions } from './types.js';

export const OPENAI_DEFAULT_URL = 'https://api.openai.com/v1';

/** Malformed 200 response (no choices): infrastructure, not the model's answer. */
class MalformedResponseError extends Error {}

/** Request body fields for the params that are set. OpenAI's own API wants max_completion_tokens; compatible servers know max_tokens. */
export function openaiBodyParams(params: ModelParams, isDefaultUrl: boolean): Record<string, unknown> {
  const p = setParams(params);
  const body: Record<string, unknown> = {};
  if (p.temperature !== undefined) body.temperature = p.temperature;
  if (p.top_p !== undefined) body.top_p = p.top_p;
  if (p.max_tokens !== undefined) body[isDefaultUrl ? 'max_completion_tokens' : 'max_tokens'] = p.max_tokens;
  if (p.reasoning_effort !== undefined) body.reasoning_effort = p.reasoning_effort;
  if (p.seed !== undefined) body.seed = p.seed;
  return body;
}

export function retryPolicy(opts: ModelOptions): RetryPolicy {
  return {
    maxRetries: opts.maxRetries ?? DEFAULT_RETRY.maxRetries,
    baseDelayMs: opts.retryDelayMs?.base ?? DEFAULT_RETRY.baseDelayMs,
    maxDelayMs: opts.retryDelayMs?.max ?? DEFAULT_RETRY.maxDelayMs,
  };
}

/** @throws HarnessError CONFIG_INVALID when the key is missing for OpenAI's own URL or a named env var. */
export function createOpenAIModel(spec: string, model: string, opts: ModelOptions): ModelAdapter {
  const baseUrl = (opts.baseUrl ?? OPENAI_DEFAULT_URL).replace(/\/+$/, '');
  const isDefaultUrl = baseUrl === OPENAI_DEFAULT_URL;
  const apiKey = resolveApiKey({ spec, apiKeyEnv: opts.apiKeyEnv, defaultEnv: 'OPENAI_API_KEY', isDefaultUrl });
  const timeoutMs = opts.timeoutMs ?? 600_000;
  // The SDK is loaded on first use: a run of the reference generators never pays for it.
  let clientP: Promise<OpenAI> | undefined;
  const client = (): Promise<OpenAI> =>
    (clientP ??= import('openai').then((m) => new m.default({ apiKey, baseURL: baseUrl, timeout: timeoutMs, maxRetries: 0 })));
  const bodyParams = openaiBodyParams(opts.params ?? {}, isDefaultUrl);

  async function call(prompt: Prompt, signal: AbortSignal | undefined): Promise<ProviderReply> {
    const messages: OpenAI.Chat.ChatCompletionMessageParam[] = [];
    if (prompt.system) messages.push({ role: 'system', content: prompt.system });
    messages.push({ role: 'user', content: prompt.user });
    const res = await (await client()).chat.completions.create(
      { model, messages, ...bodyParams } as OpenAI.Chat.ChatCompletionCreateParamsNonStreaming,
      { signal },
    );
    const choice = res.choices?.[0];
    if (!choice) throw new MalformedResponseError('response has no choices');
    const msg = choice.message as { content?: string | null; refusal?: string | null } | undefined;
    return {
      raw: msg?.content ?? msg?.refusal ?? '',
      usage: res.usage ? { input_tokens: res.usage.prompt_tokens, output_tokens: res.usage.completion_tokens } : undefined,
    };
  }

  return makeApiAdapter({
    id: spec,
    provider: 'openai',
    model,
    baseUrl,
    params: opts.params ?? {},
    timeoutMs,
    retry: retryPolicy(opts),
    concurrency: opts.concurrency ?? 4,
    cacheDir: opts.cacheDir,
    extra: { api_key_env: opts.apiKeyEnv ?? 'OPENAI_API_KEY', request_params: bodyParams },
    call,
  });
}
