// Paired comparison of two runs for people: a − b per score with its 95% interval.
import Table from 'cli-table3';
import type { PairedComparison, ScoreDiff } from '../score/index.js';

function signed(x: number): string {
  return `${x > 0 ? '+' : ''}${x.toFixed(2)}`;
}

function row(name: string, d: ScoreDiff): string[] {
  if (d.diff === null) return [name, '—', '—', '—', '—', ''];
  const iv = d.interval ? `[${signed(d.interval[0])}, ${signed(d.interval[1])}]` : '—';
  return [name, d.a?.toFixed(2) ?? '—', d.b?.toFixed(2) ?? '—', signed(d.diff), iv, d.significant ? 'yes' : 'no'];
}

/** A table of a − b for Overall, Security, Quality and Stability on the shared instances. */
export function renderComparison(c: PairedComparison): string {
  const table = new Table({
    head: ['Score', c.a, c.b, 'a − b', '95% interval', 'CI excludes 0'],
    colAligns: ['left', 'right', 'right', 'right', 'right', 'left'],
    style: { head: [], border: [] },
  });
  table.push(row('Overall', c.overall), row('Security', c.security), row('Quality', c.quality), row('Stability', c.stability));
  const note = `Paired bootstrap (${c.bootstrap} resamples, seed ${c.seed}) over ${c.instances} shared instances` +
    (c.only_a || c.only_b ? `; left out: ${c.only_a} only in ${c.a}, ${c.only_b} only in ${c.b}` : '') + '.';
  return `${table.toString()}\n${note}\n`;
}
