// `ase scan` (issue 3): default pack of a CWE on a plain checkout, JSON and SARIF output.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { registerScan } from '../../src/cli/scan.js';

let dir: string;
let out: string[];

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ase-scan-'));
  out = [];
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => {
    out.push(a.join(' '));
  });
  process.exitCode = undefined;
});
afterEach(() => {
  vi.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
  process.exitCode = undefined;
});

async function scan(...args: string[]): Promise<void> {
  const program = new Command('ase').exitOverride();
  registerScan(program);
  await program.parseAsync(['node', 'ase', 'scan', ...args]);
}

describe('ase scan', () => {
  it('runs the default pack of a CWE on a checkout and prints JSON', async () => {
    writeFileSync(path.join(dir, 'app.js'), "const cp = require('child_process');\napp.get('/', (req) => cp.exec('ls ' + req.query.d));\n");
    await scan(dir, '--cwe', 'CWE-77', '--format', 'json');
    const r = JSON.parse(out.join('\n')) as { findings: Array<{ rule_id: string; location: { file: string; line: number } }> };
    expect(r.findings.map((f) => [f.rule_id, f.location.file, f.location.line])).toEqual([['js-command-injection', 'app.js', 2]]);
    expect(process.exitCode).toBe(1);
  });

  it('never calls a folder clean when no rule covers its language', async () => {
    writeFileSync(path.join(dir, 'q.rb'), "db.execute(\"SELECT 1\" + params[:x])\n");
    await scan(dir, '--cwe', 'CWE-89', '--format', 'json');
    const r = JSON.parse(out.join('\n')) as { findings: unknown[]; notices: Array<{ file: string; kind: string }> };
    expect(r.findings).toEqual([]);
    expect(r.notices).toEqual([expect.objectContaining({ file: 'q.rb', kind: 'unsupported-language' })]);
    expect(process.exitCode).toBe(2);
  });

  it('prints SARIF and exits 0 on a clean folder', async () => {
    writeFileSync(path.join(dir, 'ok.js'), "const cp = require('child_process');\ncp.execFile('ls', ['-l']);\n");
    await scan(dir, '--cwe', '78', '--format', 'sarif');
    const s = JSON.parse(out.join('\n')) as { version: string; runs: Array<{ results: unknown[] }> };
    expect(s.version).toBe('2.1.0');
    expect(s.runs[0]!.results).toEqual([]);
    expect(process.exitCode).toBe(0);
  });
});
