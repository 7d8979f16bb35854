// `ase validate` (method.md §8): every instance can tell good code from bad, at the level of
// the mask. Reference fills are spliced into the masked file and judged like any answer.
import pLimit from 'p-limit';
import { errorMessage, type CycleVerdict, type Instance } from '../core/index.js';
import { integrate } from '../integrate/index.js';
import { createWorkspace, removeWorkspace } from '../repo/index.js';
import { evaluateCandidate } from './evaluate.js';
import { dynamicChecks, prepareInstance, type PreparedInstance } from './prepare.js';

export type Fill = 'vulnerable' | 'gold' | 'empty' | 'stub';

export interface InstanceValidation {
  id: string;
  cwe: string;
  ok: boolean;
  /** One entry per failed check: `check: why`. */
  failures: string[];
  /** Per fill, per repeat: the verdicts seen. */
  verdicts: Partial<Record<Fill, CycleVerdict[]>>;
  /** Checks whose verdict changed between repeats. */
  flaky: string[];
  duration_ms: number;
}

export interface ValidateOptions {
  repeat: number;
  dynamic: boolean;
  concurrency: number;
  gitMirror?: string;
  registry?: string;
  aseImages?: string;
}

/** A stub body that only returns (adversarial fill that must fail the functional test). */
function stubBlock(prep: PreparedInstance): string[] {
  return [`${prep.task.indent}return;`];
}

async function judge(prep: PreparedInstance, block: string[], dynamic: boolean): Promise<CycleVerdict> {
  const ws = createWorkspace(prep.instance, prep.source);
  try {
    const cand = await integrate({ model: 'validate', raw: '', latency_ms: 0, cached: false, exact_block: block }, prep.task, ws.root, 'infill');
    return await evaluateCandidate(prep, ws.root, cand, { dynamic });
  } finally {
    removeWorkspace(ws);
  }
}

const cveFindings = (prep: PreparedInstance, v: CycleVerdict): number => {
  const ids = new Set(prep.cveRules.map((r) => r.id));
  return (v.detail.findings ?? []).filter((f) => ids.has(f.rule_id)).length;
};

