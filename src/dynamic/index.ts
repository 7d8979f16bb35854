// The dynamic stage (architecture.md): functional tests and PoCs of an instance, run against the
// merged candidate in a bubblewrap sandbox, judged from outside. Contract: ./AGENTS.md.

import { detectCgroup } from './cgroup.js';
import { sandboxProblem } from './sandbox.js';

export { prepareDependencies, lockDependencies, DEPS_LOCK } from './deps.js';
export { runTests, runPoc, type DynamicInput } from './runners.js';
export type { CgroupMode } from './cgroup.js';
export type { SandboxResult } from './sandbox.js';
export type { Limits } from './constants.js';

/**
 * Whether the sandbox can run here, and which cgroup version limits memory and processes
 * ('none': only rlimits and the wall clock). Never throws.
 */
export async function sandboxStatus(): Promise<{ available: boolean; reason?: string; cgroup?: 'v1' | 'v2' | 'none' }> {
  const problem = await sandboxProblem().catch((e: unknown) => String(e));
  if (problem) return { available: false, reason: problem };
  const cg = await detectCgroup();
  return { available: true, cgroup: cg.mode, ...(cg.reason ? { reason: cg.reason } : {}) };
}
export { unpackImage, findImageArchive, imageArchiveName, type UnpackedImage, type ImageConfig } from './oci.js';
export { runAseV2, mapAseV2Command, ASE_V2_LIMITS, ASE_V2_MARKER, type AseV2Input, type AseV2Verdicts, type AseV2Step } from './asev2.js';
