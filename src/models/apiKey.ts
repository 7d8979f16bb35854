// API keys come from the environment only, are never recorded, and a missing one fails early.

import { HarnessError } from '../core/index.js';

/** A key local servers (vLLM, Ollama, llama.cpp) accept: they ignore it. */
export const PLACEHOLDER_KEY = 'no-key';

/**
 * The key to send. Reads `apiKeyEnv` (or `defaultEnv`). A missing key is fatal when the env var
 * was named explicitly or the URL is the provider's own; otherwise a placeholder is used.
 * @throws HarnessError CONFIG_INVALID when a needed key is missing.
 */
export function resolveApiKey(opts: { spec: string; apiKeyEnv?: string; defaultEnv: string; isDefaultUrl: boolean }): string {
  const name = opts.apiKeyEnv ?? opts.defaultEnv;
  const value = process.env[name];
  if (value) return value;
  if (opts.apiKeyEnv !== undefined || opts.isDefaultUrl) {
    throw new HarnessError(
      'CONFIG_INVALID',
      `${opts.spec}: no API key: set ${name}${opts.apiKeyEnv === undefined ? ' (or name another variable with --api-key-env)' : ''}, or use --base-url for a local server`,
      { spec: opts.spec, env: name },
    );
  }
  return PLACEHOLDER_KEY;
}
