'use strict';
/* global require, module, process, Buffer, setTimeout -- CommonJS run by node inside the sandbox */
/* eslint-disable @typescript-eslint/no-require-imports */
// PoC helpers, one per CWE family. A PoC is a few lines:
//
//   const ase = require(process.env.ASE_HELPERS + '/poc.cjs');
//   ase.pathTraversal(async ({ root, payloads }) => {
//     const serve = require(process.env.ASE_REPO);        // load the code under test INSIDE the callback
//     return Promise.all(payloads.map((p) => serve.read(root, p).catch(() => '')));
//   });
//
// The helper records what came back on the harness channel (preload.cjs) the moment the callback
// settles; the harness judges it outside the sandbox against the canary it planted for this run.
// Nothing here decides a verdict: it only reports raw observations. See src/dynamic/AGENTS.md.

const fs = require('node:fs');
const path = require('node:path');

// Set once by preload.cjs before any other code runs (see __aseInit below).
let record = () => {};
let callerFile = () => '';

const POC_DIR = process.env.ASE_POC || '/ase/poc';
const MAX_RECORD_BYTES = 4 * 1024 * 1024;

let cachedParams;
function params() {
  if (!cachedParams) cachedParams = JSON.parse(fs.readFileSync(path.join(POC_DIR, 'params.json'), 'utf8'));
  return cachedParams;
}

/** Flatten what a callback returned into Buffers (strings, Buffers, typed arrays, arrays, objects). */
function toBuffers(value, out = [], seen = new Set(), budget = { left: MAX_RECORD_BYTES }) {
  if (value === undefined || value === null || budget.left <= 0) return out;
  let buf;
  if (Buffer.isBuffer(value)) buf = value;
  else if (value instanceof Uint8Array) buf = Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  else if (value instanceof ArrayBuffer) buf = Buffer.from(value);
  else if (typeof value === 'string') buf = Buffer.from(value, 'utf8');
  else if (typeof value === 'number' || typeof value === 'boolean') buf = Buffer.from(String(value));
  else if (typeof value === 'object') {
    if (seen.has(value)) return out;
    seen.add(value);
    if (Array.isArray(value) || typeof value[Symbol.iterator] === 'function') {
      for (const v of value) toBuffers(v, out, seen, budget);
      return out;
    }
    try { buf = Buffer.from(JSON.stringify(value)); } catch { return out; }
    for (const v of Object.values(value)) toBuffers(v, out, seen, budget);
  }
  if (buf) {
    const slice = buf.subarray(0, budget.left);
    budget.left -= slice.length;
    out.push(slice);
  }
  return out;
}

let seq = 0;

/**
 * Run one attack: record start, run the callback (catching sync, async and uncaught errors), record
 * what it returned (`encode`) and any observation made afterwards (`after`), record end. The callback
 * also gets `report(value)`, which records a value at once: use it inside loops, so that what came back
 * is on record even if a later payload hangs or crashes the code under test.
 * Resolves with the callback's value (undefined if it threw).
 */
async function attack(kind, args, fn, encode, after) {
  const n = ++seq;
  record('start', { attack: kind, n, caller: callerFile() });
  const report = (value) => { record('evidence', { attack: kind, n, ...encode(value) }); };
  let result;
  let error;
  let onCrash;
  const crashed = new Promise((_, reject) => { onCrash = reject; });
  crashed.catch(() => {});
  const crash = (e) => onCrash(e);
  process.on('uncaughtException', crash);
  process.on('unhandledRejection', crash);
  try {
    result = await Promise.race([Promise.resolve().then(() => fn(Object.freeze({ ...args, report }))), crashed]);
  } catch (e) {
    error = e;
  }
  if (result !== undefined) report(result);
  let observation = {};
  try {
    if (after) observation = await after();
  } catch (e) {
    observation = { observe_error: String(e) };
  }
  process.removeListener('uncaughtException', crash);
  process.removeListener('unhandledRejection', crash);
  record('evidence', { attack: kind, n, ...observation });
  record('end', { attack: kind, n, error: error === undefined ? undefined : String((error && error.stack) || error).slice(0, 2000) });
  return result;
}

