// `untyped-key-descended` / `magic-key-list` (src/analysis/key-type.ts) through the CWE-1321
// search rule js-prototype-key-untyped-check: cases the annotated test does not spell out.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { analyze, loadRules } from '../../src/analysis/index.js';
import { writer } from './support.js';

const RULE_FILE = path.resolve(import.meta.dirname, '../../rules/CWE-1321/javascript/js-prototype-key-untyped-check.yaml');
let dir: string;
const write = writer(() => dir);

async function lines(body: string, file = 'a.js'): Promise<number[]> {
  write(file, body);
  const r = await analyze({ root: dir, rules: await loadRules([RULE_FILE]) });
  return r.findings.map((f) => f.location.line);
}

/** A walk down `o` with the key `k` of each step, after `check` (line 4). */
const walk = (bind: string, check: string, tail = ''): string => `function put(o, keys, v) {
  for (let i = 0; i < keys.length; i++) {
    ${bind}
    ${check}
    ${tail}
    o = o[k] || (o[k] = {});
  }
}
module.exports = put;
`;

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ase-keytype-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('untyped-key-descended', () => {
  it('flags an element of a parameter tested by ===', async () => {
    expect(await lines(walk('let k = keys[i];', "if (k === '__proto__') continue;"))).toEqual([4]);
  });

  it('accepts the conversions and type tests that pin the key', async () => {
    for (const [bind, check] of [
      ['let k = `${keys[i]}`;', "if (k === '__proto__') continue;"],
      ["let k = keys[i] + '';", "if (k === '__proto__') continue;"],
      ['let k = keys[i].toString();', "if (k === '__proto__') continue;"],
      ['let k = keys[i]; assert(typeof k === "string");', "if (k === '__proto__') continue;"],
      ["let k = keys[i]; if (Array.isArray(k)) k = k.join('.');", "if (k === '__proto__') continue;"],
      ["let k = keys[i]; if (typeof k !== 'string') { throw new TypeError('key') }", "else if (k === '__proto__') continue;"],
    ]) {
      expect(await lines(walk(bind!, check!)), bind).toEqual([]);
    }
  });

  it('does not count a conversion made after the test', async () => {
    expect(await lines(walk('let k = keys[i];', "if (k === '__proto__') continue;", 'const n = String(k);'))).toEqual([4]);
  });

  it('needs the tested key itself to go down: a key reassigned after the test is another value', async () => {
    expect(await lines(walk('let k = keys[i];', "if (k === '__proto__') continue;", 'k = other(k);'))).toEqual([]);
  });

  it('takes keys of Object.entries and elements of .map(String) as strings', async () => {
    expect(await lines(`function merge(dst, src) {
  for (const [k, v] of Object.entries(src)) {
    if (k === '__proto__') continue;
    merge(dst[k] || (dst[k] = {}), v);
  }
}
function put(o, keys) {
  for (const k of keys.map(String)) {
    if (k === 'constructor') continue;
    o = o[k] || (o[k] = {});
  }
}
module.exports = { merge, put };
`)).toEqual([]);
  });

  it('follows a holder that becomes the walked object', async () => {
    expect(await lines(`function put(root, keys, v) {
  let cur = root;
  for (const k of keys) {
    if (k === '__proto__') throw new Error('key');
    const next = cur[k] || {};
    cur[k] = next;
    cur = next;
  }
}
module.exports = put;
`)).toEqual([4]);
  });

  it('reads TypeScript', async () => {
    expect(await lines(`export function put(o: Record<string, any>, keys: unknown[], v: unknown): void {
  for (const k of keys as any[]) {
    if (k === 'prototype') continue;
    o = o[k] ?? (o[k] = {});
  }
}
`, 'a.ts')).toEqual([3]);
  });
});

describe('magic-key-list', () => {
  it('finds a module constant declared after the function, and a frozen list', async () => {
    expect(await lines(`function put(o, keys) {
  for (const k of keys) {
    if (DENY.includes(k)) continue;
    o = o[k] || (o[k] = {});
  }
}
function put2(o, keys) {
  for (const k of keys) {
    if (FROZEN.indexOf(k) >= 0) continue;
    o = o[k] || (o[k] = {});
  }
}
const DENY = ['__proto__', 'constructor'];
const FROZEN = Object.freeze(['prototype']);
module.exports = { put, put2 };
`)).toEqual([3, 9]);
  });

  it('ignores lists that do not name a magic key', async () => {
    expect(await lines(`const RESERVED = new Set(['length', 'name']);
function put(o, keys) {
  for (const k of keys) {
    if (RESERVED.has(k)) continue;
    o = o[k] || (o[k] = {});
  }
}
module.exports = put;
`)).toEqual([]);
  });
});
