// Annotated rule tests (the semgrep-rules habit): a comment `ruleid: <id>` marks that the next
// code line must be flagged by rule <id>; `ok: <id>` marks that it must not. Each test file is
// scanned alone (its imports are followed, so helpers beside it take part).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Finding } from '../core/index.js';
import { languageOfFile } from './parse.js';
import { analyze } from './project.js';
import { loadRules } from './rules.js';

/** Outcome of one annotated test file against one rule file. */
export interface RuleTestResult {
  ruleFile: string;
  testFile: string;
  expected: number;
  ok: number;
  missing: string[];
  unexpected: string[];
  notices: string[];
}

// `//`, `#`, `/* … */` and, for PHP templates, `<!-- … -->`.
const ANNOTATION = /(?:\/\/|#|\/\*|<!--)\s*(ruleid|ok|todoruleid|todook):\s*([\w.,\s-]+?)\s*(?:\*\/|-->)?\s*$/;

interface Annotated { expect: Set<string>; ok: Set<string> }

/** `file:line` → rule ids the annotations expect (ruleid) or forbid (ok). */
function annotations(file: string, rel: string, ids: Set<string>): Annotated {
  const lines = readFileSync(file, 'utf8').split(/\r?\n/);
  const out: Annotated = { expect: new Set(), ok: new Set() };
  lines.forEach((line, i) => {
    const m = ANNOTATION.exec(line);
    if (m === null) return;
    let target = i + 1;
    while (target < lines.length && ANNOTATION.test(lines[target]!)) target++;
    for (const id of m[2]!.split(',').map((s) => s.trim())) {
      if (!ids.has(id)) continue;
      const key = `${id}@${rel}:${target + 1}`;
      if (m[1] === 'ruleid' || m[1] === 'todook') out.expect.add(key);
      else out.ok.add(key);
    }
  });
  return out;
}

/** The annotated test files of a rule file: `<stem>.<ext>` (pack rules) or `rule.test.<ext>` (instances), and their `.helper` siblings. */
export function testFilesOf(ruleFile: string): { tests: string[]; helpers: string[] } {
  const dir = path.dirname(ruleFile);
  const stem = path.basename(ruleFile).replace(/\.ya?ml$/, '');
  const names = readdirSync(dir);
  const isCode = (n: string): boolean => languageOfFile(n) !== undefined;
  const tests = names.filter((n) => isCode(n) && !n.includes('.helper') && (n.startsWith(`${stem}.`) || (stem === 'rule' && n.startsWith('rule.test.'))));
  const helpers = names.filter((n) => isCode(n) && n.includes('.helper') && (n.startsWith(`${stem}.`) || stem === 'rule'));
  return { tests: tests.map((n) => path.join(dir, n)), helpers: helpers.map((n) => path.join(dir, n)) };
}

/** Runs every annotated test file of `ruleFile`. */
export async function testRuleFile(ruleFile: string): Promise<RuleTestResult[]> {
  const rules = await loadRules([ruleFile]);
  const ids = new Set(rules.map((r) => r.id));
  const dir = path.dirname(ruleFile);
  const { tests, helpers } = testFilesOf(ruleFile);
  const results: RuleTestResult[] = [];
  for (const t of tests) {
    const rel = path.basename(t);
    const res = await analyze({ root: dir, rules, files: [rel] });
    const want: Annotated = { expect: new Set(), ok: new Set() };
    for (const f of [t, ...helpers]) {
      const a = annotations(f, path.basename(f), ids);
      a.expect.forEach((k) => want.expect.add(k));
      a.ok.forEach((k) => want.ok.add(k));
    }
    const got = new Set(res.findings.map((f: Finding) => `${f.rule_id}@${f.location.file}:${f.location.line}`));
    results.push({
      ruleFile, testFile: t,
      expected: want.expect.size, ok: want.ok.size,
      missing: [...want.expect].filter((k) => !got.has(k)).sort(),
      unexpected: [...got].filter((k) => !want.expect.has(k)).sort(),
      notices: res.notices.map((n) => `${n.file}: ${n.message}`),
    });
  }
  return results;
}
