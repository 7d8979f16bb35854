// Invariant (issue 2, item 6): whatever paths a diff names, integrate never writes outside repoRoot.
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { integrate } from '../../src/integrate/index.js';
import { makeTask } from './makeTask.js';

let base: string;
let root: string;
let outside: string;

async function snapshot(dir: string, skip: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) {
    const p = join(e.parentPath, e.name);
    if (p === skip || p.startsWith(skip + '/')) continue;
    out[relative(dir, p)] = e.isFile() ? await readFile(p, 'utf8') : e.isSymbolicLink() ? 'link' : 'dir';
  }
  return out;
}

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'ase-prop-'));
  root = join(base, 'repo');
  outside = join(base, 'outside');
  await mkdir(join(root, 'lib'), { recursive: true });
  await mkdir(join(outside, 'etc'), { recursive: true });
  await writeFile(join(outside, 'etc/passwd'), 'root:x:0:0\n');
  await writeFile(join(base, 'sibling'), 'x\n');
  await writeFile(join(root, 'lib/t'), 'root:x:0:0\n');
  await symlink(outside, join(root, 'out'));
  await symlink(join(outside, 'etc/passwd'), join(root, 'lib/passwd'));
  await symlink(join(root, 'lib'), join(root, 'inlink'));
});
afterAll(() => rm(base, { recursive: true, force: true }));

const segment = fc.oneof(
  { arbitrary: fc.constantFrom('lib', 'x', 'new', 't', 'inlink', 'out', 'passwd', 'etc'), weight: 6 },
  { arbitrary: fc.constantFrom('..', '.', '', '.git', '~', 'C:', '..\\..', '%2e%2e', ' ', 'sibling', 'outside', 'repo', 'a', 'b'), weight: 3 },
  { arbitrary: fc.string({ maxLength: 6 }), weight: 1 },
);
const relPath = fc.array(segment, { minLength: 1, maxLength: 4 }).map((s) => s.join('/'));
const anyPath = fc.oneof(
  { arbitrary: relPath, weight: 4 },
  { arbitrary: relPath.map((p) => `a/${p}`), weight: 2 },
  { arbitrary: relPath.map((p) => `/${p}`), weight: 1 },
  { arbitrary: relPath.map((p) => `${base}/${p}`), weight: 1 },
);
const filePatch = fc.record({
  old: fc.oneof({ arbitrary: anyPath, weight: 6 }, { arbitrary: fc.constant('/dev/null'), weight: 1 }),
  new: fc.oneof({ arbitrary: anyPath, weight: 6 }, { arbitrary: fc.constant('/dev/null'), weight: 1 }),
  create: fc.oneof({ arbitrary: fc.constant(true), weight: 3 }, { arbitrary: fc.constant(false), weight: 1 }),
});

describe('path safety (property)', () => {
  it('integrate never writes outside repoRoot for arbitrary diff paths', async () => {
    const task = makeTask('function f() {\n  x();\n}\n', 2, 2);
    const before = await snapshot(base, root);
    await fc.assert(
      fc.asyncProperty(fc.array(filePatch, { minLength: 1, maxLength: 2 }), async (patches) => {
        const diff = patches
          .map((p) => [`--- ${p.create ? '/dev/null' : p.old}`, `+++ ${p.new}`, p.create ? '@@ -0,0 +1 @@' : '@@ -1 +1 @@', ...(p.create ? [] : ['-root:x:0:0']), '+pwned'].join('\n'))
          .join('\n');
        const c = await integrate({ model: 'm', raw: diff, latency_ms: 0, cached: false }, task, root, 'diff');
        for (const f of c.changed) expect(f.startsWith('/') || f.split('/').includes('..')).toBe(false);
        expect(await snapshot(base, root)).toEqual(before);
      }),
      { numRuns: 120 },
    );
  });
});
