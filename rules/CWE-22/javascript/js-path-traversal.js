// Annotated test for js-path-traversal (ours, written for the test).
const fs = require('fs');
const path = require('path');
const { readUpload } = require('./js-path-traversal.helper.js');

const ROOT = path.resolve(__dirname, 'public');

function joinAlone(req, res) {
  const file = path.join(ROOT, req.params.name);
  // ruleid: js-path-traversal
  fs.readFile(file, (err, data) => res.end(data));
}

function resolveAndCheck(req, res) {
  const file = path.resolve(ROOT, req.params.name);
  if (!file.startsWith(ROOT + path.sep)) {
    return res.status(403).end();
  }
  // ok: js-path-traversal
  fs.readFile(file, (err, data) => res.end(data));
}

function checkOnlyLogs(req, res) {
  const file = path.resolve(ROOT, req.params.name);
  if (!file.startsWith(ROOT + path.sep)) {
    console.log('outside root', file);
  }
  // ruleid: js-path-traversal
  res.sendFile(file);
}

function baseName(req, res) {
  const name = path.basename(req.query.file);
  // ok: js-path-traversal
  res.sendFile(path.join(ROOT, name));
}

function oneBranchBaseName(req, res) {
  let name = req.query.file;
  if (req.query.flat) name = path.basename(name);
  // ruleid: js-path-traversal
  fs.createReadStream(path.join(ROOT, name)).pipe(res);
}

function dotDotCheck(req, res) {
  const rel = decodeURIComponent(req.url);
  if (rel.includes('..')) return res.status(400).end();
  // ok: js-path-traversal
  fs.readFile(path.join(ROOT, rel), (e, d) => res.end(d));
}

function templatePath(req) {
  // ruleid: js-path-traversal
  fs.unlinkSync(`${ROOT}/${req.body.name}.tmp`);
}

function constantPath(req) {
  let p = req.body.path;
  p = path.join(ROOT, 'index.html');
  // ok: js-path-traversal
  return fs.readFileSync(p);
}

function helper(req) {
  return readUpload(req.query.id);
}

async function koaStyle(ctx) {
  // ruleid: js-path-traversal
  ctx.body = fs.createReadStream(path.join(ROOT, ctx.path));
}

function loopNames(req) {
  for (const n of req.body.names) {
    // ruleid: js-path-traversal
    fs.writeFileSync(path.join(ROOT, n), '');
  }
}

function numericId(req) {
  const id = parseInt(req.params.id, 10);
  // ok: js-path-traversal
  return fs.readFileSync(path.join(ROOT, id + '.json'));
}

exports.extract = function (entryPath, dest) {
  const target = path.join(dest, entryPath);
  // ruleid: js-path-traversal
  fs.writeFileSync(target, '');
};

exports.safeExtract = function (entryPath, dest) {
  const target = path.resolve(dest, entryPath);
  if (!target.startsWith(path.resolve(dest) + path.sep)) throw new Error('zip slip');
  // ok: js-path-traversal
  fs.writeFileSync(target, '');
};

// Zip slip: entry names come from the archive, whoever calls the extractor.
const { Writer } = require('fstream');
function extractAll(parser, dest) {
  parser.on('entry', function (entry) {
    // ruleid: js-path-traversal
    entry.pipe(Writer({ path: path.join(dest, entry.path) }));
  });
  parser.on('entry', (entry) => {
    const target = path.resolve(dest, entry.path);
    if (target.indexOf(path.resolve(dest) + path.sep) !== 0) {
      entry.autodrain();
      return;
    }
    // ok: js-path-traversal
    entry.pipe(Writer({ path: target, mode: entry.mode }));
  });
  parser.on('entry', (header, stream) => {
    // ruleid: js-path-traversal
    stream.pipe(fs.createWriteStream(path.join(dest, header.name)));
  });
  parser.on('data', (chunk) => {
    // ok: js-path-traversal
    fs.appendFileSync(path.join(dest, 'log.txt'), chunk.name);
  });
}

exports.serveStripped = function (url) {
  const p = url.replace(/[\/\\]\.\.[\/\\]/g, '/').replace(/^\.\.[\/\\]/, '');
  // ok: js-path-traversal
  return fs.createReadStream(path.join(ROOT, p));
};

exports.serveLeadingSlash = function (url) {
  const p = url.replace(/^[\/\\]?/, '/');
  // ruleid: js-path-traversal
  return fs.createReadStream(path.join(ROOT, p));
};

module.exports.handlers = { extractAll,  joinAlone, resolveAndCheck, checkOnlyLogs, baseName, oneBranchBaseName, dotDotCheck, templatePath, constantPath, helper, koaStyle, loopNames, numericId };

