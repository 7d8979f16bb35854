// Container image archives built by tests (no registry, no Docker): layers are folders we write,
// packed as a `docker save` archive. The base layer carries the host's /bin/sh and the two libraries
// it needs, which is all the images' scripts use.

import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as tar from 'tar';

export const tmp = (p: string): string => mkdtempSync(path.join(tmpdir(), p));

export function file(root: string, rel: string, content: string, mode = 0o644): void {
  mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  writeFileSync(path.join(root, rel), content);
  chmodSync(path.join(root, rel), mode);
}

/** /bin/sh (the host's, with libc and the loader), /tmp and a minimal /etc/passwd. */
export function shellBase(root: string): void {
  file(root, 'tmp/.keep', '');
  mkdirSync(path.join(root, 'bin'), { recursive: true });
  copyFileSync(realpathSync('/bin/sh'), path.join(root, 'bin/sh'));
  chmodSync(path.join(root, 'bin/sh'), 0o755);
  for (const lib of ['/lib/x86_64-linux-gnu/libc.so.6', '/lib64/ld-linux-x86-64.so.2']) {
    mkdirSync(path.join(root, path.dirname(lib)), { recursive: true });
    copyFileSync(realpathSync(lib), path.join(root, lib));
  }
  file(root, 'etc/passwd', 'root:x:0:0::/root:/bin/sh\n');
}

export async function layerTar(build: (root: string) => void, out: string, gzip = false): Promise<void> {
  const root = tmp('ase-layer-');
  build(root);
  await tar.c({ file: out, cwd: root, portable: true, gzip }, ['.']);
}

/** A `docker save` style archive of `layers` (bottom first) at `out` (default: a fresh temp file). */
export async function dockerSaveArchive(layers: ((root: string) => void)[], config: object, out?: string): Promise<string> {
  const dir = tmp('ase-img-');
  const names = layers.map((_, i) => `l${i + 1}.tar`);
  for (const [i, build] of layers.entries()) await layerTar(build, path.join(dir, names[i]!));
  writeFileSync(path.join(dir, 'config.json'), JSON.stringify(config));
  writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify([{ Config: 'config.json', RepoTags: ['test/img:1'], Layers: names }]));
  const archive = out ?? path.join(tmp('ase-arch-'), 'image.tar');
  await tar.c({ file: archive, cwd: dir }, ['manifest.json', 'config.json', ...names]);
  return archive;
}
