// The resolved configuration of a run: built once at the CLI edge, frozen, recorded in the manifest.
import type { Instance, ModelParams, OutputMode } from '../core/index.js';

export interface RunConfig {
  /** Output folder holding ase.sqlite, results.json, results.csv. */
  out: string;
  dataset: { name: string; dir: string };
  instances: Instance[];
  models: string[];
  cycles: number;
  concurrency: number;
  mode: OutputMode;
  /** Run tests and PoCs in the sandbox (false: --no-dynamic). */
  dynamic: boolean;
  fresh: boolean;
  /** Response cache of API models (false: --no-cache). */
  responseCache: boolean;
  model: {
    baseUrl?: string;
    apiKeyEnv?: string;
    params: ModelParams;
    timeoutMs?: number;
    maxRetries?: number;
    /** Backoff tuning (tests shorten it; the CLI keeps the adapter's defaults). */
    retryDelayMs?: { base?: number; max?: number };
  };
  context: { budget: number; topK: number };
  gitMirror?: string;
  registry?: string;
  /** Folder of container image archives for A.S.E v2 instances (docs/sandbox.md). */
  aseImages?: string;
  /** Keep job workspaces on disk (debugging). */
  keepWorkspaces: boolean;
  /** Show a progress bar on stderr. */
  progress: boolean;
  /** Bootstrap resamples for intervals. */
  bootstrap: number;
}
