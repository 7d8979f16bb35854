// The default packs of PHP, Python, Java and Go keep at least 4 annotated `ruleid` and 4 `ok`
// cases per CWE (issue 3); the annotated test itself (rules.test.ts) checks that they hold.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const RULES = path.resolve(import.meta.dirname, '../../rules');
const ANNOTATION = /(?:\/\/|#|\/\*|<!--)\s*(ruleid|ok):/;

function count(dir: string): { ruleid: number; ok: number } {
  const out = { ruleid: 0, ok: 0 };
  for (const n of readdirSync(dir).filter((f) => !/\.ya?ml$/.test(f))) {
    for (const line of readFileSync(path.join(dir, n), 'utf8').split('\n')) {
      const m = ANNOTATION.exec(line);
      if (m !== null) out[m[1] as 'ruleid' | 'ok']++;
    }
  }
  return out;
}

describe('default pack coverage', () => {
  for (const cwe of ['CWE-22', 'CWE-78', 'CWE-79', 'CWE-89', 'CWE-94']) {
    it.each(['php', 'python', 'java', 'go'])(`${cwe} %s has >= 4 ruleid and >= 4 ok cases`, (lang) => {
      const c = count(path.join(RULES, cwe, lang));
      expect(c.ruleid).toBeGreaterThanOrEqual(4);
      expect(c.ok).toBeGreaterThanOrEqual(4);
    });
  }
});
