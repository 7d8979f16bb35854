// Annotated test for js-git-argument-injection (ours, written for the test).
const cp = require('child_process');

function run(args, cwd, cb) {
  return cp.execFile('git', args, { cwd }, cb);
}

exports.cloneInto = function (repoUrl, dir, cb) {
  // ruleid: js-git-argument-injection
  const args = ['clone', '--depth=1', repoUrl, dir];
  run(args, process.cwd(), cb);
};

exports.cloneSafely = function (repoUrl, dir, cb) {
  // ok: js-git-argument-injection
  const args = ['clone', '--depth=1', '--', repoUrl, dir];
  run(args, process.cwd(), cb);
};

exports.fetchRef = function (ref, cb) {
  // ruleid: js-git-argument-injection
  cp.spawn('git', ['fetch', 'origin', ref]).on('close', cb);
};

exports.fetchRefChecked = function (ref, cb) {
  if (ref.startsWith('-')) return cb(new Error('bad ref'));
  // ok: js-git-argument-injection
  cp.spawn('git', ['fetch', 'origin', ref]).on('close', cb);
};

exports.fetchRefLogged = function (ref, cb) {
  if (ref.startsWith('-')) console.warn('odd ref', ref);
  // ruleid: js-git-argument-injection
  cp.spawn('git', ['fetch', 'origin', ref]).on('close', cb);
};

exports.showCommit = function (hash) {
  if (!/^[0-9a-f]{7,40}$/.test(hash)) throw new Error('not a hash');
  // ok: js-git-argument-injection
  return cp.execFileSync('git', ['show', hash]);
};

exports.lsRemote = function (remote) {
  // ruleid: js-git-argument-injection
  return cp.execFileSync('git', ['ls-remote', remote]);
};

exports.status = function (dir) {
  // ok: js-git-argument-injection
  return cp.execFileSync('git', ['status', '--porcelain'], { cwd: dir });
};

exports.flatArgv = function (url) {
  // ruleid: js-git-argument-injection
  return cp.spawnSync('sudo', ['git', 'clone', url]);
};

exports.pullDepth = function (depth) {
  // ok: js-git-argument-injection
  return cp.execFileSync('git', ['pull', '--depth=' + depth]);
};

exports.notGit = function (name) {
  // ok: js-git-argument-injection
  return ['hello', name];
};
