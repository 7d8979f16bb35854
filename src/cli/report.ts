// `ase report DIR` and `ase regrade DIR`.
import path from 'node:path';
import type { Command } from 'commander';
import { Option } from 'commander';
import { renderBreakdown, renderTable, writeResults, type BreakdownDimension } from '../report/index.js';
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