// Prefix containment checks: a root without a trailing separator lets '/srv/www-private/x'
// pass a check against '/srv/www'.
exports.prefixNoSep = function (name, dir) {
  const base = path.resolve(dir);
  const target = path.resolve(base, name);
  if (!target.startsWith(base)) throw new Error('outside');
  // ruleid: js-path-traversal
  return fs.readFileSync(target);
};

exports.indexOfNormalizedRoot = function (name, root) {
  let file = path.normalize(path.join(root, name));
  root = path.normalize(root);
  if (file.indexOf(root) !== 0) return null;
  // ruleid: js-path-traversal
  return fs.createReadStream(file);
};

function Store(dir) {
  this.dir = path.resolve(dir);
}
Store.prototype.open = function (key) {
  const p = path.join(this.dir, key);
  if (p.substr(0, this.dir.length) !== this.dir) throw new Error('bad key');
  // ruleid: js-path-traversal
  return fs.openSync(p, 'r');
};
exports.Store = Store;

exports.normalizedRootWithSep = function (name, root) {
  let file = path.normalize(path.join(root, name));
  root = path.normalize(root + path.sep);
  if (file.substr(0, root.length) !== root) return null;
  // ok: js-path-traversal
  return fs.createReadStream(file);
};

exports.baseWithSep = function (name, dir) {
  const base = path.resolve(dir) + path.sep;
  const target = path.resolve(base, name);
  if (!target.startsWith(base)) throw new Error('outside');
  // ok: js-path-traversal
  return fs.readFileSync(target);
};

exports.templateSep = function (name, root) {
  const target = path.resolve(root, name);
  if (target.indexOf(`${root}/`) !== 0) throw new Error('outside');
  // ok: js-path-traversal
  fs.unlinkSync(target);
};

function Cache(dir) {
  this.root = path.resolve(dir) + path.sep;
}
Cache.prototype.read = function (key) {
  const p = path.resolve(this.root, key);
  if (p.slice(0, this.root.length) !== this.root) throw new Error('bad key');
  // ok: js-path-traversal
  return fs.readFileSync(p);
};
exports.Cache = Cache;

exports.stripLeadingOnly = function (name) {
  const rel = name.replace(/^(\.\.[\/\\])+/, '');
  // ruleid: js-path-traversal
  return fs.readFileSync(path.join(ROOT, rel));
};

