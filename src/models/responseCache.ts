// The response cache: a rerun never pays twice (issue 2, item 5). One JSON file per answer,
// keyed by sha256 of everything that shapes the answer. Only successful answers are stored.

import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { hashJson, type Answer } from '../core/index.js';

/** What a cached answer depends on. `cycle` keeps the cycles of one instance apart (each is a fresh sample). */
export interface CacheKeyMaterial {
  model: string;
  base_url: string | null;
  params: Record<string, unknown>;
  prompt_hash: string;
  mode: string;
  cycle?: number;
}

export interface CacheEntry {
  version: 1;
  key: string;
  material: CacheKeyMaterial;
  answer: Answer;
}

export class ResponseCache {
  constructor(readonly dir: string) {}

  static key(material: CacheKeyMaterial): string {
    return hashJson(material);
  }

  private path(key: string): string {
    return join(this.dir, key.slice(0, 2), `${key}.json`);
  }

  /** The cached answer (with `cached: true`), or undefined on a miss or an unreadable entry. */
  async get(material: CacheKeyMaterial): Promise<Answer | undefined> {
    const key = ResponseCache.key(material);
    try {
      const entry = JSON.parse(await readFile(this.path(key), 'utf8')) as CacheEntry;
      if (entry.version !== 1 || entry.key !== key || typeof entry.answer?.raw !== 'string') return undefined;
      return { ...entry.answer, cached: true };
    } catch {
      return undefined;
    }
  }

  /** Stores a successful answer atomically (write then rename). Answers with infra_error are ignored. */
  async put(material: CacheKeyMaterial, answer: Answer): Promise<void> {
    if (answer.infra_error !== undefined) return;
    const key = ResponseCache.key(material);
    const file = this.path(key);
    await mkdir(join(this.dir, key.slice(0, 2)), { recursive: true });
    const entry: CacheEntry = { version: 1, key, material, answer: { ...answer, cached: false } };
    const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    await writeFile(tmp, JSON.stringify(entry, null, 1));
    await rename(tmp, file);
  }
}
