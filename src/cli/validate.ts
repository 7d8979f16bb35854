// `ase validate`: one line per instance, a summary per class, non-zero exit on any failure.
import path from 'node:path';
import os from 'node:os';
import type { Command } from 'commander';
import { loadDataset } from '../dataset/index.js';
import { validateDataset, type InstanceValidation } from '../run/index.js';
import { collect, existingDir, intOption } from './options.js';
import { DEFAULT_DATASET } from './run.js';

/** Vulnerability classes of the dataset (issue 5): command and argument injection form one class. */
const CLASS_OF: Record<string, string> = { 'CWE-77': 'CWE-78/77/88', 'CWE-78': 'CWE-78/77/88', 'CWE-88': 'CWE-78/77/88', 'CWE-95': 'CWE-94' };

function line(r: InstanceValidation): string {
  const mark = r.ok ? 'ok  ' : 'FAIL';
  return `${mark} ${r.id.padEnd(48)} ${r.cwe.padEnd(9)} ${(r.duration_ms / 1000).toFixed(1).padStart(5)} s${r.ok ? '' : `  ${r.failures.join('; ')}`}`;
}

export function registerValidate(program: Command): void {
  program.command('validate')
    .description('check that every instance tells good code from bad (method.md §8): rule, PoC and tests on vulnerable, gold, empty and stub fills')
    .option('-d, --dataset <name|path>', 'bundled dataset name or dataset folder', DEFAULT_DATASET)
    .option('-i, --instance <id>', 'only these instances (repeatable)', collect)
    .option('-r, --repeat <n>', 'judge the gold and vulnerable fills n times (flakiness)', intOption('--repeat', 1, 50), 1)
    .option('-j, --concurrency <n>', 'instances validated at once', intOption('--concurrency', 1, 64), Math.max(2, os.availableParallelism()))
    .option('--no-dynamic', 'skip tests and PoCs')
    .option('--registry <url>', 'npm registry URL')
    .option('--git-mirror <dir>', 'resolve git owner/name to DIR/owner/name.git (offline mirrors)')
    .option('--ase-images <dir>', 'A.S.E v2 instances: folder of image archives (see ase run --help)')
    .option('--json', 'print the results as JSON', false)
    .action(async (flags: { dataset: string; instance?: string[]; repeat: number; concurrency: number; dynamic: boolean; registry?: string; gitMirror?: string; aseImages?: string; json: boolean }) => {
      const ds = loadDataset(flags.dataset);
      const instances = flags.instance?.length ? ds.instances.filter((i) => flags.instance?.includes(i.id)) : ds.instances;
      const results = await validateDataset(instances, {
        repeat: flags.repeat, dynamic: flags.dynamic, concurrency: flags.concurrency, ...(flags.registry ? { registry: flags.registry } : {}),
        ...(flags.gitMirror ? { gitMirror: path.resolve(flags.gitMirror) } : {}), ...(flags.aseImages ? { aseImages: existingDir('--ase-images', flags.aseImages) } : {}),
      }, flags.json ? undefined : (r) => console.log(line(r)));
      if (flags.json) {
        console.log(JSON.stringify(results.map(({ verdicts: _v, ...r }) => r), null, 2));
      } else {
        const byCwe = new Map<string, { ok: number; n: number }>();
        for (const r of results) {
          const cls = CLASS_OF[r.cwe] ?? r.cwe;
          const c = byCwe.get(cls) ?? { ok: 0, n: 0 };
          c.n++;
          if (r.ok) c.ok++;
          byCwe.set(cls, c);
        }
        console.log('\nclass          passed');
        for (const [cwe, c] of [...byCwe].sort()) console.log(`${cwe.padEnd(14)} ${c.ok}/${c.n}`);
        const ok = results.filter((r) => r.ok).length;
        console.log(`${ok}/${results.length} instances valid (repeat ${flags.repeat}, dynamic ${flags.dynamic ? 'on' : 'off'})`);
      }
      if (results.some((r) => !r.ok)) process.exitCode = 1;
    });
}
