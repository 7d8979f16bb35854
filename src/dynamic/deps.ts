// The package's own npm dependencies, installed once per (name, version, dependency set) into the
// cache, outside the sandbox, with install scripts off (no package code runs here), then mounted
// read-only at $ASE_REPO/node_modules inside the sandbox. An instance folder may pin them with a
// lockfile we generated (`deps.lock.json`, `ase dataset lock`): then `npm ci` installs exactly those
// versions, every time.

import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdir, mkdtemp, readFile, rename, rm, writeFile, access } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { HarnessError, hashJson, instanceFile, type Instance } from '../core/index.js';

const execFileP = promisify(execFile);
const COMPLETE = '.ase-complete';
/** The pinned lockfile in an instance folder. */
export const DEPS_LOCK = 'deps.lock.json';
const pending = new Map<string, Promise<string>>();

interface PackageJson {
  name?: string;
  version?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

const exists = (p: string): Promise<boolean> => access(p).then(() => true, () => false);

/** The manifest installed: the package's runtime dependencies only (never its dev dependencies). */
function depsManifest(pkg: PackageJson): object {
  return { name: 'ase-deps', version: '0.0.0', private: true, dependencies: pkg.dependencies ?? {}, optionalDependencies: pkg.optionalDependencies ?? {} };
}

/** Cache key: name@version plus a hash of the dependency set and of the pinned lockfile, if any. */
export function depsKey(instance: Instance, pkg: PackageJson, lock?: string): string {
  const name = instance.source.type === 'npm' ? instance.source.name : (pkg.name ?? instance.id);
  const version = instance.source.type === 'npm' ? instance.source.version : (pkg.version ?? '0.0.0');
  const h = hashJson({ d: pkg.dependencies ?? {}, o: pkg.optionalDependencies ?? {}, ...(lock ? { l: lock } : {}) }).slice(0, 12);
  return `${name}@${version}-${h}`.replace(/[^A-Za-z0-9@._-]/g, '+');
}

async function install(dir: string, pkg: PackageJson, label: string, lock?: string): Promise<string> {
  if (await exists(path.join(dir, COMPLETE))) return path.join(dir, 'node_modules');
  const tmp = `${dir}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  await mkdir(tmp, { recursive: true });
  try {
    await writeFile(path.join(tmp, 'package.json'), JSON.stringify(depsManifest(pkg), null, 2));
    if (lock) await writeFile(path.join(tmp, 'package-lock.json'), lock);
    const common = ['--omit=dev', '--omit=peer', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'];
    await execFileP('npm', lock ? ['ci', ...common] : ['install', ...common, '--no-package-lock'], {
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
  const lock = instance.dir ? await readFile(instanceFile(instance, DEPS_LOCK), 'utf8').catch(() => undefined) : undefined;
  const key = depsKey(instance, pkg, lock);
  const dir = path.join(cacheDir, key);
  let p = pending.get(dir);
  if (!p) {
    p = (async () => {
      await mkdir(cacheDir, { recursive: true });
      return install(dir, pkg, key, lock);
    })();
    pending.set(dir, p);
    p.catch(() => pending.delete(dir));
  }
  return p;
}

/**
 * Resolve the runtime dependencies of the package at `repoRoot` against the registry and return the
 * lockfile text to pin in the instance folder (`deps.lock.json`), or undefined when it has none.
 * @throws HarnessError('SOURCE_UNAVAILABLE') with npm's reason when they no longer resolve.
 */
export async function lockDependencies(repoRoot: string, label: string, registry?: string): Promise<string | undefined> {
  let pkg: PackageJson;
  try {
    pkg = JSON.parse(await readFile(path.join(repoRoot, 'package.json'), 'utf8')) as PackageJson;
  } catch {
    return undefined;
  }
  if (Object.keys(pkg.dependencies ?? {}).length + Object.keys(pkg.optionalDependencies ?? {}).length === 0) return undefined;
  const tmp = await mkdtemp(path.join(tmpdir(), 'ase-lock-'));
  try {
    await writeFile(path.join(tmp, 'package.json'), JSON.stringify(depsManifest(pkg), null, 2));
    await execFileP('npm', ['install', '--package-lock-only', '--omit=dev', '--omit=peer', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error', ...(registry ? ['--registry', registry] : [])], {
      cwd: tmp, timeout: 10 * 60_000, maxBuffer: 16 * 1024 * 1024,
    });
    return await readFile(path.join(tmp, 'package-lock.json'), 'utf8');
  } catch (e) {
    const msg = ((e as { stderr?: string }).stderr ?? String(e)).trim().split('\n').slice(-3).join(' | ');
    throw new HarnessError('SOURCE_UNAVAILABLE', `the dependencies of ${label} do not resolve: ${msg}`, { label });
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}
