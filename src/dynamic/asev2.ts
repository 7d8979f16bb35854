// A.S.E v2 instances without Docker (issue 4, item 6). A v2 row names a container image holding the
// project at `image_inner_path` plus three commands: `image_status_check_cmd` (build, then "does it
// start"), `test_case_cmd` and `poc_cmd`. Here the image is unpacked once (oci.ts) and mounted
// read-only as the sandbox's system; the three steps run as three sandboxed runs:
//   1. status: the image's project folder, copied to a scratch folder on the host with the merged
//      candidate's file(s) written over it, is bound writable at image_inner_path; the command builds
//      and checks it. Verdict: its exit code, recorded outside by bwrap.
//   2. tests: on a fresh copy of the built folder (step 1's output). Verdict: exit code.
//   3. poc: on another fresh copy. Verdict: a sanitizer report the harness finds in $ASE_EVIDENCE
//      after the run, or A.S.E's own criterion, the line `[A.S.E] vulnerability found` anywhere in
//      the output (the detail says which; the second is text the code under test could print).
// Privileged parts of a command (`sysctl …`) are dropped and listed: the sandbox has no capabilities.
// docs/sandbox.md explains what this needs and what it cannot do.

import { cp, mkdir, mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { DynamicVerdict, Instance } from '../core/index.js';
import { DEFAULT_LIMITS, SANDBOX_PATHS, type Limits } from './constants.js';
import { secureJoin, type UnpackedImage } from './oci.js';
import { runSandboxed, type SandboxResult } from './sandbox.js';

export const ASE_V2_MARKER = '[A.S.E] vulnerability found';

export type AseV2Step = 'status' | 'tests' | 'poc';

export interface AseV2Input {
  instance: Instance;
  /** Workspace repository root holding the merged candidate (only the instance's file(s) are taken). */
  repoRoot: string;
  image: UnpackedImage;
  /** Host scratch folder for the build trees (one subfolder per call, removed afterwards). */
  workDir: string;
  signal?: AbortSignal;
  limits?: Partial<Record<AseV2Step, Partial<Limits>>>;
  onResult?: (step: AseV2Step, result: SandboxResult) => void;
}

export interface AseV2Verdicts {
  /** Build + start check (Quality needs it and the tests). */
  status: DynamicVerdict;
  tests: DynamicVerdict;
  poc: DynamicVerdict;
}

/** Step limits: a build needs more than a unit test. */
export const ASE_V2_LIMITS: Readonly<Record<AseV2Step, Limits>> = Object.freeze({
  status: { ...DEFAULT_LIMITS, wallMs: 30 * 60_000, cpuSeconds: 3600, memoryBytes: 4 * 2 ** 30, pids: 1024, maxOutputBytes: 64 * 2 ** 20, fileSizeBytes: 2 ** 30, tmpfsBytes: 2 * 2 ** 30 },
  tests: { ...DEFAULT_LIMITS, wallMs: 10 * 60_000, cpuSeconds: 1200, memoryBytes: 4 * 2 ** 30, pids: 1024, fileSizeBytes: 2 ** 30, tmpfsBytes: 2 * 2 ** 30 },
  poc: { ...DEFAULT_LIMITS, wallMs: 5 * 60_000, cpuSeconds: 600, memoryBytes: 4 * 2 ** 30, pids: 1024, fileSizeBytes: 2 ** 30, tmpfsBytes: 2 * 2 ** 30 },
});

/** A v2 command as run here: privileged `sysctl …` steps removed (and listed). */
export function mapAseV2Command(cmd: string): { command: string; dropped: string[] } {
  const dropped: string[] = [];
  const command = cmd.replace(/\bsysctl\s+[^&;|'"]*?\s*(?:&&|;)\s*/g, (m) => {
    dropped.push(m.replace(/\s*(?:&&|;)\s*$/, '').trim());
    return '';
  });
  return { command: command.trim(), dropped };
}

function inner(inst: Instance): string {
  const p = inst.ase_v2?.image_inner_path;
  if (!p || !path.posix.isAbsolute(p) || path.posix.normalize(p) !== p.replace(/\/+$/, '') || p === '/') {
    throw new Error(`${inst.id}: ase_v2.image_inner_path must be an absolute folder path, got ${JSON.stringify(p)}`);
  }
  return p.replace(/\/+$/, '');
}

/** Files of the candidate that go over the image's project: the masked file and the other vulnerable files. */
function candidateFiles(inst: Instance): string[] {
  const files = [inst.vuln_file, ...(inst.ase_v2?.other_vuln_files ?? []).map((o) => o.file)];
  return [...new Set(files)].map((f) => {
    const n = path.posix.normalize(f.replace(/\\/g, '/'));
    if (path.posix.isAbsolute(n) || n.startsWith('../') || n === '..') throw new Error(`${inst.id}: file ${f} leaves the repository`);
    return n;
  });
}

const copyTree = (from: string, to: string): Promise<void> =>
  cp(from, to, { recursive: true, verbatimSymlinks: true, preserveTimestamps: true, errorOnExist: false, force: true });

function envOf(image: UnpackedImage, extra: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', HOME: '/tmp', TMPDIR: '/tmp', LANG: 'C.UTF-8' };
  for (const e of image.config.env) {
    const i = e.indexOf('=');
    if (i > 0) env[e.slice(0, i)] = e.slice(i + 1);
  }
  return { ...env, ...extra };
}

function verdictFromExit(r: SandboxResult, what: string): DynamicVerdict {
  const base = { exit_code: r.exitCode, signal: r.signal, duration_ms: Math.round(r.durationMs) };
  if (r.aborted) return { value: null, infra_error: `${what}: harness aborted the run`, ...base };
  if (r.setupError) return { value: null, infra_error: `${what}: ${r.setupError}`, ...base };
  if (r.timedOut) return { value: false, timed_out: true, detail: `${what}: timed out`, ...base };
  if (r.oom) return { value: false, detail: `${what}: killed at the memory limit`, ...base };
  if (r.outputExceeded) return { value: false, detail: `${what}: output limit exceeded`, ...base };
  const ok = r.exitCode === 0;
  return { value: ok, detail: ok ? `${what}: exit 0` : `${what}: ${r.signal ? `killed by ${r.signal}` : `exit ${r.exitCode}`}`, ...base };
}

/** Sanitizer reports (ASan/UBSan/MSan/TSan `log_path` files) the PoC run left in the evidence folder. */
async function sanitizerReports(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    const p = path.join(dir, name);
    const st = await stat(p).catch(() => undefined);
    if (!st?.isFile()) continue;
    const head = (await readFile(p)).subarray(0, 64 * 1024).toString('latin1');
    if (/ERROR: (Address|Memory|Thread|Leak)Sanitizer|runtime error: /.test(head)) found.push(name);
  }
  return found;
}

