// Annotated test for js-stale-directory-cache (ours, written for the test).
const fs = require('fs');
const path = require('path');

// A class that remembers the folders it made and replaces an existing entry without forgetting it.
class Restorer {
  constructor(root) {
    this.root = root;
    this.made = new Set();
  }

  ensureDir(dir) {
    if (this.made.has(dir)) return;
    fs.mkdirSync(dir, { recursive: true });
    this.made.add(dir);
  }

  replaceWithLink(p, target) {
    // ruleid: js-stale-directory-cache
    fs.rmSync(p, { recursive: true, force: true });
    fs.symlinkSync(target, p);
  }

  replaceWithLinkForgetting(p, target) {
    for (const d of this.made) {
      if (d === p || d.startsWith(p + path.sep)) this.made.delete(d);
    }
    // ok: js-stale-directory-cache
    fs.rmSync(p, { recursive: true, force: true });
    fs.symlinkSync(target, p);
  }

  clearThenRemove(p) {
    this.made.clear();
    // ok: js-stale-directory-cache
    fs.rmdirSync(p);
  }
}

// The cache handed to a mkdir helper that fills it (an extractor's options object).
class Unpacker {
  constructor(opts) {
    this.seen = new Map();
    this.mkdirp = opts.mkdirp;
  }

  prepare(entry, cb) {
    this.mkdirp(path.dirname(entry.target), { cache: this.seen }, cb);
  }

  clobber(entry, cb) {
    fs.lstat(entry.target, (er, st) => {
      if (st && st.isDirectory() && entry.kind !== 'dir') {
        // ruleid: js-stale-directory-cache
        fs.rmdir(entry.target, cb);
      } else if (st) {
        // ruleid: js-stale-directory-cache
        fs.unlink(entry.target, cb);
      } else cb();
    });
  }

  clobberAndReset(entry, cb) {
    if (entry.kind !== 'dir') this.seen = new Map();
    // ok: js-stale-directory-cache
    fs.unlink(entry.target, cb);
  }
}

// A subclass uses the cache its base class set up.
class SyncUnpacker extends Unpacker {
  prepare(entry) {
    this.mkdirp.sync(path.dirname(entry.target), { cache: this.seen });
  }

  clobber(entry) {
    // ruleid: js-stale-directory-cache
    fs.unlinkSync(entry.target);
  }
}

// A class with a cache that is not about directories (stat results) is not this class of bug.
class StatCache {
  constructor() {
    this.stats = new Map();
  }

  statOf(p) {
    if (!this.stats.has(p)) this.stats.set(p, fs.statSync(p));
    return this.stats.get(p);
  }

  drop(p) {
    // ok: js-stale-directory-cache
    fs.unlinkSync(p);
  }
}

// Module-level cache of created folders.
const createdDirs = {};

function mkdirCached(dir) {
  if (createdDirs[dir]) return;
  fs.mkdirSync(dir, { recursive: true });
  createdDirs[dir] = true;
}

function removeEntry(p) {
  // ruleid: js-stale-directory-cache
  fs.rmSync(p, { recursive: true });
}

function removeEntryForgetting(p) {
  for (const d of Object.keys(createdDirs)) if (d === p || d.startsWith(p + '/')) delete createdDirs[d];
  // ok: js-stale-directory-cache
  fs.rmSync(p, { recursive: true });
}

module.exports = { Restorer, Unpacker, SyncUnpacker, StatCache, mkdirCached, removeEntry, removeEntryForgetting };
