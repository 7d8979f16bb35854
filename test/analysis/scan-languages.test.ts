// `ase scan PATH --cwe CWE-n --format sarif` (the real CLI, default pack only) on a small checkout
// per language with no instance metadata (issue 3): the flow through a helper is found with its
// code flow, the safe variant beside it is not. Needs the build (`npm test` builds first).
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const FIXTURES = path.join(ROOT, 'test/fixtures/scan');
const run = promisify(execFile);

interface SarifLocation { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }
interface Sarif {
  runs: Array<{
    invocations: Array<{ executionSuccessful: boolean; toolExecutionNotifications: unknown[] }>;
    results: Array<{
      ruleId: string;
      locations: SarifLocation[];
      codeFlows: Array<{ threadFlows: Array<{ locations: Array<{ location: SarifLocation & { message: { text: string } } }> }> }>;
    }>;
  }>;
}

async function scan(dir: string, cwe: string): Promise<{ code: number; sarif: Sarif }> {
  const bin = path.join(ROOT, 'bin/ase.js');
  if (!existsSync(path.join(ROOT, 'dist/cli/index.js'))) throw new Error('dist/cli/index.js is missing: run `npm run build` first');
  try {
    const { stdout } = await run(process.execPath, [bin, 'scan', path.join(FIXTURES, dir), '--cwe', cwe, '--format', 'sarif']);
    return { code: 0, sarif: JSON.parse(stdout) as Sarif };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    if (typeof e.code !== 'number' || e.stdout === undefined || e.stdout === '') throw new Error(`ase scan failed: ${e.stderr ?? String(err)}`);
    return { code: e.code, sarif: JSON.parse(e.stdout) as Sarif };
  }
}

const CASES = [
  // language, fixture, CWE, rule, sink file:line, source line, a step that shows the helper
  { lang: 'php', cwe: 'CWE-89', rule: 'php-sql-injection', file: 'orders.php', line: 11, sourceLine: 10, step: /call orderFilter/ },
  { lang: 'python', cwe: 'CWE-78', rule: 'py-command-injection', file: 'app.py', line: 12, sourceLine: 17, step: /parameter target/ },
  { lang: 'java', cwe: 'CWE-79', rule: 'java-xss', file: 'src/main/java/shop/SearchServlet.java', line: 18, sourceLine: 16, step: /call heading/ },
  { lang: 'go', cwe: 'CWE-22', rule: 'go-path-traversal', file: 'main.go', line: 14, sourceLine: 18, step: /parameter name/ },
] as const;

describe('ase scan on a checkout per language', () => {
  it.concurrent.each(CASES)('$lang: $cwe pack finds the flow through a helper, with its code flow', async (c) => {
    const { code, sarif } = await scan(c.lang, c.cwe);
    const runOut = sarif.runs[0]!;
    expect(runOut.invocations[0]!.executionSuccessful).toBe(true);
    expect(runOut.invocations[0]!.toolExecutionNotifications).toEqual([]);
    // Exactly one finding: the safe variant in the same fixture is not reported.
    expect(runOut.results.map((r) => [r.ruleId, r.locations[0]!.physicalLocation.artifactLocation.uri, r.locations[0]!.physicalLocation.region.startLine]))
      .toEqual([[c.rule, c.file, c.line]]);
    const flow = runOut.results[0]!.codeFlows[0]!.threadFlows[0]!.locations;
    expect(flow[0]!.location.message.text).toMatch(/^source: /);
    expect(flow[0]!.location.physicalLocation.region.startLine).toBe(c.sourceLine);
    expect(flow.at(-1)!.location.message.text).toMatch(/^sink: /);
    expect(flow.some((l) => c.step.test(l.location.message.text))).toBe(true);
    expect(code).toBe(1);
  });
});