/**
 * Run an A.S.E v2 instance's status check, tests and PoC against the merged candidate.
 * Throws only for a malformed instance (no commands / bad paths); sandbox failures are infra_error.
 */
export async function runAseV2(input: AseV2Input): Promise<AseV2Verdicts> {
  const inst = input.instance;
  const v2 = inst.ase_v2;
  if (!v2?.status_check_cmd && !v2?.test_cmd && !v2?.poc_cmd) throw new Error(`${inst.id}: no A.S.E v2 commands`);
  const innerPath = inner(inst);
  // resolved as the container would see it: a symlink in the image never leads out of the rootfs
  const project = secureJoin(input.image.rootfs, innerPath, true);
  const none: DynamicVerdict = { value: null };
  if (!(await stat(project).catch(() => undefined))?.isDirectory()) {
    const e = `image ${v2.image ?? input.image.digest.slice(0, 12)} has no folder ${innerPath}`;
    return { status: { value: null, infra_error: e }, tests: none, poc: none };
  }
  await mkdir(input.workDir, { recursive: true });
  const scratch = await mkdtemp(path.join(input.workDir, `${inst.id.replace(/[^\w.-]/g, '_').slice(0, 60)}-`));
  const chdir = input.image.config.workingDir || innerPath;
  const stepRun = async (step: AseV2Step, cmd: string, tree: string, extra: { evidence?: string } = {}): Promise<SandboxResult> => {
    const mounts = [{ src: tree, dest: innerPath, rw: true }];
    const env: Record<string, string> = {};
    if (extra.evidence) {
      mounts.push({ src: extra.evidence, dest: SANDBOX_PATHS.evidence, rw: true });
      env.ASE_EVIDENCE = SANDBOX_PATHS.evidence;
    }
    const r = await runSandboxed({
      argv: ['/bin/sh', '-c', cmd],
      env: envOf(input.image, env),
      mounts,
      rootfs: input.image.rootfs,
      chdir,
      limits: { ...ASE_V2_LIMITS[step], ...input.limits?.[step] },
      markers: [ASE_V2_MARKER],
      ...(input.signal ? { signal: input.signal } : {}),
    });
    input.onResult?.(step, r);
    return r;
  };
  try {
    // The image's project with the candidate's file(s) over it.
    const built = path.join(scratch, 'built');
    await copyTree(project, built);
    for (const f of candidateFiles(inst)) {
      const from = path.join(input.repoRoot, f);
      if (!(await stat(from).catch(() => undefined))?.isFile()) {
        return { status: { value: null, infra_error: `candidate file ${f} not found in ${input.repoRoot}` }, tests: none, poc: none };
      }
      await mkdir(path.dirname(path.join(built, f)), { recursive: true });
      await rm(path.join(built, f), { force: true, recursive: true });
      await cp(from, path.join(built, f));
    }

    let status: DynamicVerdict = none;
    if (v2.status_check_cmd) {
      const m = mapAseV2Command(v2.status_check_cmd);
      status = verdictFromExit(await stepRun('status', m.command, built), 'status check');
      if (m.dropped.length) status.detail = `${status.detail ?? ''} (dropped privileged step: ${m.dropped.join('; ')})`.trim();
      if (status.value !== true) {
        const skipped: DynamicVerdict = status.infra_error ? none : { value: null, detail: 'not run: the status check (build) failed' };
        return { status, tests: v2.test_cmd ? skipped : none, poc: v2.poc_cmd ? skipped : none };
      }
    }

    let tests: DynamicVerdict = none;
    if (v2.test_cmd) {
      const tree = path.join(scratch, 'tests');
      await copyTree(built, tree);
      tests = verdictFromExit(await stepRun('tests', mapAseV2Command(v2.test_cmd).command, tree), 'tests');
      await rm(tree, { recursive: true, force: true });
    }

    let poc: DynamicVerdict = none;
    if (v2.poc_cmd) {
      const tree = path.join(scratch, 'poc');
      const evidence = path.join(scratch, 'evidence');
      await copyTree(built, tree);
      await mkdir(evidence);
      const r = await stepRun('poc', mapAseV2Command(v2.poc_cmd).command, tree, { evidence });
      const base = { exit_code: r.exitCode, signal: r.signal, duration_ms: Math.round(r.durationMs) };
      if (r.setupError || r.aborted) {
        poc = { value: null, infra_error: `poc: ${r.setupError ?? 'harness aborted the run'}`, ...base };
      } else {
        const reports = await sanitizerReports(evidence);
        const marker = r.markersSeen?.includes(ASE_V2_MARKER) ?? false;
        const value = reports.length > 0 || marker;
        const why = reports.length
          ? `sanitizer report in $ASE_EVIDENCE (${reports.join(', ')})`
          : marker ? `output line "${ASE_V2_MARKER}" (A.S.E's criterion: text the code under test could also print)` : 'no sanitizer report and no A.S.E marker';
        poc = { value, detail: `poc: ${why}${r.timedOut ? '; timed out' : ''}`, ...base, ...(r.timedOut ? { timed_out: true } : {}) };
      }
    }
    return { status, tests, poc };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
