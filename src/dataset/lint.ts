// Dataset health checks that need no network (method.md §8, "Health checks run in CI").
import path from 'node:path';
import { errorMessage, type Instance } from '../core/index.js';
import { findSeedFolder, INSTANCE_FILE, listInstanceDirs, loadInstance, resolveDataset } from './load.js';

export interface LintProblem {
  file: string;
  field: string;
  message: string;
  severity: 'error' | 'warning';
}

export interface LintReport {
  dataset: string;
  instances: Instance[];
  problems: LintProblem[];
}

/** Lints every instance folder of a dataset; never throws for a bad instance, reports it. */
export function lintDataset(nameOrPath: string): LintReport {
  const { name, dir } = resolveDataset(nameOrPath);
  const problems: LintProblem[] = [];
  const instances: Instance[] = [];
  for (const d of listInstanceDirs(dir)) {
    const file = path.join(d, INSTANCE_FILE);
    try {
      instances.push(loadInstance(d, name));
    } catch (err) {
      // loadInstance's message is already `file: field: problem`.
      const msg = errorMessage(err);
      const rest = msg.startsWith(file + ': ') ? msg.slice(file.length + 2) : msg;
      const field = rest.includes(': ') ? rest.slice(0, rest.indexOf(': ')) : '(file)';
      problems.push({ file, field, message: rest.slice(field.length + 2) || rest, severity: 'error' });
    }
  }
  const seen = new Map<string, string>();
  for (const inst of instances) {
    const file = path.join(inst.dir ?? dir, INSTANCE_FILE);
    const other = seen.get(inst.id);
    if (other) problems.push({ file, field: 'id', message: `duplicate id "${inst.id}" (also in ${other})`, severity: 'error' });
    seen.set(inst.id, file);
    if (inst.rules.length === 0) problems.push({ file, field: 'rules', message: 'no CVE-specific rule', severity: 'error' });
    if (!inst.tests) problems.push({ file, field: 'tests', message: 'no functional test', severity: 'warning' });
    if (!inst.poc) problems.push({ file, field: 'poc', message: 'no proof of concept', severity: 'warning' });
    if (!inst.fix) problems.push({ file, field: 'fix', message: 'no gold fix: the gold reference cannot run', severity: 'warning' });
    if (inst.mutation_of && !instances.some((i) => i.id === inst.mutation_of)) {
      // A mutant may live apart from its seeds: its recipe names the seeds' dataset.
      const other = inst.mutation?.seed_dataset;
      const seedDir = other ? findSeedFolder(dir, other, inst.mutation_of) : undefined;
      if (!seedDir) {
        problems.push({ file, field: 'mutation_of', message: `seed "${inst.mutation_of}" is not in the dataset${other ? ` nor in ${other}` : ''}`, severity: 'error' });
      }
    }
  }
  return { dataset: name, instances, problems };
}

/** One line per problem: `file: field: message`. */
export function formatProblem(p: LintProblem): string {
  return `${p.file}: ${p.field}: ${p.message}${p.severity === 'warning' ? ' (warning)' : ''}`;
}
