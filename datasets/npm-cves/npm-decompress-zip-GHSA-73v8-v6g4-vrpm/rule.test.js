// Annotated test for decompress-zip-ghsa-73v8-v6g4-vrpm-zip-slip (ours, written for the test).
// Archive readers whose extract() hands the entry list to extractFiles().
const path = require('path');

function Archive() {}
Archive.prototype.unchecked = function (options) {
  const self = this;
  this.getFiles().then(function (files) {
    files = files.filter((f) => f.type !== 'SymbolicLink');
    // ruleid: decompress-zip-ghsa-73v8-v6g4-vrpm-zip-slip
    return self.extractFiles(files, options);
  });
  return this;
};

Archive.prototype.checked = function (options) {
  const self = this;
  this.getFiles().then(function (files) {
    const links = files.filter((f) => f.type === 'SymbolicLink');
    const root = path.resolve(options.path);
    files.concat(links).forEach(function (file) {
      const dest = path.resolve(root, file.path);
      if (dest !== root && dest.indexOf(root + path.sep) !== 0) throw new Error('outside');
    });
    // ok: decompress-zip-ghsa-73v8-v6g4-vrpm-zip-slip
    return self.extractFiles(files, options)
      // ok: decompress-zip-ghsa-73v8-v6g4-vrpm-zip-slip
      .then(self.extractFiles.bind(self, links, options));
  });
  return this;
};

Archive.prototype.prefixOnly = function (options) {
  const self = this;
  this.getFiles().then(function (files) {
    files.forEach(function (file) {
      // No separator: '<path>-sibling' passes.
      if (path.join(options.path, file.path).indexOf(options.path) !== 0) throw new Error('outside');
    });
    // ruleid: decompress-zip-ghsa-73v8-v6g4-vrpm-zip-slip
    return self.extractFiles(files, options);
  });
  return this;
};

module.exports = Archive;
