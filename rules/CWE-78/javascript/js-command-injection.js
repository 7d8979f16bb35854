// Annotated test for js-command-injection (ours, written for the test).
const cp = require('child_process');
const { exec, execFile, spawn } = require('child_process');
const { runShell } = require('./js-command-injection.helper.js');

function handler(req, res) {
  const host = req.query.host;
  // ruleid: js-command-injection
  cp.exec('ping -c 1 ' + host, (err, out) => res.send(out));
  // ok: js-command-injection
  execFile('ping', ['-c', '1', host], (err, out) => res.send(out));
  // ok: js-command-injection
  spawn('ping', ['-c', '1', host]);
  // ruleid: js-command-injection
  exec(`nslookup ${req.params.name}`);
  // ok: js-command-injection
  exec('uptime');
  // ruleid: js-command-injection
  cp.spawn('ls', ['-l', req.query.dir], { shell: true });
  // ok: js-command-injection
  cp.spawn('ls', ['-l', req.query.dir], { shell: false });
}

function oneBranchSanitizer(req) {
  let port = req.query.port;
  if (req.query.strict) {
    port = parseInt(port, 10);
  }
  // ruleid: js-command-injection
  cp.execSync('lsof -i :' + port);
}

function bothBranches(req) {
  let port = req.query.port;
  if (req.query.strict) port = parseInt(port, 10);
  else port = Number(port);
  // ok: js-command-injection
  cp.execSync('lsof -i :' + port);
}

function guardReturns(req, res) {
  const name = req.body.name;
  if (!/^[a-z0-9-]+$/.test(name)) {
    return res.status(400).end();
  }
  // ok: js-command-injection
  cp.exec('git checkout ' + name);
}

function guardOnlyLogs(req) {
  const name = req.body.name;
  if (!/^[a-z0-9-]+$/.test(name)) {
    console.warn('suspicious branch name', name);
  }
  // ruleid: js-command-injection
  cp.exec('git checkout ' + name);
}

function constantReassigned(req) {
  let cmd = 'ls ' + req.query.dir;
  cmd = 'ls /tmp';
  // ok: js-command-injection
  cp.exec(cmd);
}

function viaHelper(req) {
  runShell(req.query.cmd);
}

function viaObject(req) {
  const opts = { dir: req.query.dir, mode: 'long' };
  // ruleid: js-command-injection
  cp.exec('ls ' + opts.dir);
  // ok: js-command-injection
  cp.exec('ls -' + opts.mode);
}

function destructured(req) {
  const { target } = req.body;
  const parts = ['tar', 'czf', target];
  // ruleid: js-command-injection
  cp.execSync(parts.join(' '));
}

function allowList(req) {
  const tool = req.query.tool;
  if (!['ls', 'pwd'].includes(tool)) throw new Error('no');
  // ok: js-command-injection
  cp.exec(tool);
}

module.exports.killPort = function (port) {
  // ruleid: js-command-injection
  return cp.execSync('lsof -ti:' + port + ' | xargs kill');
};

module.exports.safeKill = function (port) {
  if (!Number.isInteger(port)) throw new TypeError('port');
  // ok: js-command-injection
  return cp.execSync('lsof -ti:' + port + ' | xargs kill');
};

function privateHelper(x) {
  // ok: js-command-injection
  return cp.execSync('echo ' + x);
}
privateHelper('constant');

module.exports = { handler, oneBranchSanitizer, bothBranches, guardReturns, guardOnlyLogs, constantReassigned, viaHelper, viaObject, destructured, allowList };

// TypeScript output for `import execa from 'execa'` (library mode: exported parameter).
const execa_1 = { default: require('execa') };
exports.showCommit = function (commit) {
  // ruleid: js-command-injection
  return execa_1.default.commandSync('git --no-pager show ' + commit + ' --summary').stdout;
};
exports.showCommitChecked = function (commit) {
  if (commit && !/^[0-9a-f]{7,40}$/.test(commit)) return null;
  // ok: js-command-injection
  return execa_1.default.commandSync('git --no-pager show ' + commit + ' --summary').stdout;
};

// A conversion inside try: when the catch always leaves, what follows runs only after it succeeded.
function pageCount(req, res) {
  let pages = req.query.pages;
  try {
    pages = quote(pages);
  } catch (e) {
    res.status(400).end();
    return;
  }
  // ok: js-command-injection
  exec('pdfinfo -l ' + pages + ' book.pdf');
}

// The same conversion whose catch only logs: the raw value goes on.
function pageCountLogged(req, res) {
  let pages = req.query.pages;
  try {
    pages = quote(pages);
  } catch (e) {
    console.error('could not quote', e);
  }
  // ruleid: js-command-injection
  exec('pdfinfo -l ' + pages + ' book.pdf');
}
module.exports.pageCount = pageCount;
module.exports.pageCountLogged = pageCountLogged;
