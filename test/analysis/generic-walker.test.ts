// The generic taint walker (PHP, Python, Java, Go) on behaviour the annotated packs do not pin:
// rule-level parameter sources, exported-params, keyword arguments into helpers, closures,
// framework parameters and the pack lookup by CWE.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { analyze, createAnalysisCache, loadRules, parseRuleFile, rulePack } from '../../src/analysis/index.js';

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

  it('PHP: a helper declared in a file the caller does not include is still called (functions are global)', async () => {
    // The front controller includes both; the page itself includes nothing (a common layout).
    mkdirSync(path.join(dir, 'lib'));
    mkdirSync(path.join(dir, 'pages'));
    writeFileSync(path.join(dir, 'index.php'), "<?php\ninclude 'lib/functions.php';\ninclude 'pages/show.php';\n");
    writeFileSync(path.join(dir, 'lib', 'functions.php'), [
      '<?php',
      'function h($s) { return htmlspecialchars($s, ENT_QUOTES); }',
      'function tidy($s) { return trim($s); }',
      'function out($s) { echo $s; }',
      'class Page { function label($s) { return htmlspecialchars($s); } }',
    ].join('\n'));
    const page = [
      '<?php',
      "echo h($_GET['a']);",
      "echo tidy($_GET['b']);",
      "out($_GET['c']);",
      "echo label($_GET['d']);",
    ].join('\n');
    writeFileSync(path.join(dir, 'pages', 'show.php'), page);
    const r = await analyze({ root: dir, rules: await loadRules(rulePack('CWE-79', 'php')) });
    const at = r.findings.map((f) => `${f.location.file}:${f.location.line}`).sort();
    // h() escapes: clean. tidy() passes taint through; out() echoes it (the finding is at its echo);
    // label() is only a method, so the plain call stays unknown (taint passes through).
    expect(at).toEqual(['lib/functions.php:4', 'pages/show.php:3', 'pages/show.php:5']);
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

  it('Python: helpers in other modules (from-import, import as, package) with an incremental rescan', async () => {
    const put = (rel: string, text: string): void => {
      mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      writeFileSync(path.join(dir, rel), text);
    };
    put('app/views.py', [
      'from flask import request',
      'from app.db import run_sql',
      'from . import util as u',
      'def a():',
      '    run_sql("SELECT " + request.args["x"])',
      'def b():',
      '    u.run_sql2(request.args["y"])',
      'def c():',
      '    run_sql("SELECT 1")',
    ].join('\n'));
    put('app/__init__.py', '');
    put('app/db.py', 'def run_sql(q):\n    return db.execute(q)\n');
    put('app/util.py', 'def run_sql2(q):\n    cursor.execute("SELECT " + q)\n');
    const r = parseRuleFile(rule('python', '[{ preset: python-web-request }]', '$C.execute($CMD)'), 'inline.yaml');
    const cache = createAnalysisCache();
    const first = await analyze({ root: dir, rules: r, cache });
    expect(first.findings.map((f) => [f.location.file, f.location.line, f.trace[0]!.location.file])).toEqual([
      ['app/db.py', 2, 'app/views.py'], ['app/util.py', 2, 'app/views.py'],
    ]);
    // The helper no longer runs SQL: the caller's findings must not be reused from the cache.
    put('app/db.py', 'def run_sql(q):\n    return None\n');
    const second = await analyze({ root: dir, rules: r, cache });
    expect(second.findings.map((f) => f.location.file)).toEqual(['app/util.py']);
    const third = await analyze({ root: dir, rules: r, cache });
    expect(third.findings).toEqual(second.findings);
  });

  it('Java: a class in the same package and an imported class of another package', async () => {
    const put = (rel: string, text: string): void => {
      mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      writeFileSync(path.join(dir, rel), text);
    };
    put('src/main/java/shop/web/Api.java', [
      'package shop.web;',
      'import shop.util.Shell;',
      'class Api {',
      '  void a(HttpServletRequest request) { Runner.run(request.getParameter("c")); }',
      '  void b(HttpServletRequest request) { Shell.exec(request.getParameter("c")); }',
      '  void c(HttpServletRequest request) { Shell.exec("ls"); }',
      '}',
    ].join('\n'));
    put('src/main/java/shop/web/Runner.java', 'package shop.web;\nclass Runner {\n  static void run(String c) { Runtime.getRuntime().exec(c); }\n}\n');
    put('src/main/java/shop/util/Shell.java', 'package shop.util;\npublic class Shell {\n  public static void exec(String c) { Runtime.getRuntime().exec("sh -c " + c); }\n}\n');
    const r = await analyze({ root: dir, rules: parseRuleFile(rule('java', '[{ preset: java-servlet-request }]', 'Runtime.getRuntime().exec($CMD)'), 'inline.yaml') });
    expect(r.findings.map((f) => [f.location.file, f.location.line])).toEqual([
      ['src/main/java/shop/util/Shell.java', 3], ['src/main/java/shop/web/Runner.java', 3],
    ]);
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
