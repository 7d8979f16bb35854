// Typed errors. The CLI prints `message` as one line; `code` tells the kind.

export type ErrorCode =
  | 'INSTANCE_INVALID'     // an instance file is malformed
  | 'DATASET_NOT_FOUND'    // --dataset names nothing we can find
  | 'DATASET_INVALID'      // a dataset file cannot be imported
  | 'SOURCE_UNAVAILABLE'   // registry / git / folder unreachable (infrastructure)
  | 'INTEGRITY_MISMATCH'   // a fetched tarball does not match its pinned hash
  | 'REGION_INVALID'       // vuln_lines do not fit the file
  | 'MODEL_UNKNOWN'        // --model names no adapter
  | 'MODEL_FAILED'         // provider failed after retries (infrastructure)
  | 'CONFIG_INVALID'       // a flag or option is wrong
  | 'RULE_INVALID'         // a rule file is malformed
  | 'SANDBOX_UNAVAILABLE'  // bubblewrap missing or failing (infrastructure)
  | 'IMAGE_INVALID'        // a container image archive cannot be unpacked
  | 'STORE_INVALID';       // an output folder holds something we cannot read

/** An error the CLI renders as one clear line. */
export class HarnessError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly data: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'HarnessError';
  }
}

/** True for failures that are not the model's (method.md §5): retried, reported apart, never scored. */
export function isInfraError(err: unknown): boolean {
  return err instanceof HarnessError &&
    ['SOURCE_UNAVAILABLE', 'INTEGRITY_MISMATCH', 'MODEL_FAILED', 'SANDBOX_UNAVAILABLE'].includes(err.code);
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
