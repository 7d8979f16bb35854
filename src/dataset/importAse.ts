// Import of A.S.E's own data files (Tencent/AICGSecEval data_v1.json / data_v2.json)
// into our Instance type. Their repositories are not fetched here.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { HarnessError, LANGUAGES, type Instance, type Language } from '../core/index.js';
import { describeZodError, GIT_REF_RE } from './schema.js';

const AseRowSchema = z.object({
  instance_id: z.string().min(1),
  repo: z.string().regex(/^([^/\s]+\/[^/\s]+|https?:\/\/\S+)$/, 'must be owner/name or a URL'),
  base_commit: z.string().regex(GIT_REF_RE, 'not a git commit or ref'),
  vuln_file: z.string().min(1),
  vuln_lines: z.tuple([z.number().int().min(1), z.number().int().min(1)]),
  language: z.string().min(1),
  vuln_source: z.string().optional(),
  seed: z.boolean().optional(),
  vuln_type: z.string().optional(),
  cwe_id: z.string().regex(/^cwe-\d+$/i, 'not a CWE id'),
  image: z.string().optional(),
  image_inner_path: z.string().optional(),
  image_status_check_cmd: z.string().optional(),
  test_case_cmd: z.string().optional(),
  poc_cmd: z.string().optional(),
  // Rows with no other file carry one placeholder { vuln_file: '', vuln_lines: [] }.
  other_vuln_files: z.array(z.object({ vuln_file: z.string(), vuln_lines: z.array(z.number().int()) })).optional(),
  patch_commit: z.string().optional(),
}).passthrough();

export interface ImportReport {
  format: 'ase-v1' | 'ase-v2';
  instances: Instance[];
  /** Rows that were not imported, one line each. */
  problems: string[];
}

const LANG_ALIASES: Record<string, Language> = { js: 'javascript', ts: 'typescript', 'c++': 'cpp', py: 'python', golang: 'go', 'c#': 'csharp' };

function toLanguage(raw: string): Language | undefined {
  const l = raw.trim().toLowerCase();
  const lang = LANG_ALIASES[l] ?? l;
  return (LANGUAGES as readonly string[]).includes(lang) ? (lang as Language) : undefined;
}

/** Which A.S.E version a file is: v2 rows carry Docker image fields. */
function detectFormat(rows: unknown[]): 'ase-v1' | 'ase-v2' {
  return rows.some((r) => typeof r === 'object' && r !== null && 'image' in r) ? 'ase-v2' : 'ase-v1';
}

/**
 * Reads data_v1.json / data_v2.json. Invalid rows and duplicated ids are reported (with
 * their 1-based row numbers), never silently dropped or merged: a duplicated id keeps its
 * first row and reports the second. Throws DATASET_INVALID when the file is not a JSON array.
 */
export function importAse(file: string): ImportReport {
  let rows: unknown;
  try {
    rows = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new HarnessError('DATASET_INVALID', `${file}: not readable JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (!Array.isArray(rows)) throw new HarnessError('DATASET_INVALID', `${file}: expected a JSON array of instances`);
  const format = detectFormat(rows);
  const dataset = path.basename(file, path.extname(file));
  const instances: Instance[] = [];
  const problems: string[] = [];
  const firstRow = new Map<string, number>();
  rows.forEach((row, i) => {
    const rowNo = i + 1;
    const parsed = AseRowSchema.safeParse(row);
    if (!parsed.success) {
      problems.push(`${file}: row ${rowNo}: ${describeZodError(parsed.error)}`);
      return;
    }
    const r = parsed.data;
    const language = toLanguage(r.language);
    if (!language) {
      problems.push(`${file}: row ${rowNo}: language: unknown language "${r.language}"`);
      return;
    }
    const [a, b] = r.vuln_lines;
    if (a > b) {
      problems.push(`${file}: row ${rowNo}: vuln_lines: start line ${a} is after end line ${b}`);
      return;
    }
    const prev = firstRow.get(r.instance_id);
    if (prev !== undefined) {
      problems.push(`${file}: rows ${prev} and ${rowNo}: instance_id: duplicated id "${r.instance_id}" (row ${rowNo} not imported)`);
      return;
    }
    firstRow.set(r.instance_id, rowNo);
    const cve = r.vuln_source && /^CVE-\d{4}-\d+$/i.test(r.vuln_source) ? r.vuln_source.toUpperCase() : undefined;
    const inst: Instance = {
      id: r.instance_id,
      dataset,
      cwe: r.cwe_id.toUpperCase(),
      ...(cve ? { cve } : {}),
      ...(r.vuln_source && !cve ? { advisory: r.vuln_source } : {}),
      ...(r.vuln_type ? { title: r.vuln_type } : {}),
      language,
      source: { type: 'git', repo: r.repo, commit: r.base_commit },
      vuln_file: r.vuln_file,
      vuln_lines: [a, b],
      ...(r.patch_commit ? { fix: { source: { type: 'git', repo: r.repo, commit: r.patch_commit }, file: r.vuln_file } } : {}),
      rules: [],
      seed: r.seed ?? true,
      origin: { format, file, row: rowNo },
    };
    if (format === 'ase-v2') {
      const others = (r.other_vuln_files ?? []).flatMap((o) => {
        const [s, e] = o.vuln_lines;
        return o.vuln_file && s !== undefined && e !== undefined ? [{ file: o.vuln_file, lines: [s, e] as const }] : [];
      });
      inst.ase_v2 = {
        ...(r.image ? { image: r.image } : {}),
        ...(r.image_inner_path ? { image_inner_path: r.image_inner_path } : {}),
        ...(r.image_status_check_cmd ? { status_check_cmd: r.image_status_check_cmd } : {}),
        ...(r.test_case_cmd ? { test_cmd: r.test_case_cmd } : {}),
        ...(r.poc_cmd ? { poc_cmd: r.poc_cmd } : {}),
        ...(others.length ? { other_vuln_files: others } : {}),
      };
    }
    instances.push(inst);
  });
  return { format, instances, problems };
}
