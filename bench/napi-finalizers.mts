// Evidence for src/analysis/pacer.ts: the native memory of @ast-grep/napi node wrappers is freed
// only when the event loop turns, whatever the garbage collector does. Each mode walks the same
// generated file (every node, `children()` + `kind()`) ROUNDS times in one fresh process:
//   sync      one synchronous loop (what a walker that never yields does)
//   gc        a full collection after each round, still synchronous
//   yield     a setImmediate after each round (Node drains the napi finalizer queue there)
//   gc+yield  both
// and prints the wrappers made, the RSS and the process's high-water mark.
// Run: npx tsx bench/napi-finalizers.mts [--rounds 30] [--functions 300]
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parse, Lang, type SgNode } from '@ast-grep/napi';

const args = process.argv.slice(2);
const opt = (name: string, dflt: string): string => (args.includes(name) ? args[args.indexOf(name) + 1] ?? dflt : dflt);
const rounds = Number(opt('--rounds', '30'));
const functions = Number(opt('--functions', '300'));
const mode = opt('--mode', '');

if (mode === '') {
  const self = fileURLToPath(import.meta.url);
  for (const m of ['sync', 'gc', 'yield', 'gc+yield']) {
    const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', self, '--mode', m, '--rounds', String(rounds), '--functions', String(functions)], { encoding: 'utf8' });
    if (r.status !== 0) {
      console.error(`mode ${m} failed: ${r.stderr.split('\n')[0]}`);
      process.exit(1);
    }
    process.stdout.write(r.stdout);
  }
} else {
  const text = Array.from({ length: functions }, (_, i) =>
    `function f${i}(a, b) {\n  const x = a.b[c] + "s" + b;\n  if (x.length > ${i}) { return g(x, [1, 2, 3], { k: a }); }\n  for (const y of b) x.push(y * 2);\n  return null;\n}\n`).join('');
  const mb = (b: number): string => `${(b / 1048576).toFixed(0)} MB`;
  const gc = (globalThis as { gc?: () => void }).gc!;
  const root = parse(Lang.JavaScript, text);
  let made = 0;
  const walk = (n: SgNode): void => {
    made++;
    n.kind();
    for (const c of n.children()) walk(c);
  };
  const rss0 = process.memoryUsage.rss();
  for (let i = 0; i < rounds; i++) {
    walk(root.root());
    if (mode.includes('gc')) gc();
    if (mode.includes('yield')) await new Promise((r) => setImmediate(r));
  }
  const grown = process.memoryUsage.rss() - rss0;
  console.log(`${mode.padEnd(9)} ${made} wrappers (${(text.length / 1024).toFixed(0)} KB of text): RSS grew ${mb(grown).padStart(7)}, ${(grown / made).toFixed(0).padStart(4)} bytes a wrapper; high-water mark ${mb(process.resourceUsage().maxRSS * 1024)}`);
}
