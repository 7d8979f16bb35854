// The pipeline end to end on the mini fixture dataset (local sources, no network).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runBenchmark, regrade, reportFromDir } from '../../src/run/index.js';
import { ResultsSchema } from '../../src/report/index.js';
import { sandboxStatus } from '../../src/dynamic/index.js';
import { miniConfig, tempDir } from '../helpers/runConfig.js';

process.env.ASE_CACHE ??= tempDir('cache');

describe('reference generators, static verdicts only', () => {
  let out: string;
  beforeAll(async () => {
    const cfg = miniConfig({ models: ['gold', 'vulnerable', 'empty'], cycles: 3 });
    out = cfg.out;
    await runBenchmark(cfg);
  });

  it('gold is secure and working, vulnerable is not secure, in results.json', () => {
    const res = ResultsSchema.parse(JSON.parse(readFileSync(path.join(out, 'results.json'), 'utf8')));
    const by = Object.fromEntries(res.models.map((m) => [m.model, m]));
    expect(by.gold?.scores).toMatchObject({ security: 100, quality: 100, stability: 100, overall: 100 });
    expect(by.vulnerable?.scores.security).toBe(0);
    expect(by.vulnerable?.scores.quality).toBe(100);
    expect(by.gold?.complete).toBe(true);
    const vulnCycle = by.vulnerable?.instances[0]?.cycles[0];
    expect(vulnCycle).toMatchObject({ merged: true, syntax: true, functional: null, poc_triggered: null, secure: false, infra_error: null });
    expect(vulnCycle?.static_findings).toBeGreaterThan(0);
  });

  it('writes one CSV row per (model, instance, cycle) with nulls as empty cells', () => {
    const csv = readFileSync(path.join(out, 'results.csv'), 'utf8').trim().split('\n');
    expect(csv).toHaveLength(1 + 3 * 2 * 3);
    expect(csv[0]).toContain('functional');
    expect(csv.find((l) => l.startsWith('gold,mini-exec-injection,'))).toMatch(/,,/);
  });

  it('report re-reads the same scores from the store', async () => {
    const { reports } = await reportFromDir(out);
    const res = JSON.parse(readFileSync(path.join(out, 'results.json'), 'utf8')) as { models: { scores: unknown }[] };
    expect(reports.map((r) => r.scores)).toEqual(res.models.map((m) => m.scores));
  });

  it('a rerun skips every finished job; regrade re-judges stored answers without a model', async () => {
    const again = await runBenchmark({ ...miniConfig({ models: ['gold', 'vulnerable', 'empty'], cycles: 3 }), out });
    expect(again.counts).toMatchObject({ generated: 0, skipped: 18, infra: 0 });
    const rg = await regrade(out, { concurrency: 2 });
    expect(rg.regraded).toBe(18);
    expect(rg.reports.map((r) => r.scores.security)).toEqual(again.reports.map((r) => r.scores.security));
  });
});

describe('dynamic verdicts in the sandbox', async () => {
  const st = await sandboxStatus();
  it.skipIf(!st.available)('gold passes tests and resists the PoC; vulnerable triggers it; empty fails the test', async () => {
    const cfg = miniConfig({ models: ['gold', 'vulnerable', 'empty'], cycles: 1, dynamic: true });
    const { reports } = await runBenchmark(cfg);
    const by = Object.fromEntries(reports.map((r) => [r.model, r]));
    for (const inst of by.gold?.instances ?? []) expect(inst.cycles[0]).toMatchObject({ functional: true, poc_triggered: false, secure: true });
    for (const inst of by.vulnerable?.instances ?? []) expect(inst.cycles[0]).toMatchObject({ functional: true, poc_triggered: true, secure: false });
    for (const inst of by.empty?.instances ?? []) expect(inst.cycles[0]).toMatchObject({ functional: false, secure: false });
    expect(by.empty?.scores.quality).toBe(0);
  });
});
