// Runners for an instance's functional test and PoC: build the sandbox spec (mounts, env, canaries,
// token), run it, judge from outside. Each call owns a fresh temp dir, removed afterwards.

import { existsSync, watch, type FSWatcher } from 'node:fs';
import { mkdtemp, open, readdir, rm, stat, writeFile, mkdir } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { instanceFileDir, type DynamicSpec, type DynamicVerdict, type Instance } from '../core/index.js';
import { plantCanaries } from './canary.js';
import { DEFAULT_LIMITS, SANDBOX_PATHS, SANDBOX_UID, type Limits } from './constants.js';
import { judgePoc, judgeTests, parseChannel, type ChannelRecord } from './judge.js';
import { runSandboxed, type SandboxResult } from './sandbox.js';
import type { Mount } from './bwrap.js';

export interface DynamicInput {
  instance: Instance;
  /** Workspace repository root holding the merged candidate (copied into the sandbox, never changed). */
  repoRoot: string;
  /** node_modules from prepareDependencies, mounted read-only at $ASE_REPO/node_modules. */
  depsDir?: string;
  signal?: AbortSignal;
  /** Wall-time limit; default: the spec's timeout_ms, else 20 s. */
  timeoutMs?: number;
  /** Other limits (tests of the sandbox use these). */
  limits?: Partial<Limits>;
  /** Called with the sandbox launcher's pid. */
  onSpawn?: (pid: number) => void;
  /** Called with the raw run (exit status, capped stdout/stderr, limits hit), e.g. to keep a dynamic.log. */
  onResult?: (result: SandboxResult) => void;
}

/** Harness helpers (preload.cjs, poc.cjs): beside this file in src, or found from dist. */
export function helpersDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  for (const c of [path.join(here, 'helpers'), path.resolve(here, '../../src/dynamic/helpers')]) {
    if (existsSync(path.join(c, 'preload.cjs'))) return c;
  }
  throw new Error(`PoC helpers not found near ${here}`);
}

type Runner = 'node' | 'php' | 'python';

function runnerOf(spec: DynamicSpec): Runner {
  if (spec.runner) return spec.runner;
  if (/\.php$/i.test(spec.file)) return 'php';
  if (/\.py$/i.test(spec.file)) return 'python';
  return 'node';
}

function argvFor(runner: Runner, script: string): string[] {
  const h = SANDBOX_PATHS.helpers;
  if (runner === 'php') return ['php', '-d', `auto_prepend_file=${h}/prepend.php`, '-d', `auto_append_file=${h}/append.php`, script];
  if (runner === 'python') return ['python3', `${h}/pyrun.py`, script];
  return [process.execPath, '--require', `${SANDBOX_PATHS.helpers}/preload.cjs`, script];
}

/** Bytes of regular files under `dir` (without node_modules and .git), stopping once past `stopAt`. */
async function treeSize(dir: string, stopAt: number): Promise<number> {
  let total = 0;
  const stack = [dir];
  while (stack.length && total <= stopAt) {
    const d = stack.pop()!;
    for (const e of await readdir(d, { withFileTypes: true }).catch(() => [])) {
      if (e.name === 'node_modules' || e.name === '.git') continue;
      const p = path.join(d, e.name);
      if (e.isDirectory()) stack.push(p);
      else if (e.isFile()) total += (await stat(p).catch(() => ({ size: 0 }))).size;
    }
  }
  return total;
}

async function etcFiles(dir: string): Promise<{ passwd: string; group: string; hosts: string }> {
  const passwd = path.join(dir, 'passwd');
  const group = path.join(dir, 'group');
  const hosts = path.join(dir, 'hosts');
  await writeFile(passwd, `root:x:0:0::/nonexistent:/usr/sbin/nologin\nase:x:${SANDBOX_UID}:${SANDBOX_UID}::/tmp:/bin/sh\nnobody:x:65534:65534::/nonexistent:/usr/sbin/nologin\n`);
  await writeFile(group, `root:x:0:\nase:x:${SANDBOX_UID}:\nnogroup:x:65534:\n`);
  await writeFile(hosts, '127.0.0.1 localhost ase-sandbox\n::1 localhost\n');
  return { passwd, group, hosts };
}

