// Taint labels (docs/rules.md): a source's `label:`, the `caller` label of exported-params, a
// sanitizer's `labels:` and `focus:`, and summaries (same file, across modules, Python) that keep
// what a labelled sanitizer removed.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { analyze, parseRuleFile } from '../../src/analysis/index.js';
import { HitList } from '../../src/analysis/hit-list.js';
import { deliverHit, parseParamLabel, sanitize, type SinkHit, type Taint, type Trace } from '../../src/analysis/taint-core.js';
import { writer } from './support.js';

let dir: string;
const write = writer(() => dir);
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ase-labels-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const at = (line: number, message: string): Trace => [{ location: { file: 'a.js', line, column: 1, endLine: line, endColumn: 2 }, message }];
const taint = (...labels: string[]): Taint => new Map(labels.map((l, i) => [l, at(i + 1, l)]));
const labelsOf = (t: Taint): string[] => (t === null ? [] : [...t.keys()].sort());

describe('taint-core labels', () => {
  it('removes only the named source labels and records them on parameter labels', () => {
    const t = taint('S', 'S:caller', 'S:user', 'P0', 'P1!user');
    expect(labelsOf(sanitize(t, ['caller']))).toEqual(['P0!caller', 'P1!caller,user', 'S', 'S:user']);
    expect(sanitize(t, undefined)).toBeNull();
    expect(sanitize(t, [])).toBe(t);
    expect(sanitize(taint('S:caller'), ['caller'])).toBeNull();
    expect(parseParamLabel('P12!a,b')).toEqual({ param: 12, drop: ['a', 'b'] });
    expect(parseParamLabel('S:caller')).toBeNull();
  });

  it('applies a hit with removed labels to the caller\'s argument', () => {
    const reported: Trace[] = [];
    const hits: SinkHit[] = [];
    const hit: SinkHit = { param: 0, trace: at(9, 'sink'), drop: ['caller'] };
    deliverHit(taint('S:caller', 'S', 'P2'), hit, () => at(5, 'call')[0]!, (tr) => reported.push(tr), hits);
    expect(reported.map((tr) => tr[0]!.message)).toEqual(['S']);
    expect(hits.map((h) => [h.param, h.drop])).toEqual([[2, ['caller']]]);
  });

  it('keeps hits of one parameter with and without removed labels apart', () => {
    const l = new HitList();
    for (const drop of [undefined, ['caller'], undefined, ['caller'], ['caller']]) l.push({ param: 0, trace: at(3, 'sink'), ...(drop ? { drop } : {}) });
    // Of each group only the first and the last are kept: 2 + 2.
    expect(l.toArray().map((h) => h.drop?.join() ?? '-')).toEqual(['-', 'caller', '-', 'caller']);
  });
});

const JS_RULE = `
rules:
  - id: t-path
    cwe: CWE-22
    languages: [javascript]
    message: path
    sources:
      - preset: js-http-request
      - preset: exported-params
    sinks:
      - pattern: fs.readFileSync($P)
        focus: $P
    sanitizers:
      - pattern: path.join($BASE, $NEXT, ...)
        focus: $BASE
        labels: [caller]
`;

async function lines(rule: string): Promise<string[]> {
  const r = await analyze({ root: dir, rules: parseRuleFile(rule, 'inline.yaml') });
  return r.findings.map((f) => `${f.location.file}:${f.location.line}`);
}