exports.deleteDotDot = function (name) {
  const rel = name.replace(/\.\.\//g, '');
  // ruleid: js-path-traversal
  return fs.readFileSync(path.join(ROOT, rel));
};

exports.replaceSegments = function (name) {
  const rel = name.replace(/(^|[\/\\])\.\.(?=[\/\\]|$)/g, '$1_');
  // ok: js-path-traversal
  return fs.readFileSync(path.join(ROOT, rel));
};

// A check on a path built from the name (`path.resolve(root, name)`) proves the name itself: a
// later join of the name under the root stays inside.
function checkResolvedThenJoinName(req) {
  const name = req.body.name;
  const full = path.resolve(ROOT, name);
  if (!full.startsWith(ROOT + path.sep)) throw new Error('outside');
  // ok: js-path-traversal
  fs.writeFileSync(path.join(ROOT, name), req.body.data);
}

function checkResolvedOnlyLogsThenJoinName(req) {
  const name = req.body.name;
  const full = path.resolve(ROOT, name);
  if (!full.startsWith(ROOT + path.sep)) console.warn('outside', full);
  // ruleid: js-path-traversal
  fs.writeFileSync(path.join(ROOT, name), req.body.data);
}

function checkResolvedThenNameRebound(req) {
  let name = req.body.name;
  const full = path.resolve(ROOT, name);
  name = req.body.other;
  if (!full.startsWith(ROOT + path.sep)) throw new Error('outside');
  // ruleid: js-path-traversal
  fs.writeFileSync(path.join(ROOT, name), req.body.data);
}

// Every entry checked in a callback that throws before any is written (zip slip fixed); a check
// that only skips one entry (`return` in a callback), logs, or runs on some entries does not count.
function checkEveryEntryThenWrite(req) {
  const entries = req.body.entries;
  entries.forEach((entry) => {
    const dest = path.resolve(ROOT, entry.name);
    if (dest !== ROOT && !dest.startsWith(ROOT + path.sep)) {
      throw new Error('entry outside the target: ' + entry.name);
    }
  });
  for (const entry of entries) {
    // ok: js-path-traversal
    fs.writeFileSync(path.join(ROOT, entry.name), entry.data);
  }
}

function checkEveryEntryInForOfThenWrite(req) {
  const entries = req.body.entries;
  for (const e of entries) {
    if (e.name.includes('..')) return;
  }
  entries.forEach((e) => {
    // ok: js-path-traversal
    fs.writeFileSync(path.join(ROOT, e.name), e.data);
  });
}

function checkEveryEntryInMapThenWrite(req) {
  const list = req.body.entries.map(function (entry) {
    if (path.resolve(ROOT, entry.name).indexOf(ROOT + path.sep) !== 0) throw new Error('bad entry');
    return entry;
  });
  // ok: js-path-traversal
  list.forEach((entry) => fs.writeFileSync(path.join(ROOT, entry.name), entry.data));
}

function callbackSkipsOnlyThatEntry(req) {
  const entries = req.body.entries;
  entries.forEach((entry) => {
    const dest = path.resolve(ROOT, entry.name);
    if (!dest.startsWith(ROOT + path.sep)) return;
  });
  // ruleid: js-path-traversal
  entries.forEach((entry) => fs.writeFileSync(path.join(ROOT, entry.name), entry.data));
}

function callbackOnlyLogs(req) {
  const entries = req.body.entries;
  entries.forEach((entry) => {
    if (entry.name.includes('..')) console.warn('suspicious entry', entry.name);
  });
  for (const entry of entries) {
    // ruleid: js-path-traversal
    fs.writeFileSync(path.join(ROOT, entry.name), entry.data);
  }
}

function loopStopsAtFirstMatch(req) {
  const entries = req.body.entries;
  for (const e of entries) {
    if (e.name === 'END') break;
    if (e.name.includes('..')) throw new Error('bad entry');
  }
  // ruleid: js-path-traversal
  entries.forEach((e) => fs.writeFileSync(path.join(ROOT, e.name), e.data));
}

function checkNestedUnderCondition(req) {
  const entries = req.body.entries;
  entries.forEach((entry) => {
    if (entry.strict) {
      if (entry.name.includes('..')) throw new Error('bad entry');
    }
  });
  // ruleid: js-path-traversal
  entries.forEach((entry) => fs.writeFileSync(path.join(ROOT, entry.name), entry.data));
}

function checkOtherList(req) {
  const entries = req.body.entries;
  const names = req.body.names;
  names.forEach((n) => {
    if (n.includes('..')) throw new Error('bad name');
  });
  // ruleid: js-path-traversal
  entries.forEach((e) => fs.writeFileSync(path.join(ROOT, e.name), e.data));
}

module.exports.entryChecks = [checkResolvedThenJoinName, checkResolvedOnlyLogsThenJoinName, checkResolvedThenNameRebound,
  checkEveryEntryThenWrite, checkEveryEntryInForOfThenWrite, checkEveryEntryInMapThenWrite, callbackSkipsOnlyThatEntry,
  callbackOnlyLogs, loopStopsAtFirstMatch, checkNestedUnderCondition, checkOtherList];

// Taint labels: the library caller's own folder as the first segment of a join is the caller's
// choice (label `caller` removed there); request data as that folder, or caller data in a later
// segment, is not.
// (`joinUnder` is not exported: the summary's parameter labels are what is tested.)
function joinUnder(dir, name) {
  return path.join(dir, name);
}

function requestFolder(req) {
  // ruleid: js-path-traversal
  return fs.readFileSync(path.join(req.query.dir, 'index.html'));
}

function requestFolderResolved(req, res) {
  // ruleid: js-path-traversal
  res.sendFile(path.resolve(req.body.root, 'report.pdf'));
}

function requestFolderThroughHelper(req) {
  // ruleid: js-path-traversal
  return fs.readFileSync(joinUnder(req.params.dir, 'data.json'));
}

exports.extractEntries = function (opts) {
  for (const entry of opts.entries) {
    // ruleid: js-path-traversal
    fs.writeFileSync(path.join(opts.dest, entry.name), entry.data);
  }
};

exports.unpack = function (opts) {
  opts.archive.on('entry', (entry) => {
    // ruleid: js-path-traversal
    entry.pipe(fs.createWriteStream(path.resolve(opts.dest, entry.path)));
  });
};

exports.readConfig = function (dir) {
  // ok: js-path-traversal
  return fs.readFileSync(path.join(dir, 'config.json'));
};

exports.saveState = function (opts) {
  const file = path.resolve(opts.cacheDir, 'state.json');
  // ok: js-path-traversal
  fs.writeFileSync(file, JSON.stringify(opts.state));
};

exports.readManifest = function (dir) {
  // ok: js-path-traversal
  return fs.readFileSync(joinUnder(dir, 'package.json'));
};

function Project(root) {
  this.root = root;
}
Project.prototype.lockfile = function () {
  // ok: js-path-traversal
  return fs.readFileSync(path.join(this.root, 'package-lock.json'));
};
exports.Project = Project;

module.exports.labelled = { requestFolder, requestFolderResolved, requestFolderThroughHelper };
