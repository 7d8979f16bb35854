// `ase report DIR` and `ase regrade DIR`.
import path from 'node:path';
import type { Command } from 'commander';
import { Option } from 'commander';
import { readResults, renderBreakdown, renderComparison, renderTable, writeResults, type BreakdownDimension } from '../report/index.js';
import { compareModels } from '../score/index.js';
import { HarnessError } from '../core/index.js';
import { regrade, reportFromDir } from '../run/index.js';
import { intOption } from './options.js';
import os from 'node:os';

export function registerReport(program: Command): void {
  program.command('report <dir>')
    .description('print the scores of a run from its store, without running anything')
    .addOption(new Option('--by <dimension>', 'also print a breakdown').choices(['cwe', 'language', 'kind', 'repo']))
    .option('--write', 'rewrite results.json and results.csv from the store', false)
    .action(async (dir: string, flags: { by?: BreakdownDimension; write: boolean }) => {
      const { reports, manifest } = await reportFromDir(path.resolve(dir));
      console.log(renderTable(reports));
      if (flags.by) console.log(renderBreakdown(reports, flags.by));
      if (flags.write) await writeResults(path.resolve(dir), reports, manifest);
    });

  program.command('compare <a> <b>')
    .description('paired comparison of two models on their shared instances; each of A and B is MODEL@DIR (a run folder) or MODEL (in --dir)')
    .option('--dir <dir>', 'run folder holding both models', 'ase-results')
    .action(async (a: string, b: string, flags: { dir: string }) => {
      const pick = async (spec: string) => {
        const at = spec.lastIndexOf('@');
        const [model, dir] = at > 0 ? [spec.slice(0, at), spec.slice(at + 1)] : [spec, flags.dir];
        const res = await readResults(path.join(path.resolve(dir), 'results.json'));
        const rep = res.models.find((m) => m.model === model);
        if (!rep) throw new HarnessError('CONFIG_INVALID', `${dir}/results.json has no model "${model}" (it has: ${res.models.map((m) => m.model).join(', ')})`);
        return rep;
      };
      console.log(renderComparison(compareModels(await pick(a), await pick(b))));
    });

  program.command('regrade <dir>')
    .description('recompute every verdict and score from the stored answers (after a rule fix, say); asks no model')
    .option('-j, --concurrency <n>', 'jobs in flight at once', intOption('--concurrency', 1, 256), Math.max(2, os.availableParallelism()))
    .option('--no-dynamic', 'skip functional tests and PoCs')
    .action(async (dir: string, flags: { concurrency: number; dynamic: boolean }) => {
      const res = await regrade(path.resolve(dir), { concurrency: flags.concurrency, ...(flags.dynamic ? {} : { dynamic: false }) });
      console.log(renderTable(res.reports));
      console.log(`regraded ${res.regraded} stored answers (${res.infra} infrastructure errors); results rewritten in ${dir}`);
      if (res.reports.some((r) => !r.complete)) process.exitCode = 3;
    });
}
