// Paths inside the sandbox and default limits, in one place (style.md "Smaller habits").

/** Where things are mounted inside the sandbox. */
export const SANDBOX_PATHS = {
  repo: '/ase/repo',
  repoSource: '/ase/src',
  helpers: '/ase/helpers',
  instance: '/ase/instance',
  poc: '/ase/poc',
  mark: '/ase/mark',
  evidence: '/ase/evidence',
  ctl: '/ase/ctl',
  tokenFile: '/ase/ctl/token',
} as const;

/** The fd on which the in-sandbox preload writes its records (a pipe the harness reads). */
export const CHANNEL_FD = 3;
/** The fd on which bwrap writes its JSON status (child started, exit code); never visible inside. */
export const STATUS_FD = 4;

/** Uid/gid the sandboxed code runs as, inside its own user namespace, with no capabilities. */
export const SANDBOX_UID = 1000;

export interface Limits {
  /** Wall time from spawn to exit. */
  wallMs: number;
  /** RLIMIT_CPU per process, seconds. */
  cpuSeconds: number;
  /** cgroup memory limit (also bounds the in-memory workspace copy and /tmp). */
  memoryBytes: number;
  /** cgroup pids limit. */
  pids: number;
  /** Bytes of stdout+stderr after which the run is killed. */
  maxOutputBytes: number;
  /** Bytes of each stream kept in the result. */
  keepOutputBytes: number;
  /** RLIMIT_FSIZE: largest file a process may write. */
  fileSizeBytes: number;
  /** Size of the in-memory /tmp and workspace copy (tmpfs). */
  tmpfsBytes: number;
}

export const DEFAULT_LIMITS: Readonly<Limits> = Object.freeze({
  wallMs: 20_000,
  cpuSeconds: 30,
  memoryBytes: 1024 * 1024 * 1024,
  pids: 256,
  maxOutputBytes: 16 * 1024 * 1024,
  keepOutputBytes: 64 * 1024,
  fileSizeBytes: 64 * 1024 * 1024,
  tmpfsBytes: 512 * 1024 * 1024,
});

/** Bytes of channel records kept; more is treated as tampering (the run is killed). */
export const MAX_CHANNEL_BYTES = 32 * 1024 * 1024;
