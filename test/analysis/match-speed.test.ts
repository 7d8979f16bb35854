// The matching shortcuts of match.ts (issue 3, incremental rescan speed) must give exactly what
// the plain ast-grep call gives: ASCII spellings of metavariable regexes on ASCII files, and the
// scoped search of a `$V` + pattern-inside clause.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { NapiConfig, SgNode } from '@ast-grep/napi';
import { describe, expect, it } from 'vitest';
import { asciiRegex, compileClause, isAscii, matchClauses } from '../../src/analysis/match.js';
import { isNullPrototype, nullPrototypeTargets } from '../../src/analysis/null-proto.js';
import { parseText } from '../../src/analysis/parse.js';
import type { PatternClause } from '../../src/analysis/rules.js';

const clause = (c: Record<string, unknown>): PatternClause => c as PatternClause;
const spans = (nodes: SgNode[]): string[] => nodes.map((n) => `${n.range().start.index}:${n.range().end.index}:${n.kind() as string}`);

/** The JavaScript rule packs and the dataset instances' rules. */
function ruleFiles(): string[] {
  const root = path.resolve('.');
  const out: string[] = [];
  for (const cwe of readdirSync(path.join(root, 'rules'))) {
    const dir = path.join(root, 'rules', cwe, 'javascript');
    if (existsSync(dir)) for (const f of readdirSync(dir)) if (/\.ya?ml$/.test(f)) out.push(path.join(dir, f));
  }
  for (const ds of readdirSync(path.join(root, 'datasets'))) {
    const dsDir = path.join(root, 'datasets', ds);
    if (!statSync(dsDir).isDirectory()) continue;
    for (const inst of readdirSync(dsDir)) if (existsSync(path.join(dsDir, inst, 'rule.yaml'))) out.push(path.join(dsDir, inst, 'rule.yaml'));
  }
  return out;
}

describe('asciiRegex', () => {
  it('spells \\w \\W \\d \\D as ASCII classes, nested inside a class, and leaves escaped backslashes alone', () => {
    expect(asciiRegex('(?i)(^|\\.)(escape\\w*|x)$')).toBe('(?i)(^|\\.)(escape[0-9A-Za-z_]*|x)$');
    expect(asciiRegex('^[A-Za-z_$][\\w$]*$')).toBe('^[A-Za-z_$][[0-9A-Za-z_]$]*$');
    expect(asciiRegex('\\W\\d\\D\\s\\b')).toBe('[^0-9A-Za-z_][0-9][^0-9]\\s\\b');
    expect(asciiRegex('^/\\^(\\[|\\\\w)')).toBe('^/\\^(\\[|\\\\w)');
    expect(isAscii('const a = 1;\n')).toBe(true);
    expect(isAscii('const é = 1;')).toBe(false);
  });

  it('matches the same nodes as the original for every metavariable regex of the bundled rules, on an ASCII file', () => {
    // The `regex:` values of those rule files, read from the text (YAML-parsing them takes a second):
    // single-quoted (`''` is a quote), double-quoted (JSON escapes) or plain.
    const regexes = new Set<string>();
    for (const f of ruleFiles()) {
      for (const m of readFileSync(f, 'utf8').matchAll(/\bregex:\s*(?:'((?:[^']|'')*)'|("(?:[^"\\]|\\.)*")|([^'"\s][^\n}]*?))\s*(?:}|,|\n|$)/g)) {
        regexes.add(m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2] !== undefined ? JSON.parse(m[2]) as string : m[3]!);
      }
    }
    const withClasses = [...regexes].filter((r) => asciiRegex(r) !== r);
    expect(withClasses.length).toBeGreaterThan(20);
    const text = [
      "const escapeHtml_2 = require('escape-html'); const argv = process.argv; let myArgs = ['--x=', a];",
      "if (!isValidName(n) && isUnsafeKey(k)) throw new Error('bad'); res.send(escapeHtml(x) + `${y}` + 'a=\"' + v + '\"');",
      "const q = `SELECT * FROM t WHERE id = ${id} LIMIT ${n}`; db.query('SELECT 1 AS x WHERE a IN (' + ids + ')');",
      "s.replace(/^[a-z0-9]+$/g, ''); s.replace(/\\w+/, 'x'); t.replace(/&(\\w+);/g, f); x[0]; y[\"k\"]; z[k2]; if (p.indexOf(root + path.sep) !== 0) { throw e }",
      "function Kelvin(k, K, _9) { return k9 + K_ + __ + 0x1F + 12 + sqlstring.escape(v) + node_path + nodeBin; }",
    ].join('\n');
    expect(isAscii(text)).toBe(true);
    const tree = parseText(text, 'javascript').root();
    for (const r of withClasses) {
      let want: string[];
      try {
        want = spans(tree.findAll({ rule: { regex: r } } as NapiConfig));
      } catch {
        continue; // a regex Rust rejects: matchClauses falls back to it and reports its error.
      }
      expect(spans(tree.findAll({ rule: { regex: asciiRegex(r) } } as NapiConfig)), r).toEqual(want);
    }
  });

  it('gives the same matches on an ASCII file as the original config, and uses the original on a non-ASCII file', () => {
    const c = clause({ pattern: '$F($X)', 'metavariable-regex': { metavariable: '$F', regex: '(?i)^(escape\\w*|isValid\\w*)$' } });
    for (const text of ['escapeHtml(a); ESCAPE_2(b); isValidX(c); run(d); escape(e);', 'escapeé(a); escapeHtml(b); run(c);']) {
      const root = parseText(text, 'javascript').root();
      const got = [...matchClauses(root, [c], 'javascript', text).values()].flat().map((m) => m.node.text());
      expect(got).toEqual(root.findAll(compileClause(c, 'javascript')).map((n) => n.text()));
    }
  });
});