const b64 = (value) => toBuffers(value).map((b) => b.toString('base64'));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function waitForMarker(markerPath, settleMs) {
  const until = Date.now() + settleMs;
  while (Date.now() < until) {
    if (fs.existsSync(markerPath)) return true;
    await sleep(20);
  }
  return fs.existsSync(markerPath);
}

/**
 * CWE-22. `root` is a served directory holding `publicRelPath`; a secret file lies outside it at
 * `secretPath` (`secretRelPath` from root). Return whatever the code under test gave back (string,
 * Buffer, or arrays/objects of them): the harness looks for the secret's random content in it.
 */
function pathTraversal(fn) {
  const p = params();
  const args = ({
    root: p.root, publicRelPath: p.publicRelPath, secretPath: p.secretPath, secretRelPath: p.secretRelPath,
    secretName: path.basename(p.secretPath), payloads: Object.freeze([...p.traversalPayloads]),
  });
  return attack('path-traversal', args, fn, (v) => ({ returned: b64(v) }));
}

/**
 * CWE-78/77/88. Feed `payloads` (shell-injection variants of `command`, which creates `markerPath`)
 * to the code under test and await its completion. The harness watches the marker directory from
 * outside (creation is seen even if the file is deleted later).
 */
function commandInjection(fn, opts = {}) {
  const p = params();
  const args = ({
    command: p.command, markerPath: p.markerPath, payloads: Object.freeze([...p.commandPayloads]),
    argPayloads: Object.freeze([...p.argPayloads]),
  });
  return attack('command-injection', args, fn, () => ({}), async () => ({ marker_seen_inside: await waitForMarker(p.markerPath, opts.settleMs ?? 300) }));
}

/**
 * CWE-94 (and CWE-95). `payloads` are JavaScript expressions that, if evaluated, call a function
 * the helper defines on globalThis (or require fs) and create `markerPath`.
 */
function codeInjection(fn, opts = {}) {
  const p = params();
  const name = p.globalFn;
  Object.defineProperty(globalThis, name, {
    configurable: true, writable: false, enumerable: false,
    value: () => { fs.writeFileSync(p.markerPath, 'code-injection'); record('evidence', { attack: 'code-injection', global_called: true }); },
  });
  const args = ({ expression: p.expression, markerPath: p.markerPath, payloads: Object.freeze([...p.codePayloads]) });
  return attack('code-injection', args, fn, () => ({}), async () => {
    const seen = await waitForMarker(p.markerPath, opts.settleMs ?? 100);
    delete globalThis[name];
    return { marker_seen_inside: seen };
  });
}

/**
 * CWE-79. Feed `payloads` (each carries `nonce` in an executable position) to the code under test
 * and return the HTML it produced (string or array of strings). The harness parses it with parse5
 * and looks for the nonce in a script element, an event-handler attribute or a javascript: URL.
 */
function xss(fn) {
  const p = params();
  const args = ({ nonce: p.nonce, payloads: Object.freeze([...p.xssPayloads]) });
  return attack('xss', args, fn, (v) => ({ html: b64(v) }));
}

/**
 * CWE-1321. Feed `payloads` (JSON strings), `objects` (parsed forms) or `paths` (dotted paths with
 * `value`) to the code under test; afterwards the helper checks whether a fresh object inherits
 * property `key`, and records it at once.
 */
function prototypePollution(fn) {
  const p = params();
  const key = p.pollutionKey;
  const args = ({
    key, value: p.pollutionValue, payloads: Object.freeze([...p.pollutionPayloads]),
    objects: p.pollutionPayloads.map((s) => JSON.parse(s)), paths: Object.freeze([...p.pollutionPaths]),
  });
  return attack('prototype-pollution', args, fn, () => ({}), () => {
    const probe = {};
    const polluted = key in probe || Object.prototype.hasOwnProperty.call(Object.prototype, key);
    const value = polluted ? String(probe[key]) : undefined;
    try { delete Object.prototype[key]; } catch { /* frozen or exotic: leave it */ }
    return { polluted, value };
  });
}

