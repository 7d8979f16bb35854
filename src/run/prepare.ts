// Per-instance preparation, done once per run and shared by every (model, cycle) job:
// fetch the vulnerable and fixed sources, read the gold block, mask, build the prompt, load rules.
import path from 'node:path';
import { existsSync } from 'node:fs';
import { HarnessError, instanceFile, type Instance, type Prompt, type Task } from '../core/index.js';
import { cacheDir, fetchSource, type FetchedSource, type FetchOptions } from '../repo/index.js';
import { findImageArchive, imageArchiveName, prepareDependencies, unpackImage, type UnpackedImage } from '../dynamic/index.js';
import { makeTask, readGoldBlock } from '../task/index.js';
import { materializeMutant } from '../mutate/index.js';
import { buildPrompt } from '../context/index.js';
import { createAnalysisCache, loadRules, rulePack, type AnalysisCache, type Rule } from '../analysis/index.js';
import type { RunConfig } from './config.js';

export interface PreparedInstance {
  instance: Instance;
  source: FetchedSource;
  task: Task;
  prompt: Prompt;
  /** The CVE-specific rules (findings anywhere count). */
  cveRules: Rule[];
  /** The default pack of the instance's CWE (findings count only inside the written block). */
  packRules: Rule[];
  analysisCache: AnalysisCache;
  /** Verdict caches keyed by the merged file's hash: the rest of the repository never changes. */
  memo: Map<string, unknown>;
  depsDir?: string;
  /** The unpacked image of an A.S.E v2 instance (with --ase-images): its commands are the dynamic checks. */
  aseImage?: UnpackedImage;
}

/** Which dynamic checks an instance has here: its own scripts, or an A.S.E v2 image's commands. */
export function dynamicChecks(prep: Pick<PreparedInstance, 'instance' | 'aseImage'>): { tests: boolean; poc: boolean } {
  const v2 = prep.aseImage ? prep.instance.ase_v2 : undefined;
  return { tests: Boolean(prep.instance.tests ?? v2?.test_cmd ?? v2?.status_check_cmd), poc: Boolean(prep.instance.poc ?? v2?.poc_cmd) };
}

async function imageFor(instance: Instance, dir: string): Promise<UnpackedImage> {
  const ref = instance.ase_v2?.image;
  if (!ref) throw new HarnessError('CONFIG_INVALID', `${instance.id}: an A.S.E v2 instance without an image name`);
  const archive = findImageArchive(dir, ref);
  if (!archive) throw new HarnessError('SOURCE_UNAVAILABLE', `${instance.id}: no archive of image ${ref} in ${dir} (expected ${imageArchiveName(ref)}; make it with \`skopeo copy docker://${ref} oci-archive:${path.join(dir, imageArchiveName(ref))}\` or \`docker save\`)`);
  return unpackImage(archive, cacheDir('images'));
}

/** `dynamic`: also install the package's dependencies for its tests and PoC (once per name@version). */
export async function prepareInstance(instance: Instance, cfg: Pick<RunConfig, 'mode' | 'context' | 'gitMirror' | 'registry' | 'aseImages'> & { dynamic?: boolean }): Promise<PreparedInstance> {
  const fetchOpts: FetchOptions = { ...(cfg.gitMirror ? { gitMirror: cfg.gitMirror } : {}), ...(cfg.registry ? { registry: cfg.registry } : {}) };
  let source = await fetchSource(instance.source, fetchOpts);
  const fixSource = instance.fix?.source ? await fetchSource(instance.fix.source, fetchOpts) : undefined;
  let gold = readGoldBlock(instance, fixSource?.dir, source.dir);
  if (instance.mutation) {
    // A mutant (method.md §7): its recipe rewrites the fetched file and the gold block; from here
    // on it is an instance like any other, with vuln_lines recomputed on the mutated file.
    const m = await materializeMutant({ ...instance, mutation: instance.mutation }, source, gold);
    instance = m.instance;
    source = m.source;
    gold = m.gold;
  }
  const task = makeTask(instance, source.dir, gold);
  const prompt = buildPrompt(task, source.dir, { mode: cfg.mode, budget: cfg.context.budget, topK: cfg.context.topK });
  const cveRules = await loadRules(instance.rules.map((r) => instanceFile(instance, r)));
  const packFiles = rulePack(instance.cwe, instance.language).filter((f) => existsSync(f));
  const packRules = packFiles.length ? await loadRules(packFiles) : [];
  const depsDir = cfg.dynamic && (instance.tests || instance.poc) ? await prepareDependencies(instance, source.dir, cacheDir('deps')) : undefined;
  const aseImage = cfg.dynamic && cfg.aseImages && instance.ase_v2 && !instance.tests && !instance.poc ? await imageFor(instance, cfg.aseImages) : undefined;
  return { instance, source, task, prompt, cveRules, packRules, analysisCache: createAnalysisCache(), memo: new Map(), ...(depsDir ? { depsDir } : {}), ...(aseImage ? { aseImage } : {}) };
}

/**
 * Lets go of what an instance's jobs reused (its analysis cache: ~22 MB of heap for drizzle-orm)
 * once none of its jobs is left to run; a later job would still work, from a cold cache.
 */
export function releasePrepared(prep: PreparedInstance): void {
  prep.analysisCache = createAnalysisCache();
}
