// The bubblewrap command line: what is shared with the sandbox and what is not.

import { describe, expect, it } from 'vitest';
import { bwrapArgs } from '../../src/dynamic/bwrap.js';

const args = bwrapArgs({
  argv: ['node', 'x.js'], env: { PATH: '/usr/bin' }, tmpfsBytes: 1024,
  mounts: [{ src: '/host/inst', dest: '/ase/instance' }, { src: '/host/mark', dest: '/ase/mark', rw: true }],
  repo: { src: '/host/repo', depsDir: '/host/deps' },
});

/** [kind, src, dest] of every mount option. */
function mounts(a: string[]): [string, string, string][] {
  const out: [string, string, string][] = [];
  for (let i = 0; i < a.length; i++) {
    if (['--bind', '--ro-bind', '--ro-bind-try', '--dev-bind', '--bind-try'].includes(a[i]!)) out.push([a[i]!, a[i + 1]!, a[i + 2]!]);
  }
  return out;
}

describe('bwrapArgs', () => {
  it('unshares every namespace, drops capabilities, dies with its parent, clears the environment', () => {
    for (const flag of ['--unshare-all', '--unshare-user', '--disable-userns', '--die-with-parent', '--new-session', '--clearenv']) expect(args).toContain(flag);
    expect(args.join(' ')).toContain('--cap-drop ALL');
    expect(args).not.toContain('--share-net');
  });

  it('never binds / or a home, and binds /etc only entry by entry', () => {
    const m = mounts(args);
    const srcs = m.map(([, s]) => s);
    expect(srcs).not.toContain('/');
    expect(srcs.some((s) => s === '/root' || s.startsWith('/root/') || s === '/home' || s.startsWith('/home/'))).toBe(false);
    expect(srcs).not.toContain('/etc');
    expect(srcs.some((s) => /shadow|sudoers|ssh/.test(s))).toBe(false);
  });

  it('writable binds are only the ones asked for; system, repo source, deps and instance are read-only', () => {
    const rw = mounts(args).filter(([k]) => k === '--bind' || k === '--dev-bind');
    expect(rw).toEqual([['--bind', '/host/mark', '/ase/mark']]);
    expect(mounts(args)).toContainEqual(['--ro-bind', '/host/repo', '/ase/src']);
    expect(mounts(args)).toContainEqual(['--ro-bind', '/host/deps', '/ase/repo/node_modules']);
    expect(args.join(' ')).toContain('--tmpfs /ase/repo');
    expect(args.join(' ')).toContain('--remount-ro /');
  });

  it('copies the repository into the in-memory workspace, then execs the command', () => {
    const dd = args.indexOf('--');
    expect(args.slice(dd + 1, dd + 3)).toEqual(['/bin/sh', '-c']);
    expect(args.slice(-2)).toEqual(['node', 'x.js']);
  });
});
