// Helper module for js-path-traversal.js.
const fs = require('fs');
const path = require('path');

function readUpload(id) {
  // ruleid: js-path-traversal
  return fs.readFileSync(path.join('/srv/uploads', id));
}

function readSafe(id) {
  // ok: js-path-traversal
  return fs.readFileSync(path.join('/srv/uploads', path.basename(id)));
}

module.exports = { readUpload, readSafe };
