// Shared by the engine and cache tests: a small command-injection rule and a scratch repository.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const CMD_RULE = `
rules:
  - id: t-cmd
    cwe: CWE-78
    languages: [javascript, typescript]
    message: command injection
    sources: [{ preset: js-http-request }]
    sinks:
      - pattern: $CP.exec($CMD, ...)
        focus: $CMD
`;

/** `write(rel, text)` into the folder `root()` returns at call time (tests make a fresh one per test). */
export function writer(root: () => string): (rel: string, text: string) => void {
  return (rel, text) => {
    mkdirSync(path.dirname(path.join(root(), rel)), { recursive: true });
    writeFileSync(path.join(root(), rel), text);
  };
}
