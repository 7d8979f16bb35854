import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Answer } from '../../src/core/index.js';
import { integrate } from '../../src/integrate/index.js';
import { parseUnifiedDiff } from '../../src/integrate/patchParse.js';
import { resolveInside } from '../../src/integrate/safePath.js';
import { makeTask } from './makeTask.js';

const SRC = 'function f(p) {\n  return read(p);\n}\n\nmodule.exports = f;\n';
const task = () => makeTask(SRC, 2, 2);
const answer = (raw: string): Answer => ({ model: 'm', raw, latency_ms: 0, cached: false });

let base: string;
let root: string;
let outside: string;
beforeEach(async () => {
  base = await mkdtemp(join(tmpdir(), 'ase-diff-'));
  root = join(base, 'repo');
  outside = join(base, 'outside');
  await mkdir(join(root, 'lib'), { recursive: true });
  await mkdir(outside);
  await writeFile(join(root, 'lib/index.js'), SRC);
  await writeFile(join(root, 'lib/other.js'), 'a\nb\nc\n');
  await writeFile(join(outside, 'secret'), 'secret\n');
});
afterEach(() => rm(base, { recursive: true, force: true }));

const maskDiff = [
  '--- a/lib/index.js',
  '+++ b/lib/index.js',
  '@@ -1,3 +1,4 @@',
  ' function f(p) {',
  '-  <MASKED>',
  "+  if (p.includes('..')) throw new Error('bad');",
  '+  return read(p);',
  ' }',
].join('\n');

