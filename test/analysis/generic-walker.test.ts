// The generic taint walker (PHP, Python, Java, Go) on behaviour the annotated packs do not pin:
// rule-level parameter sources, exported-params, keyword arguments into helpers, closures,
// framework parameters and the pack lookup by CWE.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { analyze, parseRuleFile, rulePack } from '../../src/analysis/index.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ase-generic-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function lines(file: string, text: string, rule: string): Promise<number[]> {
  writeFileSync(path.join(dir, file), text);
  const r = await analyze({ root: dir, rules: parseRuleFile(rule, 'inline.yaml') });
  expect(r.notices).toEqual([]);
  return r.findings.map((f) => f.location.line);
}

const rule = (lang: string, sources: string, sink: string): string => `
rules:
  - id: t-${lang}
    cwe: CWE-78
    languages: [${lang}]
    message: m
    sources: ${sources}
    sinks: [{ pattern: '${sink}', focus: $CMD }]
`;

describe('generic walker', () => {
  it('Python: parameter clauses, keyword arguments into a helper, f-strings', async () => {
    const src = [
      'import os',
      'def helper(prefix, cmd=""):',
      '    os.system(f"{prefix} {cmd}")',
      'def entry(user_cmd, flag):',
      '    helper("echo", cmd=user_cmd)',
      '    helper("echo", cmd=flag)',
      '    helper(prefix="x")',
    ].join('\n');
    const r = rule('python', "[{ parameter: { function: '^entry$', index: 0 } }]", 'os.system($CMD)');
    expect(await lines('a.py', src, r)).toEqual([3]);
  });

  it('PHP: exported-params, closures that capture a tainted variable', async () => {
    const src = [
      '<?php',
      'function run($cmd) {',
      '  $f = function () use ($cmd) { system($cmd); };',
      '  $f();',
      '}',
      'class T { private function hidden($c) { system($c); } }',
    ].join('\n');
    const r = rule('php', '[{ preset: exported-params }]', 'system($CMD)');
    expect(await lines('a.php', src, r)).toEqual([3]);
  });

  it('Python: FastAPI route parameters are sources, numeric and Depends() ones are not', async () => {
    const src = [
      'import os',
      '@app.get("/x")',
      'def view(name: str, n: int, db = Depends(get_db)):',
      '    os.system(name)',
      '    os.system(n)',
      '    os.system(db)',
    ].join('\n');
    expect(await lines('a.py', src, rule('python', '[{ preset: web-route-params }]', 'os.system($CMD)'))).toEqual([4]);
  });

  it('Java: Spring @RequestParam is a source, a plain parameter is not; lambdas see captured taint', async () => {
    const src = [
      'class C {',
      '  @GetMapping("/x")',
      '  String a(@RequestParam String q, String other) {',
      '    Runnable r = () -> Runtime.getRuntime().exec(q);',
      '    Runtime.getRuntime().exec(other);',
      '    return "";',
      '  }',
      '}',
    ].join('\n');
    expect(await lines('C.java', src, rule('java', '[{ preset: web-route-params }]', 'Runtime.getRuntime().exec($CMD)'))).toEqual([4]);
  });

  it('Go: a handler written as a function literal, and a method called on its receiver', async () => {
    const src = [
      'package main',
      'type S struct{}',
      'func (s *S) run(c string) { exec.Command(c).Run() }',
      'func main() {',
      '  s := &S{}',
      '  http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {',
      '    s.run(r.FormValue("c"))',
      '  })',
      '}',
    ].join('\n');
    expect(await lines('m.go', src, rule('go', '[{ preset: go-http-request }]', 'exec.Command($CMD)'))).toEqual([3]);
  });

  it('finds the default pack of each language by CWE (77 and 88 share the 78 pack)', () => {
    for (const lang of ['php', 'python', 'java', 'go'] as const) {
      for (const cwe of ['CWE-22', 'CWE-77', 'CWE-78', 'CWE-88', 'CWE-79', 'CWE-89', 'CWE-94']) {
        expect(rulePack(cwe, lang).length, `${cwe} ${lang}`).toBe(1);
      }
      expect(rulePack('CWE-1321', lang)).toEqual([]);
    }
  });
});
