// `anthropic:<model>`: the Messages API through @anthropic-ai/sdk. Same retry, cache and
// concurrency policy as every API adapter (apiAdapter).

import type Anthropic from '@anthropic-ai/sdk';
import { HarnessError, type Prompt } from '../core/index.js';
import { makeApiAdapter, setParams, type ProviderReply } from './apiAdapter.js';
import { resolveApiKey } from './apiKey.js';
import { retryPolicy } from './openaiModel.js';
import type { ModelAdapter, ModelOptions } from './types.js';

export const ANTHROPIC_DEFAULT_URL = 'https://api.anthropic.com';
/** The Messages API requires max_tokens; used when --max-tokens is not given (recorded in the manifest). */
export const ANTHROPIC_DEFAULT_MAX_TOKENS = 8192;

/** @throws HarnessError CONFIG_INVALID for a missing key or a parameter the API does not have (seed). */
export function createAnthropicModel(spec: string, model: string, opts: ModelOptions): ModelAdapter {
  const params = setParams(opts.params);
  if (params.seed !== undefined) {
    throw new HarnessError('CONFIG_INVALID', `${spec}: the Anthropic API has no seed parameter; drop --seed for this model`, { spec });
  }
  const baseUrl = (opts.baseUrl ?? ANTHROPIC_DEFAULT_URL).replace(/\/+$/, '');
  const apiKey = resolveApiKey({ spec, apiKeyEnv: opts.apiKeyEnv, defaultEnv: 'ANTHROPIC_API_KEY', isDefaultUrl: baseUrl === ANTHROPIC_DEFAULT_URL });
  const timeoutMs = opts.timeoutMs ?? 600_000;
  let clientP: Promise<Anthropic> | undefined;
  const client = (): Promise<Anthropic> =>
    (clientP ??= import('@anthropic-ai/sdk').then((m) => new m.default({ apiKey, baseURL: baseUrl, timeout: timeoutMs, maxRetries: 0 })));

  const body: Record<string, unknown> = { max_tokens: params.max_tokens ?? ANTHROPIC_DEFAULT_MAX_TOKENS };
  if (params.temperature !== undefined) body.temperature = params.temperature;
  if (params.top_p !== undefined) body.top_p = params.top_p;
  if (params.reasoning_effort !== undefined) body.output_config = { effort: params.reasoning_effort };

  async function call(prompt: Prompt, signal: AbortSignal | undefined): Promise<ProviderReply> {
    const res = await (await client()).messages.create(
      {
        model,
        ...(prompt.system ? { system: prompt.system } : {}),
        messages: [{ role: 'user', content: prompt.user }],
        ...body,
      } as Anthropic.MessageCreateParamsNonStreaming,
      { signal },
    );
    if (!Array.isArray(res.content)) throw new Error('response has no content');
    const raw = res.content.flatMap((b) => (b.type === 'text' ? [b.text] : [])).join('');
    return { raw, usage: { input_tokens: res.usage?.input_tokens, output_tokens: res.usage?.output_tokens } };
  }

  return makeApiAdapter({
    id: spec,
    provider: 'anthropic',
    model,
    baseUrl,
    params,
    timeoutMs,
    retry: retryPolicy(opts),
    concurrency: opts.concurrency ?? 4,
    cacheDir: opts.cacheDir,
    extra: { api_key_env: opts.apiKeyEnv ?? 'ANTHROPIC_API_KEY', request_params: body },
    call,
  });
}
