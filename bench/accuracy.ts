// Accuracy of the static analysis on the bundled dataset (issue 3 acceptance): for every
// instance, the vulnerable repository and the repository with the gold block spliced in are
// scanned with (a) the instance's CVE rule, (b) the default pack of its CWE, and, side by side,
// (c) eslint-plugin-security and (d) @microsoft/eslint-plugin-sdl on the vulnerable file.
// "flagged" = at least one finding anywhere; "in block" = a finding (or a trace step, for ours)
// inside the masked block. Needs the npm registry the first time (tarballs are cached).
// Run: npx tsx bench/accuracy.ts [--dataset npm-cves] [--json]
//   --packs-only    only the default packs (skip the CVE rules and eslint: a fast rule-writing loop)
//   --only TEXT     only the instances whose id contains TEXT (repeatable)
//   --details       one line per instance and tool, with the lines of the findings
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ESLint, type Linter } from 'eslint';
import security from 'eslint-plugin-security';
import sdl from '@microsoft/eslint-plugin-sdl';
import { analyze, loadRules, rulePack, type Rule } from '../src/analysis/index.js';
import type { AnalysisResult, Instance } from '../src/core/index.js';
import { listInstanceDirs, loadInstance, resolveDataset } from '../src/dataset/index.js';
import { fetchSource } from '../src/repo/index.js';
import { makeTask, readGoldBlock, spliceBlock } from '../src/task/index.js';

/** `repo`: a finding anywhere in the repository; `any`: in the vulnerable file; `inBlock`: touching the masked block. */
interface Side { repo: boolean; any: boolean; inBlock: boolean; n: number; lines: number[] }
interface Row { id: string; cwe: string; tool: string; vuln: Side; gold: Side }

const args = process.argv.slice(2);
const datasetName = args[args.indexOf('--dataset') + 1] && args.includes('--dataset') ? args[args.indexOf('--dataset') + 1]! : 'npm-cves';
const asJson = args.includes('--json');
const packsOnly = args.includes('--packs-only');
const details = args.includes('--details');
const onlyIds = args.flatMap((a, i) => (args[i - 1] === '--only' ? [a] : []));

const LINT_CWD = path.join(os.tmpdir(), 'ase-acc');

function eslintFor(plugin: 'security' | 'sdl'): ESLint {
  const rules: Linter.RulesRecord = {};
  if (plugin === 'security') for (const r of Object.keys(security.rules ?? {})) rules[`security/${r}`] = 'warn';
  else for (const r of Object.keys(sdl.rules)) rules[`@microsoft/sdl/${r}`] = 'warn';
  return new ESLint({
    cwd: LINT_CWD,
    overrideConfigFile: true,
    overrideConfig: [{
      files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
      plugins: plugin === 'security' ? { security: security as never } : { '@microsoft/sdl': sdl as never },
      languageOptions: { ecmaVersion: 'latest', sourceType: 'commonjs' },
      rules,
    }],
  });
}

const ESLINTS = { 'eslint-plugin-security': eslintFor('security'), '@microsoft/eslint-plugin-sdl': eslintFor('sdl') };

function oursSide(r: AnalysisResult, file: string, block: [number, number]): Side {
  const inBlock = r.findings.some((f) => [f.location, ...f.trace.map((s) => s.location)]
    .some((l) => l.file === file && l.line >= block[0] && l.line <= block[1]));
  const lines = [...new Set(r.findings.filter((f) => f.location.file === file).map((f) => f.location.line))].sort((a, b) => a - b);
  const inFile = r.findings.some((f) => [f.location, ...f.trace.map((s) => s.location)].some((l) => l.file === file));
  return { repo: r.findings.length > 0, any: inFile, inBlock, n: r.findings.length, lines };
}

async function eslintSide(es: ESLint, text: string, file: string, block: [number, number]): Promise<Side> {
  const [res] = await es.lintText(text, { filePath: path.join(LINT_CWD, file) });
  const msgs = (res?.messages ?? []).filter((m) => m.ruleId !== null);
  return { repo: msgs.length > 0, any: msgs.length > 0, inBlock: msgs.some((m) => m.line >= block[0] && m.line <= block[1]), n: msgs.length, lines: [...new Set(msgs.map((m) => m.line))] };
}

