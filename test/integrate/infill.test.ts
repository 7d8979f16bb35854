import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Answer, Task } from '../../src/core/index.js';
import { extractCode, integrate } from '../../src/integrate/index.js';
import { scanBraces } from '../../src/integrate/braces.js';
import { makeTask } from './makeTask.js';

const JS = [
  "const fs = require('fs');",
  '',
  'function serve(root, p) {',
  '  const file = path.join(root, p);',
  '  if (fs.existsSync(file)) {',
  '    return fs.readFileSync(file);',
  '  }',
  '  return null;',
  '}',
  '',
  'module.exports = serve;',
  '',
].join('\n');
// Block = lines 4–8 (the body), as the instance convention says.
const jsTask = (): Task => makeTask(JS, 4, 8);

const answer = (raw: string, over: Partial<Answer> = {}): Answer => ({ model: 'm', raw, latency_ms: 0, cached: false, ...over });

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'ase-int-'));
});
afterEach(() => rm(root, { recursive: true, force: true }));

const body = [
  '  const file = path.resolve(root, p);',
  '  if (!file.startsWith(root)) {',
  '    return null;',
  '  }',
  '  return fs.readFileSync(file);',
];

describe('infill integration', () => {
  it('splices clean code and writes the file', async () => {
    const t = jsTask();
    const c = await integrate(answer('```js\n' + body.join('\n') + '\n```'), t, root, 'infill');
    const expected = [...t.prefix, ...body, ...t.suffix].join('\n');
    expect(c).toEqual({ merged: true, code: body.join('\n'), changed: ['lib/index.js'], merged_file: expected });
    expect(await readFile(join(root, 'lib/index.js'), 'utf8')).toBe(expected);
  });

  it('exact_block is spliced verbatim; vulnerable block reproduces the original file', async () => {
    const t = jsTask();
    const c = await integrate(answer('ignored', { exact_block: t.vulnerableBlock }), t, root, 'infill');
    expect(c.merged_file).toBe(JS);
    const d = await integrate(answer('', { exact_block: [] }), t, root, 'diff');
    expect(d.merged_file).toBe([...t.prefix, ...t.suffix].join('\n'));
  });

  it('no code block → merged=false, nothing written', async () => {
    const c = await integrate(answer('Sorry, I cannot do that.'), jsTask(), root, 'infill');
    expect(c).toEqual({ merged: false, merge_error: 'no code block', changed: [] });
  });

  it('an answer with infra_error is not merged', async () => {
    const c = await integrate(answer('', { infra_error: 'HTTP 500' }), jsTask(), root, 'infill');
    expect(c.merged).toBe(false);
    expect(c.merge_error).toMatch(/HTTP 500/);
  });

  it('drops a re-emitted signature and closing brace (whole function echoed)', () => {
    const raw = '```js\nfunction serve(root, p) {\n' + body.join('\n') + '\n}\n```';
    expect(extractCode(raw, jsTask())).toBe(body.join('\n'));
  });

  it('drops echoed context from further up and down, with blank lines in between', () => {
    const raw = "```js\nconst fs = require('fs');\n\nfunction serve(root, p) {\n" + body.join('\n') + '\n}\n\nmodule.exports = serve;\n```';
    expect(extractCode(raw, jsTask())).toBe(body.join('\n'));
  });

  it("keeps the block's own closing brace even though it equals the suffix's first line", () => {
    const t = makeTask('function f(a) {\n  if (a) {\n    g();\n  }\n}\n', 2, 4);
    expect(t.suffix[0]).toBe('}');
    expect(extractCode('```\nif (a) {\n  h();\n}\n```', t)).toBe('  if (a) {\n    h();\n  }');
  });

  it('drops only an extra closing brace', () => {
    const t = makeTask('function f(a) {\n  if (a) {\n    g();\n  }\n}\n', 2, 4);
    expect(extractCode('```\n  if (a) {\n    h();\n  }\n}\n```', t)).toBe('  if (a) {\n    h();\n  }');
  });

  it('appends missing closers at the opener indentation', () => {
    const t = makeTask('function f(a) {\n  if (a) {\n    g();\n  }\n}\n', 2, 4);
    expect(extractCode('```\nif (a) {\n  for (const x of a) {\n    h(x);\n```', t)).toBe('  if (a) {\n    for (const x of a) {\n      h(x);\n    }\n  }');
  });

  it('drops extra trailing closers beyond the block balance', () => {
    const t = makeTask('function f(a) {\n  g();\n}\n', 2, 2);
    expect(extractCode('```\ng();\n});\n}\n```', t)).toBe('  g();');
  });

  it('braces in strings and comments do not count', () => {
    expect(scanBraces(['const s = "{";', "// }", '/* {', '} */', 'x = `${a}`;'], 'javascript').balance).toBe(0);
    expect(scanBraces(["s = '{'  # {", 'd = {"a": 1', '}'], 'python').balance).toBe(0);
    expect(scanBraces(['if (a) {', '  x = "}";'], 'php').openIndents).toEqual(['']);
  });

  it('re-indents to the mask indentation, keeping relative indentation', () => {
    const t = makeTask('class A {\n    m() {\n        old();\n    }\n}\n', 3, 3);
    expect(extractCode('```\nif (x) {\n  y();\n}\n```', t)).toBe('        if (x) {\n          y();\n        }');
    expect(extractCode('```\n            a();\n            b();\n```', t)).toBe('        a();\n        b();');
  });

  it('matches the file indentation style (tabs ↔ spaces)', () => {
    const go = makeTask('func f() {\n\told()\n}\n', 2, 2, { language: 'go' });
    expect(extractCode('```go\nif a {\n    b()\n        c()\n}\n```', go)).toBe('\tif a {\n\t\tb()\n\t\t\tc()\n\t}');
    const py = makeTask('def f():\n    old()\n', 2, 2, { language: 'python' });
    expect(extractCode('```python\nif a:\n\tb()\n```', py)).toBe('    if a:\n        b()');
  });

  it('repairs a first line whose indentation was dropped', () => {
    const t = makeTask('def f(a):\n    x = 1\n    return x\n', 2, 3, { language: 'python' });
    expect(extractCode('```python\nx = 2\n    return x * a\n```', t)).toBe('    x = 2\n    return x * a');
  });

  it('python: drops a repeated def line, keeps indentation semantics', () => {
    const t = makeTask('import os\n\ndef read(p):\n    with open(p) as f:\n        return f.read()\n\nprint(1)\n', 4, 5, { language: 'python' });
    const raw = '```python\ndef read(p):\n    if ".." in p:\n        raise ValueError(p)\n    with open(p) as f:\n        return f.read()\n```';
    expect(extractCode(raw, t)).toBe('    if ".." in p:\n        raise ValueError(p)\n    with open(p) as f:\n        return f.read()');
  });

  it('a whole-file echo of a large file is cut back to the block, quickly even for pathological input', () => {
    const src = Array.from({ length: 800 }, (_, i) => `function f${i}(a) {\n  return a + ${i};\n}`).join('\n') + '\n';
    const t = makeTask(src, 1202, 1202);
    const echo = [...t.prefix, '  return safe(a);', ...t.suffix].join('\n');
    expect(extractCode('```js\n' + echo + '\n```', t)).toBe('  return safe(a);');
    const same = Array.from({ length: 1500 }, () => '}').join('\n');
    const t0 = Date.now();
    extractCode('```\n' + same + '\n```', makeTask(same + '\n', 750, 750));
    expect(Date.now() - t0).toBeLessThan(3000);
  });

  it('<MASKED> marker lines: one is dropped, two bracket the code', () => {
    const t = jsTask();
    expect(extractCode('```\n// <MASKED>\n' + body.join('\n') + '\n```', t)).toBe(body.join('\n'));
    const bracketed = '```\nfunction serve(root, p) {\n  // <MASKED> start\n' + body.join('\n') + '\n  // <MASKED> end\n}\n```';
    expect(extractCode(bracketed, t)).toBe(body.join('\n'));
  });

  it('an echo of the masked context with nothing filled gives an empty block', () => {
    const raw = '```\nfunction serve(root, p) {\n  <MASKED>\n}\n```';
    expect(extractCode(raw, jsTask())).toBe('');
  });

  it('CRLF files keep CRLF; CRLF answers are normalised', async () => {
    const crlf = JS.replace(/\n/g, '\r\n');
    const t = makeTask(crlf, 4, 8);
    expect(t.eol).toBe('\r\n');
    const c = await integrate(answer('```js\r\n' + body.join('\r\n') + '\r\n```'), t, root, 'infill');
    const text = await readFile(join(root, 'lib/index.js'), 'utf8');
    expect(text).toBe([...t.prefix, ...body, ...t.suffix].join('\r\n'));
    expect(text.replace(/\r\n/g, '')).not.toContain('\n');
    expect(c.merged_file).toBe(text);
  });

  it('refuses a task file outside the workspace', async () => {
    const t = { ...jsTask(), file: '../escape.js' };
    const c = await integrate(answer('```\nx();\n```'), t, root, 'infill');
    expect(c.merged).toBe(false);
    expect(c.merge_error).toMatch(/refused/);
  });
});
