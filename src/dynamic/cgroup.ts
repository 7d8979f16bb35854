// Resource limits that cover every process of a run: a cgroup per run (memory, pids).
// cgroup v2 when the machine delegates memory+pids to us, else v1 (as on the CI machines), else
// none (then only rlimits and the wall clock apply, and sandboxStatus says so).

import { mkdir, readFile, readdir, rmdir, writeFile, access } from 'node:fs/promises';
import { constants as fsConstants } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';

export type CgroupMode = 'v1' | 'v2' | 'none';

interface CgroupLayout {
  mode: CgroupMode;
  /** v1: memory and pids hierarchy dirs of our own cgroup; v2: our cgroup dir. */
  memoryBase?: string;
  pidsBase?: string;
  reason?: string;
}

/** One run's cgroup(s). */
export interface RunCgroup {
  mode: CgroupMode;
  /** `cgroup.procs` files the launcher writes its pid into before exec'ing bwrap. */
  procsFiles: string[];
  /** True if the kernel OOM-killed a process of this run. */
  oomKilled(): Promise<boolean>;
  /** Peak memory in bytes, when the kernel reports it. */
  memoryPeak(): Promise<number | undefined>;
  /** SIGKILL every process still in the cgroup, then remove it. Never throws. */
  destroy(): Promise<void>;
}

/**
 * Where the cgroup file systems and our own membership are read from. Only tests change these (to
 * check the v2 protocol on machines whose kernel gives memory and pids to v1); call
 * resetCgroupDetection() after.
 */
export const cgroupPaths = { root: '/sys/fs/cgroup', selfCgroup: '/proc/self/cgroup' };

/** Forget the detected layout (tests). */
export function resetCgroupDetection(): void {
  layout = undefined;
}

async function ownPath(controller: string): Promise<string | undefined> {
  const text = await readFile(cgroupPaths.selfCgroup, 'utf8');
  for (const line of text.split('\n')) {
    if (!line) continue;
    const [controllers, p] = splitCg(line);
    if (controller === '' ? controllers === '' : controllers.split(',').includes(controller)) return p;
  }
  return undefined;
}

function splitCg(line: string): [string, string] {
  const first = line.indexOf(':');
  const second = line.indexOf(':', first + 1);
  return [line.slice(first + 1, second), line.slice(second + 1)];
}

async function writable(dir: string): Promise<boolean> {
  try {
    await access(dir, fsConstants.W_OK);
    const probe = path.join(dir, `ase-probe-${process.pid}-${randomBytes(3).toString('hex')}`);
    await mkdir(probe);
    await rmdir(probe);
    return true;
  } catch {
    return false;
  }
}

/**
 * Enable memory+pids for the children of `base` (our own, delegated cgroup). cgroup v2 refuses that
 * while `base` holds processes ("no internal processes"), so on EBUSY we first move this process into
 * a leaf `base/ase-harness` (as container runtimes do) and try again. Throws when it cannot.
 */
async function enableControllersV2(base: string): Promise<void> {
  const subtree = (await readFile(path.join(base, 'cgroup.subtree_control'), 'utf8')).split(/\s+/);
  if (subtree.includes('memory') && subtree.includes('pids')) return;
  try {
    await writeFile(path.join(base, 'cgroup.subtree_control'), '+memory +pids');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EBUSY') throw e;
    const leaf = path.join(base, 'ase-harness');
    await mkdir(leaf).catch((err: NodeJS.ErrnoException) => { if (err.code !== 'EEXIST') throw err; });
    await writeFile(path.join(leaf, 'cgroup.procs'), String(process.pid));
    await writeFile(path.join(base, 'cgroup.subtree_control'), '+memory +pids');
  }
}

async function detectV2(): Promise<CgroupLayout | undefined> {
  for (const mount of [cgroupPaths.root, path.join(cgroupPaths.root, 'unified')]) {
    let controllers: string;
    try {
      controllers = await readFile(path.join(mount, 'cgroup.controllers'), 'utf8');
    } catch {
      continue;
    }
    const own = await ownPath('');
    if (own === undefined) continue;
    const base = path.join(mount, own);
    const have = controllers.split(/\s+/);
    if (!have.includes('memory') || !have.includes('pids')) continue;
    try {
      const baseControllers = (await readFile(path.join(base, 'cgroup.controllers'), 'utf8')).split(/\s+/);
      if (!baseControllers.includes('memory') || !baseControllers.includes('pids')) continue;
      if (!(await writable(base))) continue;
      await enableControllersV2(base);
      return { mode: 'v2', memoryBase: base, pidsBase: base };
    } catch {
      continue;
    }
  }
  return undefined;
}

async function detectV1(): Promise<CgroupLayout | undefined> {
  const mem = await ownPath('memory');
  const pids = await ownPath('pids');
  if (mem === undefined || pids === undefined) return undefined;
  const memoryBase = path.join(cgroupPaths.root, 'memory', mem);
  const pidsBase = path.join(cgroupPaths.root, 'pids', pids);
  try {
    await access(path.join(memoryBase, 'memory.limit_in_bytes'));
  } catch {
    return undefined;
  }
  if (await writable(memoryBase) && await writable(pidsBase)) return { mode: 'v1', memoryBase, pidsBase };
  return undefined;
}