interface Prepared {
  runDir: string;
  token: string;
  mounts: Mount[];
  env: Record<string, string>;
  argv: string[];
  runner: Runner;
  etc: { passwd: string; group: string; hosts: string };
}

/** Common part of a test/PoC run; undefined + reason when the instance cannot be run (infra). */
async function prepare(input: DynamicInput, spec: DynamicSpec): Promise<Prepared | string> {
  // The folder holding the script (a mutant's is its seed's) is mounted read-only as the instance folder.
  const dir = instanceFileDir(input.instance, spec.file);
  if (!dir) return `instance ${input.instance.id} has no folder to take ${spec.file} from`;
  const rel = path.normalize(spec.file);
  if (path.isAbsolute(rel) || rel.startsWith('..')) return `script path ${spec.file} leaves the instance folder`;
  if (!existsSync(path.join(dir, rel))) return `script ${spec.file} not found in ${dir}`;
  if (!existsSync(input.repoRoot)) return `repository root ${input.repoRoot} does not exist`;
  const tmpfs = input.limits?.tmpfsBytes ?? DEFAULT_LIMITS.tmpfsBytes;
  const size = await treeSize(input.repoRoot, tmpfs);
  if (size > tmpfs * 0.8) return `repository ${input.repoRoot} is too large for the in-memory workspace (over ${Math.round(tmpfs * 0.8 / 2 ** 20)} MiB; raise limits.tmpfsBytes)`;
  const runner = runnerOf(spec);
  const interpreter = runner === 'php' ? 'php' : runner === 'python' ? 'python3' : undefined;
  if (interpreter && !['/usr/local/bin', '/usr/bin', '/bin'].some((d) => existsSync(path.join(d, interpreter)))) {
    return `${interpreter} is not installed (needed for ${spec.file}; Debian: ${runner === 'php' ? 'php-cli' : 'python3'})`;
  }
  const runDir = await mkdtemp(path.join(tmpdir(), 'ase-run-'));
  const token = randomBytes(16).toString('hex');
  const script = `${SANDBOX_PATHS.instance}/${rel.split(path.sep).join('/')}`;
  return {
    runDir, token, runner,
    argv: argvFor(runner, script),
    etc: await etcFiles(runDir),
    mounts: [
      { src: path.resolve(dir), dest: SANDBOX_PATHS.instance },
      { src: helpersDir(), dest: SANDBOX_PATHS.helpers },
    ],
    env: {
      PATH: '/usr/local/bin:/usr/bin:/bin', HOME: '/tmp', TMPDIR: '/tmp', LANG: 'C.UTF-8', TZ: 'UTC',
      ASE_REPO: SANDBOX_PATHS.repo, ASE_HELPERS: SANDBOX_PATHS.helpers, ASE_INSTANCE: SANDBOX_PATHS.instance,
    },
  };
}

function run(input: DynamicInput, spec: DynamicSpec, p: Prepared, extraMounts: Mount[] = [], extraEnv: Record<string, string> = {}): Promise<SandboxResult> {
  return runSandboxed({
    argv: p.argv,
    files: [{ dest: SANDBOX_PATHS.tokenFile, content: p.token }],
    env: { ...p.env, ...extraEnv },
    mounts: [...p.mounts, ...extraMounts],
    repo: { src: path.resolve(input.repoRoot), ...(input.depsDir ? { depsDir: path.resolve(input.depsDir) } : {}) },
    etc: p.etc,
    limits: { ...input.limits, wallMs: input.timeoutMs ?? spec.timeout_ms ?? input.limits?.wallMs ?? 20_000 },
    ...(input.signal ? { signal: input.signal } : {}),
    ...(input.onSpawn ? { onSpawn: input.onSpawn } : {}),
  });
}

/**
 * Run the instance's functional test in the sandbox. value = passed; null when there is none.
 * @throws HarnessError('SANDBOX_UNAVAILABLE') when bubblewrap is missing or unusable.
 */
