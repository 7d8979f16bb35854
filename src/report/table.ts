// Terminal tables for people. No colours, so the text is the same on a TTY, in a pipe and in
// golden files.
import Table from 'cli-table3';
import type { GroupScores, Interval, ModelReport, Score } from '../score/index.js';

/** Shown next to a model whose report still has infrastructure errors or missing cycles. */
export const INCOMPLETE_MARK = 'INCOMPLETE';

const PLAIN = { head: [] as string[], border: [] as string[] };

/** "46.70 [41.20–52.30]", or "—" when nothing was scored. */
export function formatScore(score: Score, interval?: Interval): string {
  if (score === null) return '—';
  const point = score.toFixed(2);
  return interval ? `${point} [${interval[0].toFixed(2)}–${interval[1].toFixed(2)}]` : point;
}

/** A table cell: the score, and its interval on a second line to keep the table narrow. */
function cell(score: Score, interval: Interval): string {
  if (score === null) return '—';
  return interval ? `${score.toFixed(2)}\n[${interval[0].toFixed(2)}–${interval[1].toFixed(2)}]` : score.toFixed(2);
}

/**
 * One row per model: Overall, Security, Quality, Stability (each with its 95% interval),
 * secure-pass^k, infrastructure errors, and INCOMPLETE when errors or missing cycles remain.
 */
export function renderTable(reports: ModelReport[]): string {
  const table = new Table({
    head: ['Model', 'Overall', 'Security', 'Quality', 'Stability', 'secure-pass^k', 'Infra errors', 'Status'],
    colAligns: ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'left'],
    style: PLAIN,
  });
  for (const r of reports) {
    table.push([
      r.model,
      cell(r.scores.overall, r.intervals.overall),
      cell(r.scores.security, r.intervals.security),
      cell(r.scores.quality, r.intervals.quality),
      cell(r.scores.stability, r.intervals.stability),
      formatScore(r.extra.secure_pass_k),
      `${r.counts.infra_errors}/${r.counts.cycles}`,
      r.complete ? 'complete' : INCOMPLETE_MARK,
    ]);
  }
  const footer = 'Scores 0–100 [bootstrap 95% interval over instances]. Overall = 0.6·Security + 0.3·Quality + 0.1·Stability.\n' +
    'Infra errors: cycles not scored (not the model\'s fault); INCOMPLETE until they are rerun.';
  return `${table.toString()}\n${footer}\n`;
}

export type BreakdownDimension = 'cwe' | 'language' | 'kind' | 'repo';

/** One row per (group, model): n, scores with intervals, infrastructure errors. */
export function renderBreakdown(reports: ModelReport[], by: BreakdownDimension): string {
  const label = { cwe: 'CWE', language: 'Language', kind: 'Kind', repo: 'Repository' }[by];
  const table = new Table({
    head: [label, 'Model', 'n', 'Overall', 'Security', 'Quality', 'Stability', 'Infra errors'],
    colAligns: ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'right'],
    style: PLAIN,
  });
  const keys = new Set<string>();
  for (const r of reports) for (const k of Object.keys(groups(r, by))) keys.add(k);
  const sorted = [...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const key of sorted) {
    for (const r of reports) {
      const g = groups(r, by)[key];
      if (!g || g.n === 0) continue;
      table.push([
        key, r.model, String(g.n),
        cell(g.overall, g.intervals.overall),
        cell(g.security, g.intervals.security),
        cell(g.quality, g.intervals.quality),
        cell(g.stability, g.intervals.stability),
        String(g.infra_errors),
      ]);
    }
  }
  return `${table.toString()}\n`;
}

function groups(r: ModelReport, by: BreakdownDimension): Record<string, GroupScores> {
  switch (by) {
    case 'cwe': return r.by_cwe;
    case 'language': return r.by_language;
    case 'kind': return { seed: r.by_kind.seed, mutant: r.by_kind.mutant };
    case 'repo': return r.by_repo;
  }
}
