// A.S.E v2 instances without Docker: an image archive we build here (a `docker save` tar and an OCI
// layout, two layers, a whiteout) is unpacked and its status/test/PoC commands run in the sandbox.
// The "project" is a shell file that the image's build script sources, so the candidate's code runs
// during the build, as a model's C code would in a real image.

import { existsSync, mkdirSync, readFileSync, readdirSync, readlinkSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import * as tar from 'tar';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Instance } from '../../src/core/index.js';
import { mapAseV2Command, runAseV2, unpackImage, type UnpackedImage } from '../../src/dynamic/index.js';
import { noSandbox, status, treeHash } from './support.js';
import { dockerSaveArchive, file, layerTar, shellBase, tmp } from '../helpers/image.js';

/** Layer 1: a shell and its libraries from the host, the project and the image's scripts. */
function layer1(root: string): void {
  shellBase(root);
  file(root, 'cve/SRC/src/app.sh', 'RESULT="placeholder"\n');
  file(root, 'cve/SRC/obsolete.txt', 'removed by layer 2\n');
  // build: run the project's code (the candidate's), keep what it computed
  file(root, 'cve/build.sh', '#!/bin/sh\ncd /cve/SRC || exit 1\n. ./src/app.sh || exit 2\n[ -n "$RESULT" ] || exit 3\necho "$RESULT" > build.out\n', 0o755);
  file(root, 'cve/image_status_check.sh', '#!/bin/sh\n[ -f /cve/SRC/build.out ]\n', 0o755);
  file(root, 'cve/test_case.sh', '#!/bin/sh\nread -r r < /cve/SRC/build.out || exit 1\ncase "$r" in *return*) exit 0;; *) exit 1;; esac\n', 0o755);
  file(root, 'cve/poc.sh', '#!/bin/sh\necho old poc\n', 0o755);
}

/** Layer 2: deletes a file of layer 1 (whiteout) and replaces the PoC. */
function layer2(root: string): void {
  file(root, 'cve/SRC/.wh.obsolete.txt', '');
  file(root, 'cve/poc.sh', [
    '#!/bin/sh',
    'read -r r < /cve/SRC/build.out || exit 1',
    'case "$r" in *UNSAFE*) echo "[A.S.E] vulnerability found";; esac',
    // stands for an ASan-instrumented binary writing its report where ASAN_OPTIONS=log_path points
    'case "$r" in *OVERFLOW*) [ -n "$ASE_EVIDENCE" ] && printf "==7==ERROR: AddressSanitizer: heap-buffer-overflow\\n" > "$ASE_EVIDENCE/asan.7";; esac',
    'exit 0', '',
  ].join('\n'), 0o755);
}

const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

const CONFIG = { config: { WorkingDir: '/cve', Env: ['PATH=/bin', 'IMAGE_VAR=1'] } };

const dockerSave = (): Promise<string> => dockerSaveArchive([layer1, layer2], CONFIG);

/** An OCI image layout folder with gzip layers. */
async function ociLayout(): Promise<string> {
  const dir = tmp('ase-oci-');
  const blobs = path.join(dir, 'blobs/sha256');
  mkdirSync(blobs, { recursive: true });
  const put = (b: Buffer): string => { const d = sha(b); writeFileSync(path.join(blobs, d), b); return `sha256:${d}`; };
  const layers = [];
  for (const build of [layer1, layer2]) {
    const t = path.join(dir, 'l.tgz');
    await layerTar(build, t, true);
    const b = readFileSync(t);
    layers.push({ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: put(b), size: b.length });
  }
  const cfg = Buffer.from(JSON.stringify(CONFIG));
  const manifest = Buffer.from(JSON.stringify({ schemaVersion: 2, config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: put(cfg), size: cfg.length }, layers }));
  writeFileSync(path.join(dir, 'index.json'), JSON.stringify({ schemaVersion: 2, manifests: [{ mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: put(manifest), size: manifest.length, platform: { os: 'linux', architecture: 'amd64' } }] }));
  writeFileSync(path.join(dir, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}');
  return dir;
}

function v2Instance(): Instance {
  return {
    id: 'v2-fixture', dataset: 'fixtures', cwe: 'CWE-787', language: 'c', source: { type: 'local', path: '/nonexistent' },
    vuln_file: 'src/app.sh', vuln_lines: [1, 1], rules: [], seed: true,
    ase_v2: {
      image: 'test/img:1', image_inner_path: '/cve/SRC',
      status_check_cmd: "sh -c 'sysctl vm.overcommit_memory=2 && ./build.sh && ./image_status_check.sh'",
      test_cmd: './test_case.sh', poc_cmd: './poc.sh',
    },
  };
}

