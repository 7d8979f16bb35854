import { describe, expect, it } from 'vitest';
import { fieldOf, kindOf, namedChildrenOf, rangeKeyOf, textOf } from '../../src/analysis/node-cache.js';
import { parseText } from '../../src/analysis/parse.js';

describe('node-cache', () => {
  it('reads what the native node says, and the same wrapper twice', () => {
    const root = parseText('const x = f(a, "b");\n', 'javascript').root();
    const decl = namedChildrenOf(root)[0]!;
    expect(kindOf(decl)).toBe('lexical_declaration');
    expect(namedChildrenOf(root)).toBe(namedChildrenOf(root));
    const d = namedChildrenOf(decl)[0]!;
    const value = fieldOf(d, 'value')!;
    expect(fieldOf(d, 'value')).toBe(value);
    expect(kindOf(value)).toBe('call_expression');
    expect(textOf(value)).toBe('f(a, "b")');
    expect(rangeKeyOf(value)).toBe(`${value.range().start.index}:${value.range().end.index}`);
    expect(fieldOf(d, 'nonexistent')).toBeNull();
    expect(textOf(null)).toBeUndefined();
  });
});