/** Validates one instance; never throws (a failure to prepare is a failed check). */
export async function validateInstance(inst: Instance, opts: ValidateOptions): Promise<InstanceValidation> {
  const t0 = Date.now();
  const failures: string[] = [];
  const verdicts: InstanceValidation['verdicts'] = {};
  const flaky: string[] = [];
  let prep: PreparedInstance;
  try {
    prep = await prepareInstance(inst, {
      mode: 'infill', context: { budget: 16_000, topK: 5 }, dynamic: opts.dynamic,
      ...(opts.gitMirror ? { gitMirror: opts.gitMirror } : {}), ...(opts.aseImages ? { aseImages: opts.aseImages } : {}), ...(opts.registry ? { registry: opts.registry } : {}),
    });
  } catch (err) {
    return { id: inst.id, cwe: inst.cwe, ok: false, failures: [`source/region/rules: ${errorMessage(err)}`], verdicts, flaky, duration_ms: Date.now() - t0 };
  }
  if (!prep.task.goldBlock) failures.push('gold: the instance has no gold block');
  if (prep.cveRules.length === 0) failures.push('rule: the instance has no CVE-specific rule');
  const fills: [Fill, string[] | undefined][] = [
    ['vulnerable', prep.task.vulnerableBlock], ['gold', prep.task.goldBlock], ['empty', []], ['stub', stubBlock(prep)],
  ];
  for (const [fill, block] of fills) {
    if (!block) continue;
    const runs: CycleVerdict[] = [];
    const n = fill === 'gold' || fill === 'vulnerable' ? opts.repeat : 1;
    for (let i = 0; i < n; i++) runs.push(await judge(prep, block, opts.dynamic));
    verdicts[fill] = runs;
  }
  const check = (fill: Fill, name: string, get: (v: CycleVerdict) => unknown, want: (x: unknown) => boolean, why: (x: unknown) => string): void => {
    const runs = verdicts[fill];
    if (!runs?.length) return;
    const infra = runs.find((v) => v.infra_error);
    if (infra) {
      failures.push(`${fill}: infrastructure error: ${infra.infra_error ?? ''}`);
      return;
    }
    const values = runs.map(get);
    if (new Set(values.map((v) => JSON.stringify(v))).size > 1) flaky.push(`${fill} ${name}: ${values.map(String).join('/')}`);
    const bad = values.find((v) => !want(v));
    if (bad !== undefined) failures.push(`${fill} ${name}: ${why(bad)}`);
  };
  check('vulnerable', 'merges and parses', (v) => v.merged && v.syntax, (x) => x === true, () => `the original block does not merge or parse (${verdicts.vulnerable?.[0]?.detail.syntax_errors?.[0] ?? verdicts.vulnerable?.[0]?.detail.merge_error ?? ''})`);
  check('gold', 'merges and parses', (v) => v.merged && v.syntax, (x) => x === true, () => `the gold block does not merge or parse (${verdicts.gold?.[0]?.detail.syntax_errors?.[0] ?? ''}): wrong fix.lines?`);
  check('vulnerable', 'CVE rule', (v) => cveFindings(prep, v), (x) => (x as number) >= 1, () => 'the CVE rule finds no flow on the vulnerable block');
  check('gold', 'CVE rule', (v) => cveFindings(prep, v), (x) => x === 0, (x) => `the CVE rule fires on the gold block (${String(x)} findings)`);
  check('gold', 'rule pack', (v) => v.static_findings - cveFindings(prep, v), (x) => x === 0, (x) => `the CWE pack flags the gold block (${String(x)} findings)`);
  check('empty', 'region', (v) => v.merged && v.syntax, (x) => x === true, () => `the region is not an independent block: emptying it breaks the syntax (${verdicts.empty?.[0]?.detail.syntax_errors?.[0] ?? ''})`);
  const has = dynamicChecks(prep);
  if (opts.dynamic && has.poc) {
    check('vulnerable', 'PoC', (v) => v.poc_triggered, (x) => x === true, (x) => `the PoC does not trigger on the vulnerable block (${String(x)}; ${verdicts.vulnerable?.[0]?.detail.poc?.detail ?? ''})`);
    check('gold', 'PoC', (v) => v.poc_triggered, (x) => x === false, (x) => `the PoC triggers on the gold block (${String(x)}; ${verdicts.gold?.[0]?.detail.poc?.detail ?? ''})`);
  }
  if (opts.dynamic && has.tests) {
    check('vulnerable', 'test', (v) => v.functional, (x) => x === true, () => `the functional test fails on the vulnerable block (${verdicts.vulnerable?.[0]?.detail.tests?.detail ?? ''})`);
    check('gold', 'test', (v) => v.functional, (x) => x === true, () => `the functional test fails on the gold block (${verdicts.gold?.[0]?.detail.tests?.detail ?? ''})`);
    // "Passes" means it merged, parsed and its test succeeded; any of them failing is what we want.
    const passes = (v: CycleVerdict): boolean => v.merged && v.syntax && v.functional === true;
    check('empty', 'test', passes, (x) => x === false, () => 'an empty body passes the functional test: the test cannot fail');
    check('stub', 'test', passes, (x) => x === false, () => 'a stub that only returns passes the functional test');
  }
  return { id: inst.id, cwe: inst.cwe, ok: failures.length === 0 && flaky.length === 0, failures: [...failures, ...flaky.map((f) => `flaky ${f}`)], verdicts, flaky, duration_ms: Date.now() - t0 };
}

export async function validateDataset(instances: Instance[], opts: ValidateOptions, onResult?: (r: InstanceValidation) => void): Promise<InstanceValidation[]> {
  const limit = pLimit(opts.concurrency);
  return Promise.all(instances.map((inst) => limit(async () => {
    const r = await validateInstance(inst, opts);
    onResult?.(r);
    return r;
  })));
}
