'use strict';
/* global require, module, process, __dirname -- CommonJS run by node inside the sandbox */
/* eslint-disable @typescript-eslint/no-require-imports */
// Loaded with `node --require` before every test and PoC script, before any code under test.
// It owns the evidence channel to the harness: fd 3, a pipe the harness reads from outside the
// sandbox as records arrive, so a record once written cannot be taken back. Records carry a
// per-run token read here from a file that is unlinked at once, so later code cannot find it
// in the file system (env vars would stay readable in /proc/self/environ).
// Nothing here is exported.
// It also records how the script ended: the harness passes a test only when the script ran to
// its end (event loop drained, or process.exit called by the instance's own script).

const fs = require('node:fs');

const CHANNEL_FD = 3;
const TOKEN_FILE = '/ase/ctl/token';
const HELPERS_DIR = __dirname;

let token = '';
try {
  token = fs.readFileSync(TOKEN_FILE, 'utf8').trim();
  fs.unlinkSync(TOKEN_FILE);
} catch {
  // Not under the harness (e.g. a dataset author running a script by hand): records are dropped.
}

/** Append one record to the harness channel. Never throws. */
function record(kind, data) {
  if (!token) return;
  try {
    fs.writeSync(CHANNEL_FD, JSON.stringify({ t: token, k: kind, ...data }) + '\n');
  } catch {
    // A closed channel means tampering or no harness; the harness fails closed on missing records.
  }
}

/**
 * File of the first stack frame outside the helpers (the caller of a helper or of process.exit).
 * Uses V8's structured call sites with our own prepareStackTrace, so a library that reformats stack
 * traces (source-map-support …) does not change the answer.
 */
function callerFile() {
  const savedPrepare = Error.prepareStackTrace;
  const savedLimit = Error.stackTraceLimit;
  let frames = [];
  try {
    Error.stackTraceLimit = 50;
    Error.prepareStackTrace = (_err, callSites) => callSites;
    const holder = {};
    Error.captureStackTrace(holder, callerFile);
    frames = Array.isArray(holder.stack) ? holder.stack : [];
  } catch {
    frames = [];
  } finally {
    Error.prepareStackTrace = savedPrepare;
    Error.stackTraceLimit = savedLimit;
  }
  for (const f of frames) {
    let file = '';
    try { file = String(f.getFileName() || ''); } catch { continue; }
    file = file.replace(/^file:\/\//, '');
    if (!file.startsWith('/')) continue;
    if (!file.startsWith(HELPERS_DIR + '/')) return file;
  }
  return '';
}

let exitCaller = null;
let drained = false;
const realExit = process.exit;
process.exit = function exit(_code) {
  if (exitCaller === null) exitCaller = callerFile();
  return realExit.apply(process, arguments);
};
process.on('beforeExit', () => { drained = true; });
process.on('exit', (code) => {
  const how = exitCaller !== null ? 'exit' : drained ? 'natural' : 'other';
  record('script-end', { how, code, from: exitCaller || undefined });
});

record('script-start', { pid: process.pid });

// Hand the channel to the PoC helpers now, before any other code loads, through a one-shot init
// that removes itself: later code can call the public attack helpers but never `record` directly,
// so it cannot write an end-of-script or completion record with the token.
require('./poc.cjs').__aseInit({ record, callerFile });

module.exports = {};
