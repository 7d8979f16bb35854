// `ase dataset mutate` end to end on the mini fixtures (static checks only, to stay fast), then
// seeds and mutants run together: gold stays secure, vulnerable stays flagged, and the table shows
// the seed vs mutant breakdown.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/index.js';
import { copyMiniDataset, tempDir } from '../helpers/runConfig.js';

process.env.ASE_CACHE ??= tempDir('cache');

async function ase(...args: string[]): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const spy = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => { lines.push(a.join(' ')); });
  try {
    const code = await main(['node', 'ase', ...args]);
    return { code, out: lines.join('\n') };
  } finally {
    spy.mockRestore();
    process.exitCode = undefined;
  }
}

afterEach(() => { process.exitCode = undefined; });

describe('ase dataset mutate', () => {
  it('writes, validates and keeps mutants; seeds and mutants run together with a kind breakdown', async () => {
    const root = tempDir('mutate-cli');
    const seeds = copyMiniDataset(path.join(root, 'mini'));
    const out = path.join(root, 'mini-mutants');
    const gen = await ase('dataset', 'mutate', '--dataset', seeds, '--out', out, '--seed', '3', '--no-dynamic');
    expect(gen.code, gen.out).toBe(0);
    expect(gen.out).toMatch(/^KEEP mini-exec-injection--m1 \(.* s\): rename /m);
    expect(gen.out).toMatch(/2 mutants kept, 0 dropped, from 2 seeds of mini \(seed 3\)/);
    const yaml = readFileSync(path.join(out, 'mini-exec-injection--m1', 'instance.yaml'), 'utf8');
    expect(yaml).toMatch(/mutation_of: mini-exec-injection/);
    expect(readdirSync(path.join(out, 'mini-exec-injection--m1'))).toEqual(['instance.yaml']);

    // Same seed, same recipes.
    const again = path.join(root, 'again');
    await ase('dataset', 'mutate', '--dataset', seeds, '--out', again, '--seed', '3', '--no-validate');
    expect(readFileSync(path.join(again, 'mini-exec-injection--m1', 'instance.yaml'), 'utf8').replace(/again/g, 'mini-mutants')).toBe(yaml);

    const lint = await ase('dataset', 'lint', '--dataset', out);
    expect(lint.out).toMatch(/2 valid instances, 0 errors/);

    const res = tempDir('mutate-run');
    const run = await ase('run', '--dataset', seeds, '--dataset', out, '--model', 'gold', '--model', 'vulnerable', '--cycles', '1', '--no-dynamic', '--no-progress', '--out', res);
    expect(run.code, run.out).toBe(0);
    expect(run.out).toMatch(/Kind/);
    expect(run.out).toMatch(/mutant\s+│?\s*gold/);
    const results = JSON.parse(readFileSync(path.join(res, 'results.json'), 'utf8')) as { models: { model: string; by_kind: { mutant: { n: number; security: number } } }[] };
    const by = Object.fromEntries(results.models.map((m) => [m.model, m.by_kind.mutant]));
    expect(by.gold).toMatchObject({ n: 2, security: 100 });
    expect(by.vulnerable).toMatchObject({ n: 2, security: 0 });
  }, 180_000);
});