describe('labelled sanitizers (JavaScript)', () => {
  it('drops caller data in the focused argument only, and never request data', async () => {
    write('a.js', [
      "const fs = require('fs'), path = require('path');",
      "exports.config = function (dir) { return fs.readFileSync(path.join(dir, 'c.json')); };",
      'exports.entry = function (dir, name) { return fs.readFileSync(path.join(dir, name)); };',
      "exports.whole = function (file) { return fs.readFileSync(path.join(file)); };",
      "function handler(req) { return fs.readFileSync(path.join(req.query.dir, 'c.json')); }",
      'module.exports.h = handler;',
    ].join('\n'));
    expect(await lines(JS_RULE)).toEqual(['a.js:3', 'a.js:4', 'a.js:5']);
  });

  it('keeps the removed label through a summary: the caller\'s data loses it, a request value does not', async () => {
    write('a.js', [
      "const fs = require('fs'), path = require('path');",
      'function under(dir, name) { return path.join(dir, name); }',
      "function readUnder(dir) { return fs.readFileSync(path.join(dir, 'x')); }",
      "exports.a = function (dir) { return fs.readFileSync(under(dir, 'x')); };",
      'exports.b = function (dir, name) { return fs.readFileSync(under(dir, name)); };',
      'exports.c = function (dir) { return readUnder(dir); };',
      "function handler(req) { fs.readFileSync(under(req.query.d, 'x')); return readUnder(req.query.d); }",
      'module.exports.h = handler;',
    ].join('\n'));
    // exports.b: name in the later segment; handler: the request folder, through the return (7)
    // and through the sink hit of readUnder (3).
    expect(await lines(JS_RULE)).toEqual(['a.js:3', 'a.js:5', 'a.js:7']);
  });

  it('keeps the removed label across modules, and a label named in the rule', async () => {
    const rule = `
rules:
  - id: t-mod
    cwe: CWE-22
    languages: [javascript]
    message: path
    sources:
      - pattern: configValue()
        label: config
      - pattern: userValue()
    sinks:
      - pattern: fs.readFileSync($P)
        focus: $P
    sanitizers:
      - pattern: path.resolve($BASE, $NEXT, ...)
        focus: $BASE
        labels: [config]
`;
    write('lib.js', "const fs = require('fs'), path = require('path');\nexports.open = function (dir) { return fs.readFileSync(path.resolve(dir, 'x')); };\n");
    write('app.js', [
      "const { open } = require('./lib');",
      'open(configValue());',
      'open(userValue());',
      "fs.readFileSync(configValue() + '/x');",
    ].join('\n'));
    // lib.js:2 for the user value (the only one that reaches), app.js:4 for the config value used whole.
    const r = await analyze({ root: dir, rules: parseRuleFile(rule, 'inline.yaml') });
    expect(r.findings.map((f) => `${f.location.file}:${f.location.line} from ${f.trace[0]!.location.line}`)).toEqual(['app.js:4 from 4', 'lib.js:2 from 3']);
  });

  it('gives a public method the constructor\'s fields unless the label was removed on the way', async () => {
    write('a.js', [
      "const fs = require('fs'), path = require('path');",
      'function P(root, name) { this.base = path.join(root, name); this.root = path.join(root, "x"); }',
      'P.prototype.a = function () { return fs.readFileSync(this.base); };',
      'P.prototype.b = function () { return fs.readFileSync(this.root); };',
      'module.exports = P;',
    ].join('\n'));
    expect(await lines(JS_RULE)).toEqual(['a.js:3']);
  });
});

describe('labelled sanitizers (generic walker)', () => {
  it('removes only the named label, also through a summary (Python)', async () => {
    const rule = `
rules:
  - id: t-py
    cwe: CWE-22
    languages: [python]
    message: path
    sources:
      - pattern: request.args
      - pattern: settings_dir()
        label: config
    sinks:
      - pattern: open($P)
        focus: $P
    sanitizers:
      - pattern: os.path.join($BASE, $NEXT, ...)
        focus: $BASE
        labels: [config]
`;
    write('a.py', [
      'import os',
      'def under(d, n):',
      '    return os.path.join(d, n)',
      "open(os.path.join(settings_dir(), 'x'))",
      "open(under(settings_dir(), 'x'))",
      "open(under(request.args, 'x'))",
      'open(under(settings_dir(), request.args))',
    ].join('\n'));
    expect(await lines(rule)).toEqual(['a.py:6', 'a.py:7']);
  });
});

describe('rule format', () => {
  const base = (sanitizer: string, sources = '[{ preset: exported-params }]'): string => `
rules:
  - id: t
    cwe: CWE-22
    languages: [javascript]
    message: m
    sources: ${sources}
    sinks: [{ pattern: fs.readFileSync($P), focus: $P }]
    sanitizers: [${sanitizer}]
`;

  it('accepts labels sources give (exported-params: caller) and refuses others', () => {
    expect(parseRuleFile(base('{ pattern: f($X), labels: [caller] }'), 'r.yaml')).toHaveLength(1);
    expect(parseRuleFile(base('{ pattern: f($X), labels: [cfg] }', '[{ pattern: cfg(), label: cfg }]'), 'r.yaml')).toHaveLength(1);
    expect(() => parseRuleFile(base('{ pattern: f($X), labels: [user] }'), 'r.yaml'))
      .toThrow(/^r\.yaml: rule t: sanitizers\.0\.labels: no source of the rule has the label user$/);
    expect(() => parseRuleFile(base('{ pattern: f($X), labels: [caller], by-side-effect: true }'), 'r.yaml'))
      .toThrow(/sanitizers\.0\.labels: not supported with by-side-effect/);
    expect(() => parseRuleFile(base('{ pattern: f($X) }', '[{ pattern: a(), label: "1x" }]'), 'r.yaml')).toThrow(/rule t: sources\.0/);
    // A renamed exported-params label: `caller` is no longer given.
    expect(() => parseRuleFile(base('{ pattern: f($X), labels: [caller] }', '[{ preset: exported-params, label: api }]'), 'r.yaml'))
      .toThrow(/no source of the rule has the label caller/);
  });
});
