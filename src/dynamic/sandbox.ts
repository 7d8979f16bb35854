// Run one command in the bubblewrap sandbox and report what happened, observed from outside:
// exit code, signal, timeout, OOM, output (capped), duration, and the raw channel records the
// in-sandbox preload wrote on fd 3. The launcher is `bash -c` (or `sh -c`): it puts its own pid into the
// run's cgroup(s), sets rlimits (CPU time, file size, no core dumps, open files), then execs bwrap,
// so bwrap's parent is this process and --die-with-parent ties the sandbox's life to ours.

import { spawn, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { constants as osConstants } from 'node:os';
import type { Readable, Writable } from 'node:stream';
import { HarnessError } from '../core/index.js';
import { bwrapArgs, type BwrapOptions } from './bwrap.js';
import { createRunCgroup, detectCgroup, sweepStaleCgroups, type CgroupMode } from './cgroup.js';
import { CHANNEL_FD, DEFAULT_LIMITS, MAX_CHANNEL_BYTES, STATUS_FD, type Limits } from './constants.js';

export interface SandboxSpec extends Omit<BwrapOptions, 'tmpfsBytes' | 'files'> {
  /** Files created inside the sandbox, in memory (a fresh tmpfs for their folder): never on the host's disk. */
  files?: { dest: string; content: string }[];
  limits?: Partial<Limits>;
  signal?: AbortSignal;
  /** Called with bwrap's pid once spawned (tests use it to check for stray processes). */
  onSpawn?: (pid: number) => void;
  /** ASCII strings looked for in the whole of stdout+stderr (not only the kept part): see `markersSeen`. */
  markers?: string[];
}

export interface SandboxResult {
  /** Exit code of the command; null when it was killed by a signal or never ran. */
  exitCode: number | null;
  /** Signal that ended the command (SIGKILL for timeout, OOM, output limit). */
  signal: string | null;
  timedOut: boolean;
  oom: boolean;
  /** Output went past limits.maxOutputBytes: the run was killed. */
  outputExceeded: boolean;
  /** The caller's AbortSignal fired: the run was killed. Not the code's fault. */
  aborted: boolean;
  /** Set when the sandbox itself could not start: an infrastructure error. */
  setupError?: string;
  stdout: string;
  stderr: string;
  stdoutTruncated: boolean;
  stderrTruncated: boolean;
  /** Raw fd-3 channel text (newline-delimited JSON written by preload.cjs). */
  channel: string;
  durationMs: number;
  memoryPeakBytes?: number;
  cgroup: CgroupMode;
  /** Which of `spec.markers` appeared anywhere in stdout or stderr. */
  markersSeen?: string[];
}

// Join the run's cgroups, set rlimits (POSIX mode: -f counts 512-byte blocks), exec bwrap.
const LAUNCH_CORE = 'IFS=:; for f in $ASE_CG; do echo $$ > "$f" || exit 125; done; unset IFS ASE_CG; ' +
  'ulimit -t "$ASE_CPU" && ulimit -f "$ASE_FSIZE" && ulimit -c 0 && ulimit -n 4096 || exit 125; unset ASE_CPU ASE_FSIZE; exec "$@"';
// bash can also close descriptors above 9 that whoever started the harness leaked to us without
// close-on-exec (bwrap passes every open fd on to the sandbox): keep 0-2, the channel and bwrap's status.
// $ASE_KEEP_FDS lists the file-content pipes bwrap still has to read.
const CLOSE_LEAKED_FDS = 'set -o posix; for f in /proc/$$/fd/*; do n=${f##*/}; ' +
  'case " 0 1 2 3 4 $ASE_KEEP_FDS " in *" $n "*) ;; *) eval "exec $n>&-" 2>/dev/null ;; esac; done; unset ASE_KEEP_FDS; ';
const LAUNCHER: [string, string] = existsSync('/bin/bash') ? ['/bin/bash', CLOSE_LEAKED_FDS + LAUNCH_CORE] : ['/bin/sh', LAUNCH_CORE];
/** First fd used for file contents (after stdio, the channel and bwrap's status). */
const FIRST_FILE_FD = STATUS_FD + 1;

let bwrapChecked: Promise<string | undefined> | undefined;

/** Why the sandbox cannot run here, or undefined when it can (cached). */
export function sandboxProblem(): Promise<string | undefined> {
  bwrapChecked ??= (async () => {
    try {
      execFileSync('bwrap', ['--version'], { stdio: 'ignore' });
    } catch {
      return 'bubblewrap (bwrap) is not installed: install the Debian package "bubblewrap", or run with --no-dynamic';
    }
    try {
      execFileSync('bwrap', ['--unshare-all', '--unshare-user', '--die-with-parent', '--ro-bind', '/usr', '/usr',
        '--symlink', 'usr/bin', '/bin', '--symlink', 'usr/lib', '/lib', '--symlink', 'usr/lib64', '/lib64', '--', '/usr/bin/true'],
      { stdio: 'pipe', timeout: 10_000 });
    } catch (e) {
      const stderr = (e as { stderr?: Buffer }).stderr?.toString().trim();
      return `bubblewrap cannot create a sandbox here (${stderr || String(e)}): user namespaces may be disabled; run with --no-dynamic`;
    }
    await sweepStaleCgroups().catch(() => 0);
    return undefined;
  })();
  return bwrapChecked;
}

function signalName(n: number): string {
  const entry = Object.entries(osConstants.signals).find(([, v]) => v === n);
  return entry ? entry[0] : `SIG${n}`;
}

class Capture {
  private chunks: Buffer[] = [];
  kept = 0;
  total = 0;
  constructor(private readonly keep: number) {}
  push(b: Buffer): void {
    this.total += b.length;
    if (this.kept < this.keep) {
      const slice = b.subarray(0, this.keep - this.kept);
      this.chunks.push(slice);
      this.kept += slice.length;
    }
  }
  get truncated(): boolean { return this.total > this.kept; }
  text(): string { return Buffer.concat(this.chunks).toString('utf8'); }
}

/** Finds ASCII markers in a stream of chunks, across chunk boundaries, without keeping the stream. */
class MarkerScan {
  readonly seen = new Set<string>();
  private tail = '';
  private readonly keep: number;
  constructor(private readonly markers: string[]) {
    this.keep = Math.max(0, ...markers.map((m) => m.length - 1));
  }
  push(b: Buffer): void {
    if (this.markers.length === 0) return;
    const text = this.tail + b.toString('latin1');
    for (const m of this.markers) if (text.includes(m)) this.seen.add(m);
    this.tail = this.keep ? text.slice(-this.keep) : '';
  }
}

/**
 * Run `spec.argv` in a fresh sandbox.
 * @throws HarnessError('SANDBOX_UNAVAILABLE') when bubblewrap is missing or cannot start at all.
 * Failures of one run's setup come back as `setupError`, not as a throw.
 */
export async function runSandboxed(spec: SandboxSpec): Promise<SandboxResult> {
  const problem = await sandboxProblem();
  if (problem) throw new HarnessError('SANDBOX_UNAVAILABLE', problem);
  const limits: Limits = { ...DEFAULT_LIMITS, ...spec.limits };
  const mode = (await detectCgroup()).mode;
  const base = {
    exitCode: null, signal: null, timedOut: false, oom: false, outputExceeded: false, aborted: false,
    stdout: '', stderr: '', stdoutTruncated: false, stderrTruncated: false, channel: '', durationMs: 0, cgroup: mode,
  } satisfies SandboxResult;
  if (spec.signal?.aborted) return { ...base, aborted: true };

  let cg;
  try {
    cg = await createRunCgroup(limits.memoryBytes, limits.pids);
  } catch (e) {
    return { ...base, setupError: `cgroup setup failed: ${String(e)}` };
  }
  const files = (spec.files ?? []).map((f, i) => ({ ...f, fd: FIRST_FILE_FD + i }));
  const args = bwrapArgs({ ...spec, files, tmpfsBytes: limits.tmpfsBytes });
  const started = performance.now();
  const child = spawn(LAUNCHER[0], ['-c', LAUNCHER[1], 'ase-launch', 'bwrap', ...args], {
    env: {
      PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', ASE_CG: cg.procsFiles.join(':'),
      ASE_CPU: String(Math.max(1, Math.ceil(limits.cpuSeconds))), ASE_FSIZE: String(Math.max(1, Math.floor(limits.fileSizeBytes / 512))),
      ASE_KEEP_FDS: files.map((f) => f.fd).join(' '),
    },
    stdio: ['ignore', 'pipe', 'pipe', 'pipe', 'pipe', ...files.map(() => 'pipe' as const)],
  });
  for (const f of files) {
    const w = child.stdio[f.fd] as Writable;
    w.on('error', () => { /* bwrap gone: the run reports it */ });
    w.end(f.content);
  }

  const out = new Capture(limits.keepOutputBytes);
  const err = new Capture(limits.keepOutputBytes);
  const chan = new Capture(MAX_CHANNEL_BYTES);
  const outMarks = new MarkerScan(spec.markers ?? []);
  const errMarks = new MarkerScan(spec.markers ?? []);
  const status = new Capture(64 * 1024);
  let timedOut = false;
  let outputExceeded = false;
  let aborted = false;
  const kill = (): void => { try { child.kill('SIGKILL'); } catch { /* gone */ } };
  const onOutput = (cap: Capture) => (b: Buffer): void => {
    cap.push(b);
    if (out.total + err.total > limits.maxOutputBytes && !outputExceeded) { outputExceeded = true; kill(); }
  };
  child.stdout!.on('data', onOutput(out));
  child.stderr!.on('data', onOutput(err));
  child.stdout!.on('data', (b: Buffer) => outMarks.push(b));
  child.stderr!.on('data', (b: Buffer) => errMarks.push(b));
  (child.stdio[CHANNEL_FD] as Readable).on('data', (b: Buffer) => chan.push(b));
  (child.stdio[STATUS_FD] as Readable).on('data', (b: Buffer) => status.push(b));
  const timer = setTimeout(() => { timedOut = true; kill(); }, limits.wallMs);
  const onAbort = (): void => { aborted = true; kill(); };
  spec.signal?.addEventListener('abort', onAbort, { once: true });
  if (child.pid !== undefined) spec.onSpawn?.(child.pid);
  if (spec.signal?.aborted) onAbort();

  const [code, sig] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => {
    child.on('error', () => resolve([null, null]));
    child.on('close', (c, s) => resolve([c, s]));
    // The pid namespace dies with bwrap, so the pipes close with it; if something still holds them
    // (it should not), stop waiting rather than hang the harness.
    child.on('exit', (c, s) => {
      setTimeout(() => {
        for (const s_ of child.stdio) s_?.destroy();
        resolve([c, s]);
      }, 3000).unref();
    });
  });
  const durationMs = performance.now() - started;
  clearTimeout(timer);
  spec.signal?.removeEventListener('abort', onAbort);

  const oom = await cg.oomKilled();
  const memoryPeakBytes = await cg.memoryPeak();
  await cg.destroy();

  const statusText = status.text();
  const exitRecord = /"exit-code":\s*(\d+)/.exec(statusText);
  const started_ = /"child-pid":/.test(statusText);
  let exitCode: number | null = null;
  let signal: string | null = null;
  let setupError: string | undefined;
  if (exitRecord) {
    const c = Number(exitRecord[1]);
    if (c > 128 && c < 128 + 65) signal = signalName(c - 128);
    else exitCode = c;
  } else if (sig) {
    signal = sig;
  }
  if (!exitRecord && !timedOut && !outputExceeded && !aborted && !oom) {
    setupError = code === 125
      ? 'could not join the run cgroup or set rlimits'
      : `sandbox did not start${started_ ? ' its command' : ''} (launcher exit ${code ?? sig}): ${err.text().trim().split('\n').slice(-3).join(' | ')}`;
  }
  return {
    exitCode, signal, timedOut, oom, outputExceeded, aborted, setupError,
    stdout: out.text(), stderr: err.text(), stdoutTruncated: out.truncated, stderrTruncated: err.truncated,
    channel: chan.text(), durationMs, memoryPeakBytes, cgroup: mode,
    ...(spec.markers ? { markersSeen: [...new Set([...outMarks.seen, ...errMarks.seen])] } : {}),
  };
}
