// Masking (method.md §2).
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTask, spliceBlock } from '../../src/task/index.js';
import { MASK_TOKEN } from '../../src/core/index.js';
import type { Instance } from '../../src/core/index.js';

function repo(text: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ase-mask-'));
  writeFileSync(path.join(dir, 'a.js'), text);
  return dir;
}
const inst = (lines: [number, number]): Instance => ({ id: 'i', vuln_file: 'a.js', vuln_lines: lines } as unknown as Instance);

describe('makeTask', () => {
  const text = 'function f(x) {\n  const y = x + 1;\n  return y;\n}\n';
  it('replaces the block by one <MASKED> line at its indentation and keeps the rest', () => {
    const t = makeTask(inst([2, 3]), repo(text));
    expect(t.masked).toBe(`function f(x) {\n  ${MASK_TOKEN}\n}\n`);
    expect(t.vulnerableBlock).toEqual(['  const y = x + 1;', '  return y;']);
    expect(t.indent).toBe('  ');
    expect(spliceBlock(t, t.vulnerableBlock)).toBe(text);
  });
  it('keeps CRLF line ends', () => {
    const crlf = text.replace(/\n/g, '\r\n');
    const t = makeTask(inst([2, 3]), repo(crlf));
    expect(t.eol).toBe('\r\n');
    expect(spliceBlock(t, t.vulnerableBlock)).toBe(crlf);
  });
  it('refuses a region outside the file, and a file outside the repository', () => {
    expect(() => makeTask(inst([3, 9]), repo(text))).toThrow(/lines \[3, 9\] are outside the file \(4 lines\)/);
    expect(() => makeTask({ ...inst([1, 2]), vuln_file: '../etc/passwd' }, repo(text))).toThrow(/not in the repository/);
  });
});