function candidate(code: string): string {
  const dir = tmp('ase-cand-');
  file(dir, 'src/app.sh', code);
  return dir;
}

describe('A.S.E v2 commands', () => {
  it('drops privileged sysctl steps and says which', () => {
    expect(mapAseV2Command("bash -c 'sysctl vm.overcommit_memory=2 && ./build.sh && ./image_status_check.sh'"))
      .toEqual({ command: "bash -c './build.sh && ./image_status_check.sh'", dropped: ['sysctl vm.overcommit_memory=2'] });
    expect(mapAseV2Command('./poc.sh')).toEqual({ command: './poc.sh', dropped: [] });
  });
});

describe('image archives', () => {
  it('unpacks a docker save archive: layers in order, whiteouts applied, config kept, once per content', async () => {
    const cache = tmp('ase-imgcache-');
    const archive = await dockerSave();
    const img = await unpackImage(archive, cache);
    expect(img.config).toEqual({ workingDir: '/cve', env: ['PATH=/bin', 'IMAGE_VAR=1'], user: '' });
    expect(existsSync(path.join(img.rootfs, 'cve/SRC/obsolete.txt'))).toBe(false);
    expect(readFileSync(path.join(img.rootfs, 'cve/poc.sh'), 'utf8')).toContain('[A.S.E] vulnerability found');
    const again = await unpackImage(archive, cache);
    expect(again.rootfs).toBe(img.rootfs);
    expect(readdirSync(cache)).toEqual([img.digest]);
  });

  it('unpacks an OCI layout with gzip layers', async () => {
    const img = await unpackImage(await ociLayout(), tmp('ase-imgcache-'));
    expect(img.config.workingDir).toBe('/cve');
    expect(existsSync(path.join(img.rootfs, 'bin/sh'))).toBe(true);
    expect(existsSync(path.join(img.rootfs, 'cve/SRC/obsolete.txt'))).toBe(false);
  });

  it('refuses what is not an image with one line naming the file', async () => {
    const junk = path.join(tmp('ase-junk-'), 'x.tar');
    writeFileSync(junk, 'not a tar');
    await expect(unpackImage(junk, tmp('ase-imgcache-'))).rejects.toThrow(/x\.tar: /);
    const emptyTar = path.join(tmp('ase-junk-'), 'empty.tar');
    const d = tmp('ase-e-');
    writeFileSync(path.join(d, 'a.txt'), 'a');
    await tar.c({ file: emptyTar, cwd: d }, ['a.txt']);
    await expect(unpackImage(emptyTar, tmp('ase-imgcache-'))).rejects.toThrow(/empty\.tar: neither an OCI image layout/);
  });
});

