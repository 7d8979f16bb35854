// The CWE-89 SQL-text verdict: the nonce counts only when it sits in SQL code for the dialect the
// PoC names (outside string literals, quoted identifiers and comments).

import { describe, expect, it } from 'vitest';
import { lexSql, nonceInSqlCode, sqlCode, type SqlDialect } from '../../src/dynamic/sql-lex.js';
import { judgePoc, type ChannelRecord } from '../../src/dynamic/judge.js';
import type { SandboxResult } from '../../src/dynamic/sandbox.js';
import type { CanarySecrets } from '../../src/dynamic/canary.js';

const N = 'asq0123abcd';

// [sql, dialect, nonce in code?]
const cases: [string, SqlDialect, boolean][] = [
  // Plain breakouts and properly kept data.
  [`SELECT * FROM t WHERE a = '' OR ${N}=1 -- '`, 'mysql', true],
  [`SELECT * FROM t WHERE a = ''' OR ${N}=1 -- '`, 'ansi', false],
  [`SELECT * FROM t WHERE a = ${N}`, 'sqlite', true],
  // A backslash before the quote: an escape for MySQL, a plain character for standard SQL.
  [`SELECT * FROM t WHERE a = 'x\\' OR ${N}=1 -- '`, 'mysql', false],
  [`SELECT * FROM t WHERE a = 'x\\' OR ${N}=1 -- '`, 'postgres', true],
  [`SELECT * FROM t WHERE a = 'x\\' OR ${N}=1 -- '`, 'sqlite', true],
  [`SELECT * FROM t WHERE a = 'x\\' OR ${N}=1 -- '`, 'mssql', true],
  // Quotes only doubled: fine for standard SQL, broken for MySQL when the payload has a backslash.
  [`SELECT * FROM t WHERE a = '\\'' OR ${N}=1 -- '`, 'mysql', true],
  [`SELECT * FROM t WHERE a = '\\'' OR ${N}=1 -- '`, 'postgres', false],
  // Properly MySQL-escaped backslash and quote.
  [`SELECT * FROM t WHERE a = '\\\\\\' OR ${N}=1 -- '`, 'mysql', false],
  [`SELECT * FROM t WHERE a = "x\\" OR ${N}=1 -- "`, 'mysql', false],
  [`SELECT * FROM t WHERE a = "x" OR ${N}=1 -- "`, 'mysql', true],
  // An escaped backslash closes nothing: the next quote ends the literal.
  [`SELECT * FROM t WHERE a = 'x\\\\' OR ${N}=1 -- '`, 'mysql', true],
  // PostgreSQL escape strings and dollar quotes.
  [`SELECT E'x\\' OR ${N}=1 -- '`, 'postgres', false],
  [`SELECT e'x\\' OR ${N}=1 -- '`, 'postgres', false],
  [`SELECT name'x\\' OR ${N}=1 -- '`, 'postgres', true],
  [`SELECT $$ ' ${N} $$`, 'postgres', false],
  [`SELECT $fn$ $$ ${N} $fn$`, 'postgres', false],
  [`SELECT $fn$ x $fn$ ${N}`, 'postgres', true],
  [`SELECT $1, ${N}`, 'postgres', true],
  [`SELECT a$$ ${N}`, 'postgres', true],
  [`SELECT $$ ${N}`, 'postgres', false],
  // Comments.
  [`SELECT 1 -- ${N}`, 'postgres', false],
  [`SELECT 1 --${N}`, 'postgres', false],
  [`SELECT 1 --${N}`, 'mysql', true],
  [`SELECT 1 -- ${N}`, 'mysql', false],
  [`SELECT 1 --\t${N}`, 'mysql', false],
  [`SELECT 1 -- x\n OR ${N}`, 'mysql', true],
  [`SELECT 1 # ${N}`, 'mysql', false],
  [`SELECT 1 # ${N}`, 'postgres', true],
  [`SELECT 1 /* ${N} */`, 'sqlite', false],
  [`SELECT 1 /*! OR ${N} */`, 'mysql', true],
  [`SELECT 1 /*!50000 OR ${N} */ AND 'y'`, 'mysql', true],
  [`SELECT 1 /*M! OR ${N} */`, 'mysql', true],
  [`SELECT 1 /*! 1 */ /* ${N} */`, 'mysql', false],
  [`SELECT 1 /* /* */ ${N} */`, 'postgres', false],
  [`SELECT 1 /* /* */ ${N} */`, 'mssql', false],
  [`SELECT 1 /* /* */ ${N} */`, 'sqlite', true],
  [`SELECT 1 /* /* */ ${N} */`, 'mysql', true],
  [`SELECT '/*' ${N} '*/'`, 'sqlite', true],
  // Quoted identifiers.
  [`SELECT "${N}" FROM t`, 'postgres', false],
  [`SELECT "a"" OR ${N}" FROM t`, 'postgres', false],
  [`SELECT "a" OR ${N}" FROM t`, 'postgres', true],
  [`SELECT \`${N}\` FROM t`, 'mysql', false],
  [`SELECT \`a\`\` OR ${N}\` FROM t`, 'mysql', false],
  [`SELECT \`a\\\` OR ${N}\` FROM t`, 'mysql', true],
  [`SELECT [${N}] FROM t`, 'mssql', false],
  [`SELECT [a]]${N}] FROM t`, 'mssql', false],
  [`SELECT [a]${N}] FROM t`, 'mssql', true],
  [`SELECT [${N}] FROM t`, 'sqlite', false],
  [`SELECT \`${N}\` FROM t`, 'sqlite', false],
  [`SELECT [${N}] FROM t`, 'postgres', true],
  [`SELECT "${N}" FROM t`, 'mysql', false],
  // Unterminated literal, identifier or comment: the rest is not code.
  [`SELECT 'abc ${N}`, 'sqlite', false],
  [`SELECT ${N} 'abc`, 'sqlite', true],
  [`SELECT "abc ${N}`, 'postgres', false],
  [`SELECT /* abc ${N}`, 'mysql', false],
  [`SELECT 'abc\\' ${N}`, 'mysql', false],
  // Case: unquoted identifiers are case-insensitive; adjacent literals never join into code.
  [`SELECT * FROM t ORDER BY id ${N.toUpperCase()}`, 'ansi', true],
  [`SELECT 'asq0123' 'abcd'`, 'ansi', false],
  [`SELECT 'asq0123'abcd`, 'ansi', false],
  [`SELECT * FROM t WHERE a = 'plain'`, 'mysql', false],
];

