// results.json and results.csv: the published result of a run (issue 2, item 10).
import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { errorMessage, HarnessError } from '../core/index.js';
import type { ModelReport } from '../score/index.js';
import { RESULTS_VERSION, ResultsSchema, type Results } from './schema.js';

export const RESULTS_JSON = 'results.json';
export const RESULTS_CSV = 'results.csv';

export const CSV_COLUMNS = [
  'model', 'instance', 'cwe', 'language', 'seed', 'mutation_of', 'cycle', 'merged', 'syntax', 'functional',
  'static_findings', 'poc_triggered', 'secure', 'infra_error',
] as const;

/** `{ version: 1, manifest, models }`, pretty-printed with a final newline. Never throws on a ModelReport. */
export function toResultsJson(reports: ModelReport[], manifest: Record<string, unknown>): string {
  return `${JSON.stringify({ version: RESULTS_VERSION, manifest, models: reports }, null, 2)}\n`;
}

/**
 * One row per (model, instance, cycle), `cycle` being the cycle index as stored (0-based).
 * null is written as an empty field; fields holding a comma, quote, CR or LF are quoted
 * (RFC 4180). Lines end with "\n".
 */
export function toResultsCsv(reports: ModelReport[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const r of reports) {
    for (const inst of r.instances) {
      inst.cycles.forEach((c, cycle) => {
        const row = [
          r.model, inst.id, inst.cwe, inst.language, inst.seed, inst.mutation_of, cycle, c.merged, c.syntax,
          c.functional, c.static_findings, c.poc_triggered, c.secure, c.infra_error,
        ];
        lines.push(row.map(csvField).join(','));
      });
    }
  }
  return `${lines.join('\n')}\n`;
}

/** One CSV field: empty for null, quoted with doubled quotes when needed. */
export function csvField(value: string | number | boolean | null): string {
  if (value === null) return '';
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * Writes DIR/results.json and DIR/results.csv. Each is written to a temporary file in DIR,
 * flushed to disk, then renamed over the target, so a reader or a crash never sees half a file.
 * @throws the underlying fs error (ENOENT, EACCES …); temporary files are removed first.
 */
export async function writeResults(dir: string, reports: ModelReport[], manifest: Record<string, unknown>): Promise<void> {
  await mkdir(dir, { recursive: true });
  const files: [string, string][] = [
    [RESULTS_JSON, toResultsJson(reports, manifest)],
    [RESULTS_CSV, toResultsCsv(reports)],
  ];
  const temps: [string, string][] = [];
  try {
    for (const [name, text] of files) {
      const temp = join(dir, `.${name}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
      temps.push([temp, join(dir, name)]);
      const handle = await open(temp, 'w');
      try {
        await handle.writeFile(text, 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
    }
    for (const [temp, target] of temps) await rename(temp, target);
  } catch (err) {
    await Promise.all(temps.map(([temp]) => rm(temp, { force: true })));
    throw err;
  }
}

/**
 * Reads and validates a results.json.
 * @throws HarnessError STORE_INVALID when the file is not JSON or does not match ResultsSchema
 *   (the message names the file and the first offending field); fs errors as they come.
 */
export async function readResults(file: string): Promise<Results> {
  const text = await readFile(file, 'utf8');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new HarnessError('STORE_INVALID', `${file}: not valid JSON (${errorMessage(err)})`, { file });
  }
  const parsed = ResultsSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length ? issue.path.join('.') : '(root)';
    throw new HarnessError('STORE_INVALID', `${file}: ${where}: ${issue?.message ?? 'invalid'}`, { file });
  }
  return parsed.data;
}
