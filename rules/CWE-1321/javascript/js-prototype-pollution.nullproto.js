// js-prototype-pollution and prototype-less objects (ours, written for the test): a registry
// keyed by the caller's names is safe when it was created with Object.create(null).
function Catalog(opts) {
  this.lang = opts.lang;
  this.entries = Object.create(null);
  this.plain = {};
}

Catalog.prototype.add = function (key, text) {
  // ok: js-prototype-pollution
  this.entries[this.lang][key] = text;
  // ruleid: js-prototype-pollution
  this.plain[this.lang][key] = text;
};

function groupBy(rows, field, label) {
  const groups = Object.create(null);
  for (const row of rows) {
    const name = row[field];
    if (!groups[name]) groups[name] = [];
    // ok: js-prototype-pollution
    groups[name][label] = row;
  }
  return groups;
}

function groupByPlain(rows, field, label) {
  const buckets = {};
  for (const row of rows) {
    const name = row[field];
    // ruleid: js-prototype-pollution
    buckets[name][label] = row;
  }
  return buckets;
}

function memo(key, sub, value) {
  const table = { __proto__: null };
  // ok: js-prototype-pollution
  table[key][sub] = value;
  return table;
}

class Registry {
  constructor() {
    this.byScope = Object.create(null);
  }

  reset() {
    this.byScope = {};
  }

  put(scope, name, value) {
    // ruleid: js-prototype-pollution
    this.byScope[scope][name] = value;
  }
}

// The helper's path walker, so this file's run also checks the helper's annotations.
const { setPath } = require('./js-prototype-pollution.helper.js');

function setFromRequest(req) {
  return setPath({}, req.body.path, req.body.value);
}

module.exports = { Catalog, groupBy, groupByPlain, memo, Registry, setFromRequest };
