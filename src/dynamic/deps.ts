// The package's own npm dependencies, installed once per (name, version, dependency set) into the
// cache, outside the sandbox, with install scripts off (no package code runs here), then mounted
// read-only at $ASE_REPO/node_modules inside the sandbox.

import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdir, readFile, rename, rm, writeFile, access } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { HarnessError, hashJson, type Instance } from '../core/index.js';

const execFileP = promisify(execFile);
const COMPLETE = '.ase-complete';
const pending = new Map<string, Promise<string>>();

interface PackageJson {
  name?: string;
  version?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

const exists = (p: string): Promise<boolean> => access(p).then(() => true, () => false);

/** Cache key: name@version plus a hash of the dependency set (a candidate may not change it, but a fork may). */
export function depsKey(instance: Instance, pkg: PackageJson): string {
  const name = instance.source.type === 'npm' ? instance.source.name : (pkg.name ?? instance.id);
  const version = instance.source.type === 'npm' ? instance.source.version : (pkg.version ?? '0.0.0');
  const h = hashJson({ d: pkg.dependencies ?? {}, o: pkg.optionalDependencies ?? {} }).slice(0, 12);
  return `${name}@${version}-${h}`.replace(/[^A-Za-z0-9@._-]/g, '+');
}

async function install(dir: string, pkg: PackageJson, label: string): Promise<string> {
  if (await exists(path.join(dir, COMPLETE))) return path.join(dir, 'node_modules');
  const tmp = `${dir}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  await mkdir(tmp, { recursive: true });
  try {
    const manifest = {
      name: 'ase-deps', version: '0.0.0', private: true,
      dependencies: pkg.dependencies ?? {}, optionalDependencies: pkg.optionalDependencies ?? {},
    };
    await writeFile(path.join(tmp, 'package.json'), JSON.stringify(manifest, null, 2));
    await execFileP('npm', ['install', '--omit=dev', '--omit=peer', '--ignore-scripts', '--no-audit', '--no-fund', '--no-package-lock', '--loglevel=error'], {
      cwd: tmp, timeout: 10 * 60_000, maxBuffer: 16 * 1024 * 1024,
    });
    await mkdir(path.join(tmp, 'node_modules'), { recursive: true });
    await writeFile(path.join(tmp, COMPLETE), new Date().toISOString());
    try {
      await rename(tmp, dir);
    } catch {
      if (!(await exists(path.join(dir, COMPLETE)))) throw new Error(`cannot move the install into ${dir}`);
      await rm(tmp, { recursive: true, force: true });
    }
    return path.join(dir, 'node_modules');
  } catch (e) {
    await rm(tmp, { recursive: true, force: true });
    const msg = ((e as { stderr?: string }).stderr ?? String(e)).trim().split('\n').slice(-3).join(' | ');
    throw new HarnessError('SOURCE_UNAVAILABLE', `npm install of the dependencies of ${label} failed: ${msg}`, { label });
  }
}

/**
 * Install the npm dependencies of the package at `repoRoot` into `cacheDir` (once per key) and
 * return the node_modules folder to mount, or undefined when the package has none (or is not npm).
 * @throws HarnessError('SOURCE_UNAVAILABLE') when the install fails (infrastructure, retried by the caller).
 */
export async function prepareDependencies(instance: Instance, repoRoot: string, cacheDir: string): Promise<string | undefined> {
  let pkg: PackageJson;
  try {
    pkg = JSON.parse(await readFile(path.join(repoRoot, 'package.json'), 'utf8')) as PackageJson;
  } catch {
    return undefined;
  }
  const count = Object.keys(pkg.dependencies ?? {}).length + Object.keys(pkg.optionalDependencies ?? {}).length;
  if (count === 0) return undefined;
  const key = depsKey(instance, pkg);
  const dir = path.join(cacheDir, key);
  let p = pending.get(dir);
  if (!p) {
    p = (async () => {
      await mkdir(cacheDir, { recursive: true });
      return install(dir, pkg, key);
    })();
    pending.set(dir, p);
    p.catch(() => pending.delete(dir));
  }
  return p;
}