describe('nonceInSqlCode', () => {
  for (const [sql, dialect, expected] of cases) {
    it(`${dialect}: ${JSON.stringify(sql)} → ${expected ? 'code' : 'inert'}`, () => expect(nonceInSqlCode(sql, N, dialect)).toBe(expected));
  }
  it('rejects an unknown dialect', () => {
    expect(() => lexSql('SELECT 1', 'oracle' as SqlDialect)).toThrow(/unknown SQL dialect "oracle"/);
  });
});

describe('lexSql tokens', () => {
  it('splits code, strings, identifiers and comments and keeps positions', () => {
    const sql = `SELECT "a", 'it''s' -- c\nFROM t`;
    expect(lexSql(sql, 'postgres')).toEqual([
      { kind: 'code', text: 'SELECT ', start: 0 },
      { kind: 'identifier', text: '"a"', start: 7 },
      { kind: 'code', text: ', ', start: 10 },
      { kind: 'string', text: `'it''s'`, start: 12 },
      { kind: 'code', text: ' ', start: 19 },
      { kind: 'comment', text: '-- c', start: 20 },
      { kind: 'code', text: '\nFROM t', start: 24 },
    ]);
    expect(lexSql(`x 'open`, 'ansi').at(-1)).toEqual({ kind: 'string', text: `'open`, start: 2, unterminated: true });
    expect(sqlCode(`a 'b' "c" d`, 'ansi')).toBe('a     d');
  });
});

describe('judgePoc with SQL-text evidence', () => {
  const secrets: CanarySecrets = { secret: 's', markerName: 'm', xssNonce: 'x', pollutionKey: 'k', sqlSecret: 'r', sqlNonce: N };
  const ok: SandboxResult = {
    exitCode: 0, signal: null, timedOut: false, oom: false, outputExceeded: false, aborted: false, stdout: '', stderr: '',
    stdoutTruncated: false, stderrTruncated: false, channel: '', durationMs: 10, cgroup: 'v1',
  };
  const b64 = (s: string): string => Buffer.from(s).toString('base64');
  const run = (dialect: unknown, sql: string): ChannelRecord[] => [
    { k: 'start', attack: 'sql-text', n: 1 }, { k: 'evidence', attack: 'sql-text', n: 1, dialect, sql: [b64('SELECT 1'), b64(sql)] },
    { k: 'end', attack: 'sql-text', n: 1 }, { k: 'script-end', how: 'natural' },
  ];
  const escaped = `SELECT * FROM t WHERE a = 'x\\' OR ${N}=1 -- '`;
  it('the same text is judged by the dialect the PoC named', () => {
    expect(judgePoc(ok, run('mysql', escaped), secrets, new Set()).value).toBe(false);
    const v = judgePoc(ok, run('postgres', escaped), secrets, new Set());
    expect(v.value).toBe(true);
    expect(v.detail).toMatch(/nonce reached SQL code \(postgres/);
  });
  it('printing the nonce or putting it in a comment does not count; an unknown dialect fails closed', () => {
    expect(judgePoc({ ...ok, stdout: `SELECT ${N}` }, run('sqlite', `SELECT 1 /* ${N} */`), secrets, new Set()).value).toBe(false);
    expect(judgePoc(ok, run('oracle', 'SELECT 1'), secrets, new Set()).value).toBe(true);
  });
});
