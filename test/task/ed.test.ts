// Gold blocks stored as ed scripts over the vulnerable block: round trips and bad scripts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyEdScript, makeEdScript } from '../../src/task/ed.js';

describe('ed scripts', () => {
  it('applies append, change and delete, bottom up', () => {
    const block = ['a', 'b', 'c', 'd', 'e'];
    expect(applyEdScript(block, '5d\n3,4c\nC\n.\n1a\nA2\nA3\n.\n0a\nTOP\n.\n')).toEqual(['TOP', 'a', 'A2', 'A3', 'b', 'C']);
  });

  it('round-trips any pair of blocks', () => {
    const line = fc.constantFrom('a', 'b', 'c', '  x();', '}', '', 'if (k) {');
    fc.assert(fc.property(fc.array(line, { maxLength: 12 }), fc.array(line, { maxLength: 12 }), (from, to) => {
      expect(applyEdScript(from, makeEdScript(from, to))).toEqual(to);
    }), { numRuns: 300 });
  });

  it('stores only the new lines, never the unchanged or removed ones', () => {
    const script = makeEdScript(['keep1', 'old', 'keep2'], ['keep1', 'new', 'keep2', 'added']);
    expect(script).toBe('3a\nadded\n.\n2c\nnew\n.\n');
    expect(script).not.toMatch(/keep|old/);
  });

  it('refuses bad scripts in one line naming the place', () => {
    expect(() => applyEdScript(['a'], '3d\n', 'x/gold.ed')).toThrow('x/gold.ed: 3,3d is outside the block (1 lines)');
    expect(() => applyEdScript(['a'], '1c\nz\n', 'x/gold.ed')).toThrow(/not closed/);
    expect(() => applyEdScript(['a'], 'rm -rf /\n', 'x/gold.ed')).toThrow(/line 1: "rm -rf \/" is not an ed command/);
    expect(() => applyEdScript(['a', 'b'], '1d\n2d\n', 'x/gold.ed')).toThrow(/bottom of the block up/);
  });
});
