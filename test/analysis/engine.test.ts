// analyze(), rule loading, SARIF and the incremental cache (issue 3): behaviour seen from outside.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { analyze, createAnalysisCache, parseRuleFile, rulePack, toSarif, type Rule } from '../../src/analysis/index.js';
import { HarnessError } from '../../src/core/index.js';
import { CMD_RULE, writer } from './support.js';


let dir: string;
const write = writer(() => dir);
const rules = (text = CMD_RULE): Rule[] => parseRuleFile(text, 'inline.yaml');

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ase-analysis-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('rule files', () => {
  it('reports a malformed rule as one line naming file, rule and problem', () => {
    const bad = CMD_RULE.replace('cwe: CWE-78', 'cwe: CWE78');
    expect(() => parseRuleFile(bad, 'r.yaml')).toThrow(HarnessError);
    expect(() => parseRuleFile(bad, 'r.yaml')).toThrow(/^r\.yaml: rule t-cmd: cwe: must look like CWE-79$/);
    expect(() => parseRuleFile('rules:\n  - id: x\n    cwe: CWE-1\n    languages: [javascript]\n    message: m\n    sources: [{ pattern: a }]\n', 'r.yaml'))
      .toThrow(/^r\.yaml: rule x: a taint rule needs at least one source and one sink$/);
    expect(() => parseRuleFile('rules: [', 'r.yaml')).toThrow(/^r\.yaml: not valid YAML/);
    expect(() => parseRuleFile(CMD_RULE.replace('focus: $CMD', 'focus: CMD'), 'r.yaml')).toThrow(/rule t-cmd: sinks\.0/);
    expect(() => parseRuleFile(CMD_RULE.replace('pattern: $CP.exec($CMD, ...)', 'pattern: "$CP.exec($CMD"'), 'r.yaml'))
      .toThrow(/^r\.yaml: rule t-cmd: sinks\.0\.pattern: does not parse as javascript: /);
    // Parses, but ast-grep refuses it (PHP's exit is a statement: its pattern needs the `;`).
    const php = 'rules:\n  - id: p\n    cwe: CWE-79\n    languages: [php]\n    message: m\n    sources: [{ pattern: $_GET }]\n    sinks: [{ pattern: "exit($X)" }]\n';
    expect(() => parseRuleFile(php, 'r.yaml')).toThrow(/^r\.yaml: rule p: sinks\.0\.pattern: does not compile for php: "exit\(\$X\)": /);
    expect(parseRuleFile(php.replace('exit($X)', 'exit($X);'), 'r.yaml')).toHaveLength(1);
  });

  it('maps CWE-77/88 to the CWE-78 pack and TypeScript to the JavaScript pack', () => {
    expect(rulePack('CWE-88', 'typescript')).toEqual(rulePack('CWE-78', 'javascript'));
    expect(rulePack('CWE-78', 'javascript').length).toBeGreaterThan(0);
    expect(rulePack('CWE-9999', 'javascript')).toEqual([]);
  });
});

describe('analyze', () => {
  it('finds a flow across modules and gives its trace', async () => {
    write('app.js', "const { run } = require('./lib/run');\napp.get('/', (req, res) => run(req.query.x));\n");
    write('lib/run.js', "const cp = require('child_process');\nexports.run = function (c) { cp.exec('ls ' + c); };\n");
    const r = await analyze({ root: dir, rules: rules() });
    expect(r.findings).toHaveLength(1);
    const f = r.findings[0]!;
    expect(f.location).toMatchObject({ file: 'lib/run.js', line: 2 });
    expect(f.trace[0]!.location.file).toBe('app.js');
    expect(f.trace.map((s) => s.message)).toContain('parameter c');
    expect(r.notices).toEqual([]);
  });

  it('never reports unsupported or broken files as clean', async () => {
    write('a.c', 'int main() { return 0; }\n');
    write('b.js', 'function ( {\n');
    write('c.php', '<?php echo 1;\n');
    write('d.rb', 'puts 1\n');
    write('README.md', '# not code\n');
    const php = rules(`
rules:
  - id: t-php-cmd
    cwe: CWE-78
    languages: [php]
    message: command injection
    sources: [{ preset: php-superglobals }]
    sinks: [{ pattern: exec($CMD) }]
`);
    const r = await analyze({ root: dir, rules: [...rules(), ...php] });
    expect(r.notices.map((n) => [n.file, n.kind])).toEqual([
      ['a.c', 'unsupported-language'], ['b.js', 'parse-error'], ['d.rb', 'unsupported-language'],
    ]);
    const sarif = toSarif(r, dir) as { runs: Array<{ invocations: Array<{ executionSuccessful: boolean; toolExecutionNotifications: Array<{ descriptor: { id: string } }> }> }> };
    const inv = sarif.runs[0]!.invocations[0]!;
    expect(inv.executionSuccessful).toBe(false);
    expect(inv.toolExecutionNotifications[0]!.descriptor.id).toMatch(/^unsupported/);
  });

  it('writes SARIF 2.1.0 with relative URIs and code flows', async () => {
    write('x.js', "const cp = require('child_process');\nfunction h(req) { const d = req.body.d;\n  cp.exec(d); }\n");
    const r = await analyze({ root: dir, rules: rules() });
    const s = JSON.parse(JSON.stringify(toSarif(r, dir))) as {
      version: string;
      runs: Array<{ results: Array<{ ruleId: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }>; codeFlows: Array<{ threadFlows: Array<{ locations: unknown[] }> }> }> }>;
    };
    expect(s.version).toBe('2.1.0');
    const res = s.runs[0]!.results[0]!;
    expect(res.ruleId).toBe('t-cmd');
    expect(res.locations[0]!.physicalLocation.artifactLocation.uri).toBe('x.js');
    expect(res.codeFlows[0]!.threadFlows[0]!.locations.length).toBeGreaterThanOrEqual(3);
  });

  it('reuses the cache for unchanged files and sees the changed one', async () => {
    write('app.js', "const { run } = require('./run');\napp.get('/', (req, res) => run(req.query.x));\n");
    write('run.js', "const cp = require('child_process');\nexports.run = function (c) { cp.exec('ls ' + c); };\n");
    write('other.js', "const cp = require('child_process');\napp.post('/', (req) => cp.exec(req.body.y));\n");
    const cache = createAnalysisCache();
    const first = await analyze({ root: dir, rules: rules(), cache });
    expect(first.findings.map((f) => f.location.file).sort()).toEqual(['other.js', 'run.js']);
    write('run.js', "const cp = require('child_process');\nexports.run = function (c) { cp.exec('ls'); };\n");
    const second = await analyze({ root: dir, rules: rules(), cache });
    expect(second.findings.map((f) => f.location.file)).toEqual(['other.js']);
    const fresh = await analyze({ root: dir, rules: rules() });
    expect(second.findings).toEqual(fresh.findings);
    // A copy of the repository in another folder (a new workspace) reuses the same cache.
    const copy = mkdtempSync(path.join(os.tmpdir(), 'ase-analysis-copy-'));
    try {
      for (const f of ['app.js', 'run.js', 'other.js']) writeFileSync(path.join(copy, f), readFileSync(path.join(dir, f)));
      const third = await analyze({ root: copy, rules: rules(), cache });
      expect(third.findings).toEqual(fresh.findings);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });

  it('matches PHP patterns written without <?php (search mode)', async () => {
    write('q.php', "<?php\n$q = \"SELECT * FROM t WHERE id=\" . $_GET['id'];\nmysqli_query($conn, $q);\n");
    const r = await analyze({
      root: dir,
      rules: rules(`
rules:
  - id: php-mysqli
    cwe: CWE-89
    languages: [php]
    message: query call
    mode: search
    patterns:
      - pattern: mysqli_query($C, $Q)
        focus: $Q
`),
    });
    expect(r.findings.map((f) => [f.location.file, f.location.line])).toEqual([['q.php', 3]]);
  });

  it('reports a pattern that does not compile as a rule error, once', async () => {
    write('a.js', 'cp.exec(x);\n');
    write('b.js', 'cp.exec(y);\n');
    const r = await analyze({
      root: dir,
      rules: rules(CMD_RULE.replace('focus: $CMD', "focus: $CMD\n        metavariable-regex: { metavariable: $CP, regex: '(' }")),
    });
    expect(r.notices.filter((n) => n.kind === 'rule-error')).toHaveLength(1);
  });
});

