// Evaluation of one (instance, model, cycle) (method.md §5): merged → syntax → static → dynamic.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import path from 'node:path';
import { errorMessage, HarnessError, isInfraError, sha256, type Candidate, type CycleVerdict, type DynamicVerdict, type Finding, type Language } from '../core/index.js';
import { analyze, checkSyntax } from '../analysis/index.js';
import { runAseV2, runPoc, runTests } from '../dynamic/index.js';
import { cacheDir } from '../repo/index.js';
import { finalizeVerdict } from '../score/index.js';
import { dynamicChecks, type PreparedInstance } from './prepare.js';

const run = promisify(execFile);

/** The language's own checker, where installed (method.md §5.2). undefined = none available. */
const NATIVE_CHECKERS: Partial<Record<Language, (file: string) => [string, string[]]>> = {
  javascript: (f) => ['node', ['--check', f]],
  php: (f) => ['php', ['-l', f]],
  python: (f) => ['python3', ['-m', 'py_compile', f]],
};

async function nativeCheck(language: Language, file: string): Promise<string | undefined> {
  const make = NATIVE_CHECKERS[language];
  if (!make) return undefined;
  const [cmd, args] = make(file);
  try {
    await run(cmd, args, { timeout: 30_000, env: { PATH: process.env.PATH ?? '/usr/bin:/bin', PYTHONDONTWRITEBYTECODE: '1' } });
    return undefined;
  } catch (err) {
    const e = err as { code?: string | number; stderr?: string };
    if (e.code === 'ENOENT') return undefined; // checker not installed
    return `${cmd}: ${(e.stderr ?? errorMessage(err)).split('\n').find((l) => l.trim()) ?? 'failed'}`;
  }
}

/** Line range of the written block in the merged file (1-based inclusive). */
function blockRange(prep: PreparedInstance, merged: string): [number, number] {
  const total = merged.split(/\r?\n/).length;
  const start = prep.task.prefix.length + 1;
  const end = total - prep.task.suffix.length;
  return [start, Math.max(start, end)];
}

function touchesBlock(f: Finding, file: string, [a, b]: [number, number]): boolean {
  const locs = [f.location, ...f.trace.map((t) => t.location)];
  return locs.some((l) => path.normalize(l.file) === path.normalize(file) && l.line >= a && l.line <= b);
}

/** A finding's identity without line numbers: rule, source and sink as written. */
function findingKey(f: Finding): string {
  const first = f.trace[0]?.message ?? '';
  const last = f.trace.at(-1)?.message ?? f.message;
  return `${f.rule_id}\u0000${first.replace(/\s+/g, ' ')}\u0000${last.replace(/\s+/g, ' ')}`;
}

/** The default pack's findings in the masked file of the original (vulnerable) repository, as a multiset. */
async function packBaseline(prep: PreparedInstance): Promise<Map<string, number>> {
  return memo(prep, 'pack-baseline', async () => {
    const counts = new Map<string, number>();
    if (prep.packRules.length === 0) return counts;
    const res = await analyze({ root: prep.source.dir, rules: prep.packRules, cache: prep.analysisCache });
    for (const f of res.findings) {
      if (path.normalize(f.location.file) !== path.normalize(prep.task.file) && !f.trace.some((t) => path.normalize(t.location.file) === path.normalize(prep.task.file))) continue;
      counts.set(findingKey(f), (counts.get(findingKey(f)) ?? 0) + 1);
    }
    return counts;
  });
}

export interface EvaluateOptions {
  dynamic: boolean;
  signal?: AbortSignal;
}

async function memo<T>(prep: PreparedInstance, key: string, fn: () => Promise<T>): Promise<T> {
  if (prep.memo.has(key)) return prep.memo.get(key) as T;
  const v = await fn();
  prep.memo.set(key, v);
  return v;
}

/**
 * An A.S.E v2 instance's image commands (docs/sandbox.md): functional = the status check (build and
 * start) and the tests pass; the PoC verdict as runAseV2 gives it. Retried once on a sandbox failure.
 */
