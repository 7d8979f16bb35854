// BM25 retrieval over the repository's source files (MiniSearch scores with BM25+).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import MiniSearch from 'minisearch';

export const SOURCE_EXTENSIONS = new Set([
  '.js', '.mjs', '.cjs', '.jsx', '.ts', '.tsx', '.mts', '.cts', '.php', '.py', '.go', '.java', '.c', '.h', '.cc', '.cpp', '.hpp',
  '.rb', '.rs', '.cs', '.kt', '.scala', '.swift', '.json', '.yaml', '.yml',
]);
const SKIP_DIRS = new Set(['node_modules', '.git', 'vendor', 'dist-types', '__pycache__']);
/** Files larger than this are not worth showing a model whole (minified bundles, fixtures). */
const MAX_FILE_BYTES = 200_000;

/** Source files under root (relative paths, sorted), skipping dependency folders. */
export function listSourceFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name) && !e.name.startsWith('.')) walk(path.join(dir, e.name));
      } else if (e.isFile() && SOURCE_EXTENSIONS.has(path.extname(e.name).toLowerCase())) {
        const abs = path.join(dir, e.name);
        if (statSync(abs).size <= MAX_FILE_BYTES) out.push(path.relative(root, abs));
      }
    }
  };
  walk(root);
  return out.sort();
}

/** Splits code into search terms: identifiers and their camelCase / snake_case parts. */
export function codeTokens(text: string): string[] {
  const out: string[] = [];
  for (const word of text.match(/[A-Za-z_$][A-Za-z0-9_$]*/g) ?? []) {
    if (word.length < 2) continue;
    out.push(word.toLowerCase());
    const parts = word.split(/_|(?<=[a-z0-9])(?=[A-Z])/).filter((p) => p.length > 1);
    if (parts.length > 1) for (const p of parts) out.push(p.toLowerCase());
  }
  return out;
}

export interface Retrieved {
  path: string;
  score: number;
  text: string;
}

/** The top-k files by BM25 relevance to `query`, excluding `exclude`. Deterministic for equal scores. */
export function retrieveBm25(root: string, query: string, k: number, exclude: string[] = []): Retrieved[] {
  const files = listSourceFiles(root).filter((f) => !exclude.includes(f));
  if (files.length === 0 || k <= 0) return [];
  const docs = files.map((f, id) => ({ id, path: f, text: readFileSync(path.join(root, f), 'utf8') }));
  const index = new MiniSearch<{ id: number; path: string; text: string }>({
    fields: ['text', 'path'],
    storeFields: [],
    tokenize: codeTokens,
    processTerm: (t) => t,
  });
  index.addAll(docs);
  const terms = [...new Set(codeTokens(query))];
  const hits = index.search(terms.join(' '), { combineWith: 'OR', tokenize: (s) => s.split(' ') });
  hits.sort((a, b) => b.score - a.score || (docs[a.id]?.path ?? '').localeCompare(docs[b.id]?.path ?? ''));
  return hits.slice(0, k).map((h) => {
    const d = docs[h.id as number];
    return { path: d?.path ?? '', score: h.score, text: d?.text ?? '' };
  });
}
