import { describe, expect, it } from 'vitest';
import { checkSyntax } from '../../src/analysis/index.js';
import type { Language } from '../../src/core/index.js';

// Real broken inputs per language: an ERROR node, a MISSING node, and a clean file (issue 3).
const CASES: Array<[Language, string, boolean]> = [
  ['javascript', 'function f( { return 1 }', false],
  ['javascript', 'let x = foo(1;', false],
  ['javascript', 'if (a) { b()', false],
  ['javascript', 'const a = 1\nconst s = `` + "" + \'\'', true],
  ['javascript', '', true],
  ['typescript', 'function f(a: number { return a }', false],
  ['typescript', 'let x: = 3;', false],
  ['typescript', 'const a: number = 1;\nexport type T = { a?: string };', true],
  ['tsx', 'const a = <div>{x}</div>;', true],
  ['tsx', 'const a = <div>{x</div>;', false],
  ['php', '<?php function f( { return 1; }', false],
  ['php', '<?php $x = foo(1;', false],
  ['php', '<?php echo 1', false],
  ['php', '<?php $a = ""; ?>\n<p>html</p>\n', true],
  ['python', 'def f(:\n  pass', false],
  ['python', 'x = foo(1', false],
  ['python', 'class A:\n    def f(self):\n        if x:\n            return ""', true],
  ['go', 'package main\nfunc f( { }', false],
  ['go', 'package main\nfunc f() { x := g(1 }\n', false],
  ['go', 'package main\nvar x = ""', true],
  ['java', 'class A { void f( { } }', false],
  ['java', 'class A { void f() { int x = 1 } }', false],
  ['java', 'class A { String s = ""; void f() { int x = 1; } }', true],
];

describe('checkSyntax', () => {
  it.each(CASES)('%s %j → ok=%s', (language, text, ok) => {
    const r = checkSyntax(text, language, 'f');
    expect(r.ok, r.errors.join('\n')).toBe(ok);
    if (ok) expect(r.errors).toEqual([]);
    else expect(r.errors.length).toBeGreaterThan(0);
  });

  it('names file, line and column', () => {
    expect(checkSyntax('let a = 1;\nlet x = foo(1;', 'javascript', 'src/a.js').errors).toEqual(['src/a.js:2:14: missing ")"']);
  });

  it('reports languages without a grammar as unsupported, never as checked', () => {
    const r = checkSyntax('int main() {', 'c', 'a.c');
    expect(r.ok).toBe(true);
    expect(r.errors[0]).toMatch(/^unsupported: /);
  });
});