describe('library mode (exported-params)', () => {
  const LIB_RULE = `
rules:
  - id: t-lib
    cwe: CWE-94
    languages: [javascript]
    message: code injection
    sources: [{ preset: exported-params }]
    sinks:
      - pattern: eval($X)
        focus: $X
`;

  it('gives a public method what the constructor stored from its parameters', async () => {
    write('lib.js', [
      'function Tpl(text, opts) {',
      '  this.opts = { name: opts.name };',
      "  this.kind = 'tpl';",
      '}',
      'Tpl.prototype = {',
      '  run: function () {',
      "    eval('var ' + this.opts.name);",
      "    eval('var ' + this.kind);",
      '  },',
      '};',
      'module.exports = Tpl;',
    ].join('\n'));
    const r = await analyze({ root: dir, rules: rules(LIB_RULE) });
    expect(r.findings.map((f) => f.location.line)).toEqual([7]);
    expect(r.findings[0]!.trace[0]!.message).toMatch(/parameter opts of Tpl, stored in this\.opts/);
  });

  it('treats `x = module.exports = {}` members and `this.m` of an exported constructor as public', async () => {
    write('a.js', "var api = module.exports = {};\napi.run = function (code) { eval(code); };\nfunction internal(code) { eval(code); }\n");
    write('b.js', 'exports.Client = function () {\n  this.send = function (data) { eval(data); };\n};\n');
    const r = await analyze({ root: dir, rules: rules(LIB_RULE) });
    expect(r.findings.map((f) => `${f.location.file}:${f.location.line}`)).toEqual(['a.js:2', 'b.js:2']);
  });

  it('takes the pieces of split/slice from the receiver only, and follows a helper into its return', async () => {
    write('c.js', [
      'function wrap(s) {',
      "  return '(' + s + ')';",
      '}',
      'exports.f = function (sep, text) {',
      "  eval('1'.split(sep)[0]);",
      '  eval(wrap(text));',
      "  eval(String(text).indexOf('x'));",
      '};',
    ].join('\n'));
    const r = await analyze({ root: dir, rules: rules(LIB_RULE) });
    expect(r.findings.map((f) => f.location.line)).toEqual([6]);
    // The trace goes through the helper's return statement.
    expect(r.findings[0]!.trace.map((s) => s.location.line)).toContain(2);
  });
});

describe('branch joins of fields', () => {
  it('keeps a field tainted after a branch that cleaned it on one side only', async () => {
    write('j.js', [
      "const cp = require('child_process');",
      'app.get("/", (req, res) => {',
      '  const opts = req.query;',
      "  if (req.query.safe) opts.cmd = 'ls';",
      "  cp.exec('x ' + opts.cmd);",
      '  const o2 = req.query;',
      "  if (req.query.safe) o2.cmd = 'ls'; else o2.cmd = 'pwd';",
      "  cp.exec('x ' + o2.cmd);",
      '});',
    ].join('\n'));
    const r = await analyze({ root: dir, rules: rules() });
    expect(r.findings.map((f) => f.location.line)).toEqual([5]);
  });
});
