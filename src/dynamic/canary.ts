// Canaries planted fresh for every PoC run (method.md §5): random names and contents the code
// under test cannot know before the run. The sandbox sees them read-only at /ase/poc (params.json
// tells the PoC helpers what to attack with); the harness keeps the secrets and judges afterwards.

import { randomBytes } from 'node:crypto';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { SANDBOX_PATHS } from './constants.js';

const execFileP = promisify(execFile);

/** What the harness keeps to judge the run. */
export interface CanarySecrets {
  /** CWE-22 secret file content (must not come back). */
  secret: string;
  /** Name of the marker file an injected command/expression would create (CWE-78/77/88/94). */
  markerName: string;
  /** Token in the XSS payloads (must not survive as executable markup). */
  xssNonce: string;
  /** Key a prototype-pollution payload would add to Object.prototype. */
  pollutionKey: string;
  /** Content of the SQL row only an injected query returns (CWE-89). */
  sqlSecret: string;
  /** Token in the SQL-text payloads (CWE-89): must not reach SQL code (outside literals, quoted identifiers, comments). */
  sqlNonce: string;
}

export interface PlantedCanaries {
  secrets: CanarySecrets;
  /** Host dir mounted read-only at /ase/poc. */
  pocDir: string;
  /** Host dir mounted writable at /ase/mark and watched from outside. */
  markDir: string;
}

const hex = (n: number): string => randomBytes(n).toString('hex');

/** Plant this run's canaries under `runDir`. `sql` adds the SQLite database (needs the sqlite3 CLI). */
export async function plantCanaries(runDir: string, opts: { sql?: boolean } = {}): Promise<PlantedCanaries> {
  const pocDir = path.join(runDir, 'poc');
  const markDir = path.join(runDir, 'mark');
  await mkdir(path.join(pocDir, 'www', 'assets'), { recursive: true });
  await mkdir(markDir, { recursive: true });

  const nonce = hex(12);
  const secret = `ase-secret-${hex(16)}`;
  const secretName = `secret-${hex(4)}.txt`;
  const P = SANDBOX_PATHS;
  const markerPath = `${P.mark}/${nonce}`;
  const xssNonce = `ase${nonce}`;
  const pollutionKey = `ase_pp_${nonce}`;
  const sqlSecret = `ase-row-${hex(12)}`;
  const sqlNonce = `asq${hex(10)}`;
  const root = `${P.poc}/www`;
  const s = secretName;

  await writeFile(path.join(pocDir, s), `${secret}\n`, { mode: 0o644 });
  await writeFile(path.join(pocDir, 'www', 'index.html'), `<!doctype html><title>public</title><p>public page ${hex(4)}</p>\n`);
  await writeFile(path.join(pocDir, 'www', 'assets', 'app.js'), `console.log("public asset");\n`);

  const command = `touch ${markerPath}`;
  const fn = `ase_${nonce}`;
  const params = {
    nonce: xssNonce,
    root,
    publicRelPath: 'index.html',
    secretPath: `${P.poc}/${s}`,
    secretRelPath: `../${s}`,
    traversalPayloads: [
      `../${s}`, `/../${s}`, `assets/../../${s}`, `..%2f${s}`, `%2e%2e/${s}`, `%2e%2e%2f${s}`, `..%252f${s}`,
      `..\\${s}`, `..%5c${s}`, `....//${s}`, `..;/${s}`, `${P.poc}/${s}`,
      `../../../../../../../..${P.poc}/${s}`, `..%2f..%2f..%2f..%2f..%2f..%2f..%2f..%2f${P.poc.slice(1).replace(/\//g, '%2f')}%2f${s}`,
    ],
    markerPath,
    command,
    commandPayloads: [
      `; ${command} #`, `$(${command})`, `\`${command}\``, `| ${command}`, `&& ${command}`, `x || ${command}`,
      `\n${command}\n`, `'; ${command}; '`, `"; ${command}; "`, `touch\${IFS}${markerPath}`,
    ],
    argPayloads: [`--upload-pack=${command}`, `-oProxyCommand=${command}`, `--exec=${command}`, `-e${command}`],
    globalFn: fn,
    expression: `${fn}()`,
    codePayloads: [
      `${fn}()`, `');${fn}();//`, `");${fn}();//`, `\${${fn}()}`, `};${fn}();{`, `}});${fn}();//`,
      `require('fs').writeFileSync('${markerPath}','')`,
      `process.mainModule.require('fs').writeFileSync('${markerPath}','')`,
      `this.constructor.constructor("return process")().mainModule.require("fs").writeFileSync("${markerPath}","")`,
    ],
    xssPayloads: [
      `<script>${xssNonce}()</script>`, `<img src=x onerror=${xssNonce}()>`, `"><script>${xssNonce}()</script>`,
      `" onmouseover="${xssNonce}()`, `' onmouseover='${xssNonce}()`, `javascript:${xssNonce}()`,
      `<svg onload=${xssNonce}()>`, `<a href="javascript:${xssNonce}()">x</a>`,
      `</textarea><script>${xssNonce}()</script>`, `</title><img src=x onerror=${xssNonce}()>`,
    ],
    pollutionKey,
    pollutionValue: `polluted-${nonce}`,
    pollutionPayloads: [
      `{"__proto__":{"${pollutionKey}":"polluted-${nonce}"}}`,
      JSON.stringify({ constructor: { prototype: { [pollutionKey]: `polluted-${nonce}` } } }),
    ],
    pollutionPaths: [`__proto__.${pollutionKey}`, `constructor.prototype.${pollutionKey}`],
    dbPath: `${P.poc}/db.sqlite`,
    sqlOwner: 'alice',
    sqlPayloads: [`' OR '1'='1`, `' OR 1=1 --`, `alice' OR 'x'='x`, `" OR "1"="1`, `1 OR 1=1`, `' UNION SELECT id, name, owner FROM items --`],
    // SQL-text payloads (ase.sqlText): each tries to put sqlNonce into SQL code from a string
    // literal, an identifier, a comment or a bare value position.
    sqlNonce,
    sqlTextPayloads: [
      `' OR ${sqlNonce}=1 -- `, `\\' OR ${sqlNonce}=1 -- `, `" OR ${sqlNonce}=1 -- `, `\\" OR ${sqlNonce}=1 -- `,
      `') OR ${sqlNonce}=1 -- `, `%' OR ${sqlNonce}=1 -- `, `1 OR ${sqlNonce}=1`, `${sqlNonce}`, `\` OR ${sqlNonce}=1 -- `,
      `] OR ${sqlNonce}=1 -- `, `*/ OR ${sqlNonce}=1 /*`, `$$ OR ${sqlNonce}=1 -- `,
    ],
  };
  await writeFile(path.join(pocDir, 'params.json'), JSON.stringify(params, null, 1));
  if (opts.sql) {
    const sql = `CREATE TABLE items(id INTEGER PRIMARY KEY, name TEXT, owner TEXT);
INSERT INTO items VALUES (1,'apple','alice'),(2,'pear','alice'),(3,'${sqlSecret}','bob');`;
    await execFileP('sqlite3', [path.join(pocDir, 'db.sqlite'), sql]).catch((e: NodeJS.ErrnoException) => {
      throw new Error(e.code === 'ENOENT' ? 'the sqlite3 CLI is not installed (Debian package sqlite3): CWE-89 PoCs need it' : String(e));
    });
  }
  return { secrets: { secret, markerName: nonce, xssNonce, pollutionKey, sqlSecret, sqlNonce }, pocDir, markDir };
}
