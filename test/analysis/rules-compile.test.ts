// Every pattern of every bundled rule (default packs and the datasets' CVE rules) compiles for
// every language the rule names. A clause ast-grep rejects is only found when a file's text lets
// it through the prefilter, and then the whole rule is skipped on that file (a rule-error notice):
// `exit($X)` in the PHP XSS pack went unnoticed until a real file said "exit". parseRuleFile now
// refuses such a pattern too; this test keeps every bundled file (packs and CVE rules) checked.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { clauseError } from '../../src/analysis/match.js';
import type { Language } from '../../src/core/index.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

function yamlFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n);
    return statSync(p).isDirectory() ? yamlFiles(p) : /^rule.*\.ya?ml$|\.ya?ml$/.test(n) && !n.startsWith('instance') ? [p] : [];
  });
}

/** Every object with a string `pattern` (a pattern clause), wherever it sits in the rule. */
function clauses(v: unknown, out: Array<Record<string, unknown>> = []): Array<Record<string, unknown>> {
  if (Array.isArray(v)) v.forEach((x) => clauses(x, out));
  else if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (typeof o.pattern === 'string') out.push(o);
    for (const x of Object.values(o)) clauses(x, out);
  }
  return out;
}

const files = [...yamlFiles(path.join(ROOT, 'rules')), ...yamlFiles(path.join(ROOT, 'datasets'))];

describe('bundled rule patterns compile', () => {
  it('finds the rule files', () => {
    expect(files.length).toBeGreaterThan(50);
  });

  it.each(files.map((f) => [path.relative(ROOT, f)]))('%s', (rel) => {
    const doc = parseYaml(readFileSync(path.join(ROOT, rel), 'utf8')) as { rules?: Array<{ id: string; languages: Language[] }> };
    const bad: string[] = [];
    let n = 0;
    for (const rule of doc.rules ?? []) {
      for (const c of clauses(rule)) {
        for (const lang of rule.languages) {
          n++;
          const e = clauseError(c as never, lang);
          if (e) bad.push(`${rule.id} (${lang}): ${JSON.stringify(c.pattern)}: ${e.message.split('\n')[0]}`);
        }
      }
    }
    expect(bad).toEqual([]);
    expect(n).toBeGreaterThan(0);
  });
});
