// The types every stage shares. Stages talk only through these (architecture.md).
// Instance fields follow method.md §1; snake_case mirrors the instance.yaml keys so a
// parsed file *is* an Instance, with no renaming layer to drift.

export const LANGUAGES = [
  'javascript', 'typescript', 'tsx', 'php', 'python', 'go', 'java', 'c', 'cpp', 'ruby', 'rust', 'csharp', 'other',
] as const;
export type Language = (typeof LANGUAGES)[number];

/** The one line that stands for the masked block in the file a model sees (method.md §2). */
export const MASK_TOKEN = '<MASKED>';

/** 1-based inclusive line range. */
export type LineRange = readonly [number, number];

/** Where a repository comes from. */
export type RepoSource =
  | { type: 'npm'; name: string; version: string; integrity: string }
  | { type: 'git'; repo: string; commit: string }
  | { type: 'local'; path: string };

/** Where the gold (fixed) block comes from. */
export interface FixSpec {
  /** The fixed version (npm tarball or git commit); the gold block is extracted from it at run time. */
  source?: RepoSource;
  /** File inside the fixed source (defaults to the instance's vuln_file). */
  file?: string;
  /** 1-based inclusive line range of the gold block in the fixed file. */
  lines?: LineRange;
  /** Our own gold block, relative to the instance folder, when upstream's fix is incomplete. */
  block_file?: string;
  /**
   * Our own gold block as an ed script over the vulnerable block (src/task/ed.ts), relative to the
   * instance folder: only the lines we wrote are stored, the rest comes from the package at run time.
   */
  block_patch?: string;
  /** Why the gold is ours, or anything else a reader should know. */
  note?: string;
}

/** A dynamic check (functional test or PoC) shipped with the instance. */
export interface DynamicSpec {
  /** Script relative to the instance folder. */
  file: string;
  /** Interpreter; defaults from the file extension. */
  runner?: 'node' | 'php' | 'python';
  /** Wall-time limit in ms for one execution. */
  timeout_ms?: number;
}

/** A.S.E v2 Docker-era commands, kept so their steps can be mapped onto our sandbox. */
export interface AseV2Commands {
  image?: string;
  image_inner_path?: string;
  status_check_cmd?: string;
  test_cmd?: string;
  poc_cmd?: string;
  other_vuln_files?: { file: string; lines: LineRange }[];
}

/** One mutation operator with its explicit parameters (docs/mutation.md). */
export type MutationOperator =
  | { op: 'rename'; map: Record<string, string> }
  | { op: 'reorder'; order: string[] }
  | { op: 'early-return'; index: number; of: number };

/** A mutant's recipe: applied at run time to its seed's fetched source (method.md §7). */
export interface MutationRecipe {
  /** The dataset holding the seed (a bundled dataset name or a path). */
  seed_dataset: string;
  /** The --seed the recipe was drawn with (informational). */
  generator_seed?: number;
  operators: MutationOperator[];
}

export interface Instance {
  id: string;
  /** Dataset name (folder name under datasets/, or the import's name). */
  dataset: string;
  /** Absolute path of the instance folder (absent for imported rows). */
  dir?: string;
  /**
   * A mutant's seed folder (set by the loader): files the mutant folder does not hold (rules, tests,
   * PoC, gold patch, lockfile) are the seed's. Read them through instanceFile().
   */
  seedDir?: string;
  cwe: string;
  cve?: string;
  advisory?: string;
  title?: string;
  language: Language;
  source: RepoSource;
  vuln_file: string;
  vuln_lines: LineRange;
  /** Enclosing function (informational). */
  function?: string;
  fix?: FixSpec;
  /** What the masked block must do, behaviour only. */
  summary?: string;
  /** CVE-specific rule files, relative to the instance folder. */
  rules: string[];
  tests?: DynamicSpec;
  poc?: DynamicSpec;
  seed: boolean;
  mutation_of?: string;
  /** A mutant's recipe; its vuln_lines are the seed's, recomputed on the mutated file at run time. */
  mutation?: MutationRecipe;
  notes?: string;
  /** Where an imported instance came from (file and 1-based row). */
  origin?: { format: 'ase-v1' | 'ase-v2'; file: string; row: number };
  ase_v2?: AseV2Commands;
}

