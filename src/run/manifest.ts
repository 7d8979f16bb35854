// The run manifest (architecture.md: "everything a run decides is recorded").
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { hashJson } from '../core/index.js';

const PKG_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Tool name, version and git SHA (when run from a checkout). */
export function toolInfo(): { name: string; version: string; git_sha: string | null } {
  const pkg = JSON.parse(readFileSync(path.join(PKG_ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
  let sha: string | null = null;
  try {
    sha = execFileSync('git', ['-C', PKG_ROOT, 'rev-parse', 'HEAD'], { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim() || null;
  } catch {
    sha = null;
  }
  return { name: pkg.name, version: pkg.version, git_sha: sha };
}

export interface ManifestInput {
  dataset: { name: string; dir: string };
  instanceHashes: Record<string, string>;
  models: Record<string, unknown>[];
  options: Record<string, unknown>;
  promptHashes: Record<string, string>;
}

export function buildManifest(m: ManifestInput): Record<string, unknown> {
  return {
    tool: toolInfo(),
    dataset: { ...m.dataset, hash: hashJson(m.instanceHashes), instances: m.instanceHashes },
    models: m.models,
    options: m.options,
    prompts: m.promptHashes,
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
  };
}
