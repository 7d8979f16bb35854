export { InstanceFileSchema, RepoSourceSchema, CWE_RE, type InstanceFile } from './schema.js';
export { loadDataset, loadInstance, resolveDataset, bundledDatasetsDir, listInstanceDirs, INSTANCE_FILE } from './load.js';
export { lintDataset, formatProblem, type LintProblem, type LintReport } from './lint.js';
export { importAse, type ImportReport } from './importAse.js';
