#!/usr/bin/env node
// Thin launcher: the CLI lives in dist/cli (built by `npm run build`, which `npm ci` runs via `prepare`).
import { main } from '../dist/cli/index.js';

main(process.argv).then(
  (code) => { process.exitCode = code; },
  (err) => { console.error(`ase: ${err instanceof Error ? err.message : String(err)}`); process.exitCode = 1; },
);
