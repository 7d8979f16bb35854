// Annotated test for js-argument-injection (ours, written for the test): programs run without a
// shell whose argument lists take the caller's values after their options.
const { spawn, execFile } = require('child_process');

function mailTo(from, recipients) {
  // ruleid: js-argument-injection
  const args = ['-t', '-f', from].concat(recipients);
  return spawn('sendmail', args);
}

function mailToChecked(from, recipients) {
  const bad = [from].concat(recipients).some((a) => /^-/.test(a));
  if (bad) throw new Error('addresses may not start with -');
  // ok: js-argument-injection
  const args = ['-t', '-f', from].concat(recipients);
  return spawn('sendmail', args);
}

function mailToLogged(from, recipients) {
  if ([from, ...recipients].some((a) => a.startsWith('-'))) console.warn('odd address');
  // ruleid: js-argument-injection
  return spawn('sendmail', ['-t', '-f', from, ...recipients]);
}

function copyTo(host, file) {
  // ruleid: js-argument-injection
  return execFile('scp', ['-q', file, host + ':/tmp/']);
}

function copyToEndOfOptions(host, file) {
  // ok: js-argument-injection
  return execFile('scp', ['-q', '--', file, host + ':/tmp/']);
}

function archive(dir, name) {
  if (name.startsWith('-')) throw new Error('bad name');
  // ok: js-argument-injection
  return execFile('tar', ['-czf', name, '--', dir]);
}

function withExtraArgs(opts, host) {
  // ok: js-argument-injection
  const argv = ['-q'].concat(opts.extraArgs);
  execFile('ssh', argv);
  // ruleid: js-argument-injection
  return execFile('ssh', ['-q'].concat(opts.extraArgs, [host]));
}

function lookup(domain) {
  // ok: js-argument-injection
  return execFile('dig', ['+short', '--', domain]);
}

module.exports = { withExtraArgs, mailTo, mailToChecked, mailToLogged, copyTo, copyToEndOfOptions, archive, lookup };
