// The mutation operators on a fixture of ours: scope-correct renames, hoisting-safe reordering,
// if/else → early return, and a mutated file that still parses and behaves the same under node.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkSyntax } from '../../src/analysis/index.js';
import { MutationError, mutateLines, mutateVersions } from '../../src/mutate/index.js';
import { tempDir } from '../helpers/runConfig.js';

const FIXTURE = path.resolve(import.meta.dirname, '..', 'fixtures', 'mutate', 'ops.js');
const LINES = readFileSync(FIXTURE, 'utf8').split('\n');
/** The masked block of the fixture: the for loop of total() (lines 11-13). */
const REGION = [11, 13] as const;

/** What the module computes, as JSON, run by node in a child process. */
function behaviour(text: string): string {
  const file = path.join(tempDir('mutate-run'), 'm.js');
  writeFileSync(file, text);
  const script = `const m = require(${JSON.stringify(file)}); console.log(JSON.stringify([m.total([1,2,3],2), m.total([50,60],1), m.helper(4), m.describe('x'), Object.keys(m)]))`;
  return execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' });
}

const ORIGINAL = behaviour(LINES.join('\n'));

function mutate(ops: Parameters<typeof mutateLines>[2], region: readonly [number, number] = REGION) {
  const out = mutateLines(LINES, region, ops, 'javascript');
  const text = out.lines.join('\n');
  expect(checkSyntax(text, 'javascript').ok).toBe(true);
  return { ...out, text };
}

describe('rename', () => {
  const { text, lines, range } = mutate([{ op: 'rename', map: { items: 'entries', scale: 'factor', sum: 'acc', out: 'holder' } }]);

  it('renames the parameters and locals of the function around the block, and their uses', () => {
    expect(text).toContain('function total(entries, factor) {');
    expect(text).toContain('const holder = { items: 0 };');
    expect(text).toContain('for (const item of entries) {');
    expect(text).toContain('acc += helper(item) * factor;');
    expect(text).toContain('holder.items = inner(entries);');
  });

  it('leaves alone a shadowing binding, property names, strings, exported and top-level names', () => {
    expect(text).toContain('function inner(items) { return items.length; }');
    expect(text).toContain("const note = 'items and scale';");
    expect(text).toContain('count: holder.items');
    expect(text).toContain('module.exports = { total, helper, describe };');
    expect(text).toContain("const label = 'total';");
  });

  it('keeps a shorthand property as a property (name: newName) and a renamed pattern key', () => {
    expect(text).toContain('const copy = { sum: acc };');
    expect(text).toContain('const { sum: again = 0 } = copy;');
    expect(text).toContain('return { sum: acc, note, count: holder.items, label, big: holder.big };');
  });

  it('recomputes the region and behaves the same', () => {
    expect(lines.slice(range[0] - 1, range[1]).join('\n')).toBe('  for (const item of entries) {\n    acc += helper(item) * factor;\n  }');
    expect(behaviour(text)).toBe(ORIGINAL);
  });

  it('refuses a name that is not a local, a new name already in the file, and eval', () => {
    expect(() => mutate([{ op: 'rename', map: { nosuch: 'other' } }])).toThrow(/operator 1 \(rename nosuch→other\): "nosuch" is not a parameter or local variable/);
    expect(() => mutate([{ op: 'rename', map: { items: 'label' } }])).toThrow(/the new name "label" \(for "items"\) already occurs in the file/);
    expect(() => mutate([{ op: 'rename', map: { helper: 'twice' } }])).toThrow(/"helper" is not a parameter or local/);
    const withEval = LINES.map((l) => (l.includes("const note = ") ? "  const note = eval('1');" : l));
    expect(() => mutateLines(withEval, REGION, [{ op: 'rename', map: { items: 'entries' } }], 'javascript')).toThrow(/skipped: total: it calls eval/);
  });
});

describe('reorder', () => {
  it('swaps top-level function declarations with their comments, nothing else moves', () => {
    const { text } = mutate([{ op: 'reorder', order: ['describe', 'total', 'helper'] }]);
    const at = (s: string) => text.indexOf(s);
    expect(at('/** Describes a total. */')).toBeLessThan(at('function describe('));
    expect(at('function describe(')).toBeLessThan(at('function total('));
    expect(at('function total(')).toBeLessThan(at('// Doubles a number.'));
    expect(at('// Doubles a number.')).toBeLessThan(at('function helper('));
    expect(at("const label = 'total';")).toBeLessThan(at('/** Describes'));
    expect(text.trimEnd().endsWith('module.exports = { total, helper, describe };')).toBe(true);
    expect(behaviour(text)).toBe(ORIGINAL);
  });

  it('the masked block travels with the function that holds it', () => {
    const { lines, range } = mutate([{ op: 'reorder', order: ['total', 'describe', 'helper'] }]);
    expect(lines[range[0] - 1]).toBe('  for (const item of items) {');
    expect(lines[range[1] - 1]).toBe('  }');
  });

  it('fails when the named declarations are not one group', () => {
    expect(() => mutate([{ op: 'reorder', order: ['total', 'inner'] }])).toThrow(/operator 1 \(reorder total, inner\): no statement list declares exactly/);
  });
});