let layout: Promise<CgroupLayout> | undefined;

const pidAlive = (pid: number): boolean => {
  try { process.kill(pid, 0); return true; } catch (e) { return (e as NodeJS.ErrnoException).code === 'EPERM'; }
};

/**
 * Remove run cgroups left by harness processes that died (a killed harness cannot clean up after
 * itself; its sandboxes died with it, so the cgroups are empty). Returns the number removed.
 */
export async function sweepStaleCgroups(): Promise<number> {
  const l = await detectCgroup();
  let removed = 0;
  for (const base of new Set([l.memoryBase, l.pidsBase])) {
    if (!base) continue;
    let names: string[] = [];
    try { names = await readdir(base); } catch { continue; }
    for (const name of names) {
      const m = /^ase-sbx-(\d+)-/.exec(name);
      if (!m || pidAlive(Number(m[1]))) continue;
      await killAndRemove(path.join(base, name));
      removed++;
    }
  }
  return removed;
}

/** Which cgroup version we can use here (cached). `ASE_SANDBOX_CGROUP=none|v1|v2` forces a choice for tests. */
export function detectCgroup(): Promise<CgroupLayout> {
  layout ??= (async (): Promise<CgroupLayout> => {
    const forced = process.env.ASE_SANDBOX_CGROUP;
    if (forced === 'none') return { mode: 'none', reason: 'forced by ASE_SANDBOX_CGROUP' };
    const v2 = forced === 'v1' ? undefined : await detectV2().catch(() => undefined);
    if (v2) return v2;
    const v1 = forced === 'v2' ? undefined : await detectV1().catch(() => undefined);
    if (v1) return v1;
    return { mode: 'none', reason: 'no writable cgroup v2 (memory+pids delegated) or v1 hierarchy' };
  })();
  return layout;
}

let seq = 0;

async function readNumber(file: string, key?: string): Promise<number | undefined> {
  try {
    const text = await readFile(file, 'utf8');
    if (key === undefined) return Number(text.trim());
    const m = new RegExp(`^${key} (\\d+)$`, 'm').exec(text);
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

async function killAndRemove(dir: string): Promise<void> {
  for (let attempt = 0; attempt < 50; attempt++) {
    let pids: number[] = [];
    try {
      pids = (await readFile(path.join(dir, 'cgroup.procs'), 'utf8')).split('\n').filter(Boolean).map(Number);
    } catch {
      return;
    }
    for (const pid of pids) {
      try { process.kill(pid, 'SIGKILL'); } catch { /* already gone */ }
    }
    try {
      await rmdir(dir);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}

/** Make the cgroup(s) of one run with the given limits. Throws if the hierarchy refuses. */
export async function createRunCgroup(memoryBytes: number, pids: number): Promise<RunCgroup> {
  const l = await detectCgroup();
  const name = `ase-sbx-${process.pid}-${++seq}-${randomBytes(3).toString('hex')}`;
  if (l.mode === 'none' || !l.memoryBase || !l.pidsBase) {
    return { mode: 'none', procsFiles: [], oomKilled: async () => false, memoryPeak: async () => undefined, destroy: async () => {} };
  }
  if (l.mode === 'v2') {
    const dir = path.join(l.memoryBase, name);
    await mkdir(dir);
    await writeFile(path.join(dir, 'memory.max'), String(memoryBytes));
    await writeFile(path.join(dir, 'memory.swap.max'), '0').catch(() => {});
    await writeFile(path.join(dir, 'pids.max'), String(pids));
    return {
      mode: 'v2',
      procsFiles: [path.join(dir, 'cgroup.procs')],
      oomKilled: async () => ((await readNumber(path.join(dir, 'memory.events'), 'oom_kill')) ?? 0) > 0,
      memoryPeak: () => readNumber(path.join(dir, 'memory.peak')),
      destroy: async () => {
        await writeFile(path.join(dir, 'cgroup.kill'), '1').catch(() => {});
        await killAndRemove(dir);
      },
    };
  }
  const mem = path.join(l.memoryBase, name);
  const pid = path.join(l.pidsBase, name);
  await mkdir(mem);
  await mkdir(pid);
  await writeFile(path.join(mem, 'memory.limit_in_bytes'), String(memoryBytes));
  await writeFile(path.join(mem, 'memory.memsw.limit_in_bytes'), String(memoryBytes)).catch(() => {});
  await writeFile(path.join(pid, 'pids.max'), String(pids));
  return {
    mode: 'v1',
    procsFiles: [path.join(mem, 'cgroup.procs'), path.join(pid, 'cgroup.procs')],
    oomKilled: async () => ((await readNumber(path.join(mem, 'memory.oom_control'), 'oom_kill')) ?? 0) > 0,
    memoryPeak: () => readNumber(path.join(mem, 'memory.max_usage_in_bytes')),
    destroy: async () => {
      await killAndRemove(pid);
      await killAndRemove(mem);
    },
  };
}
