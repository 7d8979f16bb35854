// The SQLite schema of a results store, in one place. Bump SCHEMA_VERSION with any change.
export const SCHEMA_VERSION = 1;
export const STORE_FILE = 'ase.sqlite';

export const SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS runs (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  started_at TEXT NOT NULL,
  finished_at TEXT,
  command TEXT NOT NULL,
  manifest TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS instances (
  id TEXT PRIMARY KEY,
  hash TEXT NOT NULL,
  json TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS models (
  model TEXT PRIMARY KEY,
  config_hash TEXT NOT NULL,
  json TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS prompts (
  hash TEXT PRIMARY KEY,
  instance_id TEXT NOT NULL,
  system TEXT NOT NULL,
  user TEXT NOT NULL,
  tokens INTEGER NOT NULL,
  files TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS answers (
  instance_id TEXT NOT NULL,
  model TEXT NOT NULL,
  cycle INTEGER NOT NULL,
  prompt_hash TEXT NOT NULL,
  raw TEXT NOT NULL,
  exact_block TEXT,
  usage TEXT,
  latency_ms REAL NOT NULL,
  cached INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (instance_id, model, cycle)
);
CREATE TABLE IF NOT EXISTS verdicts (
  instance_id TEXT NOT NULL,
  model TEXT NOT NULL,
  cycle INTEGER NOT NULL,
  infra_error TEXT,
  merged_file TEXT,
  json TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (instance_id, model, cycle)
);
`;
