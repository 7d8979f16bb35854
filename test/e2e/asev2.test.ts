// An A.S.E v2 data file runs as it is: `ase run --dataset data_v2.json --git-mirror M --ase-images I`
// fetches the repository from a git mirror, takes the gold block from the patch commit, and judges
// every candidate with the image's own status/test/PoC commands in the sandbox. Everything is built
// here: a git repository with a vulnerable and a fixed commit, and an image archive whose build
// script reads the candidate's C file.

import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { imageArchiveName, sandboxStatus } from '../../src/dynamic/index.js';
import { dockerSaveArchive, file, shellBase, tmp } from '../helpers/image.js';
import { MINI_DATASET, tempDir } from '../helpers/runConfig.js';

const ROOT = path.resolve(MINI_DATASET, '..', '..', '..', '..');
const sandbox = await sandboxStatus();

const appC = (result: string): string => [
  '#include <stdio.h>',
  'int check(int n) {',
  `  /* RESULT=${result} */`,
  '  int m = n;',
  '  return m;',
  '}', '',
].join('\n');

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.invalid', ...args], { cwd, encoding: 'utf8' }).trim();
}

const IMAGE = 'acme/widget-cve:latest';

function imageLayer(root: string): void {
  shellBase(root);
  copyFileSync(path.join(root, 'bin/sh'), path.join(root, 'bin/bash')); // A.S.E's commands say bash; dash takes -c too
  chmodSync(path.join(root, 'bin/bash'), 0o755);
  file(root, 'cve/SRC/src/app.c', appC('UNSAFE return'));
  file(root, 'cve/build.sh', [
    '#!/bin/sh', 'cd /cve/SRC || exit 1', 'r=""',
    'while IFS= read -r line; do case "$line" in *RESULT=*) r="${line#*RESULT=}"; r="${r% \\*/}";; esac; done < src/app.c',
    '[ -n "$r" ] || exit 3', 'echo "$r" > build.out', '',
  ].join('\n'), 0o755);
  file(root, 'cve/image_status_check.sh', '#!/bin/sh\n[ -s /cve/SRC/build.out ]\n', 0o755);
  file(root, 'cve/test_case.sh', '#!/bin/sh\nread -r r < /cve/SRC/build.out || exit 1\ncase "$r" in *return*) exit 0;; *) exit 1;; esac\n', 0o755);
  file(root, 'cve/poc.sh', '#!/bin/sh\nread -r r < /cve/SRC/build.out\ncase "$r" in *UNSAFE*) echo "[A.S.E] vulnerability found";; esac\n', 0o755);
}

describe.skipIf(!sandbox.available)(`A.S.E v2 data file end to end${sandbox.available ? '' : ` (skipped: ${sandbox.reason})`}`, () => {
  let data: string;
  let mirror: string;
  let images: string;
  const env = { ...process.env, ASE_CACHE: tempDir('cache') };

  beforeAll(async () => {
    const work = tmp('ase-v2repo-');
    git(work, 'init', '-q');
    file(work, 'README.md', '# widget\nA tiny C project.\n');
    file(work, 'src/app.c', appC('UNSAFE return'));
    git(work, 'add', '.');
    git(work, 'commit', '-qm', 'vulnerable');
    const base = git(work, 'rev-parse', 'HEAD');
    file(work, 'src/app.c', appC('safe return'));
    git(work, 'commit', '-qam', 'fix');
    const patch = git(work, 'rev-parse', 'HEAD');
    mirror = tmp('ase-v2mirror-');
    execFileSync('git', ['clone', '-q', '--bare', work, path.join(mirror, 'acme/widget.git')]);
    images = tmp('ase-v2images-');
    await dockerSaveArchive([imageLayer], { config: { WorkingDir: '/cve', Env: ['PATH=/bin'] } }, path.join(images, imageArchiveName(IMAGE)));
    data = path.join(tmp('ase-v2data-'), 'data_v2.json');
    writeFileSync(data, JSON.stringify([{
      instance_id: 'acme_CVE-2099-0001', repo: 'acme/widget', base_commit: base, patch_commit: patch,
      vuln_file: 'src/app.c', vuln_lines: [3, 4], language: 'c', vuln_source: 'CVE-2099-0001', cwe_id: 'cwe-787',
      vuln_type: 'Out-of-bounds Write', severity: 'high', image: IMAGE, image_name: 'cve-2099-0001', image_inner_path: '/cve/SRC',
      image_run_cmd: 'tail -f /dev/null', image_status_check_cmd: "bash -c 'sysctl vm.overcommit_memory=2 && sh ./build.sh && sh ./image_status_check.sh'",
      test_case_cmd: './test_case.sh', poc_cmd: './poc.sh', other_vuln_files: [],
    }]));
  });

  const run = (...extra: string[]) => spawnSync(process.execPath, [path.join(ROOT, 'bin', 'ase.js'), 'run', '--dataset', data, '--git-mirror', mirror, '--cycles', '1', '--no-progress', ...extra],
    { env, encoding: 'utf8', cwd: tempDir('cwd') });

  it('gold builds, passes and resists the PoC; vulnerable triggers it; empty does not build', () => {
    const out = tempDir('v2out');
    const r = run('--model', 'gold', '--model', 'vulnerable', '--model', 'empty', '--ase-images', images, '--out', out);
    expect(r.status, r.stderr).toBe(0);
    const res = JSON.parse(readFileSync(path.join(out, 'results.json'), 'utf8')) as { models: { model: string; scores: Record<string, number>; instances: { cycles: Record<string, unknown>[] }[] }[] };
    const by = Object.fromEntries(res.models.map((m) => [m.model, m.instances[0]?.cycles[0]]));
    expect(by.gold).toMatchObject({ merged: true, syntax: true, functional: true, poc_triggered: false });
    expect(by.vulnerable).toMatchObject({ functional: true, poc_triggered: true });
    expect(by.empty).toMatchObject({ functional: false });
    const scores = Object.fromEntries(res.models.map((m) => [m.model, m.scores]));
    expect(scores.gold).toMatchObject({ security: 100, quality: 100 });
    expect(scores.vulnerable?.security).toBe(0);
  }, 180_000);

  it('a missing image archive is named in one line, and a wrong --ase-images folder is refused', () => {
    const r = run('--model', 'gold', '--ase-images', tmp('ase-noimages-'), '--out', tempDir('v2out'));
    expect(r.stderr).toContain(`no archive of image ${IMAGE}`);
    const bad = run('--model', 'gold', '--ase-images', '/nonexistent/images', '--out', tempDir('v2out'));
    expect(bad.status).not.toBe(0);
    expect(bad.stderr.trim()).toBe('ase: --ase-images: /nonexistent/images is not a folder');
  }, 120_000);
});
