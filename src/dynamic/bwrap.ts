// The bubblewrap command line for one run: pure data in, argv out, so it can be read and tested.
// Namespaces: user (uid 1000, no capabilities, no nested user namespaces), pid, net (loopback only),
// ipc, uts, cgroup. File system: an allowlist of read-only system paths (never the whole of /, so
// /root, /home, /etc/shadow and the host's work folders do not exist inside), a private /tmp, the
// repository copied into an in-memory /ase/repo, and the run's own mounts.

import { lstatSync, readdirSync, readlinkSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { SANDBOX_PATHS, SANDBOX_UID, STATUS_FD } from './constants.js';

export interface Mount {
  src: string;
  dest: string;
  /** Writable bind (default read-only). */
  rw?: boolean;
}

export interface BwrapOptions {
  /** Command run inside the sandbox. */
  argv: string[];
  env: Record<string, string>;
  mounts: Mount[];
  /** Repository to copy into /ase/repo (writable, in memory), with its node_modules mounted read-only. */
  repo?: { src: string; depsDir?: string };
  /** Host files for /etc/passwd, /etc/group, /etc/hosts. */
  etc?: { passwd: string; group: string; hosts: string };
  tmpfsBytes: number;
  /** Small in-memory files (fresh tmpfs dir per entry's folder), their content read by bwrap from an fd. */
  files?: { fd: number; dest: string }[];
  /**
   * An unpacked container image (oci.ts) to use as the system instead of the host's allowlist: its
   * top-level entries are mounted read-only (proc, dev, sys, tmp fresh as usual).
   */
  rootfs?: string;
  /** Working directory (default: the repository copy, else /tmp). */
  chdir?: string;
}

/** /etc entries programs need; everything else in /etc stays out. */
const ETC_ALLOW = [
  'alternatives', 'ssl/certs', 'ca-certificates', 'ld.so.cache', 'ld.so.conf', 'ld.so.conf.d', 'localtime',
  'nsswitch.conf', 'mime.types', 'php', 'python3', 'os-release',
];

/** Top-level system directories: a symlink into /usr on merged-/usr systems, else a directory to bind. */
const TOP_DIRS = ['bin', 'sbin', 'lib', 'lib32', 'lib64', 'libx32'];

let systemArgs: string[] | undefined;

function systemMounts(): string[] {
  if (systemArgs) return systemArgs;
  const args = ['--ro-bind', '/usr', '/usr'];
  for (const d of TOP_DIRS) {
    const p = `/${d}`;
    try {
      const st = lstatSync(p);
      if (st.isSymbolicLink()) args.push('--symlink', readlinkSync(p), p);
      else if (st.isDirectory()) args.push('--ro-bind', p, p);
    } catch {
      // absent on this system
    }
  }
  for (const e of ETC_ALLOW) args.push('--ro-bind-try', `/etc/${e}`, `/etc/${e}`);
  const nodePrefix = path.dirname(path.dirname(realpathSync(process.execPath)));
  if (nodePrefix !== '/usr' && !nodePrefix.startsWith('/usr/')) args.push('--ro-bind', nodePrefix, nodePrefix);
  systemArgs = args;
  return args;
}

/** Top-level entries of an image's root file system, read-only (a fresh /proc, /dev, /tmp replace its own). */
function rootfsMounts(rootfs: string): string[] {
  const args: string[] = [];
  for (const name of readdirSync(rootfs).sort()) {
    if (['proc', 'dev', 'sys', 'tmp'].includes(name)) continue;
    const p = path.join(rootfs, name);
    const st = lstatSync(p);
    if (st.isSymbolicLink()) args.push('--symlink', readlinkSync(p), `/${name}`);
    else if (st.isDirectory() || st.isFile()) args.push('--ro-bind', p, `/${name}`);
  }
  return args;
}

/**
 * Inside the sandbox: copy the repository into the in-memory workspace, then exec the command.
 * node_modules is mounted separately; .git stays out (history can be large, and hooks are not for tests).
 */
const COPY_THEN_EXEC =
  `cd ${SANDBOX_PATHS.repoSource} && ` +
  `find . -mindepth 1 -maxdepth 1 ! -name node_modules ! -name .git -exec cp -a -t ${SANDBOX_PATHS.repo} {} + && ` +
  `cd ${SANDBOX_PATHS.repo} && exec "$@"`;

/** Build bwrap's argv (without the leading "bwrap"). */
export function bwrapArgs(o: BwrapOptions): string[] {
  const a: string[] = [
    '--unshare-all', '--unshare-user', '--uid', String(SANDBOX_UID), '--gid', String(SANDBOX_UID),
    '--disable-userns', '--cap-drop', 'ALL', '--die-with-parent', '--new-session', '--hostname', 'ase-sandbox',
    ...(o.rootfs ? rootfsMounts(o.rootfs) : systemMounts()),
    '--dev', '/dev', '--proc', '/proc',
    '--size', String(o.tmpfsBytes), '--tmpfs', '/tmp',
  ];
  if (o.etc) {
    a.push('--ro-bind', o.etc.passwd, '/etc/passwd', '--ro-bind', o.etc.group, '/etc/group', '--ro-bind', o.etc.hosts, '/etc/hosts');
  }
  if (o.repo) {
    a.push('--ro-bind', o.repo.src, SANDBOX_PATHS.repoSource, '--size', String(o.tmpfsBytes), '--tmpfs', SANDBOX_PATHS.repo);
    if (o.repo.depsDir) a.push('--ro-bind', o.repo.depsDir, `${SANDBOX_PATHS.repo}/node_modules`);
  }
  for (const m of o.mounts) a.push(m.rw ? '--bind' : '--ro-bind', m.src, m.dest);
  for (const dir of new Set((o.files ?? []).map((f) => f.dest.slice(0, f.dest.lastIndexOf('/'))))) a.push('--size', String(1 << 20), '--tmpfs', dir);
  for (const f of o.files ?? []) a.push('--file', String(f.fd), f.dest);
  a.push('--remount-ro', '/', '--chdir', o.chdir ?? (o.repo ? SANDBOX_PATHS.repo : '/tmp'), '--clearenv');
  for (const [k, v] of Object.entries(o.env)) a.push('--setenv', k, v);
  a.push('--json-status-fd', String(STATUS_FD), '--');
  if (o.repo) a.push('/bin/sh', '-c', COPY_THEN_EXEC, 'ase-init');
  a.push(...o.argv);
  return a;
}
