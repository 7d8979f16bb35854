import { describe, expect, it } from 'vitest';
import { literalAlternatives, matchClauses, mayMatch } from '../../src/analysis/match.js';
import { parseText } from '../../src/analysis/parse.js';
import type { PatternClause } from '../../src/analysis/rules.js';

const clause = (c: Record<string, unknown>): PatternClause => c as PatternClause;

describe('metavariable-regex text prefilter', () => {
  it('takes the literal start of each alternative, and refuses any other shape', () => {
    expect(literalAlternatives('(?i)(^|\\.)(escape\\w*|quote\\w*|sqlstring\\.\\w+|format)$')).toEqual({ words: ['escape', 'quote', 'sqlstring.', 'format'], ci: true });
    expect(literalAlternatives('(^|\\.)(Writer|createWriter)$')).toEqual({ words: ['Writer', 'createWriter'], ci: false });
    // A quantifier makes the literal's last character optional.
    expect(literalAlternatives('^(escapes?|b)$')).toEqual({ words: ['escape', 'b'], ci: false });
    expect(literalAlternatives('(a(b|c)|d)')).toEqual({ words: ['a', 'd'], ci: false });
    for (const r of ['(?i)(^|\\.)(\\w*args|argv)$', '^/\\^-', '(a|b)?', '(x)|y', '(a)|(b)', '^(jsesc|x)$|\\.(a)$', '([ab]c|d)', '(?m)(a|b)']) {
      expect(literalAlternatives(r), r).toBeNull();
    }
  });

  it('skips a file holding none of the words, in any case under (?i), and never on a character that folds to ASCII', () => {
    const c = clause({ pattern: '$F($X, ...)', 'metavariable-regex': { metavariable: '$F', regex: '(?i)(^|\\.)(escape\\w*|format)$' } });
    expect(mayMatch(c, 'run(a, b)')).toBe(false);
    expect(mayMatch(c, 'db.ESCAPEId(a, b)')).toBe(true);
    expect(mayMatch(c, 'util.format(a)')).toBe(true);
    // U+212A KELVIN SIGN matches `k` under (?i): the prefilter cannot decide, so it lets the file through.
    expect(mayMatch(c, 'run(a) // \u212A')).toBe(true);
    const cs = clause({ pattern: '$W($X)', 'metavariable-regex': { metavariable: '$W', regex: '(^|\\.)(Writer|createWriter)$' } });
    expect(mayMatch(cs, 'writer(x)')).toBe(false);
    expect(mayMatch(cs, 'fs.createWriter(x)')).toBe(true);
  });

  it('finds what the regex allows and nothing more when the pattern is one metavariable with inside/not-inside', () => {
    const text = [
      "function f(x) { return `a '${x}'`; }",
      "function g(x) { return `a ${x}`; }",
      "const y = `'${z}'`;",
      "function h(x) { throw new Error(`'${x}'`); }",
      "function k(x) { return `b '${x}'`; }",
    ].join('\n');
    const root = parseText(text, 'javascript').root();
    const c = clause({
      pattern: '$T', 'pattern-inside': 'return $T', 'pattern-not-inside': ['new Error(...)'],
      'metavariable-regex': { metavariable: '$T', regex: "^`[^`]*'\\$\\{[^}]+\\}'[^`]*`$" },
    });
    const found = [...matchClauses(root, [c], 'javascript', text).values()].flat().map((m) => m.node.text());
    expect(found).toEqual(["`a '${x}'`", "`b '${x}'`"]);
    const anyNode = clause({ pattern: '$T', 'metavariable-regex': { metavariable: '$T', regex: '^z$' } });
    expect([...matchClauses(root, [anyNode], 'javascript', text).values()].flat().map((m) => m.node.text())).toEqual(['z']);
  });
});
