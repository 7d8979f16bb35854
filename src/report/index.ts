// Reporting: scores → people (terminal tables) and files (results.json, results.csv).
// Everything else in this folder is internal.
export { renderTable, renderBreakdown, formatScore, INCOMPLETE_MARK, type BreakdownDimension } from './table.js';
export { renderComparison } from './compare.js';
export { toResultsJson, toResultsCsv, writeResults, readResults, RESULTS_JSON, RESULTS_CSV, CSV_COLUMNS } from './files.js';
export {
  ResultsSchema, ModelReportSchema, GroupScoresSchema, ReportedInstanceSchema, ReportedCycleSchema,
  RESULTS_VERSION, resultsJsonSchema, type Results,
} from './schema.js';
