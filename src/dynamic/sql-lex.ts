// A small SQL lexer, per dialect, for the CWE-89 "SQL text" verdict: a PoC builds a query with the
// library under test and reports its text; the harness lexes it with the target dialect's rules and
// the attack triggered iff the payload's nonce appears in SQL *code* (outside every string literal,
// quoted identifier and comment). Only what decides where a literal, a quoted identifier or a
// comment starts and ends is modelled; everything else is code. Why our own: docs/decisions.md.
//
// Dialect rules (server defaults):
// - mysql: '…' and "…" are strings (no ANSI_QUOTES) with backslash escapes and doubled quotes;
//   `…` identifiers (`` doubled); comments `#…`, `-- …` (the dashes must be followed by
//   whitespace, a control character or the end), `/* … */` (not nested). `/*! … */` and
//   `/*M! … */` are executable comments: their content is code.
// - postgres (standard_conforming_strings on): '…' with doubled quotes only; E'…' also takes
//   backslash escapes; "…" identifiers (doubled); dollar quotes $$…$$ / $tag$…$tag$; comments
//   `--…` and nested `/* … */`.
// - sqlite: '…' strings (doubled); "…", `…` and […] identifiers; comments `--…`, `/* … */`.
// - mssql: '…' / N'…' strings (doubled); "…" and […] identifiers (]] doubled); comments `--…`
//   and nested `/* … */`.
// - ansi: '…' strings, "…" identifiers (both doubled); comments `--…`, `/* … */`.
// An unterminated literal, identifier or comment runs to the end of the text (the server would
// reject the statement; nothing inside it is code).

export const SQL_DIALECTS = ['mysql', 'postgres', 'sqlite', 'mssql', 'ansi'] as const;
export type SqlDialect = (typeof SQL_DIALECTS)[number];

export function isSqlDialect(d: unknown): d is SqlDialect {
  return typeof d === 'string' && (SQL_DIALECTS as readonly string[]).includes(d);
}

export interface SqlToken {
  kind: 'code' | 'string' | 'identifier' | 'comment';
  text: string;
  start: number;
  /** Literal, identifier or comment without its closing delimiter. */
  unterminated?: true;
}

