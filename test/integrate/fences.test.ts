import { describe, expect, it } from 'vitest';
import { extractCode } from '../../src/integrate/index.js';
import { findFencedBlocks } from '../../src/integrate/fences.js';

describe('fence extraction', () => {
  it('takes a ```lang fence', () => {
    expect(extractCode('Here you go:\n```javascript\nconst a = 1;\nreturn a;\n```\nDone.')).toBe('const a = 1;\nreturn a;');
  });

  it('takes a bare ``` fence and a ~~~ fence', () => {
    expect(extractCode('```\nx()\n```')).toBe('x()');
    expect(extractCode('~~~python\nx = 1\n~~~')).toBe('x = 1');
  });

  it('takes the longest block, the last on a tie', () => {
    const raw = 'Use:\n```js\nfoo();\n```\nCode:\n```js\nconst a = 1;\nconst b = 2;\n```\nor\n```js\nbar();\n```';
    expect(extractCode(raw)).toBe('const a = 1;\nconst b = 2;');
    expect(extractCode('```\none()\n```\n```\ntwo()\n```')).toBe('two()');
  });

  it('reads a fence left unclosed to the end', () => {
    expect(extractCode('```js\nlet a = 1;\nlet b = 2;')).toBe('let a = 1;\nlet b = 2;');
    expect(findFencedBlocks('```js\na')[0]!.closed).toBe(false);
  });

  it('a longer fence holds a shorter one inside; ~~~ does not close ```', () => {
    expect(extractCode('````md\n```js\nx\n```\n````')).toBe('```js\nx\n```');
    expect(extractCode('```\na\n~~~\nb\n```')).toBe('a\n~~~\nb');
  });

  it('strips the fence indentation (fence inside a list item) and handles CRLF answers', () => {
    expect(extractCode('1. code:\n   ```js\n   if (a) {\n     b();\n   }\n   ```')).toBe('if (a) {\n  b();\n}');
    expect(extractCode('```js\r\nx();\r\ny();\r\n```\r\n')).toBe('x();\ny();');
  });

  it('no fence → null (strict: bare code is not taken)', () => {
    expect(extractCode('return a + b;')).toBeNull();
    expect(extractCode('I cannot help with that.')).toBeNull();
    expect(extractCode('inline ```x``` only')).toBeNull();
  });

  it('an empty fenced block is empty code, not no code', () => {
    expect(extractCode('```\n```')).toBe('');
  });

  it('ignores drafts inside <think>…</think>', () => {
    const raw = '<think>\nMaybe:\n```js\ndraft1();\ndraft2();\ndraft3();\n```\n</think>\nFinal:\n```js\nfinal();\n```';
    expect(extractCode(raw)).toBe('final();');
  });

  it('records the language', () => {
    expect(findFencedBlocks('```TypeScript title="x"\na\n```')[0]!.lang).toBe('typescript');
  });
});
