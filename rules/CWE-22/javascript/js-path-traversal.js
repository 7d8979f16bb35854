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