describe('diff mode', () => {
  it('applies a fenced diff against the masked file', async () => {
    const c = await integrate(answer('Here:\n```diff\n' + maskDiff + '\n```\n'), task(), root, 'diff');
    expect(c.merged).toBe(true);
    expect(c.changed).toEqual(['lib/index.js']);
    const text = await readFile(join(root, 'lib/index.js'), 'utf8');
    expect(text).toBe("function f(p) {\n  if (p.includes('..')) throw new Error('bad');\n  return read(p);\n}\n\nmodule.exports = f;\n");
    expect(c.merged_file).toBe(text);
  });

  it('applies an unfenced diff with wrong hunk counts, shifted line numbers and prose around it', async () => {
    const sloppy = 'I will fix it.\n' + maskDiff.replace('@@ -1,3 +1,4 @@', '@@ -7,9 +7,2 @@') + '\nThis adds a check.';
    const c = await integrate(answer(sloppy), task(), root, 'diff');
    expect(c.merge_error).toBeUndefined();
    expect(c.merged_file).toContain("if (p.includes('..'))");
  });

  it('applies with fuzz when a context line differs', async () => {
    const fuzzy = maskDiff.replace('@@ -1,3 +1,4 @@', '@@ -1,5 +1,6 @@') + '\n \n module.exports = g;';
    const c = await integrate(answer(fuzzy), task(), root, 'diff');
    expect(c.merged).toBe(true);
  });

  it('creates a file (/dev/null) inside the root and patches several files', async () => {
    const d = [
      maskDiff,
      '--- /dev/null',
      '+++ b/lib/new/helper.js',
      '@@ -0,0 +1,1 @@',
      '+module.exports = 1;',
      'diff --git a/lib/other.js b/lib/other.js',
      '--- a/lib/other.js',
      '+++ b/lib/other.js',
      '@@ -1,3 +1,3 @@',
      ' a',
      '-b',
      '+B',
      ' c',
    ].join('\n');
    const c = await integrate(answer(d), task(), root, 'diff');
    expect(c.merged).toBe(true);
    expect(c.changed).toEqual(['lib/index.js', 'lib/new/helper.js', 'lib/other.js']);
    expect(await readFile(join(root, 'lib/new/helper.js'), 'utf8')).toBe('module.exports = 1;\n');
    expect(await readFile(join(root, 'lib/other.js'), 'utf8')).toBe('a\nB\nc\n');
  });

  it('a diff that uses one name as a file and as a directory is refused before writing', async () => {
    const d = [maskDiff, '--- /dev/null', '+++ b/n/x', '@@ -0,0 +1 @@', '+1', '--- /dev/null', '+++ b/n', '@@ -0,0 +1 @@', '+2'].join('\n');
    const c = await integrate(answer(d), task(), root, 'diff');
    expect(c.merge_error).toBe('diff writes n both as a file and as a directory');
    expect(existsSync(join(root, 'n'))).toBe(false);
  });

  it('a headerless hunk applies to the masked file', async () => {
    const c = await integrate(answer(maskDiff.split('\n').slice(2).join('\n')), task(), root, 'diff');
    expect(c.merged).toBe(true);
    expect(c.merged_file).toContain('return read(p);');
  });

  it('CRLF file, LF diff: applied, CRLF kept', async () => {
    const t = makeTask(SRC.replace(/\n/g, '\r\n'), 2, 2);
    const c = await integrate(answer(maskDiff), t, root, 'diff');
    expect(c.merged).toBe(true);
    expect(c.merged_file).toBe("function f(p) {\r\n  if (p.includes('..')) throw new Error('bad');\r\n  return read(p);\r\n}\r\n\r\nmodule.exports = f;\r\n");
  });

  it('a patch that does not apply → merged=false, nothing written', async () => {
    const bad = maskDiff.replace('-  <MASKED>', '-  something else entirely');
    const c = await integrate(answer(bad), task(), root, 'diff');
    expect(c.merged).toBe(false);
    expect(c.merge_error).toMatch(/does not apply/);
    expect(await readFile(join(root, 'lib/index.js'), 'utf8')).toBe(SRC);
  });

  it('no diff → merged=false', async () => {
    const c = await integrate(answer('```js\nreturn 1;\n```'), task(), root, 'diff');
    expect(c).toMatchObject({ merged: false, merge_error: 'no diff in answer' });
  });

  describe('refuses paths that leave the workspace, writing nothing', () => {
    const escape = (path: string, oldPath = path) =>
      [maskDiff, `--- ${oldPath}`, `+++ ${path}`, '@@ -1 +1 @@', '-secret', '+pwned'].join('\n');

    for (const [name, diff] of [
      ['../../etc/passwd', escape('../../etc/passwd')],
      ['a/../../etc/passwd (git prefixes)', escape('b/../../etc/passwd', 'a/../../etc/passwd')],
      ['absolute /etc/passwd', escape('/etc/passwd')],
      ['a creation outside', [maskDiff, '--- /dev/null', '+++ ../outside/new', '@@ -0,0 +1 @@', '+x'].join('\n')],
      ['.git/config', [maskDiff, '--- /dev/null', '+++ b/.git/config', '@@ -0,0 +1 @@', '+[core]'].join('\n')],
      ['backslash', escape('..\\..\\etc\\passwd')],
    ] as const) {
      it(name, async () => {
        const c = await integrate(answer(diff), task(), root, 'diff');
        expect(c.merged).toBe(false);
        expect(c.merge_error).toMatch(/^refused/);
        expect(c.changed).toEqual([]);
        expect(await readFile(join(root, 'lib/index.js'), 'utf8')).toBe(SRC);
        expect(await readFile(join(outside, 'secret'), 'utf8')).toBe('secret\n');
      });
    }

    it('a symlink inside the workspace pointing outside (file and directory)', async () => {
      await symlink(join(outside, 'secret'), join(root, 'lib/link'));
      await symlink(outside, join(root, 'out'));
      for (const p of ['lib/link', 'out/secret', 'out/newfile']) {
        const c = await integrate(answer(escape(`b/${p}`, `a/${p}`)), task(), root, 'diff');
        expect(c.merged).toBe(false);
        expect(c.merge_error).toMatch(/symlink .* points outside the workspace/);
      }
      expect(await readFile(join(outside, 'secret'), 'utf8')).toBe('secret\n');
      expect(existsSync(join(outside, 'newfile'))).toBe(false);
    });

    it('a symlink pointing inside is followed; changed names the real file', async () => {
      await symlink(join(root, 'lib'), join(root, 'alias'));
      const r = await resolveInside(root, 'alias/other.js');
      expect(r.ok).toBe(true);
      const d = [maskDiff, '--- a/alias/other.js', '+++ b/alias/other.js', '@@ -1,3 +1,3 @@', ' a', '-b', '+B', ' c'].join('\n');
      const c = await integrate(answer(d), task(), root, 'diff');
      expect(c.changed).toEqual(['lib/index.js', 'lib/other.js']);
      expect(await readFile(join(root, 'lib/other.js'), 'utf8')).toBe('a\nB\nc\n');
    });
  });

  it('the lenient parser recomputes counts and drops trailing prose blank lines', () => {
    const [fp] = parseUnifiedDiff('--- a/x\n+++ b/x\n@@ -1,99 +1,1 @@\n a\n\n-b\n+c\n\n\nThanks!');
    expect(fp!.oldPath).toBe('x');
    expect(fp!.hunks[0]).toMatchObject({ oldLines: 3, newLines: 3, lines: [' a', ' ', '-b', '+c'] });
  });
});