describe('early return', () => {
  it('drops an else after a branch that returns, one level out, outside the block', () => {
    const { text } = mutate([{ op: 'early-return', index: 0, of: 1 }]);
    expect(text).toContain('    return { sum: again, note, count: out.items, label, big: true };\n  }\n  out.big = false;\n  return { sum,');
    expect(text).not.toContain('else');
    expect(behaviour(text)).toBe(ORIGINAL);
  });

  it('never rewrites inside the masked block, and checks the candidate count', () => {
    // Masking the whole if/else leaves no candidate.
    expect(() => mutate([{ op: 'early-return', index: 0, of: 1 }], [19, 23])).toThrow(/expected 1 if\/else statements to choose from, found 0/);
  });
});

describe('all operators, vulnerable and gold', () => {
  it('applies the same operators to the gold version and keeps the surroundings identical', () => {
    const gold = ['  for (const item of items.slice(0, 10)) {', '    const part = helper(item) * scale;', '    sum += part;', '  }'];
    const ops = [
      { op: 'rename' as const, map: { items: 'entries', scale: 'factor', sum: 'acc', out: 'holder' } },
      { op: 'reorder' as const, order: ['describe', 'helper', 'total'] },
      { op: 'early-return' as const, index: 0, of: 1 },
    ];
    const m = mutateVersions(LINES, REGION, gold, ops, 'javascript');
    expect(m.gold).toEqual(['  for (const item of entries.slice(0, 10)) {', '    const part = helper(item) * factor;', '    acc += part;', '  }']);
    const v = m.vulnerable;
    const goldFile = [...v.lines.slice(0, v.range[0] - 1), ...m.gold!, ...v.lines.slice(v.range[1])].join('\n');
    expect(JSON.parse(behaviour(goldFile))[2]).toBe(8);
    expect(behaviour(v.lines.join('\n'))).toBe(ORIGINAL);
  });

  it('an error is a MutationError naming the operator', () => {
    try {
      mutateLines(LINES, REGION, [{ op: 'early-return', index: 0, of: 1 }, { op: 'reorder', order: ['a', 'b'] }], 'javascript');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(MutationError);
      expect((e as Error).message).toMatch(/^operator 2 \(reorder a, b\): /);
      expect((e as Error).message).not.toContain('\n');
    }
  });
});

describe('words a rule matches on', () => {
  it('are reserved from renaming: patterns and regexes (escapes and anchors read right), not messages', async () => {
    const { reservedWords } = await import('../../src/mutate/index.js');
    const dir = tempDir('mutate-rule');
    writeFileSync(path.join(dir, 'rule.yaml'), [
      'rules:',
      '  - id: r',
      '    message: the value reaches the sink',
      '    sources:',
      '      - parameter: { function: "^render$", name: opts }',
      '    sinks:',
      "      - pattern: '$T[$K]'",
      "        metavariable-regex: { metavariable: $T, regex: '^target$' }",
      "      - pattern: $R",
      "        metavariable-regex: { metavariable: $R, regex: '\\bname\\b' }",
    ].join('\n'));
    const words = reservedWords({ id: 'x', dataset: 'd', dir, cwe: 'CWE-1', language: 'javascript', source: { type: 'local', path: dir }, vuln_file: 'a.js', vuln_lines: [1, 2], rules: ['rule.yaml'], seed: true });
    for (const w of ['render', 'opts', 'target', 'name']) expect(words.has(w)).toBe(true);
    for (const w of ['value', 'sink', 'bname']) expect(words.has(w)).toBe(false);
  });
});

describe('scope resolver', () => {
  it('declares imports, hoisted vars, block lets and catch parameters where JavaScript does', async () => {
    const { parseText } = await import('../../src/analysis/index.js');
    const { Resolver, declarationsOf } = await import('../../src/mutate/scope.js');
    const src = "import a, { c, d as e } from 'x';\nfunction f(p) { if (p) { var v = 1; let w = 2; } try { g(); } catch (err) { let p = err; return p + v; } return w; }";
    const root = parseText(src, 'javascript').root();
    expect(declarationsOf(root).map((n) => n.text())).toEqual(['a', 'c', 'e', 'f']);
    const f = root.find({ rule: { kind: 'function_declaration' } })!;
    expect(declarationsOf(f).map((n) => n.text()).sort()).toEqual(['p', 'v']);
    const r = new Resolver();
    const refs = root.findAll({ rule: { kind: 'identifier' } });
    const at = (name: string, nth: number) => refs.filter((n) => n.text() === name)[nth]!;
    // `return p + v` inside catch: p is the catch block's let, v the function's var; `return w` is a global.
    expect(r.resolve(at('p', 3))!.kind()).toBe('statement_block');
    expect(r.resolve(at('v', 1))!.kind()).toBe('function_declaration');
    expect(r.resolve(at('w', 1))).toBeUndefined();
    expect(r.resolve(at('err', 1))!.kind()).toBe('catch_clause');
  });
});

describe('renamed names in our prose', () => {
  it('follow the code in signatures, calls, indexes and backticks, not properties or plain English', async () => {
    const { renameInProse } = await import('../../src/mutate/index.js');
    const map = { key: 'slot', value: 'entry', path: 'route' };
    expect(renameInProse('set(key, value): store `value` under a key path; common.path(key) fills mtimes[key] from (value.x); an empty path (false otherwise). The key.', map))
      .toBe('set(slot, entry): store `entry` under a key path; common.path(slot) fills mtimes[slot] from (entry.x); an empty path (false otherwise). The key.');
  });
});