async function measure(inst: Instance): Promise<Row[]> {
  const src = await fetchSource(inst.source);
  const fixDir = inst.fix?.source !== undefined ? (await fetchSource(inst.fix.source)).dir : undefined;
  const task = makeTask(inst, src.dir);
  const gold = readGoldBlock(inst, fixDir, src.dir);
  if (gold === undefined) throw new Error(`${inst.id}: no gold block`);
  const goldDir = mkdtempSync(path.join(os.tmpdir(), 'ase-acc-'));
  try {
    cpSync(src.dir, goldDir, { recursive: true });
    const goldText = spliceBlock(task, gold);
    writeFileSync(path.join(goldDir, inst.vuln_file), goldText);
    const vBlock: [number, number] = [inst.vuln_lines[0], inst.vuln_lines[1]];
    const gBlock: [number, number] = [inst.vuln_lines[0], inst.vuln_lines[0] + gold.length - 1];
    const rows: Row[] = [];
    const sets: Array<[string, Rule[]]> = [
      ...(packsOnly ? [] : [['ours: CVE rule', await loadRules(inst.rules.map((r) => path.resolve(inst.dir ?? '.', r)))] as [string, Rule[]]]),
      ['ours: default pack', await loadRules(rulePack(inst.cwe, inst.language))],
    ];
    for (const [tool, rules] of sets) {
      const v = await analyze({ root: src.dir, rules });
      const g = await analyze({ root: goldDir, rules });
      rows.push({ id: inst.id, cwe: inst.cwe, tool, vuln: oursSide(v, inst.vuln_file, vBlock), gold: oursSide(g, inst.vuln_file, gBlock) });
    }
    for (const [tool, es] of packsOnly ? [] : Object.entries(ESLINTS)) {
      rows.push({
        id: inst.id, cwe: inst.cwe, tool,
        vuln: await eslintSide(es, task.original, inst.vuln_file, vBlock),
        gold: await eslintSide(es, goldText, inst.vuln_file, gBlock),
      });
    }
    return rows;
  } finally {
    rmSync(goldDir, { recursive: true, force: true });
  }
}

const pct = (a: number, n: number): string => (n === 0 ? '   -' : `${Math.round((100 * a) / n)}%`.padStart(4));

const ds = resolveDataset(datasetName);
const rows: Row[] = [];
const failures: string[] = [];
for (const dir of listInstanceDirs(ds.dir).sort()) {
  try {
    const inst = loadInstance(dir, ds.name);
    if (!['javascript', 'typescript'].includes(inst.language)) continue;
    if (onlyIds.length > 0 && !onlyIds.some((o) => inst.id.includes(o))) continue;
    rows.push(...await measure(inst));
  } catch (err) {
    failures.push(`${path.basename(dir)}: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
  }
}
if (asJson) {
  console.log(JSON.stringify({ rows, failures }, null, 2));
} else {
  const tools = [...new Set(rows.map((r) => r.tool))];
  const cwes = [...new Set(rows.map((r) => r.cwe))].sort();
  console.log(`dataset ${datasetName}: ${new Set(rows.map((r) => r.id)).size} instances (JS/TS)\n`);
  console.log('"file" = a finding in the vulnerable file (sink or trace step); "block" = one touching the masked block; "repo" = anywhere.');
  console.log('tool                           CWE        n   vuln file  fixed file   vuln block  fixed block   vuln repo  fixed repo');
  for (const tool of tools) {
    for (const cwe of [...cwes, 'all']) {
      const rs = rows.filter((r) => r.tool === tool && (cwe === 'all' || r.cwe === cwe));
      const n = rs.length;
      const c = (f: (r: Row) => boolean): number => rs.filter(f).length;
      console.log(`${tool.padEnd(30)} ${cwe.padEnd(9)} ${String(n).padStart(3)}   ${pct(c((r) => r.vuln.any), n)}       ${pct(c((r) => r.gold.any), n)}         ${pct(c((r) => r.vuln.inBlock), n)}        ${pct(c((r) => r.gold.inBlock), n)}          ${pct(c((r) => r.vuln.repo), n)}       ${pct(c((r) => r.gold.repo), n)}`);
    }
    console.log('');
  }
  if (details) {
    for (const r of rows) {
      const side = (x: Side): string => `${x.inBlock ? 'BLOCK' : x.any ? 'file ' : x.repo ? 'repo ' : '-    '} ${x.lines.slice(0, 8).join(',')}`;
      console.log(`${r.id.padEnd(46)} ${r.cwe.padEnd(9)} ${r.tool.padEnd(28)} vuln ${side(r.vuln).padEnd(30)} fixed ${side(r.gold)}`);
    }
    console.log('');
  }
  const cveBad = rows.filter((r) => r.tool === 'ours: CVE rule' && (!r.vuln.repo || r.gold.repo));
  console.log(`CVE rules meeting "≥1 on vulnerable, 0 on gold": ${rows.filter((r) => r.tool === 'ours: CVE rule').length - cveBad.length}/${rows.filter((r) => r.tool === 'ours: CVE rule').length}`);
  for (const r of cveBad) console.log(`  ${r.id}: vulnerable ${r.vuln.n}, gold ${r.gold.n}`);
  for (const f of failures) console.log(`  not measured: ${f}`);
}
