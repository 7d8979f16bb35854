// The analysis cache (issue 3, scan speed and memory): bounded, tree-free, and a warm rescan gives
// exactly what a cold scan gives.
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { analyze, createAnalysisCache, parseRuleFile, type Rule } from '../../src/analysis/index.js';
import { LruMap } from '../../src/analysis/lru.js';
import { CMD_RULE, writer } from './support.js';


let dir: string;
const write = writer(() => dir);
const rules = (): Rule[] => parseRuleFile(CMD_RULE, 'inline.yaml');

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ase-cache-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Names of the classes of every object reachable from `root` (own enumerable values, Maps, Sets). */
function classesIn(root: unknown): Set<string> {
  const out = new Set<string>();
  const seen = new Set<object>();
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const v = stack.pop();
    if (v === null || typeof v !== 'object' || seen.has(v)) continue;
    seen.add(v);
    out.add(v.constructor?.name ?? 'null-prototype');
    if (v instanceof Map) for (const [k, x] of v) stack.push(k, x);
    else if (v instanceof Set || Array.isArray(v)) for (const x of v) stack.push(x);
    else if (v instanceof LruMap) for (const k of v.keys()) stack.push(k, v.peek(k));
    else for (const x of Object.values(v)) stack.push(x);
  }
  return out;
}

describe('LruMap', () => {
  it('drops the least recently used entry beyond its limit', () => {
    const m = new LruMap<string, number>(2);
    m.set('a', 1).set('b', 2);
    expect(m.get('a')).toBe(1);
    m.set('c', 3);
    expect([...m.keys()]).toEqual(['a', 'c']);
    expect(m.get('b')).toBeUndefined();
    expect(m.peek('a')).toBe(1);
    expect(m.size).toBe(2);
  });

  it('refuses a limit that is not a positive integer', () => {
    expect(() => new LruMap(0)).toThrow(/limit must be a positive integer, got 0/);
  });
});

