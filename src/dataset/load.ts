// Loading dataset folders: datasets/<name>/<instance-id>/instance.yaml.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { HarnessError, type Instance } from '../core/index.js';
import { describeZodError, InstanceFileSchema } from './schema.js';
import { importAse } from './importAse.js';

export const INSTANCE_FILE = 'instance.yaml';

/** The folder holding the bundled datasets (datasets/ at the package root). */
export function bundledDatasetsDir(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'datasets');
}

/** Resolves a dataset name (bundled) or a path to a folder. Throws DATASET_NOT_FOUND. */
export function resolveDataset(nameOrPath: string): { name: string; dir: string } {
  const candidates = [path.resolve(nameOrPath), path.join(bundledDatasetsDir(), nameOrPath)];
  for (const dir of candidates) {
    if (existsSync(dir) && statSync(dir).isDirectory()) return { name: path.basename(dir), dir };
  }
  const known = existsSync(bundledDatasetsDir()) ? readdirSync(bundledDatasetsDir()).join(', ') : 'none';
  throw new HarnessError('DATASET_NOT_FOUND', `dataset "${nameOrPath}" not found (no such folder; bundled datasets: ${known})`);
}

/** Reads and validates one instance folder. Throws INSTANCE_INVALID with `file: field: problem`. */
export function loadInstance(dir: string, dataset: string): Instance {
  const file = path.join(dir, INSTANCE_FILE);
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(file, 'utf8'));
  } catch (err) {
    const where = err instanceof YAMLParseError && err.linePos ? ` (line ${err.linePos[0].line})` : '';
    const msg = err instanceof Error ? err.message.split('\n')[0] : String(err);
    throw new HarnessError('INSTANCE_INVALID', `${file}${where}: malformed YAML: ${msg}`);
  }
  const parsed = InstanceFileSchema.safeParse(raw);
  if (!parsed.success) throw new HarnessError('INSTANCE_INVALID', `${file}: ${describeZodError(parsed.error)}`);
  const inst = parsed.data;
  if (inst.id !== path.basename(dir)) {
    throw new HarnessError('INSTANCE_INVALID', `${file}: id: "${inst.id}" differs from its folder name "${path.basename(dir)}"`);
  }
  // A mutant's files it does not hold are its seed's (the folder of mutation_of in the recipe's
  // seed_dataset, a real instance folder); a path still never leaves the folder it is read from.
  const seedDir = inst.mutation_of && inst.mutation ? findSeedFolder(path.dirname(path.resolve(dir)), inst.mutation.seed_dataset, inst.mutation_of) : undefined;
  for (const [field, rel] of [
    ...inst.rules.map((r, i) => [`rules.${i}`, r] as const),
    ['tests.file', inst.tests?.file] as const,
    ['poc.file', inst.poc?.file] as const,
    ['fix.block_file', inst.fix?.block_file] as const,
    ['fix.block_patch', inst.fix?.block_patch] as const,
  ]) {
    if (rel === undefined) continue;
    const abs = path.resolve(dir, rel);
    if (!abs.startsWith(path.resolve(dir) + path.sep)) throw new HarnessError('INSTANCE_INVALID', `${file}: ${field}: "${rel}" leaves the instance folder`);
    if (!existsSync(abs) && !(seedDir && existsSync(path.resolve(seedDir, rel)))) {
      if (inst.mutation && !seedDir) {
        throw new HarnessError('INSTANCE_INVALID', `${file}: mutation_of: seed "${inst.mutation_of}" is not in ${inst.mutation.seed_dataset} (the mutant reads its ${field} "${rel}" from the seed's folder)`);
      }
      throw new HarnessError('INSTANCE_INVALID', `${file}: ${field}: "${rel}" does not exist${seedDir ? ` (nor in the seed folder ${seedDir})` : ''}`);
    }
  }
  if (inst.source.type === 'local') inst.source.path = path.resolve(dir, inst.source.path);
  return { ...inst, dataset, dir, ...(seedDir ? { seedDir } : {}) };
}

/**
 * The folder of seed `id` in dataset `seedDataset` (a path relative to the mutant dataset's parent
 * folder, as `ase dataset mutate` writes it, or a bundled dataset name), when it holds an instance.yaml.
 */
export function findSeedFolder(mutantDatasetDir: string, seedDataset: string, id: string): string | undefined {
  for (const base of [path.resolve(path.dirname(mutantDatasetDir), seedDataset), path.join(bundledDatasetsDir(), seedDataset)]) {
    const d = path.join(base, id);
    if (existsSync(path.join(d, INSTANCE_FILE))) return d;
  }
  return undefined;
}

/**
 * Loads every instance of a dataset folder, sorted by id; stops at the first invalid one. An A.S.E
 * data file (`data_v1.json` / `data_v2.json`) is imported on the fly: its bad rows are returned in
 * `problems` (the others run), and an empty import is an error.
 */
export function loadDataset(nameOrPath: string): { name: string; dir: string; instances: Instance[]; problems?: string[] } {
  const asFile = path.resolve(nameOrPath);
  if (/\.json$/i.test(nameOrPath) && existsSync(asFile) && statSync(asFile).isFile()) {
    const rep = importAse(asFile);
    if (rep.instances.length === 0) throw new HarnessError('DATASET_INVALID', `${asFile}: no valid instance${rep.problems[0] ? ` (${rep.problems[0]})` : ''}`);
    return { name: path.basename(asFile, '.json'), dir: path.dirname(asFile), instances: [...rep.instances].sort((a, b) => a.id.localeCompare(b.id)), problems: rep.problems };
  }
  const { name, dir } = resolveDataset(nameOrPath);
  const instances = listInstanceDirs(dir).map((d) => loadInstance(d, name));
  if (instances.length === 0) throw new HarnessError('DATASET_NOT_FOUND', `dataset "${nameOrPath}" (${dir}) holds no ${INSTANCE_FILE}`);
  return { name, dir, instances };
}

export function listInstanceDirs(datasetDir: string): string[] {
  return readdirSync(datasetDir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(path.join(datasetDir, e.name, INSTANCE_FILE)))
    .map((e) => path.join(datasetDir, e.name))
    .sort();
}