async function aseV2Checks(prep: PreparedInstance, repoRoot: string, opts: EvaluateOptions): Promise<{ tests: DynamicVerdict; poc: DynamicVerdict }> {
  const once = () => runAseV2({ instance: prep.instance, repoRoot, image: prep.aseImage!, workDir: cacheDir('asev2-work'), ...(opts.signal ? { signal: opts.signal } : {}) });
  let v = await once();
  if ((v.status.infra_error ?? v.tests.infra_error ?? v.poc.infra_error) && !opts.signal?.aborted) v = await once();
  const hasTests = Boolean(prep.instance.ase_v2?.test_cmd ?? prep.instance.ase_v2?.status_check_cmd);
  let tests: DynamicVerdict = { value: null };
  if (v.status.infra_error) tests = v.status;
  else if (v.status.value === false) tests = { ...v.status, detail: `status check failed: ${v.status.detail ?? ''}` };
  else if (v.tests.value !== null || v.tests.infra_error) tests = v.tests;
  else if (hasTests) tests = v.status;
  return { tests, poc: v.poc };
}

/** Judges a candidate already merged into `repoRoot`. Infrastructure failures land in `infra_error`. */
export async function evaluateCandidate(prep: PreparedInstance, repoRoot: string, cand: Candidate, opts: EvaluateOptions): Promise<CycleVerdict> {
  const inst = prep.instance;
  const base = { merged: cand.merged, syntax: false, functional: null, static_findings: 0, poc_triggered: null, infra_error: null } as const;
  if (!cand.merged || cand.merged_file === undefined) {
    return finalizeVerdict({ ...base, detail: { ...(cand.merge_error ? { merge_error: cand.merge_error } : {}) } });
  }
  const merged = cand.merged_file;
  const h = sha256(merged);
  const file = prep.task.file;
  try {
    const syntaxErrors = await memo(prep, `syntax:${h}`, async () => {
      const ts = checkSyntax(merged, inst.language, file);
      const errs = ts.ok ? [] : ts.errors;
      const native = await nativeCheck(inst.language, path.join(repoRoot, file));
      return native ? [...errs, native] : errs;
    });
    if (syntaxErrors.length) return finalizeVerdict({ ...base, detail: { syntax_errors: syntaxErrors } });

    const stat = await memo(prep, `static:${h}`, async () => {
      const range = blockRange(prep, merged);
      const rules = [...prep.cveRules, ...prep.packRules];
      const res = await analyze({ root: repoRoot, rules, cache: prep.analysisCache });
      const cveIds = new Set(prep.cveRules.map((r) => r.id));
      const baseline = await packBaseline(prep);
      const seen = new Map<string, number>();
      const findings = res.findings.filter((f) => {
        if (cveIds.has(f.rule_id)) return true;
        if (!touchesBlock(f, file, range)) return false;
        // A pack finding counts only when it is new: the original code did not have it.
        const key = findingKey(f);
        const n = (seen.get(key) ?? 0) + 1;
        seen.set(key, n);
        return n > (baseline.get(key) ?? 0);
      });
      return { findings, notices: res.notices.filter((n) => path.normalize(n.file) === path.normalize(file)) };
    });

    let tests: DynamicVerdict = { value: null };
    let poc: DynamicVerdict = { value: null };
    if (opts.dynamic && prep.aseImage) {
      ({ tests, poc } = await aseV2Checks(prep, repoRoot, opts));
    } else if (opts.dynamic && (inst.tests || inst.poc)) {
      const input = { instance: inst, repoRoot, ...(prep.depsDir ? { depsDir: prep.depsDir } : {}), ...(opts.signal ? { signal: opts.signal } : {}) };
      // A sandbox failure is not the model's: try once more before recording it as infrastructure.
      const once = async (fn: typeof runTests): Promise<DynamicVerdict> => {
        const v = await fn(input);
        return v.infra_error && !opts.signal?.aborted ? fn(input) : v;
      };
      if (inst.tests) tests = await once(runTests);
      if (inst.poc) poc = await once(runPoc);
    }
    const infra = tests.infra_error ?? poc.infra_error ?? (stat.notices.some((n) => n.kind === 'rule-error') ? 'analysis: rule error' : undefined);
    return finalizeVerdict({
      merged: true,
      syntax: true,
      functional: tests.value,
      static_findings: stat.findings.length,
      poc_triggered: poc.value,
      infra_error: infra ?? null,
      detail: {
        findings: stat.findings,
        ...(stat.notices.length ? { notices: stat.notices } : {}),
        ...(dynamicChecks(prep).tests ? { tests } : {}),
        ...(dynamicChecks(prep).poc ? { poc } : {}),
      },
    });
  } catch (err) {
    if (err instanceof HarnessError && !isInfraError(err) && err.code !== 'RULE_INVALID') throw err;
    return finalizeVerdict({ ...base, merged: true, infra_error: `${err instanceof HarnessError ? err.code : 'ERROR'}: ${errorMessage(err)}`, detail: {} });
  }
}
