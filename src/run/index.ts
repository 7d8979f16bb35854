export { runBenchmark, modelOptions, type RunSummary } from './orchestrator.js';
export { regrade, reportFromDir, readStoredConfig } from './regrade.js';
export { prepareInstance, type PreparedInstance } from './prepare.js';
export { evaluateCandidate } from './evaluate.js';
export { toolInfo } from './manifest.js';
export type { RunConfig } from './config.js';
export { validateDataset, validateInstance, type InstanceValidation, type ValidateOptions } from './validate.js';
