// Repository sources: npm (pacote against a local registry), git (system git, --git-mirror),
// local folders; the content-addressed cache; fresh workspaces.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkspace, fetchSource, removeWorkspace } from '../../src/repo/index.js';
import type { Instance } from '../../src/core/index.js';
import { startRegistry, type LocalRegistry } from '../helpers/registry.js';
import { MINI_DATASET, tempDir } from '../helpers/runConfig.js';

const PKG = path.resolve(MINI_DATASET, '..', '..', 'packages', 'mini-static');
let reg: LocalRegistry;

beforeAll(async () => {
  process.env.ASE_CACHE = tempDir('cache');
  reg = await startRegistry([PKG]);
});
afterAll(async () => {
  await reg.close();
});

describe('npm source', () => {
  it('fetches, checks integrity, caches by content', async () => {
    const integrity = reg.integrity['mini-static@1.0.0'] ?? '';
    const src = { type: 'npm', name: 'mini-static', version: '1.0.0', integrity } as const;
    const a = await fetchSource(src, { registry: reg.url });
    expect(readFileSync(path.join(a.dir, 'index.js'), 'utf8')).toBe(readFileSync(path.join(PKG, 'index.js'), 'utf8'));
    const before = reg.requests;
    const b = await fetchSource(src, { registry: reg.url });
    expect(b).toEqual(a);
    expect(reg.requests).toBe(before); // served from the cache
  });

  it('refuses a tarball that does not match its pin', async () => {
    const wrong = `sha512-${Buffer.alloc(64, 1).toString('base64')}`;
    await expect(fetchSource({ type: 'npm', name: 'mini-static', version: '1.0.0', integrity: wrong }, { registry: reg.url }))
      .rejects.toMatchObject({ code: 'INTEGRITY_MISMATCH' });
  });

  it('reports a missing version and an unreachable registry as source errors', async () => {
    const integrity = reg.integrity['mini-static@1.0.0'] ?? '';
    await expect(fetchSource({ type: 'npm', name: 'mini-static', version: '9.9.9', integrity }, { registry: reg.url }))
      .rejects.toMatchObject({ code: 'SOURCE_UNAVAILABLE' });
    await expect(fetchSource({ type: 'npm', name: 'mini-static', version: '1.0.1', integrity }, { registry: 'http://127.0.0.1:9/' }))
      .rejects.toThrow(/npm:mini-static@1\.0\.1: npm registry unreachable/);
  });
});

describe('git source', () => {
  it('clones owner/name from --git-mirror and checks out the commit', async () => {
    const work = tempDir('git-work');
    const git = (...a: string[]): string => execFileSync('git', ['-C', work, ...a], { encoding: 'utf8' }).trim();
    git('init', '-q');
    git('config', 'user.email', 't@example.com');
    git('config', 'user.name', 't');
    writeFileSync(path.join(work, 'a.txt'), 'one\n');
    git('add', '.');
    git('commit', '-qm', 'one');
    const first = git('rev-parse', 'HEAD');
    writeFileSync(path.join(work, 'a.txt'), 'two\n');
    git('commit', '-qam', 'two');
    const mirror = tempDir('mirror');
    mkdirSync(path.join(mirror, 'acme'));
    execFileSync('git', ['clone', '-q', '--bare', work, path.join(mirror, 'acme', 'widget.git')]);
    const src = await fetchSource({ type: 'git', repo: 'acme/widget', commit: first }, { gitMirror: mirror });
    expect(readFileSync(path.join(src.dir, 'a.txt'), 'utf8')).toBe('one\n');
    expect(existsSync(path.join(src.dir, '.git'))).toBe(false);
    await expect(fetchSource({ type: 'git', repo: 'acme/nothing', commit: first }, { gitMirror: mirror })).rejects.toMatchObject({ code: 'SOURCE_UNAVAILABLE' });
  });
});

describe('workspaces', () => {
  it('are fresh copies: writing one never touches the source or another', async () => {
    const src = await fetchSource({ type: 'local', path: PKG });
    const inst = { id: 'x' } as unknown as Instance;
    const a = createWorkspace(inst, src);
    const b = createWorkspace(inst, src);
    writeFileSync(path.join(a.root, 'index.js'), 'changed');
    expect(readFileSync(path.join(b.root, 'index.js'), 'utf8')).not.toBe('changed');
    expect(readFileSync(path.join(PKG, 'index.js'), 'utf8')).not.toBe('changed');
    removeWorkspace(a);
    removeWorkspace(b);
    expect(existsSync(a.root)).toBe(false);
  });
});
