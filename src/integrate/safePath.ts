// Untrusted text never names a path outside the workspace (architecture.md, rules of the house).
// Every path that integration writes, reads or deletes goes through resolveInside().

import { lstat, realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, sep } from 'node:path';

export type Resolved = { ok: true; abs: string; rel: string } | { ok: false; reason: string };

function inside(root: string, p: string): boolean {
  return p === root || p.startsWith(root.endsWith(sep) ? root : root + sep);
}

/** Syntactic checks (no file system): the normalised relative path, or why it is refused. */
export function checkRelPath(path: string): { ok: true; rel: string } | { ok: false; reason: string } {
  if (path.includes('\0')) return { ok: false, reason: 'path contains a NUL byte' };
  if (path.includes('\\')) return { ok: false, reason: 'path contains a backslash' };
  if (isAbsolute(path) || /^[A-Za-z]:/.test(path) || path.startsWith('~')) return { ok: false, reason: 'absolute path' };
  const segs = path.split('/').filter((s) => s !== '' && s !== '.');
  // Any '..' is refused, even one that would stay inside: a model has no reason to write it.
  if (segs.includes('..')) return { ok: false, reason: "path contains '..'" };
  // .git/config can run commands (core.fsmonitor, hooks) when the harness later runs git.
  if (segs.includes('.git')) return { ok: false, reason: 'path is inside .git' };
  if (segs.length === 0) return { ok: false, reason: 'empty path' };
  return { ok: true, rel: segs.join('/') };
}

/**
 * The real absolute path for `path` under `root`, following symlinks component by component and
 * refusing any that resolve outside root. Components that do not exist yet are taken as they are
 * (they will be created as plain directories/files inside the last existing one).
 */
export async function resolveInside(root: string, path: string): Promise<Resolved> {
  const syn = checkRelPath(path);
  if (!syn.ok) return syn;
  let realRoot: string;
  try {
    realRoot = await realpath(root);
  } catch {
    return { ok: false, reason: `workspace root ${root} does not exist` };
  }
  let cur = realRoot;
  const segs = syn.rel.split('/');
  for (let i = 0; i < segs.length; i++) {
    const next = join(cur, segs[i]!);
    let st;
    try {
      st = await lstat(next);
    } catch {
      return { ok: true, abs: join(next, ...segs.slice(i + 1)), rel: syn.rel };
    }
    if (st.isSymbolicLink()) {
      let target: string;
      try {
        target = await realpath(next);
      } catch {
        return { ok: false, reason: `symlink ${segs.slice(0, i + 1).join('/')} is dangling` };
      }
      if (!inside(realRoot, target)) return { ok: false, reason: `symlink ${segs.slice(0, i + 1).join('/')} points outside the workspace` };
      cur = target;
    } else {
      cur = next;
    }
    const st2 = await stat(cur);
    const last = i === segs.length - 1;
    if (!last && !st2.isDirectory()) return { ok: false, reason: `${segs.slice(0, i + 1).join('/')} is not a directory` };
    if (last && !st2.isFile()) return { ok: false, reason: `${syn.rel} is not a regular file` };
  }
  if (cur === realRoot) return { ok: false, reason: 'path is the workspace root' };
  return { ok: true, abs: cur, rel: syn.rel };
}
