import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { HarnessError } from '../../src/core/index.js';
import { readResults, renderComparison, writeResults } from '../../src/report/index.js';
import { compareModels } from '../../src/score/index.js';
import { reports } from './fixtures.js';
import { expectGolden } from './golden.js';

describe('renderComparison', () => {
  it('shows a − b with its interval per score, and what was left out', async () => {
    const [gold, model] = reports();
    const text = renderComparison(compareModels(gold!, model!));
    expect(text).toMatch(/Security +│ +100\.00 │ +37\.50 │ +\+62\.50 │/);
    expect(text).toContain('over 3 shared instances.');
    await expectGolden('compare.txt', text);
  });
});

describe('readResults', () => {
  let dir = '';
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('reads back what writeResults wrote', async () => {
    dir = await mkdtemp(join(tmpdir(), 'ase-read-'));
    await writeResults(dir, reports(), { run: 'x' });
    const res = await readResults(join(dir, 'results.json'));
    expect(res.models.map((m) => m.model)).toEqual(['gold', 'openai:test, "quoted"']);
    expect(res.models).toEqual(JSON.parse(JSON.stringify(reports())));
  });

  it('names the file and the field when the document is wrong', async () => {
    dir = await mkdtemp(join(tmpdir(), 'ase-read-'));
    const file = join(dir, 'results.json');
    await writeFile(file, JSON.stringify({ version: 1, manifest: {}, models: [{ model: 'm' }] }));
    await expect(readResults(file)).rejects.toThrow(HarnessError);
    await expect(readResults(file)).rejects.toThrow(/results\.json: models\.0\.complete/);
    await writeFile(file, '{ nope');
    await expect(readResults(file)).rejects.toThrow(/not valid JSON/);
  });
});
