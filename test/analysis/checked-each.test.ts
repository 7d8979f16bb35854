// Checks carried beyond the checked value (src/analysis/js-checked-each.ts): a containment check
// on `path.resolve(base, name)` proves `name`; a per-element check that throws proves the list.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { analyze, parseRuleFile } from '../../src/analysis/index.js';
import { writer } from './support.js';

let dir: string;
const write = writer(() => dir);

// Sources: every field of `input`; the sink looks at the name joined under a base only, so a
// tainted base (a caller's target folder) does not hide what the check proved about the name.
const RULE = parseRuleFile(`
rules:
  - id: t-name
    cwe: CWE-22
    languages: [javascript]
    message: name reaches a write
    sources:
      - pattern: input.$F
    sinks:
      - pattern: fs.writeFileSync(path.join($B, $P), ...)
        focus: $P
    guards:
      - pattern: $P.startsWith($ROOT)
        focus: $P
        metavariable-check: { metavariable: $ROOT, check: ends-with-separator }
`, 'inline.yaml');

async function lines(body: string): Promise<number[]> {
  write('a.js', `const fs = require('fs');\nconst path = require('path');\n${body}`);
  const r = await analyze({ root: dir, rules: RULE });
  return r.findings.map((f) => f.location.line);
}

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ase-each-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('a check on a path built from a name', () => {
  it('proves the name when the base is clean', async () => {
    expect(await lines(`function f() {
  const name = input.name;
  const full = path.resolve('/srv', name);
  if (!full.startsWith('/srv' + path.sep)) throw new Error('x');
  fs.writeFileSync(path.join('/srv', name), '');
}\n`)).toEqual([]);
  });

  it('proves the name under a tainted base only when the check compares with that base', async () => {
    const body = (root: string): string => `function f() {
  const base = path.resolve(input.dest);
  const other = '/tmp';
  const name = input.name;
  const full = path.resolve(base, name);
  if (!full.startsWith(${root} + path.sep)) throw new Error('x');
  fs.writeFileSync(path.join(base, name), '');
}\n`;
    expect(await lines(body('base'))).toEqual([]);
    expect(await lines(body('other'))).toEqual([9]);
  });

  it('does not carry the proof when the name or the result was rebound in between', async () => {
    expect(await lines(`function f() {
  let name = input.name;
  const full = path.resolve('/srv', name);
  name = input.other;
  if (!full.startsWith('/srv' + path.sep)) throw new Error('x');
  fs.writeFileSync(path.join('/srv', name), '');
}\n`)).toEqual([8]);
    expect(await lines(`function f() {
  const name = input.name;
  let full = path.resolve('/srv', name);
  full = '/srv/x';
  if (!full.startsWith('/srv' + path.sep)) throw new Error('x');
  fs.writeFileSync(path.join('/srv', name), '');
}\n`)).toEqual([8]);
  });

  it('does not split a proof between two tainted parts', async () => {
    expect(await lines(`function f() {
  const full = path.resolve(input.dir, input.name);
  if (!full.startsWith('/srv' + path.sep)) throw new Error('x');
  fs.writeFileSync(path.join('/srv', input.name), '');
}\n`)).toEqual([6]);
  });
});

describe('a check on every element', () => {
  const each = (loop: string): string => `function f() {
  const list = input.entries;
${loop}
  list.forEach((e) => fs.writeFileSync(path.join('/srv', e.name), ''));
}\n`;

  it('proves the list after a forEach / map / for-of whose check throws', async () => {
    expect(await lines(each(`  list.forEach((e) => { if (!path.resolve('/srv', e.name).startsWith('/srv' + path.sep)) throw new Error('x'); });`))).toEqual([]);
    expect(await lines(each(`  for (const e of list) { const d = path.resolve('/srv', e.name); if (!d.startsWith('/srv' + path.sep)) throw new Error('x'); }`))).toEqual([]);
    expect(await lines(each(`  for (const e of list) { if (!path.resolve('/srv', e.name).startsWith('/srv/')) return; }`))).toEqual([]);
    expect(await lines(`function f() {
  const list = input.entries.map(function (e) {
    if (!path.resolve('/srv', e.name).startsWith('/srv/')) throw new Error('x');
    return e;
  });
  list.forEach((e) => fs.writeFileSync(path.join('/srv', e.name), ''));
}\n`)).toEqual([]);
  });

  it('does not prove the list when the check skips, logs, is conditional, can stop early, or is over another list', async () => {
    expect(await lines(each(`  list.forEach((e) => { if (!path.resolve('/srv', e.name).startsWith('/srv/')) return; });`))).toEqual([6]);
    expect(await lines(each(`  list.forEach((e) => { if (!path.resolve('/srv', e.name).startsWith('/srv/')) console.log(e); });`))).toEqual([6]);
    expect(await lines(each(`  list.forEach((e) => { if (e.strict) { if (!path.resolve('/srv', e.name).startsWith('/srv/')) throw e; } });`))).toEqual([6]);
    expect(await lines(each(`  for (const e of list) { if (e.last) break; if (!path.resolve('/srv', e.name).startsWith('/srv/')) throw e; }`))).toEqual([6]);
    expect(await lines(each(`  input.names.forEach((n) => { if (!path.resolve('/srv', n).startsWith('/srv/')) throw n; });`))).toEqual([6]);
  });
});