/** A fresh directory holding the repository for one (instance, model, cycle). */
export interface Workspace {
  /** Absolute path of the repository root inside the workspace. */
  root: string;
  instance: Instance;
  /** Content hash of the source tree it was copied from. */
  sourceHash: string;
}

/** The masked file plus what integration needs to splice an answer back. */
export interface Task {
  instance: Instance;
  /** Path of the masked file relative to the repository root. */
  file: string;
  /** Full original text of the file (vulnerable version). */
  original: string;
  /** Line terminator of the file ("\n" or "\r\n"). */
  eol: string;
  /** Lines before / after the block. */
  prefix: string[];
  suffix: string[];
  /** The vulnerable block (original lines). */
  vulnerableBlock: string[];
  /** The gold block, when the instance has one. */
  goldBlock?: string[];
  /** Indentation of the block's first line. */
  indent: string;
  /** The file with the block replaced by one `<MASKED>` line. */
  masked: string;
}

export interface ContextFile {
  path: string;
  tokens: number;
  score?: number;
}

export interface Prompt {
  system: string;
  user: string;
  /** sha256 of system + user. */
  hash: string;
  tokens: number;
  files: ContextFile[];
  mode: OutputMode;
}

export type OutputMode = 'infill' | 'diff';

/** Generation parameters passed through to a provider. */
export interface ModelParams {
  temperature?: number;
  top_p?: number;
  max_tokens?: number;
  reasoning_effort?: string;
  seed?: number;
}

export interface Usage {
  input_tokens?: number;
  output_tokens?: number;
}

/** What a model returned for one prompt. `error` set means no usable answer (infra or model failure). */
export interface Answer {
  model: string;
  raw: string;
  usage?: Usage;
  latency_ms: number;
  cached: boolean;
  /** Set when the provider failed after retries: an infrastructure error, never scored. */
  infra_error?: string;
  /** Reference generators only: the exact block to splice, bypassing answer clean-up. */
  exact_block?: string[];
}

/** The repository after integrating an answer. */
export interface Candidate {
  merged: boolean;
  /** Why integration failed (no code block, diff refused …). */
  merge_error?: string;
  /** Code extracted from the answer (infill) or the diff text. */
  code?: string;
  /** Files changed, relative to the repository root. */
  changed: string[];
  /** The merged text of the masked file. */
  merged_file?: string;
}

export interface Location {
  file: string;
  line: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
}

export interface TraceStep {
  location: Location;
  message: string;
}

/** One source→sink flow found by a rule. */
export interface Finding {
  rule_id: string;
  cwe?: string;
  message: string;
  severity: 'error' | 'warning' | 'info';
  location: Location;
  trace: TraceStep[];
}

/** A file the analyser could not analyse: never a clean result. */
export interface AnalysisNotice {
  file: string;
  kind: 'unsupported-language' | 'parse-error' | 'rule-error';
  message: string;
}

export interface AnalysisResult {
  findings: Finding[];
  notices: AnalysisNotice[];
  files_scanned: number;
  duration_ms: number;
}

/** Outcome of one sandboxed execution of a test or PoC. */
export interface DynamicVerdict {
  /** tests: passed; poc: triggered. null = not run (no script). */
  value: boolean | null;
  /** Harness-side failure (sandbox could not start, install failed …). */
  infra_error?: string;
  /** Ran out of time (the code under test's fault unless infra_error is set). */
  timed_out?: boolean;
  exit_code?: number | null;
  signal?: string | null;
  duration_ms?: number;
  detail?: string;
}

/** Verdicts of one (instance, model, cycle). */
export interface CycleVerdict {
  merged: boolean;
  syntax: boolean;
  /** null when the instance has no functional test. */
  functional: boolean | null;
  static_findings: number;
  /** null when the instance has no PoC. */
  poc_triggered: boolean | null;
  quality_pass: boolean;
  secure: boolean;
  /** Set when the job failed for a reason that is not the model's: not scored. */
  infra_error: string | null;
  detail: {
    merge_error?: string;
    syntax_errors?: string[];
    findings?: Finding[];
    notices?: AnalysisNotice[];
    tests?: DynamicVerdict;
    poc?: DynamicVerdict;
  };
}

/** Identity of one unit of work. */
export interface JobKey {
  instance_id: string;
  model: string;
  cycle: number;
}
