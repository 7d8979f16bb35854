// Every annotated rule test under rules/ and datasets/*/*/ (issue 3 acceptance): a missing or an
// unexpected finding fails.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { testFilesOf, testRuleFile } from '../../src/analysis/index.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

function yamlFiles(dir: string, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) yamlFiles(full, out);
    else if (/\.ya?ml$/.test(e.name) && e.name !== 'instance.yaml') out.push(full);
  }
  return out;
}

const ruleFiles = [
  ...yamlFiles(path.join(ROOT, 'rules')),
  ...yamlFiles(path.join(ROOT, 'datasets')).filter((f) => path.basename(f) === 'rule.yaml'),
].filter((f) => testFilesOf(f).tests.length > 0).sort();

describe('annotated rule tests', () => {
  it('finds rule files with tests', () => {
    expect(ruleFiles.length).toBeGreaterThan(0);
  });

  it.each(ruleFiles.map((f) => [path.relative(ROOT, f), f]))('%s', async (_rel, file) => {
    for (const r of await testRuleFile(file)) {
      expect({ file: path.relative(ROOT, r.testFile), missing: r.missing, unexpected: r.unexpected })
        .toEqual({ file: path.relative(ROOT, r.testFile), missing: [], unexpected: [] });
      expect(r.expected).toBeGreaterThan(0);
    }
  });
});