const IDENT_CHAR = /[A-Za-z0-9_$\u0080-\uffff]/;
const DOLLAR_TAG = /^\$([A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$/;

interface Rules {
  /** Quote characters that open a string literal. */
  strings: string;
  /** Whether a backslash escapes the next character inside every string literal. */
  backslash: boolean;
  /** Quote characters that open a quoted identifier (closing = same char, doubled to escape). */
  idents: string;
  /** `[ … ]` identifiers; `]]` escapes a bracket when `bracketDoubling`. */
  brackets: boolean;
  bracketDoubling: boolean;
  /** `--` needs whitespace/control/end after it (MySQL). */
  dashNeedsSpace: boolean;
  hashComment: boolean;
  nestedBlock: boolean;
  /** `/*!` and `/*M!` content is code (MySQL). */
  executableComments: boolean;
  /** E'…' escape strings and $tag$ dollar quotes (PostgreSQL). */
  postgres: boolean;
}

const RULES: Record<SqlDialect, Rules> = {
  mysql: { strings: `'"`, backslash: true, idents: '`', brackets: false, bracketDoubling: false, dashNeedsSpace: true, hashComment: true, nestedBlock: false, executableComments: true, postgres: false },
  postgres: { strings: `'`, backslash: false, idents: '"', brackets: false, bracketDoubling: false, dashNeedsSpace: false, hashComment: false, nestedBlock: true, executableComments: false, postgres: true },
  sqlite: { strings: `'`, backslash: false, idents: '"`', brackets: true, bracketDoubling: false, dashNeedsSpace: false, hashComment: false, nestedBlock: false, executableComments: false, postgres: false },
  mssql: { strings: `'`, backslash: false, idents: '"', brackets: true, bracketDoubling: true, dashNeedsSpace: false, hashComment: false, nestedBlock: true, executableComments: false, postgres: false },
  ansi: { strings: `'`, backslash: false, idents: '"', brackets: false, bracketDoubling: false, dashNeedsSpace: false, hashComment: false, nestedBlock: false, executableComments: false, postgres: false },
};

/** Index after a quoted run opened at `i` by `quote` (doubled quote escapes; optional backslash escapes). */
function quotedEnd(s: string, i: number, quote: string, backslash: boolean): { end: number; closed: boolean } {
  let j = i + 1;
  while (j < s.length) {
    const c = s[j];
    if (backslash && c === '\\') { j += 2; continue; }
    if (c === quote) {
      if (s[j + 1] === quote) { j += 2; continue; }
      return { end: j + 1, closed: true };
    }
    j++;
  }
  return { end: s.length, closed: false };
}

function blockCommentEnd(s: string, i: number, nested: boolean): { end: number; closed: boolean } {
  let depth = 1;
  let j = i + 2;
  while (j < s.length) {
    if (nested && s[j] === '/' && s[j + 1] === '*') { depth++; j += 2; continue; }
    if (s[j] === '*' && s[j + 1] === '/') {
      depth--;
      j += 2;
      if (depth === 0) return { end: j, closed: true };
      continue;
    }
    j++;
  }
  return { end: s.length, closed: false };
}

/** Split `sql` into code, string, identifier and comment tokens following `dialect`'s rules. */
export function lexSql(sql: string, dialect: SqlDialect): SqlToken[] {
  const rules = RULES[dialect];
  if (!rules) throw new Error(`unknown SQL dialect "${String(dialect)}" (expected one of ${SQL_DIALECTS.join(', ')})`);
  const tokens: SqlToken[] = [];
  let code = '';
  let codeStart = 0;
  let inExecutable = false;
  const flush = (at: number): void => {
    if (code) tokens.push({ kind: 'code', text: code, start: codeStart });
    code = '';
    codeStart = at;
  };
  const push = (kind: SqlToken['kind'], start: number, r: { end: number; closed: boolean }): number => {
    flush(start);
    tokens.push({ kind, text: sql.slice(start, r.end), start, ...(r.closed ? {} : { unterminated: true as const }) });
    codeStart = r.end;
    return r.end;
  };
  let i = 0;
  while (i < sql.length) {
    const c = sql[i]!;
    const next = sql[i + 1];
    const prev = i > 0 ? sql[i - 1]! : '';
    const afterIdent = IDENT_CHAR.test(prev);
    // eslint-disable-next-line no-control-regex
    if (c === '-' && next === '-' && (!rules.dashNeedsSpace || i + 2 >= sql.length || /[\s\x00-\x1f]/.test(sql[i + 2]!))) {
      const nl = sql.indexOf('\n', i);
      i = push('comment', i, { end: nl < 0 ? sql.length : nl, closed: true });
      continue;
    }
    if (c === '#' && rules.hashComment) {
      const nl = sql.indexOf('\n', i);
      i = push('comment', i, { end: nl < 0 ? sql.length : nl, closed: true });
      continue;
    }
    if (c === '/' && next === '*') {
      if (rules.executableComments && (sql[i + 2] === '!' || (sql[i + 2] === 'M' && sql[i + 3] === '!'))) {
        // MySQL/MariaDB executable comment: the server runs its content.
        inExecutable = true;
        code += sql.slice(i, i + (sql[i + 2] === '!' ? 3 : 4));
        i += sql[i + 2] === '!' ? 3 : 4;
        continue;
      }
      i = push('comment', i, blockCommentEnd(sql, i, rules.nestedBlock));
      continue;
    }
    if (inExecutable && c === '*' && next === '/') {
      inExecutable = false;
      code += '*/';
      i += 2;
      continue;
    }
    if (rules.postgres && c === '$' && !afterIdent) {
      const m = DOLLAR_TAG.exec(sql.slice(i));
      if (m) {
        const tag = m[0];
        const close = sql.indexOf(tag, i + tag.length);
        i = push('string', i, close < 0 ? { end: sql.length, closed: false } : { end: close + tag.length, closed: true });
        continue;
      }
    }
    if (rules.strings.includes(c)) {
      // PostgreSQL E'…' (not the end of a longer identifier such as `name'`) takes backslash escapes.
      const escapeString = rules.postgres && (prev === 'E' || prev === 'e') && !(i > 1 && IDENT_CHAR.test(sql[i - 2]!));
      i = push('string', i, quotedEnd(sql, i, c, rules.backslash || escapeString));
      continue;
    }
    if (rules.idents.includes(c)) {
      i = push('identifier', i, quotedEnd(sql, i, c, false));
      continue;
    }
    if (rules.brackets && c === '[') {
      let j = i + 1;
      let closed = false;
      while (j < sql.length) {
        if (sql[j] === ']') {
          if (rules.bracketDoubling && sql[j + 1] === ']') { j += 2; continue; }
          j++;
          closed = true;
          break;
        }
        j++;
      }
      i = push('identifier', i, { end: j, closed });
      continue;
    }
    if (!code) codeStart = i;
    code += c;
    i++;
  }
  flush(sql.length);
  return tokens;
}

/** The code of `sql` with every literal, quoted identifier and comment replaced by one space. */
export function sqlCode(sql: string, dialect: SqlDialect): string {
  return lexSql(sql, dialect).map((t) => (t.kind === 'code' ? t.text : ' ')).join('');
}

/**
 * Whether `nonce` appears in SQL code (case-insensitively: unquoted identifiers and keywords are),
 * i.e. text the payload carried was not kept inside a literal, a quoted identifier or a comment.
 */
export function nonceInSqlCode(sql: string, nonce: string, dialect: SqlDialect): boolean {
  if (!nonce || !sql.toLowerCase().includes(nonce.toLowerCase())) return false;
  return sqlCode(sql, dialect).toLowerCase().includes(nonce.toLowerCase());
}
