// `ase dataset list|show|lint|import`.
import path from 'node:path';
import type { Command } from 'commander';
import { stringify } from 'yaml';
import { HarnessError } from '../core/index.js';
import { formatProblem, importAse, lintDataset, loadDataset } from '../dataset/index.js';
import { describeSource } from '../repo/index.js';
import { DEFAULT_DATASET } from './run.js';

export function registerDataset(program: Command): void {
  const ds = program.command('dataset').description('list, show, lint and import datasets');

  ds.command('list')
    .description('list the instances of a dataset')
    .option('-d, --dataset <name|path>', 'bundled dataset name or dataset folder', DEFAULT_DATASET)
    .action((flags: { dataset: string }) => {
      const { name, instances } = loadDataset(flags.dataset);
      for (const i of instances) {
        const [a, b] = i.vuln_lines;
        console.log([i.id.padEnd(48), i.cwe.padEnd(9), i.language.padEnd(11), `${describeSource(i.source)}`, `${i.vuln_file}:${a}-${b}`,
          [i.tests ? 'test' : '', i.poc ? 'poc' : ''].filter(Boolean).join('+') || '-'].join(' '));
      }
      console.log(`${instances.length} instances in ${name}`);
    });

  ds.command('show <id>')
    .description('print one instance as YAML')
    .option('-d, --dataset <name|path>', 'bundled dataset name or dataset folder', DEFAULT_DATASET)
    .action((id: string, flags: { dataset: string }) => {
      const { name, instances } = loadDataset(flags.dataset);
      const inst = instances.find((i) => i.id === id);
      if (!inst) throw new HarnessError('CONFIG_INVALID', `no instance "${id}" in dataset ${name}`);
      process.stdout.write(stringify(inst));
    });

  ds.command('lint')
    .description('check every instance folder (schema, files, unique ids, rule/test/PoC present); exits 1 on any error')
    .option('-d, --dataset <name|path>', 'bundled dataset name or dataset folder', DEFAULT_DATASET)
    .action((flags: { dataset: string }) => {
      const rep = lintDataset(flags.dataset);
      for (const p of rep.problems) console.log(formatProblem(p));
      const errors = rep.problems.filter((p) => p.severity === 'error').length;
      const warnings = rep.problems.length - errors;
      console.log(`${rep.dataset}: ${rep.instances.length} valid instances, ${errors} errors, ${warnings} warnings`);
      if (errors) process.exitCode = 1;
    });

  ds.command('import <file>')
    .description("import A.S.E's data_v1.json / data_v2.json (repositories are not fetched)")
    .option('--json <out>', 'write the imported instances to this JSON file')
    .action(async (file: string, flags: { json?: string }) => {
      const rep = importAse(path.resolve(file));
      for (const p of rep.problems) console.log(p);
      const cwes = new Set(rep.instances.map((i) => i.cwe));
      const langs = new Map<string, number>();
      for (const i of rep.instances) langs.set(i.language, (langs.get(i.language) ?? 0) + 1);
      console.log(`${rep.format}: ${rep.instances.length} valid instances, ${rep.problems.length} rows reported, ${cwes.size} CWEs; ${[...langs].map(([l, n]) => `${l} ${n}`).join(', ')}`);
      if (flags.json) {
        const { writeFile } = await import('node:fs/promises');
        await writeFile(flags.json, JSON.stringify(rep.instances, null, 2));
      }
    });
}
