// Reference generators (method.md §4): `gold` (the real fix), `vulnerable` (the original block),
// `empty` (nothing). They answer with `exact_block`, which integration splices verbatim.

import type { Answer, Task } from '../core/index.js';
import type { ModelAdapter } from './types.js';

export const REFERENCE_MODELS = ['gold', 'vulnerable', 'empty'] as const;
export type ReferenceModel = (typeof REFERENCE_MODELS)[number];

function fenced(block: string[], task: Task): string {
  return ['```' + task.instance.language, ...block, '```'].join('\n');
}

function pick(kind: ReferenceModel, task: Task): string[] | undefined {
  if (kind === 'gold') return task.goldBlock;
  if (kind === 'vulnerable') return task.vulnerableBlock;
  return [];
}

export function createReferenceModel(kind: ReferenceModel): ModelAdapter {
  return {
    id: kind,
    kind: 'reference',
    describe: () => ({ id: kind, kind: 'reference', provider: 'reference' }),
    generate({ task }, signal): Promise<Answer> {
      if (signal?.aborted) return Promise.reject(signal.reason as Error);
      const block = pick(kind, task);
      if (block === undefined) {
        return Promise.resolve({
          model: kind, raw: '', latency_ms: 0, cached: false,
          infra_error: `gold: instance ${task.instance.id} has no gold block`,
        });
      }
      return Promise.resolve({ model: kind, raw: fenced(block, task), latency_ms: 0, cached: false, exact_block: [...block] });
    },
  };
}
