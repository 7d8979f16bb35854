// headMatches (KMP borders) must agree with the obvious quadratic definition.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { headMatches } from '../../src/integrate/cleanBlock.js';

function naive(answer: string[], before: string[]): number[] {
  const n = (l: string) => l.trim().replace(/\s+/g, ' ');
  const a = answer.filter((l) => l.trim() !== '').map(n);
  const b = before.filter((l) => l.trim() !== '').map(n);
  const out: number[] = [];
  for (let k = 1; k <= Math.min(a.length, b.length); k++) {
    if (a.slice(0, k).every((x, j) => x === b[b.length - k + j])) out.push(k);
  }
  return out;
}

describe('headMatches', () => {
  it('equals the quadratic definition', () => {
    const line = fc.constantFrom('}', '{', 'x();', '  x();', '', '  ', 'return a;', 'if (a) {');
    fc.assert(
      fc.property(fc.array(line, { maxLength: 12 }), fc.array(line, { maxLength: 12 }), (a, b) => {
        expect(headMatches(a, b)).toEqual(naive(a, b));
      }),
      { numRuns: 300 },
    );
  });
});

describe('extractCode on arbitrary answers', () => {
  it('never throws, and every non-blank line of the block sits at the mask indentation or deeper', async () => {
    const { extractCode } = await import('../../src/integrate/index.js');
    const { makeTask } = await import('./makeTask.js');
    const task = makeTask('class A {\n    m(a) {\n        if (a) {\n            g();\n        }\n    }\n}\n', 3, 5);
    const frag = fc.constantFrom('```', '```js', '~~~', '\n', '{', '}', '    ', '\t', 'x();', '<MASKED>', '"{"', '//', '/*', '*/', 'm(a) {', 'if (a) {', '<think>', '</think>', 'def f():', '\r\n');
    fc.assert(
      fc.property(fc.array(frag, { maxLength: 30 }), (parts) => {
        const out = extractCode(parts.join(''), task);
        if (out === null) return;
        for (const l of out.split('\n')) if (l !== '') expect(l.startsWith(task.indent)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
