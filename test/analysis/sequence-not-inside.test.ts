import { describe, expect, it } from 'vitest';
import { matchClauses, sequenceHead } from '../../src/analysis/match.js';
import { parseText } from '../../src/analysis/parse.js';
import { parseRuleFile, type PatternClause } from '../../src/analysis/rules.js';

const clause = (c: Record<string, unknown>): PatternClause => c as PatternClause;
const lines = (root: ReturnType<typeof parseText>, c: PatternClause, language: 'javascript' | 'java', text: string): number[] =>
  [...matchClauses(root.root(), [c], language, text).values()].flat().map((m) => m.node.range().start.line + 1).sort((a, b) => a - b);

describe('pattern-not-inside in sequence form (`stmt` then `...`)', () => {
  it('reads the statement before a closing `...` line, and nothing else', () => {
    expect(sequenceHead('res.type("text")\n...')).toBe('res.type("text")');
    expect(sequenceHead('  res.type("text");\n  ...\n')).toBe('res.type("text")');
    expect(sequenceHead('res.type("text")')).toBeNull();
    expect(sequenceHead('f(...)')).toBeNull();
    expect(sequenceHead('...')).toBeNull();
  });

  it('excludes matches after the statement in the same block or nested below a later sibling, not before it or beside it in a branch', () => {
    const text = [
      'function a(res, x) {', //                                   1
      '  res.send(x);', //                                         2: before
      '  res.type("text/plain");', //                              3
      '  res.send(x);', //                                         4: after
      '  if (x) { res.send(x); }', //                              5: nested in a later sibling
      '}',
      'function b(res, x) {',
      '  if (x) { res.type("text/plain"); }', //                   8: only on a branch
      '  res.send(x);', //                                         9
      '}',
    ].join('\n');
    const c = clause({ pattern: 'res.send($X)', 'pattern-not-inside': 'res.type("text/plain")\n...' });
    expect(lines(parseText(text, 'javascript'), c, 'javascript', text)).toEqual([2, 9]);
  });

  it('works for Java statements, with metavariables shared with the pattern', () => {
    const text = [
      'class A {',
      '  void f(HttpServletResponse response, HttpServletResponse other, String q) throws Exception {',
      '    other.setContentType("text/plain");',
      '    response.getWriter().println(q);', //                   4: another response was declared plain
      '    response.setContentType("text/plain");',
      '    response.getWriter().println(q);', //                   6
      '  }',
      '}',
    ].join('\n');
    const c = clause({ pattern: '$RESP.getWriter().println($X)', 'pattern-not-inside': '$RESP.setContentType("text/plain");\n...' });
    expect(lines(parseText(text, 'java'), c, 'java', text)).toEqual([4]);
  });

  it('checks the statement when the rule loads', () => {
    const bad = 'rules:\n  - id: r\n    cwe: CWE-79\n    languages: [java]\n    message: m\n    severity: error\n    sources: [{ pattern: a() }]\n    sinks:\n      - pattern: b($X)\n        pattern-not-inside: |\n          c(((\n          ...\n';
    expect(() => parseRuleFile(bad, 'x.yaml')).toThrow(/x\.yaml: rule r: .*pattern-not-inside.*does not parse as java/);
  });
});
