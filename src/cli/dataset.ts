// `ase dataset list|show|lint|import`.
import path from 'node:path';
import type { Command } from 'commander';
import { stringify } from 'yaml';
import { HarnessError } from '../core/index.js';
import { formatProblem, importAse, lintDataset, loadDataset } from '../dataset/index.js';
import { describeSource, fetchSource } from '../repo/index.js';
import { DEPS_LOCK, lockDependencies } from '../dynamic/index.js';
import { rm, writeFile } from 'node:fs/promises';
import { collect } from './options.js';
import { DEFAULT_DATASET } from './run.js';
import { registerMutate } from './mutate.js';

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

  ds.command('lock')
    .description(`pin each instance's npm dependencies: resolve them against the registry and write ${DEPS_LOCK} into its folder (installs then use npm ci); exits 1 if any no longer resolve`)
    .option('-d, --dataset <name|path>', 'bundled dataset name or dataset folder', DEFAULT_DATASET)
    .option('-i, --instance <id>', 'only these instances (repeatable)', collect)
    .option('--registry <url>', 'npm registry URL')
    .action(async (flags: { dataset: string; instance?: string[]; registry?: string }) => {
      const { instances } = loadDataset(flags.dataset);
      const chosen = flags.instance?.length ? instances.filter((i) => flags.instance?.includes(i.id)) : instances;
      let pinned = 0;
      let failed = 0;
      for (const inst of chosen) {
        if (!inst.dir) continue;
        if (inst.seedDir) {
          console.log(`${inst.id}: a mutant, uses the lockfile of its seed ${inst.mutation_of ?? ''} (lock the seeds' dataset)`);
          continue;
        }
        try {
          const src = await fetchSource(inst.source, flags.registry ? { registry: flags.registry } : {});
          const lock = await lockDependencies(src.dir, inst.id, flags.registry);
          const file = path.join(inst.dir, DEPS_LOCK);
          if (lock === undefined) {
            await rm(file, { force: true });
            console.log(`${inst.id}: no runtime dependencies`);
            continue;
          }
          await writeFile(file, lock);
          const n = Object.keys((JSON.parse(lock) as { packages?: Record<string, unknown> }).packages ?? {}).length - 1;
          console.log(`${inst.id}: ${n} packages pinned`);
          pinned++;
        } catch (e) {
          failed++;
          console.log(`${inst.id}: not pinned, drop it or fix it: ${e instanceof Error ? e.message : String(e)}`);
        }
      }
      console.log(`${pinned} lockfiles written, ${failed} failed, ${chosen.length - pinned - failed} without dependencies`);
      if (failed) process.exitCode = 1;
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

  registerMutate(ds);

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
