import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  CSV_COLUMNS, ResultsSchema, resultsJsonSchema, toResultsCsv, toResultsJson, writeResults,
} from '../../src/report/index.js';
import { csvField } from '../../src/report/files.js';
import { reports } from './fixtures.js';
import { expectGolden } from './golden.js';

const MANIFEST = { tool: 'ase-bench 0.1.0', dataset: 'npm-cves', cycles: 3 };

describe('results.json', () => {
  it('is { version: 1, manifest, models } and parses with ResultsSchema', () => {
    const text = toResultsJson(reports(), MANIFEST);
    const parsed = ResultsSchema.parse(JSON.parse(text));
    expect(parsed.version).toBe(1);
    expect(parsed.manifest).toEqual(MANIFEST);
    expect(parsed.models.map((m) => [m.model, m.complete])).toEqual([['gold', true], ['openai:test, "quoted"', false]]);
    expect(text.endsWith('}\n')).toBe(true);
  });

  it('carries the fields issue 2 item 10 asks for', () => {
    const [gold] = JSON.parse(toResultsJson(reports(), MANIFEST)).models;
    expect(gold.scores).toEqual({ overall: 100, security: 100, quality: 100, stability: 100 });
    expect(Object.keys(gold.by_cwe)).toEqual(['CWE-22', 'CWE-78']);
    expect(gold.instances[1]).toMatchObject({ id: 'npm-st-CVE-2014-3744-m1', seed: false, mutation_of: 'npm-st-CVE-2014-3744' });
    expect(Object.keys(gold.instances[0].cycles[0])).toEqual(expect.arrayContaining(
      ['merged', 'syntax', 'functional', 'static_findings', 'poc_triggered', 'secure', 'infra_error'],
    ));
  });

  it('is byte-identical for the same input', () => {
    expect(toResultsJson(reports(), MANIFEST)).toBe(toResultsJson(reports(), MANIFEST));
  });

  it('the schema rejects drift: an unknown field, a score above 100', () => {
    const doc = JSON.parse(toResultsJson(reports(), MANIFEST));
    expect(ResultsSchema.safeParse({ ...doc, models: [{ ...doc.models[0], surprise: 1 }] }).success).toBe(false);
    expect(ResultsSchema.safeParse({ ...doc, models: [{ ...doc.models[0], scores: { ...doc.models[0].scores, overall: 101 } }] }).success).toBe(false);
    expect(ResultsSchema.safeParse({ ...doc, version: 2 }).success).toBe(false);
  });

  it('exports a JSON Schema', () => {
    const schema = resultsJsonSchema();
    expect(schema).toMatchObject({ type: 'object', required: expect.arrayContaining(['version', 'manifest', 'models']) });
  });
});

describe('results.csv', () => {
  it('has one row per (model, instance, cycle) with the documented columns', () => {
    const lines = toResultsCsv(reports()).trimEnd().split('\n');
    expect(lines[0]).toBe(CSV_COLUMNS.join(','));
    expect(lines[0]).toBe('model,instance,cwe,language,seed,mutation_of,cycle,merged,syntax,functional,static_findings,poc_triggered,secure,infra_error');
    expect(lines[1]).toBe('gold,npm-st-CVE-2014-3744,CWE-22,javascript,true,,0,true,true,true,0,false,true,');
  });

  it('writes null as empty and quotes commas, quotes and newlines (RFC 4180)', () => {
    expect(csvField(null)).toBe('');
    expect(csvField(false)).toBe('false');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\r')).toBe('"cr\r"');
    const csv = toResultsCsv(reports());
    expect(csv).toContain('"openai:test, ""quoted""",npm-st-CVE-2014-3744,CWE-22,javascript,true,,2,true,true,true,0,false,false,"sandbox: bwrap failed, ""EPERM""\nretry later"');
    expect(csv).toContain(',npm-st-CVE-2014-3744-m1,CWE-22,javascript,false,npm-st-CVE-2014-3744,0,true,true,,0,,true,');
  });

  it('round-trips through a strict RFC 4180 reader', () => {
    const rows = parseCsv(toResultsCsv(reports()));
    expect(rows.length).toBe(1 + 2 * 3 * 3);
    expect(rows.every((r) => r.length === CSV_COLUMNS.length)).toBe(true);
    expect(rows[16]?.[0]).toBe('openai:test, "quoted"');
    expect(rows[12]?.[13]).toBe('sandbox: bwrap failed, "EPERM"\nretry later');
  });

  it('matches the golden file', async () => {
    await expectGolden('results.csv', toResultsCsv(reports()));
  });
});

describe('writeResults', () => {
  let dir = '';
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('writes results.json and results.csv, replacing old ones, leaving no temporary file', async () => {
    dir = await mkdtemp(join(tmpdir(), 'ase-report-'));
    const out = join(dir, 'nested', 'out');
    await writeResults(out, reports(), MANIFEST);
    await writeFile(join(out, 'results.json'), 'stale');
    await writeResults(out, reports(), MANIFEST);
    expect((await readdir(out)).sort()).toEqual(['results.csv', 'results.json']);
    expect(await readFile(join(out, 'results.json'), 'utf8')).toBe(toResultsJson(reports(), MANIFEST));
    expect(await readFile(join(out, 'results.csv'), 'utf8')).toBe(toResultsCsv(reports()));
  });

  it('fails without touching the target when the folder cannot be written', async () => {
    dir = await mkdtemp(join(tmpdir(), 'ase-report-'));
    const file = join(dir, 'not-a-dir');
    await writeFile(file, 'x');
    await expect(writeResults(file, reports(), MANIFEST)).rejects.toThrow();
    expect(await readFile(file, 'utf8')).toBe('x');
  });
});

/** Minimal RFC 4180 parser (quoted fields may hold commas, quotes and newlines). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(field); field = ''; }
    else if (ch === '\n') { row.push(field); rows.push(row); row = []; field = ''; }
    else field += ch;
  }
  return rows;
}
