// `ase validate` catches a contributor's broken instance and says which check failed and why.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/dataset/index.js';
import { validateInstance } from '../../src/run/index.js';
import { sandboxStatus } from '../../src/dynamic/index.js';
import { copyMiniDataset, MINI_DATASET, tempDir } from '../helpers/runConfig.js';

process.env.ASE_CACHE ??= tempDir('cache');

/** A copy of the mini dataset with one file of one instance edited. */
function broken(id: string, file: string, edit: (s: string) => string) {
  const dir = copyMiniDataset(path.join(tempDir('validate'), 'mini'));
  const f = path.join(dir, id, file);
  writeFileSync(f, edit(readFileSync(f, 'utf8')));
  const inst = loadDataset(dir).instances.find((i) => i.id === id);
  if (!inst) throw new Error('fixture missing');
  return inst;
}

const opts = { repeat: 1, dynamic: false, concurrency: 1 };

const sandbox = (await sandboxStatus()).available;

describe('ase validate', () => {
  it('passes the intact fixtures', async () => {
    for (const inst of loadDataset(MINI_DATASET).instances) expect((await validateInstance(inst, opts)).failures).toEqual([]);
  });

  it('a wrong region: emptying it breaks the syntax', async () => {
    const inst = broken('mini-exec-injection', 'instance.yaml', (s) => s.replace('vuln_lines: [6, 9]', 'vuln_lines: [6, 8]'));
    const r = await validateInstance(inst, opts);
    expect(r.ok).toBe(false);
    expect(r.failures.join('\n')).toMatch(/empty region: the region is not an independent block/);
  });

  it('a rule that fires on the gold fix', async () => {
    const inst = broken('mini-exec-injection', 'rule.yaml', (s) => s.replace('pattern: exec($CMD, ...)', 'pattern: execFile($CMD, $ARGS, ...)').replace('focus: $CMD\n      - pattern: $CP.exec', 'focus: $ARGS\n      - pattern: $CP.exec'));
    const r = await validateInstance(inst, opts);
    expect(r.ok).toBe(false);
    expect(r.failures.join('\n')).toMatch(/gold CVE rule: the CVE rule fires on the gold block/);
  });

  it.skipIf(!sandbox)('a PoC that never triggers', async () => {
    const inst = broken('mini-exec-injection', 'poc.js', (s) => s.replace('await new Promise((resolve) => lib.greet(p, () => resolve()));', 'await new Promise((resolve) => lib.greet("bob", () => resolve()));'));
    const r = await validateInstance(inst, { ...opts, dynamic: true });
    expect(r.ok).toBe(false);
    expect(r.failures.join('\n')).toMatch(/vulnerable PoC: the PoC does not trigger on the vulnerable block/);
  });
});
