import { describe, expect, it } from 'vitest';
import { formatScore, INCOMPLETE_MARK, renderBreakdown, renderTable } from '../../src/report/index.js';
import { reports } from './fixtures.js';
import { expectGolden } from './golden.js';

describe('renderTable', () => {
  const text = renderTable(reports());

  it('shows each model with its scores, intervals, secure-pass^k and infrastructure errors', () => {
    const lines = text.split('\n');
    const at = lines.findIndex((l) => l.includes(' gold '));
    expect(lines[at]).toMatch(/│ gold +│ +100\.00 │ +100\.00 │ +100\.00 │ +100\.00 │ +100\.00 │ +0\/9 │ complete +│/);
    expect(lines[at + 1]).toContain('[100.00–100.00]');
  });

  it('marks a model with infrastructure errors INCOMPLETE and counts them', () => {
    const row = text.split('\n').find((l) => l.includes('openai:test'));
    expect(row).toContain(INCOMPLETE_MARK);
    expect(row).toContain('1/9');
  });

  it('uses no colour codes and matches the golden file', async () => {
    expect(text.includes(String.fromCharCode(27))).toBe(false);
    await expectGolden('table.txt', text);
  });

  it('formats a null score as a dash', () => {
    expect(formatScore(null, null)).toBe('—');
    expect(formatScore(46.7, [41.2, 52.3])).toBe('46.70 [41.20–52.30]');
  });
});

describe('renderBreakdown', () => {
  it('lists each CWE for each model', async () => {
    const text = renderBreakdown(reports(), 'cwe');
    const rows = text.split('\n').filter((l) => l.includes('CWE-'));
    expect(rows).toHaveLength(4);
    expect(rows.map((r) => r.split('│')[1]?.trim())).toEqual(['CWE-22', 'CWE-22', 'CWE-78', 'CWE-78']);
    await expectGolden('breakdown-cwe.txt', text);
  });

  it('lists each language, and seed/mutant on demand', () => {
    expect(renderBreakdown(reports(), 'language')).toMatch(/typescript/);
    const kind = renderBreakdown(reports(), 'kind');
    expect(kind).toMatch(/seed/);
    expect(kind).toMatch(/mutant/);
  });
});