export async function runTests(input: DynamicInput): Promise<DynamicVerdict> {
  const spec = input.instance.tests;
  if (!spec) return { value: null };
  const p = await prepare(input, spec);
  if (typeof p === 'string') return { value: null, infra_error: p };
  try {
    const r = await run(input, spec, p);
    input.onResult?.(r);
    const { records } = parseChannel(r.channel, p.token);
    return judgeTests(r, records);
  } finally {
    await rm(p.runDir, { recursive: true, force: true });
  }
}

/** Watch a directory from outside the sandbox; creation events are kept even if the file is deleted later. */
function watchDir(dir: string): { seen: Set<string>; close: () => Promise<void> } {
  const seen = new Set<string>();
  let w: FSWatcher | undefined;
  try {
    w = watch(dir, (_ev, name) => { if (name) seen.add(String(name)); });
  } catch {
    // fall back to the listing after the run
  }
  return {
    seen,
    close: async () => {
      await new Promise((r) => setTimeout(r, 25));
      w?.close();
      for (const f of await readdir(dir).catch(() => [] as string[])) seen.add(f);
    },
  };
}

/** Evidence files a php/python PoC wrote to $ASE_EVIDENCE (first 4 MiB of each), and the ones that vanished. */
async function readEvidence(dir: string, created: Set<string>): Promise<{ records: ChannelRecord[]; vanished: string[] }> {
  const records: ChannelRecord[] = [];
  const present = new Set<string>();
  for (const e of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
    if (!e.isFile()) continue;
    present.add(e.name);
    const fh = await open(path.join(dir, e.name), 'r');
    try {
      const buf = Buffer.alloc(4 * 1024 * 1024);
      const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
      records.push({ k: 'evidence', attack: 'evidence-file', file: e.name, returned: [buf.subarray(0, bytesRead).toString('base64')] });
    } finally {
      await fh.close();
    }
  }
  return { records, vanished: [...created].filter((n) => !present.has(n)) };
}

/**
 * Run the instance's PoC in the sandbox against fresh canaries. value = exploit triggered; null when there is none.
 * @throws HarnessError('SANDBOX_UNAVAILABLE') when bubblewrap is missing or unusable.
 */
export async function runPoc(input: DynamicInput): Promise<DynamicVerdict> {
  const spec = input.instance.poc;
  if (!spec) return { value: null };
  const p = await prepare(input, spec);
  if (typeof p === 'string') return { value: null, infra_error: p };
  try {
    let canaries;
    try {
      canaries = await plantCanaries(p.runDir, { sql: input.instance.cwe === 'CWE-89' });
    } catch (e) {
      return { value: null, infra_error: `could not plant canaries: ${String(e)}` };
    }
    const node = p.runner === 'node';
    const evidenceDir = path.join(p.runDir, 'evidence');
    const mounts: Mount[] = [{ src: canaries.pocDir, dest: SANDBOX_PATHS.poc }, { src: canaries.markDir, dest: SANDBOX_PATHS.mark, rw: true }];
    const env: Record<string, string> = { ASE_POC: SANDBOX_PATHS.poc, ASE_MARK: SANDBOX_PATHS.mark };
    if (!node) {
      await mkdir(evidenceDir);
      mounts.push({ src: evidenceDir, dest: SANDBOX_PATHS.evidence, rw: true });
      env.ASE_EVIDENCE = SANDBOX_PATHS.evidence;
    }
    const watcher = watchDir(canaries.markDir);
    const evWatcher = node ? undefined : watchDir(evidenceDir);
    let r: SandboxResult;
    try {
      r = await run(input, spec, p, mounts, env);
    } finally {
      await watcher.close();
      await evWatcher?.close();
    }
    input.onResult?.(r);
    const { records, rejected } = parseChannel(r.channel, p.token);
    if (node) return judgePoc(r, records, canaries.secrets, watcher.seen, rejected);
    const evidence = await readEvidence(evidenceDir, evWatcher!.seen);
    return judgePoc(r, [...records, ...evidence.records], canaries.secrets, watcher.seen, rejected, { vanished: evidence.vanished });
  } finally {
    await rm(p.runDir, { recursive: true, force: true });
  }
}