/** A raw tar (the entries exactly as given, no normalising), as a hostile image would carry. */
function rawTar(entries: { path: string; type?: 'File' | 'SymbolicLink'; linkpath?: string; body?: string }[]): Buffer {
  const blocks: Buffer[] = [];
  for (const e of entries) {
    const body = Buffer.from(e.body ?? '');
    const h = new tar.Header({ path: e.path, type: e.type ?? 'File', size: e.type === 'SymbolicLink' ? 0 : body.length, mode: 0o644, mtime: new Date(0), ...(e.linkpath ? { linkpath: e.linkpath } : {}) });
    const block = Buffer.alloc(512);
    h.encode(block, 0);
    blocks.push(block);
    if (e.type !== 'SymbolicLink' && body.length) blocks.push(body, Buffer.alloc((512 - (body.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return Buffer.concat(blocks);
}

describe('hostile image archives', () => {
  it('never writes or deletes outside the rootfs (.., absolute paths, symlinks, whiteouts through symlinks)', async () => {
    const outside = tmp('ase-outside-');
    writeFileSync(path.join(outside, 'victim'), 'keep me');
    const dir = tmp('ase-evilimg-');
    writeFileSync(path.join(dir, 'l1.tar'), rawTar([
      { path: '../escape-dotdot', body: 'x' },
      { path: `${outside}/abs`, body: 'x' },
      { path: 'link', type: 'SymbolicLink', linkpath: '../'.repeat(12) + outside.slice(1) },
    ]));
    writeFileSync(path.join(dir, 'l2.tar'), rawTar([
      { path: 'link/through-link', body: 'x' },
      { path: 'link/.wh.victim' },
      { path: '../.wh.victim' },
    ]));
    writeFileSync(path.join(dir, 'config.json'), '{}');
    writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify([{ Config: 'config.json', Layers: ['l1.tar', 'l2.tar'] }]));
    const archive = path.join(tmp('ase-arch-'), 'evil.tar');
    await tar.c({ file: archive, cwd: dir }, ['manifest.json', 'config.json', 'l1.tar', 'l2.tar']);
    const cache = tmp('ase-imgcache-');
    const img = await unpackImage(archive, cache);
    expect(readdirSync(outside).sort()).toEqual(['victim']);
    expect(readFileSync(path.join(outside, 'victim'), 'utf8')).toBe('keep me');
    expect(existsSync(path.join(path.dirname(cache), 'escape-dotdot'))).toBe(false);
    // what the hostile paths meant, resolved with the rootfs as `/`: all of it inside the rootfs
    expect(readlinkSync(path.join(img.rootfs, 'link'))).toBe('../'.repeat(12) + outside.slice(1));
    expect(existsSync(path.join(img.rootfs, outside.slice(1), 'through-link'))).toBe(true);
    expect(existsSync(path.join(img.rootfs, outside.slice(1), 'abs'))).toBe(true);
    expect(existsSync(path.join(img.rootfs, 'escape-dotdot'))).toBe(true);
  });
});

describe.skipIf(noSandbox)(`A.S.E v2 steps in the sandbox${noSandbox ? ` (skipped: ${status.reason})` : ''}`, () => {
  let img: UnpackedImage;
  beforeAll(async () => { img = await unpackImage(await dockerSave(), tmp('ase-imgcache-')); });
  const run = (code: string) => runAseV2({ instance: v2Instance(), repoRoot: candidate(code), image: img, workDir: tmp('ase-v2work-') });

  it('vulnerable candidate: builds, tests pass, PoC triggers (A.S.E marker, labelled as such)', async () => {
    const v = await run('RESULT="UNSAFE return"\n');
    expect(v.status).toMatchObject({ value: true });
    expect(v.status.detail).toContain('dropped privileged step: sysctl vm.overcommit_memory=2');
    expect(v.tests).toMatchObject({ value: true, exit_code: 0 });
    expect(v.poc).toMatchObject({ value: true });
    expect(v.poc.detail).toMatch(/A\.S\.E's criterion/);
  }, 60_000);

  it('fixed candidate: tests pass, PoC does not trigger', async () => {
    const v = await run('RESULT="safe return"\n');
    expect([v.status.value, v.tests.value, v.poc.value]).toEqual([true, true, false]);
  }, 60_000);

  it('a sanitizer report in $ASE_EVIDENCE triggers the PoC without any output marker', async () => {
    const v = await run('RESULT="OVERFLOW return"\n');
    expect(v.poc).toMatchObject({ value: true });
    expect(v.poc.detail).toMatch(/sanitizer report .*asan\.7/);
  }, 60_000);

  it('a candidate that breaks the build fails the status check; tests and PoC are not run', async () => {
    const v = await run('exit 9\n');
    expect(v.status).toMatchObject({ value: false });
    expect(v.tests).toMatchObject({ value: null, detail: 'not run: the status check (build) failed' });
    expect(v.poc.value).toBeNull();
  }, 60_000);

  it('functional failure: builds but the test fails', async () => {
    const v = await run('RESULT="nothing useful"\n');
    expect([v.status.value, v.tests.value]).toEqual([true, false]);
  }, 60_000);

  it('a hostile candidate cannot change the image, the host or the later steps', async () => {
    const before = treeHash(img.rootfs);
    const outside = tmp('ase-v2-outside-');
    const v = await run([
      'echo hacked > /cve/poc.sh 2>/dev/null',
      'echo hacked > /etc/passwd 2>/dev/null',
      `echo hacked > ${outside}/pwned 2>/dev/null`,
      'echo "#!/bin/sh" > /cve/SRC/poc-override.sh 2>/dev/null',
      'RESULT="UNSAFE return"', '',
    ].join('\n'));
    expect(treeHash(img.rootfs)).toEqual(before);
    expect(existsSync(path.join(outside, 'pwned'))).toBe(false);
    expect(v.poc.value).toBe(true);
  }, 60_000);
});
