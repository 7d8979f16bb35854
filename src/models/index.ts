// The models stage (architecture.md): Prompt → Answer. Adapters for reference generators and
// provider APIs; retry, concurrency limit and response cache live here, behind createModel().

import { HarnessError } from '../core/index.js';
import { createAnthropicModel } from './anthropicModel.js';
import { createOpenAIModel } from './openaiModel.js';
import { createReferenceModel, REFERENCE_MODELS, type ReferenceModel } from './referenceModel.js';
import type { ModelAdapter, ModelOptions } from './types.js';
import { validateOptions } from './validateOptions.js';

export type { GenerateRequest, ModelAdapter, ModelOptions } from './types.js';
export { REFERENCE_MODELS } from './referenceModel.js';
export { OPENAI_DEFAULT_URL } from './openaiModel.js';
export { ANTHROPIC_DEFAULT_URL, ANTHROPIC_DEFAULT_MAX_TOKENS } from './anthropicModel.js';

/** The spec forms createModel accepts, for help texts and error messages. */
export const MODEL_SPEC_FORMS = [...REFERENCE_MODELS, 'openai:<model>', 'anthropic:<model>'] as const;

/**
 * An adapter for a `--model` spec: `gold`, `vulnerable`, `empty`, `openai:<model>`, `anthropic:<model>`.
 * @throws HarnessError MODEL_UNKNOWN for any other spec; CONFIG_INVALID for a missing API key, an
 *   out-of-range option (temperature 0–2, top_p in (0,1], positive integer max_tokens, …) or an unsupported parameter.
 */
export function createModel(spec: string, opts: ModelOptions = {}): ModelAdapter {
  if ((REFERENCE_MODELS as readonly string[]).includes(spec)) return createReferenceModel(spec as ReferenceModel);
  const m = /^(openai|anthropic):(.+)$/.exec(spec);
  if (m) validateOptions(spec, opts);
  if (m?.[1] === 'openai') return createOpenAIModel(spec, m[2]!, opts);
  if (m?.[1] === 'anthropic') return createAnthropicModel(spec, m[2]!, opts);
  throw new HarnessError('MODEL_UNKNOWN', `unknown model '${spec}': use one of ${MODEL_SPEC_FORMS.join(', ')}`, {
    spec,
    valid: [...MODEL_SPEC_FORMS],
  });
}
