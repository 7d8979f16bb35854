// prepareDependencies: install once per key outside the sandbox, mount read-only inside.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HarnessError } from '../../src/core/index.js';
import { DEPS_LOCK, lockDependencies, prepareDependencies, runTests } from '../../src/dynamic/index.js';
import { startRegistry } from '../helpers/registry.js';
import { FIXTURES, instance, noSandbox } from './support.js';

const work = mkdtempSync(path.join(tmpdir(), 'ase-deps-test-'));
const D = path.join(FIXTURES, 'deps');

function appWith(deps: Record<string, string> | undefined): string {
  const repo = mkdtempSync(path.join(work, 'app-'));
  cpSync(path.join(D, 'app'), repo, { recursive: true });
  writeFileSync(path.join(repo, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', main: 'index.js', ...(deps ? { dependencies: deps } : {}) }));
  return repo;
}

describe('prepareDependencies', () => {
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  const inst = instance(path.join(D, 'instance'), { poc: undefined, source: { type: 'npm', name: 'app', version: '1.0.0', integrity: 'sha512-x' } });

  it('no dependencies → undefined (nothing to mount)', async () => {
    expect(await prepareDependencies(inst, appWith(undefined), path.join(work, 'cache'))).toBeUndefined();
    expect(await prepareDependencies(inst, work, path.join(work, 'cache'))).toBeUndefined();
  });

  it.skipIf(noSandbox)('installs once per key (offline tarball), mounts read-only, the package resolves it', async () => {
    const stage = mkdtempSync(path.join(work, 'pack-'));
    cpSync(path.join(D, 'tiny-dep'), path.join(stage, 'package'), { recursive: true });
    execFileSync('tar', ['-czf', path.join(work, 'tiny-dep-1.0.0.tgz'), '-C', stage, 'package']);
    const repo = appWith({ 'tiny-dep': `file:${path.join(work, 'tiny-dep-1.0.0.tgz')}` });
    const cache = path.join(work, 'cache');
    const [a, b] = await Promise.all([prepareDependencies(inst, repo, cache), prepareDependencies(inst, repo, cache)]);
    expect(a).toBe(b);
    expect(a).toMatch(/app@1\.0\.0-[0-9a-f]{12}\/node_modules$/);
    expect(readdirSync(cache).filter((n) => n.includes('.tmp-'))).toEqual([]);
    expect(await prepareDependencies(inst, repo, cache)).toBe(a);
    const v = await runTests({ instance: inst, repoRoot: repo, depsDir: a! });
    expect(v.value, v.detail).toBe(true);
  });

  it('a failed install is SOURCE_UNAVAILABLE (infrastructure), with nothing left in the cache', async () => {
    const repo = appWith({ 'tiny-dep': `file:${path.join(work, 'missing.tgz')}` });
    const cache = path.join(work, 'cache-fail');
    const err = await prepareDependencies(inst, repo, cache).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HarnessError);
    expect((err as HarnessError).code).toBe('SOURCE_UNAVAILABLE');
    expect(readdirSync(cache)).toEqual([]);
  });
});

describe('pinned dependencies (deps.lock.json)', () => {
  const lockWork = mkdtempSync(path.join(tmpdir(), 'ase-lock-test-'));
  afterAll(() => rmSync(lockWork, { recursive: true, force: true }));

  it('npm ci installs the pinned version even when a newer one is published; an out-of-sync lock is an install failure', async () => {
    const v110 = path.join(lockWork, 'tiny-dep-110');
    cpSync(path.join(D, 'tiny-dep'), v110, { recursive: true });
    writeFileSync(path.join(v110, 'package.json'), JSON.stringify({ name: 'tiny-dep', version: '1.1.0', main: 'index.js' }));
    const old = await startRegistry([path.join(D, 'tiny-dep')]);
    const both = await startRegistry([path.join(D, 'tiny-dep'), v110]);
    try {
      const repo = mkdtempSync(path.join(lockWork, 'app-'));
      cpSync(path.join(D, 'app'), repo, { recursive: true });
      writeFileSync(path.join(repo, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', dependencies: { 'tiny-dep': '^1.0.0' } }));
      const pinned = await lockDependencies(repo, 'app', old.url);
      expect(JSON.parse(pinned!).packages['node_modules/tiny-dep'].version).toBe('1.0.0');
      expect(JSON.parse((await lockDependencies(repo, 'app', both.url))!).packages['node_modules/tiny-dep'].version).toBe('1.1.0');

      const instDir = mkdtempSync(path.join(lockWork, 'inst-'));
      writeFileSync(path.join(instDir, DEPS_LOCK), pinned!);
      const inst = instance(instDir, { poc: undefined, source: { type: 'npm', name: 'app', version: '1.0.0', integrity: 'sha512-x' } });
      // the configured registry has 1.1.0 too: only the lock keeps 1.0.0
      process.env.npm_config_registry = both.url;
      const mods = await prepareDependencies(inst, repo, path.join(lockWork, 'cache'));
      expect(JSON.parse(readFileSync(path.join(mods!, 'tiny-dep', 'package.json'), 'utf8')).version).toBe('1.0.0');

      writeFileSync(path.join(repo, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', dependencies: { 'tiny-dep': '^1.0.0', 'other-dep': '^2.0.0' } }));
      const err = await prepareDependencies(inst, repo, path.join(lockWork, 'cache')).catch((e: unknown) => e);
      expect((err as HarnessError).code).toBe('SOURCE_UNAVAILABLE');
    } finally {
      delete process.env.npm_config_registry;
      await old.close();
      await both.close();
    }
  }, 120_000);
});
