// The syntax verdict (method.md §5 step 2, tree-sitter half): a file is well-formed when its
// tree holds no ERROR node and no MISSING node. ast-grep does not expose `isMissing`, so we ask
// the native side for zero-width nodes (`regex: '^$'`): tree-sitter inserts a MISSING token with
// an empty range. Two zero-width nodes are legitimate and skipped: the root of an empty file and
// Go's implicit end-of-file terminator, whose kind is the empty string.
import type { Language } from '../core/index.js';
import { isParsable, parseText } from './parse.js';

/** Result of checkSyntax: ok=false lists one line per problem (`file:line:col: …`). */
export interface SyntaxResult {
  ok: boolean;
  errors: string[];
}

const PROBLEMS = { rule: { any: [{ kind: 'ERROR' }, { regex: '^$' }] } };
const MAX_ERRORS = 20;

/**
 * Parses `text` as `language` and reports ERROR and MISSING nodes. Never throws: a language with
 * no grammar gives ok=true with one `unsupported: …` entry in errors, so callers can tell
 * "checked and clean" (errors empty) from "not checked".
 */
export function checkSyntax(text: string, language: Language, file = '<input>'): SyntaxResult {
  if (!isParsable(language)) return { ok: true, errors: [`unsupported: no tree-sitter grammar for ${language} (${file})`] };
  const root = parseText(text, language).root();
  const errors: string[] = [];
  for (const node of root.findAll(PROBLEMS)) {
    const kind = node.kind() as string;
    const { start } = node.range();
    const at = `${file}:${start.line + 1}:${start.column + 1}`;
    if (kind === 'ERROR') {
      const snippet = node.text().split('\n')[0]!.slice(0, 40);
      errors.push(`${at}: syntax error near ${JSON.stringify(snippet)}`);
    } else {
      if (kind === '' || node.parent() === null) continue;
      errors.push(`${at}: missing ${JSON.stringify(kind)}`);
    }
    if (errors.length >= MAX_ERRORS) break;
  }
  return { ok: errors.length === 0, errors };
}
