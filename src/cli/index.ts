// The `ase` command line: thin, parses flags and calls the stages.
import { Command, CommanderError } from 'commander';
import { HarnessError } from '../core/index.js';
import { toolInfo } from '../run/index.js';
import { registerDataset } from './dataset.js';
import { registerReport } from './report.js';
import { registerRun } from './run.js';
import { registerScan } from './scan.js';
import { registerValidate } from './validate.js';

export function buildProgram(): Command {
  const program = new Command('ase')
    .description('A.S.E benchmark: how secure is the code AI models write inside real repositories')
    .version(toolInfo().version)
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  registerRun(program);
  registerReport(program);
  registerDataset(program);
  registerScan(program);
  registerValidate(program);
  return program;
}

/** Runs the CLI; resolves to the exit code. Errors are printed as one line. */
export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    if (err instanceof HarnessError) {
      console.error(`ase: ${err.message.split('\n')[0]}`);
      return 1;
    }
    throw err;
  }
}