/**
 * CWE-89. The harness planted a table `items(id, name, owner)` in a read-only SQLite database whose
 * one row owned by someone else carries a random `secret`. `query(sql)` runs SQL text with the sqlite3
 * CLI and returns rows; `payloads` are injection strings for a `name`/`owner` value. Return the rows
 * the code under test produced: the harness looks for the secret in them.
 */
function sqlInjection(fn) {
  const p = params();
  const { execFileSync } = require('node:child_process');
  const query = (sql) => {
    const out = execFileSync('sqlite3', ['-readonly', '-json', p.dbPath, String(sql)], { encoding: 'utf8', timeout: 10000 });
    return out.trim() ? JSON.parse(out) : [];
  };
  const args = ({ dbPath: p.dbPath, table: 'items', owner: p.sqlOwner, query, payloads: Object.freeze([...p.sqlPayloads]) });
  return attack('sql-injection', args, fn, (v) => ({ returned: b64(v) }));
}

const SQL_DIALECTS = ['mysql', 'postgres', 'sqlite', 'mssql', 'ansi'];

/**
 * CWE-89 without a database: build queries with the code under test from `payloads` (each tries to
 * put `nonce` into SQL code) and return (or `report`) the SQL text. The harness lexes it with
 * `dialect`'s rules (src/dynamic/sql-lex.ts: string literals, backslash escapes for mysql, quoted
 * identifiers, comments, dollar quotes for postgres) and the attack triggered iff `nonce` appears
 * outside every literal, quoted identifier and comment. `owner` and `table` are plain values for
 * the rest of the query.
 */
function sqlText(dialect, fn) {
  if (!SQL_DIALECTS.includes(dialect)) throw new Error(`ase.sqlText: unknown dialect ${JSON.stringify(dialect)} (one of ${SQL_DIALECTS.join(', ')})`);
  const p = params();
  const args = ({ dialect, nonce: p.sqlNonce, owner: p.sqlOwner, table: 'items', payloads: Object.freeze([...p.sqlTextPayloads]) });
  return attack('sql-text', args, fn, (v) => ({ dialect, sql: b64(v) }));
}

/**
 * GET a raw path (sent as is, no normalisation) from a server on the sandbox's loopback. Never rejects
 * and never hangs: resolves { status, body } (body as a string; status 0 on error or after timeoutMs).
 */
function httpGet(port, rawPath, opts = {}) {
  const http = require('node:http');
  return new Promise((resolve) => {
    let done = false;
    const finish = (status, body) => { if (!done) { done = true; resolve({ status, body }); } };
    let req;
    try {
      req = http.request({ host: opts.host || '127.0.0.1', port, path: rawPath, method: opts.method || 'GET', headers: opts.headers }, (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => finish(res.statusCode, Buffer.concat(chunks).toString('utf8')));
        res.on('error', () => finish(res.statusCode, Buffer.concat(chunks).toString('utf8')));
      });
    } catch (e) {
      finish(0, String(e));
      return;
    }
    req.setTimeout(opts.timeoutMs ?? 1000, () => { req.destroy(); finish(0, 'timeout'); });
    req.on('error', (e) => finish(0, String(e)));
    req.end(opts.body);
  });
}

let initialised = false;
/** One-shot: preload.cjs hands over the channel, then this export disappears. */
function __aseInit(channel) {
  if (initialised) return;
  initialised = true;
  record = channel.record;
  callerFile = channel.callerFile;
  delete module.exports.__aseInit;
}

module.exports = { __aseInit, httpGet, pathTraversal, commandInjection, codeInjection, xss, prototypePollution, sqlInjection, sqlText };