describe('scoped search of a one-metavariable pattern with pattern-inside', () => {
  const text = [
    "_.each(attrs, function (value, a) { if (value) { out += ' ' + a + '=\"' + value + '\"'; } value = value.trim(); });",
    'function other(value) { return value; }',
    '_.each(list, function (item, i) { _.each(item.attrs, function (value, k) { log(value, item); }); return item; });',
    'x.each(y, function ({ a, b }, n) { use({ a, b }, n); });',
    'each(z, function (value, a) { value; });',
  ].join('\n');
  const root = parseText(text, 'javascript').root();
  const cases: PatternClause[] = [
    clause({ pattern: '$V', 'pattern-inside': '$U.each($ATTRS, function ($V, $A) { $$$ })' }),
    clause({ pattern: '$V', 'pattern-inside': '$U.each($ATTRS, function ($V, $A) { $$$ })', 'pattern-not-inside': 'log(...)' }),
    clause({ pattern: '$T', 'pattern-inside': 'function ($X, $Y) { $$$ }', 'metavariable-regex': { metavariable: '$T', regex: '^(value|item|a)$' } }),
    clause({ pattern: '$V', 'pattern-inside': 'nothing.here($V)' }),
  ];
  it('finds the same nodes in the same order as one findAll over the whole file', () => {
    for (const c of cases) {
      const want = spans(root.findAll(compileClause(c, 'javascript')));
      const got = [...matchClauses(root, [c], 'javascript', text).values()].flat().map((m) => m.node);
      // matchClauses groups by range; the list of its entries in insertion order is the findAll order, grouped.
      const order = [...new Set(want.map((s) => s.split(':').slice(0, 2).join(':')))];
      expect([...matchClauses(root, [c], 'javascript', text).keys()], JSON.stringify(c)).toEqual(order);
      expect(spans(got).sort(), JSON.stringify(c)).toEqual([...want].sort());
    }
    expect(root.findAll(compileClause(cases[0]!, 'javascript')).length).toBeGreaterThan(5);
  });
});

describe('not-null-prototype targets, memoised per tree', () => {
  it('computes a tree once across fresh root wrappers, and never answers for another tree', () => {
    const a = parseText('const store = Object.create(null); store[k] = v;', 'javascript');
    const b = parseText('let store = {}; store[k] = v;', 'javascript');
    const nodeA = a.root().findAll({ rule: { kind: 'identifier', regex: '^store$' } })[1]!;
    const nodeB = b.root().findAll({ rule: { kind: 'identifier', regex: '^store$' } })[1]!;
    const first = nullPrototypeTargets(nodeA.getRoot().root());
    expect([...first]).toEqual(['store']);
    // A new wrapper of the same tree (what value-checks passes): the same answer object, not a new walk.
    expect(nullPrototypeTargets(nodeA.getRoot().root())).toBe(first);
    expect(isNullPrototype(nodeB, nodeB.getRoot().root())).toBe(false);
    expect(isNullPrototype(nodeA, nodeA.getRoot().root())).toBe(true);
    expect(isNullPrototype(nodeB, nodeB.getRoot().root())).toBe(false);
  });
});
