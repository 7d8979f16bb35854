// Annotated test for js-hardlink-overwrite (ours, written for the test).
const fs = require('fs');
const rimraf = require('rimraf');

function kindOf(st) {
  return st.isDirectory() ? 'dir' : st.isSymbolicLink() ? 'link' : 'file';
}

// Restoring a backup entry: an existing entry of another kind is removed, one of the same kind reused.
function restoreEntry(entry, dest) {
  let st = null;
  try { st = fs.lstatSync(dest); } catch (e) { st = null; }
  if (st) {
    const existingKind = kindOf(st);
    if (existingKind !== entry.kind) {
      // ruleid: js-hardlink-overwrite
      fs.rmSync(dest, { recursive: true, force: true });
    }
  }
  fs.writeFileSync(dest, entry.data);
}

function restoreEntryCheckingLinks(entry, dest) {
  let st = null;
  try { st = fs.lstatSync(dest); } catch (e) { st = null; }
  if (st && (kindOf(st) !== entry.kind || st.nlink > 1)) {
    // ok: js-hardlink-overwrite
    fs.rmSync(dest, { recursive: true, force: true });
  }
  fs.writeFileSync(dest, entry.data);
}

// Callback style, as stream writers do it.
function Writer(props) {
  this.path = props.path;
  this.type = props.type;
}

Writer.prototype.prepare = function (done) {
  const self = this;
  fs.lstat(self.path, function (er, current) {
    if (er) return done();
    if (kindOf(current) != self.type) {
      // ruleid: js-hardlink-overwrite
      return rimraf(self.path, done);
    }
    done();
  });
};

Writer.prototype.prepareRefusingLinks = function (done) {
  const self = this;
  fs.lstat(self.path, function (er, current) {
    if (er) return done();
    if (current.nlink > 1) return done(new Error('refusing to write through a hard link'));
    if (kindOf(current) !== self.type) {
      // ok: js-hardlink-overwrite
      return rimraf(self.path, done);
    }
    done();
  });
};

// The kind of the entry read from a manifest, compared by a type field.
async function syncFile(item, target) {
  const st = await fs.promises.lstat(target).catch(() => null);
  if (st !== null) {
    const type = st.isFile() ? 'file' : 'other';
    if (type !== item.type) {
      // ruleid: js-hardlink-overwrite
      fs.unlinkSync(target);
    }
  }
  await fs.promises.writeFile(target, item.body);
}

// Always removing the old entry first is safe; the comparison is not about the entry's kind.
function replaceAlways(dest, data) {
  // ok: js-hardlink-overwrite
  fs.rmSync(dest, { force: true });
  fs.writeFileSync(dest, data);
}

function replaceIfChanged(dest, data, oldHash, newHash) {
  if (oldHash !== newHash) {
    // ok: js-hardlink-overwrite
    fs.unlinkSync(dest);
    fs.writeFileSync(dest, data);
  }
}

module.exports = { restoreEntry, restoreEntryCheckingLinks, Writer, syncFile, replaceAlways, replaceIfChanged };