describe('analysis cache', () => {
  it('keeps no syntax tree or node after a scan', async () => {
    write('app.js', "const { run } = require('./run');\napp.get('/', (req, res) => run(req.query.x));\n");
    write('run.js', "const cp = require('child_process');\nexports.run = function (c) { cp.exec('ls ' + c); };\n");
    const cache = createAnalysisCache();
    const r = await analyze({ root: dir, rules: rules(), cache });
    expect(r.findings).toHaveLength(1);
    const classes = classesIn({ files: cache.files, results: cache.results });
    expect(classes.has('FileRuleResult') || classes.has('Object')).toBe(true);
    for (const c of classes) expect(c).not.toMatch(/^Sg(Root|Node)$/);
  });

  it('gives a warm rescan exactly the cold result, across a cycle of imports', async () => {
    write('a.js', "const b = require('./b');\nexports.fa = function (x) { return b.fb(x); };\napp.get('/', (req) => b.fb(req.query.q));\n");
    write('b.js', "const a = require('./a');\nconst cp = require('child_process');\nexports.fb = function (y) { cp.exec(y); return a.fa(y); };\n");
    write('c.js', "const { fa } = require('./a');\napp.post('/', (req) => fa(req.body.z));\n");
    const cache = createAnalysisCache();
    const cold1 = await analyze({ root: dir, rules: rules() });
    expect(cold1.findings.length).toBeGreaterThan(0);
    const warm1 = await analyze({ root: dir, rules: rules(), cache });
    expect(warm1.findings).toEqual(cold1.findings);
    write('b.js', "const a = require('./a');\nconst cp = require('child_process');\nexports.fb = function (y) { cp.exec('ls'); return a.fa(y); };\n");
    const warm2 = await analyze({ root: dir, rules: rules(), cache });
    const cold2 = await analyze({ root: dir, rules: rules() });
    expect(warm2.findings).toEqual(cold2.findings);
    expect(warm2.findings.length).toBeLessThan(cold1.findings.length);
    write('b.js', "const a = require('./a');\nconst cp = require('child_process');\nexports.fb = function (y) { cp.exec(y); return a.fa(y); };\n");
    const warm3 = await analyze({ root: dir, rules: rules(), cache });
    expect(warm3.findings).toEqual(cold1.findings);
  });

  it('walks a caller again when a module it imports gains a sink (it was skipped while none could be reached)', async () => {
    // a.js is not walked while nothing it imports can reach a sink; the scan must still record
    // its imports, or a warm rescan reuses its empty result after c.js gains the sink.
    write('a.js', "const b = require('./b');\napp.get('/', (req) => b.fb(req.query.q));\n");
    write('b.js', "const c = require('./c');\nexports.fb = function (y) { return c.fc(y); };\n");
    const safe = "exports.fc = function (z) { return z.length; };\n";
    const sink = "const cp = require('child_process');\nexports.fc = function (z) { cp.exec(z); };\n";
    write('c.js', safe);
    const cache = createAnalysisCache();
    expect((await analyze({ root: dir, rules: rules(), cache })).findings).toHaveLength(0);
    write('c.js', sink);
    const warm = await analyze({ root: dir, rules: rules(), cache });
    const cold = await analyze({ root: dir, rules: rules() });
    expect(cold.findings.length).toBeGreaterThan(0);
    expect(cold.findings[0]?.trace[0]?.location.file).toBe('a.js');
    expect(warm.findings).toEqual(cold.findings);
    write('c.js', safe);
    expect((await analyze({ root: dir, rules: rules(), cache })).findings).toHaveLength(0);
  });

  it('sees a change of the same size, whether the file was old or just written', async () => {
    const flow = "const cp = require('child_process');\napp.get('/', (req) => cp.exec(req.query.a));\n";
    const safe = "const cp = require('child_process');\napp.get('/', (req) => cp.exec('ls -l   .'));\n";
    expect(safe.length).toBe(flow.length);
    write('a.js', flow);
    const old = new Date(Date.now() - 60_000);
    utimesSync(path.join(dir, 'a.js'), old, old);
    const cache = createAnalysisCache();
    expect((await analyze({ root: dir, rules: rules(), cache })).findings).toHaveLength(1);
    // Trusted by its stat now (old mtime), yet a write changes the mtime.
    expect((await analyze({ root: dir, rules: rules(), cache })).findings).toHaveLength(1);
    write('a.js', safe);
    expect((await analyze({ root: dir, rules: rules(), cache })).findings).toHaveLength(0);
    // Just written: never trusted by its stat, so a same-size rewrite in the same instant is seen.
    write('a.js', flow);
    expect((await analyze({ root: dir, rules: rules(), cache })).findings).toHaveLength(1);
  });

  it('runs scans that share a cache one after the other', async () => {
    // More files than a scan parses between two yields to the event loop.
    for (let i = 0; i < 40; i++) write(`m${i}.js`, `const cp = require('child_process');\napp.get('/${i}', (req) => cp.exec(req.query.c${i}));\n`);
    const other = mkdtempSync(path.join(os.tmpdir(), 'ase-cache-other-'));
    try {
      for (let i = 0; i < 40; i++) writeFileSync(path.join(other, `m${i}.js`), i % 2 === 0 ? `app.get('/${i}', (req) => req.query.c);\n` : `const cp = require('child_process');\napp.get('/${i}', (req) => cp.exec(req.query.c${i}));\n`);
      const cache = createAnalysisCache();
      const [a, b] = await Promise.all([analyze({ root: dir, rules: rules(), cache }), analyze({ root: other, rules: rules(), cache })]);
      expect(a.findings).toEqual((await analyze({ root: dir, rules: rules() })).findings);
      expect(b.findings).toEqual((await analyze({ root: other, rules: rules() })).findings);
      expect(a.findings).toHaveLength(40);
      expect(b.findings).toHaveLength(20);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  it('reports a rule that does not compile the same way with and without a tree at hand', async () => {
    write('a.js', 'cp.exec(x);\n');
    write('b.js', "const a = require('./a');\n");
    const bad = parseRuleFile(CMD_RULE.replace('focus: $CMD', "focus: $CMD\n        metavariable-regex: { metavariable: $CP, regex: '(' }"), 'inline.yaml');
    const cache = createAnalysisCache();
    const first = await analyze({ root: dir, rules: bad, cache });
    const second = await analyze({ root: dir, rules: bad, cache });
    for (const r of [first, second]) {
      expect(r.notices.filter((n) => n.kind === 'rule-error').map((n) => n.message)).toEqual([
        expect.stringMatching(/^rule t-cmd: a pattern does not compile for javascript: /),
      ]);
    }
  });
});
